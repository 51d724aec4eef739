import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { S3Storage, s3ConfigFromEnv } from '@/server/storage/s3-storage';
import { createStorage } from '@/server/storage/storage';

// KEFU_STORAGE=s3 against a real S3-compatible server that the test starts itself (s3rver, a devDependency, on a free
// local port with a temporary folder): the driver stores, reads, replaces and deletes files over the S3 protocol, and
// its orphan clean-up asks the database which objects a record still names.

let server: S3rver;
let dir: string;
let env: Record<string, string>;
const BUCKET = 'kefu-files';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-s3-'));
  server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
  const { port } = await server.run();
  env = {
    KEFU_STORAGE: 's3',
    KEFU_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    KEFU_S3_BUCKET: BUCKET,
    KEFU_S3_REGION: 'us-east-1',
    KEFU_S3_ACCESS_KEY_ID: 'S3RVER',
    KEFU_S3_SECRET_ACCESS_KEY: 'S3RVER',
    KEFU_S3_FORCE_PATH_STYLE: 'true',
  };
  const config = s3ConfigFromEnv(env);
  const admin = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: true,
    credentials: config.credentials!,
  });
  await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
  admin.destroy();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('KEFU_S3_* configuration', () => {
  it('reads the bucket, endpoint, region, key pair and path style; refuses a missing bucket or half a key pair', () => {
    expect(s3ConfigFromEnv(env)).toEqual({
      endpoint: env.KEFU_S3_ENDPOINT,
      bucket: BUCKET,
      region: 'us-east-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
    });
    expect(s3ConfigFromEnv({ KEFU_S3_BUCKET: 'b' })).toEqual({
      endpoint: undefined,
      bucket: 'b',
      region: 'us-east-1',
      credentials: undefined,
      forcePathStyle: false,
    });
    expect(() => s3ConfigFromEnv({})).toThrow(/KEFU_S3_BUCKET/);
    expect(() => s3ConfigFromEnv({ KEFU_S3_BUCKET: 'b', KEFU_S3_ACCESS_KEY_ID: 'x' })).toThrow(/together/);
    expect(() => s3ConfigFromEnv({ KEFU_S3_BUCKET: 'b', KEFU_S3_FORCE_PATH_STYLE: 'ja' })).toThrow(/true or false/);
  });

  it('KEFU_STORAGE=s3 makes a shared S3Storage', () => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const made = createStorage('s3');
      expect(made).toBeInstanceOf(S3Storage);
      expect(made.shared).toBe(true);
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    }
  });
});

describe('S3Storage on a local S3-compatible server', () => {
  const files = () => new S3Storage(s3ConfigFromEnv(env));

  it('stores a 12 MiB file byte for byte, replaces it whole, and deletes it', async () => {
    const s3 = files();
    const key = `interactions/${randomUUID()}/big`;
    const big = new Uint8Array(randomBytes(12 * 1024 * 1024 + 7));
    await s3.put(key, big);
    const got = await s3.get(key);
    expect(got?.length).toBe(big.length);
    // Compared as Buffers: toEqual walks a typed array element by element (minutes for megabytes).
    expect(Buffer.from(got!).equals(Buffer.from(big))).toBe(true);

    await s3.put(key, new TextEncoder().encode('第二版'));
    expect(new TextDecoder().decode((await s3.get(key))!)).toBe('第二版');

    await s3.delete(key);
    expect(await s3.get(key)).toBeNull();
    await expect(s3.delete(key)).resolves.toBeUndefined(); // deleting a missing file is no error
  });

  it('answers null for a key that was never stored and refuses keys that could escape', async () => {
    const s3 = files();
    expect(await s3.get(`interactions/${randomUUID()}/none`)).toBeNull();
    await expect(s3.put('../etc/passwd', new Uint8Array(1))).rejects.toThrow(/invalid storage key/);
    await expect(s3.get('interactions/a b')).rejects.toThrow(/invalid storage key/);
  });

  it('removeOrphans deletes old objects no record names and keeps the ones a record names', async () => {
    const s3 = files();
    const pending = await prisma.pendingUpload.create({
      data: { tokenHash: randomUUID(), fileName: 'a.txt', mimeType: 'text/plain', sizeBytes: 1 },
    });
    const kept = `pending-uploads/${pending.id}`;
    const orphan = `pending-uploads/${randomUUID()}`;
    const unowned = `elsewhere/${randomUUID()}`; // under no owned prefix: never cleaned
    for (const key of [kept, orphan, unowned]) await s3.put(key, new Uint8Array([1]));

    // Everything written so far is older than a minute from now.
    const removed = await s3.removeOrphans(new Date(Date.now() + 60_000));
    expect(removed.files).toBeGreaterThanOrEqual(1);
    expect(removed.folders).toBe(0);
    expect(await s3.get(orphan)).toBeNull();
    expect(await s3.get(kept)).not.toBeNull();
    expect(await s3.get(unowned)).not.toBeNull();
    // Nothing is removed that is younger than the grace period.
    const young = `pending-uploads/${randomUUID()}`;
    await s3.put(young, new Uint8Array([2]));
    await s3.removeOrphans(new Date(Date.now() - 60_000));
    expect(await s3.get(young)).not.toBeNull();
  });
});
