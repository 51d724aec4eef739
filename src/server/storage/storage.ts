import 'server-only';
import { mkdir, readdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/server/db';
import { PostgresStorage } from './postgres-storage';
import { S3Storage, s3ConfigFromEnv } from './s3-storage';

/** Where uploaded files live. Keys are opaque paths chosen by the server (never by the client). */
export interface FileStorage {
  /** True when every app instance on the database reads what any of them wrote (PostgresStorage). */
  readonly shared: boolean;
  /**
   * Stores `bytes` under `key`, replacing what was there. Inside a transaction pass it as `tx`: PostgresStorage then
   * writes the file in it (committed or rolled back with the record that names it, and no second connection taken
   * while the transaction holds one — on the embedded PGlite, which runs one connection's transaction at a time, a
   * second would wait for ever). DiskStorage ignores it.
   */
  put(key: string, bytes: Uint8Array, tx?: Tx): Promise<void>;
  /** The file's bytes, or null when there is none under `key`; `tx` as for put. */
  get(key: string, tx?: Tx): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
  /**
   * Removes what failed or crashed uploads left behind — temp files and empty folders last touched before
   * `olderThan` — and says how many of each.
   */
  removeOrphans(olderThan: Date): Promise<{ files: number; folders: number }>;
}

const TEMP_SUFFIX = '.tmp';

/** Files on local disk under `root` (default `${KEFU_DATA_DIR:-.data}/uploads`). */
export class DiskStorage implements FileStorage {
  readonly shared = false;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[a-zA-Z0-9/_-]+$/.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
    const full = resolve(this.root, key);
    // Defence in depth: a key can never point outside the root.
    if (!full.startsWith(resolve(this.root) + sep)) throw new Error(`invalid storage key: ${key}`);
    return full;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    // Write then rename, so a reader never sees half a file.
    const temp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, bytes).catch(async (error: NodeJS.ErrnoException) => {
      // An old empty folder can be removed by removeOrphans between the mkdir and the write: make it again, once.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temp, bytes);
    });
    await rename(temp, path);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  /**
   * A crash between writing and renaming leaves `<key>.<uuid>.tmp`; an upload whose transaction failed deletes its
   * files but leaves their folder. Only what is older than `olderThan` goes, so an upload in progress (a temp file
   * being written, a folder just made) is never touched; rmdir removes a folder only while it is empty.
   */
  async removeOrphans(olderThan: Date): Promise<{ files: number; folders: number }> {
    const removed = { files: 0, folders: 0 };
    const root = resolve(this.root);
    const ignoreGone = (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT' && error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    };
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          await walk(path);
          const info = await stat(path).catch(() => null);
          if (info && info.mtime < olderThan && (await readdir(path).catch(() => ['?'])).length === 0) {
            await rmdir(path).then(() => (removed.folders += 1), ignoreGone);
          }
        } else if (entry.isFile() && entry.name.endsWith(TEMP_SUFFIX)) {
          const info = await stat(path).catch(() => null);
          if (info && info.mtime < olderThan) await unlink(path).then(() => (removed.files += 1), ignoreGone);
        }
      }
    };
    await walk(root);
    return removed;
  }
}

export const STORAGE_DRIVERS = ['postgres', 'disk', 's3'] as const;
export type StorageDriver = (typeof STORAGE_DRIVERS)[number];

/**
 * KEFU_STORAGE: `postgres` (the default) keeps files in the application database — on a PostgreSQL server and on the
 * embedded PGlite alike — so any number of app instances share them; `disk` keeps them under
 * `${KEFU_DATA_DIR:-.data}/uploads` on this machine (one instance, or a folder every instance mounts); `s3` keeps them
 * in an S3-compatible bucket (KEFU_S3_*, s3-storage.ts) for installations whose files outgrow the database. Anything
 * else is refused at first use rather than silently falling back.
 */
export function storageDriver(value = process.env.KEFU_STORAGE): StorageDriver {
  const driver = (value ?? '').trim().toLowerCase() || 'postgres';
  if (!(STORAGE_DRIVERS as readonly string[]).includes(driver))
    throw new Error(`KEFU_STORAGE=${value} is not a storage driver (${STORAGE_DRIVERS.join(', ')})`);
  return driver as StorageDriver;
}

/** A new storage of `driver` (disk: under `${KEFU_DATA_DIR:-.data}/uploads`, which postgres reads as a fallback). */
export function createStorage(driver: StorageDriver = storageDriver()): FileStorage {
  if (driver === 's3') return new S3Storage(s3ConfigFromEnv());
  const disk = new DiskStorage(join(process.env.KEFU_DATA_DIR ?? '.data', 'uploads'));
  // Files written to disk before PostgreSQL became the default stay readable through it (read-only fallback).
  return driver === 'disk' ? disk : new PostgresStorage(disk);
}

const globalForStorage = globalThis as unknown as { kefuStorage?: FileStorage };

/** The process-wide storage; reads KEFU_STORAGE and KEFU_DATA_DIR on first use (tests choose theirs first). */
export function storage(): FileStorage {
  globalForStorage.kefuStorage ??= createStorage();
  return globalForStorage.kefuStorage;
}

/** Replaces the storage (tests). */
export function setStorage(next: FileStorage | undefined): void {
  globalForStorage.kefuStorage = next;
}
