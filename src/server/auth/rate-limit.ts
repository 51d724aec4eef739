import { RateLimiterPrisma, RateLimiterRes } from 'rate-limiter-flexible';
import { prisma } from '@/server/db';

// Sign-in attempts: 10 per 15 minutes per e-mail address and 50 per 15 minutes per IP, counted in PostgreSQL (the
// `RateLimit` model) so every app instance shares the count. The Prisma store is used rather than the raw pg store:
// the latter's named prepared statements collide on the embedded database, whose connections share one session.
const globalForLimiter = globalThis as unknown as { kefuSignInLimiters?: { byEmail: RateLimiterPrisma; byIp: RateLimiterPrisma } };

function limiters() {
  if (!globalForLimiter.kefuSignInLimiters) {
    const common = { storeClient: prisma, tableName: 'rateLimit', duration: 15 * 60 } as const;
    globalForLimiter.kefuSignInLimiters = {
      byEmail: new RateLimiterPrisma({ ...common, keyPrefix: 'signin_email', points: Number(process.env.SIGNIN_LIMIT_PER_EMAIL ?? 10) }),
      byIp: new RateLimiterPrisma({ ...common, keyPrefix: 'signin_ip', points: Number(process.env.SIGNIN_LIMIT_PER_IP ?? 50) }),
    };
  }
  return globalForLimiter.kefuSignInLimiters;
}

/** Counts one attempt; returns the seconds to wait when the limit is exceeded, else 0. */
export async function consumeSignInAttempt(email: string, ip: string): Promise<number> {
  const { byEmail, byIp } = limiters();
  try {
    await Promise.all([byEmail.consume(email.toLowerCase()), byIp.consume(ip)]);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
    throw error;
  }
}

export async function resetSignInAttempts(email: string): Promise<void> {
  await limiters().byEmail.delete(email.toLowerCase());
}

// Anonymous status look-ups (number + phone, SPEC §3): per IP, so nobody can walk numbers and phones at speed.
const globalForLookupLimiter = globalThis as unknown as { kefuLookupLimiter?: RateLimiterPrisma };

function lookupLimiter() {
  globalForLookupLimiter.kefuLookupLimiter ??= new RateLimiterPrisma({
    storeClient: prisma,
    tableName: 'rateLimit',
    duration: 15 * 60,
    keyPrefix: 'lookup_ip',
    points: Number(process.env.LOOKUP_LIMIT_PER_IP ?? 30),
  });
  return globalForLookupLimiter.kefuLookupLimiter;
}

/** Counts one look-up; returns the seconds to wait when the limit is exceeded, else 0. */
export async function consumeLookupAttempt(ip: string): Promise<number> {
  try {
    await lookupLimiter().consume(ip);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
    throw error;
  }
}

// Personal survey links (SPEC §6): the form, draft and submission are public and found by token. Only unknown tokens
// count — a customer saving a draft every few seconds is never limited — so walking tokens from one IP stops after
// SURVEY_TOKEN_FAILURES_PER_IP misses (default 20) per 15 minutes.
const globalForSurveyLimiter = globalThis as unknown as { kefuSurveyTokenLimiter?: RateLimiterPrisma };
const surveyTokenFailures = () => Number(process.env.SURVEY_TOKEN_FAILURES_PER_IP ?? 20);

function surveyTokenLimiter() {
  globalForSurveyLimiter.kefuSurveyTokenLimiter ??= new RateLimiterPrisma({
    storeClient: prisma,
    tableName: 'rateLimit',
    duration: 15 * 60,
    keyPrefix: 'survey_token_ip',
    points: surveyTokenFailures(),
  });
  return globalForSurveyLimiter.kefuSurveyTokenLimiter;
}

/** Seconds this IP must wait before trying a survey token again (0: go ahead). */
export async function surveyTokenRetryAfter(ip: string): Promise<number> {
  const res = await surveyTokenLimiter().get(ip);
  return res && res.consumedPoints >= surveyTokenFailures() ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;
}

/** Counts one unknown token from this IP. */
export async function countSurveyTokenFailure(ip: string): Promise<void> {
  try {
    await surveyTokenLimiter().consume(ip);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
