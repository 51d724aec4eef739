import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sweepLateItineraries } from '@/graphql/visits/itinerary.service';
import { visitStatsCsv, visitStatsXlsx } from '@/graphql/visits/visit.export';
import { visitMonthlyStats } from '@/graphql/visits/visit-log.service';
import { ensureVisitCycles } from '@/graphql/visits/visit-cycle.service';
import { setClockOffset } from '@/server/clock';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk, type GqlResult } from '../helpers/graphql';

// Issue 13 items 1–3, 5–7 (visits): cycles and the due list, weekly itineraries, work logs, statistics, roles.

process.env.KEFU_TEST_CLOCK = '1';
const sh = (local: string) => new Date(`${local}+08:00`); // Asia/Shanghai
const at = (instant: Date) => setClockOffset(instant.getTime() - Date.now());

const CYCLE = `id intervalDays customIntervalDays lastVisitAt nextDueDate dueState version
  customer { id name } salesperson { id }`;
const DUE = `query($salespersonId: ID, $horizonDays: Int, $overdueOnly: Boolean, $first: Int, $after: String) {
  dueVisits(salespersonId: $salespersonId, horizonDays: $horizonDays, overdueOnly: $overdueOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { ${CYCLE} }
  }
}`;
const ITINERARY = `id status weekStart version revision late deadlineAt submittedAt decisionComment
  salesperson { id } decidedBy { id }
  items { id customerId plannedDate purpose contactName done }
  history { action } viewerCanEdit viewerCanSubmit viewerCanDecide viewerCanRevise`;
const SAVE = `mutation($input: SaveItineraryInput!) { saveItinerary(input: $input) { ${ITINERARY} } }`;
const SUBMIT = `mutation($id: ID!, $version: Int!) { submitItinerary(id: $id, version: $version) { ${ITINERARY} } }`;
const DECIDE = `mutation($id: ID!, $version: Int!, $input: DecideItineraryInput!) {
  decideItinerary(id: $id, version: $version, input: $input) { ${ITINERARY} }
}`;
const REVISE = `mutation($id: ID!, $version: Int!) { reviseItinerary(id: $id, version: $version) { ${ITINERARY} } }`;
const WEEK = `query($weekStart: Date, $salespersonId: ID) {
  itineraryWeek(weekStart: $weekStart, salespersonId: $salespersonId) { weekStart deadlineAt itineraries { ${ITINERARY} } }
}`;
const LOG = `mutation($input: LogVisitInput!) {
  logVisit(input: $input) { id kind visitedAt discussed customerNeeds problemsFound followUp version
    viewerCanRegisterProblem interaction { id number } customer { id visitCycle { nextDueDate lastVisitAt } } }
}`;
const REGISTER = `mutation($id: ID!, $version: Int!, $input: RegisterVisitProblemInput!) {
  registerVisitProblem(id: $id, version: $version, input: $input) { id version viewerCanRegisterProblem interaction { id number type } }
}`;
const RULES = `mutation($version: Int!, $input: VisitRulesInput!) {
  updateVisitRules(version: $version, input: $input) { version defaultDays keyAccountDays gradeDays { grade days } deadlineWeekday deadlineTime }
}`;
const INTERVAL = `mutation($customerId: ID!, $days: Int) { setCustomerVisitInterval(customerId: $customerId, intervalDays: $days) { ${CYCLE} } }`;
const STATS = `query($month: String!) {
  visitMonthlyStats(month: $month) { month rows { salesperson { id } planned done visits phoneContacts lateItineraries completionRate } }
}`;

type Cycle = { customer: { id: string }; nextDueDate: string; dueState: string; intervalDays: number };
type Item = { id: string; customerId: string; plannedDate: string; done: boolean };
type Itin = {
  id: string;
  status: string;
  version: number;
  revision: number;
  late: boolean;
  items: Item[];
  history: { action: string }[];
  viewerCanEdit: boolean;
  viewerCanDecide: boolean;
  viewerCanRevise: boolean;
};

const RULES_INPUT = {
  defaultDays: 90,
  keyAccountDays: 14,
  gradeDays: [
    { grade: 'A', days: 30 },
    { grade: 'B', days: 45 },
  ],
  provinceDays: [],
  deadlineWeekday: 5,
  deadlineTime: '18:00',
};

let agentA: Viewer;
let agentB: Viewer;
let manager: Viewer;
let quality: Viewer;
let customerViewer: Viewer;
let agentAId: string;
let agentBId: string;
let c1: string; // agent A's, grade A
let c2: string; // agent A's, key account
let c3: string; // agent B's
const keyOf = (r: GqlResult) => r.errors?.[0]?.extensions?.key;
const fieldsOf = (r: GqlResult) => Object.keys((r.errors?.[0]?.extensions?.fields as object) ?? {});
const due = async (viewer: Viewer, vars: Record<string, unknown> = {}) =>
  (await gqlOk<{ dueVisits: { totalCount: number; nodes: Cycle[] } }>(viewer, DUE, { horizonDays: 366, ...vars }))
    .dueVisits;
const dueOf = async (viewer: Viewer, customerId: string) =>
  (await due(viewer)).nodes.find((n) => n.customer.id === customerId);

beforeAll(async () => {
  at(sh('2026-12-10T10:00:00')); // a Thursday
  let u;
  ({ user: u, viewer: agentA } = await createStaff('SERVICE_AGENT'));
  agentAId = u.id;
  ({ user: u, viewer: agentB } = await createStaff('SERVICE_AGENT'));
  agentBId = u.id;
  ({ viewer: manager } = await createStaff('SERVICE_MANAGER'));
  ({ viewer: quality } = await createStaff('QUALITY_MANAGER'));
  const created = sh('2026-11-02T09:00:00');
  c1 = (await createCustomerRecord({ name: '访问甲公司', grade: 'A', ownerId: agentAId, createdAt: created })).id;
  c2 = (
    await createCustomerRecord({
      name: '访问乙公司',
      keyAccountStatus: 'ACTIVE',
      ownerId: agentAId,
      createdAt: created,
    })
  ).id;
  c3 = (await createCustomerRecord({ name: '访问丙公司', grade: 'B', ownerId: agentBId, createdAt: created })).id;
  ({ viewer: customerViewer } = await createCustomerUser(c1));
});

afterAll(() => setClockOffset(0));

describe('visit cycles and the due list', () => {
  it('only the manager sets the rules; the sweep and the rules give every customer a cycle', async () => {
    expect(errorCodes(await gqlAs(agentA, RULES, { version: 0, input: RULES_INPUT }))).toEqual(['FORBIDDEN']);
    const bad = await gqlAs(manager, RULES, { version: 0, input: { ...RULES_INPUT, defaultDays: 0 } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(bad)).toEqual(['defaultDays']);
    expect(await ensureVisitCycles()).toBeGreaterThanOrEqual(3);
    const saved = await gqlOk<{ updateVisitRules: { version: number } }>(manager, RULES, {
      version: 0,
      input: RULES_INPUT,
    });
    expect(saved.updateVisitRules.version).toBe(1);
    expect(errorCodes(await gqlAs(manager, RULES, { version: 0, input: RULES_INPUT }))).toEqual(['CONFLICT']);
  });

  it('computes the next due visit per segment, a salesperson seeing only their own customers', async () => {
    const mine = await due(agentA, { salespersonId: agentBId }); // the filter cannot widen a salesperson's view
    expect(mine.nodes.map((n) => n.customer.id).sort()).toEqual([c1, c2].sort());
    // created Mon Nov 2: key account + 14 = Nov 16 (overdue), grade A + 30 = Dec 2 (overdue, earlier first)
    expect(mine.nodes.map((n) => [n.customer.id, n.nextDueDate, n.dueState, n.intervalDays])).toEqual([
      [c2, '2026-11-16', 'OVERDUE', 14],
      [c1, '2026-12-02', 'OVERDUE', 30],
    ]);
    // grade B + 45 = Dec 17 (a Thursday): upcoming, agent B's; the manager sees it by salesperson
    const team = await due(manager, { salespersonId: agentBId });
    expect(team.nodes.map((n) => [n.customer.id, n.nextDueDate, n.dueState])).toEqual([[c3, '2026-12-17', 'UPCOMING']]);
    expect((await due(manager, { salespersonId: agentBId, overdueOnly: true })).totalCount).toBe(0);
  });

  it('pages the due list by cursor', async () => {
    const first = await gqlOk<{ dueVisits: { pageInfo: { endCursor: string; hasNextPage: boolean }; nodes: Cycle[] } }>(
      agentA,
      DUE,
      { horizonDays: 366, first: 1 },
    );
    expect(first.dueVisits.pageInfo.hasNextPage).toBe(true);
    const second = await gqlOk<{ dueVisits: { pageInfo: { hasNextPage: boolean }; nodes: Cycle[] } }>(agentA, DUE, {
      horizonDays: 366,
      first: 1,
      after: first.dueVisits.pageInfo.endCursor,
    });
    expect(second.dueVisits.nodes[0]!.customer.id).toBe(c1);
    expect(second.dueVisits.pageInfo.hasNextPage).toBe(false);
  });

  it('lets only the manager set one customer’s own interval', async () => {
    expect(errorCodes(await gqlAs(agentA, INTERVAL, { customerId: c1, days: 7 }))).toEqual(['FORBIDDEN']);
    const bad = await gqlAs(manager, INTERVAL, { customerId: c1, days: 400 });
    expect(fieldsOf(bad)).toEqual(['intervalDays']);
    const set = await gqlOk<{ setCustomerVisitInterval: Cycle & { customIntervalDays: number } }>(manager, INTERVAL, {
      customerId: c1,
      days: 7,
    });
    expect(set.setCustomerVisitInterval).toMatchObject({
      customIntervalDays: 7,
      intervalDays: 7,
      nextDueDate: '2026-11-09',
    });
  });

  it('refuses customers and API keys without the scope; an API key with visits:read reads', async () => {
    expect(errorCodes(await gqlAs(customerViewer, DUE))).toEqual(['FORBIDDEN']);
    const noScope: Viewer = { kind: 'apiClient', apiKeyId: 'k1', name: 'erp', scopes: ['customers:read'] };
    expect(errorCodes(await gqlAs(noScope, DUE))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs({ kind: 'anonymous' }, DUE))).toEqual(['UNAUTHENTICATED']);
    const reader: Viewer = {
      kind: 'apiClient',
      apiKeyId: 'k2',
      name: 'erp',
      scopes: ['visits:read', 'customers:read'],
    };
    expect((await due(reader, { salespersonId: agentAId })).totalCount).toBe(2);
    expect((await due(quality)).totalCount).toBeGreaterThanOrEqual(3);
  });
});

describe('weekly itineraries', () => {
  let itinerary: Itin;

  it('plans next week from the salesperson’s own customers, dates inside the week', async () => {
    const week = '2026-12-14';
    const notMine = await gqlAs(agentA, SAVE, {
      input: { weekStart: week, items: [{ customerId: c3, plannedDate: '2026-12-15', purpose: '回访' }] },
    });
    expect(errorCodes(notMine)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(notMine)).toEqual(['items.0.customerId']);
    const outside = await gqlAs(agentA, SAVE, {
      input: { weekStart: week, items: [{ customerId: c1, plannedDate: '2026-12-21', purpose: '回访' }] },
    });
    expect(fieldsOf(outside)).toEqual(['items.0.plannedDate']);
    expect(fieldsOf(await gqlAs(agentA, SAVE, { input: { weekStart: '2026-12-15', items: [] } }))).toEqual([
      'weekStart',
    ]);
    const saved = await gqlOk<{ saveItinerary: Itin }>(agentA, SAVE, {
      input: {
        weekStart: week,
        items: [
          { customerId: c1, plannedDate: '2026-12-15', purpose: '季度回访', contactName: '王经理' },
          { customerId: c2, plannedDate: '2026-12-16', purpose: '新品介绍' },
        ],
      },
    });
    itinerary = saved.saveItinerary;
    expect(itinerary).toMatchObject({ status: 'DRAFT', revision: 1, late: false, viewerCanEdit: true });
    expect(itinerary.items.map((i) => [i.customerId, i.plannedDate])).toEqual([
      [c1, '2026-12-15'],
      [c2, '2026-12-16'],
    ]);
  });

  it('submits on Thursday (not late); a submitted itinerary cannot be edited', async () => {
    const submitted = (await gqlOk<{ submitItinerary: Itin }>(agentA, SUBMIT, itinRef())).submitItinerary;
    expect(submitted).toMatchObject({ status: 'SUBMITTED', late: false, viewerCanEdit: false });
    itinerary = submitted;
    const edit = await gqlAs(agentA, SAVE, {
      input: {
        weekStart: '2026-12-14',
        version: itinerary.version,
        items: [{ customerId: c1, plannedDate: '2026-12-15', purpose: '改' }],
      },
    });
    expect(errorCodes(edit)).toEqual(['CONFLICT']);
    expect(keyOf(edit)).toBe('visit.itinerarySubmittedReadOnly');
    expect(edit.errors?.[0]?.message).toMatch(/submitted and can no longer be edited/);
  });

  it('the agent cannot approve; the manager returns only with a comment, then approves', async () => {
    expect(errorCodes(await gqlAs(agentA, DECIDE, { ...itinRef(), input: { approve: true } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(quality, DECIDE, { ...itinRef(), input: { approve: true } }))).toEqual(['FORBIDDEN']);
    const noComment = await gqlAs(manager, DECIDE, { ...itinRef(), input: { approve: false } });
    expect(fieldsOf(noComment)).toEqual(['comment']);
    const team = await gqlOk<{ itineraryWeek: { itineraries: Itin[] } }>(manager, WEEK, { weekStart: '2026-12-14' });
    expect(team.itineraryWeek.itineraries.map((i) => [i.id, i.viewerCanDecide])).toEqual([[itinerary.id, true]]);
    itinerary = (
      await gqlOk<{ decideItinerary: Itin }>(manager, DECIDE, {
        ...itinRef(),
        input: { approve: true, comment: '同意' },
      })
    ).decideItinerary;
    expect(itinerary).toMatchObject({ status: 'APPROVED', viewerCanDecide: false });
    expect(errorCodes(await gqlAs(manager, DECIDE, { ...itinRef(), input: { approve: true } }))).toEqual(['CONFLICT']);
    // agent B does not see agent A's week
    const other = await gqlOk<{ itineraryWeek: { itineraries: Itin[] } }>(agentB, WEEK, { weekStart: '2026-12-14' });
    expect(other.itineraryWeek.itineraries).toEqual([]);
  });

  it('stale versions conflict; another salesperson cannot submit it', async () => {
    expect(errorCodes(await gqlAs(agentA, REVISE, { id: itinerary.id, version: 1 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await gqlAs(agentB, SUBMIT, itinRef()))).toEqual(['NOT_FOUND']);
  });

  const itinRef = () => ({ id: itinerary.id, version: itinerary.version });

  describe('work log', () => {
    let logId: string;
    let logVersion: number;

    it('logging a planned visit marks it done and moves the next due visit', async () => {
      at(sh('2026-12-15T16:00:00'));
      const logged = await gqlOk<{
        logVisit: {
          id: string;
          version: number;
          viewerCanRegisterProblem: boolean;
          customer: { visitCycle: { nextDueDate: string } };
        };
      }>(agentA, LOG, {
        input: {
          customerId: c1,
          itineraryItemId: itinerary.items[0]!.id,
          contactName: '王经理',
          discussed: '季度供货计划',
          customerNeeds: '希望缩短交期',
          problemsFound: '上批货有两箱包装破损',
          followUp: '下周回复交期',
        },
      });
      logId = logged.logVisit.id;
      logVersion = logged.logVisit.version;
      // Dec 15 + 7 days = Dec 22 (Tuesday)
      expect(logged.logVisit.customer.visitCycle.nextDueDate).toBe('2026-12-22');
      expect(logged.logVisit.viewerCanRegisterProblem).toBe(true);
      const week = await gqlOk<{ itineraryWeek: { itineraries: Itin[] } }>(agentA, WEEK, { weekStart: '2026-12-14' });
      expect(week.itineraryWeek.itineraries[0]!.items.map((i) => i.done)).toEqual([true, false]);
      const cycle = await dueOf(agentA, c1);
      expect(cycle).toMatchObject({ nextDueDate: '2026-12-22', dueState: 'UPCOMING' });
    });

    it('a phone contact does not move it; others’ customers and future times are refused', async () => {
      await gqlOk(agentA, LOG, { input: { customerId: c2, kind: 'PHONE', discussed: '电话确认拜访时间' } });
      expect((await dueOf(agentA, c2))!.nextDueDate).toBe('2026-11-16');
      const other = await gqlAs(agentB, LOG, { input: { customerId: c1, discussed: 'x' } });
      expect(fieldsOf(other)).toEqual(['customerId']);
      const future = await gqlAs(agentA, LOG, {
        input: { customerId: c1, discussed: 'x', visitedAt: sh('2026-12-16T09:00:00').toISOString() },
      });
      expect(fieldsOf(future)).toEqual(['visitedAt']);
      expect(fieldsOf(await gqlAs(agentA, LOG, { input: { customerId: c1, discussed: '  ' } }))).toEqual(['discussed']);
      expect(errorCodes(await gqlAs(customerViewer, LOG, { input: { customerId: c1, discussed: 'x' } }))).toEqual([
        'FORBIDDEN',
      ]);
    });

    it('turns the problem found into a complaint in one step, once', async () => {
      const done = await gqlOk<{
        registerVisitProblem: {
          version: number;
          viewerCanRegisterProblem: boolean;
          interaction: { number: string; type: string };
        };
      }>(agentA, REGISTER, { id: logId, version: logVersion, input: { type: 'COMPLAINT' } });
      expect(done.registerVisitProblem.interaction.type).toBe('COMPLAINT');
      expect(done.registerVisitProblem.interaction.number).toMatch(/^TS-2026-\d+$/);
      expect(done.registerVisitProblem.viewerCanRegisterProblem).toBe(false);
      const row = await prisma.interaction.findUniqueOrThrow({
        where: { number: done.registerVisitProblem.interaction.number },
      });
      expect(row).toMatchObject({ channel: 'VISIT', customerId: c1, description: '上批货有两箱包装破损' });
      const again = await gqlAs(agentA, REGISTER, {
        id: logId,
        version: done.registerVisitProblem.version,
        input: { type: 'INQUIRY' },
      });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(keyOf(again)).toBe('visit.problemRegistered');
    });

    it('counts planned vs done per salesperson for the month', async () => {
      const stats = await gqlOk<{
        visitMonthlyStats: {
          rows: {
            salesperson: { id: string };
            planned: number;
            done: number;
            visits: number;
            phoneContacts: number;
            completionRate: number;
          }[];
        };
      }>(manager, STATS, { month: '2026-12' });
      expect(stats.visitMonthlyStats.rows.find((r) => r.salesperson.id === agentAId)).toMatchObject({
        planned: 2,
        done: 1,
        visits: 1,
        phoneContacts: 1,
        completionRate: 0.5,
      });
      const own = await gqlOk<{ visitMonthlyStats: { rows: { salesperson: { id: string } }[] } }>(agentB, STATS, {
        month: '2026-12',
      });
      expect(own.visitMonthlyStats.rows.every((r) => r.salesperson.id === agentBId)).toBe(true);
      expect(fieldsOf(await gqlAs(manager, STATS, { month: '2026-13' }))).toEqual(['month']);
    });

    it('exports the statistics as CSV and Excel', async () => {
      const stats = await visitMonthlyStats(manager, '2026-12');
      const csv = visitStatsCsv(stats);
      expect(csv.startsWith('\uFEFF业务员,计划拜访,完成,完成率')).toBe(true);
      const agentRow = stats.rows.find((r) => r.salespersonId === agentAId)!;
      expect(csv).toContain(`${agentRow.salespersonName},2,1,50%,1,1,0`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await visitStatsXlsx(stats)) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.getRow(1).getCell(2).value).toBe('计划拜访');
      expect(sheet.rowCount).toBe(stats.rows.length + 1);
    });

    it('an API key with visits:write logs for the customer’s salesperson; itineraries stay with people', async () => {
      const api: Viewer = { kind: 'apiClient', apiKeyId: 'k3', name: 'crm', scopes: ['visits:read', 'visits:write'] };
      const logged = await gqlOk<{ logVisit: { id: string } }>(api, LOG, {
        input: { customerId: c2, kind: 'PHONE', discussed: 'ERP 同步的电话记录' },
      });
      const row = await prisma.visitLog.findUniqueOrThrow({ where: { id: logged.logVisit.id } });
      expect(row.userId).toBe(agentAId);
      const save = await gqlAs(api, SAVE, { input: { weekStart: '2026-12-28', items: [] } });
      expect(errorCodes(save)).toEqual(['FORBIDDEN']);
    });
  });

  it('revising an approved itinerary opens a new revision; the approved plan stays in the history', async () => {
    const revised = (await gqlOk<{ reviseItinerary: Itin }>(agentA, REVISE, itinRef())).reviseItinerary;
    expect(revised).toMatchObject({ status: 'DRAFT', revision: 2, viewerCanEdit: true });
    expect(revised.history.map((h) => h.action)).toEqual(['CREATE', 'SUBMIT', 'APPROVE', 'REVISE']);
    // the logged line keeps its visit when the plan is saved with its id
    const saved = await gqlOk<{ saveItinerary: Itin }>(agentA, SAVE, {
      input: {
        weekStart: '2026-12-14',
        version: revised.version,
        items: [{ id: revised.items[0]!.id, customerId: c1, plannedDate: '2026-12-15', purpose: '季度回访' }],
      },
    });
    expect(saved.saveItinerary.items.map((i) => i.done)).toEqual([true]);
    itinerary = saved.saveItinerary;
  });
});

describe('late submission', () => {
  it('escalates, once, each salesperson with customers and no itinerary submitted after the deadline', async () => {
    // Thursday: before the deadline (Friday Dec 18 18:00) nothing happens
    expect((await sweepLateItineraries(sh('2026-12-17T10:00:00'))).escalations).toBe(0);
    const after = sh('2026-12-19T09:00:00');
    const first = await sweepLateItineraries(after);
    expect(first.escalations).toBeGreaterThanOrEqual(2); // agents A and B (week of Dec 21)
    const escalated = await prisma.itinerary.findUniqueOrThrow({
      where: { ownerId_weekStart: { ownerId: agentBId, weekStart: new Date('2026-12-21T00:00:00Z') } },
      include: { escalations: true },
    });
    expect(escalated).toMatchObject({ status: 'DRAFT', late: true, escalationLevel: 1 });
    expect(escalated.escalations.map((e) => [e.reason, e.level])).toEqual([['ITINERARY_LATE', 1]]);
    expect(escalated.escalations[0]!.notifiedUserIds).toContain(agentBId);
    expect(await prisma.notification.count({ where: { userId: agentBId, kind: 'ESCALATION_ITINERARY_LATE' } })).toBe(1);
    expect((await sweepLateItineraries(after)).escalations).toBe(0);
    // the late one, submitted now, stays flagged late
    at(after);
    const saved = await gqlOk<{ saveItinerary: Itin }>(agentB, SAVE, {
      input: {
        weekStart: '2026-12-21',
        version: escalated.version,
        items: [{ customerId: c3, plannedDate: '2026-12-22', purpose: '回访' }],
      },
    });
    const submitted = await gqlOk<{ submitItinerary: Itin }>(agentB, SUBMIT, {
      id: saved.saveItinerary.id,
      version: saved.saveItinerary.version,
    });
    expect(submitted.submitItinerary).toMatchObject({ status: 'SUBMITTED', late: true });
  });
});
