import { beforeAll, describe, expect, it } from 'vitest';
import { MUTATION_ACCESS, WITHOUT_API_REASONS } from '@/graphql/api-coverage.rules';
import { createApiKey } from '@/graphql/admin/admin.service';
import { mutationFieldNames, rootPolicies } from '@/graphql/schema';
import { checkApiKey } from '@/server/auth/api-keys';
import { API_SCOPES, SERVICE_ACCOUNT_SCOPES } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { TEMPLATE_INPUT } from '../helpers/surveys';

// Issue 15 item 2, "a complete API": every Mutation root field either admits an API key with named scopes or is on
// the explicit list of what no key may do, with its reason (src/graphql/api-coverage.rules.ts). A new mutation
// without a decision fails here.

const policies = rootPolicies().Mutation ?? {};
const mutations = mutationFieldNames();

const keyViewer = (scopes: readonly string[]): Viewer => ({
  kind: 'apiClient',
  apiKeyId: '00000000-0000-4000-8000-000000000000',
  name: 'coverage',
  scopes,
  serviceAccountId: '00000000-0000-4000-8000-000000000001',
});

describe('the inventory of mutations', () => {
  it('decides every Mutation root field of the SDL, and names no mutation the SDL lacks', () => {
    expect(mutations.length).toBeGreaterThan(100);
    expect(mutations.filter((m) => !(m in MUTATION_ACCESS))).toEqual([]);
    expect(Object.keys(MUTATION_ACCESS).filter((m) => !mutations.includes(m))).toEqual([]);
  });

  it.each(mutations.filter((m) => 'scopes' in (MUTATION_ACCESS[m] ?? {})))(
    '%s: a key with the listed scopes passes the policy, the scopes are grantable and make a service account',
    (mutation) => {
      const access = MUTATION_ACCESS[mutation]!;
      if (!('scopes' in access)) throw new Error('not a scoped mutation');
      expect(access.scopes.length).toBeGreaterThan(0);
      for (const scope of access.scopes) expect(API_SCOPES).toContain(scope);
      // Every mutation writes: at least one of its scopes gives the key a service account that the history names.
      expect(access.scopes.some((s) => SERVICE_ACCOUNT_SCOPES.includes(s))).toBe(true);
      expect(() => policies[mutation]!.check(keyViewer(access.scopes))).not.toThrow();
    },
  );

  it('administration stays closed to a key holding every grantable scope (the policy refuses it)', () => {
    const everything = keyViewer(API_SCOPES);
    const admin = mutations.filter((m) => {
      const access = MUTATION_ACCESS[m]!;
      return 'without' in access && access.without === 'administration';
    });
    expect(admin.length).toBeGreaterThan(10);
    for (const m of admin) expect(() => policies[m]!.check(everything), m).toThrow();
  });

  it('gives a known reason for every mutation no key may take', () => {
    for (const access of Object.values(MUTATION_ACCESS))
      if ('without' in access) expect(WITHOUT_API_REASONS).toContain(access.without);
  });
});

// ─────────────────────────── representative writes of the newly grantable scopes ───────────────────────────

let admin: Viewer;

/** A key made as the admin makes it on the API keys page, and the viewer its bearer becomes (the route's path). */
async function apiClient(name: string, scopes: string[]) {
  const { apiKey, key } = await createApiKey(admin, { name, scopes });
  const check = await checkApiKey(key);
  if (check.status !== 'valid') throw new Error(`key not valid: ${check.status}`);
  return { apiKey, viewer: check.viewer };
}

async function historyActor(entityType: string, entityId: string) {
  const rows = await prisma.historyEntry.findMany({
    where: { entityType, entityId },
    select: { actorId: true, actorLabel: true },
  });
  expect(rows.length).toBeGreaterThan(0);
  return rows;
}

const CREATE_TEMPLATE = `mutation($input: SurveyTemplateInput!) { createSurveyTemplate(input: $input) { id } }`;
const CREATE_RULE = `mutation($input: SlaRuleInput!) { createSlaRule(input: $input) { id } }`;
const ADD_DAYS = `mutation { addCalendarDays(input: { from: "2098-05-04", isWorkday: false, name: "API 假日" }) { date } }`;
const CREATE_NOTICE = `mutation($input: NoticeInput!) { createNotice(input: $input) { id } }`;
const NOTICE = { title: 'ERP 停机通知', level: 'GENERAL', body: '<p>周六停机维护</p>', audience: { all: true } };

describe('writes through the newly grantable scopes name the service account', () => {
  beforeAll(async () => {
    admin = (await createStaff('ADMIN')).viewer;
  });

  it('the API keys page offers the new scopes and every write scope makes a service account', async () => {
    const scopes = (await gqlOk<{ apiScopes: string[] }>(admin, `{ apiScopes }`)).apiScopes;
    expect(scopes).toEqual(
      expect.arrayContaining(['surveys:manage', 'settings:read', 'settings:manage', 'notices:approve']),
    );
    for (const never of ['apiKeys:manage', 'users:manage', 'webhooks:manage']) expect(scopes).not.toContain(never);
    const reader = await apiClient('只读 BI', ['customers:read', 'surveys:read']);
    expect(reader.apiKey.serviceAccountId).toBeNull();
    const writer = await apiClient('CRM 写入', ['customers:write']);
    expect(writer.apiKey.serviceAccountId).not.toBeNull();
  });

  it('surveys:manage creates a survey template; the history names the service account', async () => {
    const { apiKey, viewer } = await apiClient('问卷平台', ['surveys:manage']);
    const id = (
      await gqlOk<{ createSurveyTemplate: { id: string } }>(viewer, CREATE_TEMPLATE, { input: TEMPLATE_INPUT })
    ).createSurveyTemplate.id;
    for (const row of await historyActor('SurveyTemplate', id))
      expect(row).toEqual({ actorId: apiKey.serviceAccountId, actorLabel: 'API: 问卷平台' });
    const without = await apiClient('问卷只读', ['surveys:read']);
    expect(errorCodes(await gqlAs(without.viewer, CREATE_TEMPLATE, { input: TEMPLATE_INPUT }))).toEqual(['FORBIDDEN']);
  });

  it('settings:manage creates an SLA rule and a holiday; the history names the service account', async () => {
    const { apiKey, viewer } = await apiClient('集团规则同步', ['settings:read', 'settings:manage']);
    const input = { interactionType: 'SUGGESTION', triageHours: 8, resolutionHours: 80, callbackDays: 10 };
    const id = (await gqlOk<{ createSlaRule: { id: string } }>(viewer, CREATE_RULE, { input })).createSlaRule.id;
    for (const row of await historyActor('SlaRule', id))
      expect(row).toEqual({ actorId: apiKey.serviceAccountId, actorLabel: 'API: 集团规则同步' });
    await gqlOk(viewer, ADD_DAYS);
    const day = await prisma.calendarDay.findFirstOrThrow({ where: { date: new Date('2098-05-04T00:00:00Z') } });
    expect(day.name).toBe('API 假日');
    const rows = await prisma.historyEntry.findMany({
      where: { entityType: 'CalendarDay', actorId: apiKey.serviceAccountId },
    });
    expect(rows.length).toBeGreaterThan(0);
    const without = await apiClient('规则只读', ['settings:read']);
    expect(errorCodes(await gqlAs(without.viewer, CREATE_RULE, { input }))).toEqual(['FORBIDDEN']);
  });

  it('notices:write writes a notice as the service account (author and history); without it FORBIDDEN', async () => {
    const { apiKey, viewer } = await apiClient('OA 公告', ['notices:read', 'notices:write']);
    const id = (await gqlOk<{ createNotice: { id: string } }>(viewer, CREATE_NOTICE, { input: NOTICE })).createNotice
      .id;
    const notice = await prisma.notice.findUniqueOrThrow({ where: { id } });
    expect(notice.createdById).toBe(apiKey.serviceAccountId);
    for (const row of await historyActor('Notice', id))
      expect(row).toEqual({ actorId: apiKey.serviceAccountId, actorLabel: 'API: OA 公告' });
    const without = await apiClient('公告只读', ['notices:read']);
    expect(errorCodes(await gqlAs(without.viewer, CREATE_NOTICE, { input: NOTICE }))).toEqual(['FORBIDDEN']);
  });
});
