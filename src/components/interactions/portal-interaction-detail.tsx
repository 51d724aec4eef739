'use client';
import { useTranslations } from 'next-intl';
import { detailIfSet } from '@/components/ui/detail-item';
import { formatDateTime } from '@/lib/format';
import { InteractionDetailColumns, InteractionDetailFrame, InteractionRefs } from './interaction-detail-frame';
import { IntakeTimeline } from './intake-timeline';
import { IntakePortalDetailQuery } from './interaction-screen-operations';
import { ResolutionResponse } from './resolution-response';
import { IntakeRespondToResolutionMutation } from './intake-operations';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/**
 * One of the customer's interactions: what they wrote, the files, the customer-facing timeline, and their answer to a
 * resolution. Another organisation's record answers null from the server (never FORBIDDEN), shown as "not found".
 */
export function PortalInteractionDetail({ id }: { id: string }) {
  const t = useTranslations('intake');
  const timeZone = useDisplayTimeZone();
  // The detail and the list re-read the record (its status and feedback) once the answer is in.
  const respond = useGqlMutation(IntakeRespondToResolutionMutation, { invalidates: ['Intake'] });
  return (
    <InteractionDetailFrame backHref="/portal/interactions" document={IntakePortalDetailQuery} id={id}>
      {(interaction) => (
        <>
          <ResolutionResponse
            send={(answer) => respond.mutateAsync({ id: interaction.id, version: interaction.version, ...answer })}
            record={{
              type: interaction.type,
              status: interaction.status,
              customerFeedback: interaction.customerFeedback ?? null,
              customerFeedbackComment: interaction.customerFeedbackComment ?? null,
            }}
          />
          <InteractionDetailColumns
            attachments={interaction.attachments}
            sideTitle={t('detail.timeline')}
            side={<IntakeTimeline entries={interaction.timeline} timeZone={timeZone} />}
          >
            <dl className="grid gap-4">
              {detailIfSet(t('detail.description'), interaction.description)}
              {detailIfSet(t('detail.desiredOutcome'), interaction.desiredOutcome)}
              <InteractionRefs interaction={interaction} />
              {detailIfSet(t('detail.channel'), t(`channel.${interaction.channel}`))}
              {detailIfSet(t('detail.createdAt'), formatDateTime(interaction.createdAt, timeZone))}
            </dl>
          </InteractionDetailColumns>
        </>
      )}
    </InteractionDetailFrame>
  );
}
