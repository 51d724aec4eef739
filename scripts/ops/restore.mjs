// npm run restore -- <archive> [--force] — brings a backup (npm run backup) back:
//   embedded backup → a new data folder KEFU_DATA_DIR (default .data): database, uploads, generated secrets;
//   server backup   → the database in DATABASE_URL (create it first: createdb …) plus uploads and secrets in KEFU_DATA_DIR.
// It refuses a target that holds data unless --force (which replaces it). Every checksum is checked before anything
// is written, and the restored row counts are compared with the manifest's.
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GENERATED_SECRETS, dataDirPaths } from '../db/data-dir.mjs';
import { lockDataDir } from '../db/lock.mjs';
import { isEmptyDir, listFiles, readArchive } from './archive.mjs';
import { compareCounts, countServerTables, restoreEmbedded, restoreServer } from './database.mjs';

const { values: args, positionals } = parseArgs({
  options: { force: { type: 'boolean', default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('usage: npm run restore -- <archive.tar.gz> [--force]');
  process.exit(2);
}
const archive = resolve(positionals[0]);
const paths = dataDirPaths();
const url = process.env.DATABASE_URL;
const target = url ? 'server' : 'embedded';

let lock = null;
let staging = null;
let writing = false; // once the target is being written, a failure leaves part of a restore there
try {
  await mkdir(paths.base, { recursive: true });
  // Embedded: the new folder is locked while it is written, so an npm start cannot open half a database.
  lock = url ? null : lockDataDir(paths, 'npm run restore');
  // Refused before the archive is read: it may be large.
  const occupied = [];
  if (url && (await countServerTables(url)) > 0) occupied.push('the database in DATABASE_URL has tables');
  if (!url && !(await isEmptyDir(paths.pglite))) occupied.push(`${paths.pglite} holds a database`);
  if (!(await isEmptyDir(paths.uploads))) occupied.push(`${paths.uploads} holds files`);
  for (const name of GENERATED_SECRETS)
    if (existsSync(paths.secret(name))) occupied.push(`${paths.secret(name)} exists`);
  if (occupied.length && !args.force) {
    throw new Error(
      `The target is not empty (${occupied.join('; ')}). Restore into a new place (KEFU_DATA_DIR, a new database), or pass --force to replace it.`,
    );
  }
  staging = await mkdtemp(join(paths.base, '.restore-'));
  const manifest = await readArchive(archive, staging);
  console.log(`▶ ${archive}: ${manifest.mode} backup of ${manifest.createdAt}, every checksum matches`);
  if (manifest.mode !== target) {
    throw new Error(
      manifest.mode === 'embedded'
        ? 'This is a backup of the embedded database: restore it without DATABASE_URL (into a data folder).'
        : 'This is a backup of a PostgreSQL server database: set DATABASE_URL to the (new, empty) database to restore into.',
    );
  }

  const secrets = GENERATED_SECRETS.filter((name) => manifest.files[`secrets/${name}`]);
  if (occupied.length) console.log(`▶ --force: replacing ${occupied.join('; ')}`);

  const started = Date.now();
  writing = true;
  let restored;
  if (url) {
    restored = await restoreServer(url, join(staging, manifest.database.file), { replace: args.force });
  } else {
    await rm(paths.pglite, { recursive: true, force: true });
    restored = await restoreEmbedded(paths, await readFile(join(staging, manifest.database.file)));
  }
  const differences = compareCounts(manifest.tables, restored.tables);
  if (differences.length)
    throw new Error(`The restored database does not hold what the backup counted:\n  ${differences.join('\n  ')}`);
  console.log(
    `▶ database restored (${restored.engine}): ${Object.keys(manifest.tables).length} tables, row counts as in the manifest`,
  );

  if (args.force) await rm(paths.uploads, { recursive: true, force: true });
  const uploads = await listFiles(join(staging, 'uploads'));
  for (const name of uploads) {
    const destination = join(paths.uploads, ...name.split('/'));
    await mkdir(dirname(destination), { recursive: true });
    await copyFile(join(staging, 'uploads', ...name.split('/')), destination);
  }
  for (const name of secrets) {
    await copyFile(join(staging, 'secrets', name), paths.secret(name));
    await chmod(paths.secret(name), 0o600);
  }
  console.log(
    `▶ ${uploads.length} uploaded files and ${secrets.length ? secrets.join(', ') : 'no generated secret'} restored into ${paths.base} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (manifest.secretsFromEnvironment?.length) {
    console.warn(
      `! The backed-up app took ${manifest.secretsFromEnvironment.join(' and ')} from its environment: set the same values, or sessions end and survey links stop working.`,
    );
  }
} catch (error) {
  console.error(`✖ restore failed: ${error instanceof Error ? error.message : error}`);
  if (writing) console.error(`  The target holds a partial restore now: remove it, or restore again with --force.`);
  process.exitCode = 1;
} finally {
  if (staging) await rm(staging, { recursive: true, force: true });
  lock?.release();
}
