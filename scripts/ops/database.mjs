// The database half of backup and restore, for both modes:
//   embedded — a copy of PGlite's data folder (dumpDataDir: a tar taken while PGlite runs no query), asked of the
//              running launcher through its control channel, or taken under the folder's lock when none runs;
//   server   — pg_dump's custom format, taken in the same snapshot as the row counts of the manifest.
// Row counts are always read from the copy itself (the embedded copy is loaded into a scratch in-memory PGlite), so
// the manifest describes exactly what the archive holds, and a copy that does not load fails the backup, not the
// restore months later.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { requestControl } from '../db/control.mjs';
import { DataDirLockedError, lockDataDir } from '../db/lock.mjs';

/** Row counts per table ("schema.table") and the applied migrations, read through `db.query` (PGlite or pg). */
export async function describeDatabase(db) {
  const { rows: tables } = await db.query(
    // Partitions are counted with their parent (pg-boss partitions its job table per queue).
    `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' order by 1, 2`,
  );
  const counts = {};
  const quote = (identifier) => `"${identifier.replaceAll('"', '""')}"`;
  for (const { schema, name } of tables) {
    const { rows } = await db.query(`select count(*)::text as n from ${quote(schema)}.${quote(name)}`);
    counts[`${schema}.${name}`] = Number(rows[0].n);
  }
  const migrations =
    counts['public._prisma_migrations'] === undefined
      ? []
      : (
          await db.query(
            'select migration_name from public._prisma_migrations where finished_at is not null and rolled_back_at is null order by 1',
          )
        ).rows.map((r) => r.migration_name);
  const { rows: version } = await db.query('select version() as v');
  return { tables: counts, migrations, engine: version[0].v.split(' on ')[0] };
}

/** Differences between the manifest's row counts and the restored database's (tables the manifest lacks are ignored). */
export function compareCounts(expected, actual) {
  return Object.entries(expected)
    .filter(([table, count]) => actual[table] !== count)
    .map(([table, count]) => `${table}: ${count} in the backup, ${actual[table] ?? 'no table'} restored`);
}

/**
 * A tar of the embedded database folder `paths.pglite`: from the launcher that holds it, else opened here
 * under its lock. Returns the bytes and who made the copy.
 */
export async function dumpEmbedded(paths) {
  let lock;
  try {
    lock = lockDataDir(paths, 'npm run backup');
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    try {
      return {
        bytes: await requestControl(paths, 'dump'),
        madeBy: `the running launcher (process ${error.holder?.pid ?? '?'})`,
      };
    } catch (channelError) {
      if (channelError.code !== 'ENOENT' && channelError.code !== 'ECONNREFUSED') throw channelError;
      throw new Error(
        `${error.message}\nIt offers no backup channel (${paths.control}): it is not a running npm start (a migration or restore?). Try again when it has finished.`,
      );
    }
  }
  try {
    if (!existsSync(join(paths.pglite, 'PG_VERSION')))
      throw new Error(`There is no embedded database in ${paths.pglite}.`);
    const db = await PGlite.create(paths.pglite);
    try {
      const blob = await db.dumpDataDir('none');
      return { bytes: Buffer.from(await blob.arrayBuffer()), madeBy: 'this command (no launcher was running)' };
    } finally {
      await db.close();
    }
  } finally {
    lock.release();
  }
}

/** Loads an embedded copy into a scratch in-memory PGlite and describes it. */
export async function describeEmbeddedDump(bytes) {
  const db = await PGlite.create({ loadDataDir: new Blob([bytes]) });
  try {
    return await describeDatabase(db);
  } finally {
    await db.close();
  }
}

/** Writes an embedded copy into the new folder `paths.pglite` (the caller holds its lock) and describes the result. */
export async function restoreEmbedded(paths, bytes) {
  const db = await PGlite.create(paths.pglite, { loadDataDir: new Blob([bytes]) });
  try {
    return await describeDatabase(db);
  } finally {
    await db.close();
  }
}

/** libpq (pg_dump, pg_restore) refuses query parameters it does not know; `schema` is Prisma's. */
function libpqUrl(url) {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  return parsed.toString();
}

function runTool(command, args) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(`${command} is not installed (PostgreSQL client tools, e.g. apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolveRun() : reject(new Error(`${command} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * pg_dump of the server database at `url` into `file` (custom format), in the snapshot the row counts are read in:
 * a REPEATABLE READ transaction exports its snapshot and stays open while pg_dump imports it.
 */
export async function dumpServer(url, file) {
  return withClient(url, async (client) => {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query('select pg_export_snapshot() as snapshot');
    const described = await describeDatabase(client);
    await runTool('pg_dump', [
      '--format=custom',
      `--snapshot=${rows[0].snapshot}`,
      '--no-owner',
      '--no-privileges',
      `--file=${file}`,
      `--dbname=${libpqUrl(url)}`,
    ]);
    await client.query('commit');
    return described;
  });
}

/** Tables outside PostgreSQL's own schemas in the server database at `url`. */
export function countServerTables(url) {
  return withClient(url, async (client) => {
    const { rows } = await client.query(
      `select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    return rows[0].n;
  });
}

/** pg_restore of `file` into the server database at `url`, in one transaction; `replace` drops what the dump holds first. */
export async function restoreServer(url, file, { replace }) {
  await runTool('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    ...(replace ? ['--clean', '--if-exists'] : []),
    `--dbname=${libpqUrl(url)}`,
    file,
  ]);
  return withClient(url, (client) => describeDatabase(client));
}
