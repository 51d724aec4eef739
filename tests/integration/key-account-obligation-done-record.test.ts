import { beforeAll, describe, expect, it } from 'vitest';
import { runEscalationSweep } from '@/graphql/complaints/escalation.service';
import {
  createObligationsForKeyAccount,
  readObligationAttachment,
} from '@/graphql/key-account-obligations/key-account-obligation.service';
import { prisma } from '@/server/db';
import { savePendingUpload } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { useTempStorage } from '../helpers/interactions';
import { useMailWorkers } from '../helpers/mail-workers';

// Issue 12 item 2, the last gaps: a done record carries a file (claimed by token, read only by whoever may read
// obligations), and an overdue obligation's escalation is mailed as well as notified in-app (one mail per person).

process.env.KEFU_QUEUE_SCHEMA = `pgboss_kadone_${process.pid}`;

const sh = (local: string) => new Date(`${local}+08:00`);

const FIELDS = `id status version completedBy { id } attachments { id fileName mimeType sizeBytes downloadUrl }`;
const COMPLETE = `mutation($id: ID!, $version: Int!, $input: CompleteKeyAccountObligationInput!) {
  completeKeyAccountObligation(id: $id, version: $version, input: $input) { ${FIELDS} }
}`;
type Row = {
  id: string;
  status: string;
  version: number;
  completedBy: { id: string } | null;
  attachments: { id: string; fileName: string; mimeType: string; sizeBytes: number; downloadUrl: string }[];
};

const upload = (name: string, text: string) =>
  savePendingUpload(async (file) => {
    const bytes = Buffer.from(text);
    await new Promise<void>((resolve, reject) => file.end(bytes, (e?: Error | null) => (e ? reject(e) : resolve())));
    return { fileName: name, mimeType: 'text/plain', sizeBytes: bytes.length };
  });

async function keyAccount(name: string, ownerId: string, activatedAt: Date) {
  const customer = await createCustomerRecord({ name, keyAccountStatus: 'ACTIVE', ownerId });
  await prisma.$transaction((tx) =>
    createObligationsForKeyAccount(tx, { customerId: customer.id, ownerId, nominationId: null, activatedAt }),
  );
  return customer;
}
const openOf = (customerId: string, kind: 'TRAINING' | 'LEADERSHIP_VISIT' | 'EXCHANGE_SUMMARY') =>
  prisma.keyAccountObligation.findFirstOrThrow({ where: { customerId, kind, status: 'OPEN' } });

beforeAll(() => useTempStorage());
const smtp = useMailWorkers({ workers: { schedule: false, pollingIntervalSeconds: 0.5 } });

describe('obligation done record: attachment', () => {
  it('claims the upload once with the completion and serves it only to readers of obligations', async () => {
    const { user: owner, viewer: ownerViewer } = await createStaff('SERVICE_AGENT');
    const customer = await keyAccount('苏州精密机械', owner.id, sh('2027-01-10T09:00:00'));
    const training = await openOf(customer.id, 'TRAINING');
    const file = await upload('培训签到表.txt', '签到：12 人');

    const done = (
      await gqlOk<{ completeKeyAccountObligation: Row }>(ownerViewer, COMPLETE, {
        id: training.id,
        version: training.version,
        input: { note: '现场培训已完成', attachmentToken: file.token },
      })
    ).completeKeyAccountObligation;
    expect(done).toMatchObject({ status: 'DONE', completedBy: { id: owner.id } });
    expect(done.attachments).toHaveLength(1);
    const [attachment] = done.attachments;
    expect(attachment).toMatchObject({ fileName: '培训签到表.txt', mimeType: 'text/plain', sizeBytes: 15 });
    expect(attachment!.downloadUrl).toBe(`/api/key-account-obligations/${training.id}/attachments/${attachment!.id}`);
    const stored = await prisma.attachment.findUniqueOrThrow({ where: { id: attachment!.id } });
    expect(stored).toMatchObject({ obligationId: training.id, uploadedById: owner.id });
    expect(stored.storageKey.startsWith(`obligations/${training.id}/`)).toBe(true);

    // Readers of obligations get the bytes: the owner, the service manager, quality (keyaccounts:read).
    for (const reader of [
      ownerViewer,
      (await createStaff('SERVICE_MANAGER')).viewer,
      (await createStaff('QUALITY_MANAGER')).viewer,
    ]) {
      const read = await readObligationAttachment(reader, training.id, attachment!.id);
      expect(Buffer.from(read.bytes).toString()).toBe('签到：12 人');
    }
    // Nobody else: the key account's own customer, a department handler, a dispatcher, an API key without the scope,
    // an attachment named under another obligation: NOT_FOUND (ids cannot be probed).
    const customerViewer = (await createCustomerUser(customer.id)).viewer;
    const apiKey: Viewer = {
      kind: 'apiClient',
      apiKeyId: '00000000-0000-4000-8000-000000000001',
      name: 'erp',
      scopes: ['customers:read'],
    } as unknown as Viewer;
    for (const outsider of [
      customerViewer,
      (await createStaff('DEPARTMENT_HANDLER')).viewer,
      (await createStaff('DISPATCHER')).viewer,
      apiKey,
    ]) {
      await expect(readObligationAttachment(outsider, training.id, attachment!.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    }
    const visit = await openOf(customer.id, 'LEADERSHIP_VISIT');
    await expect(readObligationAttachment(ownerViewer, visit.id, attachment!.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // The customer cannot complete (nor see) obligations at all.
    const refused = await gqlAs(customerViewer, COMPLETE, { id: visit.id, version: visit.version, input: {} });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);

    // A token is claimed once: the same token on another completion is a field error and that completion rolls back.
    const again = await gqlAs(ownerViewer, COMPLETE, {
      id: visit.id,
      version: visit.version,
      input: { attachmentToken: file.token },
    });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect((await prisma.keyAccountObligation.findUniqueOrThrow({ where: { id: visit.id } })).status).toBe('OPEN');
    expect(await storage().get(stored.storageKey)).not.toBeNull();
  });
});

describe('obligation overdue escalation: mail', () => {
  it('mails each level once to its recipients through the mail queue, a digest when several are owed', async () => {
    const { user: owner } = await createStaff('SERVICE_AGENT', { email: `ka-owner-${process.pid}@kefu.test` });
    const { user: manager } = await createStaff('SERVICE_MANAGER', { email: `ka-manager-${process.pid}@kefu.test` });
    // Two key accounts of the same owner, activated the same day: their periodicals fall due together.
    const first = await keyAccount('无锡新材料', owner.id, sh('2028-03-15T10:00:00'));
    const second = await keyAccount('常州电气', owner.id, sh('2028-03-15T10:00:00'));
    const periodicals = [await openOf(first.id, 'EXCHANGE_SUMMARY'), await openOf(second.id, 'EXCHANGE_SUMMARY')];
    // Only these two stay open (the file's database is its own): the other kinds, their callback
    // tasks and the first test's leftovers go.
    await prisma.keyAccountObligation.updateMany({
      where: { status: 'OPEN', id: { notIn: periodicals.map((p) => p.id) } },
      data: { status: 'CANCELLED' },
    });
    await prisma.callback.updateMany({ where: { status: 'PENDING' }, data: { status: 'CANCELLED' } });
    const due = periodicals[0]!.dueAt;
    expect(periodicals[1]!.dueAt).toEqual(due);
    const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

    await runEscalationSweep(new Date(due.getTime() + 60_000));
    await runEscalationSweep(new Date(due.getTime() + 120_000)); // a second sweep owes nothing more
    await smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 1_500));
    const ownerMails = mailsTo(owner.email);
    expect(ownerMails).toHaveLength(1);
    expect(ownerMails[0]!.subject).toContain('【升级汇总】2 项');
    expect(ownerMails[0]!.text).toContain('无锡新材料');
    expect(ownerMails[0]!.text).toContain('常州电气');
    expect(ownerMails[0]!.text).toContain('客户服务交流信息');
    expect(mailsTo(manager.email)).toHaveLength(0);
    const escalations = await prisma.escalation.findMany({
      where: { obligationId: { in: periodicals.map((p) => p.id) } },
    });
    expect(escalations).toHaveLength(2);
    expect(escalations.every((e) => e.mailedAt !== null && e.level === 1)).toBe(true);

    // A week later level 2 goes to the service managers, one mail for both, once however many sweeps run.
    const later = new Date(due.getTime() + 7 * 86_400_000 + 60_000);
    await Promise.all([runEscalationSweep(later), runEscalationSweep(later)]);
    await runEscalationSweep(new Date(later.getTime() + 60_000));
    await smtp.waitFor(2);
    await new Promise((r) => setTimeout(r, 1_500));
    const managerMails = mailsTo(manager.email);
    expect(managerMails).toHaveLength(1);
    expect(managerMails[0]!.subject).toContain('【升级汇总】2 项');
    expect(managerMails[0]!.text).toContain('二级（客服经理）');
    expect(mailsTo(owner.email)).toHaveLength(1);
    const sent = await prisma.sentMail.findMany({ where: { to: { in: [owner.email, manager.email] } } });
    expect(sent.map((m) => m.ref).join(' ')).toContain('obligation:');
  });
});
