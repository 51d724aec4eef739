import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { WarrantyKind, WorkOrderPriority, WorkOrderStatus } from '@/generated/prisma/enums';
import { errorKey } from '@/server/error-keys';
import { addBusinessHours, DEFAULT_CALENDAR, type BusinessCalendar } from '../complaints/sla-clock.rules';
import { optionalText, requiredText } from '../input.rules';

/**
 * Pure rules of work orders (派工单, SPEC §7, seed 003 售后服务): the state machine, who may do what, the on-site
 * complaint clock, repeat repairs, the inputs and their limits. Client-safe: the forms import the limits from here.
 *
 * CREATED → (assign) ASSIGNED → (accept) ACCEPTED → (depart) IN_PROGRESS → (arrive) IN_PROGRESS → (finish) COMPLETED
 * → (sign off) SIGNED_OFF → (report back, 回司反馈) REPORTED → (close) CLOSED. A COMPLETED order may also be reported
 * back without a signature (the customer was not there). Anything before REPORTED may be cancelled by the dispatcher;
 * an ASSIGNED or ACCEPTED order may be re-assigned (it goes back to ASSIGNED).
 */
export const WORK_ORDER_STATUSES = [
  'CREATED',
  'ASSIGNED',
  'ACCEPTED',
  'IN_PROGRESS',
  'COMPLETED',
  'SIGNED_OFF',
  'REPORTED',
  'CLOSED',
  'CANCELLED',
] as const satisfies readonly WorkOrderStatus[];
export const WORK_ORDER_PRIORITIES = [
  'URGENT',
  'HIGH',
  'NORMAL',
  'LOW',
] as const satisfies readonly WorkOrderPriority[];
export const WARRANTY_KINDS = ['RETURN', 'REPLACE', 'REPAIR'] as const satisfies readonly WarrantyKind[];

/** The technician's steps on site, in order. */
export const FIELD_STEPS = ['ACCEPT', 'DEPART', 'ARRIVE', 'FINISH'] as const;
export type FieldStep = (typeof FIELD_STEPS)[number];

export type WorkOrderAction =
  | 'ASSIGN'
  | FieldStep
  | 'RECORD_WORK'
  | 'SIGN_OFF'
  | 'FLAG_COMPLAINT'
  | 'REPORT_BACK'
  | 'CLOSE'
  | 'CANCEL'
  | 'ADD_WARRANTY';

/** Every action, in the order the screens offer them. */
export const WORK_ORDER_ACTIONS: readonly WorkOrderAction[] = [
  'ASSIGN',
  'ACCEPT',
  'DEPART',
  'ARRIVE',
  'FINISH',
  'RECORD_WORK',
  'SIGN_OFF',
  'FLAG_COMPLAINT',
  'ADD_WARRANTY',
  'REPORT_BACK',
  'CLOSE',
  'CANCEL',
];

/** Technicians act on site; dispatchers (workorders:write, not a technician) plan, close and cancel. */
export type WorkOrderActor = 'DISPATCHER' | 'TECHNICIAN';

type Snapshot = { status: WorkOrderStatus; departedAt: Date | null; arrivedAt: Date | null };

const OPEN_FOR_WORK: readonly WorkOrderStatus[] = ['ACCEPTED', 'IN_PROGRESS', 'COMPLETED'];

/** The status an action leads to from `order`, or null when the action is not possible now. */
export function nextStatus(order: Snapshot, action: WorkOrderAction): WorkOrderStatus | null {
  const s = order.status;
  switch (action) {
    case 'ASSIGN':
      return s === 'CREATED' || s === 'ASSIGNED' || s === 'ACCEPTED' ? 'ASSIGNED' : null;
    case 'ACCEPT':
      return s === 'ASSIGNED' ? 'ACCEPTED' : null;
    case 'DEPART':
      return s === 'ACCEPTED' ? 'IN_PROGRESS' : null;
    case 'ARRIVE':
      return (s === 'ACCEPTED' || s === 'IN_PROGRESS') && !order.arrivedAt ? 'IN_PROGRESS' : null;
    case 'FINISH':
      return s === 'IN_PROGRESS' && order.arrivedAt ? 'COMPLETED' : null;
    case 'RECORD_WORK':
    case 'ADD_WARRANTY':
      return OPEN_FOR_WORK.includes(s) ? s : null;
    case 'FLAG_COMPLAINT':
      return OPEN_FOR_WORK.includes(s) || s === 'SIGNED_OFF' ? s : null;
    case 'SIGN_OFF':
      return s === 'COMPLETED' ? 'SIGNED_OFF' : null;
    case 'REPORT_BACK':
      return s === 'COMPLETED' || s === 'SIGNED_OFF' ? 'REPORTED' : null;
    case 'CLOSE':
      return s === 'REPORTED' ? 'CLOSED' : null;
    case 'CANCEL':
      return s === 'CLOSED' || s === 'CANCELLED' || s === 'REPORTED' ? null : 'CANCELLED';
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/** Who performs an action: the technician on their own order, or the dispatcher. */
export function actorOf(action: WorkOrderAction): WorkOrderActor {
  switch (action) {
    case 'ASSIGN':
    case 'CLOSE':
    case 'CANCEL':
      return 'DISPATCHER';
    case 'ACCEPT':
    case 'DEPART':
    case 'ARRIVE':
    case 'FINISH':
    case 'RECORD_WORK':
    case 'SIGN_OFF':
    case 'FLAG_COMPLAINT':
    case 'REPORT_BACK':
    case 'ADD_WARRANTY':
      return 'TECHNICIAN';
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${String(unknown)}`);
    }
  }
}

/** The timestamp a field step sets. */
export const STEP_TIME_FIELD: Record<FieldStep, 'acceptedAt' | 'departedAt' | 'arrivedAt' | 'finishedAt'> = {
  ACCEPT: 'acceptedAt',
  DEPART: 'departedAt',
  ARRIVE: 'arrivedAt',
  FINISH: 'finishedAt',
};

/** The work-order number prefix (派工, as the interactions' TS/ZX/CX/JY): PG-2026-000123. */
export const WORK_ORDER_NUMBER_PREFIX = 'PG';

/** 003: "如有出现客户投诉问题应在4小时内上报" — an on-site complaint is registered within 4 working hours. */
export const ON_SITE_COMPLAINT_HOURS = 4;

/** When an on-site complaint flagged at `flaggedAt` must be registered (working hours of the company calendar). */
export function onSiteComplaintDueAt(flaggedAt: Date, cal: BusinessCalendar = DEFAULT_CALENDAR): Date {
  return addBusinessHours(flaggedAt, ON_SITE_COMPLAINT_HOURS, cal);
}

/** Whether an on-site complaint is overdue for registration at `now` (registered ones never are). */
export function onSiteComplaintOverdue(
  order: { onSiteComplaintDueAt: Date | null; complaintId: string | null },
  now: Date,
): boolean {
  return !!order.onSiteComplaintDueAt && !order.complaintId && order.onSiteComplaintDueAt.getTime() <= now.getTime();
}

/** A repair of the same equipment at the same customer within this many days of the last one is a repeat repair. */
export const REPEAT_REPAIR_DAYS = 30;

/** On time: arrived by the requested time (an order without one is on time once finished). */
export function arrivedOnTime(order: { requestedAt: Date | null; arrivedAt: Date | null }): boolean {
  if (!order.arrivedAt) return false;
  return !order.requestedAt || order.arrivedAt.getTime() <= order.requestedAt.getTime();
}

/** A calendar day (the Date scalar: UTC midnight of YYYY-MM-DD) as the instants [start, end) of that day in `timeZone`. */
export function dayRange(day: Date, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
  return { start: new TZDate(y, m, d, 0, 0, timeZone), end: new TZDate(y, m, d + 1, 0, 0, timeZone) };
}

/** The week (Monday to Sunday, in `timeZone`) starting on the Monday of `day`'s week, as instants and its Monday. */
export function weekRange(day: Date, timeZone: string): { monday: Date; start: Date; end: Date } {
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  const monday = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - (weekday - 1)));
  const [y, m, d] = [monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate()];
  return { monday, start: new TZDate(y, m, d, 0, 0, timeZone), end: new TZDate(y, m, d + 7, 0, 0, timeZone) };
}

// ───────────────────────────── inputs ─────────────────────────────

export const WORK_ORDER_LIMITS = {
  description: 2000,
  siteAddress: 300,
  equipment: 200,
  workDone: 4000,
  feedback: 2000,
  returnFeedback: 2000,
  receiptNo: 60,
  signerName: 60,
  signerPhone: 30,
  partName: 120,
  partsMax: 50,
  partQuantityMin: 1,
  partQuantityMax: 10_000,
  feeMax: 1_000_000,
  warrantyCostMax: 10_000_000,
  reason: 500,
  note: 500,
} as const;
const MAX = WORK_ORDER_LIMITS;

/** The largest signature image accepted (a drawn signature PNG is a few tens of KB). */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
export const SIGNATURE_MIME_TYPES = ['image/png', 'image/jpeg'] as const;

/** Money as a decimal string (the Money scalar), not negative, at most `max` yuan. */
const money = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,2})?$/, { message: errorKey('workOrder.moneyInvalid') })
    .refine((v) => Number(v) <= max, { message: errorKey('workOrder.moneyTooLarge') });

export const ZCreateWorkOrderInput = z.object({
  customerId: z.uuid({ error: errorKey('callback.customerRequired') }),
  description: requiredText(MAX.description, 'workOrder.descriptionRequired'),
  siteAddress: optionalText(MAX.siteAddress),
  equipment: optionalText(MAX.equipment),
  priority: z.enum(WORK_ORDER_PRIORITIES).nullish(),
  requestedAt: z.date().nullish(),
  interactionId: z.uuid().nullish(),
  obligationId: z.uuid().nullish(),
});
export type TCreateWorkOrderInput = z.infer<typeof ZCreateWorkOrderInput>;

export const ZPartLine = z.object({
  name: requiredText(MAX.partName, 'workOrder.partNameRequired'),
  quantity: z.number().int().min(MAX.partQuantityMin).max(MAX.partQuantityMax),
  /** USED: fitted at the site; TAKEN_BACK: equipment taken back to the company (设备收条). */
  direction: z.enum(['USED', 'TAKEN_BACK']),
});
export type TPartLine = z.infer<typeof ZPartLine>;

export const ZRecordWorkInput = z.object({
  workDone: optionalText(MAX.workDone),
  parts: z.array(ZPartLine).max(MAX.partsMax).nullish(),
  fee: money(MAX.feeMax).nullish(),
  receiptNo: optionalText(MAX.receiptNo),
});
export type TRecordWorkInput = z.infer<typeof ZRecordWorkInput>;

export const ZSignOffInput = z
  .object({
    signerName: optionalText(MAX.signerName),
    signerPhone: optionalText(MAX.signerPhone),
    customerFeedback: optionalText(MAX.feedback),
    signatureUploadToken: z.string().trim().min(1).max(200).nullish(),
  })
  .refine((v) => !!v.signatureUploadToken || !!v.signerName, {
    path: ['signerName'],
    message: errorKey('workOrder.signOffNeedsSigner'),
  });
export type TSignOffInput = z.infer<typeof ZSignOffInput>;

export const ZWarrantyLineInput = z.object({
  kind: z.enum(WARRANTY_KINDS),
  part: requiredText(MAX.partName, 'workOrder.partNameRequired'),
  quantity: z.number().int().min(MAX.partQuantityMin).max(MAX.partQuantityMax),
  cost: money(MAX.warrantyCostMax),
  note: optionalText(MAX.note),
});
export type TWarrantyLineInput = z.infer<typeof ZWarrantyLineInput>;

/** Parts stored on an order (Json) read back defensively: anything malformed is dropped. */
export function partsOf(value: unknown): TPartLine[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = ZPartLine.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The PNG or JPEG signature by its first bytes (the MIME type an upload claims is not trusted alone). */
export function imageMimeOf(bytes: Uint8Array): (typeof SIGNATURE_MIME_TYPES)[number] | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/**
 * Whether a staff member takes the dispatcher's side (create, assign, close, cancel): workorders:write and not a
 * technician — the same test as the service's isDispatcher, for the screens that offer 派工.
 */
export const mayDispatchWorkOrders = (can: (permission: 'workorders:write') => boolean, role: string) =>
  can('workorders:write') && role !== 'TECHNICIAN';
