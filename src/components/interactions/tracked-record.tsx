'use client';
import { useTranslations } from 'next-intl';
import { getFragmentData, type FragmentType } from '@/gql';
import { formatDateTime } from '@/lib/format';
import { IntakeTimeline } from './intake-timeline';
import { TrackedRecordFieldsFragment } from './intake-operations';
import { ResolutionResponse } from './resolution-response';

/**
 * A record as a visitor sees it, on /track and behind the mail's confirmation link: number, status, the timeline, and
 * — while its resolution awaits them — accept or dispute, recorded by `send`.
 */
export function TrackedRecord({
  record: ref,
  timeZone,
  send,
}: {
  record: FragmentType<typeof TrackedRecordFieldsFragment>;
  timeZone: string;
  send: (answer: { accepted: boolean; comment: string | null }) => Promise<unknown>;
}) {
  const t = useTranslations('intake');
  const record = getFragmentData(TrackedRecordFieldsFragment, ref);
  return (
    <section
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      data-testid="track-result"
      aria-live="polite"
    >
      <div>
        <p className="font-mono text-xl font-bold">{record.number}</p>
        <p className="mt-1 text-sm text-slate-700">
          {t(`type.${record.type}`)} · {record.subject}
        </p>
        <p className="mt-3 text-sm">
          {t('detail.status')}：
          <span className="rounded bg-blue-50 px-2 py-0.5 font-medium text-blue-800" data-testid="track-status">
            {t(`status.${record.status}`)}
          </span>
          <span className="ml-3 text-xs text-slate-500">{formatDateTime(record.createdAt, timeZone)}</span>
        </p>
      </div>
      {(record.awaitingResponse || record.customerFeedback) && (
        <ResolutionResponse
          send={send}
          record={{
            type: record.type,
            status: record.status,
            customerFeedback: record.customerFeedback ?? null,
            customerFeedbackComment: null,
          }}
        />
      )}
      <div>
        <h2 className="mb-2 text-sm font-semibold text-slate-800">{t('detail.timeline')}</h2>
        <IntakeTimeline entries={record.timeline} timeZone={timeZone} />
      </div>
    </section>
  );
}
