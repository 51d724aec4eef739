import { useTranslations } from 'next-intl';

/** A translator of the whole bundle, as `useTranslations()` (or next-intl's `createTranslator`) gives it. */
type Words = { (key: string): string; has(key: string): boolean };

/**
 * Where a changed field's name is worded: the audit log's field names, then the codes that are keys of a setting (the
 * severities of 核决权限, the complaint steps of an SLA rule's hours per step).
 */
const FIELD_WORDS = ['admin.audit.fields', 'serviceRules.severity', 'complaints.steps'];
/** Fields whose values are codes, and where those are worded. */
const VALUE_WORDS: Record<string, string> = {
  role: 'admin.roles',
  approve: 'admin.roles',
  close: 'admin.roles',
  severity: 'serviceRules.severity',
  interactionType: 'serviceRules.type',
  days: 'serviceRules.hours.weekday',
  via: 'admin.audit.via',
};
/** Yes/no fields, whose values may come as the text 'true' / 'false' (the audit log gives every value as text). */
const YES_NO = new Set(['active', 'keyAccount', 'isWorkday']);
/** An SLA rule's conditions: no value means any. */
const ANY_WHEN_EMPTY = new Set(['interactionType', 'severity', 'keyAccount']);

/**
 * The words for a change's field and values, for every screen that lists changes (the audit log, the service rules'
 * latest changes): a field by its name, a code by its word, yes/no, a list and a setting's parts in words. A field or
 * code no bundle words stays as it is.
 */
export function changeText(t: Words) {
  const word = (groups: readonly string[], code: string) => {
    const key = groups.map((group) => `${group}.${code}`).find((candidate) => t.has(candidate));
    return key ? t(key) : null;
  };
  const field = (name: string): string => word(FIELD_WORDS, name) ?? name;
  const value = (name: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return ANY_WHEN_EMPTY.has(name) ? t('serviceRules.any') : '—';
    if (typeof v === 'boolean' || (YES_NO.has(name) && (v === 'true' || v === 'false')))
      return t(v === true || v === 'true' ? 'admin.audit.yes' : 'admin.audit.no');
    if (Array.isArray(v))
      return v.length ? v.map((item) => value(name, item)).join(t('admin.audit.separators.list')) : '—';
    if (typeof v === 'object')
      return Object.entries(v)
        .map(([part, x]) => `${field(part)} ${value(part, x)}`)
        .join(t('admin.audit.separators.parts'));
    const words = VALUE_WORDS[name];
    return (words && word([words], String(v))) || String(v);
  };
  return { field, value };
}

/** `changeText` in the viewer's language. */
export function useChangeText() {
  return changeText(useTranslations());
}

/**
 * A change's value as the audit log gives it — text, names for ids, JSON for a list or a setting's parts — read back,
 * so a list or a setting is worded like any other value.
 */
export function valueFromText(text: string | null): unknown {
  if (text === null || !/^[[{]/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
