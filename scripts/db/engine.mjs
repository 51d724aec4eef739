// Prisma's WebAssembly schema engine, driven through @prisma/adapter-pg. The native engine cannot be downloaded on
// our machines (see ../shared/TOOLCHAIN.md), so migrations are authored by schema-to-schema diffs and applied with
// `applyMigrations`, which records them in `_prisma_migrations` exactly as `prisma migrate deploy` would.
// Node 20 needs `--experimental-wasm-modules` to load this module (the npm scripts pass it).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { startEmbedded } from './embedded.mjs';

export const root = resolve(import.meta.dirname, '../..');
export const schemaPath = join(root, 'prisma/schema.prisma');
export const migrationsDir = join(root, 'prisma/migrations');
const filters = { externalTables: [], externalEnums: [] };

// adapter-pg's executeScript splits a script on every ';', which breaks dollar-quoted function bodies (our
// append-only trigger). PostgreSQL's simple query protocol runs a multi-statement script as it is, like the CLI does.
class WholeScriptPg extends PrismaPg {
  async connect() {
    const adapter = await super.connect();
    adapter.executeScript = async (script) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  }
}

async function openEngine(url, datamodel) {
  const factory = bindMigrationAwareSqlAdapterFactory(new WholeScriptPg({ connectionString: url }));
  const logs = [];
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, (line) => logs.push(line), factory);
  return { engine, logs };
}

/** Migration directories in Prisma's standard layout, oldest first. */
export function readMigrations() {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8') }));
}

/** Applies pending migrations to the database at `url`; returns the names applied now. */
export async function applyMigrations(url) {
  const datamodel = readFileSync(schemaPath, 'utf8');
  const { engine } = await openEngine(url, datamodel);
  const lockPath = join(migrationsDir, 'migration_lock.toml');
  try {
    const out = await engine.applyMigrations({
      migrationsList: {
        baseDir: migrationsDir,
        lockfile: {
          path: 'migration_lock.toml',
          content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
        },
        shadowDbInitScript: '',
        migrationDirectories: readMigrations().map((m) => ({
          path: m.name,
          migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
        })),
      },
      filters,
    });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes a database from datamodel `from` (null = empty) to datamodel `to`. Reads no database. */
export async function diffDatamodels(from, to) {
  // The engine wants a connection even for a pure schema-to-schema diff; an in-memory PGlite serves it.
  const scratch = await startEmbedded();
  const { engine } = await openEngine(scratch.url, to);
  const target = (text) =>
    text == null ? { tag: 'empty' } : { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: text }] };
  try {
    const result = await engine.diff({ from: target(from), to: target(to), script: true, exitCode: null, filters });
    return result.stdout ?? '';
  } finally {
    engine.free();
    await scratch.stop();
  }
}
