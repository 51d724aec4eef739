import { zhFields } from '@/server/error-keys.testing';
import type { FieldErrors } from '@/server/error-keys';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyForm } from '@/graphql/survey-responses/survey-response.service';
import { surveyToken } from '@/graphql/survey-campaigns/survey-token.service';
import { prisma } from '@/server/db';
import { DomainError } from '@/server/errors';
import { stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  answersFor,
  createCampaign,
  createTemplate,
  ENTER,
  FORM,
  launchCampaign,
  SUBMIT,
  TEMPLATE_FIELDS,
  TEMPLATE_INPUT,
  type TemplateResult,
} from '../helpers/surveys';

// A pg-boss schema of this file's own (launching queues the invitation mails): other runs never take these jobs.
const queueSchema = `pgboss_test_s${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const DAY = 86_400_000;
let agent: Viewer;
let agentId: string;

beforeAll(async () => {
  const staff = await createStaff('SERVICE_AGENT');
  agent = staff.viewer;
  agentId = staff.user.id;
});

afterAll(async () => {
  await stopQueue(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  zhFields(result.errors?.[0]?.extensions?.fields as FieldErrors | undefined);

describe('templates: validation and versions', () => {
  it('creates a template with sections, scored questions and weights', async () => {
    const t = await createTemplate(agent);
    expect(t.version).toBe(1);
    expect(t.inUse).toBe(false);
    expect(t.isLatest).toBe(true);
    expect(t.dimensions.map((d) => [d.code, d.weight])).toEqual([
      ['TIMELINESS', 0.3],
      ['ATTITUDE', 0.2],
      ['PRICE', 0.5],
    ]);
    expect(t.questions.map((q) => q.type)).toEqual([
      'RATING_5',
      'RATING_5',
      'RATING_10',
      'SINGLE_CHOICE',
      'NPS',
      'MULTI_CHOICE',
      'TEXT',
    ]);
    expect(t.questions.map((q) => q.scored)).toEqual([true, true, true, true, false, false, false]);
    expect(t.sections.map((s) => s.questions.length)).toEqual([4, 3]);
  });

  it('answers a bad template with BAD_USER_INPUT and a message per field path', async () => {
    const bad = {
      ...TEMPLATE_INPUT,
      dimensions: [{ code: 'lower', name: '', weight: -1 }],
      sections: [
        { title: '一', questions: [{ type: 'SINGLE_CHOICE', text: '选一个', choices: [{ value: 'A', label: '是' }] }] },
      ],
    };
    const result = await gqlAs(
      agent,
      `mutation($input: SurveyTemplateInput!) { createSurveyTemplate(input: $input) { id } }`,
      { input: bad },
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(result)).toEqual({
      'dimensions.0.code': '维度代码须为大写字母、数字或下划线（如 TIMELINESS）',
      'dimensions.0.name': '必填',
      'dimensions.0.weight': '权重须大于 0',
      'sections.0.questions.0.choices': '选择题至少两个选项',
    });
  });

  it('edits an unused version in place; a version a campaign uses gets a new version, old one unchanged', async () => {
    const t = await createTemplate(agent);
    const UPDATE = `mutation($id: ID!, $input: SurveyTemplateInput!) { updateSurveyTemplate(id: $id, input: $input) { ${TEMPLATE_FIELDS} } }`;
    const renamed = { ...TEMPLATE_INPUT, name: '改名后的模板' };
    const inPlace = (await gqlOk<{ updateSurveyTemplate: TemplateResult }>(agent, UPDATE, { id: t.id, input: renamed }))
      .updateSurveyTemplate;
    expect([inPlace.id, inPlace.version, inPlace.name]).toEqual([t.id, 1, '改名后的模板']);

    await createCampaign(agent, t.id);
    const inUse = await gqlOk<{ surveyTemplate: { inUse: boolean } }>(
      agent,
      `query($id: ID!) { surveyTemplate(id: $id) { inUse } }`,
      { id: t.id },
    );
    expect(inUse.surveyTemplate.inUse).toBe(true);

    const withQuestion = {
      ...renamed,
      sections: [
        ...renamed.sections,
        { title: '三、补充', questions: [{ type: 'RATING_5', text: '信息沟通是否顺畅' }] },
      ],
    };
    const v2 = (await gqlOk<{ updateSurveyTemplate: TemplateResult }>(agent, UPDATE, { id: t.id, input: withQuestion }))
      .updateSurveyTemplate;
    expect(v2.id).not.toBe(t.id);
    expect([v2.key, v2.version, v2.isLatest, v2.inUse, v2.questions.length]).toEqual([t.key, 2, true, false, 8]);
    const v1 = await gqlOk<{
      surveyTemplate: { version: number; isLatest: boolean; questions: unknown[]; versions: { version: number }[] };
    }>(
      agent,
      `query($id: ID!) { surveyTemplate(id: $id) { version isLatest questions { id } versions { version } } }`,
      { id: t.id },
    );
    expect(v1.surveyTemplate).toEqual({
      version: 1,
      isLatest: false,
      questions: expect.any(Array),
      versions: [{ version: 2 }, { version: 1 }],
    });
    expect(v1.surveyTemplate.questions).toHaveLength(7);
    // Editing v1 again (still in use) writes v3, the next of the family.
    const v3 = (await gqlOk<{ updateSurveyTemplate: TemplateResult }>(agent, UPDATE, { id: t.id, input: renamed }))
      .updateSurveyTemplate;
    expect(v3.version).toBe(3);
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'SurveyTemplate', entityId: { in: [t.id, v2.id, v3.id] } },
      orderBy: { createdAt: 'asc' },
    });
    expect(history.map((h) => h.action)).toEqual(['CREATE', 'UPDATE', 'NEW_VERSION', 'NEW_VERSION']);
  });

  it('responses keep the version they answered: the campaign, its form and its analysis stay on v1 after an edit', async () => {
    const v1 = await createTemplate(agent);
    const customer = await createCustomerRecord({ name: '版本客户' });
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, v1.id, { audience: { customerIds: [customer.id] } }),
    );
    await gqlOk(agent, ENTER, {
      input: {
        campaignId: campaign.id,
        customerId: customer.id,
        source: 'PHONE',
        answers: answersFor(v1, { r5a: 5, r5b: 5, r10: 10, price: 'A', nps: 10 }),
      },
    });
    // Out of every later audience of this file (the audience tests count all active customers).
    await prisma.customer.update({ where: { id: customer.id }, data: { archivedAt: new Date() } });
    const edited = {
      ...TEMPLATE_INPUT,
      sections: [
        { title: '只剩一题', questions: [{ type: 'RATING_5', text: '总体满意度', dimensionCode: 'TIMELINESS' }] },
      ],
    };
    const v2 = (
      await gqlOk<{ updateSurveyTemplate: TemplateResult }>(
        agent,
        `mutation($id: ID!, $input: SurveyTemplateInput!) { updateSurveyTemplate(id: $id, input: $input) { ${TEMPLATE_FIELDS} } }`,
        { id: v1.id, input: edited },
      )
    ).updateSurveyTemplate;
    expect(v2.version).toBe(2);
    const response = await prisma.surveyResponse.findFirstOrThrow({
      where: { campaignId: campaign.id },
      include: { answers: true },
    });
    expect(response.templateId).toBe(v1.id);
    expect(response.answers.map((a) => a.questionId).sort()).toEqual(
      v1.questions
        .slice(0, 5)
        .map((q) => q.id)
        .sort(),
    );
    const view = await gqlOk<{
      surveyCampaign: { template: { id: string; version: number; questions: unknown[] } };
      surveyAnalysis: { questions: { question: { id: string } }[]; index: number };
    }>(
      agent,
      `query($id: ID!, $f: SurveyAnalysisFilter!) { surveyCampaign(id: $id) { template { id version questions { id } } } surveyAnalysis(filter: $f) { index questions { question { id } } } }`,
      { id: campaign.id, f: { campaignIds: [campaign.id] } },
    );
    expect(view.surveyCampaign.template).toMatchObject({ id: v1.id, version: 1 });
    expect(view.surveyAnalysis.questions.map((q) => q.question.id)).toEqual(v1.questions.map((q) => q.id));
    expect(view.surveyAnalysis.index).toBe(100);
  });

  it('lists the latest version of each family; archiving hides the family and refuses new campaigns', async () => {
    const t = await createTemplate(agent, { ...TEMPLATE_INPUT, name: '将被归档' });
    const LIST = `query($a: Boolean) { surveyTemplates(includeArchived: $a) { id name version } }`;
    const before = await gqlOk<{ surveyTemplates: { id: string; name: string; version: number }[] }>(agent, LIST, {
      a: false,
    });
    expect(before.surveyTemplates.some((x) => x.id === t.id)).toBe(true);
    // One entry per family: the family edited above shows only its v3.
    expect(before.surveyTemplates.filter((x) => x.name === '改名后的模板').map((x) => x.version)).toEqual([3]);
    await gqlOk(agent, `mutation($id: ID!) { archiveSurveyTemplate(id: $id, archived: true) { archivedAt } }`, {
      id: t.id,
    });
    const after = await gqlOk<{ surveyTemplates: { id: string }[] }>(agent, LIST, { a: false });
    expect(after.surveyTemplates.some((x) => x.id === t.id)).toBe(false);
    expect(
      (await gqlOk<{ surveyTemplates: { id: string }[] }>(agent, LIST, { a: true })).surveyTemplates.some(
        (x) => x.id === t.id,
      ),
    ).toBe(true);
    const refused = await gqlAs(
      agent,
      `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { id } }`,
      {
        input: {
          templateId: t.id,
          name: 'x',
          periodLabel: '2026-Q4',
          audience: {},
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
        },
      },
    );
    expect(fieldsOf(refused)).toEqual({ templateId: '问卷模板已归档，不能用于新的调查' });
  });
});

describe('campaigns: audience, launch, versions', () => {
  let template: TemplateResult;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    template = await createTemplate(agent);
    const c1 = await createCustomerRecord({
      name: '甲·上海汽配',
      province: '上海',
      industry: '汽车零部件',
      grade: 'A',
      keyAccountStatus: 'ACTIVE',
    });
    await prisma.contact.createMany({
      data: [
        { customerId: c1.id, name: '次要', email: 'second@c1.cn' },
        { customerId: c1.id, name: '主要', email: 'primary@c1.cn', isPrimary: true },
      ],
    });
    const c2 = await createCustomerRecord({ name: '乙·江苏电子', province: '江苏', industry: '电子电路', grade: 'B' });
    await prisma.contact.create({ data: { customerId: c2.id, name: '无邮箱' } });
    const portal = await createCustomerUser(c2.id);
    const c3 = await createCustomerRecord({
      name: '丙·上海电子',
      province: '上海',
      industry: '电子电路',
      grade: 'C',
      keyAccountStatus: 'CANDIDATE',
    });
    const c4 = await createCustomerRecord({ name: '丁·暂停', province: '上海', status: 'SUSPENDED' });
    const c5 = await createCustomerRecord({ name: '戊·已归档', province: '上海', archivedAt: new Date() });
    const c6 = await createCustomerRecord({ name: '己·浙江投诉', province: '浙江' });
    // Closed at 2026-09-15 01:00 in Shanghai (still 09-14 in UTC): the 15th counts, in the company's calendar.
    await prisma.interaction.create({
      data: {
        number: 'TS-S-1',
        type: 'COMPLAINT',
        channel: 'PHONE',
        subject: '证书延误',
        description: 'x',
        customerId: c6.id,
        status: 'CLOSED',
        closedAt: new Date('2026-09-14T17:00:00Z'),
      },
    });
    Object.assign(ids, {
      c1: c1.id,
      c2: c2.id,
      c3: c3.id,
      c4: c4.id,
      c5: c5.id,
      c6: c6.id,
      portalEmail: portal.user.email,
    });
  });

  const PREVIEW = `query($a: SurveyAudienceInput!) { surveyAudiencePreview(audience: $a) { count withEmail sample { id } } }`;
  async function audience(a: unknown): Promise<string[]> {
    const data = await gqlOk<{ surveyAudiencePreview: { count: number; sample: { id: string }[] } }>(agent, PREVIEW, {
      a,
    });
    expect(data.surveyAudiencePreview.sample).toHaveLength(Math.min(10, data.surveyAudiencePreview.count));
    return data.surveyAudiencePreview.sample.map((s) => s.id).sort();
  }

  it('selects active customers by each criterion (and all of them combined)', async () => {
    const all = await gqlOk<{ surveyAudiencePreview: { count: number; withEmail: number } }>(agent, PREVIEW, { a: {} });
    expect(all.surveyAudiencePreview).toMatchObject({ count: 4, withEmail: 2 });
    const sorted = (...keys: string[]) => keys.map((k) => ids[k]!).sort();
    expect(await audience({})).toEqual(sorted('c1', 'c2', 'c3', 'c6'));
    expect(await audience({ provinces: ['上海'] })).toEqual(sorted('c1', 'c3'));
    expect(await audience({ industries: ['电子电路'] })).toEqual(sorted('c2', 'c3'));
    expect(await audience({ grades: ['A', 'B'] })).toEqual(sorted('c1', 'c2'));
    expect(await audience({ keyAccountStatuses: ['ACTIVE'] })).toEqual(sorted('c1'));
    expect(await audience({ complaintClosed: { from: '2026-09-15', to: '2026-09-15' } })).toEqual(sorted('c6'));
    expect(await audience({ complaintClosed: { to: '2026-09-14' } })).toEqual([]);
    expect(await audience({ customerIds: [ids.c1, ids.c4] })).toEqual(sorted('c1'));
    expect(await audience({ provinces: ['上海'], grades: ['C'] })).toEqual(sorted('c3'));
  });

  it('launch snapshots the audience as invitations with personal links and queues the mails in Chinese', async () => {
    const draft = await createCampaign(agent, template.id);
    expect(draft).toMatchObject({ status: 'DRAFT', version: 1 });
    const launched = await launchCampaign(agent, draft);
    expect(launched).toMatchObject({ status: 'OPEN', version: 2 });

    const invitations = await prisma.surveyInvitation.findMany({
      where: { campaignId: draft.id },
      include: { customer: { select: { name: true } } },
    });
    expect(invitations.map((i) => i.customerId).sort()).toEqual([ids.c1, ids.c2, ids.c3, ids.c6].sort());
    const byCustomer = new Map(invitations.map((i) => [i.customerId, i]));
    // Primary contact first, then another contact, then a portal user; none: surveyed by phone.
    expect(byCustomer.get(ids.c1!)?.email).toBe('primary@c1.cn');
    expect(byCustomer.get(ids.c2!)?.email).toBe(ids.portalEmail);
    expect(byCustomer.get(ids.c3!)?.email).toBeNull();
    expect(invitations.filter((i) => i.sentAt).length).toBe(2);
    for (const i of invitations) expect(i.tokenHash).toBe(createHash('sha256').update(surveyToken(i.id)).digest('hex'));

    const jobs = await prisma.$queryRawUnsafe<{ to: string; subject: string; text: string }[]>(
      `SELECT data->>'to' AS "to", data->>'subject' AS subject, data->>'text' AS text FROM "${queueSchema}".job WHERE name = 'send-mail-customer' ORDER BY data->>'to'`,
    );
    expect(jobs.map((j) => j.to).sort()).toEqual(['primary@c1.cn', ids.portalEmail].sort());
    expect(jobs[0]!.subject).toBe('【满意度调查】2026-Q4 客户满意度调查');
    const c1Job = jobs.find((j) => j.to === 'primary@c1.cn')!;
    expect(c1Job.text).toContain(`/s/${surveyToken(byCustomer.get(ids.c1!)!.id)}`);

    const stats = await gqlOk<{
      surveyCampaign: {
        stats: { invited: number; sent: number; opened: number; responded: number; responseRate: number };
        invitations: { totalCount: number; nodes: { state: string }[] };
      };
    }>(
      agent,
      `query($id: ID!) { surveyCampaign(id: $id) { stats { invited sent opened responded responseRate } invitations(filter: { state: [NOT_SENT] }) { totalCount nodes { state } } } }`,
      { id: draft.id },
    );
    expect(stats.surveyCampaign.stats).toEqual({ invited: 4, sent: 2, opened: 0, responded: 0, responseRate: 0 });
    expect(stats.surveyCampaign.invitations.totalCount).toBe(2);

    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'SurveyCampaign', entityId: draft.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(history.map((h) => [h.action, h.fromState, h.toState])).toEqual([
      ['CREATE', null, 'DRAFT'],
      ['LAUNCH', 'DRAFT', 'OPEN'],
    ]);
  });

  it('a stale version, a second launch and editing an open campaign are CONFLICT', async () => {
    const draft = await createCampaign(agent, template.id, { audience: { customerIds: [ids.c1] } });
    const UPDATE = `mutation($id: ID!, $version: Int!, $input: SurveyCampaignInput!) { updateSurveyCampaign(id: $id, version: $version, input: $input) { version name } }`;
    const input = {
      templateId: template.id,
      name: '改名',
      periodLabel: '2026-Q4',
      audience: { customerIds: [ids.c1] },
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + DAY).toISOString(),
    };
    const edited = await gqlOk<{ updateSurveyCampaign: { version: number; name: string } }>(agent, UPDATE, {
      id: draft.id,
      version: 1,
      input,
    });
    expect(edited.updateSurveyCampaign).toEqual({ version: 2, name: '改名' });
    const stale = await gqlAs(agent, UPDATE, { id: draft.id, version: 1, input });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const LAUNCH = `mutation($id: ID!, $version: Int!) { launchSurveyCampaign(id: $id, version: $version) { version } }`;
    expect(errorCodes(await gqlAs(agent, LAUNCH, { id: draft.id, version: 1 }))).toEqual(['CONFLICT']);
    await gqlOk(agent, LAUNCH, { id: draft.id, version: 2 });
    expect(errorCodes(await gqlAs(agent, LAUNCH, { id: draft.id, version: 3 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gqlAs(agent, UPDATE, { id: draft.id, version: 3, input }))).toEqual(['CONFLICT']);
    expect(await prisma.surveyInvitation.count({ where: { campaignId: draft.id } })).toBe(1);
  });

  it('explicit customers must exist', async () => {
    const result = await gqlAs(
      agent,
      `mutation($input: SurveyCampaignInput!) { createSurveyCampaign(input: $input) { id } }`,
      {
        input: {
          templateId: template.id,
          name: 'x',
          periodLabel: '2026-Q4',
          audience: { customerIds: ['5b0c2f35-0d0e-4c55-9a43-8c4f0d3a2b10'] },
          opensAt: new Date().toISOString(),
          closesAt: new Date(Date.now() + DAY).toISOString(),
        },
      },
    );
    expect(fieldsOf(result)).toEqual({ 'audience.customerIds': '部分客户不存在' });
  });

  it('an empty audience cannot be launched', async () => {
    const draft = await createCampaign(agent, template.id, { audience: { provinces: ['西藏'] } });
    const result = await gqlAs(
      agent,
      `mutation($id: ID!, $version: Int!) { launchSurveyCampaign(id: $id, version: $version) { id } }`,
      { id: draft.id, version: 1 },
    );
    expect(fieldsOf(result)).toEqual({ audience: '没有符合受众条件的客户' });
  });
});

describe('answering through the personal link', () => {
  let template: TemplateResult;
  let campaignId: string;
  const tokens: string[] = [];
  const customers: string[] = [];

  beforeAll(async () => {
    template = await createTemplate(agent);
    for (let i = 0; i < 4; i++)
      customers.push((await createCustomerRecord({ name: `答卷客户${i}`, province: '广东' })).id);
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, template.id, { audience: { customerIds: customers } }),
    );
    campaignId = campaign.id;
    const invitations = await prisma.surveyInvitation.findMany({
      where: { campaignId },
      orderBy: { customer: { name: 'asc' } },
    });
    tokens.push(...invitations.map((i) => surveyToken(i.id)));
  });

  it('shows the form, marks the link opened once, and answers an unknown token NOT_FOUND', async () => {
    const anonymous: Viewer = { kind: 'anonymous' };
    const form = await gqlOk<{
      surveyForm: { state: string; customerName: string; template: { questions: unknown[] } };
    }>(anonymous, FORM, { token: tokens[0] });
    expect(form.surveyForm).toMatchObject({ state: 'OPEN', customerName: '答卷客户0' });
    expect(form.surveyForm.template.questions).toHaveLength(7);
    const first = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId, customerId: customers[0] } });
    expect(first.openedAt).not.toBeNull();
    await gqlOk(anonymous, FORM, { token: tokens[0] });
    expect((await prisma.surveyInvitation.findFirstOrThrow({ where: { id: first.id } })).openedAt).toEqual(
      first.openedAt,
    );

    // A guessed token of the right shape, a tampered one, something else entirely: all NOT_FOUND.
    const guessed = 'A'.repeat(43);
    const tampered = `${tokens[0]!.slice(0, 42)}${tokens[0]!.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [guessed, tampered, 'not-a-token', ''])
      expect(errorCodes(await gqlAs(anonymous, FORM, { token }))).toEqual(['NOT_FOUND']);
  });

  it('saves a draft (type checks only) and resumes it', async () => {
    const SAVE = `mutation($token: String!, $answers: [SurveyAnswerInput!]!) { saveSurveyDraft(token: $token, answers: $answers) { state draft { questionId numericValue } } }`;
    const saved = await gqlOk<{
      saveSurveyDraft: { state: string; draft: { questionId: string; numericValue: number }[] };
    }>({ kind: 'anonymous' }, SAVE, {
      token: tokens[1],
      answers: [{ questionId: template.questions[0]!.id, numericValue: 4 }],
    });
    expect(saved.saveSurveyDraft).toEqual({
      state: 'OPEN',
      draft: [{ questionId: template.questions[0]!.id, numericValue: 4 }],
    });
    const resumed = await gqlOk<{ surveyForm: { draft: { numericValue: number }[] } }>({ kind: 'anonymous' }, FORM, {
      token: tokens[1],
    });
    expect(resumed.surveyForm.draft.map((d) => d.numericValue)).toEqual([4]);
    const bad = await gqlAs({ kind: 'anonymous' }, SAVE, {
      token: tokens[1],
      answers: [{ questionId: template.questions[0]!.id, numericValue: 6 }],
    });
    expect(fieldsOf(bad)).toEqual({ [template.questions[0]!.id]: '评分须为 1–5 的整数' });
    // A draft is not a response: nothing for the analysis, the invitation not responded.
    expect(await prisma.surveyAnswer.count({ where: { campaignId } })).toBe(0);
  });

  it('is all or nothing: one bad answer writes nothing', async () => {
    const answers = answersFor(template, { r5a: 5, r5b: 4, r10: 10, price: 'Z', nps: 9 });
    const result = await gqlAs({ kind: 'anonymous' }, SUBMIT, { token: tokens[1], answers });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(result)).toEqual({ [template.questions[3]!.id]: '选项不属于此题' });
    const missing = await gqlAs({ kind: 'anonymous' }, SUBMIT, { token: tokens[1], answers: answers.slice(0, 2) });
    expect(Object.values(fieldsOf(missing))).toEqual(['此题必答', '此题必答', '此题必答']);
    expect(await prisma.surveyResponse.count({ where: { campaignId, submittedAt: { not: null } } })).toBe(0);
    expect(await prisma.surveyAnswer.count({ where: { campaignId } })).toBe(0);
    expect(await prisma.surveyInvitation.count({ where: { campaignId, respondedAt: { not: null } } })).toBe(0);
  });

  it('submits once: the response with its index, answers carrying campaignId, the invitation responded, history', async () => {
    // TIMELINESS (100+75)/2 = 87.5, ATTITUDE 100, PRICE 50 → 0.3×87.5 + 0.2×100 + 0.5×50 = 71.25
    const answers = answersFor(template, {
      r5a: 5,
      r5b: 4,
      r10: 10,
      price: 'B',
      nps: 9,
      multi: ['TRAIN'],
      text: '希望提前告知审核计划',
    });
    const done = await gqlOk<{ submitSurveyResponse: { state: string; submittedAt: string } }>(
      { kind: 'anonymous' },
      SUBMIT,
      { token: tokens[1], answers },
    );
    expect(done.submitSurveyResponse.state).toBe('SUBMITTED');
    const response = await prisma.surveyResponse.findFirstOrThrow({
      where: { campaignId, customerId: customers[1] },
      include: { answers: true },
    });
    expect(response.indexScore?.toNumber()).toBe(71.25);
    expect(response.lowScore).toBe(false);
    expect(response.source).toBe('LINK');
    expect(response.draft).toBeNull();
    expect(response.answers).toHaveLength(7);
    expect(response.answers.every((a) => a.campaignId === campaignId)).toBe(true);
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({
      where: { campaignId, customerId: customers[1] },
    });
    expect(invitation.respondedAt).not.toBeNull();
    expect(invitation.id).toBe(response.invitationId);
    const history = await prisma.historyEntry.findMany({
      where: { entityType: 'SurveyResponse', entityId: response.id },
    });
    expect(history.map((h) => [h.action, h.actorLabel])).toEqual([['SUBMIT', 'anonymous']]);

    const again = await gqlAs({ kind: 'anonymous' }, SUBMIT, { token: tokens[1], answers });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors?.[0]?.extensions?.status).toBe('SUBMITTED');
    const form = await gqlOk<{ surveyForm: { state: string; template: unknown } }>({ kind: 'anonymous' }, FORM, {
      token: tokens[1],
    });
    expect(form.surveyForm).toMatchObject({ state: 'SUBMITTED', template: null });
  });

  it('the same token submitted 8 times at once gives one response', async () => {
    const answers = answersFor(template, { r5a: 2, r5b: 2, r10: 3, price: 'A', nps: 4 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => gqlAs({ kind: 'anonymous' }, SUBMIT, { token: tokens[2], answers })),
    );
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.flatMap(errorCodes).sort()).toEqual(Array(7).fill('CONFLICT'));
    const responses = await prisma.surveyResponse.findMany({
      where: { campaignId, customerId: customers[2] },
      include: { answers: true },
    });
    expect(responses).toHaveLength(1);
    expect(responses[0]!.answers).toHaveLength(5);
    // (25+25)/2 = 25 and (3−1)/9×100 = 22.2 are below 40: flagged low.
    expect(responses[0]!.lowScore).toBe(true);
  });

  it('staff enter a phone response on the customer’s invitation; a second one is refused', async () => {
    const answers = answersFor(template, { r5a: 4, r5b: 4, r10: 8, price: 'A', nps: 10 });
    const entered = await gqlOk<{
      enterSurveyResponse: { source: string; index: number; lowScore: boolean; enteredBy: { id: string } };
    }>(agent, ENTER, {
      input: { campaignId, customerId: customers[3], source: 'PHONE', answers },
    });
    expect(entered.enterSurveyResponse).toMatchObject({ source: 'PHONE', lowScore: false, enteredBy: { id: agentId } });
    // 0.3×75 + 0.2×77.78 + 0.5×100 = 88.06
    expect(entered.enterSurveyResponse.index).toBeCloseTo(88.06, 2);
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({
      where: { campaignId, customerId: customers[3] },
      include: { response: true },
    });
    expect(invitation.respondedAt).not.toBeNull();
    expect(invitation.response?.source).toBe('PHONE');
    expect(
      errorCodes(
        await gqlAs(agent, ENTER, { input: { campaignId, customerId: customers[3], source: 'FAX', answers } }),
      ),
    ).toEqual(['CONFLICT']);
    // The link of that customer is now used up.
    expect(
      (await gqlOk<{ surveyForm: { state: string } }>({ kind: 'anonymous' }, FORM, { token: tokens[3] })).surveyForm
        .state,
    ).toBe('SUBMITTED');
    // Staff must say phone or fax.
    expect(
      fieldsOf(await gqlAs(agent, ENTER, { input: { campaignId, customerId: customers[0], source: 'LINK', answers } })),
    ).toEqual({ source: '员工录入的来源须为电话或传真' });
  });

  it('a customer outside the audience joins the invitations (never mailed) with one response per campaign', async () => {
    const outsider = await createCustomerRecord({ name: '受众外客户' });
    const invitedBefore = await prisma.surveyInvitation.count({ where: { campaignId } });
    const answers = answersFor(template, { r5a: 3, r5b: 3, r10: 5, price: 'B', nps: 7 });
    await gqlOk(agent, ENTER, { input: { campaignId, customerId: outsider.id, source: 'FAX', answers } });
    const row = await prisma.surveyResponse.findFirstOrThrow({
      where: { campaignId, customerId: outsider.id },
      include: { invitation: true },
    });
    expect(row.source).toBe('FAX');
    expect(row.invitation).toMatchObject({ customerId: outsider.id, sentAt: null, email: null });
    expect(row.invitation?.respondedAt).not.toBeNull();
    // Counted on both sides of the response rate, which therefore never exceeds 100 %.
    expect(await prisma.surveyInvitation.count({ where: { campaignId } })).toBe(invitedBefore + 1);
    expect(
      errorCodes(
        await gqlAs(agent, ENTER, { input: { campaignId, customerId: outsider.id, source: 'PHONE', answers } }),
      ),
    ).toEqual(['CONFLICT']);
  });

  it('limits unknown tokens per IP', async () => {
    const ip = '203.0.113.77';
    const miss = () =>
      surveyForm('B'.repeat(43), ip, new Date()).then(
        () => 'ok',
        (e: DomainError) => e.code,
      );
    for (let i = 0; i < 20; i++) expect(await miss()).toBe('NOT_FOUND');
    expect(await miss()).toBe('TOO_MANY_REQUESTS');
    // A real token from the same IP waits too; other IPs are not affected.
    expect(
      await surveyForm(tokens[0]!, ip, new Date()).then(
        () => 'ok',
        (e: DomainError) => e.code,
      ),
    ).toBe('TOO_MANY_REQUESTS');
    expect((await surveyForm(tokens[0]!, '203.0.113.78', new Date())).state).toBe('OPEN');
  });
});

describe('closed, expired and not yet open campaigns refuse answers', () => {
  let template: TemplateResult;
  beforeAll(async () => {
    template = await createTemplate(agent);
  });

  async function launchedFor(options: Parameters<typeof createCampaign>[2]) {
    const customer = await createCustomerRecord({ name: `状态客户${Math.random()}` });
    await prisma.contact.create({
      data: { customerId: customer.id, name: '联系人', email: `${customer.id}@x.cn`, isPrimary: true },
    });
    const campaign = await launchCampaign(
      agent,
      await createCampaign(agent, template.id, { ...options, audience: { customerIds: [customer.id] } }),
    );
    const invitation = await prisma.surveyInvitation.findFirstOrThrow({ where: { campaignId: campaign.id } });
    return { campaign, customerId: customer.id, invitation, token: surveyToken(invitation.id) };
  }
  const answers = () => answersFor(template, { r5a: 5, r5b: 5, r10: 10, price: 'A', nps: 10 });

  it('closed by staff: CLOSED, submissions and phone entries refused', async () => {
    const { campaign, customerId, token } = await launchedFor({});
    await gqlOk(
      agent,
      `mutation($id: ID!, $version: Int!) { closeSurveyCampaign(id: $id, version: $version) { status } }`,
      campaign,
    );
    expect(
      (await gqlOk<{ surveyForm: { state: string; template: unknown } }>({ kind: 'anonymous' }, FORM, { token }))
        .surveyForm,
    ).toEqual(expect.objectContaining({ state: 'CLOSED', template: null }));
    const refused = await gqlAs({ kind: 'anonymous' }, SUBMIT, { token, answers: answers() });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0]?.extensions?.status).toBe('CLOSED');
    expect(
      errorCodes(
        await gqlAs(agent, ENTER, {
          input: { campaignId: campaign.id, customerId, source: 'PHONE', answers: answers() },
        }),
      ),
    ).toEqual(['CONFLICT']);
    expect(await prisma.surveyResponse.count({ where: { campaignId: campaign.id } })).toBe(0);
  });

  it('past its closing time: EXPIRED', async () => {
    const { campaign, token } = await launchedFor({});
    await prisma.surveyCampaign.update({ where: { id: campaign.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(
      (await gqlOk<{ surveyForm: { state: string } }>({ kind: 'anonymous' }, FORM, { token })).surveyForm.state,
    ).toBe('EXPIRED');
    const refused = await gqlAs({ kind: 'anonymous' }, SUBMIT, { token, answers: answers() });
    expect(refused.errors?.[0]?.extensions?.status).toBe('EXPIRED');
  });

  it('opening later: not mailed at launch, NOT_YET_OPEN', async () => {
    const { invitation, token } = await launchedFor({
      opensAt: new Date(Date.now() + 2 * DAY),
      closesAt: new Date(Date.now() + 9 * DAY),
    });
    expect(invitation.sentAt).toBeNull();
    expect(
      (await gqlOk<{ surveyForm: { state: string; template: unknown } }>({ kind: 'anonymous' }, FORM, { token }))
        .surveyForm,
    ).toEqual(expect.objectContaining({ state: 'NOT_YET_OPEN', template: null }));
    expect(
      (await gqlAs({ kind: 'anonymous' }, SUBMIT, { token, answers: answers() })).errors?.[0]?.extensions?.status,
    ).toBe('NOT_YET_OPEN');
  });
});
