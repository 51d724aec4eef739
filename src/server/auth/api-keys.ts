import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { invalidate, onInvalidate } from '@/server/cache/invalidation';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { sharedCache } from '@/server/cache/ttl-cache';

const KEY_PREFIX = 'kf_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new random key; only its hash is stored, the plain key is shown once. */
export function generateApiKey(): { key: string; prefix: string; keyHash: string } {
  const key = KEY_PREFIX + randomBytes(24).toString('base64url');
  return { key, prefix: key.slice(0, 10), keyHash: hashApiKey(key) };
}

type ApiKeyRow = {
  id: string;
  name: string;
  scopes: string[];
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
};

// Keyed by the key's hash (the plain key is not kept in memory longer than the request); unknown keys are not kept.
const apiKeys = () => sharedCache<string, ApiKeyRow | null>('apiKeys');

onInvalidate('apiKey', (apiKeyId) => apiKeys().deleteWhere((row) => apiKeyId === null || row?.id === apiKeyId));

/**
 * Drops the cached copy of the key in this process and its sibling server processes: revocation calls it after the
 * change commits (other instances: within the TTL).
 */
export function forgetApiKey(apiKeyId: string): void {
  invalidate('apiKey', apiKeyId);
}

/** The API client a bearer key belongs to, or null when the key is unknown, revoked or expired. */
export async function viewerForApiKey(key: string, now = new Date()): Promise<Viewer | null> {
  if (!key.startsWith(KEY_PREFIX)) return null;
  const keyHash = hashApiKey(key);
  const row = await apiKeys().get(
    keyHash,
    () =>
      prisma.apiKey.findUnique({
        where: { keyHash },
        select: { id: true, name: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
      }),
    (found) => found !== null,
  );
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  // Recording use is best-effort and at most once a minute, so a busy client does not write on every call; the cached
  // row remembers the write for the requests that follow it.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = now;
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return { kind: 'apiClient', apiKeyId: row.id, name: row.name, scopes: row.scopes };
}
