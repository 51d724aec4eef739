import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { randomUUID } from 'node:crypto';

/** Where uploaded files live. Keys are opaque paths chosen by the server (never by the client). */
export interface FileStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes, or null when there is none under `key`. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Files on local disk under `root` (default `${KEFU_DATA_DIR:-.data}/uploads`). */
export class DiskStorage implements FileStorage {
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
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, bytes);
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
}

const globalForStorage = globalThis as unknown as { kefuStorage?: FileStorage };

/** The process-wide storage; reads KEFU_DATA_DIR on first use (tests point it at a temp dir first). */
export function storage(): FileStorage {
  globalForStorage.kefuStorage ??= new DiskStorage(join(process.env.KEFU_DATA_DIR ?? '.data', 'uploads'));
  return globalForStorage.kefuStorage;
}

/** Replaces the storage (tests). */
export function setStorage(next: FileStorage | undefined): void {
  globalForStorage.kefuStorage = next;
}
