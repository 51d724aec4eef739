import 'server-only';
import { API_KEY_RATE_LIMIT, API_KEY_USAGE_TIME_ZONE, effectiveRateLimit } from '@/server/domain-registry';
import { prisma } from '@/server/db';
import { DomainError, errorBody } from '@/server/errors';
import { todayIn } from '@/lib/format';
import type { Viewer } from '@/server/viewer';
import { checkApiKey } from './api-keys';
import { consumeApiKeyCall } from './rate-limit';

/** The key of an `Authorization: Bearer …` header; null without one (or with another scheme). */
export function bearerKey(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '');
  return match ? match[1]! : null;
}

export type ApiKeyAdmission =
  | { kind: 'admitted'; viewer: Extract<Viewer, { kind: 'apiClient' }> }
  | { kind: 'refused'; error: DomainError; status: 401 | 429; retryAfterSeconds?: number }
  | { kind: 'none' };

/**
 * Admits a request that carries an API key: refuses an expired key (or a rotated-out secret) as UNAUTHENTICATED
 * saying so, and a key over its per-minute limit as RATE_LIMITED (429, Retry-After) — a refused call counts as an
 * error in the key's usage. `none`: no key, or one nobody knows (the caller treats the request as anonymous).
 */
export async function admitApiKey(headers: Headers, now = new Date()): Promise<ApiKeyAdmission> {
  const key = bearerKey(headers);
  if (!key) return { kind: 'none' };
  const check = await checkApiKey(key, now);
  if (check.status === 'unknown') return { kind: 'none' };
  if (check.status !== 'valid') {
    const error = new DomainError('UNAUTHENTICATED', `apiKey.${check.status}`, {
      params: { at: check.at.toISOString() },
    });
    return { kind: 'refused', error, status: 401 };
  }
  const limit = effectiveRateLimit(check.rateLimitPerMinute);
  const wait = await consumeApiKeyCall(check.viewer.apiKeyId, limit, API_KEY_RATE_LIMIT.windowSeconds);
  if (wait > 0) {
    await recordApiKeyUsage(check.viewer.apiKeyId, true, now);
    const error = new DomainError('RATE_LIMITED', 'apiKey.rateLimited', {
      params: { limit, retryAfterSeconds: wait },
      details: { retryAfterSeconds: wait },
    });
    return { kind: 'refused', error, status: 429, retryAfterSeconds: wait };
  }
  return { kind: 'admitted', viewer: check.viewer };
}

/** A refusal in GraphQL's response shape (`errors[].extensions.code`): its HTTP status, headers and JSON body. */
export function refusalParts(refusal: Extract<ApiKeyAdmission, { kind: 'refused' }>) {
  const headers: Record<string, string> = { 'cache-control': 'no-store', 'content-type': 'application/json' };
  if (refusal.retryAfterSeconds) headers['retry-after'] = String(refusal.retryAfterSeconds);
  if (refusal.status === 401) headers['www-authenticate'] = 'Bearer error="invalid_token"';
  const body = JSON.stringify({ errors: [{ message: refusal.error.message, extensions: errorBody(refusal.error) }] });
  return { status: refusal.status, headers, body };
}

export function graphqlRefusal(refusal: Extract<ApiKeyAdmission, { kind: 'refused' }>): Response {
  const { status, headers, body } = refusalParts(refusal);
  return new Response(body, { status, headers });
}

/** Whether a GraphQL answer (status and JSON text) reports a failure: a 4xx/5xx status or a non-empty `errors`. */
export function answerFailed(status: number, text: string): boolean {
  if (status >= 400) return true;
  try {
    const body = JSON.parse(text) as { errors?: unknown[] };
    return Array.isArray(body.errors) && body.errors.length > 0;
  } catch {
    return true;
  }
}

/**
 * Counts one call (and whether it failed) in the key's row for today (Asia/Shanghai): a single upsert on the
 * (key, day) primary key, never a row per call.
 */
export async function recordApiKeyUsage(apiKeyId: string, failed: boolean, now = new Date()): Promise<void> {
  const day = todayIn(API_KEY_USAGE_TIME_ZONE, now);
  const errors = failed ? 1 : 0;
  // Best-effort: a failed count never fails the call it counts.
  await prisma.$executeRaw`
    INSERT INTO "ApiKeyUsage" ("apiKeyId", "day", "calls", "errors")
    VALUES (${apiKeyId}::uuid, ${day}::date, 1, ${errors})
    ON CONFLICT ("apiKeyId", "day")
    DO UPDATE SET "calls" = "ApiKeyUsage"."calls" + 1, "errors" = "ApiKeyUsage"."errors" + EXCLUDED."errors"`.catch(
    (error: unknown) => console.warn('[api-key-usage] not counted:', error),
  );
}

/** Whether a GraphQL response reports a failure (see answerFailed). */
export async function responseFailed(response: Response): Promise<boolean> {
  return answerFailed(response.status, await response.clone().text());
}
