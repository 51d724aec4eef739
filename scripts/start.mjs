// npm start — serves Kefu on http://localhost:3000 with nothing else to set up:
//   no DATABASE_URL → embedded PostgreSQL (PGlite, data in ./.data/pglite) served on a local port;
//   migrations applied; demo data loaded on first run; production build made when missing or stale; demo logins printed.
// npm run dev — the same, with `next dev` instead of a production build.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { applyMigrations, root } from './db/engine.mjs';
import { startEmbedded } from './db/embedded.mjs';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
// KEFU_DATA_DIR: where the embedded database and the generated auth secret live (the e2e suite uses its own).
const dataDir = process.env.KEFU_DATA_DIR ? join(root, process.env.KEFU_DATA_DIR) : join(root, '.data');
const bin = (name) => join(root, 'node_modules/.bin', name);

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsStale() {
  const buildId = join(root, '.next/BUILD_ID');
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const inputs = ['src', 'messages', 'prisma/schema.prisma', 'next.config.js', 'package-lock.json'].map((p) => newestMtime(join(root, p)));
  return Math.max(...inputs) > built;
}

/** A stable NEXTAUTH_SECRET for the embedded set-up, so sessions survive a restart. */
function authSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'nextauth-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** One process at a time may open the embedded database folder. */
function lockEmbedded() {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'pglite.pid');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    try {
      process.kill(pid, 0);
      console.error(`The embedded database is in use by process ${pid} (another npm start?). Stop it first.`);
      process.exit(1);
    } catch {
      /* stale lock */
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

let embedded = null;
let unlock = () => undefined;
let url = process.env.DATABASE_URL;
if (!url) {
  unlock = lockEmbedded();
  embedded = await startEmbedded({ dataDir: join(dataDir, 'pglite'), port: process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : undefined });
  url = embedded.url;
  console.log(`▶ embedded PostgreSQL (PGlite, ${join(dataDir, 'pglite')}) at ${url}`);
} else {
  console.log('▶ using the PostgreSQL server in DATABASE_URL');
}

const env = {
  ...process.env,
  DATABASE_URL: url,
  NEXTAUTH_SECRET: authSecret(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  PORT: String(port),
  NEXT_TELEMETRY_DISABLED: '1',
};

let app = null;
async function shutdown(code = 0) {
  app?.kill('SIGTERM');
  await embedded?.stop().catch(() => undefined);
  unlock();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `▶ migrations applied: ${applied.join(', ')}` : '▶ database schema is up to date');
  await run(bin('tsx'), ['scripts/seed.ts'], env);
  if (!dev && (process.env.KEFU_FORCE_BUILD === '1' || buildIsStale())) {
    console.log('▶ building the production bundle (first start, or sources changed)…');
    await run(bin('next'), ['build'], env);
  }
} catch (error) {
  console.error(error);
  await shutdown(1);
}

// The app's own HTTP server (src/server/http/main.ts) around Next: it serves /api/graphql and /api/uploads itself.
app = spawn(process.execPath, ['--import', 'tsx', 'src/server/http/main.ts', ...(dev ? ['--dev'] : [])], { cwd: root, env, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
app.on('exit', (code) => void shutdown(code ?? 0));

const { DEMO_LOGINS, DEMO_PASSWORD } = {
  DEMO_PASSWORD: 'kefu-demo-2026',
  DEMO_LOGINS: [
    ['console', 'admin@kefu.demo', '系统管理员 admin'],
    ['console', 'agent@kefu.demo', '客服专员 service agent'],
    ['console', 'quality@kefu.demo', '质量经理 quality manager'],
    ['console', 'handler@kefu.demo', '责任部门 department handler'],
    ['console', 'manager@kefu.demo', '客服部部长 service manager'],
    ['console', 'executive@kefu.demo', '总经理 executive'],
    ['portal', 'customer@kefu.demo', '客户 customer (华东精密汽配有限公司)'],
  ],
};
console.log(`
┌ Kefu 客服通 — http://localhost:${port}
│ console: http://localhost:${port}/console   portal: http://localhost:${port}/portal
│ demo logins (password: ${DEMO_PASSWORD})
${DEMO_LOGINS.map(([where, email, who]) => `│   ${where.padEnd(8)} ${email.padEnd(22)} ${who}`).join('\n')}
└`);
