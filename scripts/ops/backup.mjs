// npm run backup [-- --out <file>] — one archive with everything Kefu needs to come back, taken while it runs:
//   the database (embedded: a consistent copy of PGlite's folder; server: pg_dump of DATABASE_URL), the uploaded
//   attachments (KEFU_DATA_DIR/uploads), the generated secrets (KEFU_DATA_DIR/nextauth-secret) and a manifest with row
//   counts per table and the SHA-256 of every file. Default file: backups/kefu-<mode>-<UTC time>.tar.gz.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATED_SECRETS, dataDirPaths, root } from '../db/data-dir.mjs';
import { listFiles, writeArchive } from './archive.mjs';
import { describeEmbeddedDump, dumpEmbedded, dumpServer } from './database.mjs';

const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const paths = dataDirPaths();
const url = process.env.DATABASE_URL;
const mode = url ? 'server' : 'embedded';
const stamp = new Date()
  .toISOString()
  .replace(/[-:]/g, '')
  .replace(/\.\d+Z$/, 'Z');
const out = resolve(args.out ?? join(root, 'backups', `kefu-${mode}-${stamp}.tar.gz`));
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Reads a file, or null when it is gone (an upload deleted after its submission failed: it has no row). */
async function readIfPresent(path) {
  try {
    return await readFile(path);
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

let staging = null;
try {
  // The server dump is staged beside the archive, not in /tmp: it may be as large as the database.
  await mkdir(dirname(out), { recursive: true });
  staging = await mkdtemp(join(dirname(out), '.kefu-backup-'));
  const started = Date.now();
  let database;
  let dumpFile;
  let embeddedCopy;
  if (url) {
    dumpFile = join(staging, 'postgres.dump');
    database = await dumpServer(url, dumpFile);
    console.log(`▶ database: pg_dump of DATABASE_URL (${database.engine})`);
  } else {
    embeddedCopy = await dumpEmbedded(paths);
    database = await describeEmbeddedDump(embeddedCopy.bytes);
    console.log(`▶ database: copy of ${paths.pglite} made by ${embeddedCopy.madeBy} (${database.engine})`);
  }
  // The uploads after the database: an attachment's file is written before its row commits and is not deleted while
  // the row exists, so every attachment in the copy finds its file here (files newer than the copy are harmless extras).
  // Storage keys have no dot; a name with one is a write in progress ("<key>.<uuid>.tmp").
  const uploads = (await listFiles(paths.uploads)).filter((name) => !name.includes('.'));
  const secretsFromEnvironment = ['NEXTAUTH_SECRET', 'KEFU_SURVEY_SECRET'].filter((name) => process.env[name]);
  let uploadCount = 0;
  const manifest = await writeArchive(
    out,
    {
      createdAt: new Date().toISOString(),
      mode,
      app: { version, migrations: database.migrations },
      database: { file: url ? 'database/postgres.dump' : 'database/pglite.tar', engine: database.engine },
      tables: database.tables,
      secretsFromEnvironment,
    },
    async (add) => {
      if (url) await add.file('database/postgres.dump', dumpFile);
      else await add.bytes('database/pglite.tar', embeddedCopy.bytes);
      for (const name of GENERATED_SECRETS) {
        const bytes = await readIfPresent(paths.secret(name));
        if (bytes) await add.bytes(`secrets/${name}`, bytes);
      }
      for (const name of uploads) {
        const bytes = await readIfPresent(join(paths.uploads, ...name.split('/')));
        if (!bytes) continue;
        await add.bytes(`uploads/${name}`, bytes);
        uploadCount += 1;
      }
    },
  );
  const rows = Object.values(manifest.tables).reduce((sum, n) => sum + n, 0);
  console.log(`▶ backup written: ${out}
  ${Object.keys(manifest.tables).length} tables, ${rows} rows; ${uploadCount} uploaded files; secrets: ${
    Object.keys(manifest.files)
      .filter((f) => f.startsWith('secrets/'))
      .map((f) => f.slice(8))
      .join(', ') || 'none generated'
  }; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (secretsFromEnvironment.length) {
    console.warn(
      `! ${secretsFromEnvironment.join(' and ')} come from the environment, not the data folder: keep them with this backup yourself (without them sessions end and survey links stop working).`,
    );
  }
} catch (error) {
  console.error(`✖ backup failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  if (staging) await rm(staging, { recursive: true, force: true });
}
