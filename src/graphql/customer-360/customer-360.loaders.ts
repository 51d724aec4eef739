import DataLoader from 'dataloader';
import { TZDate } from '@date-fns/tz';
import {
  Prisma,
  type Callback,
  type HistoryEntry,
  type Interaction,
  type SurveyResponse,
} from '@/generated/prisma/client';
import { prisma } from '@/server/db';
import { TIME_ZONE } from '@/i18n/config';
import { badField } from '@/server/errors';
import { decodeCursor } from '../cursor';
import { afterCursor, keysetSelect, orderByOf, type OrderKey } from '../keyset';
import { pageOf } from '../pagination.rules';
import { CONTACT_OBLIGATION_KINDS, periodOf, type TrendPeriod } from './customer-360.rules';

type Where = Record<string, unknown>;

/** One page of one customer's list, with the total of the whole (filtered) list. */
export type CustomerPage<T> = { rows: T[]; hasNextPage: boolean; endCursor: string | null; totalCount: number };

/** Reading one list of customers' rows, its filter and the viewer's scope already applied to `where`. */
type PagedSource<T extends { id: string }> = {
  /** The rows of these customers (optionally after a cursor), in the list's order, at most `take`. */
  rows: (customerIds: string[], after: Where | null, take?: number) => Promise<T[]>;
  /** Only each row's id and customer, in the list's order: the narrow read the batch of many customers starts from. */
  keys: (customerIds: string[]) => Promise<{ id: string; customer: string }[]>;
  byIds: (ids: string[]) => Promise<T[]>;
  counts: (customerIds: string[]) => Promise<Map<string, number>>;
  /** The keyset condition "after this row" (keyset.ts), or null when the row does not exist. */
  afterRow: (id: string) => Promise<Where | null>;
};

/**
 * A DataLoader of one page per customer for fixed arguments: keys are customer ids. Queries per batch, whatever the
 * number of customers: one customer → its page (LIMIT first + 1) and its count; many customers → the rows' ids and
 * customers (narrow), then the pages' rows by id, and one grouped count. With `after` (a cursor is one customer's
 * next page) each key reads its own page after the cursor row.
 */
function pagedByCustomer<T extends { id: string }>(source: PagedSource<T>, first: number, after: string | null) {
  return new DataLoader<string, CustomerPage<T>>(async (customerIds) => {
    const ids = [...customerIds];
    const countsPromise = source.counts(ids);
    let pages: T[][];
    if (after) {
      const condition = await source.afterRow(decodeCursor(after));
      if (!condition) throw badField('after', 'pagination.invalidCursor');
      pages = await Promise.all(ids.map((id) => source.rows([id], condition, first + 1)));
    } else if (ids.length === 1) {
      pages = [await source.rows(ids, null, first + 1)];
    } else {
      const wanted = new Map<string, string[]>(ids.map((id) => [id, []]));
      for (const key of await source.keys(ids)) {
        const list = wanted.get(key.customer);
        if (list && list.length <= first) list.push(key.id);
      }
      const rows = new Map((await source.byIds([...wanted.values()].flat())).map((row) => [row.id, row]));
      pages = ids.map((id) =>
        wanted
          .get(id)!
          .map((rowId) => rows.get(rowId)!)
          .filter(Boolean),
      );
    }
    const counts = await countsPromise;
    return ids.map((id, i) => ({ ...pageOf(pages[i]!, first), totalCount: counts.get(id) ?? 0 }));
  });
}

/** The counts per customer of a grouped count's rows. */
const countMap = <K extends string>(groups: ({ _count: { _all: number } } & Record<K, string | null>)[], key: K) =>
  new Map(groups.map((g) => [g[key] as string, g._count._all]));

const NEWEST_FIRST = [
  { field: 'createdAt', direction: 'desc' },
  { field: 'id', direction: 'desc' },
] as const satisfies readonly OrderKey<'createdAt' | 'id'>[];
const LATEST_SUBMITTED_FIRST = [
  { field: 'submittedAt', direction: 'desc', nullsLast: true },
  { field: 'id', direction: 'desc' },
] as const satisfies readonly OrderKey<'submittedAt' | 'id'>[];

/** A customer's interactions matching `where` (the viewer's scope and the filter), newest first. */
export function interactionSource(where: Prisma.InteractionWhereInput): PagedSource<Interaction> {
  const of = (customerIds: string[]) => ({ AND: [where, { customerId: { in: customerIds } }] });
  const orderBy = orderByOf(NEWEST_FIRST) as Prisma.InteractionOrderByWithRelationInput[];
  return {
    rows: (ids, after, take) =>
      prisma.interaction.findMany({ where: { AND: [of(ids), ...(after ? [after] : [])] }, orderBy, take }),
    keys: async (ids) =>
      (await prisma.interaction.findMany({ where: of(ids), orderBy, select: { id: true, customerId: true } })).map(
        (r) => ({ id: r.id, customer: r.customerId! }),
      ),
    byIds: (ids) => prisma.interaction.findMany({ where: { id: { in: ids } } }),
    counts: async (ids) =>
      countMap(
        await prisma.interaction.groupBy({ by: ['customerId'], where: of(ids), _count: { _all: true } }),
        'customerId',
      ),
    afterRow: async (id) => {
      const row = await prisma.interaction.findUnique({ where: { id }, select: keysetSelect(NEWEST_FIRST) });
      return row ? afterCursor(NEWEST_FIRST, row) : null;
    },
  };
}

/** A customer's callback tasks matching `where`, newest first. */
export function callbackSource(where: Prisma.CallbackWhereInput): PagedSource<Callback> {
  const of = (customerIds: string[]) => ({ AND: [where, { customerId: { in: customerIds } }] });
  const orderBy = orderByOf(NEWEST_FIRST) as Prisma.CallbackOrderByWithRelationInput[];
  return {
    rows: (ids, after, take) =>
      prisma.callback.findMany({ where: { AND: [of(ids), ...(after ? [after] : [])] }, orderBy, take }),
    keys: async (ids) =>
      (await prisma.callback.findMany({ where: of(ids), orderBy, select: { id: true, customerId: true } })).map(
        (r) => ({ id: r.id, customer: r.customerId! }),
      ),
    byIds: (ids) => prisma.callback.findMany({ where: { id: { in: ids } } }),
    counts: async (ids) =>
      countMap(
        await prisma.callback.groupBy({ by: ['customerId'], where: of(ids), _count: { _all: true } }),
        'customerId',
      ),
    afterRow: async (id) => {
      const row = await prisma.callback.findUnique({ where: { id }, select: keysetSelect(NEWEST_FIRST) });
      return row ? afterCursor(NEWEST_FIRST, row) : null;
    },
  };
}

/** A customer's submitted survey responses, latest first (drafts are not responses yet). */
export function surveyResponseSource(): PagedSource<SurveyResponse> {
  const of = (customerIds: string[]) => ({ customerId: { in: customerIds }, submittedAt: { not: null } });
  const orderBy = orderByOf(LATEST_SUBMITTED_FIRST) as Prisma.SurveyResponseOrderByWithRelationInput[];
  return {
    rows: (ids, after, take) =>
      prisma.surveyResponse.findMany({ where: { AND: [of(ids), ...(after ? [after] : [])] }, orderBy, take }),
    keys: async (ids) =>
      (await prisma.surveyResponse.findMany({ where: of(ids), orderBy, select: { id: true, customerId: true } })).map(
        (r) => ({ id: r.id, customer: r.customerId }),
      ),
    byIds: (ids) => prisma.surveyResponse.findMany({ where: { id: { in: ids } } }),
    counts: async (ids) =>
      countMap(
        await prisma.surveyResponse.groupBy({ by: ['customerId'], where: of(ids), _count: { _all: true } }),
        'customerId',
      ),
    afterRow: async (id) => {
      const row = await prisma.surveyResponse.findUnique({
        where: { id },
        select: keysetSelect(LATEST_SUBMITTED_FIRST),
      });
      return row ? afterCursor(LATEST_SUBMITTED_FIRST, row) : null;
    },
  };
}

/** The customer records' own history entries (entityType Customer), newest first. */
export function customerHistorySource(): PagedSource<HistoryEntry> {
  const of = (customerIds: string[]) => ({ entityType: 'Customer', entityId: { in: customerIds } });
  const orderBy = orderByOf(NEWEST_FIRST) as Prisma.HistoryEntryOrderByWithRelationInput[];
  return {
    rows: (ids, after, take) =>
      prisma.historyEntry.findMany({ where: { AND: [of(ids), ...(after ? [after] : [])] }, orderBy, take }),
    keys: async (ids) =>
      (await prisma.historyEntry.findMany({ where: of(ids), orderBy, select: { id: true, entityId: true } })).map(
        (r) => ({ id: r.id, customer: r.entityId }),
      ),
    byIds: (ids) => prisma.historyEntry.findMany({ where: { id: { in: ids } } }),
    counts: async (ids) =>
      countMap(
        await prisma.historyEntry.groupBy({ by: ['entityId'], where: of(ids), _count: { _all: true } }),
        'entityId',
      ),
    afterRow: async (id) => {
      const row = await prisma.historyEntry.findUnique({ where: { id }, select: keysetSelect(NEWEST_FIRST) });
      return row ? afterCursor(NEWEST_FIRST, row) : null;
    },
  };
}

export type SatisfactionPoint = {
  period: string;
  startsAt: Date;
  responseCount: number;
  averageIndexScore: number;
  lowScoreCount: number;
};

/** Mean index per calendar period (company time zone) of each customer's submitted responses, oldest first. */
function satisfactionTrendLoader(period: TrendPeriod, last: number) {
  return new DataLoader<string, SatisfactionPoint[]>(async (customerIds) => {
    // A customer answers a few surveys a year: their scores are read whole and grouped here.
    const responses = await prisma.surveyResponse.findMany({
      where: { customerId: { in: [...customerIds] }, submittedAt: { not: null }, indexScore: { not: null } },
      select: { customerId: true, submittedAt: true, indexScore: true, lowScore: true },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    });
    const byCustomer = new Map<string, Map<string, SatisfactionPoint & { sum: number }>>();
    for (const r of responses) {
      const local = new TZDate(r.submittedAt!.getTime(), TIME_ZONE);
      const { label, startMonth } = periodOf(period, local.getFullYear(), local.getMonth() + 1);
      const points = byCustomer.get(r.customerId) ?? new Map<string, SatisfactionPoint & { sum: number }>();
      byCustomer.set(r.customerId, points);
      const point = points.get(label) ?? {
        period: label,
        startsAt: new Date(new TZDate(local.getFullYear(), startMonth - 1, 1, TIME_ZONE).getTime()),
        responseCount: 0,
        averageIndexScore: 0,
        lowScoreCount: 0,
        sum: 0,
      };
      points.set(label, point);
      point.responseCount += 1;
      point.sum += Number(r.indexScore);
      if (r.lowScore) point.lowScoreCount += 1;
    }
    return customerIds.map((id) =>
      [...(byCustomer.get(id)?.values() ?? [])].slice(-last).map(({ sum, ...point }) => ({
        ...point,
        averageIndexScore: Math.round((sum / point.responseCount) * 100) / 100,
      })),
    );
  });
}

export type ContractSummary = {
  count: number;
  totalAmount: Prisma.Decimal;
  firstSignedAt: Date | null;
  lastSignedAt: Date | null;
};

export type ScheduledContact = {
  kind: 'CALLBACK' | 'KEY_ACCOUNT_OBLIGATION';
  dueAt: Date;
  callbackReason: Callback['reason'] | null;
  obligationKind: string | null;
};

/** Memoises one loader per distinct argument list (rows of one list share theirs, so they still batch together). */
function perArgs<A extends unknown[], L>(make: (...args: A) => L): (...args: A) => L {
  const made = new Map<string, L>();
  return (...args) => {
    const key = JSON.stringify(args);
    let loader = made.get(key);
    if (!loader) made.set(key, (loader = make(...args)));
    return loader;
  };
}

/** DataLoaders of the customer 360 page (created per request in src/graphql/loaders.ts). */
export function customer360LoaderFactories() {
  return {
    // The sources carry the viewer's scope and the filter in `where` (part of the loader's key: same where, one loader).
    customerInteractionPages: () =>
      perArgs((where: Prisma.InteractionWhereInput, first: number, after: string | null) =>
        pagedByCustomer(interactionSource(where), first, after),
      ),
    customerCallbackPages: () =>
      perArgs((where: Prisma.CallbackWhereInput, first: number, after: string | null) =>
        pagedByCustomer(callbackSource(where), first, after),
      ),
    customerSurveyResponsePages: () =>
      perArgs((first: number, after: string | null) => pagedByCustomer(surveyResponseSource(), first, after)),
    customerHistoryPages: () =>
      perArgs((first: number, after: string | null) => pagedByCustomer(customerHistorySource(), first, after)),
    customerSatisfactionTrend: () => perArgs(satisfactionTrendLoader),
    customerContractSummary: () =>
      new DataLoader<string, ContractSummary>(async (ids) => {
        const groups = await prisma.contract.groupBy({
          by: ['customerId'],
          where: { customerId: { in: [...ids] } },
          _count: { _all: true },
          _sum: { amount: true },
          _min: { signedAt: true },
          _max: { signedAt: true },
        });
        const byId = new Map(groups.map((g) => [g.customerId, g]));
        return ids.map((id) => {
          const g = byId.get(id);
          return {
            count: g?._count._all ?? 0,
            totalAmount: g?._sum.amount ?? new Prisma.Decimal(0),
            firstSignedAt: g?._min.signedAt ?? null,
            lastSignedAt: g?._max.signedAt ?? null,
          };
        });
      }),
    customerNextScheduledContact: () =>
      new DataLoader<string, ScheduledContact | null>(async (ids) => {
        const customerIds = [...ids];
        // The earliest per customer, one row each (DISTINCT ON), from the (customerId) indexes of both tables.
        const [callbacks, obligations] = await Promise.all([
          prisma.$queryRaw<{ customerId: string; dueAt: Date; reason: Callback['reason'] }[]>`
            SELECT DISTINCT ON ("customerId") "customerId", "dueAt", "reason"
            FROM "Callback"
            WHERE "customerId" = ANY(${customerIds}::uuid[]) AND "status" = 'PENDING'
            ORDER BY "customerId", "dueAt", "id"`,
          prisma.$queryRaw<{ customerId: string; dueAt: Date; kind: string }[]>`
            SELECT DISTINCT ON ("customerId") "customerId", "dueAt", "kind"::text AS "kind"
            FROM "KeyAccountObligation"
            WHERE "customerId" = ANY(${customerIds}::uuid[]) AND "status" = 'OPEN'
              AND "kind"::text = ANY(${[...CONTACT_OBLIGATION_KINDS]}::text[])
            ORDER BY "customerId", "dueAt", "id"`,
        ]);
        const next = new Map<string, ScheduledContact>();
        const offer = (customerId: string, contact: ScheduledContact) => {
          const current = next.get(customerId);
          if (!current || contact.dueAt < current.dueAt) next.set(customerId, contact);
        };
        for (const c of callbacks)
          offer(c.customerId, { kind: 'CALLBACK', dueAt: c.dueAt, callbackReason: c.reason, obligationKind: null });
        for (const o of obligations)
          offer(o.customerId, {
            kind: 'KEY_ACCOUNT_OBLIGATION',
            dueAt: o.dueAt,
            callbackReason: null,
            obligationKind: o.kind,
          });
        return customerIds.map((id) => next.get(id) ?? null);
      }),
  };
}
