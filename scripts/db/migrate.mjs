// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database in KEFU_DATA_DIR
// (default ./.data), under the data folder's lock (it refuses while npm start runs on that folder; npm start migrates
// by itself anyway).
import { dataDirPaths } from './data-dir.mjs';
import { applyMigrations } from './engine.mjs';
import { startEmbedded } from './embedded.mjs';
import { DataDirLockedError, lockDataDir } from './lock.mjs';

let lock = null;
let embedded = null;
if (!process.env.DATABASE_URL) {
  const paths = dataDirPaths();
  try {
    lock = lockDataDir(paths, 'npm run db:migrate');
  } catch (error) {
    console.error(error instanceof DataDirLockedError ? `✖ ${error.message}` : error);
    process.exit(1);
  }
  embedded = await startEmbedded({ dataDir: paths.pglite });
}
const url = process.env.DATABASE_URL ?? embedded.url;
try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await embedded?.stop();
  lock?.release();
}
