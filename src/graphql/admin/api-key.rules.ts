/**
 * The limits of API keys: per-key rate limits, rotation overlap, the usage window the API-keys page shows. Pure and
 * client-safe (the service checks them with zod, the forms first to spare a round trip, /developers prints them).
 */

/** Requests per minute a key may make: its own `rateLimitPerMinute`, or the default. */
export const API_KEY_RATE_LIMIT = {
  defaultPerMinute: 120,
  minPerMinute: 1,
  maxPerMinute: 10_000,
  windowSeconds: 60,
} as const;

/** How long the old secret keeps working after a rotation (hours); 0 = it stops at once. */
export const API_KEY_ROTATION = { defaultOverlapHours: 24, minOverlapHours: 0, maxOverlapHours: 720 } as const;

/** Days of usage (calls, errors per day) the API-keys page shows. */
export const API_KEY_USAGE_DAYS = 7;

/** The days counted in Asia/Shanghai, like every business date. */
export const API_KEY_USAGE_TIME_ZONE = 'Asia/Shanghai';

export const effectiveRateLimit = (perMinute: number | null | undefined): number =>
  perMinute ?? API_KEY_RATE_LIMIT.defaultPerMinute;

export const isValidRateLimit = (perMinute: number): boolean =>
  Number.isInteger(perMinute) &&
  perMinute >= API_KEY_RATE_LIMIT.minPerMinute &&
  perMinute <= API_KEY_RATE_LIMIT.maxPerMinute;

export const isValidOverlapHours = (hours: number): boolean =>
  Number.isInteger(hours) && hours >= API_KEY_ROTATION.minOverlapHours && hours <= API_KEY_ROTATION.maxOverlapHours;

/** The end of the old secret's overlap after a rotation at `now`. */
export const overlapEnd = (now: Date, hours: number): Date => new Date(now.getTime() + hours * 3_600_000);

/** The `days` calendar days ending with `today` (YYYY-MM-DD), oldest first. */
export function usageDays(today: string, days = API_KEY_USAGE_DAYS): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}
