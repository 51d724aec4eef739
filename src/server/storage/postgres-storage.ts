import 'server-only';
import { prisma, type Tx } from '@/server/db';
import type { FileStorage } from './storage';

/**
 * Bytes per StoredFileChunk row. A file is written as ⌈size / 1 MiB⌉ rows in one transaction, so no single value
 * approaches PostgreSQL's 1 GB field limit and no statement carries more than the upload limit (10 MiB,
 * MAX_ATTACHMENT_BYTES) — whatever limits a future upload route sets.
 */
export const STORED_FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * The key prefixes removeOrphans may clean, each with the rows that keep a file under it alive. A key under any other
 * prefix is never removed by the cleanup: a new kind of stored file must name its owner here to be cleaned.
 */
export const OWNED_PREFIXES = {
  interactions: `EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storageKey" = f.key)`,
  notices: `EXISTS (SELECT 1 FROM "Attachment" a WHERE a."storageKey" = f.key)`,
  'work-orders': `EXISTS (SELECT 1 FROM "WorkOrder" w WHERE w."signatureKey" = f.key)`,
  'pending-uploads': `EXISTS (SELECT 1 FROM "PendingUpload" p WHERE 'pending-uploads/' || p.id::text = f.key)`,
} as const;

const KEY = /^[a-zA-Z0-9/_-]+$/;

/**
 * Files in the application's PostgreSQL database (tables StoredFile and StoredFileChunk), so every app instance on that
 * database reads what any of them wrote (KEFU_STORAGE=postgres, the default). Works the same on the embedded PGlite.
 * A put replaces the file in one transaction: a reader sees the old file, the new one, or none — never half of one.
 */
export class PostgresStorage implements FileStorage {
  readonly shared = true;

  /**
   * `legacy`: where files were kept before (the disk storage of `$KEFU_DATA_DIR/uploads`, createStorage): a key not in
   * the database is read from there, and deleted there too, so attachments stored before the switch stay readable.
   */
  constructor(private readonly legacy: FileStorage | null = null) {}

  private check(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
    return key;
  }

  async put(key: string, bytes: Uint8Array, tx?: Tx): Promise<void> {
    this.check(key);
    const chunks: { key: string; part: number; bytes: Uint8Array<ArrayBuffer> }[] = [];
    for (let offset = 0, part = 0; offset < bytes.length; offset += STORED_FILE_CHUNK_BYTES, part += 1)
      chunks.push({ key, part, bytes: Uint8Array.from(bytes.subarray(offset, offset + STORED_FILE_CHUNK_BYTES)) });
    const write = async (db: Tx) => {
      await db.storedFile.deleteMany({ where: { key } });
      await db.storedFile.create({ data: { key, sizeBytes: bytes.length } });
      for (const chunk of chunks) await db.storedFileChunk.create({ data: chunk });
    };
    await (tx ? write(tx) : prisma.$transaction(write));
  }

  async get(key: string, tx?: Tx): Promise<Uint8Array | null> {
    this.check(key);
    const file = await (tx ?? prisma).storedFile.findUnique({
      where: { key },
      select: { sizeBytes: true, chunks: { select: { bytes: true }, orderBy: { part: 'asc' } } },
    });
    if (!file) return this.legacy ? this.legacy.get(key) : null;
    const out = new Uint8Array(file.sizeBytes);
    let offset = 0;
    for (const { bytes } of file.chunks) {
      if (offset + bytes.length > out.length) throw new Error(`stored file ${key} is longer than its recorded size`);
      out.set(bytes, offset);
      offset += bytes.length;
    }
    if (offset !== out.length) throw new Error(`stored file ${key} is shorter than its recorded size`);
    return out;
  }

  async delete(key: string): Promise<void> {
    this.check(key);
    await prisma.storedFile.deleteMany({ where: { key } });
    await this.legacy?.delete(key);
  }

  /**
   * Nothing is ever half-written here (a put is one transaction), so the orphans are whole files no record names: an
   * attachment whose transaction rolled back after its file was written and whose clean-up failed, a pending upload
   * whose row was never written or whose claim's clean-up did not run. Only files older than `olderThan` and under a
   * prefix of OWNED_PREFIXES go; `folders` is always 0.
   */
  async removeOrphans(olderThan: Date): Promise<{ files: number; folders: number }> {
    let files = 0;
    for (const [prefix, owned] of Object.entries(OWNED_PREFIXES)) {
      files += await prisma.$executeRawUnsafe(
        `DELETE FROM "StoredFile" f WHERE f."createdAt" < $1 AND f.key LIKE $2 AND NOT ${owned}`,
        olderThan,
        `${prefix}/%`,
      );
    }
    return { files, folders: 0 };
  }
}
