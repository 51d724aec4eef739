'use client';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import { Button } from '@/components/ui/button';
import { Panel, QueryContent } from '@/components/ui/panel';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { ComplaintLink } from '@/components/complaints/complaint-ui';
import { RecordCallbackDialog } from './callback-dialogs';
import { CallbackFieldsFragment } from './callback-operations';
import { CallbackDue, CallbackStatusBadge, useCallbackErrorMessage, type CallbackRow } from './callback-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const CallbacksOfComplaintQuery = graphql(`
  query CallbacksOfComplaint($id: ID!) {
    viewer {
      permissions
    }
    interaction(id: $id) {
      id
      status
      callbacks {
        ...CallbackFields
        accuracyScore
        timelinessScore
        attitudeScore
        otherDissatisfaction
        suggestions
      }
    }
  }
`);

/**
 * The "回访" panel of the complaint workbench: the complaint's callback tasks, with "记录回访" on a pending one. A
 * resolved complaint is followed up by recording its callback (SPEC §4), so this is where the workflow's follow-up
 * step is taken. A workflow step and a recording both invalidate `Callback…` and `Complaint…` queries, so the panel
 * and the workbench follow each other without being told.
 */
export function ComplaintCallbacksPanel({ interactionId }: { interactionId: string }) {
  const t = useTranslations('callbacks');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useCallbackErrorMessage();
  const data = useGqlQuery(CallbacksOfComplaintQuery, { id: interactionId });
  const [recording, setRecording] = useState<CallbackRow | null>(null);

  const loaded = data.data?.interaction?.callbacks;
  // Each callback is the shared CallbackFields plus this panel's own survey answers.
  const callbacks = useMemo(
    () => (loaded ?? []).map((c) => ({ ...c, ...getFragmentData(CallbackFieldsFragment, c) })),
    [loaded],
  );
  // Staff without callbacks:read (department handlers) are shown no panel rather than an empty one.
  if (data.data && !data.data.viewer?.permissions.includes('callbacks:read')) return null;
  const pendingFollowUp =
    data.data?.interaction?.status === 'RESOLVED' &&
    callbacks.some((c) => c.status === 'PENDING' && c.reason === 'POST_RESOLUTION');

  return (
    <Panel title={t('panel.title')} testId="complaint-callbacks">
      <QueryContent
        query={data}
        errorMessage={errorMessage}
        loadingLabel={t('list.loading')}
        empty={callbacks.length === 0 && t('panel.empty')}
      >
        {pendingFollowUp && (
          <p
            className="mb-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="callback-follow-up-hint"
          >
            {t('panel.followUpHint')}
          </p>
        )}
        <ul className="divide-y divide-slate-100 text-sm">
          {callbacks.map((c) => (
            <li
              key={c.id}
              className="flex flex-wrap items-start justify-between gap-3 py-2"
              data-testid="complaint-callback"
            >
              <div className="min-w-0 space-y-0.5">
                <p className="font-medium">
                  {t(`reason.${c.reason}`)} <CallbackStatusBadge status={c.status} testId="complaint-callback-status" />
                  {c.outcome && <span className="ml-2 text-xs text-slate-600">{t(`outcome.${c.outcome}`)}</span>}
                </p>
                <div className="text-xs">
                  <CallbackDue callback={c} />
                </div>
                <p className="text-xs text-slate-600">
                  {t('list.assignee')}：{c.assignee?.name ?? t('list.unassigned')}
                  {c.unreachableAttempts > 0 && (
                    <span className="ml-2 text-amber-800">{t('list.attempts', { count: c.unreachableAttempts })}</span>
                  )}
                </p>
                {c.accuracyScore != null && (
                  <p className="text-xs text-slate-700" data-testid="complaint-callback-scores">
                    {t('panel.scores', {
                      accuracy: c.accuracyScore,
                      timeliness: c.timelinessScore ?? '—',
                      attitude: c.attitudeScore ?? '—',
                    })}
                  </p>
                )}
                {c.otherDissatisfaction && (
                  <p className="text-xs text-slate-700">
                    {t('record.otherDissatisfaction')}：{c.otherDissatisfaction}
                  </p>
                )}
                {c.suggestions && (
                  <p className="text-xs text-slate-700">
                    {t('record.suggestions')}：{c.suggestions}
                  </p>
                )}
                {c.completedBy && c.completedAt && (
                  <p className="text-xs text-slate-500">
                    {t('panel.by', { name: c.completedBy.name, at: formatDateTime(c.completedAt, timeZone) })}
                  </p>
                )}
                {c.resultingInteraction && (
                  <p className="text-xs">
                    {t('panel.resulting')}：
                    <ComplaintLink complaint={c.resultingInteraction} className="font-mono" />
                  </p>
                )}
              </div>
              {c.viewerCanRecord && (
                <Button kind="primary" onClick={() => setRecording(c)} data-testid="complaint-callback-record">
                  {t('actions.record')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      </QueryContent>
      {recording && (
        <RecordCallbackDialog
          open
          callback={recording}
          onClose={() => setRecording(null)}
          onDone={() => setRecording(null)}
        />
      )}
    </Panel>
  );
}
