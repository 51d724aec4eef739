import 'server-only';
import { z } from 'zod';
import { Prisma, type HistoryEntry } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { forgetAccount } from '@/server/auth/sessions';
import { forgetReads } from '@/server/cache/read-cache';
import { prisma, type Tx } from '@/server/db';
import { badField, badInput, conflict, notFound } from '@/server/errors';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { appendHistory, diffFields } from '@/server/history';
import { changeList } from '@/lib/changes';
import type { Viewer } from '@/server/viewer';
import { STAFF_ACCOUNT_ROLES, USER_LIMITS } from '../admin/admin.rules';
import { isUuid } from '../cursor';
import { keysetPage, NEWEST_FIRST } from '../keyset';
import { pageSize } from '../pagination.rules';
import {
  AUDITED_ENTITY_TYPES,
  DEPARTMENT_CODE_SHAPE,
  DEPARTMENT_LIMITS,
  isAuditedEntityType,
  removesLastAdmin,
  type AuditedEntityType,
} from './directory.rules';

/**
 * Departments and staff accounts as the administrator keeps them (SPEC §10, issue 15 item 5): create, rename,
 * deactivate departments and name their head (the escalation ladder's second rung); edit an account's name, phone,
 * role, department and active flag. Every write names the version it read (stale → CONFLICT), keeps at least one
 * active administrator, and appends a history entry with the changed fields (from → to): the audit log reads those.
 */

// ───────────────────────────── departments ─────────────────────────────

const ZDepartmentName = z.string().trim().min(1).max(DEPARTMENT_LIMITS.nameMaxLength);
const ZCreateDepartment = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(DEPARTMENT_LIMITS.codeMaxLength)
    .regex(DEPARTMENT_CODE_SHAPE, { message: errorKey('admin.departmentCodeShape') }),
  name: ZDepartmentName,
  headId: z.uuid().nullish(),
});
const ZUpdateDepartment = z.object({
  name: ZDepartmentName,
  headId: z.uuid().nullish(),
  active: z.boolean(),
  version: z.number().int().min(1),
});

/** The head must be an active staff account (the escalation ladder mails them). */
async function checkHead(tx: Tx, headId: string | null | undefined) {
  if (!headId) return;
  const head = await tx.user.findUnique({ where: { id: headId }, select: { role: true, active: true } });
  if (!head || head.role === 'CUSTOMER' || !head.active) throw badField('headId', 'admin.headNotActiveStaff');
}

export async function createDepartment(viewer: Viewer, input: unknown) {
  requirePermission(viewer, 'users:manage');
  const parsed = ZCreateDepartment.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const data = { ...parsed.data, code: parsed.data.code.toUpperCase(), headId: parsed.data.headId ?? null };
  try {
    const created = await prisma.$transaction(async (tx) => {
      await checkHead(tx, data.headId);
      const department = await tx.department.create({ data });
      await appendHistory(tx, viewer, {
        entityType: 'Department',
        entityId: department.id,
        action: 'CREATE',
        toState: 'ACTIVE',
        changes: { code: data.code, name: data.name, headId: data.headId },
      });
      return department;
    });
    forgetReads();
    return created;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw badField('code', 'admin.departmentCodeTaken');
    throw error;
  }
}

export async function updateDepartment(viewer: Viewer, id: string, input: unknown) {
  requirePermission(viewer, 'users:manage');
  if (!isUuid(id)) throw notFound('Department');
  const parsed = ZUpdateDepartment.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const { version, ...change } = parsed.data;
  const next = { ...change, headId: change.headId ?? null };
  const updated = await prisma.$transaction(async (tx) => {
    const existing = await tx.department.findUnique({ where: { id } });
    if (!existing) throw notFound('Department');
    if (existing.version !== version) throw conflict('admin.stale', { currentVersion: existing.version });
    if (next.headId !== existing.headId) await checkHead(tx, next.headId);
    if (existing.active && !next.active) {
      // A department that still has active members or open complaints would leave them pointing nowhere.
      const [members, open] = await Promise.all([
        tx.user.count({ where: { departmentId: id, active: true } }),
        tx.interaction.count({ where: { responsibleDepartmentId: id, isOpenComplaint: true } }),
      ]);
      if (members > 0) throw badField('active', 'admin.departmentHasMembers', { count: members });
      if (open > 0) throw badField('active', 'admin.departmentHasOpenComplaints', { count: open });
    }
    const { count } = await tx.department.updateMany({
      where: { id, version },
      data: { ...next, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('admin.stale', { currentVersion: existing.version + 1 });
    await appendHistory(tx, viewer, {
      entityType: 'Department',
      entityId: id,
      action: existing.active !== next.active ? (next.active ? 'ACTIVATE' : 'DEACTIVATE') : 'UPDATE',
      fromState: existing.active ? 'ACTIVE' : 'INACTIVE',
      toState: next.active ? 'ACTIVE' : 'INACTIVE',
      changes: diffFields(existing, next) as Prisma.InputJsonValue,
    });
    return tx.department.findUniqueOrThrow({ where: { id } });
  });
  forgetReads();
  return updated;
}

// ───────────────────────────── accounts ─────────────────────────────

const ZUpdateUser = z.object({
  name: z.string().trim().min(1).max(USER_LIMITS.nameMaxLength),
  phone: z
    .string()
    .trim()
    .max(USER_LIMITS.phoneMaxLength)
    .nullish()
    .transform((v) => v || null),
  role: z.string(),
  departmentId: z.uuid().nullish(),
  active: z.boolean(),
  version: z.number().int().min(1),
});

/** Serialises the changes that could remove the last administrator (two admins demoting each other at once). */
const lockAdmins = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kefu:admin-accounts'))`;

export async function updateUser(viewer: Viewer, id: string, input: unknown) {
  requirePermission(viewer, 'users:manage');
  if (!isUuid(id)) throw notFound('User');
  const parsed = ZUpdateUser.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const { version, ...change } = parsed.data;
  const updated = await prisma.$transaction(async (tx) => {
    await lockAdmins(tx);
    const existing = await tx.user.findUnique({ where: { id } });
    if (!existing) throw notFound('User');
    if (existing.version !== version) throw conflict('admin.stale', { currentVersion: existing.version });
    // A portal account stays a portal account (it belongs to a customer, not a department); staff stay staff.
    const isCustomerAccount = existing.role === 'CUSTOMER';
    if (
      isCustomerAccount ? change.role !== 'CUSTOMER' : !(STAFF_ACCOUNT_ROLES as readonly string[]).includes(change.role)
    )
      throw badField('role', isCustomerAccount ? 'admin.customerAccountRole' : 'admin.staffAccountRole');
    const departmentId = isCustomerAccount ? null : (change.departmentId ?? null);
    if (departmentId && departmentId !== existing.departmentId) {
      const department = await tx.department.findUnique({ where: { id: departmentId }, select: { active: true } });
      if (!department?.active) throw badField('departmentId', 'admin.departmentInactive');
    }
    if (viewer.kind === 'staff' && viewer.userId === id && !change.active)
      throw badField('active', 'admin.cannotDeactivateSelf');
    const next = {
      name: change.name,
      phone: change.phone,
      role: change.role as (typeof STAFF_ACCOUNT_ROLES)[number] | 'CUSTOMER',
      departmentId,
      active: change.active,
    };
    await refuseLastAdminRemoval(tx, existing, next);
    const { count } = await tx.user.updateMany({
      where: { id, version },
      data: { ...next, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('admin.stale', { currentVersion: existing.version + 1 });
    await appendHistory(tx, viewer, {
      entityType: 'User',
      entityId: id,
      action: existing.active !== next.active ? (next.active ? 'ACTIVATE' : 'DEACTIVATE') : 'UPDATE',
      fromState: existing.role,
      toState: next.role,
      changes: diffFields(existing, next) as Prisma.InputJsonValue,
    });
    return tx.user.findUniqueOrThrow({ where: { id } });
  });
  // A change of role or active flag ended the account's sessions in the database (trigger User_end_sessions).
  forgetAccount(id);
  forgetReads();
  return updated;
}

/** CONFLICT when the change leaves no active administrator (call under `lockAdmins`). */
export async function refuseLastAdminRemoval(
  tx: Tx,
  before: { id: string; role: string; active: boolean },
  after: { role: string; active: boolean },
) {
  if (!(before.role === 'ADMIN' && before.active)) return;
  const others = await tx.user.count({ where: { role: 'ADMIN', active: true, id: { not: before.id } } });
  if (removesLastAdmin(before, after, others)) throw conflict('admin.lastAdmin');
}

export { lockAdmins };

// ───────────────────────────── the audit log ─────────────────────────────

export type AuditLogFilter = {
  entityType?: string | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
};

export type AuditChange = { field: string; from: string | null; to: string | null };
export type AuditEntry = {
  id: string;
  entityType: AuditedEntityType;
  entityId: string;
  entityLabel: string | null;
  changeList: AuditChange[];
  entry: HistoryEntry;
};

/** Fields whose values are ids of departments or accounts: the log shows their names. */
const DEPARTMENT_ID_FIELDS = new Set(['departmentId']);
const USER_ID_FIELDS = new Set(['headId', 'ownerId']);

const asText = (value: unknown, names: Map<string, string>): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return names.get(value) ?? value;
  return JSON.stringify(value);
};

/** Admin changes, newest first (index entityType, createdAt, id), with the name of what each one changed. */
export async function auditLog(
  viewer: Viewer,
  args: { filter?: AuditLogFilter | null; first?: number | null; after?: string | null },
) {
  requirePermission(viewer, 'users:manage');
  const first = pageSize(args.first);
  const filter = args.filter ?? {};
  if (filter.entityType && !isAuditedEntityType(filter.entityType))
    throw badField('entityType', 'validation.invalidChoice');
  if (filter.actorId && !isUuid(filter.actorId)) throw badField('actorId', 'common.invalidId');
  const where: Prisma.HistoryEntryWhereInput = {
    entityType: filter.entityType ? filter.entityType : { in: [...AUDITED_ENTITY_TYPES] },
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
  const page = await keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.historyEntry.findFirst({ where: { AND: [where, { id }] }, select }),
      rows: (query: Prisma.HistoryEntryFindManyArgs) => prisma.historyEntry.findMany(query),
      count: (query) => prisma.historyEntry.count(query),
    },
  );
  const entries = page.nodes;
  const labels = await entityLabels(entries);
  const nodes: AuditEntry[] = entries.map((entry) => ({
    id: entry.id,
    entityType: entry.entityType as AuditedEntityType,
    entityId: entry.entityId,
    entityLabel: labels.get(entry.entityId) ?? null,
    changeList: changeList(entry.changes).map(({ field, from, to }) => ({
      field,
      from: asText(from, labels),
      to: asText(to, labels),
    })),
    entry,
  }));
  return { ...page, nodes };
}

/**
 * The names of the accounts, departments and API keys a page of entries changed or names in its changes (a new
 * department, a new head): one query per kind on the page.
 */
async function entityLabels(entries: HistoryEntry[]): Promise<Map<string, string>> {
  const ids = { User: new Set<string>(), Department: new Set<string>(), ApiKey: new Set<string>() };
  for (const e of entries) {
    if (e.entityType in ids) ids[e.entityType as keyof typeof ids].add(e.entityId);
    for (const { field, from, to } of changeList(e.changes)) {
      const set = DEPARTMENT_ID_FIELDS.has(field) ? ids.Department : USER_ID_FIELDS.has(field) ? ids.User : null;
      for (const v of [from, to]) if (set && typeof v === 'string' && isUuid(v)) set.add(v);
    }
  }
  const list = (set: Set<string>) => ({ in: [...set] });
  const [users, departments, apiKeys] = await Promise.all([
    ids.User.size
      ? prisma.user.findMany({ where: { id: list(ids.User) }, select: { id: true, name: true, email: true } })
      : [],
    ids.Department.size
      ? prisma.department.findMany({ where: { id: list(ids.Department) }, select: { id: true, name: true } })
      : [],
    ids.ApiKey.size
      ? prisma.apiKey.findMany({ where: { id: list(ids.ApiKey) }, select: { id: true, name: true } })
      : [],
  ]);
  return new Map<string, string>([
    ...users.map((u): [string, string] => [u.id, `${u.name} <${u.email}>`]),
    ...departments.map((d): [string, string] => [d.id, d.name]),
    ...apiKeys.map((k): [string, string] => [k.id, k.name]),
  ]);
}

/** Active members per department, for the departments page (one grouped count for all the departments asked for). */
export async function departmentMemberCounts(ids: readonly string[]): Promise<number[]> {
  const rows = await prisma.user.groupBy({
    by: ['departmentId'],
    where: { departmentId: { in: [...ids] }, active: true },
    _count: { _all: true },
  });
  const byId = new Map(rows.map((r) => [r.departmentId, r._count._all]));
  return ids.map((id) => byId.get(id) ?? 0);
}
