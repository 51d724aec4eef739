// What `npm run bench` does and how big, from BENCH_* environment variables (README § Benchmarks lists them).

const env = process.env;

/** A size: BENCH_<NAME> when set, else the full-scale default times BENCH_SCALE (at least 1). */
function size(name: string, fullScale: number, scale: number): number {
  const given = env[`BENCH_${name}`];
  if (given !== undefined && given !== '') {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_${name} must be a positive integer, got ${given}`);
    return n;
  }
  return Math.max(1, Math.round(fullScale * scale));
}

const on = (name: string) => env[`BENCH_${name}`] !== 'off';

function number(name: string, fallback: number): number {
  const given = env[`BENCH_${name}`];
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_${name} must be a positive number, got ${given}`);
  return n;
}

export type HistorySizes = {
  customers: number;
  contacts: number;
  contracts: number;
  interactions: number;
  complaints: number;
  openComplaints: number;
};

export type BenchConfig = ReturnType<typeof readConfig>;

export function readConfig() {
  // The embedded database (no BENCH_DATABASE_URL) holds everything in memory: a tenth of the history by default.
  const scale = number('SCALE', env.BENCH_DATABASE_URL ? 1 : 0.1);
  const sizes: HistorySizes = {
    customers: size('CUSTOMERS', 100_000, scale),
    contacts: size('CONTACTS', 225_000, scale),
    contracts: size('CONTRACTS', 250_000, scale),
    interactions: size('INTERACTIONS', 1_000_000, scale),
    complaints: size('COMPLAINTS', 350_000, scale),
    openComplaints: size('OPEN_COMPLAINTS', 15_000, scale),
  };
  if (sizes.complaints > sizes.interactions) throw new Error('BENCH_COMPLAINTS cannot exceed BENCH_INTERACTIONS');
  if (sizes.openComplaints > sizes.complaints) throw new Error('BENCH_OPEN_COMPLAINTS cannot exceed BENCH_COMPLAINTS');
  const scenarios =
    env.BENCH_SCENARIOS?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  return {
    databaseUrl: env.BENCH_DATABASE_URL ?? null,
    scale,
    sizes,
    /** BENCH_REUSE=1: keep the database a previous run loaded (no wipe, no load): for running the sections again. */
    reuse: env.BENCH_REUSE === '1',
    sections: { customers: on('LIST'), queues: on('QUEUES'), load: on('LOAD'), surveys: on('SURVEYS') },
    surveyResponses: size('SURVEY_RESPONSES', 100_000, scale),
    load: {
      scenarios,
      connections: number('CONNECTIONS', 50),
      durationSeconds: number('DURATION', 12),
      warmupSeconds: number('WARMUP', 3),
      /** An app already running on this URL (then the bench does not start one); BENCH_APP_PID lets it read its CPU. */
      appUrl: env.BENCH_APP_URL ?? null,
      appPid: env.BENCH_APP_PID ? Number(env.BENCH_APP_PID) : null,
      appPort: number('APP_PORT', 3210),
      rawPort: number('RAW_PORT', 3211),
      // The background jobs are off in the app the bench starts: the first escalation sweep over a fresh history
      // escalates thousands of complaints at once and would land in whichever phase happens to be running.
      appWorkers: env.BENCH_APP_WORKERS === 'on' ? 'on' : 'off',
      /** The raw baseline's pool: the app's default (DATABASE_POOL_SIZE, 10), so both sides get the same connections. */
      rawPoolSize: number('RAW_POOL', Number(env.DATABASE_POOL_SIZE ?? 10)),
      staffSessions: number('SESSIONS', 10),
      timeoutSeconds: number('TIMEOUT', 20),
    },
  };
}
