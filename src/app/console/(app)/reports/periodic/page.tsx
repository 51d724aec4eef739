import { PeriodicReport } from '@/components/reports/periodic-report';
import {
  periodOf,
  REPORT_PERIOD_KINDS,
  shiftPeriod,
  type ReportPeriodKind,
} from '@/graphql/reports/report-period.rules';
import { TIME_ZONE } from '@/i18n/config';
import { now } from '@/server/clock';
import { titledPage } from '@/app/page-metadata';
import { staffPage } from '@/app/console/staff-page';

export const generateMetadata = titledPage('reports.periodic', 'title');

/**
 * 月度/季度/年度投诉与服务报告: ?kind=MONTH|QUARTER|YEAR&period=…; by default the last ended quarter (by the
 * application clock, in the company's zone). reports:read; the subscription panel also manages roles with
 * settings:manage.
 */
export default staffPage({ permission: 'reports:read' }, ({ searchParams, viewer, can }) => {
  const at = now();
  const currentPeriods = Object.fromEntries(REPORT_PERIOD_KINDS.map((k) => [k, periodOf(k, at, TIME_ZONE)])) as Record<
    ReportPeriodKind,
    string
  >;
  const kind = REPORT_PERIOD_KINDS.find((k) => k === searchParams.kind) ?? 'QUARTER';
  const period =
    typeof searchParams.period === 'string' && searchParams.period
      ? searchParams.period
      : shiftPeriod(kind, currentPeriods[kind], -1);
  return (
    <PeriodicReport
      key={`${kind}-${period}`}
      kind={kind}
      period={period}
      currentPeriods={currentPeriods}
      userId={viewer.userId}
      canManage={can('settings:manage')}
    />
  );
});
