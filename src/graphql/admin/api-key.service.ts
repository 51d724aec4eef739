import 'server-only';
import { z } from 'zod';
import { forgetApiKey, generateApiKey } from '@/server/auth/api-keys';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { errorKey } from '@/server/error-keys';
import { badField, badInput, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { todayIn } from '@/lib/format';
import type { Loaders } from '../loaders';
import {
  API_KEY_RATE_LIMIT,
  API_KEY_ROTATION,
  API_KEY_USAGE_TIME_ZONE,
  isValidOverlapHours,
  overlapEnd,
  usageDays,
} from './api-key.rules';

/** A key's own per-minute limit, within API_KEY_RATE_LIMIT's range. */
export const zRateLimit = z
  .number()
  .int({ message: errorKey('apiKey.rateLimitRange') })
  .min(API_KEY_RATE_LIMIT.minPerMinute, { message: errorKey('apiKey.rateLimitRange') })
  .max(API_KEY_RATE_LIMIT.maxPerMinute, { message: errorKey('apiKey.rateLimitRange') });

const rateLimitParams = { min: API_KEY_RATE_LIMIT.minPerMinute, max: API_KEY_RATE_LIMIT.maxPerMinute };

async function existingKey(id: string) {
  if (!isUuid(id)) throw notFound('ApiKey');
  const key = await prisma.apiKey.findUnique({ where: { id } });
  if (!key) throw notFound('ApiKey');
  return key;
}

/** Sets a key's own per-minute limit; null returns it to the default. Applies from the next request. */
export async function setApiKeyRateLimit(viewer: Viewer, id: string, rateLimitPerMinute: number | null) {
  requirePermission(viewer, 'apiKeys:manage');
  if (rateLimitPerMinute !== null && !zRateLimit.safeParse(rateLimitPerMinute).success)
    throw badField('rateLimitPerMinute', 'apiKey.rateLimitRange', rateLimitParams);
  const existing = await existingKey(id);
  const updated = await prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id }, data: { rateLimitPerMinute } });
    await appendHistory(tx, viewer, {
      entityType: 'ApiKey',
      entityId: id,
      action: 'UPDATE',
      changes: { rateLimitPerMinute: { from: existing.rateLimitPerMinute, to: rateLimitPerMinute } },
    });
    return row;
  });
  forgetApiKey(id);
  return updated;
}

/**
 * Gives a key a new secret (returned once). The secret it replaces keeps working for `overlapHours` (default
 * API_KEY_ROTATION.defaultOverlapHours; 0 = stops now), so integrations can switch without downtime; a secret two
 * rotations old stops at once. A revoked key cannot be rotated.
 */
export async function rotateApiKey(viewer: Viewer, id: string, overlapHours: number | null, now = new Date()) {
  requirePermission(viewer, 'apiKeys:manage');
  const hours = overlapHours ?? API_KEY_ROTATION.defaultOverlapHours;
  if (!isValidOverlapHours(hours))
    throw badField('overlapHours', 'apiKey.overlapRange', {
      min: API_KEY_ROTATION.minOverlapHours,
      max: API_KEY_ROTATION.maxOverlapHours,
    });
  if (!isUuid(id)) throw notFound('ApiKey');
  const existing = await prisma.apiKey.findUnique({
    where: { id },
    select: { keyHash: true, prefix: true, revokedAt: true },
  });
  if (!existing) throw notFound('ApiKey');
  if (existing.revokedAt) throw badInput('apiKey.revoked');
  const { key, prefix, keyHash } = generateApiKey();
  const apiKey = await prisma.$transaction(async (tx) => {
    const rotated = await tx.apiKey.update({
      where: { id },
      data: {
        keyHash,
        prefix,
        previousKeyHash: existing.keyHash,
        previousKeyExpiresAt: overlapEnd(now, hours),
        rotatedAt: now,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: 'ApiKey',
      entityId: id,
      action: 'ROTATE',
      changes: { prefix: { from: existing.prefix, to: prefix }, overlapHours: hours },
    });
    return rotated;
  });
  forgetApiKey(id);
  return { apiKey, key };
}

/** A key's calls and errors on each of the last API_KEY_USAGE_DAYS days (Asia/Shanghai), zeros included. */
export async function apiKeyUsageDays(loaders: Loaders, apiKeyId: string, now: Date) {
  const rows = await loaders.apiKeyUsageByKey.load(apiKeyId);
  const byDay = new Map(rows.map((row) => [row.day.toISOString().slice(0, 10), row]));
  return usageDays(todayIn(API_KEY_USAGE_TIME_ZONE, now)).map((day) => ({
    day,
    calls: byDay.get(day)?.calls ?? 0,
    errors: byDay.get(day)?.errors ?? 0,
  }));
}
