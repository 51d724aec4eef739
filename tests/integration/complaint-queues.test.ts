import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_QUEUES,
  complaintQueueCounts,
  listComplaintQueue,
  type ComplaintQueueFilter,
} from '@/graphql/complaints/complaint-queue.service';
import { countInteractions } from '@/graphql/interactions/interaction.service';
import { prisma } from '@/server/db';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';
import { captureStatements } from '../helpers/statements';

const now = new Date();
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
let n = 0;
const complaint = (data: Partial<Parameters<typeof prisma.interaction.create>[0]['data']>) =>
  prisma.interaction.create({
    data: {
      number: `TS-Q-${++n}`,
      type: 'COMPLAINT',
      channel: 'PHONE',
      subject: `投诉${n}`,
      description: 'd',
      ...data,
    },
  });

describe('complaint work queues', () => {
  it('sorts open complaints into mine, my department, unassigned, due soon, overdue and crisis, with counts', async () => {
    const dept = await prisma.department.create({ data: { code: 'Q1', name: '生产一部' } });
    const { user, viewer } = await createStaff('DEPARTMENT_HANDLER', { departmentId: dept.id });
    const overdue = await complaint({
      status: 'INVESTIGATING',
      ownerId: user.id,
      responsibleDepartmentId: dept.id,
      resolutionDueAt: hours(-30),
    });
    const crisis = await complaint({
      status: 'TRIAGED',
      severity: 'CRISIS',
      responsibleDepartmentId: dept.id,
      resolutionDueAt: hours(24 * 30),
    });
    const untriaged = await complaint({
      status: 'REGISTERED',
      triageDueAt: hours(-1),
      resolutionDueAt: hours(24 * 60),
    });
    const closed = await complaint({ status: 'CLOSED', ownerId: user.id, resolutionDueAt: hours(-100) }); // closed: in no queue
    // Follow-up done, awaiting quality's closure: in 待关闭 only (not an open complaint).
    const closing = await complaint({
      status: 'FOLLOW_UP_DONE',
      severity: 'MAJOR',
      ownerId: user.id,
      responsibleDepartmentId: dept.id,
      resolutionDueAt: hours(-50),
    });
    const otherClosing = await complaint({
      status: 'FOLLOW_UP_DONE',
      severity: 'GENERAL',
      resolutionDueAt: hours(-60),
    });
    await prisma.interaction.create({
      data: { number: 'ZX-Q-1', type: 'CONSULTATION', channel: 'PHONE', subject: '咨询', description: 'd' },
    });

    const ids = async (who: typeof viewer, queue: string) =>
      (
        await gqlOk<{ complaintQueue: { nodes: { id: string }[] } }>(
          who,
          `query($q: ComplaintQueue!) { complaintQueue(queue: $q) { nodes { id } } }`,
          { q: queue },
        )
      ).complaintQueue.nodes.map((x) => x.id);
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    expect(await ids(agent, 'UNASSIGNED')).toEqual([crisis.id, untriaged.id]); // most urgent first
    expect(await ids(agent, 'OVERDUE')).toEqual([overdue.id, untriaged.id]);
    expect(await ids(agent, 'CRISIS')).toEqual([crisis.id]);
    expect(await ids(agent, 'OPEN')).toHaveLength(3);
    expect(await ids(agent, 'AWAITING_CLOSURE')).toEqual([otherClosing.id, closing.id]); // due soonest first
    const agentCounts = await gqlOk<{ complaintQueueCounts: { queue: string; count: number }[] }>(
      agent,
      `{ complaintQueueCounts { queue count } }`,
    );
    expect(Object.fromEntries(agentCounts.complaintQueueCounts.map((c) => [c.queue, c.count]))).toMatchObject({
      MINE: 0,
      UNASSIGNED: 2,
      OVERDUE: 2,
      CRISIS: 1,
      AWAITING_CLOSURE: 2,
      OPEN: 3,
    });

    // A department handler's queues hold only what is assigned to their department or to them.
    expect(await ids(viewer, 'MINE')).toEqual([overdue.id]);
    expect(await ids(viewer, 'MY_DEPARTMENT')).toEqual([overdue.id, crisis.id]);
    expect(await ids(viewer, 'UNASSIGNED')).toEqual([crisis.id]);
    expect(await ids(viewer, 'OVERDUE')).toEqual([overdue.id]);
    expect(await ids(viewer, 'OPEN')).toEqual([overdue.id, crisis.id]);
    expect(await ids(viewer, 'AWAITING_CLOSURE')).toEqual([closing.id]);
    const counts = await gqlOk<{ complaintQueueCounts: { queue: string; count: number }[] }>(
      viewer,
      `{ complaintQueueCounts { queue count } }`,
    );
    expect(Object.fromEntries(counts.complaintQueueCounts.map((c) => [c.queue, c.count]))).toMatchObject({
      MINE: 1,
      MY_DEPARTMENT: 2,
      UNASSIGNED: 1,
      OVERDUE: 1,
      CRISIS: 1,
      AWAITING_CLOSURE: 1,
      OPEN: 2,
    });
    // ...and the same scope applies by id, by number and by list.
    expect(
      errorCodes(await gqlAs(viewer, `query($id: ID!) { interaction(id: $id) { id } }`, { id: untriaged.id })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(
        await gqlAs(viewer, `query($n: String!) { interactionByNumber(number: $n) { id } }`, { n: untriaged.number }),
      ),
    ).toEqual(['NOT_FOUND']);
    const listed = await gqlOk<{ interactions: { nodes: { id: string }[] } }>(
      viewer,
      `{ interactions(first: 50) { nodes { id } } }`,
    );
    expect(listed.interactions.nodes.map((x) => x.id).sort()).toEqual(
      [overdue.id, crisis.id, closed.id, closing.id].sort(), // closed or closing, but theirs
    );
  });

  it('filters a queue and its counts by severity, cause, department, owner, key account, customer and search, in any of four orders', async () => {
    const dept = await prisma.department.create({ data: { code: 'QF', name: '质量部' } });
    const other = await prisma.department.create({ data: { code: 'QG', name: '销售部' } });
    const owner = (await createStaff('DEPARTMENT_HANDLER', { departmentId: dept.id })).user;
    const customer = await createCustomerRecord();
    const at = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const general = await complaint({
      status: 'INVESTIGATING',
      severity: 'GENERAL',
      causeClass: 'QUALITY',
      responsibleDepartmentId: dept.id,
      ownerId: owner.id,
      resolutionDueAt: hours(5),
      createdAt: at(3),
      subject: '螺栓断裂',
    });
    const crisis = await complaint({
      status: 'TRIAGED',
      severity: 'CRISIS',
      causeClass: 'QUALITY',
      responsibleDepartmentId: dept.id,
      isKeyAccount: true,
      resolutionDueAt: hours(50),
      createdAt: at(1),
      customerId: customer.id,
    });
    const major = await complaint({
      status: 'TRIAGED',
      severity: 'MAJOR',
      causeClass: 'NON_QUALITY',
      responsibleDepartmentId: dept.id,
      resolutionDueAt: hours(-2),
      createdAt: at(2),
    });
    const untriaged = await complaint({ status: 'REGISTERED', responsibleDepartmentId: dept.id, createdAt: at(4) });
    await complaint({
      status: 'TRIAGED',
      severity: 'CRISIS',
      responsibleDepartmentId: other.id,
      resolutionDueAt: hours(1),
    }); // another department

    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    type Page = { complaintQueue: { nodes: { id: string }[]; totalCount: number } };
    const ids = async (filter: Record<string, unknown>, sort?: string, queue = 'OPEN') =>
      (
        await gqlOk<Page>(
          agent,
          `query($q: ComplaintQueue!, $f: ComplaintQueueFilter, $s: ComplaintQueueSort) { complaintQueue(queue: $q, filter: $f, sort: $s) { nodes { id } totalCount } }`,
          { q: queue, f: filter, s: sort },
        )
      ).complaintQueue;
    const inDept = { responsibleDepartmentId: dept.id };

    expect((await ids(inDept)).nodes.map((x) => x.id)).toEqual([major.id, general.id, crisis.id, untriaged.id]); // due soonest, none last
    expect((await ids(inDept, 'SEVERITY')).nodes.map((x) => x.id)).toEqual([
      crisis.id,
      major.id,
      general.id,
      untriaged.id,
    ]);
    expect((await ids(inDept, 'NEWEST')).nodes.map((x) => x.id)).toEqual([
      crisis.id,
      major.id,
      general.id,
      untriaged.id,
    ]);
    expect((await ids(inDept, 'OLDEST')).nodes.map((x) => x.id)).toEqual([
      untriaged.id,
      general.id,
      major.id,
      crisis.id,
    ]);
    expect((await ids({ ...inDept, severity: ['CRISIS', 'MAJOR'] })).nodes.map((x) => x.id)).toEqual([
      major.id,
      crisis.id,
    ]);
    expect((await ids({ ...inDept, causeClass: ['NON_QUALITY'] })).nodes.map((x) => x.id)).toEqual([major.id]);
    expect((await ids({ ...inDept, ownerId: owner.id })).nodes.map((x) => x.id)).toEqual([general.id]);
    expect((await ids({ ...inDept, keyAccount: true })).nodes.map((x) => x.id)).toEqual([crisis.id]);
    expect((await ids({ ...inDept, keyAccount: false })).totalCount).toBe(3);
    expect((await ids({ customerId: customer.id })).nodes.map((x) => x.id)).toEqual([crisis.id]);
    expect((await ids({ ...inDept, search: '螺栓' })).nodes.map((x) => x.id)).toEqual([general.id]);
    expect((await ids({ ...inDept, search: general.number })).nodes.map((x) => x.id)).toEqual([general.id]);
    expect((await ids({ ...inDept, severity: ['CRISIS'] }, undefined, 'CRISIS')).nodes.map((x) => x.id)).toEqual([
      crisis.id,
    ]); // the queue and the filter both apply

    // The tab counts follow the filter.
    const counts = await gqlOk<{ complaintQueueCounts: { queue: string; count: number }[] }>(
      agent,
      `query($f: ComplaintQueueFilter) { complaintQueueCounts(filter: $f) { queue count } }`,
      { f: inDept },
    );
    expect(Object.fromEntries(counts.complaintQueueCounts.map((c) => [c.queue, c.count]))).toMatchObject({
      OPEN: 4,
      CRISIS: 1,
      OVERDUE: 1,
      UNASSIGNED: 3,
    });

    // Pages in a non-default order neither overlap nor skip.
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: {
        complaintQueue: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
      } = await gqlOk(
        agent,
        `query($f: ComplaintQueueFilter, $a: String) { complaintQueue(queue: OPEN, filter: $f, sort: SEVERITY, first: 1, after: $a) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
        { f: inDept, a: after },
      );
      seen.push(...page.complaintQueue.nodes.map((x) => x.id));
      after = page.complaintQueue.pageInfo.hasNextPage ? page.complaintQueue.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([crisis.id, major.id, general.id, untriaged.id]);

    // A malformed id is a field message, not a server error.
    const bad = await gqlAs(
      agent,
      `query($f: ComplaintQueueFilter) { complaintQueue(queue: OPEN, filter: $f) { totalCount } }`,
      { f: { responsibleDepartmentId: 'nope' } },
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(bad)).toContain('responsibleDepartmentId');
  });

  it('the tab counts (one statement) agree with each queue’s own total, for every viewer and filter', async () => {
    // Edge cases of both renderings: due exactly now and at the end of "due soon" (milliseconds), no due time or
    // severity, LIKE wildcards in the search, Asia/Shanghai day boundaries, a department handler's scope.
    const dept = await prisma.department.create({ data: { code: 'QE', name: '装配部' } });
    const { user, viewer: handler } = await createStaff('DEPARTMENT_HANDLER', { departmentId: dept.id });
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    const customer = await createCustomerRecord();
    const at = new Date(Date.UTC(2026, 10, 24, 2, 30, 0, 123)); // Tuesday 10:30:00.123 in Asia/Shanghai
    const startOfDay = new Date('2026-11-23T16:00:00.000Z'); // 2026-11-24 00:00 in Asia/Shanghai
    const soon = (await prisma.$queryRaw<{ soon: Date }[]>`SELECT ${at}::timestamp(3) + interval '4 hours' AS soon`)[0]!
      .soon;
    const countsOf = async (viewer: typeof agent, filter: ComplaintQueueFilter | null) =>
      Object.fromEntries((await complaintQueueCounts(viewer, filter, at)).map((c) => [c.queue, c.count]));
    const before = await countsOf(agent, null); // the earlier tests' complaints
    await complaint({
      status: 'TRIAGED',
      severity: 'MAJOR',
      responsibleDepartmentId: dept.id,
      ownerId: user.id,
      resolutionDueAt: at,
      subject: '100% 断裂',
    });
    await complaint({
      status: 'INVESTIGATING',
      severity: 'CRISIS',
      responsibleDepartmentId: dept.id,
      resolutionDueAt: soon,
      customerId: customer.id,
      isKeyAccount: true,
    });
    await complaint({
      status: 'REGISTERED',
      triageDueAt: new Date(at.getTime() - 1),
      createdAt: startOfDay,
      subject: 'a_b 尺寸',
    });
    await complaint({
      status: 'REOPENED',
      severity: 'GENERAL',
      causeClass: 'NON_QUALITY',
      ownerId: user.id,
      resolutionDueAt: new Date(at.getTime() - 1),
      createdAt: new Date(startOfDay.getTime() - 1),
    });
    await complaint({
      status: 'VERIFYING',
      severity: 'GENERAL',
      causeClass: 'QUALITY',
      responsibleDepartmentId: dept.id,
      resolutionDueAt: new Date(soon.getTime() + 1),
    });
    await complaint({ status: 'RESOLVED', severity: 'CRISIS', ownerId: user.id, resolutionDueAt: at }); // closed: in no queue
    await complaint({
      status: 'FOLLOW_UP_DONE',
      severity: 'CRISIS',
      causeClass: 'QUALITY',
      responsibleDepartmentId: dept.id,
      ownerId: user.id,
      resolutionDueAt: new Date(at.getTime() - 1),
      customerId: customer.id,
      isKeyAccount: true,
      subject: '100% 待关闭',
    }); // awaiting closure: 待关闭 only

    const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`); // as the GraphQL Date scalar parses it
    const filters: (ComplaintQueueFilter | null)[] = [
      null,
      { severity: ['CRISIS', 'MAJOR'] },
      { causeClass: ['NON_QUALITY'], status: ['REOPENED', 'TRIAGED'] },
      { responsibleDepartmentId: dept.id, keyAccount: true },
      { ownerId: user.id, keyAccount: false },
      { customerId: customer.id },
      { createdAt: { from: day('2026-11-24'), to: day('2026-11-24') } },
      { createdAt: { to: day('2026-11-23') } },
      { search: '100%' },
      { search: 'a_b' },
      { search: '%' },
    ];
    for (const viewer of [agent, handler]) {
      for (const filter of filters) {
        const totals: Record<string, number> = {};
        for (const queue of COMPLAINT_QUEUES)
          totals[queue] = await countInteractions(
            (await listComplaintQueue(viewer, { queue, filter, first: 1 }, at)).where,
          );
        expect(
          await countsOf(viewer, filter),
          JSON.stringify({ viewer: viewer.kind === 'staff' && viewer.role, filter }),
        ).toEqual(totals);
      }
    }
    // The edge rows are where they belong: due now is due soon, not overdue; due at the end of the window is due soon.
    const after = await countsOf(agent, null);
    expect([
      after.DUE_SOON! - before.DUE_SOON!,
      after.OVERDUE! - before.OVERDUE!,
      after.OPEN! - before.OPEN!,
      after.AWAITING_CLOSURE! - before.AWAITING_CLOSURE!,
    ]).toEqual([2, 2, 5, 1]);
  });

  it('pages through every order without overlap or gap, ties and missing values included', async () => {
    const dept = await prisma.department.create({ data: { code: 'QP', name: '涂装部' } });
    const base = new Date('2026-11-20T01:00:00.000Z');
    const severities = ['CRISIS', 'MAJOR', 'GENERAL', null] as const;
    for (let i = 0; i < 13; i++) {
      await complaint({
        status: 'TRIAGED',
        responsibleDepartmentId: dept.id,
        severity: severities[i % 4],
        resolutionDueAt: i % 5 === 0 ? null : new Date(base.getTime() + (i % 3) * 3_600_000), // three due times, some none
        createdAt: new Date(base.getTime() - (i % 4) * 60_000), // four creation times
      });
    }
    const agent = (await createStaff('SERVICE_AGENT')).viewer;
    for (const sort of ['DUE_SOONEST', 'SEVERITY', 'NEWEST', 'OLDEST']) {
      type QueuePage = {
        complaintQueue: { nodes: { id: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
      };
      const query = `query($f: ComplaintQueueFilter, $s: ComplaintQueueSort, $n: Int, $a: String) { complaintQueue(queue: OPEN, filter: $f, sort: $s, first: $n, after: $a) { nodes { id } pageInfo { endCursor hasNextPage } } }`;
      const all = (
        await gqlOk<QueuePage>(agent, query, { f: { responsibleDepartmentId: dept.id }, s: sort, n: 100 })
      ).complaintQueue.nodes.map((x) => x.id);
      expect(all).toHaveLength(13);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: QueuePage = await gqlOk<QueuePage>(agent, query, {
          f: { responsibleDepartmentId: dept.id },
          s: sort,
          n: 2,
          a: after,
        });
        seen.push(...page.complaintQueue.nodes.map((x) => x.id));
        after = page.complaintQueue.pageInfo.hasNextPage ? page.complaintQueue.pageInfo.endCursor : null;
      } while (after);
      expect(seen, sort).toEqual(all);
    }
  });

  it('reads only the columns a page asks for, and the whole record for the workflow fields', async () => {
    const dept = await prisma.department.create({ data: { code: 'Q9', name: '质量部' } });
    const { user, viewer: owner } = await createStaff('DEPARTMENT_HANDLER', { departmentId: dept.id });
    const row = await complaint({
      status: 'INVESTIGATING',
      severity: 'MAJOR',
      ownerId: user.id,
      responsibleDepartmentId: dept.id,
      resolutionDueAt: hours(8),
      description: '很长的描述'.repeat(200),
      desiredOutcome: '更换',
    });
    let agent = (await createStaff('SERVICE_MANAGER')).viewer;
    type Node = {
      id: string;
      number: string;
      owner: { name: string } | null;
      availableCommands?: string[];
      blockedCommands?: { command: string }[];
    };
    const page = async (fields: string) => {
      const statements = await captureStatements(() =>
        gqlOk<{ complaintQueue: { nodes: Node[] } }>(
          agent,
          `query($o: ID) { complaintQueue(queue: OPEN, filter: { ownerId: $o }) { nodes { ${fields} } } }`,
          { o: user.id },
        ).then((d) => (nodes = d.complaintQueue.nodes)),
      );
      const read = statements.find((st) => /FROM "(public"\.")?Interaction"/.test(st.text) && /LIMIT/.test(st.text));
      return read!.text;
    };
    let nodes: Node[] = [];
    const narrow = await page('id number owner { name }');
    expect(nodes).toEqual([{ id: row.id, number: row.number, owner: { name: user.name } }]);
    expect(narrow).not.toMatch(/"description"|"desiredOutcome"/);
    expect(narrow).toMatch(/"ownerId"/);
    // The workflow's decision reads the whole record: the same commands as the record's own page (its owner's).
    agent = owner;
    const wide = await page('id availableCommands blockedCommands { command }');
    expect(wide).toMatch(/"description"/);
    const single = await gqlOk<{ interaction: Pick<Node, 'availableCommands' | 'blockedCommands'> }>(
      owner,
      `query($id: ID!) { interaction(id: $id) { availableCommands blockedCommands { command } } }`,
      { id: row.id },
    );
    expect(nodes[0]).toEqual({ id: row.id, ...single.interaction });
    expect([...single.interaction.availableCommands!, ...single.interaction.blockedCommands!].length).toBeGreaterThan(
      0,
    );
  });

  it('the first page read as SQL returns what Prisma’s findMany returns, for every queue, order and filter', async () => {
    const dept = await prisma.department.create({ data: { code: 'QR', name: '售后部' } });
    const { user, viewer } = await createStaff('QUALITY_MANAGER', { departmentId: dept.id });
    const customer = await createCustomerRecord();
    const statuses = [
      'REGISTERED',
      'TRIAGED',
      'INVESTIGATING',
      'PENDING_APPROVAL',
      'VERIFYING',
      'FOLLOW_UP_DONE',
    ] as const;
    const severities = [null, 'GENERAL', 'MAJOR', 'CRISIS'] as const;
    for (let i = 0; i < 24; i++)
      await complaint({
        status: statuses[i % statuses.length],
        severity: severities[i % severities.length],
        causeClass: i % 3 ? 'QUALITY' : null,
        ownerId: i % 2 ? user.id : null,
        responsibleDepartmentId: i % 5 ? dept.id : null,
        customerId: i % 4 ? customer.id : null,
        isKeyAccount: i % 6 === 0,
        resolutionDueAt: i % 7 ? hours(i - 12) : null,
        createdAt: new Date(now.getTime() - (i % 9) * 3_600_000),
      });
    const columns = {
      id: true,
      number: true,
      status: true,
      severity: true,
      ownerId: true,
      resolutionDueAt: true,
    } as const;
    const filters: (ComplaintQueueFilter | null)[] = [null, { responsibleDepartmentId: dept.id }, { keyAccount: true }];
    let compared = 0;
    for (const queue of COMPLAINT_QUEUES)
      for (const sort of ['DUE_SOONEST', 'SEVERITY', 'NEWEST', 'OLDEST'] as const)
        for (const filter of filters) {
          const args = { queue, sort, filter, first: 5 };
          const [sql, statements] = await (async () => {
            let page!: Awaited<ReturnType<typeof listComplaintQueue>>;
            const seen = await captureStatements(async () => {
              page = await listComplaintQueue(viewer, args, now, columns);
            });
            return [page, seen] as const;
          })();
          expect(statements.some((st) => /^\s*SELECT "id", "number"/.test(st.text))).toBe(true); // the raw statement
          const viaPrisma = await listComplaintQueue(viewer, args, now);
          const pick = (rows: Record<string, unknown>[]) =>
            rows.map((r) => Object.fromEntries(Object.keys(columns).map((c) => [c, r[c]])));
          expect(pick(sql.rows)).toEqual(pick(viaPrisma.rows));
          expect(sql.hasNextPage).toBe(viaPrisma.hasNextPage);
          compared += sql.rows.length;
        }
    expect(compared).toBeGreaterThan(100);
  });

  it('is for staff only', async () => {
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    expect(errorCodes(await gqlAs(customer, `{ complaintQueueCounts { count } }`))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs({ kind: 'anonymous' }, `{ complaintQueue(queue: OPEN) { totalCount } }`))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});
