import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, request, type APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// An app instance of its own for the fault and backup drills: `npm start` from the production build the Playwright run
// already has, on its own port and data folder, in a process group of its own so that the test can signal and then
// account for every process of it.

export const root = resolve(__dirname, '../..');

export type StartOptions = { port: number; dataDir: string; env?: Record<string, string>; pidNamespace?: boolean };

export class AppInstance {
  log = '';
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    readonly proc: ChildProcess,
    readonly options: StartOptions,
  ) {
    // Also kept beside the data folder (<dataDir>.log) for a look after a failure.
    const file = createWriteStream(`${resolve(root, options.dataDir)}.log`, { flags: 'a' });
    const keep = (chunk: Buffer) => {
      this.log += chunk.toString();
      file.write(chunk);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    proc.on('close', () => file.end());
    this.exited = new Promise((resolveExit) =>
      proc.on('exit', (code, signal) => resolveExit(void (this.exitInfo = { code, signal }))),
    );
  }

  /** Runs `npm start` (inside `unshare --pid --fork --mount-proc` when pidNamespace, as in a container). */
  static spawn(options: StartOptions): AppInstance {
    mkdirSync(resolve(root, options.dataDir, '..'), { recursive: true });
    const [cmd, args] = options.pidNamespace
      ? ['unshare', ['--pid', '--fork', '--mount-proc', 'npm', 'start']]
      : ['npm', ['start']];
    const proc = spawn(cmd, args as string[], {
      cwd: root,
      detached: true, // its own process group
      stdio: ['ignore', 'pipe', 'pipe'],
      // The embedded database unless the caller names a server.
      env: {
        ...process.env,
        DATABASE_URL: '',
        KEFU_DATA_DIR: options.dataDir,
        PORT: String(options.port),
        ...options.env,
      },
    });
    return new AppInstance(proc, options);
  }

  static async start(options: StartOptions): Promise<AppInstance> {
    const instance = AppInstance.spawn(options);
    await instance.ready();
    return instance;
  }

  get baseURL() {
    return `http://localhost:${this.options.port}`;
  }

  /** Waits until the sign-in page answers 200. */
  async ready(timeoutMs = 240_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitInfo)
        throw new Error(`npm start exited (${JSON.stringify(this.exitInfo)}) before serving:\n${this.log}`);
      const status = await fetch(`${this.baseURL}/console/login`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      await sleep(500);
    }
    throw new Error(`not serving after ${timeoutMs} ms:\n${this.log}`);
  }

  /** Resolves with npm's exit, or rejects after `timeoutMs`. */
  async waitForExit(timeoutMs = 60_000) {
    await Promise.race([
      this.exited,
      sleep(timeoutMs).then(() =>
        Promise.reject(new Error(`npm start still running after ${timeoutMs} ms:\n${this.log}`)),
      ),
    ]);
    return this.exitInfo!;
  }

  /** npm (or unshare) and every process below it, by pid; the launcher is the node process running scripts/start.mjs. */
  processes(): { pid: number; command: string }[] {
    const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
      .filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), command: m[3]! }));
    const found = table.filter((p) => p.pid === this.proc.pid);
    for (let i = 0; i < found.length; i++) found.push(...table.filter((p) => p.ppid === found[i]!.pid));
    return found.map(({ pid, command }) => ({ pid, command }));
  }

  launcherPid(): number {
    const launcher = this.processes().find((p) => p.command.includes('scripts/start.mjs'));
    if (!launcher) throw new Error(`no launcher among ${JSON.stringify(this.processes())}`);
    return launcher.pid;
  }

  /** npm's pid (inside a PID namespace: the pid of npm as seen from here, under unshare). */
  npmPid(): number {
    const npm = this.processes().find((p) => /^npm start$/.test(p.command));
    if (!npm) throw new Error(`no npm among ${JSON.stringify(this.processes())}`);
    return npm.pid;
  }

  /** Stops it the way a person does (SIGINT to npm) and waits. */
  async stop() {
    if (this.exitInfo) return;
    process.kill(this.npmPid(), 'SIGINT');
    await this.waitForExit();
  }
}

/**
 * A port for a drill's own instance (faults: +0 and +1, backup: +10 to +13). Apart for each Playwright run on one
 * machine: a run whose suite server is on E2E_PORT = 3100 + n has its drills on 3110 + 20·n + offset (3110… for the
 * default 3100, as before).
 */
export function drillPort(offset: number): number {
  const run = Number(process.env.E2E_PORT ?? 3100) - 3100;
  return 3110 + 20 * run + offset;
}

/** A name of the run's own for a server database a drill creates (suffixed with E2E_PORT when it is set). */
export function drillDatabase(name: string): string {
  return process.env.E2E_PORT ? `${name}_${process.env.E2E_PORT}` : name;
}

export function sleep(ms: number) {
  return new Promise<void>((resolveSleep) => setTimeout(resolveSleep, ms));
}

/** True while `pid` names a process that has not ended (a zombie has ended: it only waits for its parent to reap it). */
export function isAlive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Whether some process holds the data folder's lock: tries the same kernel lock the launcher takes, and drops it. */
export function lockIsHeld(dataDir: string): boolean {
  const script = `const fsx = require('fs-native-extensions'); const fd = require('fs').openSync(process.argv[1], 'a+'); process.stdout.write(String(!fsx.tryLock(fd)));`;
  return (
    execFileSync(process.execPath, ['-e', script, resolve(root, dataDir, 'pglite.lock')], {
      cwd: root,
      encoding: 'utf8',
    }) === 'true'
  );
}

/** A request context signed in with the demo password through next-auth's credentials endpoint (no browser). */
export async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await context.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password: DEMO_PASSWORD, json: 'true' },
  });
  if (!response.ok()) throw new Error(`sign-in of ${email} answered ${response.status()}`);
  const session = (await (await context.get('/api/auth/session')).json()) as { user?: unknown };
  if (!session.user) throw new Error(`sign-in of ${email} gave no session`);
  return context;
}

export type GraphqlAnswer<T> = {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
};

export async function graphqlAs<T>(
  context: APIRequestContext,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlAnswer<T>> {
  const response = await context.post('/api/graphql', { data: { query, variables }, timeout: 30_000 });
  const body = (await response.json().catch(() => ({}))) as Omit<GraphqlAnswer<T>, 'status'>;
  return { status: response.status(), ...body };
}

export type Submission = { id: string; key: string; attachment?: { fileName: string; content: string } };
export type LoadOutcome = {
  acknowledged: Submission[];
  httpErrors: { status: number; body: string }[];
  graphqlErrors: string[];
  connectionErrors: number;
};

const SUBMIT = 'mutation ($input: SubmitInteractionInput!) { submitInteraction(input: $input) { id } }';

/**
 * Write load: `workers` loops of the portal customer's submitInteraction (with a small text attachment when asked)
 * until stopped. Records every answer as it comes: acknowledged writes, HTTP errors, GraphQL errors, requests that got
 * no answer (refused or cut).
 */
export function startWriteLoad(
  context: APIRequestContext,
  { workers, attachments = false }: { workers: number; attachments?: boolean },
) {
  const outcome: LoadOutcome = { acknowledged: [], httpErrors: [], graphqlErrors: [], connectionErrors: 0 };
  let stopped = false;
  const loop = async (worker: number) => {
    for (let i = 0; !stopped; i++) {
      const key = randomUUID();
      const attachment = attachments ? { fileName: `note-${worker}-${i}.txt`, content: `附件 ${key}\n` } : undefined;
      const input = {
        idempotencyKey: key,
        type: 'INQUIRY',
        subject: `写入负载 ${worker}-${i}`,
        description: `fault drill ${key}`,
        ...(attachment
          ? {
              attachments: [
                { fileName: attachment.fileName, contentBase64: Buffer.from(attachment.content).toString('base64') },
              ],
            }
          : {}),
      };
      try {
        const response = await context.post('/api/graphql', {
          data: { query: SUBMIT, variables: { input } },
          timeout: 30_000,
        });
        const text = await response.text();
        if (response.status() >= 500) outcome.httpErrors.push({ status: response.status(), body: text.slice(0, 300) });
        const body = JSON.parse(text || '{}') as {
          data?: { submitInteraction?: { id: string } };
          errors?: { message: string; extensions?: { code?: string } }[];
        };
        if (body.errors?.length)
          outcome.graphqlErrors.push(body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; '));
        else if (response.ok() && body.data?.submitInteraction)
          outcome.acknowledged.push({ id: body.data.submitInteraction.id, key, attachment });
      } catch {
        // The server is gone or going: the request was not answered, so nothing was acknowledged.
        outcome.connectionErrors += 1;
        await sleep(100);
      }
    }
  };
  const running = Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  return {
    outcome,
    /**
     * Waits until `count` writes in all are acknowledged — the load is running — instead of a fixed sleep; stops
     * waiting early when an answer was an error, which the caller's assertions on the outcome then report.
     */
    async acknowledged(count: number, timeout = 120_000): Promise<void> {
      await expect
        .poll(
          () => outcome.acknowledged.length >= count || outcome.httpErrors.length + outcome.graphqlErrors.length > 0,
          { timeout, intervals: [50, 100, 250], message: `${count} writes acknowledged under load` },
        )
        .toBe(true);
    },
    async stop(): Promise<LoadOutcome> {
      stopped = true;
      await running;
      return outcome;
    },
  };
}

/** Ids of the signed-in customer's interactions (all pages). */
export async function customerInteractionIds(context: APIRequestContext): Promise<Set<string>> {
  const ids = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const answer: GraphqlAnswer<{
      interactions: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }> = await graphqlAs(
      context,
      'query ($after: String) { interactions(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
      { after },
    );
    if (answer.errors || !answer.data) throw new Error(`interactions: ${JSON.stringify(answer.errors)}`);
    for (const node of answer.data.interactions.nodes) ids.add(node.id);
    if (!answer.data.interactions.pageInfo.hasNextPage) return ids;
    after = answer.data.interactions.pageInfo.endCursor;
  }
}
