import { clockControlEnabled, clockOffsetMs, now, setClockOffset } from '@/server/clock';
import { badField, notFound } from '@/server/errors';
import { withRoute } from '@/server/http/route';

/**
 * Test clock for browser journeys (see src/server/clock.ts): exists only when the server runs with KEFU_TEST_CLOCK=1
 * (the Playwright suite's server); everywhere else it answers 404 like any unknown path.
 *
 *   GET  → { now, offsetMs }
 *   POST { offsetMs: number, sweep?: boolean } → moves the clock; with `sweep`, runs the escalation sweep at the new now.
 */
export const dynamic = 'force-dynamic';

const enabled = () => {
  if (!clockControlEnabled()) throw notFound('Route');
};

export const GET = withRoute('test/clock', 'none', async () => {
  enabled();
  return Response.json({ now: now().toISOString(), offsetMs: clockOffsetMs() });
});

export const POST = withRoute('test/clock', 'none', async ({ req }) => {
  enabled();
  const body = (await req.json().catch(() => null)) as { offsetMs?: unknown; sweep?: unknown } | null;
  if (typeof body?.offsetMs !== 'number' || !Number.isFinite(body.offsetMs))
    throw badField('offsetMs', 'validation.invalidType');
  setClockOffset(body.offsetMs);
  let sweep: unknown = null;
  if (body.sweep === true) {
    const { runEscalationSweep } = await import('@/graphql/complaints/escalation.service');
    sweep = await runEscalationSweep(now());
  }
  return Response.json({ now: now().toISOString(), offsetMs: clockOffsetMs(), sweep });
});
