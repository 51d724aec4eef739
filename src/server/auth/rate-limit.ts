import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

// Sign-in attempts: 10 per 15 minutes per e-mail address and 50 per 15 minutes per IP, counted in PostgreSQL so
// every app instance shares the count. The table is the `RateLimit` model in schema.prisma.
const globalForLimiter = globalThis as unknown as { kefuSignInLimiters?: { byEmail: RateLimiterPostgres; byIp: RateLimiterPostgres; pool: Pool } };

function limiters() {
  if (!globalForLimiter.kefuSignInLimiters) {
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2, connectionTimeoutMillis: 10_000 });
    const common = { storeClient: pool, storeType: 'pg', tableName: 'rate_limit', tableCreated: true, duration: 15 * 60 } as const;
    globalForLimiter.kefuSignInLimiters = {
      pool,
      byEmail: new RateLimiterPostgres({ ...common, keyPrefix: 'signin_email', points: Number(process.env.SIGNIN_LIMIT_PER_EMAIL ?? 10) }),
      byIp: new RateLimiterPostgres({ ...common, keyPrefix: 'signin_ip', points: Number(process.env.SIGNIN_LIMIT_PER_IP ?? 50) }),
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
