import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
// @ts-expect-error — plain ESM helper shared with npm start (scripts/db/embedded.mjs), no type declarations
import { startEmbedded } from '../../scripts/db/embedded.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

/**
 * Which database the tests use. Never the developer's own DATABASE_URL database: tests wipe their database, so with
 * only DATABASE_URL set they create and use `<name>_test` on the same server.
 */
async function serverTestDatabase(): Promise<string | null> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  const testDb = `${url.pathname.slice(1) || 'postgres'}_test`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [testDb]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${testDb.replace(/"/g, '')}"`);
  await admin.end();
  url.pathname = `/${testDb}`;
  return url.toString();
}

async function resetSchema(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  await client.end();
}

export default async function setup(project: TestProject) {
  let url = await serverTestDatabase();
  let stop: (() => Promise<void>) | undefined;
  if (url) {
    await resetSchema(url);
    console.log(`[tests] PostgreSQL server: ${url.replace(/\/\/[^@]*@/, '//***@')}`);
  } else {
    const embedded = (await startEmbedded()) as { url: string; stop: () => Promise<void> };
    url = embedded.url;
    stop = embedded.stop;
    console.log('[tests] embedded PostgreSQL (PGlite, in memory)');
  }
  // Migrations are applied exactly as in production, by Prisma's WebAssembly schema engine (needs its own Node flag).
  // Asynchronously: the embedded database is served from this very process.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/db/migrate.mjs'],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    },
  );
  console.log(`[tests] ${stdout.trim()}`);
  project.provide('databaseUrl', url);
  return async () => {
    await stop?.();
  };
}
