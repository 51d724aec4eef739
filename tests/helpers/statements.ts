import pg from 'pg';
import { currentWorkKind, type WorkKind } from '@/server/db';

/**
 * The SQL statements the application sends while `run` runs, exactly as the driver gets them (text and parameter
 * values): every query of Prisma's adapter and of $queryRaw goes through pg's Client#query (the pool's too).
 * Tests run one at a time, so nothing else is captured.
 */
export type Statement = {
  text: string;
  values: unknown[];
  /** The pool the statement was sent on: the async context's kind of work (src/server/db.ts runAs). */
  kind?: WorkKind;
};

export async function captureStatements(run: () => Promise<unknown>): Promise<Statement[]> {
  const statements: Statement[] = [];
  const original = pg.Client.prototype.query;
  const capturing = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args as [string | { text: string; values?: unknown[] }, unknown];
    const kind = currentWorkKind();
    if (typeof first === 'string') statements.push({ text: first, values: Array.isArray(second) ? second : [], kind });
    else statements.push({ text: first.text, values: first.values ?? [], kind });
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
  pg.Client.prototype.query = capturing as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return statements;
}

/**
 * The plan PostgreSQL makes for a captured statement with its own parameter values — as for the application, whose
 * unnamed statements are planned with the values bound — sequential scans off, so the plan shows which index the
 * planner can use even on a test-sized table.
 */
export async function planOf(statement: Statement): Promise<string> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const result = await client.query<{ 'QUERY PLAN': string }>({
      text: `EXPLAIN ${statement.text}`,
      values: statement.values,
    });
    return result.rows.map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
