import type { CustomerGrade, KeyAccountStatus, SurveyAudienceInput } from '@/gql/graphql';

/**
 * The campaign form's audience builder as plain data: "all active customers" or a segment (every criterion given must
 * hold, as SurveyAudienceInput says), and its conversion to the API's input. Explicit customers are kept with their
 * names for display; only their ids are sent.
 */

export const GRADES: readonly CustomerGrade[] = ['A', 'B', 'C', 'D'];
export const KEY_ACCOUNT_STATUSES: readonly KeyAccountStatus[] = ['ACTIVE', 'CANDIDATE', 'NONE', 'REVOKED'];

export type AudienceCustomer = { id: string; name: string; contractNo: string | null };

export type AudienceState = {
  mode: 'all' | 'segment';
  provinces: string[];
  industries: string[];
  grades: CustomerGrade[];
  keyAccountStatuses: KeyAccountStatus[];
  /** Calendar dates (YYYY-MM-DD) or '' for an open end. */
  complaintClosedFrom: string;
  complaintClosedTo: string;
  customers: AudienceCustomer[];
};

export const emptyAudience = (): AudienceState => ({
  mode: 'all',
  provinces: [],
  industries: [],
  grades: [],
  keyAccountStatuses: [],
  complaintClosedFrom: '',
  complaintClosedTo: '',
  customers: [],
});

/** The segment's criteria as SurveyAudienceInput: only what is set; "all customers" is the empty input. */
export function toAudienceInput(state: AudienceState): SurveyAudienceInput {
  if (state.mode === 'all') return {};
  const input: SurveyAudienceInput = {};
  if (state.provinces.length) input.provinces = [...state.provinces];
  if (state.industries.length) input.industries = [...state.industries];
  if (state.grades.length) input.grades = [...state.grades];
  if (state.keyAccountStatuses.length) input.keyAccountStatuses = [...state.keyAccountStatuses];
  if (state.complaintClosedFrom || state.complaintClosedTo) {
    input.complaintClosed = { from: state.complaintClosedFrom || null, to: state.complaintClosedTo || null };
  }
  if (state.customers.length) input.customerIds = state.customers.map((c) => c.id);
  return input;
}

type SavedAudience = {
  provinces: readonly string[];
  industries: readonly string[];
  grades: readonly CustomerGrade[];
  keyAccountStatuses: readonly KeyAccountStatus[];
  complaintClosedFrom?: string | null;
  complaintClosedTo?: string | null;
  customerIds: readonly string[];
};

/** A stored audience back into the builder; `names` resolves the explicit customers' ids (unknown ones keep the id). */
export function audienceFromSaved(
  saved: SavedAudience,
  names: ReadonlyMap<string, AudienceCustomer> = new Map(),
): AudienceState {
  const state: AudienceState = {
    mode: 'segment',
    provinces: [...saved.provinces],
    industries: [...saved.industries],
    grades: [...saved.grades],
    keyAccountStatuses: [...saved.keyAccountStatuses],
    complaintClosedFrom: saved.complaintClosedFrom ?? '',
    complaintClosedTo: saved.complaintClosedTo ?? '',
    customers: saved.customerIds.map((id) => names.get(id) ?? { id, name: id, contractNo: null }),
  };
  return countCriteria(state) === 0 ? { ...state, mode: 'all' } : state;
}

/** How many criteria the segment sets (0: it is everyone). */
export function countCriteria(state: AudienceState): number {
  return (
    (state.provinces.length ? 1 : 0) +
    (state.industries.length ? 1 : 0) +
    (state.grades.length ? 1 : 0) +
    (state.keyAccountStatuses.length ? 1 : 0) +
    (state.complaintClosedFrom || state.complaintClosedTo ? 1 : 0) +
    (state.customers.length ? 1 : 0)
  );
}

/** Problems the server would refuse: a closing-date range that ends before it starts. */
export function audienceProblems(state: AudienceState): { complaintClosed?: 'order' } {
  if (
    state.mode === 'segment' &&
    state.complaintClosedFrom &&
    state.complaintClosedTo &&
    state.complaintClosedFrom > state.complaintClosedTo
  ) {
    return { complaintClosed: 'order' };
  }
  return {};
}

/** Adds a customer once; picking the same one again changes nothing. */
export const addCustomer = (state: AudienceState, customer: AudienceCustomer): AudienceState =>
  state.customers.some((c) => c.id === customer.id) ? state : { ...state, customers: [...state.customers, customer] };

export const removeCustomer = (state: AudienceState, id: string): AudienceState => ({
  ...state,
  customers: state.customers.filter((c) => c.id !== id),
});

/** A stable key for the preview request: the same criteria in another order are the same audience. */
export function audienceKey(input: SurveyAudienceInput): string {
  const sorted = (values: readonly (string | number)[] | null | undefined) =>
    values ? values.map(String).sort() : undefined;
  return JSON.stringify({
    p: sorted(input.provinces),
    i: sorted(input.industries),
    g: sorted(input.grades),
    k: sorted(input.keyAccountStatuses),
    c: input.complaintClosed ? [input.complaintClosed.from ?? null, input.complaintClosed.to ?? null] : undefined,
    ids: sorted(input.customerIds),
  });
}
