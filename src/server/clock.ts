import 'server-only';
/**
 * The application's clock: what services, the escalation sweep and the UI's "remaining/overdue" take as now.
 *
 * In production it is the system clock. Browser journeys must show a record turning overdue "after the clock is
 * moved" without waiting days, so with KEFU_TEST_CLOCK=1 — and only then — POST /api/test/clock shifts this clock by
 * an offset, process-wide (on globalThis: the route, the GraphQL handler and the workers' modules share it).
 * Database defaults (`createdAt`) keep the real time; due times are computed from the clock.
 */
const state = globalThis as unknown as { kefuClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.kefuClockOffsetMs ?? 0));
}

export const clockControlEnabled = () => process.env.KEFU_TEST_CLOCK === '1';

/** Moves the clock to `offsetMs` from the system clock (0 resets it). Refused unless KEFU_TEST_CLOCK=1. */
export function setClockOffset(offsetMs: number): void {
  if (!clockControlEnabled()) throw new Error('the clock can only be moved when KEFU_TEST_CLOCK=1');
  if (!Number.isFinite(offsetMs)) throw new Error('offset must be a finite number of milliseconds');
  state.kefuClockOffsetMs = offsetMs;
}

export const clockOffsetMs = () => state.kefuClockOffsetMs ?? 0;
