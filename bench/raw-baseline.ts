// The load phase's baseline: the same operations answered with hand-written SQL over `pg`, returning the JSON the real
// /api/graphql returns (bench/raw-server.ts serves these over plain node:http). It is what the work costs without the
// framework: the queries a careful developer would write against the same schema and indexes, the same authentication
// (an API-key lookup or the next-auth session cookie plus the user row), the same read scope and input validation.
// The app's pure rules are imported rather than copied (the business-hours clock for DUE_SOON, the callback windows,
// notification links, the customer input schema, cursors), so both sides compute the same answers;
// tests/integration/bench-baseline.test.ts checks that they do.
//
// Only what the bench sends is implemented: a filter, a cursor or an operation it does not send is refused, never
// answered differently.
import pg from 'pg';
import { addBusinessHours, DEFAULT_CALENDAR, type BusinessCalendar } from '@/graphql/complaints/sla-clock.rules';
import { doneSince, dueSoonUntil } from '@/graphql/callbacks/callback.rules';
import {
  CLOSURE_QUEUE,
  COMPLAINT_QUEUES,
  DEFAULT_AUTHORITY,
  type WorkflowRole,
} from '@/graphql/complaints/complaint-workflow.rules';
import { notificationHref } from '@/graphql/notifications/notification.rules';
import { activityEnglish, activityOf, noticeHasBody } from '@/lib/activity';
import { parseCustomerInput } from '@/graphql/customers/customer.rules';
import { encodeCursor, isUuid } from '@/graphql/cursor';

export type RawViewer =
  | { kind: 'apiClient'; name: string; scopes: readonly string[] }
  | { kind: 'staff'; userId: string; role: string; departmentId: string | null };

export class RawError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the handlers share: the pool, and what the database says about itself (read once, refreshed each minute). */
export type RawContext = {
  db: pg.Pool;
  now: () => Date;
  closedStates: readonly string[];
  openStates: readonly string[];
  calendar: () => BusinessCalendar;
};

type Handler = (ctx: RawContext, viewer: RawViewer, variables: Record<string, unknown>) => Promise<unknown>;

// Role permissions of src/server/auth/policies.ts, for the permissions these operations need.
const STAFF_PERMISSIONS: Record<string, readonly string[]> = {
  ADMIN: ['customers:read', 'customers:write', 'interactions:read', 'callbacks:read'],
  SERVICE_AGENT: ['customers:read', 'customers:write', 'interactions:read', 'callbacks:read'],
  SERVICE_MANAGER: ['customers:read', 'customers:write', 'interactions:read', 'callbacks:read'],
  QUALITY_MANAGER: ['customers:read', 'interactions:read', 'callbacks:read'],
  DEPARTMENT_HANDLER: ['customers:read', 'interactions:read'],
  EXECUTIVE: ['customers:read', 'interactions:read', 'callbacks:read'],
  DISPATCHER: ['customers:read', 'interactions:read'],
  TECHNICIAN: ['customers:read', 'interactions:read'],
};

function requirePermission(viewer: RawViewer, permission: string): void {
  const granted = viewer.kind === 'apiClient' ? viewer.scopes : (STAFF_PERMISSIONS[viewer.role] ?? []);
  if (!granted.includes(permission)) throw new RawError('FORBIDDEN', `Requires ${permission}`);
}

function staff(viewer: RawViewer): Extract<RawViewer, { kind: 'staff' }> {
  if (viewer.kind !== 'staff') throw new RawError('FORBIDDEN', 'Staff only');
  return viewer;
}

/**
 * Binds `:name` placeholders to $1, $2… in order of first use, so a statement only declares the parameters it uses
 * (PostgreSQL cannot type a parameter that appears nowhere). Casts (`::uuid`) are left alone.
 */
export function bind(text: string, named: Record<string, unknown>): [string, unknown[]] {
  const values: unknown[] = [];
  const positions = new Map<string, number>();
  const sql = text.replace(/(?<!:):([a-z]\w*)/g, (match, name: string) => {
    if (!(name in named)) return match;
    let position = positions.get(name);
    if (position === undefined) {
      values.push(named[name]);
      position = values.length;
      positions.set(name, position);
    }
    return `$${position}`;
  });
  return [sql, values];
}

function unsupported(what: string): never {
  throw new RawError('BAD_USER_INPUT', `The raw baseline does not implement ${what}`);
}

/**
 * The baseline pool's type parsers: timestamps are UTC without a zone (as Prisma writes them), so they are read as UTC
 * Dates; dates stay "YYYY-MM-DD" and numerics their text — GraphQL's Date and Money are exactly those texts.
 */
export const RAW_TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === pg.types.builtins.TIMESTAMP) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === pg.types.builtins.DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

const iso = (value: Date | null) => (value ? value.toISOString() : null);

// ───────────────────────────── customers (API clients) ─────────────────────────────

const CUSTOMER_FIELDS = `id, name, "contractNo", "certificateNo", status, province, industry, "contactPerson", phone, "creditStanding", grade,
  "keyAccountStatus", "initialAuditFee", "surveillanceAuditFee", "auditDate"::text, version, "updatedAt"`;

const customer: Handler = async ({ db }, viewer, { id }) => {
  requirePermission(viewer, 'customers:read');
  if (typeof id !== 'string' || !isUuid(id)) throw new RawError('NOT_FOUND', 'Customer not found');
  const { rows } = await db.query(`SELECT ${CUSTOMER_FIELDS} FROM "Customer" WHERE id = $1`, [id]);
  const c = rows[0];
  if (!c) throw new RawError('NOT_FOUND', 'Customer not found');
  return {
    customer: {
      id: c.id,
      name: c.name,
      contractNo: c.contractNo,
      certificateNo: c.certificateNo,
      status: c.status,
      province: c.province,
      industry: c.industry,
      contactPerson: c.contactPerson,
      phone: c.phone,
      creditStanding: c.creditStanding,
      grade: c.grade,
      keyAccountStatus: c.keyAccountStatus,
      initialAuditFee: c.initialAuditFee,
      surveillanceAuditFee: c.surveillanceAuditFee,
      auditDate: c.auditDate,
      version: c.version,
      updatedAt: iso(c.updatedAt),
    },
  };
};

const customerList: Handler = async ({ db }, viewer, { filter, first, sort, after }) => {
  requirePermission(viewer, 'customers:read');
  const f = (filter ?? {}) as Record<string, unknown>;
  if (sort || after || Object.keys(f).some((k) => k !== 'province'))
    unsupported('this customer filter, sort or cursor');
  const size = typeof first === 'number' ? first : 25;
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw new RawError('BAD_USER_INPUT', 'first must be between 1 and 100');
  const provinces = Array.isArray(f.province) && f.province.length ? (f.province as string[]) : null;
  // The list's default order (most recently updated first, id breaking ties), active records only.
  const { rows } = await db.query(
    `SELECT id, name, "contractNo", status, province, industry, "contactPerson", phone, grade, "updatedAt" FROM "Customer"
      WHERE "archivedAt" IS NULL AND ($1::text[] IS NULL OR province = ANY($1)) ORDER BY "updatedAt" DESC, id DESC LIMIT $2`,
    [provinces, size + 1],
  );
  const page = rows.slice(0, size);
  const ids = page.map((r) => r.id as string);
  const [contacts, contracts] = await Promise.all([
    db.query(
      `SELECT "customerId", id, name, title, phone, mobile, email, "isPrimary" FROM "Contact" WHERE "customerId" = ANY($1) ORDER BY "isPrimary" DESC, "createdAt" ASC`,
      [ids],
    ),
    db.query(
      `SELECT "customerId", id, "contractNo", title, amount, "signedAt"::text, "startsAt"::text, "endsAt"::text FROM "Contract" WHERE "customerId" = ANY($1)
        ORDER BY "signedAt" DESC NULLS LAST, "createdAt" DESC`,
      [ids],
    ),
  ]);
  const group = (rows: Record<string, unknown>[]) => {
    const by = new Map<string, Record<string, unknown>[]>();
    for (const { customerId, ...row } of rows) {
      const list = by.get(customerId as string);
      if (list) list.push(row);
      else by.set(customerId as string, [row]);
    }
    return by;
  };
  const contactsOf = group(contacts.rows);
  const contractsOf = group(contracts.rows);
  return {
    customers: {
      nodes: page.map((c) => ({
        id: c.id,
        name: c.name,
        contractNo: c.contractNo,
        status: c.status,
        province: c.province,
        industry: c.industry,
        contactPerson: c.contactPerson,
        phone: c.phone,
        grade: c.grade,
        updatedAt: iso(c.updatedAt),
        contacts: (contactsOf.get(c.id) ?? []).map((k) => ({
          id: k.id,
          name: k.name,
          title: k.title,
          phone: k.phone,
          mobile: k.mobile,
          email: k.email,
          isPrimary: k.isPrimary,
        })),
        contracts: (contractsOf.get(c.id) ?? []).map((k) => ({
          id: k.id,
          contractNo: k.contractNo,
          title: k.title,
          amount: k.amount,
          signedAt: k.signedAt,
          startsAt: k.startsAt,
          endsAt: k.endsAt,
        })),
      })),
      pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page.at(-1)!.id) : null },
    },
  };
};

/**
 * A versioned write in one statement: lock the row, check the owner is active staff, update it if the version is still
 * the one read, and append the history entry — all or nothing. A stale version answers CONFLICT with the current one.
 */
const updateCustomer: Handler = async ({ db }, viewer, { id, version, input }) => {
  requirePermission(viewer, 'customers:write');
  if (typeof id !== 'string' || !isUuid(id)) throw new RawError('NOT_FOUND', 'Customer not found');
  const data = parseCustomerInput(input);
  const fields = Object.keys(data).filter((k) => (data as Record<string, unknown>)[k] !== undefined);
  if (fields.some((k) => !['name', 'phone', 'ownerId'].includes(k)))
    unsupported('customer fields other than name, phone and ownerId');
  const actorLabel = viewer.kind === 'apiClient' ? `API: ${viewer.name}` : null;
  const actorId = viewer.kind === 'staff' ? viewer.userId : null;
  const { rows } = await db.query(
    `WITH before AS (SELECT id, name, phone, "ownerId", status, version FROM "Customer" WHERE id = $1 FOR UPDATE),
          owner_ok AS (SELECT $5::uuid IS NULL OR EXISTS (SELECT 1 FROM "User" WHERE id = $5::uuid AND role <> 'CUSTOMER' AND active) AS ok),
          updated AS (
            UPDATE "Customer" c SET name = $3, phone = $4, "ownerId" = $5::uuid, version = c.version + 1, "updatedAt" = now() AT TIME ZONE 'UTC'
              FROM before b, owner_ok o WHERE c.id = b.id AND c.version = $2 AND o.ok
            RETURNING c.id, c.version, c.name, c.phone, c.status, b.name AS old_name, b.phone AS old_phone, b."ownerId" AS old_owner),
          history AS (
            INSERT INTO "HistoryEntry" (id, "entityType", "entityId", action, "fromState", "toState", changes, "actorId", "actorLabel", "createdAt")
            SELECT gen_random_uuid(), 'Customer', u.id, 'UPDATE', u.status, u.status,
                   jsonb_strip_nulls(jsonb_build_object(
                     'name', CASE WHEN u.old_name IS DISTINCT FROM u.name THEN jsonb_build_object('from', u.old_name, 'to', u.name) END,
                     'phone', CASE WHEN u.old_phone IS DISTINCT FROM u.phone THEN jsonb_build_object('from', u.old_phone, 'to', u.phone) END,
                     'ownerId', CASE WHEN u.old_owner IS DISTINCT FROM $5::uuid THEN jsonb_build_object('from', u.old_owner, 'to', $5::uuid) END)),
                   $6::uuid, $7, now() AT TIME ZONE 'UTC'
              FROM updated u)
     SELECT (SELECT row_to_json(u) FROM (SELECT id, version, name, phone FROM updated) u) AS updated,
            (SELECT version FROM before) AS current, (SELECT ok FROM owner_ok) AS owner_ok`,
    [id, version, data.name, data.phone ?? null, data.ownerId ?? null, actorId, actorLabel],
  );
  const result = rows[0] as { updated: Record<string, unknown> | null; current: number | null; owner_ok: boolean };
  if (result.updated) return { updateCustomer: result.updated };
  if (result.current === null) throw new RawError('NOT_FOUND', 'Customer not found');
  if (!result.owner_ok) throw new RawError('BAD_USER_INPUT', '负责人须为在职员工');
  throw new RawError('CONFLICT', `This customer was changed by someone else (version ${result.current})`);
};

// ───────────────────────────── complaint queues (staff) ─────────────────────────────

// The queues and their order as the app lists them (the console's tabs read the same list).
const QUEUES = COMPLAINT_QUEUES;
const NO_DEPARTMENT = '00000000-0000-0000-0000-000000000000';
/** Resolution due within this many business hours counts as "due soon" (complaint-queue.service.ts). */
const DUE_SOON_HOURS = 4;

/** Each queue's condition over the open complaints (:me the viewer, :dept their department, :now, :soon the due-soon mark). */
const QUEUE_CONDITION: Record<(typeof QUEUES)[number], string> = {
  MINE: `"ownerId" = :me`,
  MY_DEPARTMENT: `"responsibleDepartmentId" = :dept`,
  UNASSIGNED: `("responsibleDepartmentId" IS NULL OR "ownerId" IS NULL)`,
  DUE_SOON: `("resolutionDueAt" >= :now AND "resolutionDueAt" <= :soon)`,
  OVERDUE: `("resolutionDueAt" < :now OR ("responsibleDepartmentId" IS NULL AND "triageDueAt" < :now))`,
  CRISIS: `severity = 'CRISIS'`,
  // :approvable — the severities the viewer's role may approve (核决权限; the bench database keeps the default).
  MY_APPROVAL: `(status = 'PENDING_APPROVAL' AND severity::text = ANY(:approvable))`,
  VERIFICATION: `status = 'VERIFYING'`,
  // Every complaint awaiting closure: the queue reads those rows instead of the open ones (openComplaints).
  AWAITING_CLOSURE: 'true',
  OPEN: 'true',
};

/** The queue orders of complaint-queue.service.ts, on the columns of the relation `t`. */
const ORDER = {
  DUE_SOONEST: (t: string) => `${t}."resolutionDueAt" ASC NULLS LAST, ${t}.id ASC`,
  SEVERITY: (t: string) => `${t}.severity DESC NULLS LAST, ${t}."resolutionDueAt" ASC NULLS LAST, ${t}.id ASC`,
  NEWEST: (t: string) => `${t}."createdAt" DESC, ${t}.id DESC`,
  OLDEST: (t: string) => `${t}."createdAt" ASC, ${t}.id ASC`,
} as const;

/**
 * The open complaints the viewer may read, through the partial indexes on the generated `isOpenComplaint` column (as
 * the app's queue does): a baseline that took the (type, status) route would be measuring a different plan. The 待关闭
 * queue reads those awaiting closure, through the generated `isAwaitingClosure`.
 */
function openComplaints(
  viewer: Extract<RawViewer, { kind: 'staff' }>,
  rows: 'isOpenComplaint' | 'isAwaitingClosure' = 'isOpenComplaint',
): string {
  // A department handler reads what is assigned to their department or to them (interactionReadScope).
  const scope =
    viewer.role === 'DEPARTMENT_HANDLER' ? `AND ("ownerId" = :me OR "responsibleDepartmentId" = :dept)` : '';
  return `SELECT id, number, subject, status, severity, "companyName", "customerId", "ownerId", "responsibleDepartmentId", "resolutionDueAt", "triageDueAt", "createdAt"
            FROM "Interaction" WHERE "${rows}" ${scope}`;
}

function queueParams(ctx: RawContext, viewer: Extract<RawViewer, { kind: 'staff' }>) {
  const now = ctx.now();
  const soon = addBusinessHours(now, DUE_SOON_HOURS, ctx.calendar());
  return {
    me: viewer.userId,
    dept: viewer.departmentId ?? NO_DEPARTMENT,
    now: now.toISOString(),
    soon: soon.toISOString(),
    open: ctx.openStates,
    approvable: (Object.keys(DEFAULT_AUTHORITY) as (keyof typeof DEFAULT_AUTHORITY)[]).filter((severity) =>
      DEFAULT_AUTHORITY[severity].approve.includes(viewer.role as WorkflowRole),
    ),
  };
}

const complaintQueue: Handler = async (ctx, viewer, { queue, filter, sort, first, after }) => {
  requirePermission(viewer, 'interactions:read');
  const me = staff(viewer);
  if (filter || after) unsupported('queue filters and cursors');
  if (!QUEUES.includes(queue as (typeof QUEUES)[number])) throw new RawError('BAD_USER_INPUT', 'Unknown queue');
  const order = ORDER[(sort ?? 'DUE_SOONEST') as keyof typeof ORDER];
  if (!order) throw new RawError('BAD_USER_INPUT', 'Unknown sort');
  const size = typeof first === 'number' ? first : 25;
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw new RawError('BAD_USER_INPUT', 'first must be between 1 and 100');
  const { rows } = await ctx.db.query(
    ...bind(
      `WITH open_work AS MATERIALIZED (${openComplaints(me, queue === CLOSURE_QUEUE ? 'isAwaitingClosure' : 'isOpenComplaint')}),
            page AS (SELECT *, count(*) OVER () AS total FROM open_work o WHERE ${QUEUE_CONDITION[queue as (typeof QUEUES)[number]]} ORDER BY ${order('o')} LIMIT :limit)
       SELECT p.*, c.name AS customer_name, u.name AS owner_name, d.name AS department_name
         FROM page p LEFT JOIN "Customer" c ON c.id = p."customerId" LEFT JOIN "User" u ON u.id = p."ownerId" LEFT JOIN "Department" d ON d.id = p."responsibleDepartmentId"
        ORDER BY ${order('p')}`,
      { ...queueParams(ctx, me), limit: size + 1 },
    ),
  );
  const page = rows.slice(0, size);
  return {
    complaintQueue: {
      nodes: page.map((r) => ({
        id: r.id,
        number: r.number,
        subject: r.subject,
        status: r.status,
        severity: r.severity,
        companyName: r.companyName,
        customer: r.customerId ? { id: r.customerId, name: r.customer_name } : null,
        owner: r.ownerId ? { id: r.ownerId, name: r.owner_name } : null,
        responsibleDepartment: r.responsibleDepartmentId
          ? { id: r.responsibleDepartmentId, name: r.department_name }
          : null,
        resolutionDueAt: iso(r.resolutionDueAt),
        triageDueAt: iso(r.triageDueAt),
      })),
      pageInfo: { hasNextPage: rows.length > size, endCursor: page.length ? encodeCursor(page.at(-1)!.id) : null },
      totalCount: rows.length ? Number(rows[0].total) : 0,
    },
  };
};

/** All the tab counts in one statement: one pass over the open complaints, a sub-select over those awaiting closure. */
const complaintQueueCounts: Handler = async (ctx, viewer, { filter }) => {
  requirePermission(viewer, 'interactions:read');
  const me = staff(viewer);
  if (filter) unsupported('queue filters');
  const { rows } = await ctx.db.query(
    ...bind(
      `SELECT ${QUEUES.filter((q) => q !== CLOSURE_QUEUE)
        .map((q) => `count(*) FILTER (WHERE ${QUEUE_CONDITION[q]})::int AS "${q}"`)
        .join(', ')},
              (SELECT count(*) FROM (${openComplaints(me, 'isAwaitingClosure')}) closing)::int AS "${CLOSURE_QUEUE}"
         FROM (${openComplaints(me)}) open_work`,
      queueParams(ctx, me),
    ),
  );
  return { complaintQueueCounts: QUEUES.map((queue) => ({ queue, count: rows[0][queue] })) };
};

// ───────────────────────────── the 工作台's other blocks (staff) ─────────────────────────────

const CALLBACK_QUEUES = ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE'] as const;

const callbackQueueCounts: Handler = async (ctx, viewer) => {
  requirePermission(viewer, 'callbacks:read');
  const me = staff(viewer);
  const now = ctx.now();
  const { rows } = await ctx.db.query(
    `SELECT count(*) FILTER (WHERE status = 'PENDING' AND "assigneeId" = $1)::int AS "MINE",
            count(*) FILTER (WHERE status = 'PENDING' AND "dueAt" >= $2 AND "dueAt" <= $3)::int AS "DUE_SOON",
            count(*) FILTER (WHERE status = 'PENDING' AND "dueAt" < $2)::int AS "OVERDUE",
            count(*) FILTER (WHERE status = 'PENDING')::int AS "PENDING",
            count(*) FILTER (WHERE status = 'DONE')::int AS "DONE"
       FROM "Callback" WHERE status = 'PENDING' OR (status = 'DONE' AND "completedAt" >= $4)`,
    [me.userId, now.toISOString(), dueSoonUntil(now).toISOString(), doneSince(now).toISOString()],
  );
  return { callbackQueueCounts: CALLBACK_QUEUES.map((queue) => ({ queue, count: rows[0][queue] })) };
};

/** A notification's words as the API gives them: its message keys with their English text (notifications resolvers). */
function noticeWords(n: {
  title: string | null;
  body: string | null;
  messageKey: string | null;
  messageParams: unknown;
}) {
  const key = n.messageKey;
  const hasBody = !!key && noticeHasBody(key);
  return {
    title: n.title ?? activityEnglish(`${key}.title`, n.messageParams),
    body: n.body ?? (hasBody ? activityEnglish(`${key}.body`, n.messageParams) : null),
    message: key ? activityOf(`${key}.title`, n.messageParams) : null,
    detail: hasBody ? activityOf(`${key}.body`, n.messageParams) : null,
  };
}

const notificationList: Handler = async (ctx, viewer, { unreadOnly, first, after }) => {
  const me = staff(viewer);
  if (after) unsupported('notification cursors');
  const size = typeof first === 'number' ? first : 20;
  if (!Number.isInteger(size) || size < 1 || size > 100)
    throw new RawError('BAD_USER_INPUT', 'first must be between 1 and 100');
  const [page, counts] = await Promise.all([
    ctx.db.query(
      `SELECT n.id, n.kind, n.title, n.body, n."messageKey", n."messageParams", n."entityType", n."entityId", n."readAt", n."createdAt", i.type AS "interactionType"
         FROM (SELECT * FROM "Notification" WHERE "userId" = $1 AND ($2 = false OR "readAt" IS NULL) ORDER BY "createdAt" DESC, id DESC LIMIT $3) n
         LEFT JOIN "Interaction" i ON n."entityType" = 'Interaction' AND i.id = n."entityId"
        ORDER BY n."createdAt" DESC, n.id DESC`,
      [me.userId, unreadOnly === true, size + 1],
    ),
    ctx.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE "readAt" IS NULL)::int AS unread FROM "Notification" WHERE "userId" = $1`,
      [me.userId],
    ),
  ]);
  const rows = page.rows.slice(0, size);
  const { total, unread } = counts.rows[0] as { total: number; unread: number };
  return {
    myNotifications: {
      nodes: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        ...noticeWords(n),
        href: notificationHref(n.entityType, n.entityId, n.interactionType ?? null),
        readAt: iso(n.readAt),
        createdAt: iso(n.createdAt),
      })),
      pageInfo: { hasNextPage: page.rows.length > size, endCursor: rows.length ? encodeCursor(rows.at(-1)!.id) : null },
      totalCount: unreadOnly === true ? unread : total,
    },
    unreadNotificationCount: unread,
  };
};

const unreadNotificationCount: Handler = async (ctx, viewer) => {
  const me = staff(viewer);
  const { rows } = await ctx.db.query(
    `SELECT count(*)::int AS unread FROM "Notification" WHERE "userId" = $1 AND "readAt" IS NULL`,
    [me.userId],
  );
  return { unreadNotificationCount: rows[0].unread };
};

/** Handlers by operation name: the UI's own operation names, and the bench's API operations (bench/scenarios.ts). */
export const RAW_OPERATIONS: Record<string, Handler> = {
  BenchCustomer: customer,
  BenchCustomerList: customerList,
  BenchUpdateCustomer: updateCustomer,
  ComplaintQueue: complaintQueue,
  ComplaintQueueCounts: complaintQueueCounts,
  CallbackQueueCounts: callbackQueueCounts,
  NotificationList: notificationList,
  NotificationUnreadCount: unreadNotificationCount,
};

type BusinessHoursSetting = { timeZone?: string; days?: number[]; start?: string; end?: string };

/** The context: open and closed complaint states as the database enum has them, and the business calendar. */
export async function createRawContext(
  db: pg.Pool,
  now: () => Date = () => new Date(),
): Promise<RawContext & { refresh: () => Promise<void> }> {
  // The queues' closed states (complaint-queue.service.ts); every other state of the enum is open work.
  const closedStates = ['RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED'];
  const { rows } = await db.query<{ state: string }>(
    `SELECT unnest(enum_range(NULL::"InteractionStatus"))::text AS state`,
  );
  const openStates = rows.map((r) => r.state).filter((s) => !closedStates.includes(s));
  let calendar: BusinessCalendar = DEFAULT_CALENDAR;
  const refresh = async () => {
    const [setting, days] = await Promise.all([
      db.query<{ value: BusinessHoursSetting }>(`SELECT value FROM "Setting" WHERE key = 'businessHours'`),
      db.query<{ date: string; isWorkday: boolean }>(`SELECT date::text, "isWorkday" FROM "CalendarDay"`),
    ]);
    const hours = setting.rows[0]?.value ?? {};
    calendar = {
      timeZone: hours.timeZone ?? process.env.KEFU_TIME_ZONE ?? DEFAULT_CALENDAR.timeZone,
      workdays: hours.days ?? DEFAULT_CALENDAR.workdays,
      start: hours.start ?? DEFAULT_CALENDAR.start,
      end: hours.end ?? DEFAULT_CALENDAR.end,
      holidays: new Set(days.rows.filter((d) => !d.isWorkday).map((d) => d.date)),
      extraWorkdays: new Set(days.rows.filter((d) => d.isWorkday).map((d) => d.date)),
    };
  };
  await refresh();
  return { db, now, closedStates, openStates, calendar: () => calendar, refresh };
}
