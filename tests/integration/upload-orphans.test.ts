import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { QUEUES } from '@/server/queue/boss';
import { startWorkers, stopWorkers } from '@/server/queue/workers';
import { storage } from '@/server/storage/storage';
import { useTempDiskStorage } from '../helpers/interactions';
import { until } from '../helpers/until';

// A pg-boss schema of this file's own: other runs on the same server database never take these jobs.
const queueSchema = `pgboss_test_orphans${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

let root = '';
const HOUR_AGO = new Date(Date.now() - 3_600_000);

/** A file or folder as a crashed upload leaves it, with its modification time set. */
function leave(path: string, { folder = false, at = HOUR_AGO }: { folder?: boolean; at?: Date } = {}) {
  const full = join(root, path);
  if (folder) mkdirSync(full, { recursive: true });
  else {
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, 'partial upload');
  }
  utimesSync(full, at, at);
  return full;
}

beforeAll(() => {
  root = useTempDiskStorage();
});

afterAll(async () => {
  await stopWorkers(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

describe('orphaned upload files', () => {
  it('are removed when the workers start: old temp files and empty folders, never a stored file or an upload in progress', async () => {
    const kept = leave('interactions/a1/stored-file');
    utimesSync(join(root, 'interactions/a1'), HOUR_AGO, HOUR_AGO);
    const crashedTemp = leave('interactions/a1/stored-file2.0b1c.tmp');
    const crashedFolderTemp = leave('interactions/b2/f.9a.tmp');
    const emptyAfterRollback = leave('interactions/c3', { folder: true });
    const writingNow = leave('interactions/d4/f.77.tmp', { at: new Date() });
    const justMade = leave('interactions/e5', { folder: true, at: new Date() });
    utimesSync(join(root, 'interactions/b2'), HOUR_AGO, HOUR_AGO);

    await startWorkers({
      schedule: false,
      sweepCron: null,
      surveyCron: null,
      housekeepingCron: null,
      pollingIntervalSeconds: 0.5,
    });
    await until(() => !existsSync(crashedTemp) && !existsSync(emptyAfterRollback));
    expect(existsSync(crashedFolderTemp)).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expect(existsSync(writingNow)).toBe(true);
    expect(existsSync(justMade)).toBe(true);
    // interactions/b2 held only the temp file: it is empty now but was just changed, so it goes next time.
    expect(existsSync(join(root, 'interactions/b2'))).toBe(true);
    // Storage still works where a folder was removed.
    await storage().put('interactions/c3/new-file', new Uint8Array([1, 2, 3]));
    expect(await storage().get('interactions/c3/new-file')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('are removed by the scheduled housekeeping job, which also prunes SentMail older than 30 days', async () => {
    const later = leave('interactions/f6/g.12.tmp');
    await prisma.sentMail.createMany({
      data: [
        {
          key: 'old',
          queue: QUEUES.customerMail,
          to: 'a@b.cn',
          subject: '旧',
          sentAt: new Date(Date.now() - 31 * 24 * 3_600_000),
        },
        {
          key: 'recent',
          queue: QUEUES.customerMail,
          to: 'a@b.cn',
          subject: '新',
          sentAt: new Date(Date.now() - 29 * 24 * 3_600_000),
        },
      ],
    });
    const boss = await startWorkers();
    const jobId = await boss.send(QUEUES.housekeeping, {});
    await until(async () => (await boss.getJobById(QUEUES.housekeeping, jobId!))?.state === 'completed');
    expect(existsSync(later)).toBe(false);
    expect((await prisma.sentMail.findMany({ select: { key: true } })).map((m) => m.key)).toEqual(['recent']);
    expect((await boss.getJobById(QUEUES.housekeeping, jobId!))?.output).toMatchObject({
      tempFiles: 1,
      sentMailPruned: 1,
    });
  });
});

describe('housekeeping and pending uploads', () => {
  it('removes uploads never claimed by a record within the hour, with their files, and keeps fresh ones', async () => {
    const { runHousekeeping } = await import('@/server/queue/housekeeping');
    const { savePendingUpload } = await import('@/server/storage/pending-uploads');
    const upload = (at: Date) =>
      savePendingUpload(async (file) => {
        await new Promise<void>((resolve, reject) =>
          file.end(Buffer.from('待认领的附件'), (error?: Error | null) => (error ? reject(error) : resolve())),
        );
        return { fileName: 'note.txt', mimeType: 'text/plain', sizeBytes: 18 };
      }, at);
    await upload(new Date(Date.now() - 2 * 3_600_000));
    await upload(new Date());
    const result = await runHousekeeping();
    expect(result.pendingUploadsExpired).toBe(1);
    expect(await prisma.pendingUpload.count()).toBe(1);
  });
});
