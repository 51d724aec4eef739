// One process at a time may open the embedded database folder. The lock is the kernel's (an open-file-description
// lock through fs-native-extensions: fcntl F_OFD_SETLK on Linux, flock on macOS, LockFileEx on Windows), so it is
// released when its holder dies however it dies, and a copy of the folder carries no lock with it. A pid file cannot
// do this: pids repeat (in a fresh container the launcher gets the same small pid again), so a stale pid file looked
// "in use" by its own reader. The file's content only names the holder for the message; it never decides anything.
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import fsx from 'fs-native-extensions';

export class DataDirLockedError extends Error {
  constructor(lockPath, holder) {
    const who = holder
      ? `process ${holder.pid} on host ${holder.host} (${holder.purpose ?? 'kefu'}, since ${holder.startedAt})`
      : 'another process (it has not recorded itself yet)';
    super(`The embedded database (${lockPath.replace(/pglite\.lock$/, 'pglite')}) is in use by ${who}. Stop it first.`);
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

function readHolder(lockPath) {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Takes the lock of the data folder `paths` (from dataDirPaths) for `purpose` ('npm start', 'backup', …), or throws
 * DataDirLockedError naming the holder. The lock lasts until `release()` or the end of the process.
 */
export function lockDataDir(paths, purpose) {
  mkdirSync(paths.base, { recursive: true });
  // 'a+': open without truncating, so a refused attempt leaves the holder's record intact. Node opens files with
  // O_CLOEXEC, so the web server and other children never inherit (and never keep) the lock.
  const fd = openSync(paths.lock, 'a+', 0o600);
  let locked = false;
  try {
    locked = fsx.tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) throw new DataDirLockedError(paths.lock, readHolder(paths.lock));
  ftruncateSync(fd, 0);
  writeSync(
    fd,
    `${JSON.stringify({ pid: process.pid, host: hostname(), purpose, startedAt: new Date().toISOString() })}\n`,
  );
  // The pid file of earlier versions: it would only mislead a reader now.
  rmSync(join(paths.base, 'pglite.pid'), { force: true });
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      ftruncateSync(fd, 0);
      closeSync(fd); // closing the last descriptor of the open file releases the kernel's lock
    },
  };
}
