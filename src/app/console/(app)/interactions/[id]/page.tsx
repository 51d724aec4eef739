import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { getInteraction, interactionHistory } from '@/graphql/interactions/interaction.service';
import { createLoaders } from '@/graphql/loaders';
import { ConvertToComplaintButton } from '@/components/interactions/convert-button';
import { formatDateTime } from '@/lib/format';
import { can } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { requireStaffPage } from '@/server/auth/session';
import { orNotFoundPage } from '@/server/errors';
import { detailIfSet } from '@/components/ui/detail-item';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('console.list.title')} · ${tc('appName')}` };
}

/** An interaction for staff: every field, attachments, the full history, and 转为投诉 for non-complaints. */
export default async function ConsoleInteractionPage({ params }: { params: Promise<{ id: string }> }) {
  const { viewer } = await requireStaffPage();
  const [{ id }, t, timeZone] = await Promise.all([params, getTranslations('intake'), getTimeZone()]);
  const interaction = await orNotFoundPage(getInteraction(viewer, id), notFound);
  const loaders = createLoaders();
  const [attachments, history, contract, source, derived] = await Promise.all([
    loaders.attachmentsByInteraction.load(interaction.id),
    interactionHistory(viewer, interaction.id),
    interaction.relatedContractId ? loaders.contractById.load(interaction.relatedContractId) : null,
    interaction.sourceInteractionId ? loaders.interactionById.load(interaction.sourceInteractionId) : null,
    loaders.derivedInteractionsBySource.load(interaction.id),
  ]);
  const actorIds = [...new Set(history.map((h) => h.actorId).filter((a): a is string => !!a))];
  const actors = new Map(
    (await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const hasComplaint = derived.some((d) => d.type === 'COMPLAINT');

  return (
    <div className="space-y-6">
      <Link href="/console/interactions" className="text-sm text-blue-700 hover:underline">
        ← {t('detail.back')}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-2xl font-bold" data-testid="interaction-number">
            {interaction.number}
          </p>
          <h1 className="mt-1 text-lg font-semibold">
            {t(`type.${interaction.type}`)} · {interaction.subject}
          </h1>
          <p className="mt-2 text-sm">
            {t('detail.status')}：
            <span className="rounded bg-blue-50 px-2 py-0.5 font-medium text-blue-800">
              {t(`status.${interaction.status}`)}
            </span>
          </p>
        </div>
        {interaction.type !== 'COMPLAINT' && !hasComplaint && can(viewer, 'interactions:write') && (
          <ConvertToComplaintButton id={interaction.id} version={interaction.version} />
        )}
      </header>
      <div className="grid gap-6 md:grid-cols-[2fr_1fr]">
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <dl className="grid gap-4 sm:grid-cols-2">
            {detailIfSet(t('detail.channel'), t(`channel.${interaction.channel}`))}
            {detailIfSet(t('detail.createdAt'), formatDateTime(interaction.createdAt.toISOString(), timeZone))}
            {detailIfSet(
              t('console.list.customer'),
              interaction.customerId ? (
                <Link className="text-blue-700 hover:underline" href={`/console/customers/${interaction.customerId}`}>
                  {interaction.companyName ?? interaction.customerId}
                </Link>
              ) : (
                interaction.companyName
              ),
            )}
            {detailIfSet(t('form.contactName'), interaction.contactName)}
            {detailIfSet(t('form.contactPhone'), interaction.contactPhone)}
            {detailIfSet(t('form.contactEmail'), interaction.contactEmail)}
            {detailIfSet(
              t('detail.relatedContract'),
              contract ? `${contract.contractNo}${contract.title ? ` · ${contract.title}` : ''}` : null,
            )}
            {detailIfSet(t('detail.productRef'), interaction.productRef)}
            {detailIfSet(t('detail.orderRef'), interaction.orderRef)}
            {detailIfSet(
              t('console.detail.source'),
              source ? (
                <Link className="text-blue-700 hover:underline" href={`/console/interactions/${source.id}`}>
                  {source.number}
                </Link>
              ) : null,
            )}
            {detailIfSet(
              t('console.detail.derived'),
              derived.length ? (
                <span className="flex gap-2">
                  {derived.map((d) => (
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
          <h2 className="mb-3 text-sm font-semibold">{t('console.detail.history')}</h2>
          <ol className="space-y-3 text-sm" data-testid="interaction-history">
            {history.map((h) => (
              <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                <p className="font-medium">
                  {t.has(`action.${h.action}`) ? t(`action.${h.action}`) : h.action}
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
                {h.comment && <p className="text-slate-700">{h.comment}</p>}
                <p className="text-xs text-slate-500">
                  {formatDateTime(h.createdAt.toISOString(), timeZone)} ·{' '}
                  {(h.actorId && actors.get(h.actorId)) ?? h.actorLabel ?? '—'}
                </p>
              </li>
            ))}
          </ol>
        </section>
      </div>
    </div>
  );
}
