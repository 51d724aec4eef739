import type {
  CustomerGrade,
  KeyAccountStatus,
  SurveyAnalysisFilter,
  SurveyResponseFilter,
  SurveySegment,
} from '@/gql/graphql';
import { allowed, CUSTOMER_GRADE, has, KEY_ACCOUNT_STATUS, keysOf, uniq } from '@/lib/url-values';

/**
 * The satisfaction analysis' state as it lives in the URL, so a view (filters, tab, breakdown, compared periods) can
 * be shared, bookmarked and linked to (the campaign page links with `?campaign=<id>`). Pure functions, no React:
 * `parseAnalysisParams(url) → state`, `analysisParamsToSearch(state) → query string`, and the API filters derived
 * from the state. Unknown or malformed values in a URL are dropped, never sent.
 */

// Records keyed by the generated enum types: a new enum value fails the type check here until the UI knows about it.
const SEGMENT: Record<SurveySegment, true> = { PROVINCE: true, INDUSTRY: true, GRADE: true, KEY_ACCOUNT: true };
const VIEW = { overview: true, trend: true, breakdown: true, compare: true, text: true, lowScores: true } as const;

export const GRADE_VALUES = keysOf(CUSTOMER_GRADE);
export const KEY_ACCOUNT_VALUES = keysOf(KEY_ACCOUNT_STATUS);
export const SEGMENT_VALUES = keysOf(SEGMENT);
export type AnalysisView = keyof typeof VIEW;
export const VIEWS = keysOf<AnalysisView>(VIEW);

export const DEFAULT_VIEW: AnalysisView = 'overview';
// Key accounts first: their satisfaction is what SPEC §2 asks managers to watch.
export const DEFAULT_SEGMENT: SurveySegment = 'KEY_ACCOUNT';

export type AnalysisFilterState = {
  campaignIds: string[];
  periodLabels: string[];
  templateKey: string;
  provinces: string[];
  industries: string[];
  grades: CustomerGrade[];
  keyAccountStatuses: KeyAccountStatus[];
};

export type AnalysisState = {
  filter: AnalysisFilterState;
  view: AnalysisView;
  segment: SurveySegment;
  /** The two periods compared (A = before, B = after); empty = chosen from the periods available. */
  compareA: string;
  compareB: string;
  /** The text question the free-text answers are narrowed to (linked from a question's distribution). */
  textQuestionId: string;
};

// Every SurveyAnalysisFilter field is handled; a new one fails this check until the filter bar knows about it.
type UnhandledFilterKey = Exclude<keyof SurveyAnalysisFilter, keyof AnalysisFilterState>;
const everyFilterHandled: [UnhandledFilterKey] extends [never] ? true : UnhandledFilterKey = true;
void everyFilterHandled;

export function emptyAnalysisFilter(): AnalysisFilterState {
  return {
    campaignIds: [],
    periodLabels: [],
    templateKey: '',
    provinces: [],
    industries: [],
    grades: [],
    keyAccountStatuses: [],
  };
}

export function defaultAnalysisState(): AnalysisState {
  return {
    filter: emptyAnalysisFilter(),
    view: DEFAULT_VIEW,
    segment: DEFAULT_SEGMENT,
    compareA: '',
    compareB: '',
    textQuestionId: '',
  };
}

/** URL parameter names. Lists repeat the parameter (`period=2026-Q3&period=2026-Q4`), so values may hold commas. */
export const PARAM = {
  campaign: 'campaign',
  period: 'period',
  template: 'template',
  province: 'province',
  industry: 'industry',
  grade: 'grade',
  keyAccount: 'keyAccount',
  view: 'view',
  segment: 'by',
  compareA: 'a',
  compareB: 'b',
  textQuestion: 'question',
} as const;

type ReadableParams = Pick<URLSearchParams, 'get' | 'getAll'>;

const ID = /^[0-9A-Za-z_-]{1,64}$/;
// Period labels look like 2026-Q4, 2026-H2 or 2026, but campaigns may name others; accept any short printable label.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: a label may hold none
const LABEL = /^[^\u0000-\u001f]{1,40}$/;
const TEMPLATE_KEY = /^[0-9A-Za-z_.-]{1,80}$/;

const cleaned = (values: string[], pattern: RegExp) =>
  uniq(values.map((v) => v.trim()).filter((v) => v && pattern.test(v)));

export function parseAnalysisParams(params: ReadableParams): AnalysisState {
  const one = (name: string) => (params.get(name) ?? '').trim();
  const filter: AnalysisFilterState = {
    campaignIds: cleaned(params.getAll(PARAM.campaign), ID),
    periodLabels: cleaned(params.getAll(PARAM.period), LABEL),
    templateKey: TEMPLATE_KEY.test(one(PARAM.template)) ? one(PARAM.template) : '',
    provinces: cleaned(params.getAll(PARAM.province), LABEL),
    industries: cleaned(params.getAll(PARAM.industry), LABEL),
    grades: allowed(params.getAll(PARAM.grade), CUSTOMER_GRADE),
    keyAccountStatuses: allowed(params.getAll(PARAM.keyAccount), KEY_ACCOUNT_STATUS),
  };
  const view = one(PARAM.view);
  const segment = one(PARAM.segment).toUpperCase();
  const label = (name: string) => (LABEL.test(one(name)) ? one(name) : '');
  return {
    filter,
    view: has(VIEW, view) ? view : DEFAULT_VIEW,
    segment: has(SEGMENT, segment) ? segment : DEFAULT_SEGMENT,
    compareA: label(PARAM.compareA),
    compareB: label(PARAM.compareB),
    textQuestionId: ID.test(one(PARAM.textQuestion)) ? one(PARAM.textQuestion) : '',
  };
}

/** The query string for a state, without the leading "?"; defaults are left out so URLs stay short. */
export function analysisParamsToSearch(state: AnalysisState): string {
  const params = new URLSearchParams();
  const { filter } = state;
  for (const id of filter.campaignIds) params.append(PARAM.campaign, id);
  for (const label of filter.periodLabels) params.append(PARAM.period, label);
  if (filter.templateKey) params.set(PARAM.template, filter.templateKey);
  for (const value of filter.provinces) params.append(PARAM.province, value);
  for (const value of filter.industries) params.append(PARAM.industry, value);
  for (const value of filter.grades) params.append(PARAM.grade, value);
  for (const value of filter.keyAccountStatuses) params.append(PARAM.keyAccount, value);
  if (state.view !== DEFAULT_VIEW) params.set(PARAM.view, state.view);
  if (state.segment !== DEFAULT_SEGMENT) params.set(PARAM.segment, state.segment);
  if (state.compareA) params.set(PARAM.compareA, state.compareA);
  if (state.compareB) params.set(PARAM.compareB, state.compareB);
  if (state.textQuestionId) params.set(PARAM.textQuestion, state.textQuestionId);
  return params.toString();
}

/** The GraphQL SurveyAnalysisFilter: only the criteria that narrow something (an empty list would match nothing). */
export function toAnalysisFilter(filter: AnalysisFilterState): SurveyAnalysisFilter {
  const out: SurveyAnalysisFilter = {};
  if (filter.campaignIds.length) out.campaignIds = filter.campaignIds;
  if (filter.periodLabels.length) out.periodLabels = filter.periodLabels;
  if (filter.templateKey) out.templateKey = filter.templateKey;
  if (filter.provinces.length) out.provinces = filter.provinces;
  if (filter.industries.length) out.industries = filter.industries;
  if (filter.grades.length) out.grades = filter.grades;
  if (filter.keyAccountStatuses.length) out.keyAccountStatuses = filter.keyAccountStatuses;
  return out;
}

/**
 * The filter for views that run across periods (the trend, the comparison of two periods): the template family and
 * the customer segments, but not the chosen periods or campaigns — a campaign belongs to one period, so keeping it
 * would leave every other period empty.
 */
export function toAcrossPeriodsFilter(filter: AnalysisFilterState): SurveyAnalysisFilter {
  const { campaignIds: _campaigns, periodLabels: _periods, ...rest } = toAnalysisFilter(filter);
  return rest;
}

/** One period of the comparison: the across-periods filter narrowed to that period label. */
export function toPeriodFilter(filter: AnalysisFilterState, periodLabel: string): SurveyAnalysisFilter {
  return { ...toAcrossPeriodsFilter(filter), periodLabels: [periodLabel] };
}

/** The analysis criteria as a SurveyResponseFilter: the low-score list and the raw export cover what the figures do. */
export function toResponseFilter(
  filter: AnalysisFilterState,
  extra: Pick<SurveyResponseFilter, 'lowScoreOnly'> = {},
): SurveyResponseFilter {
  return { ...extra, ...toAnalysisFilter(filter) };
}

/** How many criteria are set (shown on the "clear" button). */
export function countAnalysisFilters(filter: AnalysisFilterState): number {
  return (
    (filter.campaignIds.length ? 1 : 0) +
    (filter.periodLabels.length ? 1 : 0) +
    (filter.templateKey ? 1 : 0) +
    (filter.provinces.length ? 1 : 0) +
    (filter.industries.length ? 1 : 0) +
    (filter.grades.length ? 1 : 0) +
    (filter.keyAccountStatuses.length ? 1 : 0)
  );
}

/**
 * The period label the printable quarterly report is for: the one period chosen, or else the period of the one
 * campaign chosen (or of all chosen campaigns when they share it); null when the selection spans several periods.
 */
export function reportPeriod(filter: AnalysisFilterState, campaignPeriods: ReadonlyMap<string, string>): string | null {
  if (filter.periodLabels.length === 1) return filter.periodLabels[0]!;
  if (filter.periodLabels.length > 1 || filter.campaignIds.length === 0) return null;
  const periods = uniq(filter.campaignIds.map((id) => campaignPeriods.get(id)));
  return periods.length === 1 && periods[0] ? periods[0] : null;
}

/**
 * The two periods to compare: the ones in the URL when they are known, otherwise the two newest (B = newest,
 * A = the one before). `periods` is newest first, as surveyPeriods returns them.
 */
export function comparePeriods(
  state: Pick<AnalysisState, 'compareA' | 'compareB'>,
  periods: readonly string[],
): { a: string; b: string } | null {
  if (periods.length < 2) return null;
  const known = (label: string) => (periods.includes(label) ? label : '');
  const b = known(state.compareB) || periods[0]!;
  const requestedA = known(state.compareA);
  // Without a valid, different A: the period just before B (or, for the oldest B, the one after it).
  const a =
    requestedA && requestedA !== b ? requestedA : (periods[periods.indexOf(b) + 1] ?? periods.find((p) => p !== b)!);
  return { a, b };
}

/** `/api/surveys/responses/export?…` — the raw responses (the route takes a SurveyResponseFilter as JSON). */
export function responsesExportHref(format: 'csv' | 'xlsx', filter: AnalysisFilterState): string {
  const params = new URLSearchParams({ format, filter: JSON.stringify(toResponseFilter(filter)) });
  return `/api/surveys/responses/export?${params.toString()}`;
}

/** `/api/surveys/analysis/export?…` — the analysis tables (the route takes a SurveyAnalysisFilter as JSON). */
export function analysisExportHref(format: 'csv' | 'xlsx', filter: AnalysisFilterState): string {
  const params = new URLSearchParams({ format, filter: JSON.stringify(toAnalysisFilter(filter)) });
  return `/api/surveys/analysis/export?${params.toString()}`;
}

/** `/api/surveys/report?period=<label>` — the printable PDF quarterly report. */
export function reportHref(periodLabel: string): string {
  return `/api/surveys/report?${new URLSearchParams({ period: periodLabel }).toString()}`;
}
