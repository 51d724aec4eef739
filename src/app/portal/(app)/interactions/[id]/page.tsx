import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { getInteraction } from '@/graphql/interactions/interaction.service';
import { createLoaders } from '@/graphql/loaders';
import { IntakeTimeline } from '@/components/interactions/intake-timeline';
import { formatDateTime } from '@/lib/format';
import { requireCustomerPage } from '@/server/auth/session';
import { orNotFoundPage } from '@/server/errors';
import { detailIfSet } from '@/components/ui/detail-item';
import { ResolutionResponse } from '@/components/interactions/resolution-response';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('list.title')} · ${tc('appName')}` };
}

export default async function PortalInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await requireCustomerPage();
  const [{ id }, t, timeZone] = await Promise.all([params, getTranslations('intake'), getTimeZone()]);
  // getInteraction scopes by viewer.customerId: another organisation's record is NOT_FOUND, shown as a 404.
  const interaction = await orNotFoundPage(getInteraction(viewer, id), notFound);
  const loaders = createLoaders();
  const [timeline, attachments, contract] = await Promise.all([
    loaders.timelineByInteraction.load(interaction.id),
    loaders.attachmentsByInteraction.load(interaction.id),
    interaction.relatedContractId ? loaders.contractById.load(interaction.relatedContractId) : null,
  ]);

  return (
    <div className="space-y-6">
      <Link href="/portal/interactions" className="text-sm text-blue-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      <header>
        <p className="font-mono text-2xl font-bold" data-testid="interaction-number">
          {interaction.number}
        </p>
        <h1 className="mt-1 text-lg font-semibold">
          {t(`type.${interaction.type}`)} · {interaction.subject}
        </h1>
        <p className="mt-2 text-sm">
          {t('detail.status')}：
          <span className="rounded bg-blue-50 px-2 py-0.5 font-medium text-blue-800" data-testid="interaction-status">
            {t(`status.${interaction.status}`)}
          </span>
        </p>
      </header>
      <ResolutionResponse
        record={{
          id: interaction.id,
          version: interaction.version,
          type: interaction.type,
          status: interaction.status,
          customerFeedback: interaction.customerFeedback,
          customerFeedbackComment: interaction.customerFeedbackComment,
        }}
      />
      <div className="grid gap-6 md:grid-cols-[2fr_1fr]">
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <dl className="grid gap-4">
            {detailIfSet(t('detail.description'), interaction.description)}
            {detailIfSet(t('detail.desiredOutcome'), interaction.desiredOutcome)}
            {detailIfSet(
              t('detail.relatedContract'),
              contract ? `${contract.contractNo}${contract.title ? ` · ${contract.title}` : ''}` : null,
            )}
            {detailIfSet(t('detail.productRef'), interaction.productRef)}
            {detailIfSet(t('detail.orderRef'), interaction.orderRef)}
            {detailIfSet(t('detail.channel'), t(`channel.${interaction.channel}`))}
            {detailIfSet(t('detail.createdAt'), formatDateTime(interaction.createdAt.toISOString(), timeZone))}
          </dl>
          <h2 className="mt-6 mb-2 text-sm font-semibold">{t('detail.attachments')}</h2>
          {attachments.length === 0 ? (
            <p className="text-sm text-slate-500">{t('detail.noAttachments')}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {attachments.map((a) => (
                <li key={a.id}>
                  <a
                    className="text-blue-700 hover:underline"
                    href={`/api/interactions/${interaction.id}/attachments/${a.id}`}
                  >
                    {a.fileName}
                  </a>
                  <span className="ml-2 text-xs text-slate-500">{(a.sizeBytes / 1024).toFixed(0)} KB</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="mb-3 text-sm font-semibold">{t('detail.timeline')}</h2>
          <IntakeTimeline
            entries={timeline.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() }))}
            timeZone={timeZone}
          />
        </section>
      </div>
    </div>
  );
}
