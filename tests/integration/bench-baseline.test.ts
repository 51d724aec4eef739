import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENTS, loadHistory, uidOf, USER_NUMBERS, type LoadedHistory } from '../../bench/history';
import { createRawContext, RAW_OPERATIONS, RAW_TYPES, type RawContext, type RawViewer } from '../../bench/raw-baseline';
import { loadScenarioData, scenarios, type Scenario } from '../../bench/scenarios';
import type { Viewer } from '@/server/viewer';
import { gqlAs } from '../helpers/graphql';

// `npm run bench` compares the app with a hand-written baseline serving "the same JSON": this keeps that claim true
// as the app changes. A small history (bench/history.ts) is loaded, and every request of every load-phase scenario is
// answered by the baseline's SQL and by the real GraphQL pipeline for the same viewer — reads must be identical, an
// update must write the version after the one read.

const SIZES = {
  customers: 200,
  contacts: 450,
  contracts: 500,
  interactions: 3_000,
  complaints: 1_050,
  openComplaints: 60,
};
const SCOPES = ['customers:read', 'customers:write', 'interactions:read'];

let db: pg.Pool;
let ctx: RawContext;
let loaded: LoadedHistory;
let list: Scenario[];
let agent: { raw: RawViewer; app: Viewer };

/** A deterministic generator, so the requests compared are the same on every run. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

beforeAll(async () => {
  db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2, types: RAW_TYPES });
  const client = await db.connect();
  try {
    loaded = await loadHistory(client, SIZES, new Date(), () => undefined);
  } finally {
    await client.query('RESET ALL');
    client.release();
  }
  ctx = await createRawContext(db);
  list = scenarios(await loadScenarioData(db), db, seeded(7));
  const userId = await uidOf(db, 'u', USER_NUMBERS.firstAgent);
  const { rows } = await db.query<{ departmentId: string }>(`SELECT "departmentId" FROM "User" WHERE id = $1`, [
    userId,
  ]);
  agent = {
    raw: { kind: 'staff', userId, role: 'SERVICE_AGENT', departmentId: rows[0]!.departmentId },
    app: { kind: 'staff', userId, role: 'SERVICE_AGENT', departmentId: rows[0]!.departmentId },
  };
}, 120_000);

afterAll(async () => {
  await db.end();
});

describe('the bench history', () => {
  it('is a company history: most complaints closed with past due dates, the open ones as many as asked, no dangling references', () => {
    const { checks, counts } = loaded;
    expect(counts).toMatchObject({
      Customer: 200,
      Contact: 450,
      Contract: 500,
      Interaction: 3_000,
      User: 10 + AGENTS + 8 * 12,
    });
    expect(checks.complaints).toBe(1_050);
    expect(checks.openComplaints).toBe(60);
    expect(checks.closedDuePast).toBeGreaterThan(0.9 * (1_050 - 60));
    // Zipf-like: the biggest customer has far more than the average of 15 records.
    expect(checks.mostRecordsOneCustomer).toBeGreaterThan(100);
    expect(checks.pendingCallbacks).toBeLessThan(counts.Callback! / 10);
    expect(checks.unreadNotifications).toBeLessThan(counts.Notification! / 10);
  });
});

describe('the raw baseline of the load phase', () => {
  const viewers = () => ({
    apiKey: {
      raw: { kind: 'apiClient', name: 'bench', scopes: SCOPES } as RawViewer,
      app: {
        kind: 'apiClient',
        apiKeyId: '00000000-0000-4000-8000-000000000001',
        name: 'bench',
        scopes: SCOPES,
      } as Viewer,
    },
    staff: agent,
  });

  // What each scenario's answers must hold, so that equal answers are not equally empty.
  const substance: Record<string, (answers: Record<string, unknown>[]) => void> = {
    customer: (answers) => expect(answers.every((a) => (a.customer as { id?: string }).id)).toBe(true),
    list: (answers) => {
      const nodes = answers.flatMap(
        (a) => (a.customers as { nodes: { contacts: unknown[]; contracts: unknown[] }[] }).nodes,
      );
      expect(nodes.length).toBeGreaterThan(20);
      expect(nodes.every((n) => n.contacts.length >= 2 && n.contracts.length >= 2)).toBe(true);
    },
    queue: (answers) => {
      const counts = answers.find((a) => a.complaintQueueCounts)!.complaintQueueCounts as {
        queue: string;
        count: number;
      }[];
      expect(counts.find((c) => c.queue === 'OPEN')!.count).toBe(60);
      expect(
        answers.filter((a) => (a.complaintQueue as { nodes?: unknown[] } | undefined)?.nodes?.length).length,
      ).toBeGreaterThan(3);
    },
    dashboard: (answers) => {
      const notifications = answers.find((a) => a.myNotifications)!.myNotifications as {
        nodes: { href: string | null }[];
      };
      expect(notifications.nodes.length).toBe(6);
      expect(notifications.nodes.every((n) => n.href?.startsWith('/console/complaints/'))).toBe(true);
    },
  };

  for (const key of ['customer', 'list', 'queue', 'dashboard']) {
    it(`answers the ${key} scenario's reads exactly as /api/graphql does`, async () => {
      const scenario = list.find((s) => s.key === key)!;
      const viewer = viewers()[scenario.auth];
      const answers: Record<string, unknown>[] = [];
      // Every queue tab of the queue scenario, and a few random picks of the others.
      for (let round = 0; round < 7; round++) {
        for (const spec of scenario.requests) {
          const variables = spec.variables();
          const app = await gqlAs(viewer.app, spec.query, variables);
          expect(app.errors, JSON.stringify(app.errors)).toBeUndefined();
          const raw = await RAW_OPERATIONS[spec.op]!(ctx, viewer.raw, variables);
          expect(raw, `${spec.op} ${JSON.stringify(variables)}`).toEqual(app.data);
          answers.push(app.data!);
        }
      }
      substance[key]!(answers);
    });
  }

  it('writes updateCustomer as the app does: the version after the one read, the phone sent, a history entry', async () => {
    const scenario = list.find((s) => s.key === 'update')!;
    await scenario.prepare!();
    const [spec] = scenario.requests;
    const { apiKey } = viewers();
    for (const side of ['raw', 'app'] as const) {
      const variables = spec!.variables() as { id: string; version: number; input: { phone: string } };
      const data = (
        side === 'raw'
          ? await RAW_OPERATIONS[spec!.op]!(ctx, apiKey.raw, variables)
          : (await gqlAs(apiKey.app, spec!.query, variables)).data
      ) as {
        updateCustomer: { id: string; version: number; phone: string };
      };
      expect(data.updateCustomer).toMatchObject({
        id: variables.id,
        version: variables.version + 1,
        phone: variables.input.phone,
      });
      const { rows } = await db.query(`SELECT version, phone FROM "Customer" WHERE id = $1`, [variables.id]);
      expect(rows[0]).toEqual({ version: variables.version + 1, phone: variables.input.phone });
      const history = await db.query(
        `SELECT "actorLabel", changes FROM "HistoryEntry" WHERE "entityType" = 'Customer' AND "entityId" = $1`,
        [variables.id],
      );
      expect(history.rows).toHaveLength(1);
      expect(history.rows[0].actorLabel).toBe('API: bench');
      expect(history.rows[0].changes.phone).toMatchObject({ to: variables.input.phone });
      // A stale version is refused by both.
      const stale =
        side === 'raw'
          ? await RAW_OPERATIONS[spec!.op]!(ctx, apiKey.raw, variables).catch((e: { code: string }) => e.code)
          : (await gqlAs(apiKey.app, spec!.query, variables)).errors?.[0]?.extensions?.code;
      expect(stale).toBe('CONFLICT');
    }
  });
});
