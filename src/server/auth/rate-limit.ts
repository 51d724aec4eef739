import 'server-only';
import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { prisma } from '@/server/db';
import { addressBucket } from '@/server/http/client-address';

// Every limit here is counted in PostgreSQL (the `RateLimit` model) so all app instances share the counts, and keyed by
// the client's address as the HTTP server resolved it (src/server/http/client-address.ts: X-Forwarded-For counts only
// through TRUSTED_PROXIES). An IPv6 client counts per /64. When the address is not known (null: only outside the real
// server, e.g. tests calling services) the per-address limits are skipped — never one bucket every such caller shares.
// The Prisma store is used rather than the raw pg store: the latter's named prepared statements collide on the
// embedded database, whose connections share one session.
const MINUTES_15 = 15 * 60;

type Limiters = {
  signInPair: RateLimiterPrisma;
  signInPairWait: RateLimiterPrisma;
  signInAddress: RateLimiterPrisma;
  lookup: RateLimiterPrisma;
  surveyToken: RateLimiterPrisma;
};
// On globalThis: the process hosts two copies of the server modules (Next's bundle and the custom server).
const globalForLimiters = globalThis as unknown as { kefuRateLimiters?: Limiters };

const signInFreeFailures = () => Number(process.env.SIGNIN_FREE_FAILURES ?? 5);
const signInFailuresPerAddress = () => Number(process.env.SIGNIN_LIMIT_PER_IP ?? 50);
const lookupsPerAddress = () => Number(process.env.LOOKUP_LIMIT_PER_IP ?? 30);
const surveyTokenFailures = () => Number(process.env.SURVEY_TOKEN_FAILURES_PER_IP ?? 20);

function limiters(): Limiters {
  if (!globalForLimiters.kefuRateLimiters) {
    const limiter = (keyPrefix: string, points: number, duration: number) =>
      new RateLimiterPrisma({ storeClient: prisma, tableName: 'rateLimit', keyPrefix, points, duration });
    globalForLimiters.kefuRateLimiters = {
      // Failed sign-ins per (e-mail, address), remembered for a day; a counter, never "exceeded" by itself.
      signInPair: limiter('signin_pair', Number.MAX_SAFE_INTEGER, 24 * 60 * 60),
      // The wait the last failure imposed on that pair, as a block of the computed length.
      signInPairWait: limiter('signin_pair_wait', 1, 1),
      signInAddress: limiter('signin_ip', signInFailuresPerAddress(), MINUTES_15),
      lookup: limiter('lookup_ip', lookupsPerAddress(), MINUTES_15),
      surveyToken: limiter('survey_token_ip', surveyTokenFailures(), MINUTES_15),
    };
  }
  return globalForLimiters.kefuRateLimiters;
}

const seconds = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consumes a point; the seconds to wait when the limit was already used up, else 0. */
async function consume(limiter: RateLimiterPrisma, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return seconds(error);
    throw error;
  }
}

/** The seconds a key must still wait when it has used up its points (a block counts as used up), else 0. */
async function retryAfter(limiter: RateLimiterPrisma, key: string): Promise<number> {
  const res = await limiter.get(key);
  return res && res.consumedPoints >= limiter.points ? seconds(res) : 0;
}

// ───────────────────────────── sign-in ─────────────────────────────

/** The wait after the n-th failure of one (e-mail, address): none for the first few, then 1 s doubling to 15 minutes. */
export function signInDelaySeconds(failures: number, freeFailures = signInFreeFailures()): number {
  if (failures <= freeFailures) return 0;
  return Math.min(2 ** (failures - freeFailures - 1), MINUTES_15);
}

const pairKey = (email: string, address: string) => `${email.toLowerCase()}|${addressBucket(address)}`;

/**
 * Counts a sign-in attempt before the password is checked; the seconds to wait when it may not go ahead, else 0.
 * Per address: SIGNIN_LIMIT_PER_IP attempts per 15 minutes across accounts (a successful one is given back), counted
 * before the check so a burst of parallel guesses cannot exceed it. Per (e-mail, address): the wait the pair's last
 * failure imposed. There is no limit per e-mail alone: it would let anyone lock the account's owner out.
 */
export async function beginSignInAttempt(email: string, address: string | null): Promise<number> {
  if (!address) return 0;
  const { signInAddress, signInPairWait } = limiters();
  const pairWait = await retryAfter(signInPairWait, pairKey(email, address));
  if (pairWait > 0) return pairWait;
  return consume(signInAddress, addressBucket(address));
}

/** A wrong password (or unknown account): one more failure for the pair, and the wait it now imposes. */
export async function recordSignInFailure(email: string, address: string | null): Promise<void> {
  if (!address) return;
  const { signInPair, signInPairWait } = limiters();
  const key = pairKey(email, address);
  const failures = (await signInPair.penalty(key)).consumedPoints;
  const delay = signInDelaySeconds(failures);
  if (delay > 0) await signInPairWait.block(key, delay);
}

/** A successful sign-in clears its pair's failures and gives back its per-address point. */
export async function recordSignInSuccess(email: string, address: string | null): Promise<void> {
  if (!address) return;
  const { signInPair, signInPairWait, signInAddress } = limiters();
  const key = pairKey(email, address);
  await Promise.all([signInPair.delete(key), signInPairWait.delete(key), signInAddress.reward(addressBucket(address))]);
}

// ───────────────────────────── public look-ups ─────────────────────────────

/** Anonymous status look-ups (number + phone, SPEC §3): per address, so nobody walks numbers and phones at speed. */
export async function consumeLookupAttempt(address: string | null): Promise<number> {
  return address ? consume(limiters().lookup, addressBucket(address)) : 0;
}

// Personal survey links (SPEC §6): the form, draft and submission are public and found by token. Only unknown tokens
// count — a customer saving a draft every few seconds is never limited — so walking tokens from one address stops
// after SURVEY_TOKEN_FAILURES_PER_IP misses (default 20) per 15 minutes.

/** Seconds this address must wait before trying a survey token again (0: go ahead). */
export async function surveyTokenRetryAfter(address: string | null): Promise<number> {
  return address ? retryAfter(limiters().surveyToken, addressBucket(address)) : 0;
}

/** Counts one unknown token from this address. */
export async function countSurveyTokenFailure(address: string | null): Promise<void> {
  if (address) await consume(limiters().surveyToken, addressBucket(address));
}

// ───────────────────────────── API keys ─────────────────────────────

// Per-key limits differ (ApiKey.rateLimitPerMinute), and a limiter's points are fixed: one limiter per distinct limit,
// all sharing one key prefix, so changing a key's limit keeps the minute's count. Kept on globalThis like the others.
//
// A call does not write to PostgreSQL: each process leases a share of the key's minute from the shared count (one
// upsert per lease) and spends it locally. The lease is apiKeyLeaseSize(limit) points — 1 for small limits, so the
// count is exact per call there, at most API_KEY_LEASE_MAX for large ones — and a lease granted near the limit only
// holds what was left, so all instances together never admit more than the limit in a window. What a process leased
// but did not spend in the window is lost to the others: another instance may be refused up to (lease − 1) calls early.
/** A process's share of one key's window: points left, the window's end, and whether the shared count is used up. */
type ApiKeyLease = { remaining: number; until: number; exhausted: boolean; refill: Promise<void> | null };
const globalForApiKeyLimiters = globalThis as unknown as {
  kefuApiKeyLimiters?: Map<string, RateLimiterPrisma>;
  kefuApiKeyLeases?: Map<string, ApiKeyLease>;
};

/** Most points one lease takes from the shared count: about 1/50 of the limit, so 50 instances can each hold one. */
export const API_KEY_LEASE_MAX = 200;
export const apiKeyLeaseSize = (perMinute: number): number =>
  Math.max(1, Math.min(API_KEY_LEASE_MAX, Math.floor(perMinute / 50)));

function apiKeyLimiter(perMinute: number, windowSeconds: number): RateLimiterPrisma {
  const cache = (globalForApiKeyLimiters.kefuApiKeyLimiters ??= new Map());
  const id = `${perMinute}/${windowSeconds}`;
  let limiter = cache.get(id);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: prisma,
      tableName: 'rateLimit',
      keyPrefix: 'api_key',
      points: perMinute,
      duration: windowSeconds,
    });
    cache.set(id, limiter);
  }
  return limiter;
}

/** Takes up to `size` points from the shared count: how many it got and when the window ends. */
async function takeLease(limiter: RateLimiterPrisma, apiKeyId: string, size: number) {
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(apiKeyId, size);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    res = error;
  }
  // The store counted all `size` points; those beyond the limit were never granted.
  const granted = Math.max(0, size - Math.max(0, res.consumedPoints - limiter.points));
  return { granted, until: Date.now() + res.msBeforeNext };
}

/**
 * Counts one request of an API key against its per-minute limit (shared by all instances through PostgreSQL, leased
 * in shares: see above); the seconds to wait when the limit is used up, else 0.
 */
export async function consumeApiKeyCall(apiKeyId: string, perMinute: number, windowSeconds: number): Promise<number> {
  const leases = (globalForApiKeyLimiters.kefuApiKeyLeases ??= new Map());
  const id = `${apiKeyId}:${perMinute}/${windowSeconds}`;
  for (;;) {
    let lease = leases.get(id);
    if (lease?.refill) {
      await lease.refill;
      continue;
    }
    const now = Date.now();
    if (lease && lease.until > now) {
      if (lease.remaining > 0) {
        lease.remaining -= 1;
        return 0;
      }
      if (lease.exhausted) return Math.max(1, Math.ceil((lease.until - now) / 1000));
    }
    if (!lease) {
      // Forget the leases of ended windows (keys that went quiet) before adding one.
      for (const [other, old] of leases) if (old.until <= now && !old.refill) leases.delete(other);
      lease = { remaining: 0, until: 0, exhausted: false, refill: null };
      leases.set(id, lease);
    }
    const size = apiKeyLeaseSize(perMinute);
    const target = lease;
    target.refill = takeLease(apiKeyLimiter(perMinute, windowSeconds), apiKeyId, size).then(({ granted, until }) => {
      target.remaining = granted;
      target.until = until;
      target.exhausted = granted < size;
    });
    try {
      await target.refill;
    } finally {
      target.refill = null;
    }
  }
}
