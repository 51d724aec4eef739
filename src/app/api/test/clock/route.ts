import { clockControlEnabled, clockOffsetMs, now, setClockOffset } from '@/server/clock';
import { errorResponse } from '@/server/http/file-response';

/**
 * Test clock for browser journeys (see src/server/clock.ts): exists only when the server runs with KEFU_TEST_CLOCK=1
 * (the Playwright suite's server); everywhere else it answers 404 like any unknown path.
 *
 *   GET  → { now, offsetMs }
 *   POST { offsetMs: number, sweep?: boolean } → moves the clock; with `sweep`, runs the escalation sweep at the new now.
 */
export const dynamic = 'force-dynamic';

const notFound = () => errorResponse(404, 'NOT_FOUND', 'Not found');

export async function GET() {
  if (!clockControlEnabled()) return notFound();
  return Response.json({ now: now().toISOString(), offsetMs: clockOffsetMs() });
}

export async function POST(request: Request) {
  if (!clockControlEnabled()) return notFound();
  const body = (await request.json().catch(() => null)) as { offsetMs?: unknown; sweep?: unknown } | null;
  if (typeof body?.offsetMs !== 'number' || !Number.isFinite(body.offsetMs))
    return errorResponse(400, 'BAD_USER_INPUT', 'offsetMs must be a number', { offsetMs: '须为毫秒数' });
  setClockOffset(body.offsetMs);
  let sweep: unknown = null;
  if (body.sweep === true) {
    const { runEscalationSweep } = await import('@/graphql/complaints/escalation.service');
    sweep = await runEscalationSweep(now());
  }
  return Response.json({ now: now().toISOString(), offsetMs: clockOffsetMs(), sweep });
}
