// Client-side checks of the service-rules forms. They mirror the server's (src/graphql/service-rules/
// service-rules.rules.ts), which stays the authority; here they only spare a round trip for the obvious mistakes.

export type HoursDraft = { days: number[]; start: string; end: string; timeZone: string };
export type HoursProblem = 'days' | 'time' | 'order' | 'timeZone';

const HM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function hoursProblems(draft: HoursDraft): Partial<Record<keyof HoursDraft, HoursProblem>> {
  const problems: Partial<Record<keyof HoursDraft, HoursProblem>> = {};
  if (draft.days.length === 0) problems.days = 'days';
  if (!HM.test(draft.start)) problems.start = 'time';
  if (!HM.test(draft.end)) problems.end = 'time';
  else if (HM.test(draft.start) && draft.end <= draft.start) problems.end = 'order';
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

/** Adds or removes a role, keeping the list free of duplicates. */
export const toggleRole = (list: readonly string[], role: string, on: boolean) =>
  on ? [...new Set([...list, role])] : list.filter((r) => r !== role);

/** Who the escalation ladder's levels reach (escalation.rules.ts `Audience`), each with a label on the screen. */
export const AUDIENCES_OF_LADDER = [
  'OWNER',
  'DEPARTMENT_HEAD',
  'SERVICE_MANAGERS',
  'EXECUTIVES',
  'QUALITY_MANAGERS',
  'CALLBACK_ASSIGNEES',
] as const;
