'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { detailIfSet } from '@/components/ui/detail-item';
import { formatDateTime } from '@/lib/format';
import { InteractionDetailColumns, InteractionDetailFrame, InteractionRefs } from './interaction-detail-frame';
import { ConvertToComplaintButton } from './convert-button';
import { IntakeConsoleDetailQuery } from './interaction-screen-operations';
import { useInteractionActionLabel } from './interaction-action-label';
import { HistoryEntryBody } from '@/components/ui/history-entry-body';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { pickedCustomer, SourceWorkOrdersPanel } from '@/components/work-orders/dispatch-work-order';

/**
 * An interaction for staff: every field, attachments, the full history, 转为投诉 for non-complaints, and the work
 * orders dispatched from it (派工 for a dispatcher).
 */
export function ConsoleInteractionDetail({
  id,
  canWrite,
  workOrders = { read: false, dispatch: false },
}: {
  id: string;
  canWrite: boolean;
  workOrders?: { read: boolean; dispatch: boolean };
}) {
  const t = useTranslations('intake');
  const timeZone = useDisplayTimeZone();
  const actionLabel = useInteractionActionLabel();
  return (
    <InteractionDetailFrame
      backHref="/console/interactions"
      document={IntakeConsoleDetailQuery}
      id={id}
      actions={(interaction) =>
        interaction.type !== 'COMPLAINT' &&
        !interaction.derivedInteractions.some((d) => d.type === 'COMPLAINT') &&
        canWrite && <ConvertToComplaintButton id={interaction.id} version={interaction.version} />
      }
    >
      {(interaction) => (
        <InteractionDetailColumns
          attachments={interaction.attachments}
          sideTitle={t('console.detail.history')}
          side={
            <ol className="space-y-3 text-sm" data-testid="interaction-history">
              {interaction.history.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="font-medium">
                    {actionLabel(h.action)}
                    {h.toState && (
                      <span className="ml-2 text-slate-600">
                        → {t.has(`status.${h.toState}`) ? t(`status.${h.toState}`) : h.toState}
                      </span>
                    )}
                    {h.visibleToCustomer && (
                      <span className="ml-2 rounded bg-green-50 px-1.5 text-[11px] text-green-800">
                        {t('console.detail.customerVisible')}
                      </span>
                    )}
                  </p>
                  <HistoryEntryBody entry={h} timeZone={timeZone} />
                </li>
              ))}
            </ol>
          }
        >
          <dl className="grid gap-4 sm:grid-cols-2">
            {detailIfSet(t('detail.channel'), t(`channel.${interaction.channel}`))}
            {detailIfSet(t('detail.createdAt'), formatDateTime(interaction.createdAt, timeZone))}
            {detailIfSet(
              t('console.list.customer'),
              interaction.customer ? (
                <Link className="text-blue-700 hover:underline" href={`/console/customers/${interaction.customer.id}`}>
                  {interaction.companyName ?? interaction.customer.name}
                </Link>
              ) : (
                interaction.companyName
              ),
            )}
            {detailIfSet(t('form.contactName'), interaction.contactName)}
            {detailIfSet(t('form.contactPhone'), interaction.contactPhone)}
            {detailIfSet(t('form.contactEmail'), interaction.contactEmail)}
            <InteractionRefs interaction={interaction} />
            {detailIfSet(
              t('console.detail.source'),
              interaction.sourceInteraction ? (
                <Link
                  className="text-blue-700 hover:underline"
                  href={`/console/interactions/${interaction.sourceInteraction.id}`}
                >
                  {interaction.sourceInteraction.number}
                </Link>
              ) : null,
            )}
            {detailIfSet(
              t('console.detail.derived'),
              interaction.derivedInteractions.length ? (
                <span className="flex gap-2">
                  {interaction.derivedInteractions.map((d) => (
                    <Link key={d.id} className="text-blue-700 hover:underline" href={`/console/interactions/${d.id}`}>
                      {d.number}
                    </Link>
                  ))}
                </span>
              ) : null,
            )}
          </dl>
          <dl className="mt-4 grid gap-4">
            {detailIfSet(t('detail.description'), interaction.description)}
            {detailIfSet(t('detail.desiredOutcome'), interaction.desiredOutcome)}
          </dl>
          {workOrders.read && (
            <div className="mt-4">
              <SourceWorkOrdersPanel
                interactionId={interaction.id}
                customer={pickedCustomer(interaction.customer)}
                description={interaction.description}
                canDispatch={workOrders.dispatch}
              />
            </div>
          )}
        </InteractionDetailColumns>
      )}
    </InteractionDetailFrame>
  );
}
