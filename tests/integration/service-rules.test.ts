import { zhFields } from '@/server/error-keys.testing';
import type { FieldErrors } from '@/server/error-keys';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { addBusinessHours } from '@/graphql/complaints/sla-clock.rules';
import { API_SCOPES } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { anonymous, type Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk, type GqlResult } from '../helpers/graphql';
import { zhMessage } from '../helpers/activity';

// The complaint clock's configuration through GraphQL: CRUD, field messages, optimistic locking, the authorisation
// matrix, the history — and that the clock applies a change at the next triage and registration.

const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai, UTC+8

const RULE = 'id interactionType severity keyAccount triageHours resolutionHours callbackDays active version';
type Rule = {
  id: string;
  interactionType: string | null;
  severity: string | null;
  keyAccount: boolean | null;
  triageHours: number;
  resolutionHours: number;
  callbackDays: number;
  active: boolean;
  version: number;
};

const LIST = `query { slaRules { ${RULE} } }`;
const CREATE = `mutation($input: SlaRuleInput!) { createSlaRule(input: $input) { ${RULE} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $input: SlaRuleInput!) { updateSlaRule(id: $id, version: $version, input: $input) { ${RULE} } }`;
const SET_ACTIVE = `mutation($id: ID!, $version: Int!, $active: Boolean!) { setSlaRuleActive(id: $id, version: $version, active: $active) { ${RULE} } }`;
const PREVIEW = `query($type: InteractionType!, $severity: Severity, $keyAccount: Boolean!) {
  slaRulePreview(type: $type, severity: $severity, keyAccount: $keyAccount) { rule { id } registeredAt triageDueAt resolutionDueAt } }`;
const HOURS = `query { businessHours { timeZone days start end version } }`;
const UPDATE_HOURS = `mutation($version: Int!, $input: BusinessHoursInput!) { updateBusinessHours(version: $version, input: $input) { timeZone days start end version } }`;
const DAYS = `query($year: Int!) { calendarDays(year: $year) { date isWorkday name version } }`;
const ADD_DAYS = `mutation($input: AddCalendarDaysInput!) { addCalendarDays(input: $input) { date isWorkday name version } }`;
const UPDATE_DAY = `mutation($date: Date!, $version: Int!, $input: CalendarDayInput!) { updateCalendarDay(date: $date, version: $version, input: $input) { date isWorkday name version } }`;
const REMOVE_DAY = `mutation($date: Date!, $version: Int!) { removeCalendarDay(date: $date, version: $version) { date } }`;
const AUTHORITY = `query { approvalAuthority { version rules { severity approve close } } }`;
const UPDATE_AUTHORITY = `mutation($version: Int!, $input: [SeverityAuthorityInput!]!) { updateApprovalAuthority(version: $version, input: $input) { version rules { severity approve close } } }`;
const ESCALATION = `query { escalationPolicy { dueSoonHours overduePeriodHours version levels { level afterOverdueHours audience } } }`;
const UPDATE_ESCALATION = `mutation($version: Int!, $input: EscalationPolicyInput!) { updateEscalationPolicy(version: $version, input: $input) { dueSoonHours overduePeriodHours version levels { level afterOverdueHours } } }`;
const CHANGES = `query { serviceRuleChanges(first: 50) { action message { key params text } fromState toState changes actor { id } createdAt } }`;
const TRIAGE = `mutation($id: ID!, $version: Int!, $input: TriageInput!) { triageComplaint(id: $id, version: $version, input: $input) { resolutionDueAt } }`;

const fieldsOf = (result: GqlResult) => zhFields(result.errors?.[0]?.extensions?.fields as FieldErrors | undefined);

const v = {} as Record<
  'admin' | 'manager' | 'quality' | 'executive' | 'agent' | 'handler' | 'customer' | 'apiKey',
  Viewer
>;
let handlerId = '';
let departmentId = '';
const rules = {} as Record<'general' | 'major' | 'crisis' | 'keyAccount', Rule>;

beforeAll(async () => {
  departmentId = (await prisma.department.create({ data: { code: 'QA-SR', name: '品质部' } })).id;
  v.admin = (await createStaff('ADMIN')).viewer;
  v.manager = (await createStaff('SERVICE_MANAGER')).viewer;
  v.quality = (await createStaff('QUALITY_MANAGER')).viewer;
  v.executive = (await createStaff('EXECUTIVE')).viewer;
  v.agent = (await createStaff('SERVICE_AGENT')).viewer;
  const handler = await createStaff('DEPARTMENT_HANDLER', { departmentId });
  v.handler = handler.viewer;
  handlerId = handler.user.id;
  v.customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
  // A key with every grantable scope but the service rules' own (settings:read / settings:manage).
  const key = await createApiKeyRow(API_SCOPES.filter((s) => !s.startsWith('settings:')));
  v.apiKey = { kind: 'apiClient', apiKeyId: key.row.id, name: key.row.name, scopes: key.row.scopes };
  // The demo's rules (src/server/demo/demo-data.ts), created through the API by the service manager.
  const create = async (input: Record<string, unknown>) =>
    (await gqlOk<{ createSlaRule: Rule }>(v.manager, CREATE, { input })).createSlaRule;
  rules.general = await create({
    interactionType: 'COMPLAINT',
    severity: 'GENERAL',
    triageHours: 4,
    resolutionHours: 40,
    callbackDays: 7,
  });
  rules.major = await create({
    interactionType: 'COMPLAINT',
    severity: 'MAJOR',
    triageHours: 4,
    resolutionHours: 24,
    callbackDays: 7,
  });
  rules.crisis = await create({
    interactionType: 'COMPLAINT',
    severity: 'CRISIS',
    triageHours: 1,
    resolutionHours: 8,
    callbackDays: 7,
  });
  rules.keyAccount = await create({
    interactionType: 'COMPLAINT',
    keyAccount: true,
    triageHours: 2,
    resolutionHours: 16,
    callbackDays: 7,
  });
});

describe('SLA rules', () => {
  it('lists, updates with the version read, deactivates and reactivates', async () => {
    const listed = await gqlOk<{ slaRules: Rule[] }>(v.admin, LIST);
    expect(listed.slaRules.map((r) => r.severity)).toEqual(['GENERAL', 'MAJOR', 'CRISIS', null]);
    expect(rules.major).toMatchObject({ version: 1, active: true, keyAccount: null });

    const suggestion = (
      await gqlOk<{ createSlaRule: Rule }>(v.admin, CREATE, {
        input: { interactionType: 'SUGGESTION', triageHours: 8, resolutionHours: 40, callbackDays: 14 },
      })
    ).createSlaRule;
    const updated = (
      await gqlOk<{ updateSlaRule: Rule }>(v.admin, UPDATE, {
        id: suggestion.id,
        version: 1,
        input: { interactionType: 'SUGGESTION', triageHours: 8, resolutionHours: 80, callbackDays: 14 },
      })
    ).updateSlaRule;
    expect(updated).toMatchObject({ resolutionHours: 80, version: 2 });

    const off = (
      await gqlOk<{ setSlaRuleActive: Rule }>(v.manager, SET_ACTIVE, { id: suggestion.id, version: 2, active: false })
    ).setSlaRuleActive;
    expect(off).toMatchObject({ active: false, version: 3 });
    // The clock no longer sees it: no rule for a suggestion.
    const none = await gqlOk<{ slaRulePreview: { rule: null; triageDueAt: null } }>(v.admin, PREVIEW, {
      type: 'SUGGESTION',
      keyAccount: false,
    });
    expect(none.slaRulePreview).toMatchObject({ rule: null, triageDueAt: null, resolutionDueAt: null });
    const on = (
      await gqlOk<{ setSlaRuleActive: Rule }>(v.manager, SET_ACTIVE, { id: suggestion.id, version: 3, active: true })
    ).setSlaRuleActive;
    expect(on).toMatchObject({ active: true, version: 4 });
  });

  it('refuses a stale version with CONFLICT and the current version, changing nothing', async () => {
    const input = {
      interactionType: 'COMPLAINT',
      severity: 'CRISIS',
      triageHours: 1,
      resolutionHours: 6,
      callbackDays: 7,
    };
    const first = await gqlOk<{ updateSlaRule: Rule }>(v.admin, UPDATE, {
      id: rules.crisis.id,
      version: rules.crisis.version,
      input,
    });
    expect(first.updateSlaRule.version).toBe(2);
    // A second editor saves what they read before the first save.
    const second = await gqlAs(v.manager, UPDATE, {
      id: rules.crisis.id,
      version: rules.crisis.version,
      input: { ...input, resolutionHours: 12 },
    });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors?.[0]?.extensions?.currentVersion).toBe(2);
    expect(second.errors?.[0]?.extensions?.key).toBe('serviceRules.stale');
    expect((await prisma.slaRule.findUniqueOrThrow({ where: { id: rules.crisis.id } })).resolutionHours).toBe(6);
    const staleToggle = await gqlAs(v.manager, SET_ACTIVE, { id: rules.crisis.id, version: 1, active: false });
    expect(errorCodes(staleToggle)).toEqual(['CONFLICT']);
    rules.crisis = first.updateSlaRule;
  });

  it('refuses a second active rule with the same conditions, also when reactivating', async () => {
    const duplicate = await gqlAs(v.admin, CREATE, {
      input: { interactionType: 'COMPLAINT', severity: 'MAJOR', triageHours: 2, resolutionHours: 10, callbackDays: 3 },
    });
    expect(errorCodes(duplicate)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(duplicate)).toEqual({
      combination: '已有相同条件（投诉 / 重大 / 任意客户）的启用规则，请修改那条规则或先停用它',
    });

    // Editing a rule onto another's conditions is refused the same way.
    const onto = await gqlAs(v.admin, UPDATE, {
      id: rules.crisis.id,
      version: rules.crisis.version,
      input: { interactionType: 'COMPLAINT', severity: 'MAJOR', triageHours: 1, resolutionHours: 6, callbackDays: 7 },
    });
    expect(fieldsOf(onto).combination).toContain('投诉 / 重大 / 任意客户');

    // An inactive rule may share conditions; reactivating it while the other is active may not.
    const spare = (
      await gqlOk<{ createSlaRule: Rule }>(v.admin, CREATE, {
        input: { interactionType: 'INQUIRY', triageHours: 4, resolutionHours: 8, callbackDays: 7 },
      })
    ).createSlaRule;
    const spareOff = (
      await gqlOk<{ setSlaRuleActive: Rule }>(v.admin, SET_ACTIVE, {
        id: spare.id,
        version: spare.version,
        active: false,
      })
    ).setSlaRuleActive;
    const replacement = await gqlOk<{ createSlaRule: Rule }>(v.admin, CREATE, {
      input: { interactionType: 'INQUIRY', triageHours: 2, resolutionHours: 4, callbackDays: 7 },
    });
    expect(replacement.createSlaRule.active).toBe(true);
    const back = await gqlAs(v.admin, SET_ACTIVE, { id: spare.id, version: spareOff.version, active: true });
    expect(errorCodes(back)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(back).combination).toContain('查询 / 任意严重程度 / 任意客户');
  });

  it('reports each invalid field', async () => {
    const result = await gqlAs(v.admin, CREATE, {
      input: {
        interactionType: 'CONSULTATION',
        severity: 'MAJOR',
        triageHours: 0,
        resolutionHours: 5000,
        callbackDays: 31,
      },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(result)).toEqual({
      triageHours: '不能小于 1',
      resolutionHours: '不能大于 2000',
      callbackDays: '不能大于 30',
      severity: '严重程度只适用于投诉',
    });
    const unknownId = await gqlAs(v.admin, SET_ACTIVE, {
      id: '00000000-0000-4000-8000-000000000000',
      version: 1,
      active: false,
    });
    expect(errorCodes(unknownId)).toEqual(['NOT_FOUND']);
  });

  it('previews the rule the clock picks: the most specific, key accounts on their faster clock', async () => {
    const major = await gqlOk<{ slaRulePreview: { rule: { id: string } } }>(v.quality, PREVIEW, {
      type: 'COMPLAINT',
      severity: 'MAJOR',
      keyAccount: false,
    });
    expect(major.slaRulePreview.rule.id).toBe(rules.major.id);
    const key = await gqlOk<{ slaRulePreview: { rule: { id: string } } }>(v.quality, PREVIEW, {
      type: 'COMPLAINT',
      severity: 'MAJOR',
      keyAccount: true,
    });
    expect(key.slaRulePreview.rule.id).toBe(rules.keyAccount.id);
    // Not triaged yet: a complaint runs on the general clock.
    const intake = await gqlOk<{ slaRulePreview: { rule: { id: string } } }>(v.quality, PREVIEW, {
      type: 'COMPLAINT',
      keyAccount: false,
    });
    expect(intake.slaRulePreview.rule.id).toBe(rules.general.id);
  });

  it('a key account’s crisis runs on the crisis rule’s 1 h / 8 h, not the key-account rule’s slower 2 h / 16 h', async () => {
    type Preview = {
      slaRulePreview: {
        rule: { id: string };
        triageRule: { id: string };
        callbackRule: { id: string };
        matchingRules: { id: string }[];
        callbackDays: number;
      };
    };
    const WHY = `query($type: InteractionType!, $severity: Severity, $keyAccount: Boolean!) {
      slaRulePreview(type: $type, severity: $severity, keyAccount: $keyAccount) {
        rule { id } triageRule { id } callbackRule { id } matchingRules { id } callbackDays } }`;
    const crisis = (keyAccount: boolean) =>
      gqlOk<Preview>(v.quality, WHY, { type: 'COMPLAINT', severity: 'CRISIS', keyAccount });
    const [key, ordinary] = [(await crisis(true)).slaRulePreview, (await crisis(false)).slaRulePreview];
    expect(key).toMatchObject({
      rule: { id: rules.crisis.id },
      triageRule: { id: rules.crisis.id },
      callbackDays: 7,
      matchingRules: [{ id: rules.crisis.id }, { id: rules.keyAccount.id }],
    });
    expect(ordinary).toMatchObject({ rule: { id: rules.crisis.id }, matchingRules: [{ id: rules.crisis.id }] });
  });
});

describe('business hours, calendar, 核决权限 and escalation', () => {
  it('business hours: defaults at version 0, then versioned saves; an invalid zone is a field error', async () => {
    const before = await gqlOk<{ businessHours: Record<string, unknown> }>(v.executive, HOURS);
    expect(before.businessHours).toEqual({
      timeZone: 'Asia/Shanghai',
      days: [1, 2, 3, 4, 5],
      start: '08:30',
      end: '17:30',
      version: 0,
    });
    const input = { timeZone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6], start: '09:00', end: '17:30' };
    const saved = await gqlOk<{ updateBusinessHours: { version: number } }>(v.manager, UPDATE_HOURS, {
      version: 0,
      input,
    });
    expect(saved.updateBusinessHours).toMatchObject({ ...input, version: 1 });
    expect(await loadBusinessCalendar()).toMatchObject({ workdays: [1, 2, 3, 4, 5, 6], start: '09:00' });

    expect(errorCodes(await gqlAs(v.admin, UPDATE_HOURS, { version: 0, input }))).toEqual(['CONFLICT']);
    const invalid = await gqlAs(v.admin, UPDATE_HOURS, {
      version: 1,
      input: { ...input, timeZone: 'GMT+8', end: '08:00' },
    });
    expect(fieldsOf(invalid)).toEqual({
      timeZone: '不是有效的 IANA 时区（如 Asia/Shanghai）',
      end: '下班时间须晚于上班时间',
    });

    // Back to the company's hours for the clock tests below.
    const restored = await gqlOk<{ updateBusinessHours: { version: number } }>(v.admin, UPDATE_HOURS, {
      version: 1,
      input: { ...input, days: [1, 2, 3, 4, 5], start: '08:30' },
    });
    expect(restored.updateBusinessHours.version).toBe(2);
  });

  it('calendar: adds 国庆节 as a range, lists the year, refuses overlaps, renames and removes by version', async () => {
    const added = await gqlOk<{ addCalendarDays: { date: string }[] }>(v.manager, ADD_DAYS, {
      input: { from: '2030-10-01', to: '2030-10-07', isWorkday: false, name: '国庆节' },
    });
    expect(added.addCalendarDays.map((d) => d.date)).toEqual([
      '2030-10-01',
      '2030-10-02',
      '2030-10-03',
      '2030-10-04',
      '2030-10-05',
      '2030-10-06',
      '2030-10-07',
    ]);
    await gqlOk(v.manager, ADD_DAYS, { input: { from: '2030-09-29', isWorkday: true, name: '国庆节调休上班' } });

    const year = await gqlOk<{ calendarDays: { date: string; isWorkday: boolean; name: string; version: number }[] }>(
      v.quality,
      DAYS,
      { year: 2030 },
    );
    expect(year.calendarDays).toHaveLength(8);
    expect(year.calendarDays[0]).toEqual({ date: '2030-09-29', isWorkday: true, name: '国庆节调休上班', version: 1 });
    expect((await gqlOk<{ calendarDays: unknown[] }>(v.quality, DAYS, { year: 2031 })).calendarDays).toEqual([]);

    const overlap = await gqlAs(v.manager, ADD_DAYS, {
      input: { from: '2030-10-07', to: '2030-10-08', isWorkday: false, name: '延长' },
    });
    expect(fieldsOf(overlap)).toEqual({ from: '日历中已有 2030-10-07，请修改或删除已有的日期' });
    expect(await prisma.calendarDay.count({ where: { date: new Date('2030-10-08T00:00:00Z') } })).toBe(0);
    expect(
      fieldsOf(await gqlAs(v.manager, ADD_DAYS, { input: { from: '2030-10-09', isWorkday: false, name: '' } })),
    ).toHaveProperty('name');

    const renamed = await gqlOk<{ updateCalendarDay: { version: number; name: string } }>(v.manager, UPDATE_DAY, {
      date: '2030-10-07',
      version: 1,
      input: { isWorkday: false, name: '国庆节（补休）' },
    });
    expect(renamed.updateCalendarDay).toMatchObject({ name: '国庆节（补休）', version: 2 });
    expect(errorCodes(await gqlAs(v.admin, REMOVE_DAY, { date: '2030-10-07', version: 1 }))).toEqual(['CONFLICT']);
    await gqlOk(v.admin, REMOVE_DAY, { date: '2030-10-07', version: 2 });
    expect(errorCodes(await gqlAs(v.admin, REMOVE_DAY, { date: '2030-10-07', version: 2 }))).toEqual(['NOT_FOUND']);
  });

  it('核决权限: the workflow defaults, then all severities saved in the engine’s shape; roles must exist and not be empty', async () => {
    const before = await gqlOk<{
      approvalAuthority: { version: number; rules: { severity: string; approve: string[] }[] };
    }>(v.quality, AUTHORITY);
    expect(before.approvalAuthority.version).toBe(0);
    expect(before.approvalAuthority.rules.find((r) => r.severity === 'CRISIS')?.approve).toEqual(['EXECUTIVE']);

    const input = [
      { severity: 'GENERAL', approve: ['SERVICE_MANAGER', 'QUALITY_MANAGER'], close: ['QUALITY_MANAGER'] },
      { severity: 'MAJOR', approve: ['EXECUTIVE'], close: ['QUALITY_MANAGER'] },
      { severity: 'CRISIS', approve: ['EXECUTIVE'], close: ['QUALITY_MANAGER', 'EXECUTIVE'] },
    ];
    const saved = await gqlOk<{ updateApprovalAuthority: { version: number } }>(v.admin, UPDATE_AUTHORITY, {
      version: 0,
      input,
    });
    expect(saved.updateApprovalAuthority.version).toBe(1);
    // What complaint.service.ts reads (`approvalAuthority` as Record<Severity, { approve, close }>).
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: 'approvalAuthority' } })).value).toEqual({
      GENERAL: { approve: ['QUALITY_MANAGER', 'SERVICE_MANAGER'], close: ['QUALITY_MANAGER'] },
      MAJOR: { approve: ['EXECUTIVE'], close: ['QUALITY_MANAGER'] },
      CRISIS: { approve: ['EXECUTIVE'], close: ['QUALITY_MANAGER', 'EXECUTIVE'] },
    });

    const invalid = await gqlAs(v.admin, UPDATE_AUTHORITY, {
      version: 1,
      input: [
        { ...input[0], approve: [] },
        { ...input[1], close: ['CUSTOMER'] },
      ],
    });
    expect(fieldsOf(invalid)).toEqual({
      'GENERAL.approve': '至少选择一个批准角色',
      'MAJOR.close': '包含不存在或不能授权的角色',
      CRISIS: '缺少“CRISIS”的核决权限',
    });
    expect(errorCodes(await gqlAs(v.manager, UPDATE_AUTHORITY, { version: 0, input }))).toEqual(['CONFLICT']);
  });

  it('escalation: both periods validated, the ladder follows the period', async () => {
    const before = await gqlOk<{
      escalationPolicy: { dueSoonHours: number; overduePeriodHours: number; version: number };
    }>(v.admin, ESCALATION);
    expect(before.escalationPolicy).toMatchObject({ dueSoonHours: 4, overduePeriodHours: 8, version: 0 });
    const saved = await gqlOk<{ updateEscalationPolicy: { levels: { afterOverdueHours: number }[]; version: number } }>(
      v.manager,
      UPDATE_ESCALATION,
      { version: 0, input: { dueSoonHours: 2, overduePeriodHours: 6 } },
    );
    expect(saved.updateEscalationPolicy.levels.map((l) => l.afterOverdueHours)).toEqual([0, 6, 12, 18]);
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: 'escalation' } })).value).toEqual({
      dueSoonHours: 2,
      overduePeriodHours: 6,
    });
    const invalid = await gqlAs(v.manager, UPDATE_ESCALATION, {
      version: 1,
      input: { dueSoonHours: 0, overduePeriodHours: 500 },
    });
    expect(Object.keys(fieldsOf(invalid)).sort()).toEqual(['dueSoonHours', 'overduePeriodHours']);
  });

  it('every change is in the history, who and from → to, newest first', async () => {
    const { serviceRuleChanges } = await gqlOk<{
      serviceRuleChanges: {
        action: string;
        message: { key: string; params: unknown; text: string };
        fromState: string | null;
        changes: Record<string, { from: unknown; to: unknown }>;
        actor: { id: string };
      }[];
    }>(v.admin, CHANGES);
    expect(serviceRuleChanges[0]).toMatchObject({
      action: 'UPDATE',
      message: { key: 'serviceRules.setting', params: { key: 'escalation' }, text: 'Escalation rules' },
      changes: { dueSoonHours: { from: null, to: 2 }, overduePeriodHours: { from: null, to: 6 } },
    });
    expect(serviceRuleChanges[0]?.actor.id).toBe(v.manager.kind === 'staff' ? v.manager.userId : '');
    const crisis = await prisma.historyEntry.findMany({
      where: { entityType: 'SlaRule', entityId: rules.crisis.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(crisis.map((h) => h.action)).toEqual(['CREATE', 'UPDATE']);
    expect(crisis[1]?.changes).toEqual({ resolutionHours: { from: 8, to: 6 } });
    const removed = await prisma.historyEntry.findFirst({ where: { entityType: 'CalendarDay', action: 'DELETE' } });
    expect(removed).toMatchObject({ fromState: 'HOLIDAY', messageKey: 'serviceRules.calendarDay' });
    expect(zhMessage(removed!)).toBe('2030-10-07 国庆节（补休）');
    expect(await prisma.historyEntry.count({ where: { entityType: 'Setting' } })).toBe(4); // business hours twice, 核决权限, escalation; the refused saves wrote nothing
  });
});

describe('the clock applies a change at the next triage and registration', () => {
  let seq = 0;
  const complaintAt = (createdAt: Date) =>
    prisma.interaction.create({
      data: {
        number: `TS-SR-${++seq}`,
        type: 'COMPLAINT',
        channel: 'PHONE',
        subject: '外径超差',
        description: '第 3 批次外径超差 0.2 mm',
        createdAt,
      },
    });
  const triageMajor = async (id: string) =>
    (
      await gqlOk<{ triageComplaint: { resolutionDueAt: string } }>(v.agent, TRIAGE, {
        id,
        version: 1,
        input: {
          severity: 'MAJOR',
          causeClass: 'QUALITY',
          triageResult: 'WITHIN_AUTHORITY',
          responsibleDepartmentId: departmentId,
          ownerId: handlerId,
        },
      })
    ).triageComplaint.resolutionDueAt;

  it('MAJOR resolution hours 24 → 18: registered Monday 09:00, due Wednesday 15:00 → Wednesday 09:00; a new holiday on Tuesday moves it a day', async () => {
    const registeredAt = sh('2030-06-03T09:00:00'); // a Monday
    expect(await triageMajor((await complaintAt(registeredAt)).id)).toBe(sh('2030-06-05T15:00:00').toISOString()); // 24 h: Mon 8.5 + Tue 9 + Wed 6.5

    const current = await prisma.slaRule.findUniqueOrThrow({ where: { id: rules.major.id } });
    await gqlOk(v.manager, UPDATE, {
      id: current.id,
      version: current.version,
      input: { interactionType: 'COMPLAINT', severity: 'MAJOR', triageHours: 4, resolutionHours: 18, callbackDays: 7 },
    });
    expect(await triageMajor((await complaintAt(registeredAt)).id)).toBe(sh('2030-06-05T09:00:00').toISOString()); // 18 h: Mon 8.5 + Tue 9 + Wed 0.5

    await gqlOk(v.manager, ADD_DAYS, { input: { from: '2030-06-04', isWorkday: false, name: '测试假日' } });
    expect(await triageMajor((await complaintAt(registeredAt)).id)).toBe(sh('2030-06-06T09:00:00').toISOString()); // Mon 8.5 + Wed 9 + Thu 0.5
  });

  it('the workflow asks the 核决权限 as saved: a major plan is now the executive’s to approve, not quality’s', async () => {
    // Saved above: MAJOR approve → EXECUTIVE only (the default also lets the quality manager approve).
    const pending = await prisma.interaction.create({
      data: {
        number: `TS-SR-${++seq}`,
        type: 'COMPLAINT',
        channel: 'PHONE',
        subject: '批量开裂',
        description: '整批开裂',
        status: 'PENDING_APPROVAL',
        severity: 'MAJOR',
        responsibleDepartmentId: departmentId,
      },
    });
    const commands = async (viewer: Viewer) =>
      (
        await gqlOk<{ interaction: { availableCommands: string[] } }>(
          viewer,
          `query($id: ID!) { interaction(id: $id) { availableCommands } }`,
          { id: pending.id },
        )
      ).interaction.availableCommands;
    expect(await commands(v.quality)).not.toContain('APPROVE');
    expect(await commands(v.executive)).toContain('APPROVE');
  });

  it('a registration takes the triage hours of the rule as changed', async () => {
    const general = await prisma.slaRule.findUniqueOrThrow({ where: { id: rules.general.id } });
    await gqlOk(v.manager, UPDATE, {
      id: general.id,
      version: general.version,
      input: {
        interactionType: 'COMPLAINT',
        severity: 'GENERAL',
        triageHours: 2,
        resolutionHours: 40,
        callbackDays: 7,
      },
    });
    const customerId = (await createCustomerRecord()).id;
    const recorded = await gqlOk<{ recordInteraction: { id: string } }>(
      v.agent,
      `mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`,
      {
        input: {
          channel: 'PHONE',
          type: 'COMPLAINT',
          customerId,
          subject: '包装破损',
          description: '到货外箱破损 3 箱',
        },
      },
    );
    const row = await prisma.interaction.findUniqueOrThrow({ where: { id: recorded.recordInteraction.id } });
    expect(row.triageDueAt).toEqual(addBusinessHours(row.createdAt, 2, await loadBusinessCalendar()));
  });
});

describe('authorisation', () => {
  const READ = `query { slaRules { id } businessHours { version } calendarDays(year: 2030) { date } approvalAuthority { version } escalationPolicy { version } serviceRuleChanges { id } }`;
  const WRITE = `mutation { addCalendarDays(input: { from: "2099-01-02", isWorkday: false, name: "权限测试" }) { date } }`;

  it.each([
    ['admin', true, true],
    ['manager', true, true],
    ['quality', true, false],
    ['executive', true, false],
    ['agent', false, false],
    ['handler', false, false],
    ['customer', false, false],
    ['apiKey', false, false],
  ] as const)('%s: read %s, write %s', async (who, mayRead, mayWrite) => {
    const read = await gqlAs(v[who], READ);
    expect(errorCodes(read).every((c) => c === 'FORBIDDEN')).toBe(true);
    expect(errorCodes(read).length === 0).toBe(mayRead);
    await prisma.calendarDay.deleteMany({ where: { date: new Date('2099-01-02T00:00:00Z') } });
    expect(errorCodes(await gqlAs(v[who], WRITE))).toEqual(mayWrite ? [] : ['FORBIDDEN']);
  });

  it('nobody signed in: UNAUTHENTICATED', async () => {
    expect(errorCodes(await gqlAs(anonymous, `query { slaRules { id } }`))).toEqual(['UNAUTHENTICATED']);
    expect(
      errorCodes(
        await gqlAs(
          anonymous,
          `mutation { updateEscalationPolicy(version: 0, input: { dueSoonHours: 1, overduePeriodHours: 1 }) { version } }`,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });
});
