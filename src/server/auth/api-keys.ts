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
  serviceAccountId: string | null;
  keyHash: string;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  rateLimitPerMinute: number | null;
  previousKeyHash: string | null;
  previousKeyExpiresAt: Date | null;
};

// Keyed by the key's hash (the plain key is not kept in memory longer than the request); unknown keys are not kept.
// A rotated key's row is found by its new and its previous hash alike.
const apiKeys = () => sharedCache<string, ApiKeyRow | null>('apiKeys');

onInvalidate('apiKey', (apiKeyId) => apiKeys().deleteWhere((row) => apiKeyId === null || row?.id === apiKeyId));

/**
 * Drops the cached copy of the key in this process and its sibling server processes: revocation and rotation call it
 * after the change commits (other instances: within the TTL).
 */
export function forgetApiKey(apiKeyId: string): void {
  invalidate('apiKey', apiKeyId);
}

/**
 * What a bearer key is worth: a valid key's API client and its rate limit; an expired key, or the secret a rotation
 * replaced once its overlap has ended, with the moment it stopped (the caller answers UNAUTHENTICATED saying so); or
 * nothing (unknown or revoked: treated as no credentials at all).
 */
export type ApiKeyCheck =
  | { status: 'valid'; viewer: Extract<Viewer, { kind: 'apiClient' }>; rateLimitPerMinute: number | null }
  | { status: 'expired' | 'rotatedOut'; at: Date }
  | { status: 'unknown' };

export async function checkApiKey(key: string, now = new Date()): Promise<ApiKeyCheck> {
  if (!key.startsWith(KEY_PREFIX)) return { status: 'unknown' };
  const keyHash = hashApiKey(key);
  const row = await apiKeys().get(
    keyHash,
    () =>
      prisma.apiKey.findFirst({
        where: { OR: [{ keyHash }, { previousKeyHash: keyHash }] },
        select: {
          id: true,
          name: true,
          scopes: true,
          serviceAccountId: true,
          keyHash: true,
          revokedAt: true,
          expiresAt: true,
          lastUsedAt: true,
          rateLimitPerMinute: true,
          previousKeyHash: true,
          previousKeyExpiresAt: true,
        },
      }),
    (found) => found !== null,
  );
  if (!row || row.revokedAt) return { status: 'unknown' };
  if (row.expiresAt && row.expiresAt <= now) return { status: 'expired', at: row.expiresAt };
  if (row.keyHash !== keyHash) {
    // The previous secret: it works until the overlap the rotation granted ends.
    if (row.previousKeyHash !== keyHash || !row.previousKeyExpiresAt) return { status: 'unknown' };
    if (row.previousKeyExpiresAt <= now) return { status: 'rotatedOut', at: row.previousKeyExpiresAt };
  }
  // Recording use is best-effort and at most once a minute, so a busy client does not write on every call; the cached
  // row remembers the write for the requests that follow it.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    row.lastUsedAt = now;
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch(() => undefined);
  }
  return {
    status: 'valid',
    viewer: {
      kind: 'apiClient',
      apiKeyId: row.id,
      name: row.name,
      scopes: row.scopes,
      serviceAccountId: row.serviceAccountId,
    },
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}

/** The API client a bearer key belongs to, or null when the key is unknown, revoked, expired or rotated out. */
export async function viewerForApiKey(key: string, now = new Date()): Promise<Viewer | null> {
  const check = await checkApiKey(key, now);
  return check.status === 'valid' ? check.viewer : null;
}
