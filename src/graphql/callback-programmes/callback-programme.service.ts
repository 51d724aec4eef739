import 'server-only';
import { Prisma, type CallbackProgramme } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, type Tx } from '@/server/db';
import { badField, conflict, notFound } from '@/server/errors';
import { actorOf, appendHistory, historyRow } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { isUuid } from '../cursor';
import { audienceWhere } from '../notices/notice.service';
import { readAudience, ZNoticeAudience } from '../notices/notice-audience.rules';
import {
  CALLBACK_PROGRAMME_INTERVAL_DEFAULT,
  CALLBACK_PROGRAMME_MANAGE,
  CALLBACK_PROGRAMME_NAME_MAX,
  isProgrammeDue,
  validInterval,
} from './callback-programme.rules';

/**
 * Periodic callback programmes (001 §6.2, SPEC §5): a named segment of customers — the notices' segment model
 * (province, industry, grade, key accounts, named customers) — called back every N months (default 2). A run (the daily
 * `callback-programmes` job at 03:00 company time, or "run now") creates a PERIODIC callback task, assigned to the
 * customer's owner or to the programme's assignee, for each customer in the segment whose last task of the programme is
 * older than the interval (callback-programme.rules.ts). The tasks are the ordinary callback tasks: the callback queue,
 * the callback script, the escalation of overdue tasks.
 *
 * Idempotent: each task carries the customer's occurrence number in the programme, and (programmeId, customerId,
 * programmeSeq) is unique — two runs at once insert the same numbers and one of each pair is skipped (ON CONFLICT DO
 * NOTHING); a second run the same day finds nobody due.
 *
 * Who: callbacks:read lists; settings:manage and callbacks:write (the service manager, the administrator; an API key
 * with both scopes) create, change and run. Every change has a history entry (entityType 'CallbackProgramme').
 */

const ENTITY = 'CallbackProgramme';
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };
const PAGE = 1000;

export type ProgrammeInput = {
  name: string;
  /** Parsed by the notices' segment schema (nulls in the GraphQL input are dropped first). */
  segment: Record<string, unknown>;
  intervalMonths?: number | null;
  assignToOwner?: boolean | null;
  assigneeId?: string | null;
  active?: boolean | null;
};

function requireManage(viewer: Viewer): void {
  for (const permission of CALLBACK_PROGRAMME_MANAGE) requirePermission(viewer, permission);
}

async function parseInput(tx: Tx, input: ProgrammeInput) {
  const name = input.name.trim();
  if (!name) throw badField('name', 'validation.required');
  if (name.length > CALLBACK_PROGRAMME_NAME_MAX)
    throw badField('name', 'validation.tooLong', { max: CALLBACK_PROGRAMME_NAME_MAX });
  const segment = ZNoticeAudience.safeParse(
    Object.fromEntries(Object.entries(input.segment).filter(([, value]) => value != null)),
  );
  if (!segment.success) throw badField('segment', 'notice.audienceEmpty');
  const intervalMonths = input.intervalMonths ?? CALLBACK_PROGRAMME_INTERVAL_DEFAULT;
  if (!validInterval(intervalMonths)) throw badField('intervalMonths', 'callbackProgramme.intervalInvalid');
  let assigneeId: string | null = null;
  if (input.assigneeId) {
    if (!isUuid(input.assigneeId)) throw badField('assigneeId', 'common.invalidId');
    const user = await tx.user.findUnique({ where: { id: input.assigneeId }, select: { active: true, role: true } });
    if (!user || !user.active || user.role === 'CUSTOMER')
      throw badField('assigneeId', 'callbackProgramme.assigneeInvalid');
    assigneeId = input.assigneeId;
  }
  return {
    name,
    segment: segment.data as unknown as Prisma.InputJsonValue,
    intervalMonths,
    assignToOwner: input.assignToOwner ?? true,
    assigneeId,
    active: input.active ?? true,
  };
}

export async function listProgrammes(viewer: Viewer): Promise<CallbackProgramme[]> {
  requirePermission(viewer, 'callbacks:read');
  return prisma.callbackProgramme.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 200 });
}

export async function createProgramme(viewer: Viewer, input: ProgrammeInput): Promise<CallbackProgramme> {
  requireManage(viewer);
  return prisma.$transaction(async (tx) => {
    const data = await parseInput(tx, input);
    const row = await tx.callbackProgramme.create({ data });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: row.id,
      action: 'CREATE',
      toState: row.active ? 'ACTIVE' : 'INACTIVE',
      message: activityMessage('callbackProgramme.created', { name: row.name }),
      changes: { ...data },
    });
    return row;
  }, TX_OPTIONS);
}

/** Changes a programme (version-checked: of two concurrent edits one wins, the other gets CONFLICT). */
export async function updateProgramme(
  viewer: Viewer,
  id: string,
  version: number,
  input: ProgrammeInput,
): Promise<CallbackProgramme> {
  requireManage(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  return prisma.$transaction(async (tx) => {
    const current = await tx.callbackProgramme.findUnique({ where: { id } });
    if (!current) throw notFound(ENTITY);
    if (current.version !== version) throw conflict('callbackProgramme.stale', { currentVersion: current.version });
    const data = await parseInput(tx, input);
    const { count } = await tx.callbackProgramme.updateMany({
      where: { id, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count === 0) throw conflict('callbackProgramme.stale', { currentVersion: version + 1 });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(data) as (keyof typeof data)[]) {
      const from = current[key] as unknown;
      const to = data[key] as unknown;
      if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
    }
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: id,
      action: 'UPDATE',
      fromState: current.active ? 'ACTIVE' : 'INACTIVE',
      toState: data.active ? 'ACTIVE' : 'INACTIVE',
      message: activityMessage('callbackProgramme.updated', { name: data.name }),
      changes: changes as Prisma.InputJsonValue,
    });
    return tx.callbackProgramme.findUniqueOrThrow({ where: { id } });
  }, TX_OPTIONS);
}

export type ProgrammeRunResult = { programmes: number; customers: number; created: number };

/**
 * Runs one programme at `now`: pages through the customers of its segment (not archived), finds each one's last task
 * of the programme, and creates the next task for those due — in one transaction per page, the inserts skipping any
 * occurrence another run created first. Answers how many customers were looked at and how many tasks were created.
 */
async function runOne(
  programme: CallbackProgramme,
  now: Date,
  timeZone: string,
  actor: Viewer | null,
): Promise<{ customers: number; created: number }> {
  const segment = readAudience(programme.segment);
  const where: Prisma.CustomerWhereInput = { ...audienceWhere(segment), archivedAt: null };
  let customers = 0;
  let created = 0;
  for (let afterId: string | null = null; ;) {
    const page: { id: string; ownerId: string | null; owner: { active: boolean } | null }[] =
      await prisma.customer.findMany({
        where: afterId ? { AND: [where, { id: { gt: afterId } }] } : where,
        select: { id: true, ownerId: true, owner: { select: { active: true } } },
        orderBy: { id: 'asc' },
        take: PAGE,
      });
    if (page.length === 0) break;
    customers += page.length;
    const last = await prisma.$queryRaw<{ customerId: string; programmeSeq: number; dueAt: Date }[]>`
      SELECT DISTINCT ON ("customerId") "customerId"::text AS "customerId", "programmeSeq", "dueAt"
      FROM "Callback"
      WHERE "programmeId" = ${programme.id}::uuid AND "customerId" = ANY(${page.map((c) => c.id)}::uuid[])
      ORDER BY "customerId", "programmeSeq" DESC`;
    const lastOf = new Map(last.map((r) => [r.customerId, r]));
    const due = page.filter((c) => {
      const previous = lastOf.get(c.id);
      return isProgrammeDue(previous?.dueAt ?? null, now, programme.intervalMonths, timeZone);
    });
    if (due.length > 0) {
      created += await prisma.$transaction(async (tx) => {
        const rows = await tx.callback.createManyAndReturn({
          data: due.map((c) => ({
            customerId: c.id,
            reason: 'PERIODIC' as const,
            dueAt: now,
            assigneeId: programme.assignToOwner && c.ownerId && c.owner?.active ? c.ownerId : programme.assigneeId,
            programmeId: programme.id,
            programmeSeq: (lastOf.get(c.id)?.programmeSeq ?? 0) + 1,
          })),
          skipDuplicates: true,
          select: { id: true, assigneeId: true, programmeSeq: true },
        });
        if (rows.length > 0)
          await tx.historyEntry.createMany({
            data: rows.map((r) => ({
              ...historyRow({
                entityType: 'Callback',
                entityId: r.id,
                action: 'CREATE',
                toState: 'PENDING',
                message: activityMessage('callbackProgramme.callbackCreated', { name: programme.name }),
                changes: {
                  reason: 'PERIODIC',
                  programmeId: programme.id,
                  seq: r.programmeSeq,
                  assigneeId: r.assigneeId,
                },
              }),
              ...(actor ? actorOf(actor) : { actorId: null, actorLabel: 'system' }),
            })),
          });
        return rows.length;
      }, TX_OPTIONS);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return { customers, created };
}

/**
 * The daily run (the `callback-programmes` job) or "run now" (`programmeId`: that programme only, active or not being
 * irrelevant — an inactive one is not run). Each run leaves a history entry on its programme.
 */
export async function runCallbackProgrammes(
  now: Date = clockNow(),
  options: { programmeId?: string; actor?: Viewer | null } = {},
): Promise<ProgrammeRunResult> {
  const { timeZone } = await loadBusinessCalendar();
  const programmes = await prisma.callbackProgramme.findMany({
    where: { active: true, ...(options.programmeId ? { id: options.programmeId } : {}) },
    orderBy: { id: 'asc' },
  });
  const result: ProgrammeRunResult = { programmes: programmes.length, customers: 0, created: 0 };
  for (const programme of programmes) {
    const one = await runOne(programme, now, timeZone, options.actor ?? null);
    result.customers += one.customers;
    result.created += one.created;
    await prisma.$transaction(async (tx) => {
      await tx.callbackProgramme.update({ where: { id: programme.id }, data: { lastRunAt: now } });
      const entry = {
        entityType: ENTITY,
        entityId: programme.id,
        action: 'RUN',
        message: activityMessage('callbackProgramme.ran', { count: one.created }),
        changes: { customers: one.customers, created: one.created },
      };
      if (options.actor) await appendHistory(tx, options.actor, entry);
      else await tx.historyEntry.create({ data: { ...historyRow(entry), actorId: null, actorLabel: 'system' } });
    });
  }
  return result;
}

/** "Run now" in the console: one programme (the manager), at the server's clock. */
export async function runProgrammeNow(viewer: Viewer, id: string, now: Date = clockNow()) {
  requireManage(viewer);
  if (!isUuid(id)) throw notFound(ENTITY);
  const programme = await prisma.callbackProgramme.findUnique({ where: { id } });
  if (!programme) throw notFound(ENTITY);
  if (!programme.active) throw conflict('callbackProgramme.inactive', { currentVersion: programme.version });
  return runCallbackProgrammes(now, { programmeId: id, actor: viewer });
}
