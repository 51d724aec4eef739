import 'server-only';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { QUEUES, queueSchema } from '@/server/queue/boss';
import type { Viewer } from '@/server/viewer';

export type JobQueueKind = 'STAFF_MAIL' | 'CUSTOMER_MAIL' | 'ESCALATION_SWEEP' | 'SURVEY_SWEEP' | 'HOUSEKEEPING';

/** In the order the screen shows them: mail first, staff before customers. */
const KINDS: readonly [JobQueueKind, string][] = [
  ['STAFF_MAIL', QUEUES.staffMail],
  ['CUSTOMER_MAIL', QUEUES.customerMail],
  ['ESCALATION_SWEEP', QUEUES.escalationSweep],
  ['SURVEY_SWEEP', QUEUES.surveyReminders],
  ['HOUSEKEEPING', QUEUES.housekeeping],
];

export type JobQueueDepth = {
  kind: JobQueueKind;
  name: string;
  queued: number;
  delayed: number;
  active: number;
  failedLastDay: number;
  oldestWaitingSince: Date | null;
  oldestWaitingSeconds: number | null;
};

type Row = {
  name: string;
  queued: number;
  delayed: number;
  active: number;
  failed: number;
  oldest: Date | null;
  age: number | null;
};

/**
 * Counts per queue straight from pg-boss's tables (its live `job` table; jobs that failed for good move to `archive`
 * after a while, so the last day's failures are counted in both). Every instance's jobs are there, so the figures are
 * the cluster's. Before pg-boss has installed its schema (no worker ever started) every queue is empty.
 */
export async function jobQueueDepths(viewer: Viewer): Promise<JobQueueDepth[]> {
  requirePermission(viewer, 'users:manage');
  const schema = queueSchema();
  // An identifier, not a value: it cannot be a bind parameter, so it must be a plain name (it comes from configuration).
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`invalid queue schema name: ${schema}`);
  const names = KINDS.map(([, name]) => name);
  const [installed] = await prisma.$queryRawUnsafe<{ job: string | null }[]>(
    `SELECT to_regclass('"${schema}".job')::text AS job`,
  );
  const rows = installed?.job
    ? await prisma.$queryRawUnsafe<Row[]>(
        `WITH live AS (
           SELECT name,
                  count(*) FILTER (WHERE state < 'active' AND start_after <= now())::int AS queued,
                  count(*) FILTER (WHERE state < 'active' AND start_after > now())::int AS delayed,
                  count(*) FILTER (WHERE state = 'active')::int AS active,
                  count(*) FILTER (WHERE state = 'failed' AND completed_on > now() - interval '24 hours')::int AS failed,
                  min(created_on) FILTER (WHERE state < 'active' AND start_after <= now()) AS oldest
             FROM "${schema}".job WHERE name = ANY($1::text[]) GROUP BY name
         ), archived AS (
           SELECT name, count(*)::int AS failed FROM "${schema}".archive
            WHERE name = ANY($1::text[]) AND state = 'failed' AND completed_on > now() - interval '24 hours' GROUP BY name
         )
         SELECT coalesce(l.name, a.name) AS name, coalesce(l.queued, 0) AS queued, coalesce(l.delayed, 0) AS delayed,
                coalesce(l.active, 0) AS active, coalesce(l.failed, 0) + coalesce(a.failed, 0) AS failed, l.oldest,
                floor(extract(epoch FROM now() - l.oldest))::int AS age
           FROM live l FULL JOIN archived a ON a.name = l.name`,
        names,
      )
    : [];
  const byName = new Map(rows.map((r) => [r.name, r]));
  return KINDS.map(([kind, name]) => {
    const row = byName.get(name);
    return {
      kind,
      name,
      queued: row?.queued ?? 0,
      delayed: row?.delayed ?? 0,
      active: row?.active ?? 0,
      failedLastDay: row?.failed ?? 0,
      oldestWaitingSince: row?.oldest ?? null,
      oldestWaitingSeconds: row?.age ?? null,
    };
  });
}
