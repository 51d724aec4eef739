// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database in ./.data/pglite.
import { join } from 'node:path';
import { applyMigrations, root } from './engine.mjs';
import { startEmbedded } from './embedded.mjs';

const embedded = process.env.DATABASE_URL ? null : await startEmbedded({ dataDir: join(root, '.data/pglite') });
const url = process.env.DATABASE_URL ?? embedded.url;
try {
  const applied = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await embedded?.stop();
}
