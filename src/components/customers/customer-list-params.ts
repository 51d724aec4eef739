import type {
  CreditStanding,
  CustomerFilter,
  CustomerGrade,
  CustomerSort,
  CustomerSortField,
  CustomerSource,
  CustomerStatus,
  KeyAccountStatus,
  SortDirection,
} from '@/gql/graphql';
import { CUSTOMER_TEXT_FILTERS, MONEY_PATTERN } from '@/graphql/customers/customer-fields.rules';
import { allowed, CUSTOMER_GRADE, KEY_ACCOUNT_STATUS, keysOf, uniq } from '@/lib/url-values';

/**
 * The customer list's state as it lives in the URL query string, so a filtered, sorted view can be shared and
 * reloaded. Pure functions, no React: `parseListParams(url) → state`, `listParamsToSearch(state) → query string`,
 * and `toGraphQLFilter(state)` for the API. Unknown or malformed values in a URL are dropped, never sent.
 */

// Records keyed by the generated enum types: adding a value to the GraphQL enum fails the type check here until the
// UI knows about it.
const STATUS: Record<CustomerStatus, true> = {
  PROSPECT: true,
  ACTIVE: true,
  SUSPENDED: true,
  REVOKED: true,
  EXPIRED: true,
};
const CREDIT: Record<CreditStanding, true> = { GOOD: true, FAIR: true, POOR: true };
const SOURCE: Record<CustomerSource, true> = {
  TRADE_SHOW: true,
  REFERRAL: true,
  ADVERTISEMENT: true,
  WALK_IN: true,
  OTHER: true,
};
const SORT_FIELDS: Record<CustomerSortField, true> = {
  NAME: true,
  CONTRACT_NO: true,
  CERTIFICATE_NO: true,
  PROVINCE: true,
  STATUS: true,
  APPLICATION_ACCEPTED_AT: true,
  AUDIT_DATE: true,
  PLANNED_SURVEILLANCE_DATE: true,
  IMPLEMENTATION_DATE: true,
  INITIAL_AUDIT_FEE: true,
  SURVEILLANCE_AUDIT_FEE: true,
  CREATED_AT: true,
  UPDATED_AT: true,
};

export const STATUS_VALUES = keysOf(STATUS);
export const CREDIT_VALUES = keysOf(CREDIT);
export const SOURCE_VALUES = keysOf(SOURCE);
export const GRADE_VALUES = keysOf(CUSTOMER_GRADE);
export const KEY_ACCOUNT_VALUES = keysOf(KEY_ACCOUNT_STATUS);
export const SORT_FIELD_VALUES = keysOf(SORT_FIELDS);

/** Substring filters, in the order the filter panel shows them. */
export const TEXT_FILTER_KEYS = CUSTOMER_TEXT_FILTERS satisfies readonly (keyof CustomerFilter)[];
export type TextFilterKey = (typeof TEXT_FILTER_KEYS)[number];

export const DATE_RANGE_KEYS = [
  'applicationAcceptedAt',
  'auditDate',
  'plannedSurveillanceDate',
  'implementationDate',
] as const satisfies readonly (keyof CustomerFilter)[];
export type DateRangeKey = (typeof DATE_RANGE_KEYS)[number];

export const MONEY_RANGE_KEYS = [
  'initialAuditFee',
  'surveillanceAuditFee',
] as const satisfies readonly (keyof CustomerFilter)[];
export type MoneyRangeKey = (typeof MONEY_RANGE_KEYS)[number];

export type EnumFilterValues = {
  status: CustomerStatus[];
  creditStanding: CreditStanding[];
  source: CustomerSource[];
  grade: CustomerGrade[];
  keyAccountStatus: KeyAccountStatus[];
};
export type EnumFilterKey = keyof EnumFilterValues;
export const ENUM_FILTER_VALUES: { [K in EnumFilterKey]: readonly EnumFilterValues[K][number][] } = {
  status: STATUS_VALUES,
  creditStanding: CREDIT_VALUES,
  source: SOURCE_VALUES,
  grade: GRADE_VALUES,
  keyAccountStatus: KEY_ACCOUNT_VALUES,
};
export const ENUM_FILTER_KEYS = Object.keys(ENUM_FILTER_VALUES) as EnumFilterKey[];

export const FACET_FILTER_KEYS = ['province', 'industry'] as const satisfies readonly (keyof CustomerFilter)[];
export type FacetFilterKey = (typeof FACET_FILTER_KEYS)[number];

/** 'active' = not archived (the default), 'archived' = archived only, 'all' = both. */
export type ArchivedScope = 'active' | 'archived' | 'all';

export type CustomerFilterState = EnumFilterValues & {
  search: string;
  text: Record<TextFilterKey, string>;
  province: string[];
  industry: string[];
  dates: Record<DateRangeKey, { from: string; to: string }>;
  money: Record<MoneyRangeKey, { min: string; max: string }>;
  ownerId: string;
  archived: ArchivedScope;
};

export type CustomerListState = {
  filter: CustomerFilterState;
  /** null = the server's default order (most recently updated first). */
  sort: { field: CustomerSortField; direction: SortDirection } | null;
  pageSize: number;
};

// Every CustomerFilter field is handled above; a new one fails this check until the list knows about it.
type HandledFilterKey =
  TextFilterKey | DateRangeKey | MoneyRangeKey | EnumFilterKey | FacetFilterKey | 'search' | 'ownerId' | 'archived';
type UnhandledFilterKey = Exclude<keyof CustomerFilter, HandledFilterKey>;
const everyFilterHandled: [UnhandledFilterKey] extends [never] ? true : UnhandledFilterKey = true;
void everyFilterHandled;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isDateString = (value: string) =>
  DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());
/** An amount the server accepts (customer-fields.rules.ts): checked here so the form can name the field. */
export const isMoneyString = (value: string) => MONEY_PATTERN.test(value);

/** "¥12,800.5 " → "12800.5" — what a person types into a money box, as the API's decimal string. */
export function normaliseMoneyInput(value: string): string {
  return value.replace(/[\s,，¥￥]/g, '');
}

const fromRecord = <K extends string, V>(keys: readonly K[], make: (key: K) => V) =>
  Object.fromEntries(keys.map((k) => [k, make(k)])) as Record<K, V>;

export function emptyFilter(): CustomerFilterState {
  return {
    search: '',
    text: fromRecord(TEXT_FILTER_KEYS, () => ''),
    status: [],
    creditStanding: [],
    source: [],
    grade: [],
    keyAccountStatus: [],
    province: [],
    industry: [],
    dates: fromRecord(DATE_RANGE_KEYS, () => ({ from: '', to: '' })),
    money: fromRecord(MONEY_RANGE_KEYS, () => ({ min: '', max: '' })),
    ownerId: '',
    archived: 'active',
  };
}

/** URL parameter names. Lists repeat the parameter (`status=ACTIVE&status=PROSPECT`), so values may hold commas. */
const P = {
  search: 'q',
  owner: 'owner',
  archived: 'archived',
  sort: 'sort',
  direction: 'dir',
  pageSize: 'size',
  from: (key: DateRangeKey) => `${key}From`,
  to: (key: DateRangeKey) => `${key}To`,
  min: (key: MoneyRangeKey) => `${key}Min`,
  max: (key: MoneyRangeKey) => `${key}Max`,
} as const;

type ReadableParams = Pick<URLSearchParams, 'get' | 'getAll'>;

export function parseListParams(params: ReadableParams): CustomerListState {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const filter = emptyFilter();
  filter.search = text(P.search);
  for (const key of TEXT_FILTER_KEYS) filter.text[key] = text(key);
  filter.status = allowed(params.getAll('status'), STATUS);
  filter.creditStanding = allowed(params.getAll('creditStanding'), CREDIT);
  filter.source = allowed(params.getAll('source'), SOURCE);
  filter.grade = allowed(params.getAll('grade'), CUSTOMER_GRADE);
  filter.keyAccountStatus = allowed(params.getAll('keyAccountStatus'), KEY_ACCOUNT_STATUS);
  for (const key of FACET_FILTER_KEYS)
    filter[key] = uniq(
      params
        .getAll(key)
        .map((v) => v.trim())
        .filter(Boolean),
    );
  for (const key of DATE_RANGE_KEYS) {
    const from = text(P.from(key));
    const to = text(P.to(key));
    filter.dates[key] = { from: isDateString(from) ? from : '', to: isDateString(to) ? to : '' };
  }
  for (const key of MONEY_RANGE_KEYS) {
    const min = normaliseMoneyInput(text(P.min(key)));
    const max = normaliseMoneyInput(text(P.max(key)));
    filter.money[key] = { min: isMoneyString(min) ? min : '', max: isMoneyString(max) ? max : '' };
  }
  const owner = text(P.owner);
  filter.ownerId = UUID.test(owner) ? owner : '';
  const archived = text(P.archived);
  filter.archived = archived === 'archived' || archived === 'all' ? archived : 'active';

  const sortField = text(P.sort);
  const direction = text(P.direction).toUpperCase();
  const sort = Object.prototype.hasOwnProperty.call(SORT_FIELDS, sortField)
    ? { field: sortField as CustomerSortField, direction: (direction === 'DESC' ? 'DESC' : 'ASC') as SortDirection }
    : null;

  const size = Number(text(P.pageSize));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
  return { filter, sort, pageSize };
}

/** The query string for a list state, without the leading "?"; defaults are left out so URLs stay short. */
export function listParamsToSearch(state: CustomerListState): string {
  const params = new URLSearchParams();
  const { filter } = state;
  if (filter.search.trim()) params.set(P.search, filter.search.trim());
  for (const key of TEXT_FILTER_KEYS) if (filter.text[key].trim()) params.set(key, filter.text[key].trim());
  for (const key of ENUM_FILTER_KEYS) for (const value of filter[key]) params.append(key, value);
  for (const key of FACET_FILTER_KEYS) for (const value of filter[key]) params.append(key, value);
  for (const key of DATE_RANGE_KEYS) {
    if (filter.dates[key].from) params.set(P.from(key), filter.dates[key].from);
    if (filter.dates[key].to) params.set(P.to(key), filter.dates[key].to);
  }
  for (const key of MONEY_RANGE_KEYS) {
    if (filter.money[key].min) params.set(P.min(key), filter.money[key].min);
    if (filter.money[key].max) params.set(P.max(key), filter.money[key].max);
  }
  if (filter.ownerId) params.set(P.owner, filter.ownerId);
  if (filter.archived !== 'active') params.set(P.archived, filter.archived);
  if (state.sort) {
    params.set(P.sort, state.sort.field);
    params.set(P.direction, state.sort.direction.toLowerCase());
  }
  if (state.pageSize !== DEFAULT_PAGE_SIZE) params.set(P.pageSize, String(state.pageSize));
  return params.toString();
}

/** The GraphQL CustomerFilter for a state: only the fields that filter something, plus the archived scope. */
export function toGraphQLFilter(filter: CustomerFilterState): CustomerFilter {
  const out: CustomerFilter = {};
  if (filter.search.trim()) out.search = filter.search.trim();
  for (const key of TEXT_FILTER_KEYS) if (filter.text[key].trim()) out[key] = filter.text[key].trim();
  if (filter.status.length) out.status = filter.status;
  if (filter.creditStanding.length) out.creditStanding = filter.creditStanding;
  if (filter.source.length) out.source = filter.source;
  if (filter.grade.length) out.grade = filter.grade;
  if (filter.keyAccountStatus.length) out.keyAccountStatus = filter.keyAccountStatus;
  if (filter.province.length) out.province = filter.province;
  if (filter.industry.length) out.industry = filter.industry;
  for (const key of DATE_RANGE_KEYS) {
    const { from, to } = filter.dates[key];
    if (from || to) out[key] = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  for (const key of MONEY_RANGE_KEYS) {
    const min = normaliseMoneyInput(filter.money[key].min);
    const max = normaliseMoneyInput(filter.money[key].max);
    if (min || max) out[key] = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
  }
  if (filter.ownerId) out.ownerId = filter.ownerId;
  // The API's default is active records only; null asks for both.
  out.archived = filter.archived === 'active' ? false : filter.archived === 'archived' ? true : null;
  return out;
}

export function toGraphQLSort(sort: CustomerListState['sort']): CustomerSort | null {
  return sort ? { field: sort.field, direction: sort.direction } : null;
}

/** Clicking a column header: first ascending, then descending, then back to the default order. */
export function nextSort(current: CustomerListState['sort'], field: CustomerSortField): CustomerListState['sort'] {
  if (current?.field !== field) return { field, direction: 'ASC' };
  if (current.direction === 'ASC') return { field, direction: 'DESC' };
  return null;
}

/** How many filters (beyond the search box and the archived scope) are set — shown on the filter button. */
export function countActiveFilters(filter: CustomerFilterState): number {
  let n = 0;
  for (const key of TEXT_FILTER_KEYS) if (filter.text[key].trim()) n++;
  for (const key of ENUM_FILTER_KEYS) if (filter[key].length) n++;
  for (const key of FACET_FILTER_KEYS) if (filter[key].length) n++;
  for (const key of DATE_RANGE_KEYS) if (filter.dates[key].from || filter.dates[key].to) n++;
  for (const key of MONEY_RANGE_KEYS) if (filter.money[key].min || filter.money[key].max) n++;
  if (filter.ownerId) n++;
  if (filter.archived !== 'active') n++;
  return n;
}

/** Problems in a staged filter that would make the API refuse it, keyed like the panel's inputs. */
export function filterProblems(
  filter: CustomerFilterState,
): Partial<Record<DateRangeKey | MoneyRangeKey, 'invalidMoney' | 'rangeReversed'>> {
  const problems: Partial<Record<DateRangeKey | MoneyRangeKey, 'invalidMoney' | 'rangeReversed'>> = {};
  for (const key of DATE_RANGE_KEYS) {
    const { from, to } = filter.dates[key];
    if (from && to && from > to) problems[key] = 'rangeReversed';
  }
  for (const key of MONEY_RANGE_KEYS) {
    const min = normaliseMoneyInput(filter.money[key].min);
    const max = normaliseMoneyInput(filter.money[key].max);
    if ((min && !isMoneyString(min)) || (max && !isMoneyString(max))) problems[key] = 'invalidMoney';
    else if (min && max && Number(min) > Number(max)) problems[key] = 'rangeReversed';
  }
  return problems;
}

/** `/api/customers/export?…` for the current filter and sort. */
export function exportHref(format: 'csv' | 'xlsx', state: Pick<CustomerListState, 'filter' | 'sort'>): string {
  const params = new URLSearchParams({ format, filter: JSON.stringify(toGraphQLFilter(state.filter)) });
  const sort = toGraphQLSort(state.sort);
  if (sort) params.set('sort', JSON.stringify(sort));
  return `/api/customers/export?${params.toString()}`;
}
