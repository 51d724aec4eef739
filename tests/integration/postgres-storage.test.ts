import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { runHousekeeping } from '@/server/queue/housekeeping';
import {
  claimPendingUpload,
  discardPendingFiles,
  PENDING_UPLOAD_MAX_AGE_MS,
  pendingStorageKey,
  pendingUploadsDir,
  removeExpiredPendingUploads,
  savePendingUpload,
} from '@/server/storage/pending-uploads';
import { PostgresStorage, STORED_FILE_CHUNK_BYTES } from '@/server/storage/postgres-storage';
import { createStorage, DiskStorage, storage, storageDriver } from '@/server/storage/storage';
import { useTempStorage } from '../helpers/interactions';

/** The PostgreSQL file storage (KEFU_STORAGE=postgres, the default) and pending uploads kept in it. */
const files = new PostgresStorage();
const HOUR_AGO = new Date(Date.now() - 3_600_000);

beforeAll(() => {
  useTempStorage();
});

const upload = (text: string) =>
  savePendingUpload(async (file) => {
    const bytes = Buffer.from(text);
    await new Promise<void>((resolve, reject) => file.end(bytes, (e?: Error | null) => (e ? reject(e) : resolve())));
    return { fileName: 'a.txt', mimeType: 'text/plain', sizeBytes: bytes.length };
  });

/** Backdates a stored file, as if it had been written `at`. */
const age = (key: string, at = HOUR_AGO) => prisma.storedFile.update({ where: { key }, data: { createdAt: at } });

describe('KEFU_STORAGE', () => {
  it('is postgres by default, disk on request, and anything else is refused', () => {
    expect(storageDriver(undefined)).toBe('postgres');
    expect(storageDriver('')).toBe('postgres');
    expect(storageDriver('Disk')).toBe('disk');
    expect(storageDriver('S3')).toBe('s3');
    expect(() => storageDriver('ftp')).toThrow(/not a storage driver/);
    expect(createStorage('postgres')).toBeInstanceOf(PostgresStorage);
    expect(createStorage('disk')).toBeInstanceOf(DiskStorage);
    expect(storage().shared).toBe(true);
  });
});

describe('PostgresStorage', () => {
  it('keeps a file of several chunks byte for byte, replaces it whole, and deletes it', async () => {
    const big = new Uint8Array(randomBytes(2 * STORED_FILE_CHUNK_BYTES + 12_345));
    await files.put('interactions/x/big', big);
    expect(await prisma.storedFileChunk.count({ where: { key: 'interactions/x/big' } })).toBe(3);
    // Compared as Buffers: toEqual walks a typed array element by element (minutes for megabytes).
    const got = await files.get('interactions/x/big');
    expect(got?.length).toBe(big.length);
    expect(Buffer.from(got!).equals(Buffer.from(big))).toBe(true);

    const small = new Uint8Array([1, 2, 3]);
    await files.put('interactions/x/big', small);
    expect(await prisma.storedFileChunk.count({ where: { key: 'interactions/x/big' } })).toBe(1);
    expect(await files.get('interactions/x/big')).toEqual(small);

    await files.put('interactions/x/empty', new Uint8Array());
    expect(await files.get('interactions/x/empty')).toEqual(new Uint8Array());

    await files.delete('interactions/x/big');
    await files.delete('interactions/x/never-written');
    expect(await files.get('interactions/x/big')).toBeNull();
    expect(await prisma.storedFileChunk.count({ where: { key: 'interactions/x/big' } })).toBe(0);
  });

  it('reads and deletes a file stored on disk before the switch (the legacy fallback)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-legacy-'));
    const disk = new DiskStorage(dir);
    await disk.put('interactions/old/file', new Uint8Array([7, 8]));
    const withLegacy = new PostgresStorage(disk);
    expect(await withLegacy.get('interactions/old/file')).toEqual(new Uint8Array([7, 8]));
    // New files go to the database only; the database wins where both hold a key.
    await withLegacy.put('interactions/old/new', new Uint8Array([9]));
    expect(await disk.get('interactions/old/new')).toBeNull();
    await withLegacy.delete('interactions/old/file');
    expect(await disk.get('interactions/old/file')).toBeNull();
    expect(await withLegacy.get('interactions/old/file')).toBeNull();
    await withLegacy.delete('interactions/old/new');
  });

  it('refuses keys that are not the server’s', async () => {
    await expect(files.put('../etc/passwd', new Uint8Array([1]))).rejects.toThrow(/invalid storage key/);
    await expect(files.get('a b')).rejects.toThrow(/invalid storage key/);
  });

  it('a file cut short in the database is an error, not a shorter file', async () => {
    await files.put('interactions/x/cut', new Uint8Array(randomBytes(STORED_FILE_CHUNK_BYTES + 10)));
    await prisma.storedFileChunk.delete({ where: { key_part: { key: 'interactions/x/cut', part: 1 } } });
    await expect(files.get('interactions/x/cut')).rejects.toThrow(/shorter/);
    await files.delete('interactions/x/cut');
  });

  it('removeOrphans deletes old files no record names, under the known prefixes only', async () => {
    // An old attachment file with its row stays; the same without a row goes; a young one without a row stays.
    const owned = `interactions/${randomUUID()}/${randomUUID()}`;
    await files.put(owned, new Uint8Array([1]));
    await prisma.attachment.create({
      data: { fileName: 'a.txt', mimeType: 'text/plain', sizeBytes: 1, storageKey: owned },
    });
    await age(owned);
    const orphan = `interactions/${randomUUID()}/${randomUUID()}`;
    await files.put(orphan, new Uint8Array([2]));
    await age(orphan);
    const young = `notices/${randomUUID()}/${randomUUID()}`;
    await files.put(young, new Uint8Array([3]));
    const oldSignature = `work-orders/${randomUUID()}/signature-${randomUUID()}`;
    await files.put(oldSignature, new Uint8Array([4]));
    await age(oldSignature);
    // A prefix nobody registered in OWNED_PREFIXES is never cleaned.
    const foreign = `reports/${randomUUID()}`;
    await files.put(foreign, new Uint8Array([5]));
    await age(foreign);
    // A pending upload whose row exists stays; the copy of one whose row is gone goes.
    await upload('live');
    const liveId = (await prisma.pendingUpload.findFirstOrThrow()).id;
    await age(pendingStorageKey(liveId));
    const lost = pendingStorageKey(randomUUID());
    await files.put(lost, new Uint8Array([6]));
    await age(lost);

    const cutoff = new Date(Date.now() - 10 * 60_000);
    expect(await files.removeOrphans(cutoff)).toEqual({ files: 3, folders: 0 });
    expect(await files.get(orphan)).toBeNull();
    expect(await files.get(oldSignature)).toBeNull();
    expect(await files.get(lost)).toBeNull();
    expect(await files.get(owned)).toEqual(new Uint8Array([1]));
    expect(await files.get(young)).toEqual(new Uint8Array([3]));
    expect(await files.get(foreign)).toEqual(new Uint8Array([5]));
    expect(await files.get(pendingStorageKey(liveId))).toEqual(new Uint8Array(Buffer.from('live')));
    // The hourly housekeeping job runs it: nothing is left to remove.
    expect((await runHousekeeping()).tempFiles).toBe(0);
    await prisma.pendingUpload.deleteMany();
    await prisma.storedFile.deleteMany();
    await prisma.attachment.deleteMany();
  });
});

describe('pending uploads in the shared storage', () => {
  it('leave no local file: the bytes are in the database under pending-uploads/<id>, claimed once, then deleted', async () => {
    const receipt = await upload('来自实例 A 的文件');
    const { id } = await prisma.pendingUpload.findFirstOrThrow();
    expect(readdirSync(pendingUploadsDir())).toEqual([]);
    expect(await prisma.storedFile.findUnique({ where: { key: pendingStorageKey(id) } })).not.toBeNull();

    const claimed = await prisma.$transaction((tx) => claimPendingUpload(tx, receipt.token));
    expect(Buffer.from(claimed!.bytes).toString()).toBe('来自实例 A 的文件');
    expect(await prisma.$transaction((tx) => claimPendingUpload(tx, receipt.token))).toBeNull();
    await discardPendingFiles([id]);
    expect(await prisma.storedFile.count()).toBe(0);
  });

  it('an upload whose copy is missing is no upload', async () => {
    const receipt = await upload('lost');
    const { id } = await prisma.pendingUpload.findFirstOrThrow();
    await files.delete(pendingStorageKey(id));
    expect(await prisma.$transaction((tx) => claimPendingUpload(tx, receipt.token))).toBeNull();
  });

  it('expire with their stored copies', async () => {
    await upload('expires');
    expect(await prisma.storedFile.count()).toBe(1);
    const later = new Date(Date.now() + PENDING_UPLOAD_MAX_AGE_MS + 1000);
    expect(await removeExpiredPendingUploads(later)).toEqual({ uploads: 1, orphanFiles: 0 });
    expect(await prisma.storedFile.count()).toBe(0);
    expect(await prisma.pendingUpload.count()).toBe(0);
  });

  it('a refused upload leaves nothing behind', async () => {
    await expect(
      savePendingUpload(async (file) => {
        file.end('x');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await prisma.storedFile.count()).toBe(0);
    expect(readdirSync(pendingUploadsDir())).toEqual([]);
  });
});
