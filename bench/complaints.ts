// The complaint-queue section of `npm run bench` (in process, over the loaded history): the work-queue screen's one
// request — a page of 25 with its totalCount, and the seven tab counts under the same filter — through the real
// GraphQL pipeline, median of 5, for an agent (all complaints) and a department handler (their department's only),
// with and without filters. What it costs one user with the database to themselves; the load phase adds 49 others.
import type pg from 'pg';
import { graphqlRunner, time, type Timing } from './timing';
import { uidOf, USER_NUMBERS } from './history';

export async function benchComplaintQueues(db: pg.Pool, log: (line: string) => void): Promise<Timing[]> {
  const execute = await graphqlRunner();
  const handlerId = await uidOf(db, 'u', USER_NUMBERS.firstHandler);
  const agentId = await uidOf(db, 'u', USER_NUMBERS.firstAgent);
  const { rows } = await db.query<{ departmentId: string; number: string }>(
    `SELECT (SELECT "departmentId" FROM "User" WHERE id = $1) AS "departmentId",
            (SELECT number FROM "Interaction" WHERE type = 'COMPLAINT' AND status = 'INVESTIGATING' ORDER BY "createdAt" DESC LIMIT 1) AS number`,
    [handlerId],
  );
  const { departmentId, number } = rows[0]!;
  const viewers = {
    agent: { kind: 'staff', userId: agentId, role: 'SERVICE_AGENT', departmentId: null },
    handler: { kind: 'staff', userId: handlerId, role: 'DEPARTMENT_HANDLER', departmentId },
  } as const;
  const QUEUE = `query($q: ComplaintQueue!, $f: ComplaintQueueFilter, $s: ComplaintQueueSort) {
    complaintQueue(queue: $q, filter: $f, sort: $s, first: 25) { nodes { id number subject status severity resolutionDueAt customer { name } owner { name } responsibleDepartment { name } } totalCount pageInfo { endCursor } }
    complaintQueueCounts(filter: $f) { queue count } }`;
  const run = (who: keyof typeof viewers, variables: Record<string, unknown>) =>
    execute(viewers[who], QUEUE, variables);
  const timings = [
    await time('agent: open, most urgent first', () => run('agent', { q: 'OPEN' })),
    await time('agent: overdue', () => run('agent', { q: 'OVERDUE' })),
    await time('agent: crisis + major, sorted by severity', () =>
      run('agent', { q: 'OPEN', f: { severity: ['CRISIS', 'MAJOR'] }, s: 'SEVERITY' }),
    ),
    await time('agent: one department, key accounts, newest', () =>
      run('agent', { q: 'OPEN', f: { responsibleDepartmentId: departmentId, keyAccount: true }, s: 'NEWEST' }),
    ),
    await time('agent: search by number', () => run('agent', { q: 'OPEN', f: { search: number } })),
    await time('handler: my department', () => run('handler', { q: 'MY_DEPARTMENT' })),
    await time('handler: mine, quality causes', () => run('handler', { q: 'MINE', f: { causeClass: ['QUALITY'] } })),
  ];
  for (const t of timings)
    log(`${t.label.padEnd(48)} page+total+7 counts  median ${t.median.toFixed(0)} ms  max ${t.max.toFixed(0)} ms`);
  log(
    `heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MiB, rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
  );
  return timings;
}
