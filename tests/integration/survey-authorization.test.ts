import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/graphql/route';
import { surveyToken } from '@/graphql/survey-campaigns/survey-token.service';
import { viewerForApiKey } from '@/server/auth/api-keys';
import { prisma } from '@/server/db';
import { stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createApiKeyRow, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  answersFor,
  createCampaign,
  createTemplate,
  ENTER,
  FORM,
  launchCampaign,
  SUBMIT,
  type TemplateResult,
} from '../helpers/surveys';

const queueSchema = `pgboss_test_z${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const anonymous: Viewer = { kind: 'anonymous' };
let agent: Viewer;
const v: Record<string, Viewer> = {};
let template: TemplateResult;
let campaignId: string;
let customerA: string;
let customerB: string;
let responseB: string;
let tokenA: string;
let tokenB: string;

beforeAll(async () => {
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  v.quality = (await createStaff('QUALITY_MANAGER')).viewer;
  v.executive = (await createStaff('EXECUTIVE')).viewer;
  v.handler = (await createStaff('DEPARTMENT_HANDLER')).viewer;
  customerA = (await createCustomerRecord({ name: '甲方' })).id;
  customerB = (await createCustomerRecord({ name: '乙方' })).id;
  v.customerA = (await createCustomerUser(customerA)).viewer;
  v.customerB = (await createCustomerUser(customerB)).viewer;
  const key = async (scopes: string[]) =>
    (await viewerForApiKey((await createApiKeyRow(scopes, { name: `ERP-${scopes.join('+')}` })).key))!;
  v.apiRead = await key(['surveys:read']);
  v.apiRespond = await key(['surveys:respond']);
  v.apiInteractions = await key(['interactions:read', 'interactions:write']);
  template = await createTemplate(agent);
  campaignId = (
    await launchCampaign(
      agent,
      await createCampaign(agent, template.id, { audience: { customerIds: [customerA, customerB] } }),
    )
  ).id;
  const invitations = await prisma.surveyInvitation.findMany({ where: { campaignId } });
  tokenA = surveyToken(invitations.find((i) => i.customerId === customerA)!.id);
  tokenB = surveyToken(invitations.find((i) => i.customerId === customerB)!.id);
  await gqlOk(anonymous, SUBMIT, {
    token: tokenB,
    answers: answersFor(template, { r5a: 1, r5b: 2, r10: 2, price: 'B', nps: 2, text: '乙方的意见' }),
  });
  responseB = (await prisma.surveyResponse.findFirstOrThrow({ where: { customerId: customerB } })).id;
});

afterAll(async () => {
  await stopQueue(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

const f = () => ({ campaignIds: [campaignId] });
const READS: [string, string, () => Record<string, unknown>][] = [
  ['surveyAnalysis', `query($f: SurveyAnalysisFilter!) { surveyAnalysis(filter: $f) { index } }`, () => ({ f: f() })],
  ['surveyTrend', `query($f: SurveyAnalysisFilter!) { surveyTrend(filter: $f) { index } }`, () => ({ f: f() })],
  [
    'surveyBreakdown',
    `query($f: SurveyAnalysisFilter!) { surveyBreakdown(filter: $f, by: PROVINCE) { index } }`,
    () => ({ f: f() }),
  ],
  [
    'surveyTextAnswers',
    `query($f: SurveyAnalysisFilter!) { surveyTextAnswers(filter: $f) { totalCount } }`,
    () => ({ f: f() }),
  ],
  ['surveyResponses', `{ surveyResponses { totalCount } }`, () => ({})],
  ['surveyResponse', `query($id: ID!) { surveyResponse(id: $id) { index } }`, () => ({ id: responseB })],
  ['surveyCampaigns', `{ surveyCampaigns { totalCount } }`, () => ({})],
  ['surveyCampaign', `query($id: ID!) { surveyCampaign(id: $id) { stats { invited } } }`, () => ({ id: campaignId })],
  ['surveyTemplates', `{ surveyTemplates { id } }`, () => ({})],
  ['surveyPeriods', `{ surveyPeriods }`, () => ({})],
  ['annualSatisfactionIndex', `{ annualSatisfactionIndex(year: 2026) { index } }`, () => ({})],
  ['annualIndexCriteria', `{ annualIndexCriteria { maxDeduction } }`, () => ({})],
];

describe('the analysis and the responses are for staff with surveys:read', () => {
  const expected: Record<string, string[]> = {
    anonymous: ['UNAUTHENTICATED'],
    customerA: ['FORBIDDEN'],
    customerB: ['FORBIDDEN'],
    handler: ['FORBIDDEN'],
    apiRespond: ['FORBIDDEN'],
    apiInteractions: ['FORBIDDEN'],
    quality: [],
    executive: [],
    apiRead: [],
  };
  for (const [who, codes] of Object.entries(expected)) {
    it(`${who}: ${codes.length ? codes[0] : 'allowed'} on every read`, async () => {
      const viewer = who === 'anonymous' ? anonymous : v[who]!;
      for (const [name, query, variables] of READS) {
        const result = await gqlAs(viewer, query, variables());
        expect([name, errorCodes(result)]).toEqual([name, codes]);
      }
    });
  }

  it('a customer never sees survey responses, not even its own, through its customer record; another customer is NOT_FOUND', async () => {
    const own = await gqlOk<{ customer: { surveyResponses: unknown[] } }>(
      v.customerB!,
      `query($id: ID!) { customer(id: $id) { surveyResponses { id } } }`,
      { id: customerB },
    );
    expect(own.customer.surveyResponses).toEqual([]);
    expect(
      errorCodes(
        await gqlAs(v.customerA!, `query($id: ID!) { customer(id: $id) { surveyResponses { id } } }`, {
          id: customerB,
        }),
      ),
    ).toEqual(['NOT_FOUND']);
    // Staff without surveys:read see the customer, not its responses.
    const handler = await gqlOk<{ customer: { surveyResponses: unknown[] } }>(
      v.handler!,
      `query($id: ID!) { customer(id: $id) { surveyResponses { id } } }`,
      { id: customerB },
    );
    expect(handler.customer.surveyResponses).toEqual([]);
    const staff = await gqlOk<{ customer: { surveyResponses: { id: string }[] } }>(
      v.quality!,
      `query($id: ID!) { customer(id: $id) { surveyResponses { id } } }`,
      { id: customerB },
    );
    expect(staff.customer.surveyResponses).toEqual([{ id: responseB }]);
  });

  it('related records inside a response only for who may read them in their own right', async () => {
    const Q = `query($id: ID!) { surveyResponse(id: $id) { followUpCallbacks { id } followUpComplaints { id } } }`;
    await gqlOk(agent, `mutation($id: ID!) { createSurveyFollowUpCallback(responseId: $id) { id } }`, {
      id: responseB,
    });
    expect(
      (await gqlOk<{ surveyResponse: { followUpCallbacks: unknown[] } }>(agent, Q, { id: responseB })).surveyResponse
        .followUpCallbacks,
    ).toHaveLength(1);
    expect(
      (await gqlOk<{ surveyResponse: { followUpCallbacks: unknown[] } }>(v.apiRead!, Q, { id: responseB }))
        .surveyResponse.followUpCallbacks,
    ).toEqual([]);
  });
});

describe('managing surveys: surveys:manage (the service desk, keys granted it), not quality, the executive or other keys', () => {
  const WRITES: [string, string, () => Record<string, unknown>][] = [
    [
      'createSurveyTemplate',
      `mutation($i: SurveyTemplateInput!) { createSurveyTemplate(input: $i) { id } }`,
      () => ({
        i: { name: 'x', dimensions: [], sections: [{ title: 's', questions: [{ type: 'TEXT', text: 't' }] }] },
      }),
    ],
    ['surveyAudiencePreview', `{ surveyAudiencePreview(audience: {}) { count } }`, () => ({})],
    ['sendSurveyReminders', `mutation($id: ID!) { sendSurveyReminders(id: $id) }`, () => ({ id: campaignId })],
    [
      'closeSurveyCampaign',
      `mutation($id: ID!) { closeSurveyCampaign(id: $id, version: 99) { id } }`,
      () => ({ id: campaignId }),
    ],
    [
      'updateAnnualIndexCriteria',
      `mutation { updateAnnualIndexCriteria(input: { rules: [], maxDeduction: 10 }) { maxDeduction } }`,
      () => ({}),
    ],
  ];
  for (const who of ['quality', 'executive', 'apiRead', 'apiRespond', 'customerA']) {
    it(`${who}: FORBIDDEN`, async () => {
      for (const [name, query, variables] of WRITES)
        expect([name, errorCodes(await gqlAs(v[who]!, query, variables()))]).toEqual([name, ['FORBIDDEN']]);
    });
  }
  it('anonymous: UNAUTHENTICATED; the service desk: allowed', async () => {
    for (const [name, query, variables] of WRITES)
      expect([name, errorCodes(await gqlAs(anonymous, query, variables()))]).toEqual([name, ['UNAUTHENTICATED']]);
    expect(errorCodes(await gqlAs(agent, WRITES[0]![1], WRITES[0]![2]()))).toEqual([]);
    // A stale version is the service's answer, past the policy.
    expect(errorCodes(await gqlAs(agent, WRITES[3]![1], WRITES[3]![2]()))).toEqual(['CONFLICT']);
  });
});

describe('entering responses and follow-ups', () => {
  it('an API key with surveys:respond enters a response (source API whatever it claims); without it, FORBIDDEN', async () => {
    const answers = answersFor(template, { r5a: 4, r5b: 4, r10: 8, price: 'A', nps: 9 });
    const other = (await createCustomerRecord({ name: '丙方' })).id;
    const entered = await gqlOk<{ enterSurveyResponse: { source: string; enteredBy: unknown } }>(v.apiRespond!, ENTER, {
      input: { campaignId, customerId: other, source: 'PHONE', answers },
    });
    expect(entered.enterSurveyResponse).toMatchObject({ source: 'API', enteredBy: null });
    for (const who of ['apiRead', 'quality', 'customerA']) {
      expect(
        errorCodes(
          await gqlAs(v[who]!, ENTER, { input: { campaignId, customerId: customerA, source: 'PHONE', answers } }),
        ),
      ).toEqual(['FORBIDDEN']);
    }
    expect(
      errorCodes(
        await gqlAs(anonymous, ENTER, { input: { campaignId, customerId: customerA, source: 'PHONE', answers } }),
      ),
    ).toEqual(['UNAUTHENTICATED']);
  });

  it('follow-ups need their own write permission and surveys:read (they reveal the answers)', async () => {
    expect(
      errorCodes(
        await gqlAs(v.quality!, `mutation($id: ID!) { createSurveyFollowUpCallback(responseId: $id) { id } }`, {
          id: responseB,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gqlAs(
          v.apiInteractions!,
          `mutation($id: ID!) { createSurveyFollowUpComplaint(responseId: $id) { id } }`,
          { id: responseB },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await gqlAs(v.quality!, `mutation($id: ID!) { createSurveyFollowUpComplaint(responseId: $id) { number } }`, {
          id: responseB,
        }),
      ),
    ).toEqual([]);
  });
});

describe('the personal link is public; the portal list is the customer’s own', () => {
  it('anonymous visitors reach only the token endpoints', async () => {
    expect((await gqlOk<{ surveyForm: { state: string } }>(anonymous, FORM, { token: tokenA })).surveyForm.state).toBe(
      'OPEN',
    );
    const saved = await gqlAs(
      anonymous,
      `mutation($t: String!) { saveSurveyDraft(token: $t, answers: []) { state } }`,
      { t: tokenA },
    );
    expect(errorCodes(saved)).toEqual([]);
    expect(errorCodes(await gqlAs(anonymous, `{ myOpenSurveys { url } }`))).toEqual(['UNAUTHENTICATED']);
  });

  it('a customer account lists its own open surveys with its rebuilt link; staff and API keys have none', async () => {
    const LIST = `{ myOpenSurveys { invitationId campaignName periodLabel url state } }`;
    const a = await gqlOk<{ myOpenSurveys: { url: string; state: string }[] }>(v.customerA!, LIST);
    expect(a.myOpenSurveys).toEqual([
      expect.objectContaining({ url: `/s/${tokenA}`, state: 'OPEN', periodLabel: '2026-Q4' }),
    ]);
    const b = await gqlOk<{ myOpenSurveys: { url: string; state: string }[] }>(v.customerB!, LIST);
    expect(b.myOpenSurveys).toEqual([expect.objectContaining({ url: `/s/${tokenB}`, state: 'SUBMITTED' })]);
    expect(errorCodes(await gqlAs(agent, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(v.apiRead!, LIST))).toEqual(['FORBIDDEN']);
  });

  it('submitting signed in as the customer marks the response as from the portal', async () => {
    await gqlOk(v.customerA!, SUBMIT, {
      token: tokenA,
      answers: answersFor(template, { r5a: 5, r5b: 5, r10: 10, price: 'A', nps: 10 }),
    });
    expect((await prisma.surveyResponse.findFirstOrThrow({ where: { customerId: customerA } })).source).toBe('PORTAL');
  });

  it('over HTTP: a surveys:read key reads the analysis, a key without it is FORBIDDEN', async () => {
    const http = async (authorization: string) => {
      const request = new NextRequest('http://localhost/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query: `query($f: SurveyAnalysisFilter!) { surveyAnalysis(filter: $f) { responses } }`,
          variables: { f: f() },
        }),
      });
      return (await (await POST(request)).json()) as {
        data?: { surveyAnalysis: { responses: number } } | null;
        errors?: { extensions?: { code?: string } }[];
      };
    };
    const reader = await http(`Bearer ${(await createApiKeyRow(['surveys:read'])).key}`);
    expect(reader.data?.surveyAnalysis.responses).toBe(3);
    const other = await http(`Bearer ${(await createApiKeyRow(['customers:read'])).key}`);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
