import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/graphql/admin/admin.service';
import { DEFAULT_GRADE_FORM } from '@/graphql/customer-grading/customer-grading.rules';
import { getKeyAccountCriteria, updateKeyAccountCriteria } from '@/graphql/key-accounts/key-account.service';
import { readVisitRules, updateVisitRules } from '@/graphql/visits/visit-cycle.service';
import { checkApiKey } from '@/server/auth/api-keys';
import { API_SCOPES, SERVICE_ACCOUNT_SCOPES } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 15 item 2: the manager decisions (keyaccounts:decide, notices:approve, visits:approve) are grantable scopes —
// an admin granting one delegates the decision to the integrating system, which takes it as the key's named service
// account — and the grades (customers:write) and a key account's obligations (keyaccounts:write) are taken the same
// way. The decider / author column and the history name the service account; a key without the scope is FORBIDDEN,
// and a key without a service account is refused too.

let admin: Viewer;
let agent: Viewer;
let agentId: string;

async function apiClient(name: string, scopes: string[]) {
  const { apiKey, key } = await createApiKey(admin, { name, scopes });
  const check = await checkApiKey(key);
  if (check.status !== 'valid') throw new Error(`key not valid: ${check.status}`);
  expect(apiKey.serviceAccountId).not.toBeNull();
  return { serviceAccountId: apiKey.serviceAccountId!, viewer: check.viewer };
}

/** A viewer of a key that has no service account (a key made before service accounts, or a read-only one). */
const keyWithoutAccount = (scopes: string[]): Viewer => ({
  kind: 'apiClient',
  apiKeyId: '00000000-0000-4000-8000-0000000000aa',
  name: 'no-account',
  scopes,
  serviceAccountId: null,
});

async function expectHistoryNames(entityType: string, entityId: string, action: string, actorId: string) {
  const rows = await prisma.historyEntry.findMany({ where: { entityType, entityId, action } });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row.actorId).toBe(actorId);
  expect(rows[0]!.actorLabel).toMatch(/^API: /);
}

beforeAll(async () => {
  admin = (await createStaff('ADMIN')).viewer;
  const a = await createStaff('SERVICE_AGENT');
  agent = a.viewer;
  agentId = a.user.id;
});

describe('the decisions are grantable', () => {
  it('API_SCOPES holds the decisions, each of which makes a service account; administration stays out', async () => {
    for (const decision of ['keyaccounts:decide', 'notices:approve', 'visits:approve'] as const) {
      expect(API_SCOPES).toContain(decision);
      expect(SERVICE_ACCOUNT_SCOPES).toContain(decision);
    }
    const offered = (await gqlOk<{ apiScopes: string[] }>(admin, `{ apiScopes }`)).apiScopes;
    expect(offered).toEqual(expect.arrayContaining(['keyaccounts:decide', 'notices:approve', 'visits:approve']));
    for (const never of ['apiKeys:manage', 'users:manage', 'webhooks:manage']) expect(offered).not.toContain(never);
  });
});

// ───────────────────────────── key accounts (keyaccounts:decide, keyaccounts:write) ─────────────────────────────

const PROPOSE = `mutation($id: ID!) { proposeKeyAccount(customerId: $id, reason: "合同额达标") { id version } }`;
const APPROVE = `mutation($id: ID!, $version: Int!, $ownerId: ID) {
  approveKeyAccountNomination(id: $id, version: $version, reason: "集团 CRM 审批通过", ownerId: $ownerId) { id status }
}`;
const REJECT = `mutation($id: ID!, $version: Int!) {
  rejectKeyAccountNomination(id: $id, version: $version, reason: "集团 CRM 驳回") { id status }
}`;
const COMPLETE = `mutation($id: ID!, $version: Int!) {
  completeKeyAccountObligation(id: $id, version: $version, input: { note: "ERP 记录已完成" }) { id status }
}`;
const RESCHEDULE = `mutation($id: ID!, $version: Int!, $dueAt: DateTime!) {
  rescheduleKeyAccountObligation(id: $id, version: $version, input: { dueAt: $dueAt, reason: "客户改期" }) { id dueAt }
}`;
const QUALITY_REPORT = `mutation($id: ID!) { requestQualityReport(input: { customerId: $id, note: "MES 发起" }) { id kind } }`;

async function propose(name: string) {
  const customer = await createCustomerRecord({ name });
  const n = (await gqlOk<{ proposeKeyAccount: { id: string; version: number } }>(agent, PROPOSE, { id: customer.id }))
    .proposeKeyAccount;
  return { customerId: customer.id, nomination: n };
}

describe('keyaccounts:decide: a key decides nominations and the criteria as its service account', () => {
  let activeCustomerId: string;

  it('approves a nomination (decidedById and the history name the service account); without the scope FORBIDDEN', async () => {
    const { customerId, nomination } = await propose('API 审批大客户甲');
    const writer = await apiClient('CRM 只写', ['keyaccounts:read', 'keyaccounts:write']);
    const vars = { id: nomination.id, version: nomination.version, ownerId: agentId };
    expect(errorCodes(await gqlAs(writer.viewer, APPROVE, vars))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(keyWithoutAccount(['keyaccounts:decide']), APPROVE, vars))).toEqual(['FORBIDDEN']);

    const { serviceAccountId, viewer } = await apiClient('集团 CRM 审批', ['keyaccounts:read', 'keyaccounts:decide']);
    const approved = (await gqlOk<{ approveKeyAccountNomination: { status: string } }>(viewer, APPROVE, vars))
      .approveKeyAccountNomination;
    expect(approved.status).toBe('APPROVED');
    const row = await prisma.keyAccountNomination.findUniqueOrThrow({ where: { id: nomination.id } });
    expect(row.decidedById).toBe(serviceAccountId);
    await expectHistoryNames('KeyAccountNomination', nomination.id, 'APPROVE', serviceAccountId);
    const customer = await prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
    expect(customer).toMatchObject({ keyAccountStatus: 'ACTIVE', ownerId: agentId });
    activeCustomerId = customerId;
  });

  it('rejects a nomination as the service account', async () => {
    const { nomination } = await propose('API 驳回大客户乙');
    const { serviceAccountId, viewer } = await apiClient('集团 CRM 驳回', ['keyaccounts:decide']);
    const rejected = (
      await gqlOk<{ rejectKeyAccountNomination: { status: string } }>(viewer, REJECT, {
        id: nomination.id,
        version: nomination.version,
      })
    ).rejectKeyAccountNomination;
    expect(rejected.status).toBe('REJECTED');
    const row = await prisma.keyAccountNomination.findUniqueOrThrow({ where: { id: nomination.id } });
    expect(row.decidedById).toBe(serviceAccountId);
    await expectHistoryNames('KeyAccountNomination', nomination.id, 'REJECT', serviceAccountId);
  });

  it('changes the criteria as the service account (Setting.updatedById); a key without an account is refused', async () => {
    const { serviceAccountId, viewer } = await apiClient('集团标准同步', ['keyaccounts:read', 'keyaccounts:decide']);
    const { version, ...criteria } = await getKeyAccountCriteria(viewer);
    await expect(
      updateKeyAccountCriteria(keyWithoutAccount(['keyaccounts:decide']), version, criteria),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const saved = await updateKeyAccountCriteria(viewer, version, criteria);
    expect(saved.version).toBe(version + 1);
    const setting = await prisma.setting.findFirstOrThrow({
      where: { updatedById: serviceAccountId },
      select: { version: true },
    });
    expect(setting.version).toBe(version + 1);
    const writer = await apiClient('标准只写', ['keyaccounts:write']);
    await expect(updateKeyAccountCriteria(writer.viewer, saved.version, criteria)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('keyaccounts:write completes and reschedules obligations and requests a quality report as the service account', async () => {
    const open = await prisma.keyAccountObligation.findMany({
      where: { customerId: activeCustomerId, status: 'OPEN', kind: { not: 'CALLBACK' } },
      orderBy: { dueAt: 'asc' },
    });
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [first, second] = open;
    expect(
      errorCodes(await gqlAs(keyWithoutAccount(['keyaccounts:write']), COMPLETE, { id: first!.id, version: 1 })),
    ).toEqual(['FORBIDDEN']);
    const reader = await apiClient('大客户只读+决定', ['keyaccounts:read', 'keyaccounts:decide']);
    expect(errorCodes(await gqlAs(reader.viewer, COMPLETE, { id: first!.id, version: first!.version }))).toEqual([
      'FORBIDDEN',
    ]);

    const { serviceAccountId, viewer } = await apiClient('ERP 大客户服务', ['keyaccounts:read', 'keyaccounts:write']);
    await gqlOk(viewer, COMPLETE, { id: first!.id, version: first!.version });
    const done = await prisma.keyAccountObligation.findUniqueOrThrow({ where: { id: first!.id } });
    expect(done).toMatchObject({ status: 'DONE', completedById: serviceAccountId });
    await expectHistoryNames('KeyAccountObligation', first!.id, 'COMPLETE', serviceAccountId);

    const dueAt = new Date(Math.max(second!.dueAt.getTime(), Date.now()) + 7 * 86_400_000);
    await gqlOk(viewer, RESCHEDULE, { id: second!.id, version: second!.version, dueAt: dueAt.toISOString() });
    await expectHistoryNames('KeyAccountObligation', second!.id, 'RESCHEDULE', serviceAccountId);

    const report = (
      await gqlOk<{ requestQualityReport: { id: string; kind: string } }>(viewer, QUALITY_REPORT, {
        id: activeCustomerId,
      })
    ).requestQualityReport;
    expect(report.kind).toBe('QUALITY_REPORT');
    const created = await prisma.historyEntry.findMany({ where: { entityId: report.id } });
    expect(created.length).toBeGreaterThan(0);
    for (const row of created) expect(row.actorId).toBe(serviceAccountId);
  });
});

// ───────────────────────────── notices (notices:approve) ─────────────────────────────

const CREATE_NOTICE = `mutation($input: NoticeInput!) { createNotice(input: $input) { id version } }`;
const SUBMIT_NOTICE = `mutation($id: ID!, $v: Int!) { submitNotice(id: $id, version: $v) { id status version } }`;
const APPROVE_NOTICE = `mutation($id: ID!, $v: Int!) { approveNotice(id: $id, version: $v) { id status } }`;

describe('notices:approve: a key approves an urgent notice as its service account', () => {
  it('approvedById and the history name the service account; without the scope FORBIDDEN', async () => {
    const input = { title: '紧急停机通知', level: 'URGENT', body: '<p>今晚停机</p>', audience: { all: true } };
    const created = (await gqlOk<{ createNotice: { id: string; version: number } }>(agent, CREATE_NOTICE, { input }))
      .createNotice;
    const pending = (
      await gqlOk<{ submitNotice: { status: string; version: number } }>(agent, SUBMIT_NOTICE, {
        id: created.id,
        v: created.version,
      })
    ).submitNotice;
    expect(pending.status).toBe('PENDING_APPROVAL');
    const vars = { id: created.id, v: pending.version };
    const writer = await apiClient('OA 公告写入', ['notices:read', 'notices:write']);
    expect(errorCodes(await gqlAs(writer.viewer, APPROVE_NOTICE, vars))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(keyWithoutAccount(['notices:approve']), APPROVE_NOTICE, vars))).toEqual([
      'FORBIDDEN',
    ]);

    const { serviceAccountId, viewer } = await apiClient('OA 公告审批', ['notices:read', 'notices:approve']);
    const approved = (await gqlOk<{ approveNotice: { status: string } }>(viewer, APPROVE_NOTICE, vars)).approveNotice;
    expect(approved.status).toBe('PUBLISHED');
    const notice = await prisma.notice.findUniqueOrThrow({ where: { id: created.id } });
    expect(notice.approvedById).toBe(serviceAccountId);
    const rows = await prisma.historyEntry.findMany({ where: { entityType: 'Notice', entityId: created.id } });
    expect(rows.filter((r) => r.actorId === serviceAccountId).length).toBeGreaterThan(0);
  });
});

// ───────────────────────────── visits (visits:approve) ─────────────────────────────

const DECIDE = `mutation($id: ID!, $version: Int!) {
  decideItinerary(id: $id, version: $version, input: { approve: true, comment: "OA 审批" }) { id status decidedBy { id } }
}`;
const INTERVAL = `mutation($id: ID!) { setCustomerVisitInterval(customerId: $id, intervalDays: 45) { id customIntervalDays } }`;

describe('visits:approve: a key decides itineraries and sets visit frequencies as its service account', () => {
  it('approves a submitted itinerary (approvedById, history); without the scope FORBIDDEN', async () => {
    const itinerary = await prisma.itinerary.create({
      data: {
        ownerId: agentId,
        weekStart: new Date('2097-03-02T00:00:00Z'),
        status: 'SUBMITTED',
        submittedAt: new Date(),
      },
    });
    const vars = { id: itinerary.id, version: itinerary.version };
    const writer = await apiClient('OA 拜访写入', ['visits:read', 'visits:write']);
    expect(errorCodes(await gqlAs(writer.viewer, DECIDE, vars))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(keyWithoutAccount(['visits:read', 'visits:approve']), DECIDE, vars))).toEqual([
      'FORBIDDEN',
    ]);

    const { serviceAccountId, viewer } = await apiClient('OA 行程审批', ['visits:read', 'visits:approve']);
    const decided = (
      await gqlOk<{ decideItinerary: { status: string; decidedBy: { id: string } | null } }>(viewer, DECIDE, vars)
    ).decideItinerary;
    expect(decided.status).toBe('APPROVED');
    const row = await prisma.itinerary.findUniqueOrThrow({ where: { id: itinerary.id } });
    expect(row.approvedById).toBe(serviceAccountId);
    await expectHistoryNames('Itinerary', itinerary.id, 'APPROVE', serviceAccountId);
  });

  it('sets a customer’s interval and the visit rules as the service account', async () => {
    const customer = await createCustomerRecord({ name: 'API 拜访频次公司', ownerId: agentId });
    const writer = await apiClient('OA 拜访写入二', ['visits:write']);
    expect(errorCodes(await gqlAs(writer.viewer, INTERVAL, { id: customer.id }))).toEqual(['FORBIDDEN']);

    const { serviceAccountId, viewer } = await apiClient('OA 拜访规则', ['visits:read', 'visits:approve']);
    const cycle = (
      await gqlOk<{ setCustomerVisitInterval: { id: string; customIntervalDays: number } }>(viewer, INTERVAL, {
        id: customer.id,
      })
    ).setCustomerVisitInterval;
    expect(cycle.customIntervalDays).toBe(45);
    await expectHistoryNames('VisitCycle', cycle.id, 'UPDATE', serviceAccountId);

    const { rules, version } = await readVisitRules();
    await expect(updateVisitRules(keyWithoutAccount(['visits:approve']), version, rules)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await updateVisitRules(viewer, version, rules);
    const setting = await prisma.setting.findFirstOrThrow({ where: { updatedById: serviceAccountId } });
    expect(setting.version).toBe(version + 1);
  });
});

// ───────────────────────────── grades (customers:write) ─────────────────────────────

const EVALUATE = `mutation($input: EvaluateCustomerGradeInput!) { evaluateCustomerGrade(input: $input) { id grade evaluator { id } } }`;
const OVERRIDE = `mutation($id: ID!, $version: Int!) {
  overrideCustomerGrade(customerId: $id, version: $version, grade: D, reason: "ERP 信用降级") { id grade }
}`;

describe('customers:write: a key evaluates and overrides grades as its service account', () => {
  it('the evaluation names the service account as its evaluator; the override is in its history', async () => {
    const customer = await createCustomerRecord({ name: 'API 评级公司' });
    const scores = DEFAULT_GRADE_FORM.criteria.map((c) => ({ key: c.key, score: c.maxScore }));
    const input = { customerId: customer.id, period: '2097-h1', scores };
    const reader = await apiClient('评级只读+提名', ['customers:read', 'keyaccounts:write']);
    expect(errorCodes(await gqlAs(reader.viewer, EVALUATE, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(keyWithoutAccount(['customers:write']), EVALUATE, { input }))).toEqual(['FORBIDDEN']);

    const { serviceAccountId, viewer } = await apiClient('ERP 评级', ['customers:read', 'customers:write']);
    const evaluation = (
      await gqlOk<{ evaluateCustomerGrade: { id: string; grade: string; evaluator: { id: string } | null } }>(
        viewer,
        EVALUATE,
        { input },
      )
    ).evaluateCustomerGrade;
    expect(evaluation.grade).toBe('A');
    const row = await prisma.customerGradeEvaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(row.evaluatorId).toBe(serviceAccountId);

    const current = await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    await gqlOk(viewer, OVERRIDE, { id: customer.id, version: current.version });
    const after = await prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.grade).toBe('D');
    const rows = await prisma.historyEntry.findMany({ where: { entityType: 'Customer', entityId: customer.id } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows.filter((h) => h.createdAt >= row.createdAt)) expect(r.actorId).toBe(serviceAccountId);
  });
});
