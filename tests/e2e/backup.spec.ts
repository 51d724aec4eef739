import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { expect, request, test } from '@playwright/test';
import {
  AppInstance,
  customerInteractionIds,
  drillDatabase,
  drillPort,
  graphqlAs,
  root,
  signedIn,
  startWriteLoad,
} from './app-instance';

// Issue 10, item 10: the backup → restore drill, end to end. It is a Playwright spec rather than a Vitest integration
// test because what it must show lives in the running app: a session cookie signed with the generated secret, survey
// links (HMAC of the same secret), attachment downloads from the uploads folder, and the launcher's control socket
// through which the backup copies the embedded database while the app serves. Both modes: the embedded database (the
// default), and a PostgreSQL server database (pg_dump / pg_restore). Own instances from the production build, on ports
// 3120-3123 (drillPort), with data folders under .data/e2e-backup.

const base = '.data/e2e-backup';
const run = promisify(execFile);
// Server mode: databases of their own on the machine's PostgreSQL (TOOLCHAIN.md), dropped and created afresh.
const server = 'postgresql://postgres@127.0.0.1:5432';

type Mode = 'embedded' | 'server';
type Manifest = {
  mode: string;
  tables: Record<string, number>;
  files: Record<string, { bytes: number; sha256: string }>;
};

const COUNT_TABLES = `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and not c.relispartition and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'`;

type Queryable = { query: <T>(sql: string) => Promise<{ rows: T[] }> };

async function countRowsWith(db: Queryable): Promise<Record<string, number>> {
  const { rows: tables } = await db.query<{ schema: string; name: string }>(COUNT_TABLES);
  const counts: Record<string, number> = {};
  for (const { schema, name } of tables) {
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from "${schema}"."${name}"`);
    counts[`${schema}.${name}`] = rows[0]!.n;
  }
  return counts;
}

/** Row counts per table of the restored database: the embedded folder opened directly, or the server database. */
async function countRows(
  mode: Mode,
  place: { dataDir: string; databaseUrl?: string },
): Promise<Record<string, number>> {
  if (mode === 'embedded') {
    const db = await PGlite.create(resolve(root, place.dataDir, 'pglite'));
    try {
      return await countRowsWith(db as unknown as Queryable);
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: place.databaseUrl });
  await client.connect();
  try {
    return await countRowsWith(client as unknown as Queryable);
  } finally {
    await client.end();
  }
}

async function freshServerDatabase(name: string) {
  const client = new pg.Client({ connectionString: `${server}/postgres` });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.query(`create database ${name}`);
  await client.end();
  return `${server}/${name}`;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

async function drill(mode: Mode, ports: [number, number]) {
  const dir = `${base}/${mode}`;
  rmSync(resolve(root, dir), { recursive: true, force: true });
  const archive = resolve(root, dir, 'kefu-backup.tar.gz');
  const sourcePlace = {
    dataDir: `${dir}/source`,
    databaseUrl: mode === 'server' ? await freshServerDatabase(drillDatabase('kefu_e2e_backup_source')) : undefined,
  };
  const targetPlace = {
    dataDir: `${dir}/restored`,
    databaseUrl: mode === 'server' ? await freshServerDatabase(drillDatabase('kefu_e2e_backup_restored')) : undefined,
  };
  const envOf = (place: typeof sourcePlace) => ({
    KEFU_DATA_DIR: place.dataDir,
    DATABASE_URL: place.databaseUrl ?? '',
  });

  // The source: an app under write load (portal submissions with an attachment each) while npm run backup runs.
  const app = await AppInstance.start({ port: ports[0], dataDir: sourcePlace.dataDir, env: envOf(sourcePlace) });
  const customer = await signedIn(app.baseURL, 'customer@kefu.demo');
  const oldSession = await customer.storageState();
  const surveys = await graphqlAs<{ myOpenSurveys: { url: string }[] }>(customer, '{ myOpenSurveys { url } }');
  expect(surveys.errors).toBeUndefined();
  const surveyUrl = surveys.data!.myOpenSurveys[0]!.url;
  const load = startWriteLoad(customer, { workers: 4, attachments: true });
  await load.acknowledged(6); // more than the 5 asserted below
  const acknowledgedBeforeBackup = [...load.outcome.acknowledged];
  const backupStarted = Date.now();
  const backup = await run('npm', ['run', 'backup', '--', '--out', archive], {
    cwd: root,
    env: { ...process.env, ...envOf(sourcePlace) },
  });
  const backupMs = Date.now() - backupStarted;
  await load.acknowledged(load.outcome.acknowledged.length + 1); // the load goes on past the backup
  const outcome = await load.stop();
  await customer.dispose();
  await app.stop();
  expect(outcome.httpErrors).toEqual([]);
  expect(outcome.graphqlErrors).toEqual([]);
  expect(acknowledgedBeforeBackup.length).toBeGreaterThan(5);
  expect(backup.stdout).toContain(mode === 'embedded' ? 'made by the running launcher' : 'pg_dump of DATABASE_URL');
  console.log(
    `${mode} backup under load: ${backupMs} ms; ${acknowledgedBeforeBackup.length} writes before it, ${outcome.acknowledged.length} in all`,
  );
  if (mode === 'embedded') {
    // With no launcher running, the backup opens the folder itself, under its lock.
    const offline = await run('npm', ['run', 'backup', '--', '--out', resolve(root, dir, 'offline.tar.gz')], {
      cwd: root,
      env: { ...process.env, ...envOf(sourcePlace) },
    });
    expect(offline.stdout).toContain('made by this command (no launcher was running)');
  }

  // Restore into a fresh place; then every table holds the manifest's row count. A second restore there is refused.
  const restored = await run('npm', ['run', 'restore', '--', archive], {
    cwd: root,
    env: { ...process.env, ...envOf(targetPlace) },
  });
  expect(restored.stdout).toContain('row counts as in the manifest');
  const manifest = JSON.parse(
    (await run('tar', ['-xzOf', archive, 'manifest.json'], { maxBuffer: 64 * 1024 * 1024 })).stdout,
  ) as Manifest;
  expect(manifest.mode).toBe(mode);
  expect(await countRows(mode, targetPlace)).toEqual(manifest.tables);
  expect(Object.keys(manifest.files)).toEqual(
    expect.arrayContaining([
      mode === 'embedded' ? 'database/pglite.tar' : 'database/postgres.dump',
      'secrets/nextauth-secret',
    ]),
  );
  const again = await run('npm', ['run', 'restore', '--', archive], {
    cwd: root,
    env: { ...process.env, ...envOf(targetPlace) },
  }).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(again?.code).toBe(1);
  expect(again?.stderr).toContain('The target is not empty');

  // The app on the restored copy.
  const copy = await AppInstance.start({ port: ports[1], dataDir: targetPlace.dataDir, env: envOf(targetPlace) });
  try {
    // The session cookie from before the backup is still valid (the generated secret came back with it).
    const sameSession = await request.newContext({ baseURL: copy.baseURL, storageState: oldSession });
    const served = await customerInteractionIds(sameSession);
    // Every write acknowledged before the backup began is there; writes during it may or may not be.
    expect(acknowledgedBeforeBackup.filter((s) => !served.has(s.id))).toEqual([]);
    const ours = outcome.acknowledged.filter((s) => served.has(s.id));

    // Every attachment of the restored copy downloads, ours with the very bytes sent.
    const sent = new Map(ours.map((s) => [s.id, s.attachment!]));
    let downloaded = 0;
    for (const id of served) {
      const answer = await graphqlAs<{ interaction: { attachments: { fileName: string; downloadUrl: string }[] } }>(
        sameSession,
        'query ($id: ID!) { interaction(id: $id) { attachments { fileName downloadUrl } } }',
        { id },
      );
      expect(answer.errors).toBeUndefined();
      for (const attachment of answer.data!.interaction.attachments) {
        const response = await sameSession.get(attachment.downloadUrl);
        expect(response.status(), attachment.downloadUrl).toBe(200);
        const body = await response.body();
        if (sent.has(id)) expect(sha256(body)).toBe(sha256(sent.get(id)!.content));
        downloaded += 1;
      }
    }
    expect(downloaded).toBe(manifest.tables['public.Attachment']);
    await sameSession.dispose();

    // The personal survey link from before the backup still opens its form (its HMAC uses the restored secret).
    const anonymous = await request.newContext({ baseURL: copy.baseURL });
    expect((await anonymous.get(surveyUrl)).status()).toBe(200);
    const form = await graphqlAs<{ surveyForm: { campaignName: string } }>(
      anonymous,
      'query ($token: String!) { surveyForm(token: $token) { campaignName } }',
      {
        token: surveyUrl.split('/').pop(),
      },
    );
    expect(form.errors).toBeUndefined();
    expect(form.data!.surveyForm.campaignName).not.toBe('');
    await anonymous.dispose();
  } finally {
    await copy.stop();
  }
}

test('embedded: a backup taken under write load, restored into a fresh folder, serves every row, attachment, session and survey link', async () => {
  test.setTimeout(600_000);
  await drill('embedded', [drillPort(10), drillPort(11)]);
});

test('server: a backup taken under write load, restored into a new database, serves every row, attachment, session and survey link', async () => {
  test.setTimeout(600_000);
  await drill('server', [drillPort(12), drillPort(13)]);
});
