import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';

/**
 * The reports index: one card per report that exists — the monthly complaint summary and the monthly, quarterly
 * and annual complaint & service reports (with their subscriptions).
 */
export async function ReportsIndex() {
  const t = await getTranslations('reports.index');
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <article
          className="flex flex-col rounded-lg border border-slate-200 bg-white p-5"
          data-testid="report-card-complaints"
        >
          <h2 className="text-base font-semibold">{t('complaints.title')}</h2>
          <p className="mt-2 flex-1 text-sm text-slate-600">{t('complaints.body')}</p>
          <div className="mt-4">
            <Link href="/console/reports/complaints" className={buttonClass.primary}>
              {t('complaints.open')}
            </Link>
          </div>
        </article>
        <article
          className="flex flex-col rounded-lg border border-slate-200 bg-white p-5"
          data-testid="report-card-periodic"
        >
          <h2 className="text-base font-semibold">{t('periodic.title')}</h2>
          <p className="mt-2 flex-1 text-sm text-slate-600">{t('periodic.body')}</p>
          <div className="mt-4">
            <Link href="/console/reports/periodic" className={buttonClass.primary}>
              {t('periodic.open')}
            </Link>
          </div>
        </article>
      </div>
      <p className="text-sm text-slate-500" data-testid="reports-only-one">
        {t('onlyOne')}
      </p>
    </div>
  );
}
