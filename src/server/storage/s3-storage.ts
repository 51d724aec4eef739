import 'server-only';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { prisma } from '@/server/db';
import { OWNED_PREFIXES } from './postgres-storage';
import type { FileStorage } from './storage';

const KEY = /^[a-zA-Z0-9/_-]+$/;

/** The S3 driver's settings (KEFU_S3_*), read once when the storage is made. */
export type S3StorageConfig = {
  /** The service's URL for S3-compatible servers (MinIO, Ceph RGW, …); unset = AWS S3 in `region`. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Unset = the SDK's default credential chain (instance role, AWS_* variables, profile). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `bucket` in the path (`http://host/bucket/key`) rather than the host name: most self-hosted servers need it. */
  forcePathStyle: boolean;
};

/** KEFU_S3_ENDPOINT, KEFU_S3_BUCKET (required), KEFU_S3_REGION, KEFU_S3_ACCESS_KEY_ID + KEFU_S3_SECRET_ACCESS_KEY,
 * KEFU_S3_FORCE_PATH_STYLE (true/false). A missing bucket or half a key pair is refused at first use. */
export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3StorageConfig {
  const bucket = env.KEFU_S3_BUCKET?.trim();
  if (!bucket) throw new Error('KEFU_STORAGE=s3 needs KEFU_S3_BUCKET');
  const accessKeyId = env.KEFU_S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.KEFU_S3_SECRET_ACCESS_KEY?.trim();
  if (!!accessKeyId !== !!secretAccessKey)
    throw new Error('KEFU_S3_ACCESS_KEY_ID and KEFU_S3_SECRET_ACCESS_KEY are set together or not at all');
  const pathStyle = (env.KEFU_S3_FORCE_PATH_STYLE ?? '').trim().toLowerCase();
  if (!['', 'true', 'false', '1', '0'].includes(pathStyle))
    throw new Error(`KEFU_S3_FORCE_PATH_STYLE=${env.KEFU_S3_FORCE_PATH_STYLE} is not true or false`);
  return {
    endpoint: env.KEFU_S3_ENDPOINT?.trim() || undefined,
    bucket,
    region: env.KEFU_S3_REGION?.trim() || 'us-east-1',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
  };
}

/**
 * Files in an S3-compatible bucket (KEFU_STORAGE=s3), for installations whose files outgrow the database: every app
 * instance reads what any of them wrote. An object is written whole by one PUT (a reader sees the old object, the new
 * one, or none) and read back from the response's stream. Writes are not part of a database transaction (`tx` is
 * ignored): a file whose record rolled back is an orphan, removed by removeOrphans after the grace period.
 */
export class S3Storage implements FileStorage {
  readonly shared = true;
  private readonly client: S3Client;

  constructor(private readonly config: S3StorageConfig) {
    const options: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    };
    this.client = new S3Client(options);
  }

  private check(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid storage key: ${key}`);
    return key;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: this.check(key),
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.check(key) }));
      return object.Body ? await object.Body.transformToByteArray() : new Uint8Array(0);
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there, as the other drivers ignore a missing file.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.check(key) }));
  }

  /**
   * Objects under a prefix of OWNED_PREFIXES, last modified before `olderThan`, that no record names (the same
   * ownership test as PostgresStorage, asked of the database for each listed page). `folders` is always 0.
   */
  async removeOrphans(olderThan: Date): Promise<{ files: number; folders: number }> {
    let files = 0;
    for (const [prefix, owned] of Object.entries(OWNED_PREFIXES)) {
      let token: string | undefined;
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.config.bucket, Prefix: `${prefix}/`, ContinuationToken: token }),
        );
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
        const old = (page.Contents ?? [])
          .filter((o) => o.Key && o.LastModified && o.LastModified < olderThan)
          .map((o) => o.Key!);
        if (old.length === 0) continue;
        const orphans = await prisma.$queryRawUnsafe<{ key: string }[]>(
          `SELECT f.key FROM unnest($1::text[]) AS f(key) WHERE NOT ${owned}`,
          old,
        );
        for (const { key } of orphans) {
          await this.delete(key);
          files += 1;
        }
      } while (token);
    }
    return { files, folders: 0 };
  }
}
