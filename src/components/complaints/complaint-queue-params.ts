import type { CauseClass, ComplaintQueueFilter, ComplaintQueueSort, Severity } from '@/gql/graphql';
import { CAUSE_CLASSES, SEVERITIES_GRAVEST_FIRST } from '@/graphql/complaints/complaint-workflow.rules';

// The work queue's filter and order live in the URL (?severity=CRISIS,MAJOR&dept=…&sort=NEWEST), so a filtered
// queue can be bookmarked and shared; this module is the one translation between the two.

export const QUEUE_SORTS: readonly ComplaintQueueSort[] = ['DUE_SOONEST', 'SEVERITY', 'NEWEST', 'OLDEST'];

export type QueueView = {
  severity: Severity[];
  causeClass: CauseClass[];
  departmentId: string;
  ownerId: string;
  keyAccount: boolean | null;
  search: string;
  sort: ComplaintQueueSort;
};

export const EMPTY_VIEW: QueueView = {
  severity: [],
  causeClass: [],
  departmentId: '',
  ownerId: '',
  keyAccount: null,
  search: '',
  sort: 'DUE_SOONEST',
};

const listOf = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));

/** Reads the view from URL parameters; unknown values are dropped rather than sent to the server. */
export function viewFromParams(params: URLSearchParams): QueueView {
  const keyAccount = params.get('ka');
  const sort = params.get('sort');
  return {
    severity: listOf(params.get('severity'), SEVERITIES_GRAVEST_FIRST),
    causeClass: listOf(params.get('cause'), CAUSE_CLASSES),
    departmentId: params.get('dept') ?? '',
    ownerId: params.get('owner') ?? '',
    keyAccount: keyAccount === '1' ? true : keyAccount === '0' ? false : null,
    search: params.get('q') ?? '',
    sort: QUEUE_SORTS.find((s) => s === sort) ?? 'DUE_SOONEST',
  };
}

/** Writes the view into a copy of the URL parameters (other parameters, such as the queue, are kept). */
export function paramsWithView(params: URLSearchParams, view: QueueView): URLSearchParams {
  const next = new URLSearchParams(params.toString());
  const set = (key: string, value: string) => (value ? next.set(key, value) : next.delete(key));
  set('severity', view.severity.join(','));
  set('cause', view.causeClass.join(','));
  set('dept', view.departmentId);
  set('owner', view.ownerId);
  set('ka', view.keyAccount === null ? '' : view.keyAccount ? '1' : '0');
  set('q', view.search.trim());
  set('sort', view.sort === 'DUE_SOONEST' ? '' : view.sort);
  return next;
}

/** The GraphQL filter for a view, or null when nothing narrows the queue. */
export function filterOf(view: QueueView): ComplaintQueueFilter | null {
  const filter: ComplaintQueueFilter = {};
  if (view.severity.length) filter.severity = view.severity;
  if (view.causeClass.length) filter.causeClass = view.causeClass;
  if (view.departmentId) filter.responsibleDepartmentId = view.departmentId;
  if (view.ownerId) filter.ownerId = view.ownerId;
  if (view.keyAccount !== null) filter.keyAccount = view.keyAccount;
  if (view.search.trim()) filter.search = view.search.trim();
  return Object.keys(filter).length ? filter : null;
}

export const isFiltered = (view: QueueView) => filterOf(view) !== null;
