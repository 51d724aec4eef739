import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NoPermission } from '@/components/admin/no-permission';
import { ComplaintMonthlyReport } from '@/components/reports/complaint-monthly-report';
import { monthOf } from '@/graphql/reports/report.rules';
import { TIME_ZONE } from '@/i18n/config';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { now } from '@/server/clock';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('reports.complaints'), getTranslations('common')]);
  return { title: `${t('title')} · ${tc('appName')}` };
}

/** 月度投诉汇总与分析: ?month=YYYY-MM, the current month (in the company's zone, by the application clock) by default. */
export default async function ComplaintMonthlyReportPage({
  searchParams,
}: {
  searchParams: Promise<{ month?: string | string[] }>;
}) {
  const [{ viewer }, params] = await Promise.all([requireStaffPage(), searchParams]);
  if (!ROLE_PERMISSIONS[viewer.role].includes('interactions:read')) return <NoPermission />;
  const currentMonth = monthOf(now(), TIME_ZONE);
  const month = typeof params.month === 'string' && params.month ? params.month : currentMonth;
  // Keyed by month: navigating to another month starts the report afresh.
  return <ComplaintMonthlyReport key={month} month={month} currentMonth={currentMonth} />;
}
