import { ComplaintMonthlyReport } from '@/components/reports/complaint-monthly-report';
import { monthOf } from '@/graphql/reports/report.rules';
import { TIME_ZONE } from '@/i18n/config';
import { now } from '@/server/clock';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('reports.complaints', 'title');

/** 月度投诉汇总与分析: ?month=YYYY-MM, the current month (in the company's zone, by the application clock) by default. */
export default staffPage({ permission: 'reports:read' }, ({ searchParams }) => {
  const currentMonth = monthOf(now(), TIME_ZONE);
  const month = typeof searchParams.month === 'string' && searchParams.month ? searchParams.month : currentMonth;
  // Keyed by month: navigating to another month starts the report afresh.
  return <ComplaintMonthlyReport key={month} month={month} currentMonth={currentMonth} />;
});
