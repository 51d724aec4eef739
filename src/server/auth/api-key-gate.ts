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
    recordApiKeyUsage(check.viewer.apiKeyId, true, now);
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
  // Most answers carry no errors at all: no need to parse a large body to find that out.
  if (!text.includes('"errors"')) return false;
  try {
    const body = JSON.parse(text) as { errors?: unknown[] };
    return Array.isArray(body.errors) && body.errors.length > 0;
  } catch {
    return true;
  }
}

// Calls are counted in process and written in batches (one statement for every key and day with new counts), at most
// API_KEY_USAGE_FLUSH_MS after the call, and when the process shuts down (flushApiKeyUsage) — never a write per call
// on one hot row per key. A process that crashes loses at most that interval's counts.
const API_KEY_USAGE_FLUSH_MS = 2_000;
type UsageCounts = { apiKeyId: string; day: string; calls: number; errors: number };
const globalForUsage = globalThis as unknown as {
  kefuApiKeyUsage?: { pending: Map<string, UsageCounts>; timer: NodeJS.Timeout | null; flushing: Promise<void> };
};
const usageState = () =>
  (globalForUsage.kefuApiKeyUsage ??= { pending: new Map(), timer: null, flushing: Promise.resolve() });

/** Counts one call (and whether it failed) for the key's day (Asia/Shanghai); written by the next flush. */
export function recordApiKeyUsage(apiKeyId: string, failed: boolean, now = new Date()): void {
  const state = usageState();
  const day = todayIn(API_KEY_USAGE_TIME_ZONE, now);
  const id = `${apiKeyId}|${day}`;
  const counts = state.pending.get(id) ?? { apiKeyId, day, calls: 0, errors: 0 };
  counts.calls += 1;
  counts.errors += failed ? 1 : 0;
  state.pending.set(id, counts);
  if (!state.timer) {
    state.timer = setTimeout(() => void flushApiKeyUsage(), API_KEY_USAGE_FLUSH_MS);
    state.timer.unref();
  }
}

/**
 * Writes the counts gathered so far: one upsert for all keys and days, adding to each (key, day) row. Best-effort: a
 * failed write keeps the counts for the next flush and never fails a call. The API-keys list flushes first, so this
 * process's calls show at once.
 */
export function flushApiKeyUsage(): Promise<void> {
  const state = usageState();
  const run = state.flushing.then(async () => {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
    const batch = [...state.pending.values()];
    state.pending.clear();
    if (batch.length === 0) return;
    try {
      await prisma.$executeRaw`
        INSERT INTO "ApiKeyUsage" ("apiKeyId", "day", "calls", "errors")
        SELECT k, d, c, e FROM unnest(${batch.map((b) => b.apiKeyId)}::uuid[], ${batch.map((b) => b.day)}::date[],
                                      ${batch.map((b) => b.calls)}::int[], ${batch.map((b) => b.errors)}::int[])
               AS u(k, d, c, e)
        WHERE EXISTS (SELECT 1 FROM "ApiKey" WHERE "ApiKey"."id" = u.k)
        ON CONFLICT ("apiKeyId", "day")
        DO UPDATE SET "calls" = "ApiKeyUsage"."calls" + EXCLUDED."calls",
                      "errors" = "ApiKeyUsage"."errors" + EXCLUDED."errors"`;
    } catch (error) {
      console.warn('[api-key-usage] not written yet, kept for the next flush:', error);
      for (const b of batch) {
        const id = `${b.apiKeyId}|${b.day}`;
        const counts = state.pending.get(id) ?? { ...b, calls: 0, errors: 0 };
        counts.calls += b.calls;
        counts.errors += b.errors;
        state.pending.set(id, counts);
      }
      if (!state.timer) {
        state.timer = setTimeout(() => void flushApiKeyUsage(), API_KEY_USAGE_FLUSH_MS * 5);
        state.timer.unref();
      }
    }
  });
  state.flushing = run;
  return run;
}

/** Whether a GraphQL response reports a failure (see answerFailed). */
export async function responseFailed(response: Response): Promise<boolean> {
  return answerFailed(response.status, await response.clone().text());
}
