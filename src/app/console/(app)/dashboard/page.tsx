import { KpiDashboardScreen } from '@/components/kpi-dashboard/kpi-dashboard';
import { periodOf } from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { TIME_ZONE } from '@/i18n/config';
import { now } from '@/server/clock';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('kpiDashboard', 'title');

/** KPI dashboard: ?period=2026-11|2026-Q4|2026 (the running month by default) and the drill-down filters. */
export default staffPage({ permission: 'reports:read' }, ({ searchParams }) => {
  const period =
    typeof searchParams.period === 'string' && searchParams.period
      ? searchParams.period
      : periodOf(now(), 'MONTH', TIME_ZONE).period;
  const search = new URLSearchParams(
    Object.entries(searchParams).flatMap(([k, v]) => (typeof v === 'string' && k !== 'period' ? [[k, v]] : [])),
  ).toString();
  return <KpiDashboardScreen key={`${period}?${search}`} period={period} search={search} />;
});
