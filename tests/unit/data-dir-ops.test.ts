import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM helpers shared with npm start / backup / restore, no type declarations
import { dataDirPaths } from '../../scripts/db/data-dir.mjs';
// @ts-expect-error — see above
import { DataDirLockedError, lockDataDir } from '../../scripts/db/lock.mjs';
// @ts-expect-error — see above
import { readArchive, writeArchive } from '../../scripts/ops/archive.mjs';

// The data folder's lock and the backup archive's integrity check, without an app: the end-to-end drills are
// tests/e2e/faults.spec.ts and tests/e2e/backup.spec.ts.

type Paths = { base: string; lock: string };
type Lock = { release: () => void };
const lockMjs = resolve(import.meta.dirname, '../../scripts/db/lock.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'kefu-data-dir-'));
const children: ReturnType<typeof spawn>[] = [];

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** Another process that takes the lock of `dir` and holds it until killed; resolves once it holds it. */
function holdLockInAnotherProcess(dir: string) {
  const script = `import(${JSON.stringify(lockMjs)}).then(({ lockDataDir }) => { lockDataDir({ base: process.argv[1], lock: process.argv[1] + '/pglite.lock' }, 'test holder'); console.log('held'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise<typeof child>((resolveHeld) => child.stdout!.once('data', () => resolveHeld(child)));
}

const exited = (child: ReturnType<typeof spawn>) => new Promise((resolveExit) => child.once('exit', resolveExit));

describe('the data folder lock', () => {
  it('refuses a second holder, naming the first, and is free again once the holder is killed with -9', async () => {
    const paths = dataDirPaths(join(scratch, 'one')) as Paths;
    const holder = await holdLockInAnotherProcess(paths.base);

    let refusal: unknown;
    try {
      lockDataDir(paths, 'npm start');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as Error).message).toContain(
      `in use by process ${holder.pid} on host ${hostname()} (test holder, since `,
    );

    holder.kill('SIGKILL');
    await exited(holder);
    // The holder's record is still in the file; only the kernel's lock decides.
    expect(JSON.parse(readFileSync(paths.lock, 'utf8'))).toMatchObject({ pid: holder.pid });
    const lock = lockDataDir(paths, 'npm start') as Lock;
    expect(JSON.parse(readFileSync(paths.lock, 'utf8'))).toMatchObject({ pid: process.pid, purpose: 'npm start' });
    lock.release();
  });

  it('is not carried by a copy of the folder', async () => {
    const original = dataDirPaths(join(scratch, 'two')) as Paths;
    const holder = await holdLockInAnotherProcess(original.base);
    const copy = dataDirPaths(join(scratch, 'two-copy')) as Paths;
    cpSync(original.base, copy.base, { recursive: true });

    expect(() => lockDataDir(original, 'npm start')).toThrow(DataDirLockedError);
    const lock = lockDataDir(copy, 'npm start') as Lock;
    lock.release();
    holder.kill('SIGKILL');
  });
});

describe('the backup archive', () => {
  it('restores only what its manifest vouches for', async () => {
    const archive = join(scratch, 'backup.tar.gz');
    await writeArchive(
      archive,
      { mode: 'embedded', tables: {} },
      async (add: { bytes: (name: string, bytes: Buffer) => Promise<void> }) => {
        await add.bytes('uploads/a/b', Buffer.from('attachment'));
        await add.bytes('secrets/nextauth-secret', Buffer.from('secret'));
      },
    );
    const manifest = await readArchive(archive, mkdtempSync(join(scratch, 'staging-')));
    expect(Object.keys(manifest.files).sort()).toEqual(['secrets/nextauth-secret', 'uploads/a/b']);

    // The same archive with one file changed: refused before anything is written to a target.
    const unpacked = mkdtempSync(join(scratch, 'tamper-'));
    execFileSync('tar', ['-xzf', archive, '-C', unpacked]);
    writeFileSync(join(unpacked, 'uploads/a/b'), 'tampered!!');
    const tampered = join(scratch, 'tampered.tar.gz');
    execFileSync('tar', ['-czf', tampered, '-C', unpacked, 'manifest.json', 'uploads', 'secrets']);
    await expect(readArchive(tampered, mkdtempSync(join(scratch, 'staging-')))).rejects.toThrow(
      'checksum differs: uploads/a/b',
    );
  });
});
