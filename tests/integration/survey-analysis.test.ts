import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prisma } from '@/server/db';
import { stopQueue } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import {
  answersFor,
  createCampaign,
  createTemplate,
  ENTER,
  launchCampaign,
  type TemplateResult,
} from '../helpers/surveys';

const queueSchema = `pgboss_test_a${process.pid}`;
process.env.KEFU_QUEUE_SCHEMA = queueSchema;

const DAY = 86_400_000;
let agent: Viewer;
let ownerId: string;
let template: TemplateResult;
let q3: string;
let q4: string;
const c: Record<'A' | 'B' | 'C' | 'D', string> = { A: '', B: '', C: '', D: '' };
const response: Record<string, string> = {};

/**
 * Hand-computed data (weights 服务及时性 0.3, 服务态度 0.2, 收费合理性 0.5; see tests/helpers/surveys.ts):
 *   2026-Q3  A: 5 5 10 A nps 10 → 100, 100, 100        B: 3 3 1 B nps 6 → 50, 0, 50 (index 40, low)
 *   2026-Q4  A: 4 5 10 A nps 9  → 87.5, 100, 100 (96.25)
 *            C: 5 4 7  C nps 8  → 87.5, 66.7, —   (79.17: the unscored choice drops 收费合理性 out)
 *            D: 2 3 4  B nps 3  → 37.5, 33.3, 50  (42.92, low) + text
 * Q4 pooled: 服务及时性 (75+100+100+75+25+50)/6 = 70.83, 服务态度 (100+66.67+33.33)/3 = 66.67, 收费合理性 (100+50)/2 = 75
 *            index = 0.3×70.83 + 0.2×66.67 + 0.5×75 = 72.08; NPS: 1 promoter, 1 passive, 1 detractor → 0.
 */
beforeAll(async () => {
  const staff = await createStaff('SERVICE_AGENT');
  agent = staff.viewer;
  ownerId = (await createStaff('SERVICE_AGENT')).user.id;
  template = await createTemplate(agent);
  c.A = (
    await createCustomerRecord({
      name: '甲公司',
      province: '上海',
      grade: 'A',
      keyAccountStatus: 'ACTIVE',
      industry: '汽车零部件',
    })
  ).id;
  c.B = (await createCustomerRecord({ name: '乙公司', province: '上海', grade: 'B', industry: '电子电路' })).id;
  c.C = (await createCustomerRecord({ name: '丙公司', province: '江苏', grade: 'B', industry: '电子电路' })).id;
  c.D = (await createCustomerRecord({ name: '丁公司', province: '江苏', ownerId }, ['丁联系人'])).id;
  await prisma.contact.updateMany({ where: { customerId: c.D }, data: { mobile: '13900000000', isPrimary: true } });

  q3 = (
    await launchCampaign(
      agent,
      await createCampaign(agent, template.id, {
        periodLabel: '2026-Q3',
        audience: { customerIds: [c.A, c.B] },
        opensAt: new Date(Date.now() - 60 * DAY),
      }),
    )
  ).id;
  q4 = (
    await launchCampaign(
      agent,
      await createCampaign(agent, template.id, { periodLabel: '2026-Q4', opensAt: new Date(Date.now() - 10 * DAY) }),
    )
  ).id;
  const enter = async (
    key: string,
    campaignId: string,
    customerId: string,
    values: Parameters<typeof answersFor>[1],
  ) => {
    const data = await gqlOk<{ enterSurveyResponse: { id: string } }>(agent, ENTER, {
      input: { campaignId, customerId, source: 'PHONE', answers: answersFor(template, values) },
    });
    response[key] = data.enterSurveyResponse.id;
  };
  await enter('q3A', q3, c.A, { r5a: 5, r5b: 5, r10: 10, price: 'A', nps: 10 });
  await enter('q3B', q3, c.B, { r5a: 3, r5b: 3, r10: 1, price: 'B', nps: 6 });
  await enter('q4A', q4, c.A, { r5a: 4, r5b: 5, r10: 10, price: 'A', nps: 9 });
  await enter('q4C', q4, c.C, { r5a: 5, r5b: 4, r10: 7, price: 'C', nps: 8, text: '希望缩短发证周期' });
  await enter('q4D', q4, c.D, {
    r5a: 2,
    r5b: 3,
    r10: 4,
    price: 'B',
    nps: 3,
    multi: ['TRAIN', 'REPORT'],
    text: '审核员迟到，沟通不及时',
  });
});

afterAll(async () => {
  await stopQueue(5_000);
  await prisma.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${queueSchema}" CASCADE`);
});

const ANALYSIS = /* GraphQL */ `
  query ($filter: SurveyAnalysisFilter!) {
    surveyAnalysis(filter: $filter) {
      responses
      invited
      responseRate
      index
      formula
      formulaEn
      lowScores
      dimensions {
        code
        name
        nameEn
        weight
        effectiveWeight
        score
        answers
      }
      nps {
        score
        promoters
        passives
        detractors
        responses
      }
      questions {
        question {
          id
          type
        }
        answered
        average
        score
        textAnswers
        distribution {
          value
          label
          count
          share
        }
      }
    }
  }
`;
type Analysis = {
  surveyAnalysis: {
    responses: number;
    invited: number;
    responseRate: number;
    index: number | null;
    formula: string;
    formulaEn: string;
    lowScores: number;
    dimensions: {
      code: string;
      name: string;
      nameEn: string | null;
      score: number | null;
      answers: number;
      effectiveWeight: number;
    }[];
    nps: { score: number; promoters: number; passives: number; detractors: number; responses: number } | null;
    questions: {
      question: { id: string; type: string };
      answered: number;
      average: number | null;
      score: number | null;
      textAnswers: number;
      distribution: { value: string; count: number; share: number }[];
    }[];
  };
};

describe('campaign analysis (numbers checked by hand)', () => {
  it('per-response index and low-score flags', async () => {
    const rows = await prisma.surveyResponse.findMany({ where: { id: { in: Object.values(response) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(response.q3A!)!.indexScore?.toNumber()).toBe(100);
    expect(byId.get(response.q3B!)!.indexScore?.toNumber()).toBe(40);
    expect(byId.get(response.q4A!)!.indexScore?.toNumber()).toBe(96.25);
    expect(byId.get(response.q4C!)!.indexScore?.toNumber()).toBe(79.17);
    expect(byId.get(response.q4D!)!.indexScore?.toNumber()).toBe(42.92);
    expect(
      rows
        .filter((r) => r.lowScore)
        .map((r) => r.id)
        .sort(),
    ).toEqual([response.q3B, response.q4D].sort());
  });

  it('Q4: response rate, dimensions, weighted index with its formula, NPS, distributions', async () => {
    const { surveyAnalysis: a } = await gqlOk<Analysis>(agent, ANALYSIS, { filter: { campaignIds: [q4] } });
    expect([a.responses, a.invited, a.responseRate, a.lowScores]).toEqual([3, 4, 0.75, 1]);
    expect(a.index).toBe(72.08);
    expect(a.formula).toBe('满意度指数 = (0.30×70.8 + 0.20×66.7 + 0.50×75.0) ÷ 1.00 = 72.1');
    expect(a.formulaEn).toBe('Satisfaction index = (0.30×70.8 + 0.20×66.7 + 0.50×75.0) ÷ 1.00 = 72.1');
    expect(a.dimensions.map((d) => [d.code, d.score, d.answers, d.effectiveWeight])).toEqual([
      ['TIMELINESS', 70.83, 6, 0.3],
      ['ATTITUDE', 66.67, 3, 0.2],
      ['PRICE', 75, 2, 0.5],
    ]);
    expect(a.dimensions.map((d) => [d.name, d.nameEn])).toEqual([
      ['服务及时性', 'Timeliness'],
      ['服务态度', null],
      ['收费合理性', null],
    ]);
    expect(a.nps).toEqual({ score: 0, promoters: 1, passives: 1, detractors: 1, responses: 3 });
    const [first, , , price, nps, multi, text] = a.questions;
    expect(first!.distribution.map((b) => b.count)).toEqual([0, 1, 0, 1, 1]);
    expect([first!.answered, first!.average, first!.score]).toEqual([3, 3.67, 66.67]);
    expect(price!.distribution.map((b) => [b.value, b.count])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 1],
    ]);
    expect(price!.score).toBe(75);
    expect(nps!.distribution).toHaveLength(11);
    expect(nps!.score).toBeNull(); // NPS outside any dimension: not scored
    expect(multi!.distribution.map((b) => [b.value, b.count, b.share])).toEqual([
      ['TRAIN', 1, 1],
      ['REPORT', 1, 1],
    ]);
    expect([text!.answered, text!.textAnswers]).toEqual([2, 2]);
  });

  it('customer criteria narrow responses and invitations alike', async () => {
    const { surveyAnalysis: a } = await gqlOk<Analysis>(agent, ANALYSIS, {
      filter: { campaignIds: [q4], provinces: ['江苏'] },
    });
    // C + D: 服务及时性 (100+75+25+50)/4 = 62.5, 服务态度 (66.67+33.33)/2 = 50, 收费合理性 50 → 18.75 + 10 + 25 = 53.75
    expect([a.responses, a.invited, a.responseRate, a.index]).toEqual([2, 2, 1, 53.75]);
    const none = (await gqlOk<Analysis>(agent, ANALYSIS, { filter: { periodLabels: ['2025-Q1'] } })).surveyAnalysis;
    expect([none.responses, none.index, none.formula, none.nps]).toEqual([0, null, '满意度指数：暂无计分的回答', null]);
  });

  it('trend by period, oldest first', async () => {
    const data = await gqlOk<{
      surveyTrend: {
        periodLabel: string;
        responses: number;
        index: number;
        nps: number;
        dimensions: { code: string; score: number }[];
      }[];
    }>(
      agent,
      `query($f: SurveyAnalysisFilter!) { surveyTrend(filter: $f) { periodLabel responses index nps dimensions { code score } } }`,
      { f: { templateKey: template.key } },
    );
    // Q3: 服务及时性 75, 服务态度 50, 收费合理性 75 → 22.5 + 10 + 37.5 = 70; NPS 1 promoter 1 detractor → 0
    expect(data.surveyTrend.map((p) => [p.periodLabel, p.responses, p.index, p.nps])).toEqual([
      ['2026-Q3', 2, 70, 0],
      ['2026-Q4', 3, 72.08, 0],
    ]);
    expect(data.surveyTrend[0]!.dimensions.map((d) => d.score)).toEqual([75, 50, 75]);
    const periods = await gqlOk<{ surveyPeriods: string[] }>(agent, `{ surveyPeriods }`);
    expect(periods.surveyPeriods).toEqual(['2026-Q4', '2026-Q3']);
  });

  it('breakdown by province, grade and key-account status', async () => {
    const BREAKDOWN = `query($f: SurveyAnalysisFilter!, $by: SurveySegment!) { surveyBreakdown(filter: $f, by: $by) { value responses index nps } }`;
    const by = async (segment: string) =>
      (
        await gqlOk<{ surveyBreakdown: { value: string | null; responses: number; index: number }[] }>(
          agent,
          BREAKDOWN,
          { f: { campaignIds: [q4] }, by: segment },
        )
      ).surveyBreakdown;
    expect((await by('PROVINCE')).map((s) => [s.value, s.responses, s.index])).toEqual([
      ['江苏', 2, 53.75],
      ['上海', 1, 96.25],
    ]);
    expect((await by('GRADE')).map((s) => [s.value, s.index])).toEqual([
      ['A', 96.25],
      ['B', 79.17],
      [null, 42.92],
    ]);
    expect((await by('KEY_ACCOUNT')).map((s) => [s.value, s.responses, s.index])).toEqual([
      ['NONE', 2, 53.75],
      ['ACTIVE', 1, 96.25],
    ]);
    // Equal counts: by value in Chinese (pinyin) order, the customers without one last.
    expect((await by('INDUSTRY')).map((s) => s.value)).toEqual(['电子电路', '汽车零部件', null]);
  });

  it('campaign stats by segment', async () => {
    const data = await gqlOk<{
      surveyCampaign: {
        stats: {
          invited: number;
          responded: number;
          responseRate: number;
          lowScores: number;
          bySegment: { value: string; invited: number; responded: number; responseRate: number; index: number }[];
        };
      };
    }>(
      agent,
      `query($id: ID!) { surveyCampaign(id: $id) { stats { invited responded responseRate lowScores bySegment(segment: PROVINCE) { value invited responded responseRate index } } } }`,
      { id: q4 },
    );
    const stats = data.surveyCampaign.stats;
    expect([stats.invited, stats.responded, stats.responseRate, stats.lowScores]).toEqual([4, 3, 0.75, 1]);
    expect(stats.bySegment).toEqual([
      { value: '江苏', invited: 2, responded: 2, responseRate: 1, index: 53.75 },
      { value: '上海', invited: 2, responded: 1, responseRate: 0.5, index: 96.25 },
    ]);
  });

  it('text answers: newest first, searchable, low scores only, cursor pages', async () => {
    const TEXT = `query($f: SurveyAnalysisFilter!, $s: String, $low: Boolean, $first: Int, $after: String) {
      surveyTextAnswers(filter: $f, search: $s, lowScoreOnly: $low, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { text customer { name } question { type } response { id } }
      } }`;
    type Page = {
      surveyTextAnswers: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { text: string; customer: { name: string }; response: { id: string } }[];
      };
    };
    const all = await gqlOk<Page>(agent, TEXT, { f: { campaignIds: [q4] } });
    expect(all.surveyTextAnswers.totalCount).toBe(2);
    expect(all.surveyTextAnswers.nodes.map((n) => n.customer.name)).toEqual(['丁公司', '丙公司']);
    const searched = await gqlOk<Page>(agent, TEXT, { f: { campaignIds: [q4] }, s: '迟到' });
    expect(searched.surveyTextAnswers.nodes.map((n) => n.response.id)).toEqual([response.q4D]);
    expect((await gqlOk<Page>(agent, TEXT, { f: { campaignIds: [q4] }, s: '100%' })).surveyTextAnswers.totalCount).toBe(
      0,
    );
    const low = await gqlOk<Page>(agent, TEXT, { f: { campaignIds: [q4] }, low: true });
    expect(low.surveyTextAnswers.nodes.map((n) => n.customer.name)).toEqual(['丁公司']);
    const page1 = await gqlOk<Page>(agent, TEXT, { f: { campaignIds: [q4] }, first: 1 });
    expect(page1.surveyTextAnswers.pageInfo.hasNextPage).toBe(true);
    const page2 = await gqlOk<Page>(agent, TEXT, {
      f: { campaignIds: [q4] },
      first: 1,
      after: page1.surveyTextAnswers.pageInfo.endCursor,
    });
    expect(page2.surveyTextAnswers.nodes.map((n) => n.customer.name)).toEqual(['丙公司']);
    expect(page2.surveyTextAnswers.pageInfo.hasNextPage).toBe(false);
  });

  it('responses: filters, cursor pages, a customer’s own list', async () => {
    const LIST = `query($f: SurveyResponseFilter, $first: Int, $after: String) { surveyResponses(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id source campaign { periodLabel } answers { question { position } numericValue } } } }`;
    type Page = {
      surveyResponses: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { id: string; source: string; answers: { question: { position: number } }[] }[];
      };
    };
    const low = await gqlOk<Page>(agent, LIST, { f: { campaignId: q4, lowScoreOnly: true } });
    expect(low.surveyResponses.nodes.map((n) => n.id)).toEqual([response.q4D]);
    expect(low.surveyResponses.nodes[0]!.answers.map((x) => x.question.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const byPeriod = await gqlOk<Page>(agent, LIST, { f: { periodLabel: '2026-q3' } });
    expect(byPeriod.surveyResponses.totalCount).toBe(2);
    const p1 = await gqlOk<Page>(agent, LIST, { first: 3 });
    const p2 = await gqlOk<Page>(agent, LIST, { first: 3, after: p1.surveyResponses.pageInfo.endCursor });
    expect(p1.surveyResponses.totalCount).toBe(5);
    expect(new Set([...p1.surveyResponses.nodes, ...p2.surveyResponses.nodes].map((n) => n.id)).size).toBe(5);
    expect(p2.surveyResponses.pageInfo.hasNextPage).toBe(false);
    // The analysis criteria too, so the low-score list and the raw export cover what the analysis counts.
    const ANALYSIS_COUNT = `query($f: SurveyAnalysisFilter!) { surveyAnalysis(filter: $f) { responses } }`;
    for (const f of [
      { provinces: ['江苏'] },
      { periodLabels: ['2026-Q3', '2026-Q4'], grades: ['B'] },
      { campaignIds: [q4], keyAccountStatuses: ['ACTIVE'] },
      { industries: ['电子电路'] },
    ]) {
      const listed = await gqlOk<Page>(agent, LIST, { f });
      const analysed = await gqlOk<{ surveyAnalysis: { responses: number } }>(agent, ANALYSIS_COUNT, { f });
      expect(listed.surveyResponses.totalCount, JSON.stringify(f)).toBe(analysed.surveyAnalysis.responses);
    }
    expect(
      (await gqlOk<Page>(agent, LIST, { f: { provinces: ['江苏'], lowScoreOnly: true } })).surveyResponses.nodes.map(
        (n) => n.id,
      ),
    ).toEqual([response.q4D]);
    const own = await gqlOk<{ customer: { surveyResponses: { campaign: { periodLabel: string } }[] } }>(
      agent,
      `query($id: ID!) { customer(id: $id) { surveyResponses { campaign { periodLabel } } } }`,
      { id: c.A },
    );
    expect(own.customer.surveyResponses).toHaveLength(2);
  });
});

describe('annual satisfaction index [000 §4.7.2]', () => {
  const year = Number(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
  );
  const at = (y: number) => new Date(`${y}-06-15T04:00:00Z`);

  beforeAll(async () => {
    const complaint = (
      n: number,
      data: { severity?: 'CRISIS' | 'MAJOR' | 'GENERAL' | null; status?: 'TRIAGED' | 'REJECTED'; createdAt: Date },
    ) =>
      prisma.interaction.create({
        data: {
          number: `TS-AI-${n}`,
          type: 'COMPLAINT',
          channel: 'PHONE',
          subject: 's',
          description: 'd',
          customerId: c.A,
          ...data,
        },
      });
    await complaint(1, { severity: 'CRISIS', createdAt: at(year) });
    await complaint(2, { severity: 'MAJOR', createdAt: at(year) });
    await complaint(3, { severity: 'MAJOR', createdAt: at(year) });
    await complaint(4, { severity: 'GENERAL', createdAt: at(year) });
    await complaint(5, { severity: null, createdAt: at(year) }); // not triaged yet: counts as general
    await complaint(6, { severity: 'MAJOR', status: 'REJECTED', createdAt: at(year) }); // declined as unreasonable: no event
    const lastYear = await complaint(7, { severity: 'CRISIS', createdAt: at(year - 1) });
    // The year's disputed resolutions are history entries (the customer disputing reopens the complaint).
    await prisma.historyEntry.createMany({
      data: [
        {
          entityType: 'Interaction',
          entityId: lastYear.id,
          action: 'CUSTOMER_FEEDBACK',
          fromState: 'RESOLVED',
          toState: 'REOPENED',
          createdAt: at(year),
        },
        {
          entityType: 'Interaction',
          entityId: lastYear.id,
          action: 'CUSTOMER_FEEDBACK',
          fromState: 'RESOLVED',
          toState: 'REOPENED',
          createdAt: at(year - 1),
        },
        {
          entityType: 'Interaction',
          entityId: lastYear.id,
          action: 'CUSTOMER_FEEDBACK',
          fromState: 'RESOLVED',
          toState: 'RESOLVED',
          createdAt: at(year),
        },
      ],
    });
  });

  const ANNUAL = `query($y: Int!) { annualSatisfactionIndex(year: $y) { year responses surveyIndex totalDeduction index formula formulaEn periods { periodLabel index } deductions { event count pointsEach points } criteria { maxDeduction rules { event pointsEach } } } }`;
  type Annual = {
    annualSatisfactionIndex: {
      responses: number;
      surveyIndex: number;
      totalDeduction: number;
      index: number;
      formula: string;
      formulaEn: string;
      periods: { periodLabel: string; index: number }[];
      deductions: { event: string; count: number; points: number }[];
    };
  };

  it('the year’s responses less the year’s complaint events by the default criteria', async () => {
    const { annualSatisfactionIndex: a } = await gqlOk<Annual>(agent, ANNUAL, { y: year });
    // All five responses: 服务及时性 725/10 = 72.5, 服务态度 300/5 = 60, 收费合理性 300/4 = 75 → 21.75 + 12 + 37.5 = 71.25
    expect([a.responses, a.surveyIndex]).toEqual([5, 71.25]);
    expect(a.deductions.map((d) => [d.event, d.count, d.points])).toEqual([
      ['CRISIS_COMPLAINT', 1, 5],
      ['MAJOR_COMPLAINT', 2, 4],
      ['GENERAL_COMPLAINT', 2, 0],
      ['DISPUTED_RESOLUTION', 1, 1],
    ]);
    expect([a.totalDeduction, a.index]).toEqual([10, 61.25]);
    expect(a.formula).toBe(
      '年度满意度指数 = max(0, 调查指数 − 扣分) = max(0, 71.3 − 10.0) = 61.3；扣分 = min(30, 危机投诉 1×5 + 重大投诉 2×2 + 一般投诉 2×0 + 处理结果争议 1×1) = 10.0',
    );
    expect(a.formulaEn).toMatch(
      /^Annual satisfaction index = max\(0, survey index − deduction\) = max\(0, 71\.3 − 10\.0\) = 61\.3; deduction = min\(30, crisis complaints 1×5/,
    );
    expect(a.periods.map((p) => [p.periodLabel, p.index])).toEqual([
      ['2026-Q3', 70],
      ['2026-Q4', 72.08],
    ]);
    // Reproducible: asked again, the same figures.
    expect((await gqlOk<Annual>(agent, ANNUAL, { y: year })).annualSatisfactionIndex).toEqual(a);
  });

  it('uses the configured criteria, capped by the maximum deduction; a year without responses has no index', async () => {
    const UPDATE = `mutation($input: AnnualIndexCriteriaInput!) { updateAnnualIndexCriteria(input: $input) { maxDeduction rules { event pointsEach } } }`;
    const saved = await gqlOk<{
      updateAnnualIndexCriteria: { maxDeduction: number; rules: { event: string; pointsEach: number }[] };
    }>(agent, UPDATE, {
      input: {
        rules: [
          { event: 'CRISIS_COMPLAINT', pointsEach: 10 },
          { event: 'MAJOR_COMPLAINT', pointsEach: 2 },
          { event: 'DISPUTED_RESOLUTION', pointsEach: 1 },
        ],
        maxDeduction: 12,
      },
    });
    expect(saved.updateAnnualIndexCriteria.rules.find((r) => r.event === 'GENERAL_COMPLAINT')?.pointsEach).toBe(0);
    const { annualSatisfactionIndex: a } = await gqlOk<Annual>(agent, ANNUAL, { y: year });
    expect([a.totalDeduction, a.index]).toEqual([12, 59.25]);
    const bad = await gqlAs(agent, UPDATE, {
      input: {
        rules: [
          { event: 'MAJOR_COMPLAINT', pointsEach: -1 },
          { event: 'MAJOR_COMPLAINT', pointsEach: 1 },
        ],
        maxDeduction: 200,
      },
    });
    expect(bad.errors?.[0]?.extensions?.fields).toEqual({
      'rules.0.pointsEach': expect.objectContaining({ key: 'survey.deductionRange' }),
      'rules.1.event': { key: 'survey.eventRepeated' },
      maxDeduction: expect.objectContaining({ key: 'survey.deductionCapRange' }),
    });
    const empty = (await gqlOk<Annual>(agent, ANNUAL, { y: year - 1 })).annualSatisfactionIndex;
    expect([empty.responses, empty.index, empty.surveyIndex]).toEqual([0, null, null]);
    expect(errorCodes(await gqlAs(agent, ANNUAL, { y: 1800 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('follow-ups of a low score', () => {
  beforeAll(async () => {
    await prisma.slaRule.create({
      data: { interactionType: 'COMPLAINT', triageHours: 4, resolutionHours: 40, callbackDays: 7 },
    });
  });

  it('a callback for the customer’s owner, due in two business days', async () => {
    const data = await gqlOk<{ createSurveyFollowUpCallback: { id: string; reason: string; dueAt: string } }>(
      agent,
      `mutation($id: ID!) { createSurveyFollowUpCallback(responseId: $id) { id reason dueAt } }`,
      { id: response.q4D },
    );
    const row = await prisma.callback.findUniqueOrThrow({ where: { id: data.createSurveyFollowUpCallback.id } });
    expect([row.reason, row.customerId, row.assigneeId, row.surveyResponseId, row.status]).toEqual([
      'SURVEY_FOLLOW_UP',
      c.D,
      ownerId,
      response.q4D,
      'PENDING',
    ]);
    const hours = (row.dueAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(18 - 0.1); // at least 2 × 9 working hours later
    expect(hours).toBeLessThan(24 * 6); // and within a long weekend
    const listed = await gqlOk<{ surveyResponse: { followUpCallbacks: { id: string; reason: string }[] } }>(
      agent,
      `query($id: ID!) { surveyResponse(id: $id) { followUpCallbacks { id reason } } }`,
      { id: response.q4D },
    );
    expect(listed.surveyResponse.followUpCallbacks).toEqual([{ id: row.id, reason: 'SURVEY_FOLLOW_UP' }]);
    // One follow-up per low score: a second click — or two at once — makes no second task.
    const again = await Promise.all(
      [1, 2].map(() =>
        gqlAs(agent, `mutation($id: ID!) { createSurveyFollowUpCallback(responseId: $id) { id } }`, {
          id: response.q4D,
        }),
      ),
    );
    expect(again.map(errorCodes)).toEqual([['CONFLICT'], ['CONFLICT']]);
    expect(await prisma.callback.count({ where: { surveyResponseId: response.q4D } })).toBe(1);
  });

  it('a complaint through the intake (its numbering), text from the low answers, linked to the response', async () => {
    // Three clicks at once: one complaint, the others CONFLICT (the intake locks the response), one history entry.
    type Created = {
      createSurveyFollowUpComplaint: {
        id: string;
        number: string;
        type: string;
        channel: string;
        subject: string;
        description: string;
      } | null;
    };
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        gqlAs(
          agent,
          `mutation($id: ID!) { createSurveyFollowUpComplaint(responseId: $id) { id number type channel subject description } }`,
          { id: response.q4D },
        ),
      ),
    );
    expect(attempts.map(errorCodes).sort()).toEqual([[], ['CONFLICT'], ['CONFLICT']]);
    expect(await prisma.interaction.count({ where: { surveyResponseId: response.q4D, type: 'COMPLAINT' } })).toBe(1);
    expect(
      await prisma.historyEntry.count({
        where: { entityType: 'SurveyResponse', entityId: response.q4D, action: 'FOLLOW_UP_COMPLAINT' },
      }),
    ).toBe(1);
    const complaint = attempts
      .map((a) => (a.data as Created | null | undefined)?.createSurveyFollowUpComplaint)
      .find((x) => x)!;
    expect(complaint.number).toMatch(/^TS-\d{4}-\d{6}$/);
    expect([complaint.type, complaint.channel]).toEqual(['COMPLAINT', 'PHONE']);
    expect(complaint.subject).toBe('满意度调查低分跟进：2026-Q4 客户满意度调查');
    expect(complaint.description).toContain('第 1 题「审核安排是否及时」：2 分（1–5）');
    expect(complaint.description).toContain('第 3 题「审核人员的服务态度」：4 分（1–10）');
    expect(complaint.description).toContain('第 7 题「其他意见和建议」：审核员迟到，沟通不及时');
    const row = await prisma.interaction.findUniqueOrThrow({ where: { id: complaint.id } });
    expect([row.surveyResponseId, row.customerId, row.contactPhone, row.registeredById]).toEqual([
      response.q4D,
      c.D,
      '13900000000',
      (agent as { userId: string }).userId,
    ]);
    expect(row.triageDueAt).not.toBeNull(); // the intake's SLA clock started
    const listed = await gqlOk<{ surveyResponse: { followUpComplaints: { number: string }[] } }>(
      agent,
      `query($id: ID!) { surveyResponse(id: $id) { followUpComplaints { number } } }`,
      { id: response.q4D },
    );
    expect(listed.surveyResponse.followUpComplaints).toEqual([{ number: complaint.number }]);
    expect(
      errorCodes(
        await gqlAs(agent, `mutation($id: ID!) { createSurveyFollowUpComplaint(responseId: $id) { id } }`, {
          id: response.q4D,
        }),
      ),
    ).toEqual(['CONFLICT']);
  });
});
