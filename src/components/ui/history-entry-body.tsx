'use client';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { formatDateTime } from '@/lib/format';
import { useActivityText } from '@/lib/use-activity-text';

/**
 * What the body of a history entry shows, for every record that has a history (customer, interaction, complaint): a
 * query spreads it beside the entry's own heading fields (`id action fromState toState …`).
 */
export const HistoryEntryFieldsFragment = graphql(`
  fragment HistoryEntryFields on HistoryEntry {
    comment
    message {
      ...ActivityMessageFields
    }
    actor {
      id
      name
    }
    actorLabel
    createdAt
  }
`);

export type HistoryEntryRef = FragmentType<typeof HistoryEntryFieldsFragment>;

/** The entry's body fields (the fragment unmasked), for a screen that lays the body out its own way. */
export const historyEntryFields = (entry: HistoryEntryRef) => getFragmentData(HistoryEntryFieldsFragment, entry);

/**
 * The body of a history entry under its heading: what the system said (translated), what a person wrote, then when
 * and who. One markup for the workbench and the interaction page.
 */
export function HistoryEntryBody({ entry: ref, timeZone }: { entry: HistoryEntryRef; timeZone: string }) {
  const activity = useActivityText();
  const entry = historyEntryFields(ref);
  return (
    <>
      {entry.message && <p className="text-slate-700">{activity.message(entry.message)}</p>}
      {entry.comment && <p className="whitespace-pre-wrap text-slate-700">{entry.comment}</p>}
      <p className="text-xs text-slate-600">
        {formatDateTime(entry.createdAt, timeZone)} · {activity.actor(entry)}
      </p>
    </>
  );
}
