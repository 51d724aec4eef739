import { createTranslator } from 'next-intl';
import en from '../../messages/en/activity.json';
import zh from '../../messages/zh-CN/activity.json';
import type { Locale } from '@/i18n/config';

/**
 * What the system itself writes into a history entry, a timeline or a notification is stored language-neutral: a key
 * of messages/<locale>/activity.json and its params (numbers, names, codes — never a sentence). The console and the
 * portal translate it in the viewer's language (`useActivityText`); the API also gives its English text for machine
 * clients. A key that is not in the bundle does not compile; the message-parity test keeps zh-CN and en alike.
 * Client-safe: no server imports.
 */
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type Bundle = typeof en;
/** A history or timeline line: any leaf outside `notice` and `actor`. */
export type ActivityKey = Exclude<Leaves<Bundle>, `notice.${string}` | `actor.${string}`>;
/** A notification: `notice.<NAME>`, whose `title` (and `body`, where it has one) share the params. */
export type NoticeKey = `notice.${keyof Bundle['notice'] & string}`;
/** Param values: strings and numbers only (an ICU `select` on a yes/no takes 'true' / 'false'). */
export type ActivityParams = Record<string, string | number>;
export type ActivityMessage<K extends string = ActivityKey> = { key: K; params?: ActivityParams };

export const activityMessage = (key: ActivityKey, params?: ActivityParams): ActivityMessage => ({ key, params });
export const noticeMessage = (key: NoticeKey, params?: ActivityParams): ActivityMessage<NoticeKey> => ({ key, params });

type Translate = (key: string, params?: Record<string, unknown>) => string;
const translators: Record<Locale, Translate> = {
  en: createTranslator({ locale: 'en', messages: { activity: en } as Record<string, unknown> }) as unknown as Translate,
  'zh-CN': createTranslator({
    locale: 'zh-CN',
    messages: { activity: zh } as Record<string, unknown>,
  }) as unknown as Translate,
};

function has(key: string): boolean {
  let node: unknown = en;
  for (const part of key.split('.')) {
    if (!node || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/**
 * The text of a stored key in one language (server-rendered documents such as the handling-form PDF); a key the bundle
 * no longer has comes back as itself, so an old row never breaks a response.
 */
export function activityTextIn(locale: Locale, key: string, params?: unknown): string {
  if (!has(key)) return key;
  try {
    return translators[locale](`activity.${key}`, (params ?? undefined) as Record<string, unknown> | undefined);
  } catch {
    return key;
  }
}

/** The English text of a stored key: for API clients and logs. */
export const activityEnglish = (key: string, params?: unknown): string => activityTextIn('en', key, params);

/**
 * The bundle key that words a stored actor label: 'system' (or no label) and 'anonymous' are words; anything else is an
 * API key's own name (null: show the label as it is). One rule for the UI (`useActivityText`) and server documents.
 */
export function actorKey(label: string | null | undefined): 'actor.system' | 'actor.anonymous' | null {
  if (!label || label === 'system') return 'actor.system';
  if (label === 'anonymous') return 'actor.anonymous';
  return null;
}

/** Who acted, as a stored actor label reads in one language. */
export function actorLabelIn(locale: Locale, label: string | null): string {
  const key = actorKey(label);
  return key ? activityTextIn(locale, key) : (label ?? '');
}

/** Whether a stored notification key has a body line (`notice.<NAME>.body`). */
export const noticeHasBody = (key: string): boolean => has(`${key}.body`);

/** A stored key and params as the API gives them: with the English text (GraphQL `ActivityMessage`). */
export function activityOf(key: string, params: unknown): { key: string; params: unknown; text: string } {
  return { key, params: params ?? null, text: activityEnglish(key, params) };
}

/** A stored row's message, or null when it has none (entries written before messages were language-neutral). */
export const rowMessage = (row: { messageKey: string | null; messageParams: unknown }) =>
  row.messageKey ? activityOf(row.messageKey, row.messageParams) : null;
