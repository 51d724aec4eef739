'use client';
import { formatDateTime } from '@/lib/format';
import { useActivityText, type ActivityMessageView, type ActorView } from '@/lib/use-activity-text';

export type HistoryEntryView = ActorView & {
  message?: ActivityMessageView;
  comment?: string | null;
  createdAt: string;
};

/**
 * The body of a history entry under its heading: what the system said (translated), what a person wrote, then when
 * and who. One markup for the workbench, the interaction page and the service-rules change log.
 */
export function HistoryEntryBody({ entry, timeZone }: { entry: HistoryEntryView; timeZone: string }) {
  const activity = useActivityText();
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
