import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { prisma, type Tx } from '@/server/db';
import { storage } from './storage';

/**
 * Files uploaded ahead of the record they belong to (POST /api/uploads, src/server/http/upload-http.ts). Each is streamed
 * to `<pending-uploads>/<id>` and recorded as a PendingUpload row keyed by the SHA-256 of a random token the uploader
 * gets; an intake claims it with the token inside the transaction that creates its Attachment (claimPendingUpload).
 *
 * With a shared storage (KEFU_STORAGE=postgres, the default) the checked file is then moved into the storage under
 * `pending-uploads/<id>` before its row is written, so an intake on another app instance can claim it; the local file
 * only lives while the body streams in. With disk storage the local file is the upload until it is claimed.
 *
 * All times here are the wall clock's, not the application clock's (which a test server may move): they are compared
 * with file modification times, and an hour of real time is what an upload may wait.
 */

/** An upload not claimed within this time is refused by the intake and removed by removeExpiredPendingUploads. */
export const PENDING_UPLOAD_MAX_AGE_MS = 60 * 60_000;

const globalForPending = globalThis as unknown as { kefuPendingUploadsDir?: string };

/**
 * `${KEFU_DATA_DIR:-.data}/pending-uploads`: beside `uploads/`, not inside it, so nothing that walks or backs up the
 * attachments' folder meets files that belong to no record yet.
 */
export function pendingUploadsDir(): string {
  globalForPending.kefuPendingUploadsDir ??= join(process.env.KEFU_DATA_DIR ?? '.data', 'pending-uploads');
  return globalForPending.kefuPendingUploadsDir;
}

/** Points pending uploads at another folder (tests). */
export function setPendingUploadsDir(dir: string | undefined): void {
  globalForPending.kefuPendingUploadsDir = dir;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Ids are ours (randomUUID), never the client's; the check keeps a stray name in the folder from becoming a path.
const pathOf = (id: string) => {
  if (!UUID.test(id)) throw new Error(`invalid pending upload id: ${id}`);
  return join(pendingUploadsDir(), id);
};
/** Where a pending upload's bytes live in a shared storage. */
export const pendingStorageKey = (id: string) => `pending-uploads/${id}`;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');
const ignoreMissing = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error;
};

export type PendingFileInfo = { fileName: string; mimeType: string; sizeBytes: number };
export type PendingUploadReceipt = PendingFileInfo & { token: string; expiresAt: Date };

/**
 * Writes one upload: `write` streams the bytes into the new file (and checks them as they pass) and resolves with what
 * it accepted once the file is complete and closed; the upload is then recorded and its token returned. Whatever
 * fails — `write` refusing the content, the client going away, the disk, the database — leaves no file behind.
 */
export async function savePendingUpload(
  write: (file: WriteStream) => Promise<PendingFileInfo>,
  now: Date = new Date(),
): Promise<PendingUploadReceipt> {
  const id = randomUUID();
  const path = pathOf(id);
  await mkdir(pendingUploadsDir(), { recursive: true });
  // `wx`: a fresh name, never someone else's file.
  const file = createWriteStream(path, { flags: 'wx' });
  let stored: string | null = null;
  try {
    const info = await write(file);
    if (storage().shared) {
      // Into the shared storage first (the row names a file that exists), then off the local disk.
      stored = pendingStorageKey(id);
      await storage().put(stored, await readFile(path));
      await unlink(path).catch(ignoreMissing);
    }
    // 256 random bits: unguessable, and only its hash is stored, so a copy of the table claims nothing.
    const token = randomBytes(32).toString('base64url');
    await prisma.pendingUpload.create({ data: { id, tokenHash: hashToken(token), ...info, createdAt: now } });
    return { ...info, token, expiresAt: new Date(now.getTime() + PENDING_UPLOAD_MAX_AGE_MS) };
  } catch (error) {
    file.destroy();
    await new Promise<void>((resolve) => (file.closed ? resolve() : file.once('close', () => resolve())));
    await unlink(path).catch(ignoreMissing);
    if (stored)
      await storage()
        .delete(stored)
        .catch((e: unknown) => console.error(`[uploads] could not delete ${stored}:`, e));
    throw error;
  }
}

export type ClaimedUpload = PendingFileInfo & { id: string; bytes: Uint8Array };

/**
 * Takes the upload named by `token` inside the caller's transaction, or null when there is none (unknown, already
 * claimed, or older than an hour). The row is deleted in `tx`: a second claim of the same token waits for the first
 * transaction and then finds nothing, and a claim whose transaction rolls back leaves the upload claimable again. The
 * file stays until the caller, after its commit, discards it (discardPendingFiles).
 */
export async function claimPendingUpload(tx: Tx, token: string, now: Date = new Date()): Promise<ClaimedUpload | null> {
  const notBefore = new Date(now.getTime() - PENDING_UPLOAD_MAX_AGE_MS);
  const [row] = await tx.$queryRaw<(PendingFileInfo & { id: string })[]>`
    DELETE FROM "PendingUpload" WHERE "tokenHash" = ${hashToken(token)} AND "createdAt" >= ${notBefore}
    RETURNING id::text AS id, "fileName", "mimeType", "sizeBytes"`;
  if (!row) return null;
  const bytes = storage().shared
    ? await storage().get(pendingStorageKey(row.id), tx)
    : await readFile(pathOf(row.id)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
  // A file gone or cut short (a disk restored without it) is no upload; the row's deletion stands.
  if (!bytes || bytes.length !== row.sizeBytes) return null;
  return { ...row, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
}

/** Deletes a pending upload's bytes wherever they are (the local file, the shared storage's copy). */
async function deletePendingFile(id: string): Promise<void> {
  await unlink(pathOf(id)).catch(ignoreMissing);
  if (storage().shared) await storage().delete(pendingStorageKey(id));
}

/** Removes the files of claimed uploads once their records are committed (best effort: leftovers are orphans). */
export async function discardPendingFiles(ids: readonly string[]): Promise<void> {
  await Promise.all(
    ids.map((id) =>
      deletePendingFile(id).catch((error: unknown) => {
        console.error(`[uploads] could not delete pending file ${id}:`, error);
      }),
    ),
  );
}

/**
 * Deletes uploads not claimed within an hour of `now` (rows, then their files), and files in the folder that belong to
 * no upload and were last written more than an hour before `now`: what a refused upload, a crash mid-upload or after a
 * claim's commit left. A file being written is younger than that (a request lives two minutes at most). For the
 * periodic cleanup job. (A shared storage's copies that lost their row are its removeOrphans' to delete.)
 */
export async function removeExpiredPendingUploads(
  now: Date = new Date(),
): Promise<{ uploads: number; orphanFiles: number }> {
  const before = new Date(now.getTime() - PENDING_UPLOAD_MAX_AGE_MS);
  // DELETE … RETURNING takes exactly the rows no claim holds or took: a claim in progress keeps its row locked, and
  // this statement then skips it if that claim commits.
  const expired = await prisma.$queryRaw<
    { id: string }[]
  >`DELETE FROM "PendingUpload" WHERE "createdAt" < ${before} RETURNING id::text AS id`;
  await Promise.all(expired.map(({ id }) => deletePendingFile(id)));

  const names = await readdir(pendingUploadsDir()).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const candidates: string[] = [];
  for (const name of names) {
    const info = await stat(join(pendingUploadsDir(), name)).catch(() => null);
    if (info?.isFile() && info.mtime < before) candidates.push(name);
  }
  const ids = candidates.filter((name) => UUID.test(name));
  const live = new Set(
    ids.length
      ? (await prisma.pendingUpload.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((row) => row.id)
      : [],
  );
  const orphans = candidates.filter((name) => !live.has(name));
  await Promise.all(orphans.map((name) => unlink(join(pendingUploadsDir(), name)).catch(ignoreMissing)));
  return { uploads: expired.length, orphanFiles: orphans.length };
}
