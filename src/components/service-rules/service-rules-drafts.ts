import { HOUR_MINUTE, minutesOf } from '@/graphql/service-rules/service-rules.rules';

// Client-side checks of the service-rules forms, built on the server's own rules (service-rules.rules.ts), which stay
// the authority; here they only spare a round trip for the obvious mistakes.

export type HoursDraft = { days: number[]; start: string; end: string; timeZone: string };
export type HoursProblem = 'days' | 'time' | 'order' | 'timeZone';

export function hoursProblems(draft: HoursDraft): Partial<Record<keyof HoursDraft, HoursProblem>> {
  const problems: Partial<Record<keyof HoursDraft, HoursProblem>> = {};
  if (draft.days.length === 0) problems.days = 'days';
  if (!HOUR_MINUTE.test(draft.start)) problems.start = 'time';
  if (!HOUR_MINUTE.test(draft.end)) problems.end = 'time';
  else if (HOUR_MINUTE.test(draft.start) && minutesOf(draft.end) <= minutesOf(draft.start)) problems.end = 'order';
  if (!draft.timeZone.trim()) problems.timeZone = 'timeZone';
  return problems;
}

export type AuthorityDraft = Record<string, { approve: string[]; close: string[] }>;

/** The severities/parts with no role chosen, keyed like the server's fields (`MAJOR.approve`). */
export function authorityProblems(draft: AuthorityDraft): string[] {
  return Object.entries(draft).flatMap(([severity, parts]) =>
    (['approve', 'close'] as const).filter((p) => parts[p].length === 0).map((p) => `${severity}.${p}`),
  );
}
