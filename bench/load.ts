// The load phase of `npm run bench`: each scenario of bench/scenarios.ts at 50 connections (autocannon) against the
// raw baseline and then the real app, back to back, after a short warm-up of each — so the app/raw ratio compares two
// runs minutes apart on the same machine, whatever else it is doing. For each side: requests/s, latency percentiles,
// errors (non-2xx, GraphQL `errors`, timeouts), CPU per request of the server's processes, of PostgreSQL's backends
// of the bench database and of the load generator, and the load average.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type pg from 'pg';
import { AGENTS, STAFF_PASSWORD } from './history';
import { cpuBetween, loadAverage, pidsCpu, treeCpu, type CpuReading } from './proc';
import { loadScenarioData, scenarios, type Auth, type RequestSpec, type Scenario } from './scenarios';
import { createApiKey, signIn, startApp, startRaw, type RunningServer } from './servers';
import type { BenchConfig } from './config';

export type Percentiles = { p50: number; p95: number; p99: number };
export type ErrorCounts = {
  non2xx: number;
  graphql: number;
  timeouts: number;
  socket: number;
  total: number;
  samples: Record<string, number>;
};
export type SideResult = Percentiles & {
  server: string;
  seconds: number;
  /** Answers received in the measured window. */
  requests: number;
  /** Requests still waiting for their answer when the window closed, and how long the oldest had waited (ms). */
  inFlightAtEnd: { count: number; oldestMs: number };
  requestsPerSecond: number;
  errors: ErrorCounts;
  serverCpuMsPerRequest: number | null;
  dbCpuMsPerRequest: number;
  clientCpuMsPerRequest: number;
  loadAverage: [number, number, number];
  byOperation: Record<string, Percentiles & { requests: number; errors: number }>;
};
export type ScenarioResult = {
  key: string;
  title: string;
  sameJson: boolean;
  difference: string | null;
  raw: SideResult;
  app: SideResult;
  appToRaw: number;
  target: { text: string; met: boolean } | null;
};

/** What issue 9 asks of each scenario at 50 connections over this history. */
const TARGETS: Record<string, { text: string; met: (app: SideResult, appToRaw: number) => boolean }> = {
  customer: { text: "app ≥ 35 % of the baseline's requests/s", met: (_, ratio) => ratio >= 0.35 },
  list: { text: "app ≥ 30 % of the baseline's requests/s", met: (_, ratio) => ratio >= 0.3 },
  update: { text: "app ≥ 30 % of the baseline's requests/s", met: (_, ratio) => ratio >= 0.3 },
  queue: { text: 'app p95 ≤ 150 ms and no errors', met: (app) => app.p95 <= 150 && app.errors.total === 0 },
  dashboard: { text: 'app p95 ≤ 150 ms and no errors', met: (app) => app.p95 <= 150 && app.errors.total === 0 },
};
export type LoadResult = {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  appUrl: string;
  scenarios: ScenarioResult[];
};

function percentiles(values: number[]): Percentiles {
  if (!values.length) return { p50: NaN, p95: NaN, p99: NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

type Credentials = { apiKey: string; sessions: string[] };

/** Headers for a request as `auth`; staff sessions are handed out in turn (each visit is one agent's). */
function authHeaders(credentials: Credentials) {
  let next = 0;
  return (auth: Auth): Record<string, string> =>
    auth === 'apiKey'
      ? { authorization: `Bearer ${credentials.apiKey}` }
      : { cookie: credentials.sessions[next++ % credentials.sessions.length]! };
}

type Context = { headers?: Record<string, string>; variables?: Record<string, unknown>; sentAt?: number };

async function post(
  url: string,
  spec: RequestSpec,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  const response = await fetch(`${url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: spec.query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] },
  };
}

/** Object keys sorted, so two answers compare by content; returns the first path where they differ. */
function difference(a: unknown, b: unknown, path = ''): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} vs ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = difference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const d = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${path || '.'}: raw ${JSON.stringify(a)} vs app ${JSON.stringify(b)}`;
}

/**
 * Sends each request of the scenario once to both servers and compares the answers. Reads must be identical; an
 * update is sent for a different customer on each side (a write cannot be repeated), so both answers must carry the
 * id and phone sent and the version after the one read.
 */
async function compareAnswers(
  scenario: Scenario,
  raw: RunningServer,
  app: RunningServer,
  headersFor: (auth: Auth) => Record<string, string>,
): Promise<string | null> {
  await scenario.prepare?.();
  const headers = headersFor(scenario.auth);
  for (const spec of scenario.requests) {
    const rawVariables = spec.variables();
    const appVariables = spec.onData ? spec.variables() : rawVariables;
    const [a, b] = [await post(raw.url, spec, rawVariables, headers), await post(app.url, spec, appVariables, headers)];
    for (const [side, answer] of [
      ['raw', a],
      ['app', b],
    ] as const) {
      if (answer.status !== 200 || answer.body.errors?.length || !answer.body.data)
        return `${spec.op}: ${side} answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
    }
    if (!spec.onData) {
      const d = difference(a.body.data, b.body.data, spec.op);
      if (d) return d;
      continue;
    }
    for (const [side, answer, variables] of [
      ['raw', a, rawVariables],
      ['app', b, appVariables],
    ] as const) {
      const written = Object.values(answer.body.data!)[0] as Record<string, unknown>;
      const sent = variables as { id: string; version: number; input: { phone: string } };
      if (written.id !== sent.id || written.version !== sent.version + 1 || written.phone !== sent.input.phone) {
        return `${spec.op}: ${side} wrote ${JSON.stringify(written)} for ${JSON.stringify(sent)}`;
      }
      spec.onData(variables, answer.body.data!);
    }
  }
  return null;
}

type Answer = { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };

function parseAnswer(body: string): Answer | null {
  try {
    return JSON.parse(body) as Answer;
  } catch {
    return null;
  }
}

async function backendPids(db: pg.Pool): Promise<number[]> {
  const { rows } = await db.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`,
  );
  return rows.map((r) => r.pid);
}

/**
 * One side of a scenario: autocannon runs warm-up + measured window without a break (stopping between them would
 * leave the warm-up's unanswered requests running into the window); only the window counts — answers received in it
 * for throughput, latency and errors, CPU read at its start and end. Requests still unanswered at its end are not
 * in the percentiles: how many there were and how long the oldest had waited is reported beside them.
 */
async function measure(
  server: RunningServer,
  scenario: Scenario,
  headersFor: (auth: Auth) => Record<string, string>,
  db: pg.Pool,
  cfg: BenchConfig['load'],
): Promise<SideResult> {
  await scenario.prepare?.();
  const latencies = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const errors: ErrorCounts = { non2xx: 0, graphql: 0, timeouts: 0, socket: 0, total: 0, samples: {} };
  const inFlight = new Map<Context, number>();
  let inFlightAtEnd = { count: 0, oldestMs: 0 };
  let windowStart = Infinity;
  let windowEnd = Infinity;
  const inWindow = (t: number) => t >= windowStart && t < windowEnd;
  const fail = (op: string, message: string) => {
    failures.set(op, (failures.get(op) ?? 0) + 1);
    const key = `${op}: ${message}`.slice(0, 160);
    errors.samples[key] = (errors.samples[key] ?? 0) + 1;
  };
  const requests: autocannon.Request[] = scenario.requests.map((spec, index) => ({
    method: 'POST',
    path: '/api/graphql',
    setupRequest: (request, context) => {
      const c = context as Context;
      if (index === 0 || !c.headers) c.headers = headersFor(scenario.auth);
      c.variables = spec.variables();
      c.sentAt = performance.now();
      inFlight.set(c, c.sentAt);
      return {
        ...request,
        headers: { 'content-type': 'application/json', ...c.headers },
        body: JSON.stringify({ query: spec.query, variables: c.variables }),
      };
    },
    onResponse: (status, body, context) => {
      const c = context as Context;
      const now = performance.now();
      inFlight.delete(c);
      const answer = parseAnswer(body);
      // The update scenario learns each new version, in the window or not.
      if (status === 200 && answer?.data && !answer.errors?.length) spec.onData?.(c.variables!, answer.data);
      if (!inWindow(now)) return;
      const list = latencies.get(spec.op) ?? [];
      list.push(now - c.sentAt!);
      latencies.set(spec.op, list);
      if (status < 200 || status >= 300) {
        errors.non2xx++;
        fail(spec.op, `HTTP ${status}`);
      } else if (!answer) {
        errors.graphql++;
        fail(spec.op, 'unreadable JSON');
      } else if (answer.errors?.length) {
        errors.graphql++;
        const first = answer.errors[0]!;
        fail(spec.op, `${first.extensions?.code ?? 'ERROR'} ${first.message}`);
      }
    },
  }));
  const pids = await backendPids(db);
  let before: { server: CpuReading | null; db: CpuReading; client: NodeJS.CpuUsage } | undefined;
  let after: { server: CpuReading | null; db: CpuReading; client: NodeJS.CpuUsage } | undefined;
  const read = () => ({
    server: server.pid ? treeCpu(server.pid) : null,
    db: pidsCpu(pids),
    client: process.cpuUsage(),
  });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const options = {
    url: server.url,
    connections: cfg.connections,
    duration: cfg.warmupSeconds + cfg.durationSeconds,
    timeout: cfg.timeoutSeconds,
    requests,
  };
  const instance = autocannon(options, () => finished());
  const t0 = performance.now();
  windowStart = t0 + cfg.warmupSeconds * 1000;
  windowEnd = windowStart + cfg.durationSeconds * 1000;
  const startTimer = setTimeout(() => (before = read()), windowStart - t0);
  const endTimer = setTimeout(() => {
    after = read();
    const now = performance.now();
    inFlightAtEnd = {
      count: inFlight.size,
      oldestMs: Math.max(0, ...[...inFlight.values()].map((sentAt) => now - sentAt)),
    };
  }, windowEnd - t0);
  instance.on('reqError', (error: Error & { code?: string }) => {
    if (!inWindow(performance.now())) return;
    if (error.code === 'ETIMEDOUT' || /timeout/i.test(error.message)) errors.timeouts++;
    else errors.socket++;
    fail('connection', error.message);
  });
  await done;
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  after ??= read();
  if (!before) throw new Error('the measured window never started');
  const loadAverageAtEnd = loadAverage();
  await settle(server);

  const all = [...latencies.values()].flat();
  const seconds = cfg.durationSeconds;
  const perRequest = (ms: number) => (all.length ? ms / all.length : NaN);
  errors.total = errors.non2xx + errors.graphql + errors.timeouts + errors.socket;
  const clientMs = (after.client.user + after.client.system - before.client.user - before.client.system) / 1000;
  return {
    server: server.name,
    seconds,
    requests: all.length,
    inFlightAtEnd,
    requestsPerSecond: all.length / seconds,
    ...percentiles(all),
    errors,
    serverCpuMsPerRequest: before.server && after.server ? perRequest(cpuBetween(before.server, after.server)) : null,
    dbCpuMsPerRequest: perRequest(cpuBetween(before.db, after.db)),
    clientCpuMsPerRequest: perRequest(clientMs),
    loadAverage: loadAverageAtEnd,
    byOperation: Object.fromEntries(
      [...latencies].map(([op, values]) => [
        op,
        { requests: values.length, errors: failures.get(op) ?? 0, ...percentiles(values) },
      ]),
    ),
  };
}

/**
 * Waits (at most a minute) until the server has finished the requests the load generator abandoned at the end, so they
 * do not run into the next measurement.
 */
async function settle(server: RunningServer): Promise<void> {
  if (!server.pid) return void (await new Promise((r) => setTimeout(r, 2_000)));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const a = treeCpu(server.pid);
    await new Promise((r) => setTimeout(r, 1_000));
    if (cpuBetween(a, treeCpu(server.pid)) < 50) return;
  }
}

const fixed = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

function errorText(s: SideResult): string {
  const e = s.errors;
  // Every connection always has a request out; worth saying only when one had waited longer than the slowest answers.
  const stuck =
    !(s.inFlightAtEnd.oldestMs <= s.p99) && s.inFlightAtEnd.count
      ? `; at the end ${s.inFlightAtEnd.count} unanswered, oldest waiting ${fixed(s.inFlightAtEnd.oldestMs / 1000)} s`
      : '';
  if (!e.total) return `0${stuck}`;
  const parts = [
    e.non2xx && `${e.non2xx} non-2xx`,
    e.graphql && `${e.graphql} GraphQL`,
    e.timeouts && `${e.timeouts} timeouts`,
    e.socket && `${e.socket} socket`,
  ].filter(Boolean);
  return `${e.total} (${parts.join(', ')})${stuck}`;
}

function printScenario(r: ScenarioResult, log: (line: string) => void) {
  log(`\n${r.title}${r.sameJson ? '' : `   ✗ answers differ: ${r.difference}`}`);
  log(`  side   req/s     p50 ms   p95 ms   p99 ms   CPU ms/req: server   db  load generator   load avg  errors`);
  for (const s of [r.raw, r.app]) {
    log(
      `  ${s.server.padEnd(4)} ${fixed(s.requestsPerSecond).padStart(8)} ${fixed(s.p50).padStart(9)} ${fixed(s.p95).padStart(8)} ${fixed(s.p99).padStart(8)}   ` +
        `${fixed(s.serverCpuMsPerRequest, 2).padStart(18)} ${fixed(s.dbCpuMsPerRequest, 2).padStart(5)} ${fixed(s.clientCpuMsPerRequest, 2).padStart(15)}   ${fixed(s.loadAverage[0], 2).padStart(8)}  ${errorText(s)}`,
    );
  }
  log(
    `  app/raw requests/s: ${(r.appToRaw * 100).toFixed(0)} %${r.target ? `   target (issue 9): ${r.target.text} — ${r.target.met ? 'met' : 'NOT met'}` : ''}`,
  );
  // A side so slow that no connection got past a screen's first request shows the others as unanswered.
  const operations = [...new Set([...Object.keys(r.raw.byOperation), ...Object.keys(r.app.byOperation)])];
  if (operations.length > 1) {
    for (const s of [r.raw, r.app]) {
      for (const op of operations) {
        const o = s.byOperation[op];
        const figures = o
          ? `${String(o.requests).padStart(7)} req  p50 ${fixed(o.p50)}  p95 ${fixed(o.p95)}  p99 ${fixed(o.p99)} ms${o.errors ? `  ${o.errors} errors` : ''}`
          : '      0 answered in the window';
        log(`    ${s.server} ${op.padEnd(24)} ${figures}`);
      }
    }
  }
  for (const s of [r.raw, r.app]) {
    for (const [message, count] of Object.entries(s.errors.samples).slice(0, 5))
      log(`    ${s.server} error ×${count}: ${message}`);
  }
}

export async function runLoadPhase(
  cfg: BenchConfig,
  db: pg.Pool,
  databaseUrl: string,
  logDir: string,
  log: (line: string) => void,
): Promise<LoadResult> {
  const secret = cfg.load.appUrl ? process.env.NEXTAUTH_SECRET : randomBytes(32).toString('base64url');
  if (!secret)
    throw new Error(
      "With BENCH_APP_URL, set NEXTAUTH_SECRET to the app's: the raw baseline reads the same session cookies",
    );
  const data = await loadScenarioData(db);
  const all = scenarios(data, db);
  const chosen = cfg.load.scenarios ? all.filter((s) => cfg.load.scenarios!.includes(s.key)) : all;
  if (!chosen.length) throw new Error(`BENCH_SCENARIOS names none of ${all.map((s) => s.key).join(', ')}`);

  const raw = await startRaw({ port: cfg.load.rawPort, databaseUrl, secret, poolSize: cfg.load.rawPoolSize, logDir });
  let app: RunningServer | undefined;
  try {
    app = await startApp({
      ...cfg.load,
      port: cfg.load.appPort,
      databaseUrl,
      secret,
      workers: cfg.load.appWorkers,
      logDir,
      log,
    });
    const apiKey = await createApiKey(db, ['customers:read', 'customers:write', 'interactions:read']);
    const sessions: string[] = [];
    for (let i = 1; i <= Math.min(cfg.load.staffSessions, AGENTS); i++)
      sessions.push(await signIn(app.url, `agent${i}@kefu.bench`, STAFF_PASSWORD));
    log(
      `signed in ${sessions.length} agents through next-auth; API key created; raw pool ${cfg.load.rawPoolSize} connections`,
    );
    const headersFor = authHeaders({ apiKey, sessions });

    const results: ScenarioResult[] = [];
    for (const scenario of chosen) {
      const diff = await compareAnswers(scenario, raw, app, headersFor);
      const rawSide = await measure(raw, scenario, headersFor, db, cfg.load);
      const appSide = await measure(app, scenario, headersFor, db, cfg.load);
      const appToRaw = appSide.requestsPerSecond / rawSide.requestsPerSecond;
      const target = TARGETS[scenario.key];
      const result: ScenarioResult = {
        key: scenario.key,
        title: scenario.title,
        sameJson: diff === null,
        difference: diff,
        raw: rawSide,
        app: appSide,
        appToRaw,
        target: target ? { text: target.text, met: target.met(appSide, appToRaw) } : null,
      };
      printScenario(result, log);
      results.push(result);
    }
    return {
      connections: cfg.load.connections,
      durationSeconds: cfg.load.durationSeconds,
      warmupSeconds: cfg.load.warmupSeconds,
      appUrl: app.url,
      scenarios: results,
    };
  } finally {
    await app?.stop();
    await raw.stop();
  }
}
