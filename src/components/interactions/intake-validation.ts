import {
  INTAKE_REQUIRED_FIELDS,
  INTAKE_TEXT_LIMITS,
  PHONE_PATTERN,
  VISITOR_REQUIRED_FIELDS,
  type IntakeTextField,
} from '@/graphql/interactions/intake.rules';

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * Every problem of an intake form at once, before anything is sent: each required field left empty (a visitor also
 * owes company, contact and phone), each text over its length, a phone that is not one. Keys are the input's field
 * names, as in the server's BAD_USER_INPUT, so one error map serves both. `labelOf` names a field for "… 必填".
 */
export function intakeProblems(
  values: Partial<Record<IntakeTextField, string>>,
  options: { visitor: boolean; labelOf: (field: IntakeTextField) => string; t: Translate },
): Record<string, string> {
  const { visitor, labelOf, t } = options;
  const problems: Record<string, string> = {};
  const required: readonly IntakeTextField[] = visitor
    ? [...VISITOR_REQUIRED_FIELDS, ...INTAKE_REQUIRED_FIELDS]
    : INTAKE_REQUIRED_FIELDS;
  for (const field of Object.keys(INTAKE_TEXT_LIMITS) as IntakeTextField[]) {
    const value = (values[field] ?? '').trim();
    if (!value) {
      if (required.includes(field)) problems[field] = t('form.required', { label: labelOf(field) });
    } else if (value.length > INTAKE_TEXT_LIMITS[field]) {
      problems[field] = t('form.tooLong', { max: INTAKE_TEXT_LIMITS[field] });
    } else if (field === 'contactPhone' && !PHONE_PATTERN.test(value)) {
      problems[field] = t('form.phoneInvalid');
    }
  }
  return problems;
}
