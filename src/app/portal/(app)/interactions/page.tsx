import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import { listInteractions } from '@/graphql/interactions/interaction.service';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { formatDateTime } from '@/lib/format';
import { awaitsCustomerFeedback } from '@/components/interactions/resolution';
import { requireCustomerPage } from '@/server/auth/session';
import { EmptyState } from '@/components/ui/status';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('list.title')} · ${tc('appName')}` };
}

const PAGE = 100;

export default async function PortalInteractionsPage() {
  const { viewer } = await requireCustomerPage();
  const [t, timeZone] = await Promise.all([getTranslations('intake'), getTimeZone()]);
  // The service scopes the list to viewer.customerId.
  const page = await listInteractions(viewer, { first: PAGE });
  return (
    <div className="space-y-6">
      <PageHeader title={t('list.title')} subtitle={t('list.subtitle')}>
        <Link href="/portal/interactions/new" className={buttonClass.primary}>
          {t('list.new')}
        </Link>
      </PageHeader>
      {page.rows.length === 0 ? (
        <EmptyState>{t('list.empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="portal-interactions">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{t('list.number')}</th>
                <th className="px-3 py-2">{t('list.type')}</th>
                <th className="px-3 py-2">{t('list.subject')}</th>
                <th className="px-3 py-2">{t('list.status')}</th>
                <th className="px-3 py-2">{t('list.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono">
                    <Link className="text-blue-700 hover:underline" href={`/portal/interactions/${row.id}`}>
                      {row.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t(`type.${row.type}`)}</td>
                  <td className="px-3 py-2">{row.subject}</td>
                  <td className="px-3 py-2">
                    {t(`status.${row.status}`)}
                    {awaitsCustomerFeedback(row) && (
                      <span
                        className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
                        data-testid="awaits-confirmation"
                      >
                        {t('resolution.awaiting')}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-slate-600">{formatDateTime(row.createdAt.toISOString(), timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page.hasNextPage && <p className="text-xs text-slate-500">{t('list.more', { count: PAGE })}</p>}
    </div>
  );
}
