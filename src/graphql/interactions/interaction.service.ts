import 'server-only';
import { randomUUID } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { Attachment, HistoryEntry, Interaction } from '@/generated/prisma/client';
import type { InteractionStatus, InteractionType } from '@/generated/prisma/enums';
import { can, requirePermission } from '@/server/auth/policies';
import { consumeLookupAttempt } from '@/server/auth/rate-limit';
import { prisma, type Tx } from '@/server/db';
import { badField, conflict, forbidden, notFound, tooManyRequests, unauthenticated } from '@/server/errors';
import { appendHistory } from '@/server/history';
import { claimPendingUpload, discardPendingFiles } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import { actingUserId, type Viewer } from '@/server/viewer';
import { intakeDueTimes } from '../complaints/sla.service';
import { notifyCustomer, prepareCustomerMail } from './customer-notify.service';
import { interactionReadScope } from './interaction.scope';
import { isUuid } from '../cursor';
import {
  parseAttachmentUploads,
  prepareAttachments,
  checkAttachmentCount,
  formatInteractionNumber,
  yearIn,
  normalisePhone,
  NUMBER_PREFIX,
  numberSequenceName,
  parseRecordInput,
  parseSubmitInput,
  type AttachmentSource,
  type CheckedFile,
  type TRecordInteractionInput,
} from './interaction.rules';
import { now as clockNow } from '@/server/clock';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import { activityMessage, type ActivityMessage } from '@/lib/activity';
import { emitInteractionEvent } from '../webhooks/webhook-payload.service';

const ENTITY = 'Interaction';

// ───────────────────────────── reads ─────────────────────────────

export type InteractionFilter = {
  type?: readonly InteractionType[] | null;
  status?: readonly InteractionStatus[] | null;
  channel?: readonly Interaction['channel'][] | null;
  customerId?: string | null;
  createdAt?: { from?: Date | null; to?: Date | null } | null;
  search?: string | null;
  // The KPI dashboard's drill-down (kpi-dashboard.rules.ts): exactly the records behind a figure.
  severity?: readonly NonNullable<Interaction['severity']>[] | null;
  causeClass?: readonly NonNullable<Interaction['causeClass']>[] | null;
  responsibleDepartmentId?: string | null;
  keyAccount?: boolean | null;
  productRef?: string | null;
  province?: string | null;
};

// Date filters are calendar days in Asia/Shanghai (UTC+8, no daylight saving): a day D starts at D 00:00+08:00.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The createdAt bounds of a filter's calendar days (from its first instant to the end of `to`), in UTC. */
export function createdAtBounds(createdAt: InteractionFilter['createdAt']): { gte?: Date; lt?: Date } {
  const from = createdAt?.from;
  const to = createdAt?.to;
  return {
    ...(from ? { gte: new Date(from.getTime() - SHANGHAI_OFFSET_MS) } : {}),
    ...(to ? { lt: new Date(to.getTime() - SHANGHAI_OFFSET_MS + DAY_MS) } : {}),
  };
}

export function interactionWhere(
  filter: InteractionFilter = {},
  options: { withStatus?: boolean } = {},
): Prisma.InteractionWhereInput {
  const and: Prisma.InteractionWhereInput[] = [];
  if (filter.type?.length) and.push({ type: { in: [...filter.type] } });
  if (options.withStatus !== false && filter.status?.length) and.push({ status: { in: [...filter.status] } });
  if (filter.channel?.length) and.push({ channel: { in: [...filter.channel] } });
  if (filter.customerId) {
    if (!isUuid(filter.customerId)) throw badField('customerId', 'common.invalidId');
    and.push({ customerId: filter.customerId });
  }
  const { gte, lt } = createdAtBounds(filter.createdAt);
  if (gte) and.push({ createdAt: { gte } });
  if (lt) and.push({ createdAt: { lt } });
  if (filter.severity?.length) and.push({ severity: { in: [...filter.severity] } });
  if (filter.causeClass?.length) and.push({ causeClass: { in: [...filter.causeClass] } });
  if (filter.responsibleDepartmentId) {
    if (!isUuid(filter.responsibleDepartmentId)) throw badField('responsibleDepartmentId', 'common.invalidId');
    and.push({ responsibleDepartmentId: filter.responsibleDepartmentId });
  }
  if (typeof filter.keyAccount === 'boolean') and.push({ isKeyAccount: filter.keyAccount });
  if (filter.productRef) and.push({ productRef: filter.productRef });
  if (filter.province) and.push({ customer: { province: filter.province } });
  const search = filter.search?.trim();
  if (search) {
    and.push({
      OR: [
        { number: { contains: search, mode: 'insensitive' } },
        { subject: { contains: search, mode: 'insensitive' } },
      ],
    });
  }
  return and.length ? { AND: and } : {};
}

export type InteractionPage = {
  rows: Interaction[];
  hasNextPage: boolean;
  endCursor: string | null;
  where: Prisma.InteractionWhereInput;
  whereWithoutStatus: Prisma.InteractionWhereInput;
  /** The total when the list knows a cheaper way to it than counting `where` (a work queue's tab count). */
  total?: () => Promise<number>;
};

/** One page, newest first (cursor pagination; id breaks ties so pages never overlap). */
export async function listInteractions(
  viewer: Viewer,
  args: { filter?: InteractionFilter | null; first?: number | null; after?: string | null },
  /** The columns the operation asks for (INTERACTION_SELECTION); every column when undefined. */
  select?: Prisma.InteractionSelect,
): Promise<InteractionPage> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const scope = interactionReadScope(viewer);
  const first = pageSize(args.first);
  const where = { AND: [scope, interactionWhere(args.filter ?? {})] };
  const whereWithoutStatus = { AND: [scope, interactionWhere(args.filter ?? {}, { withStatus: false })] };
  const rows = await prisma.interaction.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(first, args.after),
    ...(select ? { select } : {}),
  });
  return { ...pageOf(rows as Interaction[], first), where, whereWithoutStatus };
}

export const countInteractions = (where: Prisma.InteractionWhereInput) => prisma.interaction.count({ where });

export async function countInteractionsByStatus(where: Prisma.InteractionWhereInput) {
  const groups = await prisma.interaction.groupBy({
    by: ['status'],
    where,
    _count: { _all: true },
    orderBy: { status: 'asc' },
  });
  return groups.map((g) => ({ status: g.status, count: g._count._all }));
}

/** An interaction the viewer may read, or NOT_FOUND (also for another organisation's, so ids cannot be probed). */
export async function getInteraction(viewer: Viewer, id: string): Promise<Interaction> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const scope = interactionReadScope(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.interaction.findFirst({ where: { AND: [scope, { id }] } });
  if (!row) throw notFound(ENTITY);
  return row;
}

export async function getInteractionByNumber(viewer: Viewer, number: string): Promise<Interaction> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  const row = await prisma.interaction.findFirst({
    where: { AND: [interactionReadScope(viewer), { number: number.trim().toUpperCase() }] },
  });
  if (!row) throw notFound(ENTITY);
  return row;
}

/** A customer's recent interactions (the Customer.interactions field; the parent customer was already authorised). */
export async function interactionsOfCustomer(viewer: Viewer, customerId: string): Promise<Interaction[]> {
  if (viewer.kind === 'customer' && viewer.customerId !== customerId) return [];
  if (viewer.kind !== 'customer') requirePermission(viewer, 'interactions:read');
  return prisma.interaction.findMany({
    where: { AND: [interactionReadScope(viewer), { customerId }] },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 50,
  });
}

/** The full history: staff and API clients with interactions:read; customers see only `timeline`. */
export async function interactionHistory(viewer: Viewer, interactionId: string): Promise<HistoryEntry[]> {
  if (viewer.kind === 'customer' || !can(viewer, 'interactions:read')) return [];
  return prisma.historyEntry.findMany({
    where: { entityType: ENTITY, entityId: interactionId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
}

// ───────────────────────────── anonymous look-up ─────────────────────────────

/**
 * SPEC §3: a visitor checks the status with number + phone. A wrong number and a wrong phone get the same
 * NOT_FOUND, and attempts are rate-limited per IP, so neither numbers nor phones can be probed.
 */
export async function lookupInteraction(number: string, phone: string, clientIp: string | null) {
  return visibleLookup(await findTracked(number, phone, clientIp));
}

/** What a visitor's look-up reads of a record: what it shows, and what proves and binds it. */
export const LOOKUP_SELECT = {
  id: true,
  number: true,
  type: true,
  status: true,
  subject: true,
  createdAt: true,
  contactPhone: true,
  resolvedAt: true,
  customerFeedback: true,
  version: true,
} satisfies Prisma.InteractionSelect;
type LookupRow = Prisma.InteractionGetPayload<{ select: typeof LOOKUP_SELECT }>;

/**
 * The record a visitor names by number and phone (rate-limited per IP; a wrong number and a wrong phone are the same
 * NOT_FOUND).
 */
export async function findTracked(number: string, phone: string, clientIp: string | null) {
  const wait = await consumeLookupAttempt(clientIp);
  if (wait > 0) throw tooManyRequests(wait);
  const wanted = normalisePhone(phone);
  const row = await prisma.interaction.findUnique({
    where: { number: number.trim().toUpperCase() },
    select: LOOKUP_SELECT,
  });
  if (!row || !row.contactPhone || !wanted || normalisePhone(row.contactPhone) !== wanted) throw notFound(ENTITY);
  return row;
}

/** A looked-up record as a visitor sees it: never the phone, and whether its resolution awaits their word. */
export function visibleLookup({ contactPhone: _phone, resolvedAt: _resolvedAt, version: _version, ...row }: LookupRow) {
  return {
    ...row,
    awaitingResponse: row.type === 'COMPLAINT' && row.status === 'RESOLVED' && row.customerFeedback === null,
  };
}

type ReportedInput = {
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  subject: string;
  description: string;
  desiredOutcome?: string | null;
  relatedContractId?: string | null;
  productRef?: string | null;
  orderRef?: string | null;
};

/** What the reporter said, as both intake paths (portal/API submission, staff registration) store it. */
const reportedFields = (input: ReportedInput) => ({
  contactName: input.contactName ?? null,
  contactPhone: input.contactPhone ?? null,
  contactEmail: input.contactEmail ?? null,
  subject: input.subject,
  description: input.description,
  desiredOutcome: input.desiredOutcome ?? null,
  relatedContractId: input.relatedContractId ?? null,
  productRef: input.productRef ?? null,
  orderRef: input.orderRef ?? null,
});

// ───────────────────────────── writes ─────────────────────────────

/**
 * The next number of a type in the year of `at` (Asia/Shanghai). nextval is atomic across transactions, so concurrent
 * submissions never share a number (no read-then-write); gaps from rolled-back transactions are accepted.
 */
export async function nextNumber(tx: Tx, type: InteractionType, at: Date): Promise<string> {
  const year = yearIn(at);
  const running = await nextYearlyNumber(tx, {
    sequence: numberSequenceName(type, year),
    prefix: `${NUMBER_PREFIX[type]}-${year}-`,
    table: 'Interaction',
  });
  return formatInteractionNumber(type, at, running);
}

/** A yearly numbered series: its sequence, its `<PREFIX>-<YEAR>-` and the table whose `number` column carries it. */
export type YearlySeries = { sequence: string; prefix: string; table: 'Interaction' | 'WorkOrder' };

/** The next running number of a yearly series (interactions' TS/ZX/CX/JY, work orders' PG), creating its sequence. */
export async function nextYearlyNumber(tx: Tx, series: YearlySeries): Promise<bigint> {
  const { sequence } = series;
  const [found] = await tx.$queryRaw<{ exists: boolean }[]>`SELECT to_regclass(${sequence}) IS NOT NULL AS "exists"`;
  if (!found?.exists) await createNumberSequence(tx, series);
  const [row] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval(${sequence}::regclass) AS n`;
  return row!.n;
}

/**
 * The first record of a series in a year creates that year's sequence, inside the caller's transaction. Two first
 * submissions at once: the advisory lock makes the second wait until the first commits, and its CREATE … IF NOT
 * EXISTS then finds the sequence (a rolled-back first leaves none, and the second creates it). The sequence starts
 * after the highest number already issued for that year, so numbers continue where an earlier scheme left off.
 * `sequence` and `table` come from code (an enum and a year), never from input, so they are safe in DDL.
 */
async function createNumberSequence(tx: Tx, { sequence, prefix, table }: YearlySeries): Promise<void> {
  // (selected as 1: the driver adapter cannot read the function's `void` result)
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${sequence}))`;
  const [max] = await tx.$queryRawUnsafe<{ start: bigint }[]>(
    `SELECT coalesce(max(split_part(number, '-', 3)::bigint), 0) + 1 AS start FROM "${table}" WHERE number LIKE $1`,
    `${prefix}%`,
  );
  await tx.$executeRawUnsafe(
    `CREATE SEQUENCE IF NOT EXISTS "${sequence}" AS BIGINT START WITH ${Number(max!.start)} NO CYCLE`,
  );
}

/**
 * What an intake did to files outside its transaction: storage keys it wrote (deleted again if the transaction rolls
 * back, which would otherwise leave them behind) and pending uploads it claimed (their files deleted once it commits;
 * on a rollback the claim itself is undone with the transaction, and the upload stays claimable).
 */
export type FileWork = { written: string[]; claimed: string[]; removed: string[] };
export const newFileWork = (): FileWork => ({ written: [], claimed: [], removed: [] });

/**
 * Writes each file to the interaction's storage key and its Attachment row, in the order given. A pending upload is
 * claimed by its token first — once: a token already used, unknown or older than an hour is BAD_USER_INPUT, and the
 * whole intake with it. Answers the file names stored.
 */
async function storeAttachments(
  tx: Tx,
  viewer: Viewer,
  interactionId: string,
  sources: readonly AttachmentSource[],
  work: FileWork,
): Promise<string[]> {
  const names: string[] = [];
  for (const source of sources) {
    let file: CheckedFile;
    if (source.kind === 'inline') file = source.file;
    else {
      const claimed = await claimPendingUpload(tx, source.uploadToken);
      if (!claimed) throw badField('attachments', 'interaction.uploadExpired');
      work.claimed.push(claimed.id);
      file = { fileName: claimed.fileName, mimeType: claimed.mimeType, bytes: claimed.bytes };
    }
    await storeAttachmentFile(tx, viewer, { interactionId }, file, work);
    names.push(file.fileName);
  }
  return names;
}

/**
 * Stores one file under its record's storage prefix and writes its Attachment row (an interaction's or a notice's), in
 * the caller's transaction; the stored key is recorded in `work`, so a rollback deletes the file again.
 */
export async function storeAttachmentFile(
  tx: Tx,
  viewer: Viewer,
  owner: { interactionId: string } | { noticeId: string } | { obligationId: string },
  file: CheckedFile,
  work: FileWork,
): Promise<void> {
  const storageKey =
    'interactionId' in owner
      ? `interactions/${owner.interactionId}/${randomUUID()}`
      : 'noticeId' in owner
        ? `notices/${owner.noticeId}/${randomUUID()}`
        : `obligations/${owner.obligationId}/${randomUUID()}`;
  work.written.push(storageKey);
  await storage().put(storageKey, file.bytes, tx);
  await tx.attachment.create({
    data: {
      ...owner,
      fileName: file.fileName,
      mimeType: file.mimeType,
      sizeBytes: file.bytes.length,
      storageKey,
      uploadedById: viewer.kind === 'customer' ? viewer.userId : actingUserId(viewer),
    },
  });
}

/**
 * Runs work that stores files. If it throws (its transaction rolled back), the files it wrote are deleted again; if it
 * succeeds (committed), the pending uploads it claimed and the stored files whose rows it removed are deleted.
 */
export async function withFileCleanup<T>(work: (files: FileWork) => Promise<T>): Promise<T> {
  const files = newFileWork();
  let result: T;
  try {
    result = await work(files);
  } catch (error) {
    await Promise.all(
      files.written.map((key) =>
        storage()
          .delete(key)
          .catch((e: unknown) => console.error(`[attachments] could not delete ${key}:`, e)),
      ),
    );
    throw error;
  }
  await discardPendingFiles(files.claimed);
  await Promise.all(
    files.removed.map((key) =>
      storage()
        .delete(key)
        .catch((e: unknown) => console.error(`[attachments] could not delete ${key}:`, e)),
    ),
  );
  return result;
}

async function assertContractOf(tx: Tx, contractId: string | null | undefined, customerId: string | null) {
  if (!contractId) return;
  const contract = customerId
    ? await tx.contract.findFirst({ where: { id: contractId, customerId }, select: { id: true } })
    : null;
  if (!contract) throw badField('relatedContractId', 'interaction.contractInvalid');
}

/** Who submitted, as part of the stored idempotency key: a key only ever replays its own submitter's record. */
function submitterScope(viewer: Viewer, contactPhone: string | null | undefined): string {
  switch (viewer.kind) {
    case 'customer':
      return `user:${viewer.userId}`;
    case 'apiClient':
      return `api:${viewer.apiKeyId}`;
    case 'anonymous':
      return `anon:${normalisePhone(contactPhone ?? '')}`;
    case 'staff':
      return `user:${viewer.userId}`;
  }
}

const isUniqueViolationOn = (error: unknown, field: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError &&
  error.code === 'P2002' &&
  JSON.stringify(error.meta ?? {}).includes(field);

/**
 * Portal and API intake. The customer comes from the viewer, never from the input (API clients may name one).
 * Idempotent: the stored key is unique, so a resent or double-clicked submission fails the insert and gets the
 * record the first one created — no read-then-write race.
 */
export async function submitInteraction(
  viewer: Viewer,
  rawInput: unknown,
  now: Date = clockNow(),
): Promise<Interaction> {
  if (viewer.kind === 'staff') throw forbidden('interaction.staffUseRecord');
  if (viewer.kind === 'apiClient') requirePermission(viewer, 'interactions:write');
  const input = parseSubmitInput(rawInput, viewer.kind === 'anonymous');
  const attachments = prepareAttachments(input.attachments ?? []);

  let customerId: string | null = null;
  if (viewer.kind === 'customer') customerId = viewer.customerId;
  else if (viewer.kind === 'apiClient' && input.customerId) customerId = input.customerId;
  if (viewer.kind === 'anonymous' && input.relatedContractId)
    throw badField('relatedContractId', 'interaction.contractNotAllowedAnonymous');

  const idempotencyKey = `${submitterScope(viewer, input.contactPhone)}:${input.idempotencyKey}`;
  await prepareCustomerMail();
  try {
    return await withFileCleanup((files) =>
      prisma.$transaction(async (tx) => {
        if (customerId && viewer.kind === 'apiClient') {
          const exists = await tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
          if (!exists) throw badField('customerId', 'callback.customerMissing');
        }
        await assertContractOf(tx, input.relatedContractId, customerId);
        const created = await tx.interaction.create({
          data: {
            number: await nextNumber(tx, input.type, now),
            type: input.type,
            channel: viewer.kind === 'apiClient' ? 'API' : 'PORTAL',
            customerId,
            companyName: input.companyName ?? null,
            ...reportedFields(input),
            idempotencyKey,
            createdAt: now,
            ...(await clockFields(tx, input.type, customerId, now)),
          },
        });
        await recordArrival(tx, viewer, created, { attachments, files, now });
        return created;
      }),
    );
  } catch (error) {
    if (!isUniqueViolationOn(error, 'idempotencyKey')) throw error;
    // The same submitter sent this key before (the key is scoped to the submitter): answer with that record.
    const existing = await prisma.interaction.findUnique({ where: { idempotencyKey } });
    if (!existing) throw error;
    return existing;
  }
}

/** Key-account status and the SLA due times a new record starts with (SPEC §4: department decided within 4 hours). */
async function clockFields(tx: Tx, type: InteractionType, customerId: string | null, now: Date) {
  const customer = customerId
    ? await tx.customer.findUnique({ where: { id: customerId }, select: { keyAccountStatus: true } })
    : null;
  const isKeyAccount = customer?.keyAccountStatus === 'ACTIVE';
  return { isKeyAccount, ...(await intakeDueTimes(tx, { type, isKeyAccount, registeredAt: now })) };
}

/**
 * Staff intake: a phone call (来电记录), visit, e-mail or letter/fax on a customer, of any type. `links.surveyResponseId`:
 * a complaint raised from a low survey score (the surveys module registers its follow-up complaints through here).
 */
export async function recordInteraction(
  viewer: Viewer,
  rawInput: unknown,
  now: Date = clockNow(),
  links: { surveyResponseId?: string | null; onCreated?: (tx: Tx, created: Interaction) => Promise<unknown> } = {},
): Promise<Interaction> {
  requirePermission(viewer, 'interactions:write');
  const input = parseRecordInput(rawInput);
  const attachments = prepareAttachments(input.attachments ?? []);
  await prepareCustomerMail();
  return withFileCleanup((files) =>
    prisma.$transaction(async (tx) => {
      const created = await registerStaffInteraction(
        tx,
        viewer,
        input,
        now,
        { surveyResponseId: links.surveyResponseId },
        attachments,
        files,
      );
      await links.onCreated?.(tx, created);
      return created;
    }),
  );
}

/**
 * The staff intake inside the caller's transaction (numbering, due times, history): a callback that finds a new
 * problem registers its complaint in the same transaction as the callback's result. `origin` links it to the record
 * (or survey response) it arose from and words its first history entry. The caller starts the mail queue first (`prepareCustomerMail`):
 * the customer's acknowledgement is queued in the same transaction.
 */
export async function registerStaffInteraction(
  tx: Tx,
  viewer: Viewer,
  input: TRecordInteractionInput,
  now: Date,
  origin: {
    sourceInteractionId?: string | null;
    surveyResponseId?: string | null;
    message?: ActivityMessage;
    /**
     * The caller has decided who may register this record itself: a work order's on-site complaint, registered by the
     * order's technician or the dispatcher (work-order.service.ts mayRegisterComplaint), who hold no interactions:write.
     */
    authorisedByCaller?: true;
  } = {},
  attachments: readonly AttachmentSource[] = [],
  files: FileWork = newFileWork(),
): Promise<Interaction> {
  if (!origin.authorisedByCaller) requirePermission(viewer, 'interactions:write');
  if (origin.surveyResponseId && input.type === 'COMPLAINT') {
    // One complaint per survey response: the response row is locked, so a double click waits and then sees the first.
    await tx.$queryRaw`SELECT id FROM "SurveyResponse" WHERE id = ${origin.surveyResponseId}::uuid FOR UPDATE`;
    const already = await tx.interaction.findFirst({
      where: { surveyResponseId: origin.surveyResponseId, type: 'COMPLAINT' },
      select: { number: true },
    });
    if (already) throw conflict('interaction.complaintFromResponseExists', {}, { number: already.number });
  }
  const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true, name: true } });
  if (!customer) throw badField('customerId', 'callback.customerMissing');
  await assertContractOf(tx, input.relatedContractId, customer.id);
  const created = await tx.interaction.create({
    data: {
      number: await nextNumber(tx, input.type, now),
      type: input.type,
      channel: input.channel,
      customerId: customer.id,
      companyName: customer.name,
      ...reportedFields(input),
      registeredById: actingUserId(viewer),
      sourceInteractionId: origin.sourceInteractionId ?? null,
      surveyResponseId: origin.surveyResponseId ?? null,
      createdAt: now,
      ...(await clockFields(tx, input.type, customer.id, now)),
    },
  });
  await recordArrival(tx, viewer, created, { attachments, files, now, message: origin.message });
  return created;
}

/**
 * What follows every new record, lodged or recorded: its files, its first history entry (on the customer's timeline;
 * `message` words how it arose) and the customer's acknowledgement — SPEC §3: the number at once, also by mail when
 * there is an address.
 */
async function recordArrival(
  tx: Tx,
  viewer: Viewer,
  created: Interaction,
  arrival: {
    attachments: readonly AttachmentSource[];
    files: FileWork;
    now: Date;
    message?: ActivityMessage;
  },
) {
  await storeAttachments(tx, viewer, created.id, arrival.attachments, arrival.files);
  await appendHistory(tx, viewer, {
    entityType: ENTITY,
    entityId: created.id,
    action: 'CREATE',
    toState: created.status,
    message: arrival.message ?? activityMessage('interaction.received'),
    visibleToCustomer: true,
  });
  await notifyCustomer(tx, created, 'RECEIVED', { at: arrival.now });
  await emitInteractionEvent(tx, 'interaction.received', created);
}

/**
 * Turns a consultation/inquiry/suggestion into a complaint: a new record (TS-…) linked by sourceInteractionId, with
 * history on both. `version` guards against two staff converting the same record at once.
 */
export async function convertToComplaint(
  viewer: Viewer,
  id: string,
  version: number,
  now: Date = clockNow(),
): Promise<Interaction> {
  requirePermission(viewer, 'interactions:write');
  if (!isUuid(id)) throw notFound(ENTITY);
  await prepareCustomerMail();
  return prisma.$transaction(async (tx) => {
    const source = await tx.interaction.findUnique({ where: { id } });
    if (!source) throw notFound(ENTITY);
    if (source.type === 'COMPLAINT') throw badField('type', 'interaction.alreadyComplaint');
    const bumped = await tx.interaction.updateMany({ where: { id, version }, data: { version: { increment: 1 } } });
    if (bumped.count === 0)
      throw conflict('interaction.stale', {
        currentVersion: source.version,
      });
    const already = await tx.interaction.findFirst({
      where: { sourceInteractionId: id, type: 'COMPLAINT' },
      select: { number: true },
    });
    if (already)
      throw conflict(
        'interaction.alreadyConverted',
        { currentVersion: source.version + 1 },
        { number: already.number },
      );
    const complaint = await tx.interaction.create({
      data: {
        number: await nextNumber(tx, 'COMPLAINT', now),
        type: 'COMPLAINT',
        channel: source.channel,
        customerId: source.customerId,
        companyName: source.companyName,
        contactName: source.contactName,
        contactPhone: source.contactPhone,
        contactEmail: source.contactEmail,
        subject: source.subject,
        description: source.description,
        desiredOutcome: source.desiredOutcome,
        relatedContractId: source.relatedContractId,
        productRef: source.productRef,
        orderRef: source.orderRef,
        sourceInteractionId: source.id,
        registeredById: actingUserId(viewer),
        createdAt: now,
        ...(await clockFields(tx, 'COMPLAINT', source.customerId, now)),
      },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: source.id,
      action: 'CONVERT_TO_COMPLAINT',
      message: activityMessage('interaction.convertedTo', { number: complaint.number }),
      changes: { complaintId: complaint.id, complaintNumber: complaint.number },
      visibleToCustomer: true,
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: complaint.id,
      action: 'CREATE',
      toState: complaint.status,
      message: activityMessage('interaction.convertedFrom', { number: source.number }),
      changes: { sourceInteractionId: source.id, sourceNumber: source.number },
      visibleToCustomer: true,
    });
    await notifyCustomer(tx, complaint, 'RECEIVED', { at: now });
    await emitInteractionEvent(tx, 'interaction.received', complaint, { sourceInteractionId: source.id });
    return complaint;
  });
}

/**
 * Adds files to an existing record: a customer to its own (NOT_FOUND for others'), staff and API clients with
 * interactions:write to any. The row is locked while counting, so two parallel uploads cannot pass the limit of five.
 */
export async function addInteractionAttachments(viewer: Viewer, id: string, uploads: unknown): Promise<Interaction> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'customer') requirePermission(viewer, 'interactions:write');
  const interaction = await getInteraction(viewer, id);
  const parsed = parseAttachmentUploads(uploads);
  if (parsed.length === 0) throw badField('attachments', 'interaction.chooseFile');
  const attachments = prepareAttachments(parsed);
  return withFileCleanup((files) =>
    prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Interaction" WHERE id = ${interaction.id}::uuid FOR UPDATE`;
      checkAttachmentCount(attachments.length, await tx.attachment.count({ where: { interactionId: interaction.id } }));
      const names = await storeAttachments(tx, viewer, interaction.id, attachments, files);
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: interaction.id,
        action: 'ATTACH',
        message: activityMessage('interaction.attachmentsAdded', { names: names.join('、') }),
        visibleToCustomer: true,
      });
      return tx.interaction.findUniqueOrThrow({ where: { id: interaction.id } });
    }),
  );
}

// ───────────────────────────── attachment download ─────────────────────────────

/** An attachment with its bytes, for the download route; NOT_FOUND unless the viewer may read the interaction. */
export async function readAttachment(
  viewer: Viewer,
  interactionId: string,
  attachmentId: string,
): Promise<{ attachment: Attachment; bytes: Uint8Array }> {
  const interaction = await getInteraction(viewer, interactionId);
  if (!isUuid(attachmentId)) throw notFound('Attachment');
  const attachment = await prisma.attachment.findFirst({ where: { id: attachmentId, interactionId: interaction.id } });
  if (!attachment) throw notFound('Attachment');
  const bytes = await storage().get(attachment.storageKey);
  if (!bytes) throw notFound('Attachment');
  return { attachment, bytes };
}
