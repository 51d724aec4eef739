import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prisma } from '@/generated/prisma/client';
import { kpiDashboard } from '@/graphql/kpi-dashboard/kpi-dashboard.service';
import { recomputeAllRepeats, refreshKpiFacts } from '@/graphql/kpi-dashboard/kpi-fact.service';
import { runKpiFactRefresh } from '@/graphql/kpi-dashboard/kpi-snapshot.service';
import {
  asOfFor,
  durationStats,
  KPI_FACT_BULK_THRESHOLD,
  onTime,
  parsePeriod,
  repeatComplaints,
} from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { loadBusinessCalendar } from '@/graphql/complaints/business-calendar.service';
import { businessHoursIndex } from '@/graphql/reports/report.rules';
import { invalidateConfigCache } from '@/server/config-cache';
import { prisma } from '@/server/db';
import { QUEUES } from '@/server/queue/boss';
import { startWorkers, stopWorkers } from '@/server/queue/workers';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createInteractionRecord, createStaff } from '../helpers/factories';

// The KPI rollup (ComplaintKpiFact): the Interaction triggers mark a complaint in the writer's transaction, a refresh
// (the job, or the dashboard request itself) recomputes it, and the figures read from the facts follow.

let manager: Viewer;
let customerId: string;

const complaint = (data: Partial<Prisma.InteractionUncheckedCreateInput> & { createdAt: Date }) =>
  createInteractionRecord({ customerId, ...data });

const marked = async (id: string) => (await prisma.kpiFactDirty.count({ where: { interactionId: id } })) > 0;
const fact = (id: string) => prisma.complaintKpiFact.findUnique({ where: { interactionId: id } });
const drain = async () => {
  for (;;) if (!(await refreshKpiFacts()).more) return;
};

beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  customerId = (await createCustomerRecord({ name: '丙机械', province: '山东' })).id;
  await drain();
});

afterAll(async () => {
  await stopWorkers(5_000);
});

describe('KPI rollup', () => {
  it('the kpi-fact-refresh job, run by the queue, recomputes a marked complaint', async () => {
    const boss = await startWorkers({
      schedule: false,
      pollingIntervalSeconds: 0.5,
      sweepCron: null,
      surveyCron: null,
      housekeepingCron: null,
      keyAccountCron: null,
      webhookCron: null,
      reportDeliveryCron: null,
      kpiFactCron: null,
    });
    const c = await complaint({ createdAt: new Date('2025-01-06T01:00:00Z'), severity: 'CRISIS' });
    expect(await marked(c.id)).toBe(true);
    await boss.send(QUEUES.kpiFactRefresh, {});
    const deadline = Date.now() + 30_000;
    while ((await marked(c.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await marked(c.id)).toBe(false);
    expect(await fact(c.id)).toMatchObject({ severity: 'CRISIS', customerId });
    await stopWorkers(5_000);
  });

  it('a new complaint and a workflow step mark it; the refresh computes business hours and removes the mark', async () => {
    // Mon 2025-03-03 09:00 Shanghai; triaged the same day 11:30 = 2.5 business hours.
    const c = await complaint({ createdAt: new Date('2025-03-03T01:00:00Z'), causeClass: 'QUALITY' });
    expect(await marked(c.id)).toBe(true);
    expect(await runKpiFactRefresh(new Date())).toMatchObject({ refreshed: 1, more: false });
    expect(await marked(c.id)).toBe(false);
    expect(await fact(c.id)).toMatchObject({ triageHours: null, causeClass: 'QUALITY', customerId });

    await prisma.interaction.update({
      where: { id: c.id },
      data: { triagedAt: new Date('2025-03-03T03:30:00Z'), status: 'TRIAGED', severity: 'MAJOR' },
    });
    expect(await marked(c.id)).toBe(true);
    await drain();
    expect(await fact(c.id)).toMatchObject({ triageHours: 2.5, severity: 'MAJOR' });

    // A change of a column the facts do not hold marks nothing.
    await prisma.interaction.update({ where: { id: c.id }, data: { subject: '改过的主题' } });
    expect(await marked(c.id)).toBe(false);
  });

  it('the repeat flag follows a change of the earlier complaint; a complaint that is no longer one loses its fact', async () => {
    const first = await complaint({ createdAt: new Date('2025-05-05T02:00:00Z'), productRef: 'GR-7' });
    const second = await complaint({ createdAt: new Date('2025-06-02T02:00:00Z'), productRef: 'GR-7' });
    await drain();
    expect((await fact(second.id))?.isRepeat).toBe(true);
    expect((await fact(first.id))?.isRepeat).toBe(false);

    // The first one's product corrected: the second is no longer a repeat, though it was not changed itself.
    await prisma.interaction.update({ where: { id: first.id }, data: { productRef: 'GR-8' } });
    await drain();
    expect((await fact(second.id))?.isRepeat).toBe(false);

    // The bulk pass (the end of a first install or a calendar change) agrees with the flags kept one by one.
    await prisma.interaction.update({ where: { id: first.id }, data: { productRef: 'GR-7' } });
    await drain();
    const kept = await prisma.complaintKpiFact.findMany({ select: { interactionId: true, isRepeat: true } });
    expect(kept.filter((f) => f.isRepeat).length).toBeGreaterThan(0);
    await prisma.complaintKpiFact.updateMany({ data: { isRepeat: false } });
    await recomputeAllRepeats();
    expect(await prisma.complaintKpiFact.findMany({ select: { interactionId: true, isRepeat: true } })).toEqual(
      expect.arrayContaining(kept),
    );

    await prisma.interaction.update({ where: { id: first.id }, data: { type: 'CONSULTATION' } });
    await drain();
    expect(await fact(first.id)).toBeNull();
  });

  it('the dashboard refreshes the changes committed before it reads: its figures match the records', async () => {
    const c = await complaint({ createdAt: new Date('2025-08-04T01:00:00Z'), causeClass: 'NON_QUALITY' });
    const before = await kpiDashboard(manager, { period: '2025-08', filter: { customerId } });
    expect(before.total.current).toBe(1);
    expect(before.toResolve.current).toEqual({ median: null, p90: null, count: 0 });
    expect(before.resolutionOnTime.current).toMatchObject({ onTime: 0, late: 0, overdue: 0 });

    // Resolved Tue 10:00 (10 business hours: Mon 09:00–17:30 is 8.5, Tue 08:30–10:00 is 1.5), after its due time.
    await prisma.interaction.update({
      where: { id: c.id },
      data: {
        resolvedAt: new Date('2025-08-05T02:00:00Z'),
        resolutionDueAt: new Date('2025-08-05T01:00:00Z'),
      },
    });
    const after = await kpiDashboard(manager, { period: '2025-08', filter: { customerId } });
    expect(after.toResolve.current).toEqual({ median: 10, p90: 10, count: 1 });
    expect(after.resolutionOnTime.current).toEqual({ onTime: 0, late: 1, overdue: 0, rate: 0 });
    expect(after.bySeverity.map((s) => [s.key, s.counts.current])).toEqual([[null, 1]]);

    // A year: its previous period is last year, read once and shown twice.
    const year = await kpiDashboard(manager, { period: '2025', filter: { customerId } });
    const inYear = await prisma.interaction.count({
      where: {
        type: 'COMPLAINT',
        customerId,
        createdAt: { gte: year.periods.current.from, lt: year.periods.current.to },
      },
    });
    expect(year.total.current).toBe(inYear);
    expect(year.byMonth.find((m) => m.month === '2025-08')?.count).toBe(1);
    expect(year.toResolve.current.count).toBeGreaterThan(0);
    expect(year.total.lastYear).toBe(year.total.previous);
    expect(year.toResolve.lastYear).toEqual(year.toResolve.previous);
  });

  it('a change of the business calendar marks every complaint; the durations follow the new calendar', async () => {
    const c = await complaint({
      createdAt: new Date('2025-09-01T01:00:00Z'),
      triagedAt: new Date('2025-09-02T01:00:00Z'),
    });
    await drain();
    expect((await fact(c.id))?.triageHours).toBe(9);
    // Monday 2025-09-01 a holiday: from Mon 09:00 to Tue 09:00 is Tue 08:30–09:00, half an hour.
    const holiday = await prisma.calendarDay.create({ data: { date: new Date('2025-09-01'), isWorkday: false } });
    invalidateConfigCache();
    const complaints = await prisma.interaction.count({ where: { type: 'COMPLAINT' } });
    const result = await refreshKpiFacts();
    expect(result.refreshed).toBeGreaterThanOrEqual(complaints);
    expect(result.repeats).toBe(complaints > KPI_FACT_BULK_THRESHOLD);
    expect((await fact(c.id))?.triageHours).toBe(0.5);
    expect(await prisma.kpiFactDirty.count()).toBe(0);
    await prisma.calendarDay.delete({ where: { date: holiday.date } });
    invalidateConfigCache();
    await drain();
    expect((await fact(c.id))?.triageHours).toBe(9);
  });

  it('the figures read from the facts equal the definitions computed from the records (kpi-dashboard.rules)', async () => {
    const other = (await createCustomerRecord({ name: '丁重工', province: '河北' })).id;
    // 40 complaints of two customers in 2024-03 (and the month before, for repeats), deterministic pseudo-random times.
    let x = 7;
    const next = () => (x = (x * 48271) % 2147483647) / 2147483647;
    const hour = 60 * 60 * 1000;
    for (let k = 0; k < 40; k++) {
      const createdAt = new Date(Date.UTC(2024, 1, 1 + Math.floor(next() * 55), Math.floor(next() * 24)));
      const step = (p: number, after: Date) =>
        next() < p ? new Date(after.getTime() + Math.floor(next() * 120) * hour) : null;
      const triagedAt = step(0.9, createdAt);
      const resolvedAt = triagedAt && step(0.7, triagedAt);
      await complaint({
        customerId: k % 3 ? customerId : other,
        createdAt,
        causeClass: next() < 0.5 ? 'QUALITY' : 'NON_QUALITY',
        productRef: next() < 0.5 ? `P-${Math.floor(next() * 3)}` : null,
        triagedAt,
        resolvedAt,
        closedAt: resolvedAt && step(0.5, resolvedAt),
        triageDueAt: new Date(createdAt.getTime() + 24 * hour),
        resolutionDueAt: new Date(createdAt.getTime() + 96 * hour),
      });
    }
    const period = parsePeriod('2024-03', 'Asia/Shanghai')!;
    const now = new Date();
    const asOf = asOfFor(period, now);
    const rows = await prisma.interaction.findMany({
      where: { type: 'COMPLAINT', customerId: { in: [customerId, other] } },
      select: {
        id: true,
        customerId: true,
        causeClass: true,
        productRef: true,
        createdAt: true,
        triagedAt: true,
        resolvedAt: true,
        closedAt: true,
        triageDueAt: true,
        resolutionDueAt: true,
      },
    });
    const inPeriod = rows.filter((r) => r.createdAt >= period.from && r.createdAt < period.to);
    const hours = businessHoursIndex(await loadBusinessCalendar(), new Date('2023-01-01'), now);
    const stats = (reached: (r: (typeof rows)[number]) => Date | null) =>
      durationStats(
        inPeriod.map((r) => ({ createdAt: r.createdAt, reachedAt: reached(r) })),
        asOf,
        hours,
      );
    for (const filter of [{}, { province: '山东' }, { causeClass: 'QUALITY' as const }]) {
      const d = await kpiDashboard(manager, { period: '2024-03', filter });
      const mine = inPeriod.filter(
        (r) =>
          ('province' in filter ? r.customerId === customerId : true) &&
          ('causeClass' in filter ? r.causeClass === filter.causeClass : true),
      );
      const history = rows.filter((r) => ('causeClass' in filter ? r.causeClass === filter.causeClass : true));
      expect(d.total.current).toBe(mine.length);
      expect(d.repeatComplaints.current).toBe(repeatComplaints(mine, history).length);
      expect(d.resolutionOnTime.current).toEqual(
        onTime(
          mine.map((r) => ({ dueAt: r.resolutionDueAt, doneAt: r.resolvedAt })),
          asOf,
        ),
      );
      if (Object.keys(filter).length === 0) {
        const close = (a: { median: number | null; p90: number | null; count: number }, b: typeof a) => {
          expect(a.count).toBe(b.count);
          expect(a.median).toBeCloseTo(b.median!, 9);
          expect(a.p90).toBeCloseTo(b.p90!, 9);
        };
        close(
          d.toTriage.current,
          stats((r) => r.triagedAt),
        );
        close(
          d.toResolve.current,
          stats((r) => r.resolvedAt),
        );
        close(
          d.toClose.current,
          stats((r) => r.closedAt),
        );
        expect(d.triageOnTime.current).toEqual(
          onTime(
            mine.map((r) => ({ dueAt: r.triageDueAt, doneAt: r.triagedAt })),
            asOf,
          ),
        );
      }
    }
  });
});
