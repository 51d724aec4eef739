// The load phase's scenarios: what 50 users and API clients send at once. The console's requests are the UI's own
// documents (printed from the operations the components send, with the variables they send); the API scenarios are
// what an integration sends with an API key. Each scenario is a list of requests one connection sends in turn (a
// screen that fires several requests at once is sent as consecutive requests on that connection).
import { print } from 'graphql';
import type pg from 'pg';
import { CallbackQueueCountsQuery } from '@/components/callbacks/callback-operations';
import { ComplaintQueueCountsQuery, ComplaintQueueQuery } from '@/components/complaints/complaint-operations';
import {
  NotificationListQuery,
  NotificationUnreadCountQuery,
} from '@/components/notifications/notification-operations';
import { COMPLAINT_QUEUES } from '@/graphql/complaints/complaint-workflow.rules';

export type Auth = 'apiKey' | 'staff';

export type RequestSpec = {
  op: string;
  query: string;
  /** The variables of the next request (called once per request sent). */
  variables: () => Record<string, unknown>;
  /** Told the data of a successful answer (the update scenario learns the new version from it). */
  onData?: (variables: Record<string, unknown>, data: Record<string, unknown>) => void;
};

export type Scenario = {
  key: string;
  title: string;
  auth: Auth;
  requests: RequestSpec[];
  /** Run before each measured side (the update scenario reads the versions it will write against). */
  prepare?: () => Promise<void>;
};

const BENCH_CUSTOMER = `query BenchCustomer($id: ID!) {
  customer(id: $id) { id name contractNo certificateNo status province industry contactPerson phone creditStanding grade keyAccountStatus initialAuditFee surveillanceAuditFee auditDate version updatedAt }
}`;
const BENCH_CUSTOMER_LIST = `query BenchCustomerList($filter: CustomerFilter, $first: Int) {
  customers(filter: $filter, first: $first) {
    nodes { id name contractNo status province industry contactPerson phone grade updatedAt
      contacts { id name title phone mobile email isPrimary }
      contracts { id contractNo title amount signedAt startsAt endsAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const BENCH_UPDATE_CUSTOMER = `mutation BenchUpdateCustomer($id: ID!, $version: Int!, $input: CustomerInput!) {
  updateCustomer(id: $id, version: $version, input: $input) { id version name phone }
}`;

// The queues and their order as the app lists them (the console's tabs read the same list).
const QUEUES = COMPLAINT_QUEUES;

export type ScenarioData = { customerIds: string[]; provinces: string[] };

export async function loadScenarioData(db: pg.ClientBase | pg.Pool): Promise<ScenarioData> {
  const [customers, provinces] = await Promise.all([
    db.query<{ id: string }>(`SELECT id FROM "Customer" ORDER BY id`),
    db.query<{ province: string }>(
      `SELECT DISTINCT province FROM "Customer" WHERE province IS NOT NULL ORDER BY province`,
    ),
  ]);
  return { customerIds: customers.rows.map((r) => r.id), provinces: provinces.rows.map((r) => r.province) };
}

type Random = () => number;
const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/** Customers an update may be sent for, with the version last read; one update per customer at a time. */
class UpdatePool {
  private readonly rows = new Map<string, { version: number; name: string; ownerId: string | null }>();
  private free: string[] = [];
  constructor(
    private readonly db: pg.Pool,
    private readonly ids: string[],
  ) {}

  /** Reads the current versions (another phase may have moved them on): the client reads before it writes. */
  async refresh(): Promise<void> {
    const { rows } = await this.db.query<{ id: string; version: number; name: string; ownerId: string | null }>(
      `SELECT id, version, name, "ownerId" FROM "Customer" WHERE id = ANY($1)`,
      [this.ids],
    );
    this.rows.clear();
    for (const r of rows) this.rows.set(r.id, r);
    this.free = rows.map((r) => r.id);
  }

  take(random: Random): Record<string, unknown> {
    const id = this.free.shift();
    if (!id) throw new Error('every customer of the update pool is in flight: raise BENCH_UPDATE_POOL');
    const row = this.rows.get(id)!;
    const phone = `021-${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;
    return { id, version: row.version, input: { name: row.name, phone, ownerId: row.ownerId } };
  }

  /** A successful write: the customer may be written again, at its new version. A failed one leaves the pool. */
  written(id: string, version: number): void {
    const row = this.rows.get(id);
    if (!row) return;
    row.version = version;
    this.free.push(id);
  }
}

export function scenarios(data: ScenarioData, db: pg.Pool, random: Random = Math.random): Scenario[] {
  const updatePool = new UpdatePool(
    db,
    sample(data.customerIds, Number(process.env.BENCH_UPDATE_POOL ?? 5_000), random),
  );
  let tab = 0;
  const nextQueue = () => QUEUES[tab++ % QUEUES.length];
  const complaintCounts: RequestSpec = {
    op: 'ComplaintQueueCounts',
    query: print(ComplaintQueueCountsQuery),
    variables: () => ({ filter: null }),
  };
  return [
    {
      key: 'customer',
      title: 'customer(id), random customers (API key)',
      auth: 'apiKey',
      requests: [
        { op: 'BenchCustomer', query: BENCH_CUSTOMER, variables: () => ({ id: pick(data.customerIds, random) }) },
      ],
    },
    {
      key: 'list',
      title: '50 customers with contacts and contracts, one province (API key)',
      auth: 'apiKey',
      requests: [
        {
          op: 'BenchCustomerList',
          query: BENCH_CUSTOMER_LIST,
          variables: () => ({ filter: { province: [pick(data.provinces, random)] }, first: 50 }),
        },
      ],
    },
    {
      key: 'update',
      title: 'updateCustomer at the version read (API key)',
      auth: 'apiKey',
      prepare: () => updatePool.refresh(),
      requests: [
        {
          op: 'BenchUpdateCustomer',
          query: BENCH_UPDATE_CUSTOMER,
          variables: () => updatePool.take(random),
          onData: (variables, answer) => {
            const updated = answer.updateCustomer as { version?: number } | null;
            if (typeof updated?.version === 'number') updatePool.written(variables.id as string, updated.version);
          },
        },
      ],
    },
    {
      key: 'queue',
      title: 'complaint queue page + tab counts, the seven tabs in turn (agents)',
      auth: 'staff',
      requests: [
        complaintCounts,
        {
          op: 'ComplaintQueue',
          query: print(ComplaintQueueQuery),
          variables: () => ({ queue: nextQueue(), filter: null, sort: 'DUE_SOONEST', first: 25 }),
        },
      ],
    },
    {
      key: 'dashboard',
      title: '工作台: complaint and callback counts, notifications, bell (agents)',
      auth: 'staff',
      requests: [
        complaintCounts,
        { op: 'CallbackQueueCounts', query: print(CallbackQueueCountsQuery), variables: () => ({}) },
        {
          op: 'NotificationList',
          query: print(NotificationListQuery),
          variables: () => ({ unreadOnly: false, first: 6 }),
        },
        { op: 'NotificationUnreadCount', query: print(NotificationUnreadCountQuery), variables: () => ({}) },
      ],
    },
  ];
}

function sample<T>(items: readonly T[], n: number, random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, Math.min(n, copy.length));
}
