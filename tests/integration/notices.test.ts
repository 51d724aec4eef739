import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailDueNotices } from '@/graphql/notices/notice.service';
import { invalidateConfigCache } from '@/server/config-cache';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { useMailWorkers } from '../helpers/mail-workers';

// SPEC §8 notices over GraphQL: audience by segment, publish time and expiry, read receipts and read rate, the urgent
// approval flow and its mail, version conflicts.
let desk: Viewer;
let manager: Viewer;
let jiangsuA: { viewer: Viewer; email: string };
let jiangsuA2: { viewer: Viewer; email: string };
let guangdongB: { viewer: Viewer; email: string };
let jiangsuCustomerId = '';

const FIELDS = `id title level body status phase version publishAt expiresAt mailedAt readAt acknowledgedAt
  viewerCanEdit viewerCanApprove stats { reachCustomers reachUsers readers acknowledged readRate }
  history { action }`;
type NoticeRow = {
  id: string;
  title: string;
  level: string;
  body: string;
  status: string;
  phase: string;
  version: number;
  mailedAt: string | null;
  readAt: string | null;
  acknowledgedAt: string | null;
  viewerCanEdit: boolean;
  viewerCanApprove: boolean;
  stats: { reachCustomers: number; reachUsers: number; readers: number; acknowledged: number; readRate: number | null };
  history: { action: string }[];
};
const CREATE = `mutation($input: NoticeInput!) { createNotice(input: $input) { ${FIELDS} } }`;
const SUBMIT = `mutation($id: ID!, $v: Int!) { submitNotice(id: $id, version: $v) { ${FIELDS} } }`;
const APPROVE = `mutation($id: ID!, $v: Int!) { approveNotice(id: $id, version: $v) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: NoticeInput!) { updateNotice(id: $id, version: $v, input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $v: Int!) { withdrawNotice(id: $id, version: $v, reason: "发错了") { ${FIELDS} } }`;
const BY_ID = `query($id: ID!) { notice(id: $id) { ${FIELDS} } }`;
const PORTAL = `{ portalNotices { id title level readAt acknowledgedAt audience { all } stats { readers } } }`;
const ACK = `mutation($id: ID!) { acknowledgeNotice(id: $id) { id acknowledgedAt } }`;

const input = (over: Record<string, unknown> = {}) => ({
  title: '测试公告',
  level: 'GENERAL',
  body: '<p>内容</p>',
  audience: { all: true },
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<NoticeRow> {
  return (await gqlOk<{ createNotice: NoticeRow }>(desk, CREATE, { input: input(over) })).createNotice;
}
async function publishNow(over: Record<string, unknown> = {}): Promise<NoticeRow> {
  const n = await create(over);
  return (await gqlOk<{ submitNotice: NoticeRow }>(desk, SUBMIT, { id: n.id, v: n.version })).submitNotice;
}
const portalIds = async (viewer: Viewer) =>
  (await gqlOk<{ portalNotices: { id: string }[] }>(viewer, PORTAL)).portalNotices.map((n) => n.id);

async function account(customerId: string) {
  const { user, viewer } = await createCustomerUser(customerId);
  return { viewer, email: user.email };
}

beforeAll(() => {
  process.env.NEXTAUTH_URL = 'http://kefu.test';
});
const smtp = useMailWorkers({ workers: { schedule: false, sweepCron: null, pollingIntervalSeconds: 0.5 } });

beforeAll(async () => {
  desk = (await createStaff('SERVICE_AGENT')).viewer;
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  const jiangsu = await createCustomerRecord({ name: '江苏甲精密', province: '江苏', grade: 'A', industry: '机械' });
  jiangsuCustomerId = jiangsu.id;
  await prisma.contact.create({ data: { customerId: jiangsu.id, name: '采购', email: 'buyer@jiangsu.cn' } });
  const guangdong = await createCustomerRecord({ name: '广东乙电子', province: '广东', grade: 'B' });
  jiangsuA = await account(jiangsu.id);
  jiangsuA2 = await account(jiangsu.id);
  guangdongB = await account(guangdong.id);
});

afterAll(() => {
  delete process.env.NEXTAUTH_URL;
});

describe('notices', () => {
  it('sanitises the body on the server: no script, no handlers, no javascript: links are stored or served', async () => {
    const n = await create({
      body: '<p onclick="x()">通知</p><script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">链接</a>',
    });
    expect(n.body).not.toMatch(/script|onerror|onclick|javascript:/i);
    const stored = await prisma.notice.findUniqueOrThrow({ where: { id: n.id } });
    expect(stored.body).not.toMatch(/script|onerror|onclick|javascript:/i);
    expect(stored.body).toContain('<p>通知</p>');
  });

  it('refuses an empty segment and an expiry before the publish time', async () => {
    const empty = await gqlAs(desk, CREATE, { input: input({ audience: { all: false } }) });
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    const backwards = await gqlAs(desk, CREATE, {
      input: input({ publishAt: '2030-01-02T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' }),
    });
    expect(errorCodes(backwards)).toEqual(['BAD_USER_INPUT']);
  });

  it('audience by segment: only matching customers see it; one outside gets NOT_FOUND by id', async () => {
    const n = await publishNow({ title: '江苏客户通知', level: 'IMPORTANT', audience: { provinces: ['江苏'] } });
    expect(n.status).toBe('PUBLISHED');
    expect(await portalIds(jiangsuA.viewer)).toContain(n.id);
    expect(await portalIds(guangdongB.viewer)).not.toContain(n.id);
    expect(errorCodes(await gqlAs(guangdongB.viewer, BY_ID, { id: n.id }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await gqlAs(guangdongB.viewer, ACK, { id: n.id }))).toEqual(['NOT_FOUND']);
    // Named customers are in too.
    const named = await publishNow({ audience: { grades: ['C'], customerIds: [jiangsuCustomerId] } });
    expect(await portalIds(jiangsuA.viewer)).toContain(named.id);
    expect(await portalIds(guangdongB.viewer)).not.toContain(named.id);
  });

  it('a customer never sees the audience or the stats, and drafts are NOT_FOUND', async () => {
    const portal = (await gqlOk<{ portalNotices: { audience: unknown; stats: unknown }[] }>(jiangsuA.viewer, PORTAL))
      .portalNotices;
    expect(portal.length).toBeGreaterThan(0);
    expect(portal.every((n) => n.audience === null && n.stats === null)).toBe(true);
    const draft = await create();
    expect(errorCodes(await gqlAs(jiangsuA.viewer, BY_ID, { id: draft.id }))).toEqual(['NOT_FOUND']);
  });

  it('publish time and expiry: not shown before publishAt, nor after expiresAt', async () => {
    const later = await publishNow({ publishAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(later.phase).toBe('SCHEDULED');
    expect(await portalIds(jiangsuA.viewer)).not.toContain(later.id);
    const expired = await publishNow({
      publishAt: new Date(Date.now() - 7_200_000).toISOString(),
      expiresAt: new Date(Date.now() + 1_500).toISOString(),
    });
    expect(await portalIds(jiangsuA.viewer)).toContain(expired.id);
    await new Promise((r) => setTimeout(r, 1_600));
    expect(await portalIds(jiangsuA.viewer)).not.toContain(expired.id);
    expect(errorCodes(await gqlAs(jiangsuA.viewer, BY_ID, { id: expired.id }))).toEqual(['NOT_FOUND']);
    const staffView = (await gqlOk<{ notice: NoticeRow }>(desk, BY_ID, { id: expired.id })).notice;
    expect(staffView.phase).toBe('EXPIRED');
  });

  it('read receipts: opening records a read, acknowledging counts once; the read rate is readers / reached users', async () => {
    const n = await publishNow({ title: '回执测试', audience: { provinces: ['江苏'] } });
    const before = (await gqlOk<{ notice: NoticeRow }>(desk, BY_ID, { id: n.id })).notice.stats;
    expect(before).toEqual({ reachCustomers: 1, reachUsers: 2, readers: 0, acknowledged: 0, readRate: 0 });
    const opened = (await gqlOk<{ notice: NoticeRow }>(jiangsuA.viewer, BY_ID, { id: n.id })).notice;
    expect(opened.readAt).not.toBeNull();
    expect(opened.acknowledgedAt).toBeNull();
    const ack = await gqlOk<{ acknowledgeNotice: { acknowledgedAt: string } }>(jiangsuA.viewer, ACK, { id: n.id });
    expect(ack.acknowledgeNotice.acknowledgedAt).not.toBeNull();
    await gqlOk(jiangsuA.viewer, ACK, { id: n.id });
    const after = (await gqlOk<{ notice: NoticeRow }>(desk, BY_ID, { id: n.id })).notice.stats;
    expect(after).toEqual({ reachCustomers: 1, reachUsers: 2, readers: 1, acknowledged: 1, readRate: 50 });
    expect(await prisma.noticeReceipt.count({ where: { noticeId: n.id } })).toBe(1);
  });

  it('urgent: waits for the service manager, then is published and mailed to portal users and contacts', async () => {
    const n = await create({ title: '系统停机通知', level: 'URGENT', audience: { provinces: ['江苏'] } });
    const pending = (await gqlOk<{ submitNotice: NoticeRow }>(desk, SUBMIT, { id: n.id, v: n.version })).submitNotice;
    expect(pending.status).toBe('PENDING_APPROVAL');
    expect(await portalIds(jiangsuA.viewer)).not.toContain(n.id);
    // The desk cannot approve its own notice.
    expect(errorCodes(await gqlAs(desk, APPROVE, { id: n.id, v: pending.version }))).toEqual(['FORBIDDEN']);
    const managerView = (await gqlOk<{ notice: NoticeRow }>(manager, BY_ID, { id: n.id })).notice;
    expect(managerView.viewerCanApprove).toBe(true);
    const approved = (await gqlOk<{ approveNotice: NoticeRow }>(manager, APPROVE, { id: n.id, v: pending.version }))
      .approveNotice;
    expect(approved.status).toBe('PUBLISHED');
    expect(approved.mailedAt).not.toBeNull();
    expect(approved.history.map((h) => h.action)).toEqual(['CREATE', 'SUBMIT', 'APPROVE', 'PUBLISH']);
    expect(await portalIds(jiangsuA.viewer)).toContain(n.id);

    const mails = (await smtp.waitFor(3)).filter((m) => m.subject === '【紧急公告】系统停机通知');
    expect(mails.flatMap((m) => m.to).sort()).toEqual([jiangsuA.email, jiangsuA2.email, 'buyer@jiangsu.cn'].sort());
    expect(mails[0]?.text).toContain('http://kefu.test/portal/notices');
    expect(mails.flatMap((m) => m.to)).not.toContain(guangdongB.email);
  });

  it('an urgent notice published for later is mailed by the sweep once its time has come, once', async () => {
    const n = await create({
      title: '计划停机',
      level: 'URGENT',
      audience: { customerIds: [jiangsuCustomerId] },
      publishAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const pending = (await gqlOk<{ submitNotice: NoticeRow }>(desk, SUBMIT, { id: n.id, v: n.version })).submitNotice;
    const approved = (await gqlOk<{ approveNotice: NoticeRow }>(manager, APPROVE, { id: n.id, v: pending.version }))
      .approveNotice;
    expect(approved.mailedAt).toBeNull();
    expect(await mailDueNotices(new Date())).toBe(0);
    expect(await mailDueNotices(new Date(Date.now() + 120_000))).toBe(3);
    expect(await mailDueNotices(new Date(Date.now() + 180_000))).toBe(0);
  });

  it('with the setting noticeApproval off, an urgent notice is published by the desk directly', async () => {
    await prisma.setting.create({ data: { key: 'noticeApproval', value: { urgent: false } } });
    invalidateConfigCache();
    try {
      const n = await publishNow({ level: 'URGENT', audience: { grades: ['D'] } });
      expect(n.status).toBe('PUBLISHED');
    } finally {
      await prisma.setting.delete({ where: { key: 'noticeApproval' } });
      invalidateConfigCache();
    }
  });

  it('a stale version is a CONFLICT; published notices are not edited; withdrawing hides it', async () => {
    const n = await create();
    const edited = (
      await gqlOk<{ updateNotice: NoticeRow }>(desk, UPDATE, {
        id: n.id,
        v: n.version,
        input: input({ title: '改过' }),
      })
    ).updateNotice;
    expect(edited.title).toBe('改过');
    const stale = await gqlAs(desk, UPDATE, { id: n.id, v: n.version, input: input({ title: '旧版本' }) });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(edited.version);
    const published = (await gqlOk<{ submitNotice: NoticeRow }>(desk, SUBMIT, { id: n.id, v: edited.version }))
      .submitNotice;
    expect(published.viewerCanEdit).toBe(false);
    expect(errorCodes(await gqlAs(desk, UPDATE, { id: n.id, v: published.version, input: input() }))).toEqual([
      'CONFLICT',
    ]);
    expect(await portalIds(jiangsuA.viewer)).toContain(n.id);
    const withdrawn = (await gqlOk<{ withdrawNotice: NoticeRow }>(desk, WITHDRAW, { id: n.id, v: published.version }))
      .withdrawNotice;
    expect(withdrawn.status).toBe('WITHDRAWN');
    expect(await portalIds(jiangsuA.viewer)).not.toContain(n.id);
  });

  it('lists with filters by level and status, newest first, by cursor', async () => {
    const page = await gqlOk<{
      notices: { nodes: { level: string; status: string }[]; totalCount: number; pageInfo: { endCursor: string } };
    }>(
      desk,
      `{ notices(filter: { level: [URGENT], status: [PUBLISHED] }, first: 1) { nodes { level status } totalCount pageInfo { endCursor } } }`,
    );
    expect(page.notices.totalCount).toBeGreaterThanOrEqual(2);
    expect(page.notices.nodes).toEqual([{ level: 'URGENT', status: 'PUBLISHED' }]);
    const next = await gqlOk<{ notices: { nodes: { level: string }[] } }>(
      desk,
      `query($after: String) { notices(filter: { level: [URGENT], status: [PUBLISHED] }, first: 1, after: $after) { nodes { level } } }`,
      { after: page.notices.pageInfo.endCursor },
    );
    expect(next.notices.nodes).toHaveLength(1);
  });
});
