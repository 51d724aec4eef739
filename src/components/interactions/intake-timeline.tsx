import { formatDateTime } from '@/lib/format';
import { getFragmentData, type FragmentType } from '@/gql';
import { useActivityText } from '@/lib/use-activity-text';
import { IntakeTimelineFieldsFragment } from './intake-operations';
import { useInteractionActionLabel } from './interaction-action-label';

/** The customer-facing progress of an interaction: only history entries marked visible to the customer. */
export function IntakeTimeline({
  entries: refs,
  timeZone,
}: {
  entries: readonly FragmentType<typeof IntakeTimelineFieldsFragment>[];
  timeZone: string;
}) {
  const entries = getFragmentData(IntakeTimelineFieldsFragment, refs);
  const activity = useActivityText();
  const actionLabel = useInteractionActionLabel();
  return (
    <ol className="space-y-3 border-l-2 border-blue-200 pl-4" data-testid="intake-timeline">
      {entries.map((entry) => (
        <li key={entry.id} className="relative">
          <span aria-hidden className="absolute -left-[1.4rem] top-1.5 size-2.5 rounded-full bg-blue-600" />
          <p className="text-sm font-medium text-slate-800">
            {actionLabel(entry.action)}
            {entry.message && (
              <span className="ml-2 font-normal text-slate-700">{activity.message(entry.message)}</span>
            )}
            {entry.comment && <span className="ml-2 font-normal text-slate-700">{entry.comment}</span>}
          </p>
          <p className="text-xs text-slate-500">{formatDateTime(entry.createdAt, timeZone)}</p>
        </li>
      ))}
    </ol>
  );
}
