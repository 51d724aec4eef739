import 'server-only';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { invalidateConfigCache } from '@/server/config-cache';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { badField, badInput, conflict, notFound } from '@/server/errors';
import { appendHistory, diffFields } from '@/server/history';
import { actingUserId, type Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { addBusinessHours, slaTargets } from '../complaints/sla-clock.rules';
import { SEVERITIES } from '../complaints/complaint-workflow.rules';
import { INTERACTION_TYPES } from '../interactions/intake.rules';
import { zodFieldErrors } from '@/server/error-keys';
import { isUuid } from '../cursor';
import { officialCalendarDays } from './official-holidays.rules';
import {
  approvalAuthorityOf,
  businessHoursOf,
  datesInRange,
  isCalendarYear,
  describeSlaKey,
  slaKeyMessage,
  escalationLadder,
  escalationPolicyOf,
  isoDate,
  parseApprovalAuthority,
  sameSlaKey,
  ZAddCalendarDaysInput,
  ZBusinessHoursInput,
  ZCalendarDayInput,
  ZEscalationPolicyInput,
  ZSlaRuleInput,
  type SeverityAuthorityInput,
} from './service-rules.rules';
import { activityMessage } from '@/lib/activity';
import { stepHoursOf } from '../complaints/complaint-steps.rules';

/**
 * The complaint clock's configuration (SPEC §4): SLA rules, business hours, holidays and make-up days, 核决权限 and
 * the escalation periods. Reads need settings:read, writes settings:manage. The settings and the calendar are cached
 * in process (server/config-cache.ts, read by the clock, the workflow and the queues): each write of them drops that
 * cache once its transaction has committed, so the next registration, triage or queue in this instance applies the
 * change; other instances apply it within the cache's TTL (30 s). SLA rules are read from the database on every use.
 *
 * Every write names the version it read (stale → CONFLICT with the current version), runs under one advisory lock
 * (so "no two active rules with the same conditions" holds under concurrent writes without a database constraint)
 * and appends the change, from → to, to the history in the same transaction.
 */

const HISTORY_TYPES = ['SlaRule', 'Setting', 'CalendarDay'] as const;

export const SETTING_KEYS = {
  businessHours: 'businessHours',
  approvalAuthority: 'approvalAuthority',
  escalation: 'escalation',
} as const;

/** History rows need a uuid entity id: settings and calendar days get a stable one derived from their key. */
export function derivedEntityId(kind: 'Setting' | 'CalendarDay', key: string): string {
  const h = createHash('sha1').update(`kefu:${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** A write of the settings or the calendar: the in-process cache is dropped after the commit, never before it. */
async function configWrite<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(work, WRITE_TX_OPTIONS);
  } finally {
    invalidateConfigCache();
  }
}

async function lockServiceRules(tx: Tx) {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('kefu:service-rules'))`;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

const stale = (_what: string, currentVersion: number) => conflict('serviceRules.stale', { currentVersion });

// ───────────────────────────── SLA rules ─────────────────────────────

export async function listSlaRules(viewer: Viewer, { includeInactive }: { includeInactive?: boolean | null }) {
  requirePermission(viewer, 'settings:read');
  const rules = await prisma.slaRule.findMany({
    where: includeInactive === false ? { active: true } : {},
    orderBy: { createdAt: 'asc' },
  });
  // Active first, then by type and severity as the table reads.
  const order = (v: string | null, list: readonly string[]) => (v === null ? list.length : list.indexOf(v));
  return rules.sort(
    (a, b) =>
      Number(b.active) - Number(a.active) ||
      order(a.interactionType, INTERACTION_TYPES) - order(b.interactionType, INTERACTION_TYPES) ||
      order(a.severity, SEVERITIES) - order(b.severity, SEVERITIES) ||
      Number(a.keyAccount ?? 2) - Number(b.keyAccount ?? 2),
  );
}

async function refuseDuplicate(
  tx: Tx,
  key: { interactionType: string | null; severity: string | null; keyAccount: boolean | null },
  exceptId?: string,
) {
  const active = await tx.slaRule.findMany({ where: { active: true, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (active.some((r) => sameSlaKey(r, key))) {
    throw badField('combination', 'serviceRules.duplicateRule', { rule: describeSlaKey(key) });
  }
}

const slaValues = (r: {
  interactionType: unknown;
  severity: unknown;
  keyAccount: unknown;
  triageHours: unknown;
  resolutionHours: unknown;
  callbackDays: unknown;
  stepHours?: unknown;
  active?: unknown;
}) => ({
  interactionType: r.interactionType,
  severity: r.severity,
  keyAccount: r.keyAccount,
  triageHours: r.triageHours,
  resolutionHours: r.resolutionHours,
  callbackDays: r.callbackDays,
  ...(r.stepHours === undefined ? {} : { stepHours: stepHoursOf(r.stepHours) }),
  ...(r.active === undefined ? {} : { active: r.active }),
});

export async function createSlaRule(viewer: Viewer, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const data = parse(ZSlaRuleInput, input);
  return prisma.$transaction(async (tx) => {
    await lockServiceRules(tx);
    await refuseDuplicate(tx, data);
    const rule = await tx.slaRule.create({ data });
    await appendHistory(tx, viewer, {
      entityType: 'SlaRule',
      entityId: rule.id,
      action: 'CREATE',
      toState: 'ACTIVE',
      message: slaKeyMessage(data),
      changes: diffFields({}, slaValues(rule)) as Prisma.InputJsonValue,
    });
    return rule;
  }, WRITE_TX_OPTIONS);
}

async function lockedRule(tx: Tx, id: string, version: number) {
  if (!isUuid(id)) throw notFound('SlaRule');
  await lockServiceRules(tx);
  const existing = await tx.slaRule.findUnique({ where: { id } });
  if (!existing) throw notFound('SlaRule');
  if (existing.version !== version) throw stale('这条 SLA 规则', existing.version);
  return existing;
}

export async function updateSlaRule(viewer: Viewer, id: string, version: number, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const data = parse(ZSlaRuleInput, input);
  return prisma.$transaction(async (tx) => {
    const existing = await lockedRule(tx, id, version);
    if (existing.active) await refuseDuplicate(tx, data, id);
    const changes = diffFields(slaValues(existing), slaValues(data));
    if (Object.keys(changes).length === 0) return existing;
    const rule = await tx.slaRule.update({ where: { id }, data: { ...data, version: { increment: 1 } } });
    await appendHistory(tx, viewer, {
      entityType: 'SlaRule',
      entityId: id,
      action: 'UPDATE',
      message: slaKeyMessage(data),
      changes: changes as Prisma.InputJsonValue,
    });
    return rule;
  }, WRITE_TX_OPTIONS);
}

export async function setSlaRuleActive(viewer: Viewer, id: string, version: number, active: boolean) {
  requirePermission(viewer, 'settings:manage');
  return prisma.$transaction(async (tx) => {
    const existing = await lockedRule(tx, id, version);
    if (existing.active === active) return existing;
    if (active) await refuseDuplicate(tx, existing, id);
    const rule = await tx.slaRule.update({ where: { id }, data: { active, version: { increment: 1 } } });
    await appendHistory(tx, viewer, {
      entityType: 'SlaRule',
      entityId: id,
      action: active ? 'ACTIVATE' : 'DEACTIVATE',
      fromState: existing.active ? 'ACTIVE' : 'INACTIVE',
      toState: active ? 'ACTIVE' : 'INACTIVE',
      message: slaKeyMessage(existing),
    });
    return rule;
  }, WRITE_TX_OPTIONS);
}

/**
 * Which active rules a record of this kind runs on (the clock's own slaTargets): every one that matches, the rule each
 * target comes from, and the due times if it were registered now.
 */
export async function slaRulePreview(
  viewer: Viewer,
  args: { type: string; severity?: string | null; keyAccount: boolean },
  now: Date,
) {
  requirePermission(viewer, 'settings:read');
  // As the clock does (sla.service.ts): a complaint without a severity yet runs on the general clock.
  const severity = args.severity ?? (args.type === 'COMPLAINT' ? 'GENERAL' : null);
  const [rules, calendar] = await Promise.all([
    prisma.slaRule.findMany({ where: { active: true } }),
    loadBusinessCalendar(),
  ]);
  const targets = slaTargets(rules, { type: args.type, severity, keyAccount: args.keyAccount });
  return {
    rule: targets?.rule ?? null,
    triageRule: targets?.triageRule ?? null,
    callbackRule: targets?.callbackRule ?? null,
    matchingRules: targets?.matching ?? [],
    callbackDays: targets?.callbackDays ?? null,
    registeredAt: now,
    triageDueAt: targets ? addBusinessHours(now, targets.triageHours, calendar) : null,
    resolutionDueAt: targets ? addBusinessHours(now, targets.resolutionHours, calendar) : null,
  };
}

// ───────────────────────────── Settings (business hours, 核决权限, escalation) ─────────────────────────────

async function readSetting(db: Tx | typeof prisma, key: string) {
  const row = await db.setting.findUnique({ where: { key } });
  return { value: row?.value ?? null, version: row?.version ?? 0 };
}

/**
 * Writes a setting the caller read at `version` (0: not stored yet, the engine runs on its defaults). The update is
 * conditional on the version, so two saves of the same version never both succeed.
 */
async function writeSetting(
  tx: Tx,
  viewer: Viewer,
  key: string,
  version: number,
  value: Prisma.InputJsonValue,
  what: string,
) {
  await lockServiceRules(tx);
  const current = await readSetting(tx, key);
  if (current.version !== version) throw stale(what, current.version);
  const changes = diffFields((current.value ?? {}) as Record<string, unknown>, value as Record<string, unknown>);
  if (Object.keys(changes).length === 0 && version > 0) return version;
  return storeSetting(tx, viewer, {
    key,
    version,
    value,
    changes: changes as Prisma.InputJsonValue,
    stale: (currentVersion) => stale(what, currentVersion),
  });
}

/**
 * Stores a setting row (a key's JSON value) the caller read at `version` and checked, in the caller's transaction:
 * created at version 1 when there was none (0), else updated only while it still has `version` — so of two saves of
 * the same version exactly one succeeds and the other gets `stale(currentVersion)` (a CONFLICT). The change goes into
 * the history. Returns the new version.
 */
export async function storeSetting(
  tx: Tx,
  viewer: Viewer,
  write: {
    key: string;
    version: number;
    value: Prisma.InputJsonValue;
    changes: Prisma.InputJsonValue;
    stale: (currentVersion: number) => Error;
  },
): Promise<number> {
  const { key, version, value, stale } = write;
  const updatedById = actingUserId(viewer);
  if (version === 0) {
    try {
      await tx.setting.create({ data: { key, value, updatedById, version: 1 } });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw stale(1);
      throw error;
    }
  } else {
    const { count } = await tx.setting.updateMany({
      where: { key, version },
      data: { value, updatedById, version: { increment: 1 } },
    });
    if (count === 0) throw stale((await tx.setting.findUnique({ where: { key } }))?.version ?? 0);
  }
  await appendHistory(tx, viewer, {
    entityType: 'Setting',
    entityId: derivedEntityId('Setting', key),
    action: 'UPDATE',
    message: activityMessage('serviceRules.setting', { key }),
    changes: write.changes,
  });
  return version + 1;
}

export async function getBusinessHours(viewer: Viewer) {
  requirePermission(viewer, 'settings:read');
  const { value, version } = await readSetting(prisma, SETTING_KEYS.businessHours);
  return { ...businessHoursOf(value), version };
}

export async function updateBusinessHours(viewer: Viewer, version: number, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const value = parse(ZBusinessHoursInput, input);
  const saved = await configWrite((tx) =>
    writeSetting(tx, viewer, SETTING_KEYS.businessHours, version, value, '工作时间'),
  );
  return { ...value, version: saved };
}

const authorityRows = (authority: ReturnType<typeof approvalAuthorityOf>) =>
  SEVERITIES.map((severity) => ({
    severity,
    approve: [...authority[severity].approve],
    close: [...authority[severity].close],
  }));

export async function getApprovalAuthority(viewer: Viewer) {
  requirePermission(viewer, 'settings:read');
  const { value, version } = await readSetting(prisma, SETTING_KEYS.approvalAuthority);
  return { rules: authorityRows(approvalAuthorityOf(value)), version };
}

export async function updateApprovalAuthority(
  viewer: Viewer,
  version: number,
  input: readonly SeverityAuthorityInput[],
) {
  requirePermission(viewer, 'settings:manage');
  const parsed = parseApprovalAuthority(input);
  if (!parsed.ok) throw badInput('common.invalidInput', parsed.fields);
  const value = parsed.value as unknown as Prisma.InputJsonValue;
  const saved = await configWrite((tx) =>
    writeSetting(tx, viewer, SETTING_KEYS.approvalAuthority, version, value, '核决权限'),
  );
  return { rules: authorityRows(parsed.value), version: saved };
}

const policyView = (policy: ReturnType<typeof escalationPolicyOf>, version: number) => ({
  ...policy,
  version,
  levels: escalationLadder(policy),
});

export async function getEscalationPolicy(viewer: Viewer) {
  requirePermission(viewer, 'settings:read');
  const { value, version } = await readSetting(prisma, SETTING_KEYS.escalation);
  return policyView(escalationPolicyOf(value), version);
}

export async function updateEscalationPolicy(viewer: Viewer, version: number, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const value = parse(ZEscalationPolicyInput, input);
  const saved = await configWrite((tx) =>
    writeSetting(tx, viewer, SETTING_KEYS.escalation, version, value, '升级规则'),
  );
  return policyView(value, saved);
}

// ───────────────────────────── Calendar ─────────────────────────────

export async function listCalendarDays(viewer: Viewer, year: number) {
  requirePermission(viewer, 'settings:read');
  if (!isCalendarYear(year)) throw badField('year', 'serviceRules.yearRange');
  return prisma.calendarDay.findMany({
    where: { date: { gte: new Date(Date.UTC(year, 0, 1)), lt: new Date(Date.UTC(year + 1, 0, 1)) } },
    orderBy: { date: 'asc' },
  });
}

const dayHistory = (d: { date: Date; isWorkday: boolean; name: string | null }) => ({
  isWorkday: d.isWorkday,
  name: d.name,
});

/** Writes new calendar days with one history entry each (the caller holds the lock and checked the dates are free). */
async function insertDays(
  tx: Tx,
  viewer: Viewer,
  days: readonly { date: Date; isWorkday: boolean; name: string }[],
  imported = false,
) {
  await tx.calendarDay.createMany({ data: [...days] });
  for (const d of days) {
    await appendHistory(tx, viewer, {
      entityType: 'CalendarDay',
      entityId: derivedEntityId('CalendarDay', isoDate(d.date)),
      action: 'CREATE',
      toState: d.isWorkday ? 'WORKDAY' : 'HOLIDAY',
      message: activityMessage(imported ? 'serviceRules.calendarDayImported' : 'serviceRules.calendarDay', {
        date: isoDate(d.date),
        name: d.name,
      }),
      changes: diffFields({}, { isWorkday: d.isWorkday, name: d.name }) as Prisma.InputJsonValue,
    });
  }
  return tx.calendarDay.findMany({ where: { date: { in: days.map((d) => d.date) } }, orderBy: { date: 'asc' } });
}

/** Adds one day or a range (国庆节 10-01..10-07) of the same kind; refuses dates already in the calendar. */
export async function addCalendarDays(viewer: Viewer, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const data = parse(ZAddCalendarDaysInput, input);
  const dates = datesInRange(data.from, data.to);
  return configWrite(async (tx) => {
    await lockServiceRules(tx);
    const existing = await tx.calendarDay.findMany({ where: { date: { in: dates } }, orderBy: { date: 'asc' } });
    if (existing.length) {
      throw badField('from', 'serviceRules.datesExist', { dates: existing.map((d) => isoDate(d.date)).join(', ') });
    }
    return insertDays(
      tx,
      viewer,
      dates.map((date) => ({ date, isWorkday: data.isWorkday, name: data.name })),
    );
  });
}

/**
 * The year's official schedule (official-holidays.ts) added to the calendar in one transaction, one history entry per
 * day; a date the calendar already holds is left as the company set it. Refused for a year not yet published.
 */
export async function importOfficialHolidays(viewer: Viewer, year: number) {
  requirePermission(viewer, 'settings:manage');
  if (!isCalendarYear(year)) throw badField('year', 'serviceRules.yearRange');
  const official = officialCalendarDays(year);
  if (official.length === 0) {
    throw badField('year', 'serviceRules.noOfficialHolidays', { year });
  }
  return configWrite(async (tx) => {
    await lockServiceRules(tx);
    const held = new Set(
      (
        await tx.calendarDay.findMany({ where: { date: { in: official.map((d) => d.date) } }, select: { date: true } })
      ).map((d) => d.date.getTime()),
    );
    const fresh = official.filter((d) => !held.has(d.date.getTime()));
    const added = await insertDays(tx, viewer, fresh, true);
    return { year, added, skipped: official.length - fresh.length };
  });
}

async function lockedDay(tx: Tx, date: Date, version: number) {
  await lockServiceRules(tx);
  const existing = await tx.calendarDay.findUnique({ where: { date } });
  if (!existing) throw notFound('CalendarDay');
  if (existing.version !== version) throw stale(`${isoDate(date)} `, existing.version);
  return existing;
}

export async function updateCalendarDay(viewer: Viewer, date: Date, version: number, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const data = parse(ZCalendarDayInput, input);
  return configWrite(async (tx) => {
    const existing = await lockedDay(tx, date, version);
    const changes = diffFields(dayHistory(existing), data);
    if (Object.keys(changes).length === 0) return existing;
    const day = await tx.calendarDay.update({ where: { date }, data: { ...data, version: { increment: 1 } } });
    await appendHistory(tx, viewer, {
      entityType: 'CalendarDay',
      entityId: derivedEntityId('CalendarDay', isoDate(date)),
      action: 'UPDATE',
      fromState: existing.isWorkday ? 'WORKDAY' : 'HOLIDAY',
      toState: day.isWorkday ? 'WORKDAY' : 'HOLIDAY',
      message: activityMessage('serviceRules.calendarDay', { date: isoDate(date), name: day.name ?? '' }),
      changes: changes as Prisma.InputJsonValue,
    });
    return day;
  });
}

export async function removeCalendarDay(viewer: Viewer, date: Date, version: number) {
  requirePermission(viewer, 'settings:manage');
  return configWrite(async (tx) => {
    const existing = await lockedDay(tx, date, version);
    await tx.calendarDay.delete({ where: { date } });
    await appendHistory(tx, viewer, {
      entityType: 'CalendarDay',
      entityId: derivedEntityId('CalendarDay', isoDate(date)),
      action: 'DELETE',
      fromState: existing.isWorkday ? 'WORKDAY' : 'HOLIDAY',
      message: activityMessage('serviceRules.calendarDay', { date: isoDate(date), name: existing.name ?? '' }),
      changes: diffFields(dayHistory(existing), { isWorkday: null, name: null }) as Prisma.InputJsonValue,
    });
    return existing;
  });
}

// ───────────────────────────── History ─────────────────────────────

/** The latest changes to the clock's configuration, newest first. */
export async function listServiceRuleChanges(viewer: Viewer, first: number) {
  requirePermission(viewer, 'settings:read');
  return prisma.historyEntry.findMany({
    where: { entityType: { in: [...HISTORY_TYPES] } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: Math.min(Math.max(1, first), 100),
  });
}
