import type { SurveyCampaignInput } from '@/gql/graphql';
import { MAX_REMINDER_DAY, MAX_REMINDERS, PERIOD_LABEL } from '@/graphql/survey-campaigns/survey-campaign-limits.rules';
import { audienceProblems, toAudienceInput, type AudienceState } from './survey-audience';
import { wallClockToIso } from './survey-dates';

/** The campaign form as it is typed: dates on the company's wall clock (datetime-local values), reminders as days. */
export type CampaignFormValues = {
  templateId: string;
  name: string;
  description: string;
  periodLabel: string;
  opensAt: string;
  closesAt: string;
  reminderDays: number[];
  audience: AudienceState;
};

/** Reminder days offered as chips (SDL: "Days after the invitation on which non-respondents are reminded"). */
export const REMINDER_DAY_CHOICES = [3, 5, 7, 14] as const;

/** Field problems keyed like the server's BAD_USER_INPUT fields, so one map shows both under the fields. */
export type CampaignProblem =
  'required' | 'invalidDate' | 'closesBeforeOpens' | 'reminderDay' | 'tooManyReminders' | 'dateOrder' | 'periodFormat';

export function campaignProblems(values: CampaignFormValues, timeZone: string): Record<string, CampaignProblem> {
  const problems: Record<string, CampaignProblem> = {};
  if (!values.templateId) problems.templateId = 'required';
  if (!values.name.trim()) problems.name = 'required';
  if (!values.periodLabel.trim()) problems.periodLabel = 'required';
  else if (!PERIOD_LABEL.test(values.periodLabel.trim().toUpperCase())) problems.periodLabel = 'periodFormat';
  const opens = values.opensAt ? wallClockToIso(values.opensAt, timeZone) : null;
  const closes = values.closesAt ? wallClockToIso(values.closesAt, timeZone) : null;
  if (!values.opensAt) problems.opensAt = 'required';
  else if (!opens) problems.opensAt = 'invalidDate';
  if (!values.closesAt) problems.closesAt = 'required';
  else if (!closes) problems.closesAt = 'invalidDate';
  else if (opens && closes <= opens) problems.closesAt = 'closesBeforeOpens';
  if (values.reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > MAX_REMINDER_DAY))
    problems.reminderDays = 'reminderDay';
  else if (new Set(values.reminderDays).size > MAX_REMINDERS) problems.reminderDays = 'tooManyReminders';
  if (audienceProblems(values.audience).complaintClosed) problems['audience.complaintClosed'] = 'dateOrder';
  return problems;
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The API's input; call after campaignProblems() found nothing (dates that do not parse are sent as typed). */
export function toCampaignInput(values: CampaignFormValues, timeZone: string): SurveyCampaignInput {
  return {
    templateId: values.templateId,
    name: values.name.trim(),
    description: blankToNull(values.description),
    periodLabel: values.periodLabel.trim().toUpperCase(),
    audience: toAudienceInput(values.audience),
    opensAt: wallClockToIso(values.opensAt, timeZone) ?? values.opensAt,
    closesAt: wallClockToIso(values.closesAt, timeZone) ?? values.closesAt,
    reminderDays: [...new Set(values.reminderDays)].sort((a, b) => a - b),
  };
}

/**
 * The values with a template chosen: while none is, a new campaign takes the default template (or the first one), so
 * the form needs no step that fills it in once the list has loaded.
 */
export function withDefaultTemplate(
  values: CampaignFormValues,
  templates: readonly { id: string; isDefault: boolean }[],
): CampaignFormValues {
  if (values.templateId) return values;
  const preferred = templates.find((template) => template.isDefault) ?? templates[0];
  return preferred ? { ...values, templateId: preferred.id } : values;
}

/** Toggles a reminder day, keeping the list sorted and without repeats. */
export const toggleReminderDay = (days: readonly number[], day: number): number[] =>
  (days.includes(day) ? days.filter((d) => d !== day) : [...days, day]).sort((a, b) => a - b);

/**
 * Where a server field message goes: the form's own fields by name; anything under `audience` (audience.provinces,
 * audience.complaintClosed.from, …) to the audience builder; other keys to the form-level summary.
 */
export function fieldForServerKey(key: string): string {
  const known = ['templateId', 'name', 'description', 'periodLabel', 'opensAt', 'closesAt', 'reminderDays'];
  const top = key.replace(/^input\./, '');
  if (known.includes(top)) return top;
  if (top.startsWith('reminderDays')) return 'reminderDays';
  if (top.startsWith('audience.complaintClosed')) return 'audience.complaintClosed';
  if (top.startsWith('audience')) return 'audience';
  return top;
}
