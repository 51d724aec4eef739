'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';
import { periodOf } from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { KpiTilesQuery } from './kpi-dashboard-operations';

/** The 工作台's KPI tiles (reports:read): this month's complaints, overdue now, on-time resolution, repeats. */
export function KpiTiles() {
  const t = useTranslations('kpiDashboard');
  const period = periodOf(new Date(), 'MONTH', 'Asia/Shanghai').period;
  const data = useGqlQuery(KpiTilesQuery, { period });
  const d = data.data?.kpiDashboard;
  const rate = d?.resolutionOnTime.current.rate;
  const tiles = [
    { key: 'total', label: t('tile.total'), value: d ? String(d.total.current) : '—' },
    { key: 'overdue', label: t('tile.overdueNow'), value: d ? String(d.overdueNow) : '—' },
    {
      key: 'onTime',
      label: t('tile.resolutionOnTime'),
      value: rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`,
    },
    { key: 'repeats', label: t('tile.repeats'), value: d ? String(d.repeatComplaints.current) : '—' },
  ];
  return (
    <section className="space-y-2" data-testid="dashboard-kpi">
      <div className="flex items-baseline justify-between">
        <h2 className="text-base font-semibold">
          {t('title')} · {period}
        </h2>
        <Link href="/console/dashboard" className={buttonClass.link}>
          {t('open')}
        </Link>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {tiles.map((tile) => (
          <Link
            key={tile.key}
            href={`/console/dashboard?period=${period}`}
            className="block rounded-lg border border-slate-200 bg-white p-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700"
            data-testid={`dashboard-kpi-${tile.key}`}
          >
            <span className="block text-xs font-medium">{tile.label}</span>
            <span className="mt-1 block text-2xl font-semibold tabular-nums">{tile.value}</span>
          </Link>
        ))}
      </div>
    </section>
  );
}
