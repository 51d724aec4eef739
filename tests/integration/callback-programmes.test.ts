import { beforeAll, describe, expect, it } from 'vitest';
import { runCallbackProgrammes } from '@/graphql/callback-programmes/callback-programme.service';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { errorCodes, gqlAs, gqlOk } from '../helpers/graphql';

// Issue 12 item 2 (001 §6.2): a periodic callback programme for any customer segment, not only key accounts; a run
// creates the ordinary PERIODIC callback tasks for the customers due, idempotently.

const sh = (local: string) => new Date(`${local}+08:00`);

const FIELDS = `id name intervalMonths assignToOwner active version lastRunAt callbackCount
  segment { all provinces industries grades keyAccountsOnly customerIds } assignee { id } history { action }`;
const CREATE = `mutation($input: CallbackProgrammeInput!) { createCallbackProgramme(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: CallbackProgrammeInput!) {
  updateCallbackProgramme(id: $id, version: $v, input: $input) { ${FIELDS} } }`;
const RUN = `mutation($id: ID!) { runCallbackProgramme(id: $id) { programmes customers created } }`;
const LIST = `{ callbackProgrammes { ${FIELDS} } }`;

type Programme = {
  id: string;
  name: string;
  intervalMonths: number;
  version: number;
  active: boolean;
  callbackCount: number;
  history: { action: string }[];
};

let manager: Viewer;
let agent: Viewer;
let pool: { id: string };
let owner: { id: string };

const tasksOf = (programmeId: string) =>
  prisma.callback.findMany({ where: { programmeId }, orderBy: [{ customerId: 'asc' }, { programmeSeq: 'asc' }] });

beforeAll(async () => {
  manager = (await createStaff('SERVICE_MANAGER')).viewer;
  agent = (await createStaff('SERVICE_AGENT')).viewer;
  pool = (await createStaff('SERVICE_AGENT')).user;
  owner = (await createStaff('SERVICE_AGENT')).user;
});

describe('callback programmes', () => {
  it('segment membership: the conditions all hold, named customers always, archived never, owner or assignee', async () => {
    const inJs = await createCustomerRecord({
      name: '江苏机电',
      province: '江苏',
      industry: '机械',
      ownerId: owner.id,
    });
    const inJsNoOwner = await createCustomerRecord({ name: '江苏化工', province: '江苏', industry: '机械' });
    const otherIndustry = await createCustomerRecord({ name: '江苏纺织', province: '江苏', industry: '纺织' });
    const otherProvince = await createCustomerRecord({ name: '浙江机械', province: '浙江', industry: '机械' });
    const named = await createCustomerRecord({ name: '广东指定客户', province: '广东', industry: '电子' });
    const archived = await createCustomerRecord({
      name: '江苏已归档',
      province: '江苏',
      industry: '机械',
      archivedAt: new Date(),
    });
    const created = (
      await gqlOk<{ createCallbackProgramme: Programme }>(manager, CREATE, {
        input: {
          name: '江苏机械客户双月回访',
          segment: { all: false, provinces: ['江苏'], industries: ['机械'], customerIds: [named.id] },
          assigneeId: pool.id,
        },
      })
    ).createCallbackProgramme;
    expect(created).toMatchObject({ intervalMonths: 2, active: true, version: 1, history: [{ action: 'CREATE' }] });

    const result = await runCallbackProgrammes(sh('2027-01-31T03:00:00'), { programmeId: created.id });
    expect(result).toEqual({ programmes: 1, customers: 3, created: 3 });
    const tasks = await tasksOf(created.id);
    const byCustomer = new Map(tasks.map((t) => [t.customerId, t]));
    expect([...byCustomer.keys()].sort()).toEqual([inJs.id, inJsNoOwner.id, named.id].sort());
    for (const outside of [otherIndustry, otherProvince, archived]) expect(byCustomer.has(outside.id)).toBe(false);
    expect(byCustomer.get(inJs.id)).toMatchObject({ reason: 'PERIODIC', status: 'PENDING', assigneeId: owner.id });
    expect(byCustomer.get(inJsNoOwner.id)).toMatchObject({ assigneeId: pool.id, programmeSeq: 1 });
    expect(
      await prisma.historyEntry.count({ where: { entityType: 'Callback', entityId: { in: tasks.map((t) => t.id) } } }),
    ).toBe(3);
  });

  it('idempotent: concurrent and repeated runs create each occurrence once; the next falls due after the interval, month-end safe', async () => {
    const customers = await Promise.all(
      [1, 2, 3].map((n) => createCustomerRecord({ name: `山东重点${n}`, province: '山东', grade: 'A' })),
    );
    const programme = (
      await gqlOk<{ createCallbackProgramme: Programme }>(manager, CREATE, {
        input: { name: '山东 A 级客户', segment: { all: false, provinces: ['山东'], grades: ['A'] } },
      })
    ).createCallbackProgramme;
    const first = sh('2027-12-31T03:00:00');
    const runs = await Promise.all([1, 2, 3].map(() => runCallbackProgrammes(first, { programmeId: programme.id })));
    expect(runs.reduce((sum, r) => sum + r.created, 0)).toBe(3);
    await runCallbackProgrammes(sh('2027-12-31T18:00:00'), { programmeId: programme.id });
    expect(await tasksOf(programme.id)).toHaveLength(3);
    // Dec 31 + 2 months: Feb 29 2028 (leap year), not Mar 2.
    expect((await runCallbackProgrammes(sh('2028-02-28T03:00:00'), { programmeId: programme.id })).created).toBe(0);
    const [a, b] = await Promise.all([
      runCallbackProgrammes(sh('2028-02-29T03:00:00'), { programmeId: programme.id }),
      runCallbackProgrammes(sh('2028-02-29T03:00:00'), { programmeId: programme.id }),
    ]);
    expect(a.created + b.created).toBe(3);
    const tasks = await tasksOf(programme.id);
    expect(tasks).toHaveLength(6);
    for (const c of customers)
      expect(tasks.filter((t) => t.customerId === c.id).map((t) => t.programmeSeq)).toEqual([1, 2]);
    // The interval is the programme's: changed to 1 month, the next is due on Mar 31 (the last day stays last).
    const listed = (await gqlOk<{ callbackProgrammes: Programme[] }>(agent, LIST)).callbackProgrammes;
    const current = listed.find((p) => p.id === programme.id)!;
    expect(current.callbackCount).toBe(6);
    expect(current.history.filter((h) => h.action === 'RUN').length).toBeGreaterThanOrEqual(5);
    const monthly = (
      await gqlOk<{ updateCallbackProgramme: Programme }>(manager, UPDATE, {
        id: programme.id,
        v: current.version,
        input: {
          name: '山东 A 级客户（月度）',
          segment: { all: false, provinces: ['山东'], grades: ['A'] },
          intervalMonths: 1,
        },
      })
    ).updateCallbackProgramme;
    expect(monthly).toMatchObject({ intervalMonths: 1, version: current.version + 1 });
    expect((await runCallbackProgrammes(sh('2028-03-30T03:00:00'), { programmeId: programme.id })).created).toBe(0);
    expect((await runCallbackProgrammes(sh('2028-03-31T03:00:00'), { programmeId: programme.id })).created).toBe(3);
    // A stale version is CONFLICT; a paused programme is not run by the daily job.
    const stale = await gqlAs(manager, UPDATE, {
      id: programme.id,
      v: current.version,
      input: { name: 'x', segment: { all: true } },
    });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    await gqlOk(manager, UPDATE, {
      id: programme.id,
      v: monthly.version,
      input: { name: monthly.name, segment: { all: false, provinces: ['山东'], grades: ['A'] }, active: false },
    });
    expect(await runCallbackProgrammes(sh('2028-06-30T03:00:00'))).toMatchObject({ programmes: 1 }); // only the first one
    expect(await tasksOf(programme.id)).toHaveLength(9);
  });

  it('validates its input: a segment reaching nobody, an interval out of range, a missing name', async () => {
    for (const input of [
      { name: '空', segment: { all: false } },
      { name: '间隔', segment: { all: true }, intervalMonths: 0 },
      { name: '间隔', segment: { all: true }, intervalMonths: 25 },
      { name: '  ', segment: { all: true } },
    ]) {
      expect(errorCodes(await gqlAs(manager, CREATE, { input }))).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('authorisation: the manager and the administrator manage; agents, customers, other roles and narrow API keys do not', async () => {
    const programme = (
      await gqlOk<{ createCallbackProgramme: Programme }>((await createStaff('ADMIN')).viewer, CREATE, {
        input: { name: '全部客户', segment: { all: true }, active: true },
      })
    ).createCallbackProgramme;
    const customer = (await createCustomerUser((await createCustomerRecord()).id)).viewer;
    const apiKey = (scopes: string[]) =>
      ({ kind: 'apiClient', apiKeyId: '00000000-0000-4000-8000-000000000002', name: 'crm', scopes }) as Viewer;
    const refused: [string, Viewer][] = [
      ['agent', agent],
      ['customer', customer],
      ['department handler', (await createStaff('DEPARTMENT_HANDLER')).viewer],
      ['quality', (await createStaff('QUALITY_MANAGER')).viewer],
      ['api key callbacks:write only', apiKey(['callbacks:read', 'callbacks:write'])],
      ['api key settings:manage only', apiKey(['settings:manage'])],
    ];
    for (const [who, viewer] of refused) {
      const create = await gqlAs(viewer, CREATE, { input: { name: who, segment: { all: true } } });
      const run = await gqlAs(viewer, RUN, { id: programme.id });
      expect([who, errorCodes(create)[0]]).toEqual([who, 'FORBIDDEN']);
      expect([who, errorCodes(run)[0]]).toEqual([who, 'FORBIDDEN']);
    }
    // Reading: callbacks:read (quality, an agent); never a customer or a role without it.
    expect(errorCodes(await gqlAs(customer, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs((await createStaff('DEPARTMENT_HANDLER')).viewer, LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await gqlAs(apiKey(['customers:read']), LIST))).toEqual(['FORBIDDEN']);
    expect((await gqlOk<{ callbackProgrammes: Programme[] }>(agent, LIST)).callbackProgrammes.length).toBeGreaterThan(
      0,
    );
    // Run now by the manager: every (not archived) customer is due once; a second run creates nothing.
    const ran = (
      await gqlOk<{ runCallbackProgramme: { created: number; customers: number } }>(manager, RUN, { id: programme.id })
    ).runCallbackProgramme;
    expect(ran.created).toBe(ran.customers);
    expect(ran.created).toBeGreaterThan(0);
    const again = (await gqlOk<{ runCallbackProgramme: { created: number } }>(manager, RUN, { id: programme.id }))
      .runCallbackProgramme;
    expect(again.created).toBe(0);
  });
});
