// The data folder (KEFU_DATA_DIR, default ./.data) and what lives in it, named once so that the launcher, the
// migration command, backup and restore agree on it.
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');

/**
 * Secrets the launcher generates into the data folder when they are not set in the environment. A backup carries
 * them: without them every session ends and personal survey links (HMAC of the same secret) stop working.
 */
export const GENERATED_SECRETS = ['nextauth-secret'];

/** Paths inside the data folder `dir` (relative to the project root unless absolute). */
export function dataDirPaths(dir = process.env.KEFU_DATA_DIR || '.data') {
  const base = resolve(root, dir);
  return {
    base,
    /** The embedded database (PGlite). */
    pglite: join(base, 'pglite'),
    /** Uploaded attachments (src/server/storage). */
    uploads: join(base, 'uploads'),
    /** The OS-level lock of the embedded database, with its holder's record (scripts/db/lock.mjs). */
    lock: join(base, 'pglite.lock'),
    /** The running launcher's control socket (scripts/db/control.mjs), in a folder only its owner may enter. */
    controlDir: join(base, 'run'),
    control: join(base, 'run', 'control.sock'),
    secret: (name) => join(base, name),
  };
}
