import 'server-only';
import { randomUUID } from 'node:crypto';
import { Prisma, type WorkOrder } from '@/generated/prisma/client';
import type { WorkOrderStatus } from '@/generated/prisma/enums';
import { activityMessage } from '@/lib/activity';
import { can, requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { zodFieldErrors } from '@/server/error-keys';
import { badField, badInput, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import { claimPendingUpload, discardPendingFiles } from '@/server/storage/pending-uploads';
import { storage } from '@/server/storage/storage';
import type { Viewer } from '@/server/viewer';
import type { z } from 'zod';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { localDate } from '../complaints/sla-clock.rules';
import { isUuid } from '../cursor';
import { nextYearlyNumber, registerStaffInteraction } from '../interactions/interaction.service';
import { yearIn } from '../interactions/interaction.rules';
import { keysetPage, NEWEST_FIRST } from '../keyset';
import { pageSize } from '../pagination.rules';
import { formatWorkOrderNumber, workOrderNumberPrefix, workOrderSequenceName } from './work-order-number.rules';
import {
  actorOf,
  dayRange,
  imageMimeOf,
  nextStatus,
  onSiteComplaintDueAt,
  SIGNATURE_MAX_BYTES,
  STEP_TIME_FIELD,
  WORK_ORDER_ACTIONS,
  WORK_ORDER_LIMITS,
  ZCreateWorkOrderInput,
  ZRecordWorkInput,
  ZSignOffInput,
  ZWarrantyLineInput,
  type FieldStep,
  type WorkOrderAction,
} from './work-order.rules';

/**
 * Work orders (派工单, SPEC §7, seed 003 售后服务). Who:
 * - dispatchers — staff with workorders:write who are not technicians, and API clients with workorders:write — create,
 *   assign, close and cancel;
 * - the technician (role TECHNICIAN) reads and works only the orders assigned to them: another technician's order is
 *   NOT_FOUND, so ids cannot be probed; API clients with workorders:write (a field-service app) may do their steps too;
 * - holders of workorders:read read every order; a customer reads their own company's orders and confirms the visit.
 * Every write is version-guarded (CONFLICT for the loser of two concurrent writes) and leaves a history entry
 * (entityType 'WorkOrder').
 */

const ENTITY = 'WorkOrder';
/** The escalation reason of an on-site complaint not registered within 4 working hours (Escalation.reason). */
export const ONSITE_COMPLAINT_UNREGISTERED = 'ONSITE_COMPLAINT_UNREGISTERED';

export const isTechnician = (viewer: Viewer) => viewer.kind === 'staff' && viewer.role === 'TECHNICIAN';

/** Whether the viewer may take the dispatcher's side of an action (workorders:write, not a technician). */
export const isDispatcher = (viewer: Viewer) =>
  (viewer.kind === 'staff' || viewer.kind === 'apiClient') && can(viewer, 'workorders:write') && !isTechnician(viewer);

/** What the viewer may read: a technician their own orders, a customer their company's, other readers all. */
export function readScope(viewer: Viewer): Prisma.WorkOrderWhereInput {
  if (viewer.kind === 'customer') return { customerId: viewer.customerId };
  requirePermission(viewer, 'workorders:read');
  if (viewer.kind === 'staff' && viewer.role === 'TECHNICIAN') return { technicianId: viewer.userId };
  return {};
}

function mayActAs(viewer: Viewer, order: Pick<WorkOrder, 'technicianId'>, action: WorkOrderAction): boolean {
  if (!can(viewer, 'workorders:write')) return false;
  if (actorOf(action) === 'DISPATCHER') return isDispatcher(viewer);
  if (viewer.kind === 'apiClient') return true;
  return viewer.kind === 'staff' && viewer.role === 'TECHNICIAN' && order.technicianId === viewer.userId;
}

/** The actions the viewer may take on the order now (the screens show these buttons only). */
export function viewerActions(viewer: Viewer, order: WorkOrder): string[] {
  const actions: string[] = WORK_ORDER_ACTIONS.filter(
    (a) => mayActAs(viewer, order, a) && nextStatus(order, a) !== null,
  );
  if (order.onSiteComplaint && !order.complaintId && mayRegisterComplaint(viewer, order))
    actions.push('REGISTER_COMPLAINT');
  if (viewer.kind === 'customer' && mayConfirm(order)) actions.push('CONFIRM_VISIT');
  return actions;
}

/**
 * Who registers an on-site complaint (003: within 4 working hours): the service desk (interactions:write, and sight of
 * the order), and — without interactions:write — the order's own technician and a dispatcher, the people at hand when
 * the customer complains. Staff only on that second path: an API key still needs interactions:write.
 */
export function mayRegisterComplaint(viewer: Viewer, order: Pick<WorkOrder, 'technicianId'>): boolean {
  if (viewer.kind === 'customer' || !can(viewer, 'workorders:read')) return false;
  if (can(viewer, 'interactions:write')) return true;
  if (viewer.kind !== 'staff' || !can(viewer, 'workorders:write')) return false;
  return isTechnician(viewer) ? order.technicianId === viewer.userId : true;
}

const mayConfirm = (order: WorkOrder) =>
  !order.customerConfirmedAt && ['COMPLETED', 'SIGNED_OFF', 'REPORTED', 'CLOSED'].includes(order.status);

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

function text(value: string | null | undefined, field: string, max: number, required = false): string | null {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) {
    if (required) throw badField(field, 'validation.required');
    return null;
  }
  if (trimmed.length > max) throw badField(field, 'validation.tooLong', { max });
  return trimmed;
}

// ───────────────────────────── reads ─────────────────────────────

/** One order the viewer may read, or NOT_FOUND (also for another technician's or another customer's order). */
export async function getWorkOrder(viewer: Viewer, id: string): Promise<WorkOrder> {
  const scope = readScope(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.workOrder.findFirst({ where: { AND: [scope, { id }] } });
  if (!row) throw notFound(ENTITY);
  return row;
}

export type WorkOrderFilter = {
  status?: readonly WorkOrderStatus[] | null;
  technicianId?: string | null;
  customerId?: string | null;
  day?: Date | null;
  complaintPending?: boolean | null;
  interactionId?: string | null;
  obligationId?: string | null;
  search?: string | null;
};

function uuidOrThrow(value: string, field: string): string {
  if (!isUuid(value)) throw badField(field, 'common.invalidId');
  return value;
}

async function filterWhere(f: WorkOrderFilter): Promise<Prisma.WorkOrderWhereInput[]> {
  const and: Prisma.WorkOrderWhereInput[] = [];
  if (f.status?.length) and.push({ status: { in: [...f.status] } });
  if (f.technicianId) and.push({ technicianId: uuidOrThrow(f.technicianId, 'technicianId') });
  if (f.customerId) and.push({ customerId: uuidOrThrow(f.customerId, 'customerId') });
  if (f.day) {
    const { start, end } = dayRange(f.day, (await loadBusinessCalendar()).timeZone);
    and.push({ scheduledAt: { gte: start, lt: end } });
  }
  if (f.interactionId) and.push({ interactionId: uuidOrThrow(f.interactionId, 'interactionId') });
  if (f.obligationId) and.push({ obligationId: uuidOrThrow(f.obligationId, 'obligationId') });
  if (f.complaintPending) and.push({ onSiteComplaint: { not: null }, complaintId: null });
  const search = f.search?.trim();
  if (search) {
    if (search.length > 100) throw badField('search', 'validation.tooLong', { max: 100 });
    and.push({
      OR: [
        { number: { contains: search, mode: 'insensitive' } },
        { equipment: { contains: search, mode: 'insensitive' } },
        { customer: { name: { contains: search, mode: 'insensitive' } } },
      ],
    });
  }
  return and;
}

export type WorkOrderPage = {
  nodes: WorkOrder[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
};

/** One page of the orders the viewer may read, newest first (id breaks ties). */
export async function listWorkOrders(
  viewer: Viewer,
  args: { filter?: WorkOrderFilter | null; first?: number | null; after?: string | null },
): Promise<WorkOrderPage> {
  const scope = readScope(viewer);
  const where: Prisma.WorkOrderWhereInput = { AND: [scope, ...(await filterWhere(args.filter ?? {}))] };
  const first = pageSize(args.first);
  return keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.workOrder.findUnique({ where: { id }, select }),
      rows: (query: Prisma.WorkOrderFindManyArgs) => prisma.workOrder.findMany(query),
      count: (query) => prisma.workOrder.count(query),
    },
  );
}

/**
 * A technician's orders scheduled on a day (default today), earliest first: the technician's phone view (their own
 * only, whatever id they pass) and the dispatcher's assign dialog ("the technician's other orders that day").
 */
export async function technicianDay(
  viewer: Viewer,
  args: { technicianId?: string | null; day?: Date | null },
  now: Date = clockNow(),
): Promise<WorkOrder[]> {
  const scope = readScope(viewer);
  if (viewer.kind === 'customer') throw forbidden();
  const technicianId = isTechnician(viewer)
    ? (viewer as Extract<Viewer, { kind: 'staff' }>).userId
    : args.technicianId
      ? uuidOrThrow(args.technicianId, 'technicianId')
      : null;
  if (!technicianId) throw badField('technicianId', 'validation.required');
  const { timeZone } = await loadBusinessCalendar();
  const day = args.day ?? new Date(`${localDate(now, timeZone)}T00:00:00.000Z`);
  const { start, end } = dayRange(day, timeZone);
  return prisma.workOrder.findMany({
    where: { AND: [scope, { technicianId, scheduledAt: { gte: start, lt: end }, status: { not: 'CANCELLED' } }] },
    orderBy: [{ scheduledAt: 'asc' }, { id: 'asc' }],
    take: 100,
  });
}

/** The active technicians a dispatcher may assign. */
export async function listTechnicians(viewer: Viewer) {
  requirePermission(viewer, 'workorders:read');
  if (viewer.kind === 'customer') throw forbidden();
  return prisma.user.findMany({ where: { role: 'TECHNICIAN', active: true }, orderBy: { name: 'asc' } });
}

// ───────────────────────────── writes ─────────────────────────────

/** Loads the order for an action: NOT_FOUND outside the viewer's scope, FORBIDDEN for the wrong side, CONFLICT when stale. */
async function loadFor(tx: Tx, viewer: Viewer, id: string, version: number, action: WorkOrderAction) {
  requirePermission(viewer, 'workorders:write');
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await tx.workOrder.findFirst({ where: { AND: [readScope(viewer), { id }] } });
  if (!row) throw notFound(ENTITY);
  if (!mayActAs(viewer, row, action)) throw forbidden('workOrder.notYourStep');
  if (row.version !== version) throw conflict('workOrder.stale', { currentVersion: row.version });
  const to = nextStatus(row, action);
  if (to === null) throw conflict('workOrder.notPossibleNow', { currentVersion: row.version, status: row.status });
  return { row, to };
}

/** The version-guarded write: of concurrent writers exactly one matches; the others get CONFLICT. */
async function claim(tx: Tx, row: WorkOrder, data: Prisma.WorkOrderUncheckedUpdateManyInput): Promise<WorkOrder> {
  const { count } = await tx.workOrder.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count === 0) throw conflict('workOrder.stale', { currentVersion: row.version + 1 });
  return tx.workOrder.findUniqueOrThrow({ where: { id: row.id } });
}

type Step = {
  action: WorkOrderAction;
  data: (row: WorkOrder, to: WorkOrderStatus) => Prisma.WorkOrderUncheckedUpdateManyInput;
  comment?: string | null;
  changes?: Prisma.InputJsonValue;
};

/** One action in one transaction: load and check, write, history. */
function act(viewer: Viewer, id: string, version: number, step: Step): Promise<WorkOrder> {
  return prisma.$transaction(async (tx) => {
    const { row, to } = await loadFor(tx, viewer, id, version, step.action);
    const updated = await claim(tx, row, { status: to, ...step.data(row, to) });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: step.action,
      fromState: row.status,
      toState: to,
      comment: step.comment ?? null,
      message: activityMessage('workOrder.step', { action: step.action }),
      changes: step.changes,
    });
    return updated;
  }, WRITE_TX_OPTIONS);
}

/** Creates a work order (a dispatcher): customer, site, equipment, fault, priority, requested time, where it came from. */
export async function createWorkOrder(viewer: Viewer, rawInput: unknown, now: Date = clockNow()): Promise<WorkOrder> {
  requirePermission(viewer, 'workorders:write');
  if (!isDispatcher(viewer)) throw forbidden('workOrder.dispatcherOnly');
  const input = parse(ZCreateWorkOrderInput, rawInput);
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: input.customerId }, select: { id: true } });
    if (!customer) throw badField('customerId', 'callback.customerMissing');
    let origin: 'MANUAL' | 'INTERACTION' | 'COMPLAINT' | 'OBLIGATION' = 'MANUAL';
    if (input.interactionId) {
      const source = await tx.interaction.findUnique({
        where: { id: input.interactionId },
        select: { type: true, customerId: true },
      });
      if (!source || source.customerId !== customer.id) throw badField('interactionId', 'workOrder.sourceMismatch');
      origin = source.type === 'COMPLAINT' ? 'COMPLAINT' : 'INTERACTION';
    }
    if (input.obligationId) {
      const obligation = await tx.keyAccountObligation.findUnique({
        where: { id: input.obligationId },
        select: { customerId: true },
      });
      if (!obligation || obligation.customerId !== customer.id)
        throw badField('obligationId', 'workOrder.sourceMismatch');
      origin = 'OBLIGATION';
    }
    const year = yearIn(now);
    const running = await nextYearlyNumber(tx, {
      sequence: workOrderSequenceName(year),
      prefix: workOrderNumberPrefix(year),
      table: 'WorkOrder',
    });
    const created = await tx.workOrder.create({
      data: {
        number: formatWorkOrderNumber(now, running),
        customerId: customer.id,
        interactionId: input.interactionId ?? null,
        obligationId: input.obligationId ?? null,
        origin,
        description: input.description,
        siteAddress: input.siteAddress ?? null,
        equipment: input.equipment ?? null,
        priority: input.priority ?? 'NORMAL',
        requestedAt: input.requestedAt ?? null,
        dispatcherId: viewer.kind === 'staff' ? viewer.userId : null,
        createdAt: now,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: created.id,
      action: 'CREATE',
      toState: 'CREATED',
      message: activityMessage('workOrder.created', { number: created.number }),
      changes: { origin, interactionId: created.interactionId, obligationId: created.obligationId },
    });
    return created;
  }, WRITE_TX_OPTIONS);
}

/** Assigns (or re-assigns) an active technician, planned for `scheduledAt` (default: the requested time, else now). */
export async function assignWorkOrder(
  viewer: Viewer,
  id: string,
  version: number,
  input: { technicianId: string; scheduledAt?: Date | null },
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const technicianId = uuidOrThrow(input.technicianId, 'technicianId');
  const technician = await prisma.user.findUnique({
    where: { id: technicianId },
    select: { role: true, active: true },
  });
  if (!technician || technician.role !== 'TECHNICIAN' || !technician.active)
    throw badField('technicianId', 'workOrder.technicianInvalid');
  return act(viewer, id, version, {
    action: 'ASSIGN',
    data: (row) => ({
      technicianId,
      scheduledAt: input.scheduledAt ?? row.requestedAt ?? now,
      dispatcherId: viewer.kind === 'staff' ? viewer.userId : row.dispatcherId,
      acceptedAt: null,
    }),
    changes: { technicianId },
  });
}

/** A technician's step: accept, depart, arrive, finish; `at` (default now) may not lie in the future. */
export function advanceWorkOrder(
  viewer: Viewer,
  id: string,
  version: number,
  step: FieldStep,
  at: Date | null | undefined,
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const when = at ?? now;
  if (when.getTime() > now.getTime()) throw badField('at', 'workOrder.timeInFuture');
  const field = STEP_TIME_FIELD[step];
  return act(viewer, id, version, {
    action: step,
    data: () => ({ [field]: when }),
    changes: { [field]: when.toISOString() },
  });
}

/** The work done, the parts (fitted or taken back), the fee and its receipt number. */
export function recordWork(viewer: Viewer, id: string, version: number, rawInput: unknown): Promise<WorkOrder> {
  const input = parse(ZRecordWorkInput, rawInput);
  const data: Prisma.WorkOrderUncheckedUpdateManyInput = {};
  if (input.workDone !== undefined) data.visitRecord = input.workDone;
  if (input.parts) data.parts = input.parts as unknown as Prisma.InputJsonValue;
  if (input.fee !== undefined) data.fee = input.fee === null ? null : new Prisma.Decimal(input.fee);
  if (input.receiptNo !== undefined) data.receiptNo = input.receiptNo;
  if (data.fee && !(input.receiptNo ?? null)) {
    // 003: a fee charged is always against a receipt (收据).
    throw badField('receiptNo', 'workOrder.receiptRequired');
  }
  return act(viewer, id, version, {
    action: 'RECORD_WORK',
    data: () => data,
    changes: { ...input, parts: input.parts ?? undefined } as unknown as Prisma.InputJsonValue,
  });
}

/**
 * The customer's sign-off: a drawn signature (PNG or JPEG uploaded to /api/uploads; anything else is refused with
 * BAD_USER_INPUT on `signatureUploadToken`) and/or the signer's name and phone, and their feedback (维修反馈). The image
 * is stored in file storage under the order's key; a failed transaction deletes it again.
 */
export async function signOff(
  viewer: Viewer,
  id: string,
  version: number,
  rawInput: unknown,
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const input = parse(ZSignOffInput, rawInput);
  let written: string | null = null;
  let claimedId: string | null = null;
  try {
    const updated = await prisma.$transaction(async (tx) => {
      const { row, to } = await loadFor(tx, viewer, id, version, 'SIGN_OFF');
      let signature: { key: string; mimeType: string } | null = null;
      if (input.signatureUploadToken) {
        const upload = await claimPendingUpload(tx, input.signatureUploadToken);
        if (!upload) throw badField('signatureUploadToken', 'workOrder.signatureMissing');
        claimedId = upload.id;
        const mimeType = imageMimeOf(upload.bytes);
        if (!mimeType) throw badField('signatureUploadToken', 'workOrder.signatureNotImage');
        if (upload.bytes.length > SIGNATURE_MAX_BYTES)
          throw badField('signatureUploadToken', 'workOrder.signatureTooLarge', { max: SIGNATURE_MAX_BYTES });
        const key = `work-orders/${row.id}/signature-${randomUUID()}`;
        await storage().put(key, upload.bytes, tx);
        written = key;
        signature = { key, mimeType };
      }
      const updated = await claim(tx, row, {
        status: to,
        customerSignoffName: input.signerName ?? null,
        customerSignoffPhone: input.signerPhone ?? null,
        customerFeedback: input.customerFeedback ?? null,
        signatureKey: signature?.key ?? null,
        signatureMimeType: signature?.mimeType ?? null,
        signedOffAt: now,
      });
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: row.id,
        action: 'SIGN_OFF',
        fromState: row.status,
        toState: to,
        comment: input.customerFeedback ?? null,
        message: activityMessage('workOrder.step', { action: 'SIGN_OFF' }),
        changes: { signerName: input.signerName ?? null, signature: !!signature },
      });
      return updated;
    }, WRITE_TX_OPTIONS);
    if (claimedId) await discardPendingFiles([claimedId]);
    return updated;
  } catch (error) {
    if (written) await storage().delete(written);
    throw error;
  }
}

/** The stored signature image of an order the viewer may read, or null. */
export async function readSignature(viewer: Viewer, id: string) {
  const order = await getWorkOrder(viewer, id);
  if (!order.signatureKey) return null;
  const bytes = await storage().get(order.signatureKey);
  return bytes ? { bytes, mimeType: order.signatureMimeType ?? 'image/png', order } : null;
}

/** Notes a complaint the customer raised on site (the technician); its 4-working-hour registration clock starts. */
export async function flagComplaint(
  viewer: Viewer,
  id: string,
  version: number,
  complaint: string,
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const description = text(complaint, 'complaint', WORK_ORDER_LIMITS.description, true)!;
  const calendar = await loadBusinessCalendar();
  return act(viewer, id, version, {
    action: 'FLAG_COMPLAINT',
    data: (row) => {
      if (row.onSiteComplaint) throw conflict('workOrder.complaintAlreadyFlagged', { currentVersion: row.version });
      return {
        onSiteComplaint: description,
        onSiteComplaintAt: now,
        onSiteComplaintDueAt: onSiteComplaintDueAt(now, calendar),
      };
    },
    comment: description,
  });
}

/**
 * Registers the on-site complaint through the intake (registerStaffInteraction: numbering, SLA clock, the customer's
 * acknowledgement) and links it to the order, in one transaction: the service desk, the order's technician or a
 * dispatcher (mayRegisterComplaint), with sight of the order.
 */
export async function registerComplaint(
  viewer: Viewer,
  id: string,
  version: number,
  input: { subject?: string | null; description?: string | null } | null | undefined,
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const scope = readScope(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  return prisma.$transaction(async (tx) => {
    const row = await tx.workOrder.findFirst({ where: { AND: [scope, { id }] } });
    if (!row) throw notFound(ENTITY);
    if (!mayRegisterComplaint(viewer, row))
      throw forbidden('common.requiresPermission', { permission: 'interactions:write' });
    if (row.version !== version) throw conflict('workOrder.stale', { currentVersion: row.version });
    if (!row.onSiteComplaint) throw badInput('workOrder.noOnSiteComplaint');
    if (row.complaintId) throw conflict('workOrder.complaintAlreadyRegistered', { currentVersion: row.version });
    const subject =
      text(input?.subject, 'subject', 200) ?? `${row.number}${row.equipment ? ` ${row.equipment}` : ''}`.slice(0, 200);
    const description = text(input?.description, 'description', 5000) ?? row.onSiteComplaint;
    const complaint = await registerStaffInteraction(
      tx,
      viewer,
      { type: 'COMPLAINT', channel: 'VISIT', customerId: row.customerId, subject, description },
      now,
      { authorisedByCaller: true },
    );
    const updated = await claim(tx, row, { complaintId: complaint.id });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'REGISTER_COMPLAINT',
      fromState: row.status,
      toState: row.status,
      message: activityMessage('workOrder.complaintRegistered', { number: complaint.number }),
      changes: { complaintId: complaint.id },
    });
    return updated;
  }, WRITE_TX_OPTIONS);
}

/** A 三包 line: return, replacement or repair, with the part, quantity and cost. */
export function addWarrantyLine(viewer: Viewer, id: string, version: number, rawInput: unknown): Promise<WorkOrder> {
  const input = parse(ZWarrantyLineInput, rawInput);
  return prisma.$transaction(async (tx) => {
    const { row } = await loadFor(tx, viewer, id, version, 'ADD_WARRANTY');
    await tx.workOrderWarrantyLine.create({
      data: {
        workOrderId: row.id,
        kind: input.kind,
        part: input.part,
        quantity: input.quantity,
        cost: new Prisma.Decimal(input.cost),
        note: input.note ?? null,
        createdById: viewer.kind === 'staff' ? viewer.userId : null,
      },
    });
    const updated = await claim(tx, row, {});
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'ADD_WARRANTY',
      fromState: row.status,
      toState: row.status,
      message: activityMessage('workOrder.warrantyAdded', { kind: input.kind, part: input.part }),
      changes: input as unknown as Prisma.InputJsonValue,
    });
    return updated;
  }, WRITE_TX_OPTIONS);
}

/** 回司反馈: the technician reports back. */
export function reportBack(
  viewer: Viewer,
  id: string,
  version: number,
  returnFeedback: string,
  now: Date = clockNow(),
): Promise<WorkOrder> {
  const feedback = text(returnFeedback, 'returnFeedback', WORK_ORDER_LIMITS.returnFeedback, true);
  return act(viewer, id, version, {
    action: 'REPORT_BACK',
    data: () => ({ returnFeedback: feedback, reportedAt: now }),
    comment: feedback,
  });
}

/** The dispatcher closes a reported order. */
export function closeWorkOrder(viewer: Viewer, id: string, version: number, now: Date = clockNow()) {
  return act(viewer, id, version, { action: 'CLOSE', data: () => ({ closedAt: now }) });
}

/** The dispatcher cancels an order not yet reported back, with a reason. */
export function cancelWorkOrder(viewer: Viewer, id: string, version: number, reason: string) {
  const why = text(reason, 'reason', WORK_ORDER_LIMITS.reason, true);
  return act(viewer, id, version, { action: 'CANCEL', data: () => ({ cancelReason: why }), comment: why });
}

/** The customer confirms the visit (portal): once, on their own company's finished order. */
export async function confirmVisit(viewer: Viewer, id: string, now: Date = clockNow()): Promise<WorkOrder> {
  if (viewer.kind !== 'customer') throw forbidden('workOrder.customerOnly');
  if (!isUuid(id)) throw notFound(ENTITY);
  return prisma.$transaction(async (tx) => {
    const row = await tx.workOrder.findFirst({ where: { id, customerId: viewer.customerId } });
    if (!row) throw notFound(ENTITY);
    if (!mayConfirm(row))
      throw conflict('workOrder.notPossibleNow', { currentVersion: row.version, status: row.status });
    const updated = await claim(tx, row, { customerConfirmedAt: now });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'CUSTOMER_CONFIRMED',
      fromState: row.status,
      toState: row.status,
      message: activityMessage('workOrder.customerConfirmed'),
    });
    return updated;
  }, WRITE_TX_OPTIONS);
}
