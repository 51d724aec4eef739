import 'server-only';
import { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import type { SurveyQuestion } from '@/generated/prisma/client';
import type { CustomerGrade, KeyAccountStatus } from '@/generated/prisma/enums';
import { requirePermission } from '@/server/auth/policies';
import { invalidateConfigCache, readSettingValue } from '@/server/config-cache';
import { prisma } from '@/server/db';
import { badField, badInput } from '@/server/errors';
import { actingUserId, type Viewer } from '@/server/viewer';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { isUuid } from '../cursor';
import {
  ANNUAL_INDEX_EVENTS,
  annualIndex,
  DEFAULT_ANNUAL_CRITERIA,
  dimensionScores,
  indexFormula,
  npsFromCounts,
  npsOf,
  parseAnnualCriteria,
  questionStats,
  round2,
  round2OrNull,
  scoresFromTotals,
  weightedIndex,
  MAX_ANNUAL_POINTS,
  type AnnualIndexCriteria,
  type AnnualIndexEvent,
  type AnswerGroup,
  type DimensionScore,
  type DimensionTotal,
  type IndexDimension,
  type IndexQuestion,
  type NpsCounts,
  type NpsResult,
  type QuestionStats,
} from './survey-index.rules';
import { isScoredQuestion, parseChoices } from '../survey-templates/survey-template.rules';
import { pageSize } from '../pagination.rules';
import { isCalendarYear } from '../service-rules/service-rules.rules';
import { keyAccountStatusSql } from '../key-accounts/key-account-status.query';

/**
 * The satisfaction analysis (SPEC §6: response rate, per-question distribution, per-dimension scores, weighted index,
 * trend by quarter, breakdown by segment/province/key account; [000 §4.7.1] quarterly, [000 §4.7.2] annual).
 *
 * Everything is aggregated in SQL, and only sums and counts reach the pure maths of survey-index.rules.ts; no
 * response is ever loaded:
 *   - the analysis of a campaign or period: GROUP BY over SurveyAnswer (campaignId, questionId, value) — the ratings
 *     from the index (campaignId, questionId, numericValue) alone, the choice and text answers apart — gives how many
 *     answers had each value (distributions, dimension scores, NPS);
 *   - trend, breakdowns, segment stats and the annual index: the per-response dimension totals and NPS counts written
 *     at submission (SurveyResponse.dimensionCodes/Sums/Counts, npsPromoters/…) added up per period or segment — one
 *     row per response instead of ten answers, and the join to the customer is a join of responses, not of answers.
 * Both give the same numbers (the totals are the same normalised values summed earlier). Customer criteria and
 * segments use the customer's current province, industry, grade and key-account status. Only submitted responses
 * have answers and totals.
 */

export type AnalysisFilter = {
  campaignIds?: readonly string[] | null;
  periodLabels?: readonly string[] | null;
  templateKey?: string | null;
  provinces?: readonly string[] | null;
  industries?: readonly string[] | null;
  grades?: readonly CustomerGrade[] | null;
  keyAccountStatuses?: readonly KeyAccountStatus[] | null;
};
export type SurveySegment = 'PROVINCE' | 'INDUSTRY' | 'GRADE' | 'KEY_ACCOUNT';

const SEGMENT_SQL: Record<SurveySegment, Prisma.Sql> = {
  PROVINCE: Prisma.sql`cu.province`,
  INDUSTRY: Prisma.sql`cu.industry`,
  GRADE: Prisma.sql`cu.grade::text`,
  KEY_ACCOUNT: keyAccountStatusSql('cu'),
};

type CampaignMeta = { id: string; name: string; periodLabel: string; opensAt: Date; templateId: string };
type Scope = {
  campaigns: CampaignMeta[];
  customer: Prisma.Sql | null;
  submitted: { from: Date; to: Date } | null;
  key: string;
};
type Memo = Map<string, Promise<unknown>>;

function memoised<T>(memo: Memo | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!memo) return load();
  let hit = memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    memo.set(key, hit);
  }
  return hit;
}

function customerCriteria(f: AnalysisFilter): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (f.provinces?.length) parts.push(Prisma.sql`cu.province = ANY(${[...f.provinces]}::text[])`);
  if (f.industries?.length) parts.push(Prisma.sql`cu.industry = ANY(${[...f.industries]}::text[])`);
  if (f.grades?.length) parts.push(Prisma.sql`cu.grade::text = ANY(${[...f.grades]}::text[])`);
  if (f.keyAccountStatuses?.length)
    parts.push(Prisma.sql`${keyAccountStatusSql('cu')} = ANY(${[...f.keyAccountStatuses]}::text[])`);
  return parts.length ? Prisma.join(parts, ' AND ') : null;
}

const CAMPAIGN_SELECT = { id: true, name: true, periodLabel: true, opensAt: true, templateId: true } as const;

/** The launched campaigns a filter covers (drafts have no responses), with the customer criteria as SQL. */
async function resolveScope(filter: AnalysisFilter, memo?: Memo): Promise<Scope> {
  const ids = filter.campaignIds ?? [];
  if (ids.some((id) => !isUuid(id))) throw badField('campaignIds', 'common.invalidId');
  const labels = (filter.periodLabels ?? []).map((l) => l.trim().toUpperCase());
  const key = JSON.stringify({
    ids: [...ids].sort(),
    labels: [...labels].sort(),
    t: filter.templateKey ?? null,
    p: filter.provinces,
    i: filter.industries,
    g: filter.grades,
    k: filter.keyAccountStatuses,
  });
  const campaigns = await memoised(memo, `scope:${key}`, () =>
    prisma.surveyCampaign.findMany({
      where: {
        status: { not: 'DRAFT' },
        ...(ids.length ? { id: { in: [...ids] } } : {}),
        ...(labels.length ? { periodLabel: { in: labels } } : {}),
        ...(filter.templateKey ? { template: { key: filter.templateKey } } : {}),
      },
      select: CAMPAIGN_SELECT,
      orderBy: [{ opensAt: 'asc' }, { id: 'asc' }],
    }),
  );
  return { campaigns, customer: customerCriteria(filter), submitted: null, key };
}

type GroupRow = AnswerGroup & { campaignId: string };

const CUSTOMER_JOIN = Prisma.sql`JOIN "SurveyResponse" r ON r.id = a."responseId" JOIN "Customer" cu ON cu.id = r."customerId"`;

/**
 * The answers aggregate: answers per (campaign, question, value), counted from indexes alone (index-only scans):
 * ratings from (campaignId, questionId, numericValue), choice and text answers from (campaignId, numericValue,
 * questionId, choiceValues).
 */
function answerGroups(scope: Scope, memo?: Memo): Promise<GroupRow[]> {
  if (scope.campaigns.length === 0) return Promise.resolve([]);
  return memoised(memo, `answers:${scope.key}`, async () => {
    const ids = scope.campaigns.map((c) => c.id);
    const join = scope.customer ? CUSTOMER_JOIN : Prisma.empty;
    const criteria = scope.customer ? Prisma.sql`AND ${scope.customer}` : Prisma.empty;
    const [ratings, others] = await Promise.all([
      prisma.$queryRaw<{ campaignId: string; questionId: string; numericValue: number; n: number }[]>`
        SELECT a."campaignId", a."questionId", a."numericValue", count(*)::int AS n FROM "SurveyAnswer" a ${join}
        WHERE a."campaignId" = ANY(${ids}::uuid[]) AND a."numericValue" IS NOT NULL ${criteria}
        GROUP BY 1, 2, 3`,
      // Every stored answer is a rating, a choice or a text (survey-answer.rules.ts): no rating and no choice is a text.
      prisma.$queryRaw<{ campaignId: string; questionId: string; choiceValues: string[]; n: number }[]>`
        SELECT a."campaignId", a."questionId", a."choiceValues", count(*)::int AS n FROM "SurveyAnswer" a ${join}
        WHERE a."campaignId" = ANY(${ids}::uuid[]) AND a."numericValue" IS NULL ${criteria}
        GROUP BY 1, 2, 3`,
    ]);
    return [
      ...ratings.map((r) => ({
        campaignId: r.campaignId,
        questionId: r.questionId,
        numericValue: r.numericValue,
        choiceValues: [],
        hasText: false,
        count: r.n,
      })),
      ...others.map((r) => ({
        campaignId: r.campaignId,
        questionId: r.questionId,
        numericValue: null,
        choiceValues: r.choiceValues,
        hasText: r.choiceValues.length === 0,
        count: r.n,
      })),
    ];
  });
}

const segmentSql = (segment: SurveySegment | null) => (segment ? SEGMENT_SQL[segment] : Prisma.sql`NULL::text`);
const responseFilterSql = (
  scope: Scope,
) => Prisma.sql`r."campaignId" = ANY(${scope.campaigns.map((c) => c.id)}::uuid[]) AND r."submittedAt" IS NOT NULL
  ${scope.customer ? Prisma.sql`AND ${scope.customer}` : Prisma.empty}
  ${scope.submitted ? Prisma.sql`AND r."submittedAt" >= ${scope.submitted.from} AND r."submittedAt" < ${scope.submitted.to}` : Prisma.empty}`;
const needsCustomer = (scope: Scope, segment: SurveySegment | null) =>
  scope.customer || segment ? Prisma.sql`JOIN "Customer" cu ON cu.id = r."customerId"` : Prisma.empty;

type TotalRow = DimensionTotal & { campaignId: string; segment: string | null };
type ResponseCountRow = { campaignId: string; segment: string | null; responses: number; low: number } & NpsCounts;
type ResponseAggregate = { totals: TotalRow[]; counts: ResponseCountRow[] };

/**
 * The responses added up per (campaign, [segment]): how many, how many low, NPS by category, and every dimension's
 * total. The totals are positional (element i of a response's arrays is its template's i-th dimension), so they are
 * summed as sum(dimensionSums[i]) — a plain aggregate, no unnesting — and mapped back to codes per template here.
 */
function responseAggregate(
  scope: Scope,
  segment: SurveySegment | null,
  templates: ScopeTemplates,
  memo?: Memo,
): Promise<ResponseAggregate> {
  if (scope.campaigns.length === 0) return Promise.resolve({ totals: [], counts: [] });
  return memoised(memo, `responses:${scope.key}:${segment}:${scope.submitted?.from.toISOString() ?? ''}`, async () => {
    const width = Math.max(0, ...[...templates.codesByTemplate.values()].map((codes) => codes.length));
    const sums = Array.from(
      { length: width },
      (_, i) =>
        Prisma.sql`, sum(r."dimensionSums"[${Prisma.raw(String(i + 1))}])::float8 AS ${Prisma.raw(`s${i}`)}, sum(r."dimensionCounts"[${Prisma.raw(String(i + 1))}])::int AS ${Prisma.raw(`c${i}`)}`,
    );
    const rows = await prisma.$queryRaw<(ResponseCountRow & { templateId: string } & Record<string, unknown>)[]>`
      SELECT r."campaignId", r."templateId", ${segmentSql(segment)} AS segment, count(*)::int AS responses, (count(*) FILTER (WHERE r."lowScore"))::int AS low,
             sum(r."npsPromoters")::int AS promoters, sum(r."npsPassives")::int AS passives, sum(r."npsDetractors")::int AS detractors
             ${sums.length ? Prisma.join(sums, ' ') : Prisma.empty}
      FROM "SurveyResponse" r ${needsCustomer(scope, segment)}
      WHERE ${responseFilterSql(scope)}
      GROUP BY 1, 2, 3`;
    const totals: TotalRow[] = [];
    const counts = new Map<string, ResponseCountRow>();
    for (const row of rows) {
      (templates.codesByTemplate.get(row.templateId) ?? []).forEach((code, i) => {
        const answers = Number(row[`c${i}`] ?? 0);
        if (answers > 0)
          totals.push({
            campaignId: row.campaignId,
            segment: row.segment,
            code,
            sum: Number(row[`s${i}`] ?? 0),
            answers,
          });
      });
      // One campaign has one template, but stay exact if a row per template ever appears.
      const key = `${row.campaignId}\u0000${row.segment}`;
      const prev = counts.get(key);
      counts.set(key, {
        campaignId: row.campaignId,
        segment: row.segment,
        responses: (prev?.responses ?? 0) + row.responses,
        low: (prev?.low ?? 0) + row.low,
        promoters: (prev?.promoters ?? 0) + row.promoters,
        passives: (prev?.passives ?? 0) + row.passives,
        detractors: (prev?.detractors ?? 0) + row.detractors,
      });
    }
    return { totals, counts: [...counts.values()] };
  });
}

type InvitationCountRow = { campaignId: string; segment: string | null; invited: number; responded: number };

function invitationCounts(scope: Scope, segment: SurveySegment | null, memo?: Memo): Promise<InvitationCountRow[]> {
  if (scope.campaigns.length === 0) return Promise.resolve([]);
  return memoised(
    memo,
    `invitations:${scope.key}:${segment}`,
    () =>
      prisma.$queryRaw<InvitationCountRow[]>`
      SELECT i."campaignId", ${segment ? SEGMENT_SQL[segment] : Prisma.sql`NULL::text`} AS segment, count(*)::int AS invited, count(i."respondedAt")::int AS responded
      FROM "SurveyInvitation" i ${scope.customer || segment ? Prisma.sql`JOIN "Customer" cu ON cu.id = i."customerId"` : Prisma.empty}
      WHERE i."campaignId" = ANY(${scope.campaigns.map((c) => c.id)}::uuid[]) ${scope.customer ? Prisma.sql`AND ${scope.customer}` : Prisma.empty}
      GROUP BY 1, 2`,
  );
}

type ScopeQuestion = IndexQuestion & { model: SurveyQuestion; scored: boolean };
type ScopeTemplates = {
  questions: ScopeQuestion[];
  dimensions: IndexDimension[];
  codesByTemplate: Map<string, string[]>;
};

/**
 * The questions and dimensions of the templates the campaigns used. Dimensions are matched across template versions
 * by their code (stable by contract), so a trend compares like with like; a code's name and weight come from the
 * newest version among them.
 */
function scopeTemplates(scope: Scope, memo?: Memo): Promise<ScopeTemplates> {
  const templateIds = [...new Set(scope.campaigns.map((c) => c.templateId))];
  return memoised(memo, `templates:${templateIds.sort().join(',')}`, async () => {
    const templates = await prisma.surveyTemplate.findMany({
      where: { id: { in: templateIds } },
      include: { dimensions: { orderBy: { position: 'asc' } }, questions: { orderBy: { position: 'asc' } } },
      orderBy: [{ createdAt: 'asc' }, { version: 'asc' }],
    });
    const dimensions = new Map<string, IndexDimension & { order: number }>();
    [...templates].reverse().forEach((t, newest) =>
      t.dimensions.forEach((d) => {
        if (!dimensions.has(d.code))
          dimensions.set(d.code, {
            code: d.code,
            name: d.name,
            nameEn: d.nameEn,
            weight: d.weight.toNumber(),
            order: newest * 1000 + d.position,
          });
      }),
    );
    const codeOf = new Map(templates.flatMap((t) => t.dimensions.map((d) => [d.id, d.code] as const)));
    const questions = templates.flatMap((t) =>
      t.questions.map((q) => ({
        id: q.id,
        type: q.type,
        dimensionCode: q.dimensionId ? (codeOf.get(q.dimensionId) ?? null) : null,
        choices: parseChoices(q.options),
        model: q,
        scored: isScoredQuestion(q),
      })),
    );
    // The order a response's dimension totals were written in (loadScoringTemplate: by position).
    const codesByTemplate = new Map(templates.map((t) => [t.id, t.dimensions.map((d) => d.code)]));
    return {
      questions,
      dimensions: [...dimensions.values()].sort((a, b) => a.order - b.order).map(({ order: _o, ...d }) => d),
      codesByTemplate,
    };
  });
}

// ───────────────────────────── results ─────────────────────────────

export type DimensionScoreModel = Omit<DimensionScore, 'sum'>;
const publicScores = (scores: DimensionScore[]): DimensionScoreModel[] =>
  scores.map(({ sum: _sum, ...s }) => ({
    ...s,
    score: round2OrNull(s.score),
    effectiveWeight: round2(s.effectiveWeight * 100) / 100,
  }));
const publicNps = (nps: NpsResult | null) => (nps ? { ...nps, score: round2(nps.score) } : null);

export type QuestionAnalysisModel = Omit<QuestionStats, 'average' | 'score'> & {
  question: SurveyQuestion;
  average: number | null;
  score: number | null;
};

export type AnalysisModel = {
  responses: number;
  invited: number;
  responseRate: number;
  index: number | null;
  formula: string;
  formulaEn: string;
  dimensions: DimensionScoreModel[];
  questions: QuestionAnalysisModel[];
  nps: ReturnType<typeof publicNps>;
  lowScores: number;
};

function scoresOf(groups: readonly AnswerGroup[], templates: ScopeTemplates) {
  const scores = dimensionScores(groups, templates.questions, templates.dimensions);
  return { scores, index: weightedIndex(scores), nps: npsOf(groups, templates.questions) };
}

/** The same figures from response totals and counts (any subset of rows: a period, a segment, a year). */
function scoresOfTotals(totals: readonly DimensionTotal[], counts: readonly NpsCounts[], templates: ScopeTemplates) {
  const scores = scoresFromTotals(totals, templates.dimensions);
  const nps = npsFromCounts(
    counts.reduce(
      (n, c) => ({
        promoters: n.promoters + c.promoters,
        passives: n.passives + c.passives,
        detractors: n.detractors + c.detractors,
      }),
      { promoters: 0, passives: 0, detractors: 0 },
    ),
  );
  return { scores, index: weightedIndex(scores), nps };
}

/** A group's (a period's, a segment's) responses, index and NPS, from its rows of the aggregates. */
function groupIndex(
  totals: readonly DimensionTotal[],
  counts: readonly (NpsCounts & { responses: number })[],
  templates: ScopeTemplates,
) {
  const { scores, index, nps } = scoresOfTotals(totals, counts, templates);
  return {
    scores,
    responses: counts.reduce((n, r) => n + r.responses, 0),
    index: round2OrNull(index),
    nps: nps ? round2(nps.score) : null,
  };
}

export async function surveyAnalysis(viewer: Viewer, filter: AnalysisFilter, memo?: Memo): Promise<AnalysisModel> {
  requirePermission(viewer, 'surveys:read');
  const scope = await resolveScope(filter, memo);
  const templates = await scopeTemplates(scope, memo);
  const [groups, { counts: responses }, invitations] = await Promise.all([
    answerGroups(scope, memo),
    responseAggregate(scope, null, templates, memo),
    invitationCounts(scope, null, memo),
  ]);
  const { scores, index, nps } = scoresOf(groups, templates);
  const invited = invitations.reduce((n, r) => n + r.invited, 0);
  const responded = invitations.reduce((n, r) => n + r.responded, 0);
  return {
    responses: responses.reduce((n, r) => n + r.responses, 0),
    invited,
    // Invitations answered ÷ invitations: a phone response from a customer outside the audience raises the count of
    // responses, not the rate.
    responseRate: invited ? round2((responded / invited) * 10_000) / 10_000 : 0,
    index: round2OrNull(index),
    formula: indexFormula(scores),
    formulaEn: indexFormula(scores, 'en'),
    dimensions: publicScores(scores),
    questions: templates.questions.map((q) => {
      const stats = questionStats(q, groups, { scored: q.scored });
      return { ...stats, question: q.model, average: round2OrNull(stats.average), score: round2OrNull(stats.score) };
    }),
    nps: publicNps(nps),
    lowScores: responses.reduce((n, r) => n + r.low, 0),
  };
}

export type PeriodIndexModel = {
  periodLabel: string;
  responses: number;
  index: number | null;
  nps: number | null;
  dimensions: DimensionScoreModel[];
};

function periodsOf(
  scope: Scope,
  totals: readonly TotalRow[],
  responses: readonly ResponseCountRow[],
  templates: ScopeTemplates,
): PeriodIndexModel[] {
  // Periods in the order of their first campaign's opening: 2026-Q3 before 2026-Q4, and a half-year before its quarters.
  const periods: string[] = [];
  for (const c of scope.campaigns) if (!periods.includes(c.periodLabel)) periods.push(c.periodLabel);
  const periodOf = new Map(scope.campaigns.map((c) => [c.id, c.periodLabel]));
  return periods.map((periodLabel) => {
    const { scores, ...group } = groupIndex(
      totals.filter((t) => periodOf.get(t.campaignId) === periodLabel),
      responses.filter((r) => periodOf.get(r.campaignId) === periodLabel),
      templates,
    );
    return { periodLabel, ...group, dimensions: publicScores(scores) };
  });
}

/** The index per period label, oldest first (SPEC §6 "trend by quarter"). */
export async function surveyTrend(viewer: Viewer, filter: AnalysisFilter, memo?: Memo): Promise<PeriodIndexModel[]> {
  requirePermission(viewer, 'surveys:read');
  const scope = await resolveScope(filter, memo);
  const templates = await scopeTemplates(scope, memo);
  const { totals, counts } = await responseAggregate(scope, null, templates, memo);
  return periodsOf(scope, totals, counts, templates);
}

export type SegmentIndexModel = { value: string | null; responses: number; index: number | null; nps: number | null };

const bySegmentOrder = <T extends { value: string | null; responses: number }>(a: T, b: T) =>
  b.responses - a.responses || (a.value === null ? 1 : b.value === null ? -1 : a.value.localeCompare(b.value, 'zh-CN'));

/** The index per province / industry / grade / key-account status of the responding customers. */
export async function surveyBreakdown(
  viewer: Viewer,
  filter: AnalysisFilter,
  by: SurveySegment,
  memo?: Memo,
): Promise<SegmentIndexModel[]> {
  requirePermission(viewer, 'surveys:read');
  const scope = await resolveScope(filter, memo);
  const templates = await scopeTemplates(scope, memo);
  const { totals, counts: responses } = await responseAggregate(scope, by, templates, memo);
  const values = [...new Set(responses.map((r) => r.segment))];
  return values
    .map((value) => {
      const group = groupIndex(
        totals.filter((t) => t.segment === value),
        responses.filter((r) => r.segment === value),
        templates,
      );
      return { value, responses: group.responses, index: group.index, nps: group.nps };
    })
    .sort(bySegmentOrder);
}

export type SegmentStatModel = {
  value: string | null;
  invited: number;
  responded: number;
  responseRate: number;
  index: number | null;
};

/** A campaign's invitations, responses and index per segment (SurveyCampaignStats.bySegment). */
export async function campaignSegmentStats(
  campaignId: string,
  by: SurveySegment,
  memo?: Memo,
): Promise<SegmentStatModel[]> {
  const scope = await resolveScope({ campaignIds: [campaignId] }, memo);
  const templates = await scopeTemplates(scope, memo);
  const [{ totals }, invitations] = await Promise.all([
    responseAggregate(scope, by, templates, memo),
    invitationCounts(scope, by, memo),
  ]);
  return invitations
    .map((r) => ({
      value: r.segment,
      invited: r.invited,
      responded: r.responded,
      responses: r.responded,
      responseRate: r.invited ? round2((r.responded / r.invited) * 10_000) / 10_000 : 0,
      index: round2OrNull(
        scoresOfTotals(
          totals.filter((t) => t.segment === r.segment),
          [],
          templates,
        ).index,
      ),
    }))
    .sort(bySegmentOrder)
    .map(({ responses: _r, ...s }) => s);
}

// ───────────────────────────── text answers ─────────────────────────────

export type TextAnswerModel = {
  id: string;
  responseId: string;
  questionId: string;
  text: string;
  customerId: string;
  submittedAt: Date;
};
export type TextAnswerPage = {
  rows: TextAnswerModel[];
  hasNextPage: boolean;
  endCursor: string | null;
  count: () => Promise<number>;
};

/** Keyset cursor over (submittedAt desc, answer id desc): `<ms>.<uuid>` in base64url. */
const encodeTextCursor = (row: TextAnswerModel) =>
  Buffer.from(`${row.submittedAt.getTime()}.${row.id}`, 'utf8').toString('base64url');
function decodeTextCursor(cursor: string): { at: Date; id: string } {
  const [ms, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('.');
  if (!ms || !id || !/^\d+$/.test(ms) || !isUuid(id)) throw badField('after', 'pagination.invalidCursor');
  return { at: new Date(Number(ms)), id };
}

/** The free-text answers (suggestions, complaints in words) of the covered responses, newest first, searchable. */
export async function surveyTextAnswers(
  viewer: Viewer,
  args: {
    filter: AnalysisFilter;
    questionId?: string | null;
    search?: string | null;
    lowScoreOnly?: boolean | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<TextAnswerPage> {
  requirePermission(viewer, 'surveys:read');
  const first = pageSize(args.first);
  if (args.questionId && !isUuid(args.questionId)) throw badField('questionId', 'common.invalidId');
  const scope = await resolveScope(args.filter);
  if (scope.campaigns.length === 0) return { rows: [], hasNextPage: false, endCursor: null, count: async () => 0 };
  const search = args.search?.trim();
  const conditions: Prisma.Sql[] = [
    Prisma.sql`a."campaignId" = ANY(${scope.campaigns.map((c) => c.id)}::uuid[]) AND a."textValue" IS NOT NULL`,
  ];
  if (args.questionId) conditions.push(Prisma.sql`a."questionId" = ${args.questionId}::uuid`);
  if (search) conditions.push(Prisma.sql`a."textValue" ILIKE ${`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (args.lowScoreOnly) conditions.push(Prisma.sql`r."lowScore"`);
  if (scope.customer) conditions.push(scope.customer);
  const where = Prisma.join(conditions, ' AND ');
  const from = Prisma.sql`FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r.id = a."responseId" JOIN "Customer" cu ON cu.id = r."customerId"`;
  const cursor = args.after ? decodeTextCursor(args.after) : null;
  const rows = await prisma.$queryRaw<TextAnswerModel[]>`
    SELECT a.id, a."responseId", a."questionId", a."textValue" AS text, r."customerId", r."submittedAt"
    ${from} WHERE ${where} ${cursor ? Prisma.sql`AND (r."submittedAt", a.id) < (${cursor.at}, ${cursor.id}::uuid)` : Prisma.empty}
    ORDER BY r."submittedAt" DESC, a.id DESC LIMIT ${first + 1}`;
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  return {
    rows: page,
    hasNextPage,
    endCursor: page.length ? encodeTextCursor(page.at(-1)!) : null,
    count: async () =>
      (await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from} WHERE ${where}`)[0]?.n ?? 0,
  };
}

// ───────────────────────────── the annual index [000 §4.7.2] ─────────────────────────────

const CRITERIA_KEY = 'annualIndexCriteria';

/** The evaluation criteria (setting `annualIndexCriteria`, cached in process: config-cache.ts), or the default. */
export async function loadAnnualCriteria(): Promise<AnnualIndexCriteria> {
  const value = await readSettingValue(CRITERIA_KEY);
  return value === null ? DEFAULT_ANNUAL_CRITERIA : parseAnnualCriteria(value);
}

export async function annualIndexCriteria(viewer: Viewer): Promise<AnnualIndexCriteria> {
  requirePermission(viewer, 'surveys:read');
  return loadAnnualCriteria();
}

const ZCriteria = z
  .object({
    rules: z.array(
      z.object({
        event: z.enum(ANNUAL_INDEX_EVENTS),
        pointsEach: z
          .number()
          .min(0, { message: errorKey('survey.deductionRange') })
          .max(MAX_ANNUAL_POINTS, { message: errorKey('survey.deductionRange') }),
      }),
    ),
    maxDeduction: z
      .number()
      .min(0, { message: errorKey('survey.deductionCapRange') })
      .max(MAX_ANNUAL_POINTS, { message: errorKey('survey.deductionCapRange') }),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.rules.forEach((r, i) => {
      if (seen.has(r.event))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'event'], message: errorKey('survey.eventRepeated') });
      seen.add(r.event);
    });
  });

/** Sets the evaluation criteria (评价准则); events not given deduct nothing. */
export async function updateAnnualIndexCriteria(viewer: Viewer, input: unknown): Promise<AnnualIndexCriteria> {
  requirePermission(viewer, 'surveys:manage');
  const parsed = ZCriteria.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const given = new Map(parsed.data.rules.map((r) => [r.event, r.pointsEach]));
  const criteria: AnnualIndexCriteria = {
    rules: ANNUAL_INDEX_EVENTS.map((event) => ({ event, pointsEach: given.get(event) ?? 0 })),
    maxDeduction: parsed.data.maxDeduction,
  };
  const updatedById = actingUserId(viewer);
  await prisma.setting.upsert({
    where: { key: CRITERIA_KEY },
    create: { key: CRITERIA_KEY, value: criteria, updatedById },
    update: { value: criteria, updatedById },
  });
  invalidateConfigCache();
  return criteria;
}

/** Start of a calendar year in Asia/Shanghai (UTC+8 all year). */
const yearStart = (year: number) => new Date(`${String(year).padStart(4, '0')}-01-01T00:00:00+08:00`);

export type AnnualIndexModel = {
  year: number;
  responses: number;
  surveyIndex: number | null;
  periods: PeriodIndexModel[];
  deductions: { event: AnnualIndexEvent; count: number; pointsEach: number; points: number }[];
  totalDeduction: number;
  index: number | null;
  formula: string;
  formulaEn: string;
  criteria: AnnualIndexCriteria;
};

/**
 * The year's satisfaction index for the executive [000 §4.7.2 "季度分析结果及年度引起较严重后果的重大不满意或投诉事件
 * 对照评价准则进行计算，得出本年度客户满意度"]: the weighted index over every response submitted in the calendar year
 * (Asia/Shanghai), less the complaint events of the year by the criteria: complaints registered in the year by
 * severity (declined-as-unreasonable ones do not count; not yet triaged counts as general) and resolutions the customer
 * disputed in the year. Reproducible: the same data and criteria give the same number and formula.
 */
export async function annualSatisfactionIndex(viewer: Viewer, year: number): Promise<AnnualIndexModel> {
  requirePermission(viewer, 'surveys:read');
  if (!isCalendarYear(year)) throw badField('year', 'serviceRules.yearRange');
  const from = yearStart(year);
  const to = yearStart(year + 1);
  const campaigns = await prisma.surveyCampaign.findMany({
    where: { responses: { some: { submittedAt: { gte: from, lt: to } } } },
    select: CAMPAIGN_SELECT,
    orderBy: [{ opensAt: 'asc' }, { id: 'asc' }],
  });
  const scope: Scope = { campaigns, customer: null, submitted: { from, to }, key: `year:${year}` };
  const templates = await scopeTemplates(scope);
  const [{ totals, counts: responses }, complaints, disputes, criteria] = await Promise.all([
    responseAggregate(scope, null, templates),
    prisma.$queryRaw<{ severity: string; n: number }[]>`
      SELECT COALESCE(severity::text, 'GENERAL') AS severity, count(*)::int AS n FROM "Interaction"
      WHERE type = 'COMPLAINT' AND status <> 'REJECTED' AND "createdAt" >= ${from} AND "createdAt" < ${to} GROUP BY 1`,
    prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "HistoryEntry" h
      WHERE h."entityType" = 'Interaction' AND h.action = 'CUSTOMER_FEEDBACK' AND h."toState" = 'REOPENED' AND h."createdAt" >= ${from} AND h."createdAt" < ${to}`,
    loadAnnualCriteria(),
  ]);
  const { index: surveyIndex } = scoresOfTotals(totals, responses, templates);
  const severity = (s: string) => complaints.find((c) => c.severity === s)?.n ?? 0;
  const result = annualIndex(
    surveyIndex,
    {
      CRISIS_COMPLAINT: severity('CRISIS'),
      MAJOR_COMPLAINT: severity('MAJOR'),
      GENERAL_COMPLAINT: severity('GENERAL'),
      DISPUTED_RESOLUTION: disputes[0]?.n ?? 0,
    },
    criteria,
  );
  return {
    year,
    responses: responses.reduce((n, r) => n + r.responses, 0),
    surveyIndex: round2OrNull(surveyIndex),
    periods: periodsOf(scope, totals, responses, templates),
    deductions: result.deductions,
    totalDeduction: round2(result.totalDeduction),
    index: round2OrNull(result.index),
    formula: result.formula,
    formulaEn: result.formulaEn,
    criteria,
  };
}
