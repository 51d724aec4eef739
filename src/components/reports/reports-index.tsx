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
        <ReportCard id="complaints" href="/console/reports/complaints" />
        <ReportCard id="periodic" href="/console/reports/periodic" />
      </div>
      <p className="text-sm text-slate-500" data-testid="reports-only-one">
        {t('onlyOne')}
      </p>
    </div>
  );
}

async function ReportCard({ id, href }: { id: 'complaints' | 'periodic'; href: string }) {
  const t = await getTranslations('reports.index');
  return (
    <article
      className="flex flex-col rounded-lg border border-slate-200 bg-white p-5"
      data-testid={`report-card-${id}`}
    >
      <h2 className="text-base font-semibold">{t(`${id}.title`)}</h2>
      <p className="mt-2 flex-1 text-sm text-slate-600">{t(`${id}.body`)}</p>
      <div className="mt-4">
        <Link href={href} className={buttonClass.primary}>
          {t(`${id}.open`)}
        </Link>
      </div>
    </article>
  );
}
