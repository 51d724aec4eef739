import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Customer } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma, type Tx } from '@/server/db';
import { badField, badInput, conflict, notFound, unauthenticated } from '@/server/errors';
import { appendHistory, diffFields } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { selectedColumnsSql } from '../keyset';
import { ARCHIVE_REASON_MAX_LENGTH, CUSTOMER_TEXT_FILTERS } from './customer-fields.rules';
import { buildSearchText, parseCustomerInput, type TCustomerInput } from './customer.rules';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import { emitCustomerEvent } from '../webhooks/webhook-payload.service';
import { keyAccountStatusWhere } from '../key-accounts/key-account-status.query';

type Range<T> = { from?: T | null; to?: T | null } | null | undefined;
type MoneyRange = { min?: string | null; max?: string | null } | null | undefined;

export type CustomerFilter = {
  search?: string | null;
  contractNo?: string | null;
  certificateNo?: string | null;
  name?: string | null;
  status?: readonly Customer['status'][] | null;
  province?: readonly string[] | null;
  address?: string | null;
  postcode?: string | null;
  contactPerson?: string | null;
  phone?: string | null;
  professionalCode?: string | null;
  certificationScope?: string | null;
  legalRepresentative?: string | null;
  handler?: string | null;
  businessCondition?: string | null;
  businessLines?: string | null;
  creditStanding?: readonly Customer['creditStanding'][] | null;
  industry?: readonly string[] | null;
  source?: readonly NonNullable<Customer['source']>[] | null;
  grade?: readonly NonNullable<Customer['grade']>[] | null;
  keyAccountStatus?: readonly Customer['keyAccountStatus'][] | null;
  ownerId?: string | null;
  applicationAcceptedAt?: Range<Date>;
  auditDate?: Range<Date>;
  plannedSurveillanceDate?: Range<Date>;
  implementationDate?: Range<Date>;
  initialAuditFee?: MoneyRange;
  surveillanceAuditFee?: MoneyRange;
  archived?: boolean | null;
};

export const CUSTOMER_SORT_FIELDS = {
  NAME: 'name',
  CONTRACT_NO: 'contractNo',
  CERTIFICATE_NO: 'certificateNo',
  PROVINCE: 'province',
  STATUS: 'status',
  APPLICATION_ACCEPTED_AT: 'applicationAcceptedAt',
  AUDIT_DATE: 'auditDate',
  PLANNED_SURVEILLANCE_DATE: 'plannedSurveillanceDate',
  IMPLEMENTATION_DATE: 'implementationDate',
  INITIAL_AUDIT_FEE: 'initialAuditFee',
  SURVEILLANCE_AUDIT_FEE: 'surveillanceAuditFee',
  CREATED_AT: 'createdAt',
  UPDATED_AT: 'updatedAt',
} as const satisfies Record<string, keyof Customer>;
export type CustomerSortField = keyof typeof CUSTOMER_SORT_FIELDS;
export type CustomerSort = { field: CustomerSortField; direction?: 'ASC' | 'DESC' | null };

const NON_NULL_SORT_FIELDS = new Set<string>(['name', 'status', 'createdAt', 'updatedAt']);

const contains = (text: string) => ({ contains: text, mode: 'insensitive' as const });

function dateRange(range: Range<Date>): Prisma.DateTimeNullableFilter | undefined {
  if (!range || (!range.from && !range.to)) return undefined;
  return { ...(range.from ? { gte: range.from } : {}), ...(range.to ? { lte: range.to } : {}) };
}

function moneyRange(range: MoneyRange): Prisma.DecimalNullableFilter | undefined {
  if (!range || (!range.min && !range.max)) return undefined;
  return { ...(range.min ? { gte: range.min } : {}), ...(range.max ? { lte: range.max } : {}) };
}

/** Who may read which customers: staff and API clients with customers:read all of them; a customer only itself. */
function readScope(viewer: Viewer): Prisma.CustomerWhereInput {
  if (viewer.kind === 'customer') return { id: viewer.customerId };
  requirePermission(viewer, 'customers:read');
  return {};
}

/** The Prisma filter for a CustomerFilter. Every filter here is backed by an index in schema.prisma. */
export function customerWhere(filter: CustomerFilter = {}): Prisma.CustomerWhereInput {
  const and: Prisma.CustomerWhereInput[] = [];
  const search = filter.search?.trim().toLowerCase();
  if (search) and.push({ searchText: { contains: search } });
  for (const key of CUSTOMER_TEXT_FILTERS) {
    const value = filter[key]?.trim();
    if (value) and.push({ [key]: contains(value) });
  }
  if (filter.status?.length) and.push({ status: { in: [...filter.status] } });
  if (filter.province?.length) and.push({ province: { in: [...filter.province] } });
  if (filter.creditStanding?.length) and.push({ creditStanding: { in: [...filter.creditStanding] } });
  if (filter.industry?.length) and.push({ industry: { in: [...filter.industry] } });
  if (filter.source?.length) and.push({ source: { in: [...filter.source] } });
  if (filter.grade?.length) and.push({ grade: { in: [...filter.grade] } });
  if (filter.keyAccountStatus?.length) and.push(keyAccountStatusWhere(filter.keyAccountStatus));
  if (filter.ownerId) and.push({ ownerId: filter.ownerId });
  const dates = ['applicationAcceptedAt', 'auditDate', 'plannedSurveillanceDate', 'implementationDate'] as const;
  for (const key of dates) {
    const range = dateRange(filter[key]);
    if (range) and.push({ [key]: range });
  }
  for (const key of ['initialAuditFee', 'surveillanceAuditFee'] as const) {
    const range = moneyRange(filter[key]);
    if (range) and.push({ [key]: range });
  }
  if (filter.archived === true) and.push({ archivedAt: { not: null } });
  else if (filter.archived !== null) and.push({ archivedAt: null }); // default (undefined/false): active only
  return and.length ? { AND: and } : {};
}

export function customerOrderBy(sort?: CustomerSort | null): Prisma.CustomerOrderByWithRelationInput[] {
  const field = CUSTOMER_SORT_FIELDS[sort?.field ?? 'UPDATED_AT'];
  const direction = (sort?.direction ?? (sort ? 'ASC' : 'DESC')) === 'ASC' ? 'asc' : 'desc';
  // The id breaks ties so the order is total and pages never overlap or skip rows.
  const primary = NON_NULL_SORT_FIELDS.has(field)
    ? { [field]: direction }
    : { [field]: { sort: direction, nulls: 'last' } };
  return [primary, { id: direction }];
}

export type CustomerPage = {
  rows: Customer[];
  hasNextPage: boolean;
  endCursor: string | null;
  where: Prisma.CustomerWhereInput;
};

/** One page of customers (cursor pagination; the page size is capped at MAX_PAGE_SIZE, pagination.rules.ts). */
export async function listCustomers(
  viewer: Viewer,
  args: { filter?: CustomerFilter | null; sort?: CustomerSort | null; first?: number | null; after?: string | null },
  select?: Prisma.CustomerSelect,
): Promise<CustomerPage> {
  const where: Prisma.CustomerWhereInput = { AND: [readScope(viewer), customerWhere(args.filter ?? {})] };
  const first = pageSize(args.first);
  const rows = await prisma.customer.findMany({
    where,
    orderBy: customerOrderBy(args.sort),
    ...cursorArgs(first, args.after),
    ...(select ? { select } : {}),
  });
  return { ...pageOf(rows as Customer[], first), where };
}

export async function countCustomers(where: Prisma.CustomerWhereInput): Promise<number> {
  return prisma.customer.count({ where });
}

/** Fee and contract totals over the whole filtered set (SPEC §1: columns chosen for calculation). */
export async function customerTotals(where: Prisma.CustomerWhereInput) {
  const [fees, contracts] = await Promise.all([
    prisma.customer.aggregate({
      where,
      _count: { _all: true },
      _sum: { initialAuditFee: true, surveillanceAuditFee: true },
    }),
    prisma.contract.aggregate({ where: { customer: where }, _sum: { amount: true } }),
  ]);
  const zero = new Prisma.Decimal(0);
  return {
    count: fees._count._all,
    initialAuditFee: fees._sum.initialAuditFee ?? zero,
    surveillanceAuditFee: fees._sum.surveillanceAuditFee ?? zero,
    contractAmount: contracts._sum.amount ?? zero,
  };
}

/** A customer the viewer may read, or NOT_FOUND (also for another organisation's id, so ids cannot be probed). */
export async function getCustomer(viewer: Viewer, id: string, select?: Prisma.CustomerSelect): Promise<Customer> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!isUuid(id)) throw notFound('Customer');
  // readScope's rule: a customer reaches their own record only; staff and API keys with customers:read every one.
  if (viewer.kind !== 'customer') requirePermission(viewer, 'customers:read');
  else if (viewer.customerId !== id) throw notFound('Customer');
  const [row] = await customerRowsById([id], select);
  if (!row) throw notFound('Customer');
  // With a select the row holds only the columns the operation asked for (selection.ts guarantees they cover it).
  return row;
}

// Every column findMany returns: the search text is omitted by the client (src/server/db.ts), so it is here too.
const CUSTOMER_COLUMNS: Prisma.CustomerSelect = Object.fromEntries(
  Object.values(Prisma.CustomerScalarFieldEnum)
    .filter((column) => column !== 'searchText')
    .map((column) => [column, true]),
);

/**
 * Customers by id — the columns of `select` (a select of columns, as selection.ts makes; every column without one) — as
 * one SQL statement, in no particular order. customer(id) and the customers a page of records names are the busiest
 * reads of this table, and Prisma's query building and row mapping cost about as much CPU as the rest of such a
 * request (findMany of 25 ids 0.63 ms, this statement 0.33 ms, on the bench machine); the rows are what findMany returns
 * (dates, decimals, enums: customer-rows.test.ts compares the two for every column).
 */
export async function customerRowsById(ids: readonly string[], select?: Prisma.CustomerSelect): Promise<Customer[]> {
  if (!ids.length) return [];
  return prisma.$queryRaw<Customer[]>`
    SELECT ${Prisma.raw(selectedColumnsSql(select ?? CUSTOMER_COLUMNS))} FROM "Customer" WHERE id = ANY(${[...ids]}::uuid[])`;
}

export async function getContract(viewer: Viewer, id: string) {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!isUuid(id)) throw notFound('Contract');
  const row = await prisma.contract.findFirst({ where: { id, customer: readScope(viewer) } });
  if (!row) throw notFound('Contract');
  return row;
}

export async function customerFacets(viewer: Viewer) {
  requirePermission(viewer, 'customers:read');
  const [provinces, industries] = await Promise.all([
    prisma.customer.findMany({
      where: { province: { not: null } },
      distinct: ['province'],
      select: { province: true },
      orderBy: { province: 'asc' },
    }),
    prisma.customer.findMany({
      where: { industry: { not: null } },
      distinct: ['industry'],
      select: { industry: true },
      orderBy: { industry: 'asc' },
    }),
  ]);
  return {
    provinces: provinces.map((p) => p.province!).filter(Boolean),
    industries: industries.map((i) => i.industry!).filter(Boolean),
  };
}

// ───────────────────────────── writes ─────────────────────────────

/**
 * The customer columns the input sets. A field the input leaves out is left as it is (an API client may send only
 * what changes); null clears a nullable field — the owner included — and is ignored for the required status and credit.
 */
function scalarData(input: TCustomerInput) {
  const { contacts: _contacts, contracts: _contracts, ...rest } = input;
  const data = { ...rest, status: rest.status ?? undefined, creditStanding: rest.creditStanding ?? undefined };
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as typeof data;
}

/** Translates unique-constraint violations into field messages. */
function uniqueViolation(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const meta = JSON.stringify(error.meta ?? {});
    if (/"modelName":"Contract"|Contract_contractNo/.test(meta))
      throw badField('contracts', 'customer.contractNoUsedElsewhere');
    if (meta.includes('certificateNo')) throw badField('certificateNo', 'customer.certificateNoTaken');
    if (meta.includes('contractNo')) throw badField('contractNo', 'customer.contractNoTaken');
    throw badInput('common.duplicate');
  }
  throw error;
}

async function assertOwnerIsStaff(tx: Tx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { role: true, active: true } });
  if (!owner || owner.role === 'CUSTOMER' || !owner.active) throw badField('ownerId', 'customer.ownerInvalid');
}

/** Replaces the contacts and contracts the input lists (those it leaves out are deleted); absent lists stay as they are. */
async function writeChildren(tx: Tx, customerId: string, input: TCustomerInput) {
  if (input.contacts)
    await replaceChildren(
      input.contacts,
      (c) => ({
        name: c.name,
        title: c.title ?? null,
        phone: c.phone ?? null,
        mobile: c.mobile ?? null,
        email: c.email ?? null,
        isPrimary: c.isPrimary ?? false,
      }),
      {
        deleteOthers: (keep) => tx.contact.deleteMany({ where: { customerId, id: { notIn: keep } } }),
        update: (id, data) => tx.contact.updateMany({ where: { id, customerId }, data }),
        create: (data) => tx.contact.create({ data: { ...data, customerId } }),
        missing: () => badField('contacts', 'customer.contactMissing'),
      },
    );
  if (input.contracts)
    await replaceChildren(
      input.contracts,
      (c) => ({
        contractNo: c.contractNo,
        title: c.title ?? null,
        amount: c.amount,
        signedAt: c.signedAt ?? null,
        startsAt: c.startsAt ?? null,
        endsAt: c.endsAt ?? null,
      }),
      {
        deleteOthers: (keep) => tx.contract.deleteMany({ where: { customerId, id: { notIn: keep } } }),
        update: (id, data) => tx.contract.updateMany({ where: { id, customerId }, data }),
        create: (data) => tx.contract.create({ data: { ...data, customerId } }),
        missing: () => badField('contracts', 'customer.contractMissing'),
      },
    );
}

/** Makes a customer's child rows the listed ones: unlisted rows deleted, rows with an id (the customer's) updated, the rest created. */
async function replaceChildren<I extends { id?: string | null }, D>(
  items: readonly I[],
  dataOf: (item: I) => D,
  rows: {
    deleteOthers: (keep: string[]) => Promise<unknown>;
    update: (id: string, data: D) => Promise<{ count: number }>;
    create: (data: D) => Promise<unknown>;
    missing: () => Error;
  },
) {
  await rows.deleteOthers(items.map((i) => i.id).filter((id): id is string => !!id));
  for (const item of items) {
    const data = dataOf(item);
    if (!item.id) await rows.create(data);
    else if ((await rows.update(item.id, data)).count === 0) throw rows.missing();
  }
}

/** Creates a customer with its contacts and contracts in one transaction, with a CREATE history entry. */
export async function createCustomer(viewer: Viewer, rawInput: unknown): Promise<Customer> {
  requirePermission(viewer, 'customers:write');
  const input = parseCustomerInput(rawInput);
  const data = scalarData(input);
  const searchText = buildSearchText(
    input.name,
    input.contactPerson,
    (input.contacts ?? []).map((c) => c.name),
  );
  try {
    return await prisma.$transaction(async (tx) => {
      await assertOwnerIsStaff(tx, input.ownerId);
      const created = await tx.customer.create({ data: { ...data, searchText } });
      await writeChildren(tx, created.id, input);
      await appendHistory(tx, viewer, {
        entityType: 'Customer',
        entityId: created.id,
        action: 'CREATE',
        toState: created.status,
      });
      await emitCustomerEvent(tx, 'customer.created', created);
      return created;
    });
  } catch (error) {
    uniqueViolation(error);
  }
}

/**
 * Updates a customer: the version check and the write are one `UPDATE … WHERE id AND version RETURNING` (a stale
 * version matches no row → CONFLICT); the search text is rewritten only when what it is built from changed, and the
 * owner checked only when it changed. A plain edit is five statements: BEGIN, the row before (for the history's diff),
 * the UPDATE, the history entry, COMMIT.
 */
export async function updateCustomer(
  viewer: Viewer,
  id: string,
  version: number,
  rawInput: unknown,
  select?: Prisma.CustomerSelect,
): Promise<Customer> {
  requirePermission(viewer, 'customers:write');
  const input = parseCustomerInput(rawInput);
  if (!isUuid(id)) throw notFound('Customer');
  const data = scalarData(input);
  const compared = Object.fromEntries(
    [...Object.keys(data), 'name', 'contactPerson', 'status', 'ownerId', 'version'].map((k) => [k, true]),
  ) as Prisma.CustomerSelect;
  try {
    return await prisma.$transaction(async (tx) => {
      const before = (await tx.customer.findUnique({ where: { id }, select: compared })) as Customer | null;
      if (!before) throw notFound('Customer');
      if (before.version !== version) throw staleVersion(before.version);
      if (data.ownerId && data.ownerId !== before.ownerId) await assertOwnerIsStaff(tx, data.ownerId);
      const searchText = await searchTextIfChanged(tx, id, before, input);
      const [after] = await tx.customer.updateManyAndReturn({
        where: { id, version },
        data: { ...data, ...(searchText !== undefined ? { searchText } : {}), version: { increment: 1 } },
        ...(select ? { select: { ...select, status: true } } : {}),
      });
      if (!after) throw staleVersion(before.version + 1);
      await writeChildren(tx, id, input);
      const changes = diffFields(before, data);
      if (input.contacts) changes.contacts = { from: null, to: input.contacts.length };
      if (input.contracts) changes.contracts = { from: null, to: input.contracts.length };
      await appendHistory(tx, viewer, {
        entityType: 'Customer',
        entityId: id,
        action: 'UPDATE',
        fromState: before.status,
        toState: after.status,
        changes: changes as Prisma.InputJsonValue,
      });
      await emitCustomerEvent(
        tx,
        'customer.updated',
        { ...(after as Customer), id },
        { changed: Object.keys(changes) },
      );
      return after as Customer;
    });
  } catch (error) {
    uniqueViolation(error);
  }
}

/** The new search text when the name, the contact person or the contacts change; undefined when it stays as it is. */
async function searchTextIfChanged(
  tx: Tx,
  customerId: string,
  before: Pick<Customer, 'name' | 'contactPerson'>,
  input: TCustomerInput,
): Promise<string | undefined> {
  const name = input.name ?? before.name;
  const contactPerson = input.contactPerson === undefined ? before.contactPerson : input.contactPerson;
  if (!input.contacts && name === before.name && contactPerson === before.contactPerson) return undefined;
  const contactNames = input.contacts
    ? input.contacts.map((c) => c.name)
    : (
        await tx.contact.findMany({
          where: { customerId },
          select: { name: true },
          orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
        })
      ).map((c) => c.name);
  return buildSearchText(name, contactPerson, contactNames);
}

function staleVersion(currentVersion: number) {
  return conflict('customer.stale', { currentVersion });
}

async function setArchived(viewer: Viewer, id: string, version: number, archived: boolean, reason?: string | null) {
  requirePermission(viewer, 'customers:write');
  if (!isUuid(id)) throw notFound('Customer');
  if (reason && reason.length > ARCHIVE_REASON_MAX_LENGTH)
    throw badField('reason', 'validation.tooLong', { max: ARCHIVE_REASON_MAX_LENGTH });
  return prisma.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({ where: { id }, select: { version: true, archivedAt: true } });
    if (!before) throw notFound('Customer');
    if (!!before.archivedAt === archived)
      throw badInput(archived ? 'customer.alreadyArchived' : 'customer.notArchived');
    const updated = await tx.customer.updateMany({
      where: { id, version },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion(before.version);
    await appendHistory(tx, viewer, {
      entityType: 'Customer',
      entityId: id,
      action: archived ? 'ARCHIVE' : 'RESTORE',
      fromState: archived ? 'ACTIVE_RECORD' : 'ARCHIVED',
      toState: archived ? 'ARCHIVED' : 'ACTIVE_RECORD',
      comment: reason ?? null,
    });
    const customer = await tx.customer.findUniqueOrThrow({ where: { id } });
    await emitCustomerEvent(tx, 'customer.updated', customer, { changed: ['archivedAt'] });
    return customer;
  });
}

/** Soft archive: the record leaves the default list but keeps its history, contacts and contracts. */
export const archiveCustomer = (viewer: Viewer, id: string, version: number, reason?: string | null) =>
  setArchived(viewer, id, version, true, reason);
export const restoreCustomer = (viewer: Viewer, id: string, version: number) => setArchived(viewer, id, version, false);

/** A customer's history, for staff only (customers see no internal history). */
export async function customerHistory(viewer: Viewer, customerId: string) {
  if (viewer.kind !== 'staff' && viewer.kind !== 'apiClient') return [];
  if (viewer.kind === 'apiClient') requirePermission(viewer, 'customers:read');
  return prisma.historyEntry.findMany({
    where: { entityType: 'Customer', entityId: customerId },
    orderBy: { createdAt: 'asc' },
  });
}
