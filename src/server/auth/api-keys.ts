import { createHash, randomBytes } from 'node:crypto';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';

const KEY_PREFIX = 'kf_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random key; only its hash is stored, the plain key is shown once. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, prefix: key.slice(0, 10), keyHash: hashApiKey(key) };
}

/** The API client a bearer key belongs to, or null when the key is unknown, revoked or expired. */
export async function viewerForApiKey(key: string, now = new Date()): Promise<Viewer | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const row = await prisma.apiKey.findUnique({
    where: { keyHash: hashApiKey(key) },
    select: { id: true, name: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // Recording use is best-effort and at most once a minute, so a busy client does not write on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return { kind: 'apiClient', apiKeyId: row.id, name: row.name, scopes: row.scopes };
}
