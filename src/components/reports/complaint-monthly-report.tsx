'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { getFragmentData } from '@/gql';
import type { ReportComplaintMonthlySummaryQuery } from '@/gql/graphql';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { parseMonth, shiftMonth } from '@/graphql/reports/report.rules';
import { formatDateTime } from '@/lib/format';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { ChartCard, ComparisonBarChart, CountBarChart, SharePieChart } from './report-charts';
import {
  ReportComplaintMonthlySummaryQuery as SummaryQuery,
  ReportDepartmentCountFieldsFragment,
} from './report-operations';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

type Summary = ReportComplaintMonthlySummaryQuery['complaintMonthlySummary'];
const EXPORTS = ['csv', 'xlsx', 'pdf'] as const;
type FocusItem = Summary['improvementFocus'][number];

export const percent = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)}%`;
export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * 月度投诉汇总与分析 in the console: the month in the URL (?month=YYYY-MM, prev/next and a picker), KPI tiles, charts
 * where a comparison is easier seen, the tables, the improvement focus and the three downloads. The figures and their
 * definitions are the server's (src/graphql/reports/report.rules.ts).
 */
export function ComplaintMonthlyReport({ month, currentMonth }: { month: string; currentMonth: string }) {
  const t = useTranslations('reports.complaints');
  const format = useFormatter();
  const router = useRouter();
  const timeZone = useDisplayTimeZone();
  const valid = parseMonth(month) !== null;
  const data = useGqlQuery(SummaryQuery, { month }, { enabled: valid });

  const monthName = (value: string) => {
    const parsed = parseMonth(value);
    return parsed
      ? format.dateTime(new Date(Date.UTC(parsed.year, parsed.month - 1, 15)), {
          year: 'numeric',
          month: 'long',
          timeZone: 'UTC',
        })
      : value;
  };
  const go = (target: string) => router.push(`/console/reports/complaints?month=${target}`);
  const exportHref = (kind: (typeof EXPORTS)[number]) =>
    `/api/reports/complaints?month=${encodeURIComponent(month)}&format=${kind}`;

  return (
    <div className="space-y-6" data-testid="complaint-monthly-report" data-month={month}>
      <Link href="/console/reports" className="text-sm text-blue-700 hover:underline">
        ← {t('back')}
      </Link>
      <PageHeader title={t('title')} subtitle={valid ? t('subtitle', { month: monthName(month) }) : undefined}>
        {valid && (
          <>
            <span className="text-sm text-slate-600">{t('export.label')}</span>
            {EXPORTS.map((kind) => (
              <a
                key={kind}
                className={buttonClass.secondary}
                href={exportHref(kind)}
                // The workbooks download; the PDF opens in the browser's viewer.
                {...(kind === 'pdf' ? { target: '_blank', rel: 'noopener' } : { download: true })}
                data-testid={`export-${kind}`}
              >
                {t(`export.${kind}`)}
              </a>
            ))}
          </>
        )}
      </PageHeader>

      <nav className="flex flex-wrap items-center gap-2" aria-label={t('month')}>
        {valid && (
          <Link
            className={buttonClass.secondary}
            href={`/console/reports/complaints?month=${shiftMonth(month, -1)}`}
            data-testid="month-previous"
          >
            ← {t('previousMonth')}
          </Link>
        )}
        <label className="w-44 text-sm">
          <span className="sr-only">{t('month')}</span>
          <input
            type="month"
            className={inputClass}
            value={valid ? month : ''}
            max={currentMonth}
            onChange={(event) => parseMonth(event.target.value) && go(event.target.value)}
            data-testid="month-picker"
          />
        </label>
        {valid && month < currentMonth && (
          <Link
            className={buttonClass.secondary}
            href={`/console/reports/complaints?month=${shiftMonth(month, 1)}`}
            data-testid="month-next"
          >
            {t('nextMonth')} →
          </Link>
        )}
        {month !== currentMonth && (
          <Link className={buttonClass.link} href={`/console/reports/complaints?month=${currentMonth}`}>
            {t('currentMonth')}
          </Link>
        )}
      </nav>

      {!valid ? (
        <ErrorBanner message={t('badMonth', { month })} testId="report-bad-month" />
      ) : data.error && !data.data ? (
        <ErrorBanner
          message={gqlErrorMessage(data.error, (kind) => t(`errors.${kind}`))}
          onRetry={() => void data.refetch()}
          testId="report-error"
        />
      ) : !data.data || data.data.complaintMonthlySummary.month !== month ? (
        <Spinner label={t('loading')} />
      ) : (
        <SummaryView summary={data.data.complaintMonthlySummary} timeZone={timeZone} />
      )}
    </div>
  );
}

function Tile({
  label,
  value,
  hint,
  testId,
  tone = 'plain',
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
  tone?: 'plain' | 'alert';
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p
        className={`mt-1 text-2xl font-semibold ${tone === 'alert' ? 'text-red-700' : 'text-slate-900'}`}
        data-testid={`${testId}-value`}
      >
        {value}
      </p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** A column of a report table; numeric ones are right-aligned with figures of equal width. */
type ReportColumn<Row> = { id: string; header: string; cell: (row: Row) => React.ReactNode; numeric?: boolean };

/** A column of a count the rows carry as `field` (its id too, unless given). */
function countColumn<Field extends string>(
  field: Field,
  header: string,
  id: string = field,
): ReportColumn<Record<Field, number>> {
  return { id, header, cell: (row) => row[field], numeric: true };
}

/** A row counted this month and last month. */
type Compared = { count: number; previousCount: number };

/** One table of the report in its box, on the console's DataTable (cards on a phone, the same empty state). */
function ReportTable<Row>({
  title,
  columns,
  rows,
  empty,
  testId,
}: {
  title: string;
  columns: readonly ReportColumn<Row>[];
  rows: readonly Row[];
  /** What the table says when it has no rows; "nothing this month" unless a table words it itself. */
  empty?: string;
  testId: string;
}) {
  const t = useTranslations('reports.complaints');
  const shown: Column<Row>[] = columns.map(({ numeric, ...c }) => ({
    ...c,
    className: numeric ? 'text-right tabular-nums' : undefined,
  }));
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      <DataTable
        columns={shown}
        rows={rows}
        rowKey={(row) => String(rows.indexOf(row))}
        state={{ loading: false }}
        empty={empty ?? t('tables.empty')}
        caption={title}
      />
    </section>
  );
}

export function SummaryView({ summary: s, timeZone }: { summary: Summary; timeZone: string }) {
  const t = useTranslations('reports.complaints');
  const tc = useTranslations('complaints');
  const ti = useTranslations('intake');
  const severity = (v: string | null | undefined) => (v ? tc(`severity.${v}`) : t('none.triage'));
  const cause = (v: string | null | undefined) => (v ? tc(`causeClass.${v}`) : t('none.triage'));
  const department = (name: string | null | undefined) => name ?? t('none.department');
  const hours = (value: number | null | undefined) =>
    value === null || value === undefined ? t('kpi.none') : t('kpi.hours', { hours: value.toFixed(1) });
  const change = (count: number, previous: number) =>
    `${signed(count - previous)}${previous > 0 ? ` (${signed(Math.round(((count - previous) / previous) * 1000) / 10)}%)` : ''}`;
  const legend = { thisMonth: t('charts.thisMonth'), lastMonth: t('charts.lastMonth') };
  const departments = getFragmentData(ReportDepartmentCountFieldsFragment, s.byDepartment);
  /** This month against last month: the columns of a table and the bars of a chart. */
  const comparisonColumns: ReportColumn<Compared>[] = [
    countColumn('count', t('tables.thisMonth')),
    countColumn('previousCount', t('tables.lastMonth'), 'previous'),
    { id: 'change', header: t('tables.change'), cell: (r) => change(r.count, r.previousCount), numeric: true },
  ];
  /** Columns several tables share: a row's cause class, its department. */
  const causeColumn: ReportColumn<{ causeClass: string | null }> = {
    id: 'cause',
    header: t('tables.causeClass'),
    cell: (r) => cause(r.causeClass),
  };
  const departmentColumn = (id: string): ReportColumn<{ departmentName: string | null }> => ({
    id,
    header: t('tables.departmentName'),
    cell: (r) => department(r.departmentName),
  });
  const comparisonBars = <Row extends Compared>(rows: readonly Row[], name: (row: Row) => string) =>
    rows.map((r) => ({ name: name(r), thisMonth: r.count, lastMonth: r.previousCount }));
  const focusText = (f: FocusItem) =>
    t(`focus.${f.kind}`, {
      cause: cause(f.causeClass),
      department: department(f.departmentName),
      product: f.productRef ?? '',
      customer: f.customerName ?? t('none.customer'),
    });

  const asOf = (
    <p className="text-xs text-slate-500" data-testid="report-as-of">
      {t('asOf', { asOf: formatDateTime(String(s.asOf), timeZone) })}
    </p>
  );

  if (s.total === 0) {
    return (
      <div className="space-y-3">
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center"
          data-testid="report-empty"
        >
          <p className="text-base font-medium">{t('empty.title')}</p>
          <p className="mt-1 text-sm text-slate-500">
            {s.intakeTotal > 0 ? t('empty.intake', { count: s.intakeTotal }) : t('empty.noIntake')}
          </p>
        </div>
        {asOf}
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Tile
          testId="kpi-total"
          label={t('kpi.total')}
          value={String(s.total)}
          hint={
            s.previous.total > 0
              ? t('kpi.change', { change: change(s.total, s.previous.total) })
              : t('kpi.previous', { count: s.previous.total })
          }
        />
        <Tile
          testId="kpi-rate"
          label={t('kpi.complaintRate')}
          value={percent(s.complaintRate)}
          hint={t('kpi.complaintRateHint', { intake: s.intakeTotal })}
        />
        <Tile
          testId="kpi-open"
          label={t('kpi.open')}
          value={String(s.statusGroups.open)}
          hint={t('kpi.openHint', {
            resolved: s.statusGroups.resolved,
            closed: s.statusGroups.closed,
            rejected: s.statusGroups.rejected,
          })}
        />
        <Tile
          testId="kpi-overdue"
          label={t('kpi.overdue')}
          value={String(s.overdue)}
          hint={t('kpi.overdueHint')}
          tone={s.overdue > 0 ? 'alert' : 'plain'}
        />
        <Tile
          testId="kpi-on-time"
          label={t('kpi.onTime')}
          value={percent(s.onTimeResolutionRate)}
          hint={t('kpi.onTimeHint', { onTime: s.resolvedOnTime, late: s.resolvedLate, overdue: s.overdue })}
        />
        <Tile
          testId="kpi-to-resolve"
          label={t('kpi.toResolve')}
          value={hours(s.averageBusinessHours.toResolve)}
          hint={t('kpi.durationsHint', {
            triage: hours(s.averageBusinessHours.toTriage),
            close: hours(s.averageBusinessHours.toClose),
          })}
        />
        <Tile
          testId="kpi-repeat"
          label={t('kpi.repeat')}
          value={String(s.repeatComplaints)}
          hint={t('kpi.repeatHint')}
        />
        <Tile
          testId="kpi-callbacks"
          label={t('kpi.callbacks')}
          value={percent(s.callbacks.completionRate)}
          hint={t('kpi.callbacksHint', { done: s.callbacks.done, due: s.callbacks.due, overdue: s.callbacks.overdue })}
        />
      </div>
      {asOf}

      <div className="grid gap-4 lg:grid-cols-2">
        <ChartCard title={t('charts.severity')} testId="chart-severity">
          <ComparisonBarChart rows={comparisonBars(s.bySeverity, (r) => severity(r.severity))} labels={legend} />
        </ChartCard>
        <ChartCard title={t('charts.intake')} testId="chart-intake">
          <SharePieChart slices={s.intake.map((r) => ({ name: ti(`type.${r.type}`), value: r.count }))} />
        </ChartCard>
        <ChartCard title={t('charts.department')} testId="chart-department">
          <ComparisonBarChart
            layout="vertical"
            rows={comparisonBars(departments, (r) => department(r.departmentName))}
            labels={legend}
          />
        </ChartCard>
        <ChartCard title={t('charts.products')} testId="chart-products">
          {s.topProducts.length ? (
            <CountBarChart
              rows={s.topProducts.map((p) => ({ name: p.productRef, count: p.count }))}
              label={t('tables.count')}
            />
          ) : (
            <p className="text-sm text-slate-500">{t('charts.noProducts')}</p>
          )}
        </ChartCard>
      </div>

      <section className="rounded-lg border border-amber-200 bg-amber-50 p-4" data-testid="report-focus">
        <h2 className="text-sm font-semibold text-amber-900">{t('focus.title')}</h2>
        <p className="mt-1 text-xs text-amber-800">{t('focus.hint')}</p>
        {s.improvementFocus.length === 0 ? (
          <p className="mt-2 text-sm text-amber-900">{t('focus.empty')}</p>
        ) : (
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm text-amber-950">
            {s.improvementFocus.map((f, i) => (
              <li key={i}>
                <span className="font-medium">{focusText(f)}</span>
                <span className="ml-2 text-amber-800">
                  {t('focus.count', { count: f.count, share: percent(f.share) })}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <ReportTable
          testId="table-departments"
          title={t('tables.department')}
          columns={[
            departmentColumn('name'),
            ...comparisonColumns,
            countColumn('open', t('tables.open')),
            countColumn('overdue', t('tables.overdue')),
          ]}
          rows={departments}
        />
        <ReportTable
          testId="table-cause-class"
          title={t('tables.causeClass')}
          columns={[causeColumn, ...comparisonColumns]}
          rows={s.byCauseClass}
        />
        <ReportTable
          testId="table-causes"
          title={t('tables.causes')}
          columns={[causeColumn, departmentColumn('department'), countColumn('count', t('tables.count'))]}
          rows={s.topCauses}
        />
        <ReportTable
          testId="table-repeat-customers"
          title={t('tables.repeatCustomers')}
          columns={[
            { id: 'customer', header: t('tables.customer'), cell: (r) => r.customerName ?? t('none.customer') },
            countColumn('complaints', t('tables.complaints')),
            countColumn('repeats', t('tables.repeats')),
            countColumn('inWindow', t('tables.inWindow')),
          ]}
          rows={s.repeatCustomers}
          empty={t('tables.noRepeats')}
        />
      </div>
      <ReportTable
        testId="table-root-causes"
        title={t('tables.rootCauses')}
        columns={[
          { id: 'number', header: t('tables.number'), cell: (r) => <span className="font-mono">{r.number}</span> },
          { id: 'occurrence', header: t('tables.occurrence'), cell: (r) => r.occurrence ?? '—' },
          { id: 'outflow', header: t('tables.outflow'), cell: (r) => r.outflow ?? '—' },
        ]}
        rows={s.rootCauses}
        empty={t('tables.noRootCauses')}
      />
    </div>
  );
}
