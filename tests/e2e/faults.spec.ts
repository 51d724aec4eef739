import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  AppInstance,
  customerInteractionIds,
  drillPort,
  isAlive,
  lockIsHeld,
  root,
  signedIn,
  startWriteLoad,
} from './app-instance';

// Issue 10, items 7 and 8, on an app instance of its own (port 3110 — drillPort —, .data/e2e-faults) started from the production
// build: the embedded database's lock (held by the kernel, so it survives a container restart and names its holder)
// and the ordered stop (web server drained and gone before the database closes) under write load, whichever process
// of the app gets the signal.

const port = drillPort(0);
const dataDir = '.data/e2e-faults';
const lockFile = resolve(root, dataDir, 'pglite.lock');

test.describe.configure({ mode: 'serial' });

let app: AppInstance | null = null;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  rmSync(resolve(root, dataDir), { recursive: true, force: true });
  app = await AppInstance.start({ port, dataDir });
});

test.afterAll(async () => {
  await app?.stop();
});

test('a second start on the same data folder is refused and names the holder', async () => {
  const second = AppInstance.spawn({ port: port + 1, dataDir });
  const exit = await second.waitForExit(60_000);
  expect(exit.code).toBe(1);
  expect(second.log).toContain(`is in use by process ${app!.launcherPid()} on host ${hostname()} (npm start, since `);
  expect((await fetch(`${app!.baseURL}/console/login`)).status).toBe(200);
});

type Target = 'npm' | 'launcher' | 'web server';

/**
 * Signals one process of the running instance under write load, then checks: no answer was an HTTP 5xx or a GraphQL
 * error, every process of the instance ended, the lock is free, and a restart serves every acknowledged write.
 */
async function signalUnderLoad(
  target: Target,
  signal: NodeJS.Signals,
  expectations: { databaseGoesFirst?: boolean } = {},
) {
  const running = app!;
  const customer = await signedIn(running.baseURL, 'customer@kefu.demo');
  const processes = running.processes();
  // npm, the launcher, then the web server: its primary and (on two or more cores) its server processes.
  const commands = processes.map((p) => p.command);
  expect(commands.slice(0, 2)).toEqual([
    expect.stringMatching(/^npm start$/),
    expect.stringContaining('scripts/start.mjs'),
  ]);
  expect(commands.slice(2).length).toBeGreaterThanOrEqual(1);
  for (const command of commands.slice(2)) expect(command).toContain('src/server/http/main.ts');
  const load = startWriteLoad(customer, { workers: 6 });
  await load.acknowledged(11); // more than the 10 asserted below, with the load still running
  process.kill(
    target === 'npm' ? running.npmPid() : target === 'launcher' ? running.launcherPid() : processes[2]!.pid,
    signal,
  );
  const signalledAt = Date.now();
  await expect
    .poll(() => processes.filter((p) => isAlive(p.pid)).map((p) => p.command), { timeout: 60_000, intervals: [200] })
    .toEqual([]);
  const stopMs = Date.now() - signalledAt;
  const outcome = await load.stop();
  await customer.dispose();

  if (expectations.databaseGoesFirst) {
    // The database died with the launcher: what was in flight may only be told to come back (503), never a 500.
    expect(outcome.httpErrors.filter((e) => e.status !== 503)).toEqual([]);
    expect(outcome.graphqlErrors.filter((e) => !e.includes('SERVICE_UNAVAILABLE'))).toEqual([]);
  } else {
    expect(outcome.httpErrors).toEqual([]);
    expect(outcome.graphqlErrors).toEqual([]);
  }
  expect(outcome.acknowledged.length).toBeGreaterThan(10);
  expect(
    await fetch(`${running.baseURL}/console/login`).then(
      () => 'answered',
      () => 'refused',
    ),
  ).toBe('refused');
  expect(lockIsHeld(dataDir)).toBe(false);
  console.log(
    `${signal} to ${target === 'launcher' ? 'the launcher' : target}: stopped in ${stopMs} ms; ${outcome.acknowledged.length} writes acknowledged, ${outcome.connectionErrors} requests refused or cut${running.log.includes('did not stop within') ? '; the web server did not drain in time and was killed' : ''}`,
  );

  app = await AppInstance.start({ port, dataDir });
  const again = await signedIn(app.baseURL, 'customer@kefu.demo');
  const served = await customerInteractionIds(again);
  await again.dispose();
  expect(outcome.acknowledged.filter((s) => !served.has(s.id))).toEqual([]);
}

test('SIGTERM to the launcher under write load: ordered stop, nothing left, every acknowledged write kept', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('launcher', 'SIGTERM');
});

test('SIGINT to npm under write load: npm forwards it, the same ordered stop', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('npm', 'SIGINT');
});

test('SIGTERM to npm under write load: the same ordered stop', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('npm', 'SIGTERM');
});

test('SIGTERM to the web server under write load: it drains and stops, then the launcher closes the database', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('web server', 'SIGTERM');
});

test('the launcher killed with -9 under write load: the web server notices and stops, no 500 and nothing left', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('launcher', 'SIGKILL', { databaseGoesFirst: true });
});

test('npm killed with -9 under write load: the launcher notices it is orphaned and stops in order', async () => {
  test.setTimeout(300_000);
  await signalUnderLoad('npm', 'SIGKILL');
});

test('after kill -9 in a fresh PID namespace (a container restart), the embedded database starts again', async () => {
  test.setTimeout(300_000);
  await app!.stop();
  app = await AppInstance.start({ port, dataDir, pidNamespace: true });
  const killed = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
  process.kill(app.launcherPid(), 'SIGKILL');
  await app.waitForExit(); // npm is the namespace's init: when it ends, the kernel ends everything in it
  // The holder's record is left behind, naming a pid that the next container will hand out again.
  expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: killed.pid });

  app = await AppInstance.start({ port, dataDir, pidNamespace: true });
  const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
  console.log(`the killed launcher had pid ${killed.pid} in its namespace, the new one has ${holder.pid}`);
  const customer = await signedIn(app.baseURL, 'customer@kefu.demo');
  expect((await customerInteractionIds(customer)).size).toBeGreaterThan(0);
  await customer.dispose();
});
