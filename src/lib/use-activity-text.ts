'use client';
import { useTranslations } from 'next-intl';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { actorKey } from './activity';

/**
 * A stored, language-neutral message as the API gives it (GraphQL `ActivityMessage`): every query that shows one
 * spreads this fragment, and only `useActivityText().message` reads it.
 */
export const ActivityMessageFieldsFragment = graphql(`
  fragment ActivityMessageFields on ActivityMessage {
    key
    params
    text
  }
`);

export type ActivityMessageView = FragmentType<typeof ActivityMessageFieldsFragment> | null | undefined;
/** Who wrote a history entry, as the API gives it. */
export type ActorView = { actor?: { name: string } | null; actorLabel?: string | null };

/**
 * Shows what the system wrote (history, timelines, notifications) in the viewer's language: the key is translated
 * from messages/<locale>/activity.json with its params; a key this build does not know falls back to the API's English
 * text. `actor` names who acted: a person by name, an API key by its label, a visitor or the system in words.
 */
export function useActivityText() {
  const t = useTranslations('activity');
  const translate = t as unknown as (key: string, params?: Record<string, unknown>) => string;
  const message = (ref: ActivityMessageView): string | null => {
    const m = getFragmentData(ActivityMessageFieldsFragment, ref);
    if (!m) return null;
    if (t.has(m.key as never)) return translate(m.key, (m.params ?? undefined) as Record<string, unknown> | undefined);
    return m.text ?? m.key;
  };
  const actor = (entry: ActorView): string => {
    if (entry.actor?.name) return entry.actor.name;
    const key = actorKey(entry.actorLabel);
    return key ? t(key) : (entry.actorLabel ?? '');
  };
  return { message, actor };
}
