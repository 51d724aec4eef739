'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getFragmentData, type FragmentType } from '@/gql';
import type {
  KpiDashboardFilter,
  KpiDashboardQuery as Result,
  KpiKeyCountFieldsFragment as KeyCount,
} from '@/gql/graphql';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { FilterFormInput, FilterFormSelect } from '@/components/ui/filter-form-fields';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import {
  drillDownFilter,
  drillDownOf,
  drillDownSearch,
  pareto,
  periodDays,
  shiftPeriod,
  parsePeriod,
  type DrillDown,
  type PeriodKind,
} from '@/graphql/kpi-dashboard/kpi-dashboard.rules';
import { CAUSE_CLASSES, SEVERITIES_GRAVEST_FIRST } from '@/graphql/complaints/complaint-workflow.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { formatDate, formatDateTime } from '@/lib/format';
import { DrillBarChart, ParetoChart, TrendLineChart, type DrillBar } from './kpi-charts';
import {
  KpiDashboardQuery,
  KpiDurationsFieldsFragment,
  KpiKeyCountFieldsFragment,
  KpiOnTimesFieldsFragment,
} from './kpi-dashboard-operations';

type Dashboard = Result['kpiDashboard'];
type Triple = { current: number | null; previous: number | null; lastYear: number | null };
type KeyAccount = Dashboard['keyAccounts'][number];
type Satisfaction = NonNullable<Dashboard['satisfaction']>[number];
type KeyCountRows = readonly FragmentType<typeof KpiKeyCountFieldsFragment>[];
const TZ = 'Asia/Shanghai';
const KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER', 'YEAR'];

/** The dashboard's filter as the page URL holds it: the drill-down criteria beside `period`. */
export function filterOfSearch(search: string): KpiDashboardFilter {
  const d = drillDownFilter(drillDownOf(new URLSearchParams(search)));
  return {
    departmentId: d.responsibleDepartmentId,
    severity: d.severity?.[0] ?? null,
    causeClass: d.causeClass?.[0] ?? null,
    keyAccount: d.keyAccount,
    customerId: d.customerId,
    province: d.province,
    productRef: d.productRef,
  };
}

const id = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : String(value);

const asDrill = (f: KpiDashboardFilter): DrillDown => ({
  departmentId: id(f.departmentId),
  severity: f.severity,
  causeClass: f.causeClass,
  keyAccount: f.keyAccount,
  customerId: id(f.customerId),
  province: f.province,
  productRef: f.productRef,
});

/** The period of the same kind that holds `period`'s first day, for switching month ↔ quarter ↔ year. */
function periodOfKind(period: string, kind: PeriodKind): string {
  const [year, rest] = period.split('-');
  const month = !rest ? 1 : rest.startsWith('Q') ? (Number(rest.slice(1)) - 1) * 3 + 1 : Number(rest);
  if (kind === 'YEAR') return year!;
  if (kind === 'QUARTER') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function KpiDashboardScreen({ period, search }: { period: string; search: string }) {
  const t = useTranslations('kpiDashboard');
  const tc = useTranslations('complaints');
  const ti = useTranslations('intake');
  const router = useRouter();
  const parsed = parsePeriod(period, TZ);
  const filter = filterOfSearch(search);
  const data = useGqlQuery(KpiDashboardQuery, { period, filter }, { enabled: !!parsed, keepPrevious: true });
  const d = data.data?.kpiDashboard;
  const departments = getFragmentData(KpiKeyCountFieldsFragment, d?.byDepartment ?? []);

  const go = (nextPeriod: string, nextFilter: KpiDashboardFilter = filter) => {
    const params = new URLSearchParams(drillDownSearch(asDrill(nextFilter)));
    params.set('period', nextPeriod);
    router.push(`/console/dashboard?${params.toString()}`, { scroll: false });
  };
  const exportHref = (format: 'csv' | 'xlsx', table?: string) => {
    const params = new URLSearchParams(drillDownSearch(asDrill(filter)));
    params.set('period', period);
    params.set('format', format);
    if (table) params.set('table', table);
    return `/api/kpi-dashboard?${params.toString()}`;
  };

  if (!parsed) return <ErrorBanner message={t('periodInvalid')} />;

  const days = periodDays(parsed, TZ);
  /** The interactions list showing exactly the complaints behind a figure of the chosen period. */
  const drill = (extra: DrillDown = {}, range: { from: string; to: string } = days) =>
    `/console/interactions?${drillDownSearch({ type: 'COMPLAINT', ...range, ...asDrill(filter), ...extra })}`;
  const rangeOf = (p: { from: unknown; to: unknown }) =>
    periodDays({ from: new Date(String(p.from)), to: new Date(String(p.to)) }, TZ);
  const onDrill = (href: string) => router.push(href);
  const labels = d
    ? { current: d.periods.current.period, previous: d.periods.previous.period, lastYear: d.periods.lastYear.period }
    : { current: period, previous: '', lastYear: '' };
  const severityLabel = (k: string | null) => (k ? tc(`severity.${k}`) : t('none'));
  const causeLabel = (k: string | null) => (k ? tc(`causeClass.${k}`) : t('none'));
  /** What every breakdown panel shares: the period names, the drill-down links and the exports. */
  const breakdown = { labels, drill, days, rangeOf, onDrill, exportHref };
  /** The headline figures, each beside the previous period and the same period last year. */
  const tilesOf = (d: Dashboard): TileProps[] => [
    { label: t('tile.total'), value: d.total, href: drill(), testId: 'kpi-total' },
    { label: t('tile.ratePer100'), value: d.ratePer100Customers, digits: 1, hint: t('def.ratePer100') },
    { label: t('tile.ratePerContract'), value: d.ratePerContractVolume, digits: 2, hint: t('def.ratePerContract') },
    {
      label: t('tile.overdueNow'),
      value: { current: d.overdueNow, previous: null, lastYear: null },
      href: `/console/complaints?${overdueSearch(filter)}`,
      testId: 'kpi-overdue',
    },
    { label: t('tile.toTriage'), value: pick(d.toTriage, 'median'), digits: 1, hint: t('def.hours') },
    { label: t('tile.toResolve'), value: pick(d.toResolve, 'median'), digits: 1, hint: t('def.hours') },
    { label: t('tile.toClose'), value: pick(d.toClose, 'median'), digits: 1, hint: t('def.hours') },
    { label: t('tile.repeats'), value: d.repeatComplaints, hint: t('def.repeats') },
    { label: t('tile.triageOnTime'), value: rates(d.triageOnTime), percent: true },
    { label: t('tile.resolutionOnTime'), value: rates(d.resolutionOnTime), percent: true },
    { label: t('tile.callbackOnTime'), value: rates(d.callbackOnTime), percent: true },
    {
      label: t('tile.callbackCompletion'),
      value: triple((p) => d.callbacks[p].completionRate),
      percent: true,
    },
  ];

  const kind = parsed.kind;
  const periodControls = (
    <div className="flex flex-wrap items-center gap-2">
      <SegmentedControl
        label={t('periodKind')}
        values={KINDS}
        value={kind}
        onChange={(k) => go(periodOfKind(period, k))}
        labelOf={(k) => t(`kind.${k}`)}
        testIdOf={(k) => `kpi-kind-${k}`}
      />
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={() => go(shiftPeriod(parsed, -1, TZ).period)}
        data-testid="kpi-previous-period"
      >
        {t('previousPeriod')}
      </button>
      <span className="min-w-20 text-center font-medium tabular-nums" data-testid="kpi-period">
        {parsed.period}
      </span>
      <button
        type="button"
        className={buttonClass.secondary}
        onClick={() => go(shiftPeriod(parsed, 1, TZ).period)}
        data-testid="kpi-next-period"
      >
        {t('nextPeriod')}
      </button>
    </div>
  );

  const applyFilter = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (key: string) => String(form.get(key) ?? '').trim() || null;
    const ka = value('keyAccount');
    go(period, {
      departmentId: value('departmentId'),
      severity: filterOfSearch(`severity=${value('severity') ?? ''}`).severity,
      causeClass: filterOfSearch(`cause=${value('causeClass') ?? ''}`).causeClass,
      keyAccount: ka === '1' ? true : ka === '0' ? false : null,
      customerId: filter.customerId,
      province: value('province'),
      productRef: value('productRef'),
    });
  };

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {periodControls}
      </PageHeader>
      {d ? (
        <p className="text-xs text-slate-500" data-testid="kpi-computed-at">
          {t('computedAt', { time: formatDateTime(d.computedAt, d.timeZone) })}
        </p>
      ) : null}

      <form
        key={search}
        onSubmit={applyFilter}
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-7 sm:items-end"
        data-testid="kpi-filters"
      >
        <FilterFormSelect
          id="kpi-dept"
          name="departmentId"
          label={t('filter.department')}
          anyLabel={t('filter.all')}
          defaultValue={id(filter.departmentId) ?? ''}
          options={departments.flatMap((r) => (r.key ? [{ value: r.key, label: r.label ?? r.key }] : []))}
        />
        <FilterFormSelect
          id="kpi-severity"
          name="severity"
          label={t('filter.severity')}
          anyLabel={t('filter.all')}
          defaultValue={filter.severity ?? ''}
          options={SEVERITIES_GRAVEST_FIRST.map((v) => ({ value: v, label: tc(`severity.${v}`) }))}
        />
        <FilterFormSelect
          id="kpi-cause"
          name="causeClass"
          label={t('filter.causeClass')}
          anyLabel={t('filter.all')}
          defaultValue={filter.causeClass ?? ''}
          options={CAUSE_CLASSES.map((v) => ({ value: v, label: tc(`causeClass.${v}`) }))}
        />
        <FilterFormSelect
          id="kpi-ka"
          name="keyAccount"
          label={t('filter.keyAccount')}
          anyLabel={t('filter.all')}
          defaultValue={
            filter.keyAccount === null || filter.keyAccount === undefined ? '' : filter.keyAccount ? '1' : '0'
          }
          options={[
            { value: '1', label: t('filter.keyAccountOnly') },
            { value: '0', label: t('filter.keyAccountNot') },
          ]}
        />
        <FilterFormInput
          id="kpi-province"
          name="province"
          label={t('filter.province')}
          defaultValue={filter.province ?? ''}
        />
        <FilterFormInput
          id="kpi-product"
          name="productRef"
          label={t('filter.product')}
          defaultValue={filter.productRef ?? ''}
        />
        <div className="flex gap-2">
          <button type="submit" className={buttonClass.primary}>
            {t('filter.apply')}
          </button>
          <Link href={`/console/dashboard?period=${period}`} className={buttonClass.secondary}>
            {t('filter.reset')}
          </Link>
        </div>
      </form>

      {data.error && <ErrorBanner message={gqlErrorMessage(data.error, (kind) => t(`errors.${kind}`))} />}
      {!d && !data.error && <Spinner />}
      {d && (
        <>
          <p className="text-sm text-slate-600">{t('comparedWith', labels)}</p>
          <section className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="kpi-tiles">
            {tilesOf(d).map((tile) => (
              <Tile key={tile.label} {...tile} labels={labels} />
            ))}
          </section>

          <div className="grid gap-4 lg:grid-cols-2">
            <BreakdownPanel
              id="severity"
              title={t('chart.severity')}
              rows={d.bySeverity}
              labelOf={severityLabel}
              criteriaOf={(k) => ({ severity: k })}
              chart={{ kind: 'bars', ranges: d.periods }}
              {...breakdown}
            />
            <BreakdownPanel
              id="cause"
              title={t('chart.causePareto')}
              rows={d.byCauseClass}
              labelOf={causeLabel}
              criteriaOf={(k) => ({ causeClass: k })}
              chart={{ kind: 'pareto' }}
              {...breakdown}
            />
            <BreakdownPanel
              id="department"
              title={t('chart.department')}
              rows={d.byDepartment}
              labelOf={(k) => (k ? (departments.find((r) => r.key === k)?.label ?? k) : t('noDepartment'))}
              criteriaOf={(k) => ({ departmentId: k })}
              chart={{ kind: 'stacked', ranges: d.periods }}
              {...breakdown}
            />
            <BreakdownPanel
              id="product"
              title={t('chart.productPareto')}
              rows={d.byProduct}
              labelOf={(k) => k ?? t('none')}
              criteriaOf={(k) => ({ productRef: k })}
              chart={{ kind: 'pareto', charted: (r) => r.key !== null && r.counts.current > 0 }}
              {...breakdown}
            />
            <Panel
              title={t('chart.month')}
              testId="kpi-chart-month"
              action={<Exports table="month" href={exportHref} />}
            >
              <ChartOrTable
                chart={
                  <TrendLineChart
                    rows={d.byMonth.map((m) => ({ name: m.month, count: m.count }))}
                    series={[{ key: 'count', name: t('chart.count') }]}
                  />
                }
                table={
                  <StaticTable
                    columns={[
                      { id: 'month', header: t('table.month'), cell: (r: { month: string; count: number }) => r.month },
                      {
                        id: 'count',
                        header: t('chart.count'),
                        className: 'text-right tabular-nums',
                        cell: (r) => (
                          <Link className="text-blue-700 underline" href={drill({}, monthDays(r.month))}>
                            {r.count}
                          </Link>
                        ),
                      },
                    ]}
                    rows={d.byMonth}
                    rowKey={(r) => r.month}
                    caption={t('chart.month')}
                  />
                }
              />
            </Panel>
            <BreakdownPanel
              id="type"
              title={t('chart.type')}
              rows={d.byType}
              labelOf={(k) => (k ? ti(`type.${k}`) : t('none'))}
              // All intake of the type: the severity and cause filters are complaints' own.
              criteriaOf={(k) => ({ type: k, severity: null, causeClass: null })}
              chart={{ kind: 'bars', ranges: d.periods }}
              {...breakdown}
            />
            <Panel title={t('chart.satisfaction')} testId="kpi-chart-satisfaction">
              {d.satisfaction === null || d.satisfaction === undefined ? (
                <p className="text-sm text-slate-500">{t('noSurveyAccess')}</p>
              ) : (
                <ChartOrTable
                  chart={
                    <TrendLineChart
                      rows={d.satisfaction.map((s) => ({
                        name: s.periodLabel,
                        index: s.index ?? null,
                        nps: s.nps ?? null,
                      }))}
                      series={[
                        { key: 'index', name: t('chart.index') },
                        { key: 'nps', name: t('chart.nps') },
                      ]}
                    />
                  }
                  table={
                    <StaticTable
                      columns={[
                        {
                          id: 'p',
                          header: t('table.surveyPeriod'),
                          cell: (r: Satisfaction) => r.periodLabel,
                        },
                        figure('n', t('table.responses'), (r: Satisfaction) => r.responses),
                        figure('i', t('chart.index'), (r: Satisfaction) => fixed(r.index ?? null, 1)),
                        figure('nps', t('chart.nps'), (r: Satisfaction) => fixed(r.nps ?? null, 1)),
                      ]}
                      rows={d.satisfaction}
                      rowKey={(r) => r.periodLabel}
                      caption={t('chart.satisfaction')}
                    />
                  }
                />
              )}
            </Panel>
          </div>

          <Panel
            title={t('keyAccounts.title')}
            testId="kpi-key-accounts"
            action={<Exports table="keyAccounts" href={exportHref} />}
          >
            <StaticTable
              columns={[
                {
                  id: 'name',
                  header: t('keyAccounts.customer'),
                  cell: (r: KeyAccount) => (
                    <Link className="text-blue-700 underline" href={`/console/customers/${r.customerId}`}>
                      {r.name || r.customerId}
                    </Link>
                  ),
                },
                {
                  id: 'open',
                  header: t('keyAccounts.open'),
                  className: 'text-right tabular-nums',
                  cell: (r) => (
                    <Link
                      className="text-blue-700 underline"
                      href={`/console/complaints?queue=OPEN&customer=${r.customerId}`}
                    >
                      {r.openComplaints}
                    </Link>
                  ),
                },
                figure('overdue', t('keyAccounts.overdue'), (r: KeyAccount) => r.overdueObligations),
                figure('index', t('keyAccounts.lastIndex'), (r: KeyAccount) => fixed(r.lastIndex ?? null, 1)),
                {
                  id: 'lastVisit',
                  header: t('keyAccounts.lastVisit'),
                  className: 'tabular-nums',
                  cell: (r) => formatDate(r.lastVisitAt, d.timeZone) || '—',
                },
                figure('warrantyCost', t('keyAccounts.warrantyCost'), (r: KeyAccount) => fixed(r.warrantyCost, 2)),
              ]}
              rows={d.keyAccounts}
              rowKey={(r) => r.customerId}
              caption={t('keyAccounts.title')}
            />
          </Panel>

          <Panel title={t('def.title')} testId="kpi-definitions">
            <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
              {(
                ['period', 'ratePer100', 'ratePerContract', 'hours', 'onTime', 'overdue', 'repeats', 'drill'] as const
              ).map((k) => (
                <li key={k}>{t(`def.${k}`)}</li>
              ))}
            </ul>
            <p className="mt-3 flex gap-2">
              <a className={buttonClass.secondary} href={exportHref('csv')} download data-testid="kpi-export-csv">
                {t('export.allCsv')}
              </a>
              <a className={buttonClass.secondary} href={exportHref('xlsx')} download data-testid="kpi-export-xlsx">
                {t('export.allXlsx')}
              </a>
            </p>
          </Panel>
        </>
      )}
    </div>
  );
}

/** The complaint work queue's OVERDUE tab with the filters it understands (the overdue-now figure's records). */
function overdueSearch(f: KpiDashboardFilter): string {
  const params = new URLSearchParams({ queue: 'OVERDUE' });
  if (f.severity) params.set('severity', f.severity);
  if (f.causeClass) params.set('cause', f.causeClass);
  if (f.departmentId) params.set('dept', String(f.departmentId));
  if (typeof f.keyAccount === 'boolean') params.set('ka', f.keyAccount ? '1' : '0');
  return params.toString();
}

function monthDays(month: string) {
  return periodDays(parsePeriod(month, TZ)!, TZ);
}

const PERIODS = ['current', 'previous', 'lastYear'] as const;
type Labels = Record<(typeof PERIODS)[number], string>;
const triple = (of: (p: (typeof PERIODS)[number]) => number | null | undefined): Triple => ({
  current: of('current') ?? null,
  previous: of('previous') ?? null,
  lastYear: of('lastYear') ?? null,
});
const pick = (ref: Dashboard['toTriage'], k: 'median' | 'p90'): Triple => {
  const durations = getFragmentData(KpiDurationsFieldsFragment, ref);
  return triple((p) => durations[p][k]);
};
const rates = (ref: Dashboard['triageOnTime']): Triple => {
  const onTimes = getFragmentData(KpiOnTimesFieldsFragment, ref);
  return triple((p) => onTimes[p].rate);
};
/** A right-aligned column of figures. */
const figure = <Row,>(id: string, header: string, cell: (row: Row) => React.ReactNode): Column<Row> => ({
  id,
  header,
  className: 'text-right tabular-nums',
  cell,
});
const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

type TileProps = {
  label: string;
  value: Triple;
  href?: string;
  digits?: number;
  percent?: boolean;
  hint?: string;
  testId?: string;
};

function Tile({
  label,
  value,
  labels,
  href,
  digits = 0,
  percent = false,
  hint,
  testId,
}: TileProps & { labels: Labels }) {
  const show = (v: number | null) => (v === null ? '—' : percent ? `${(v * 100).toFixed(1)}%` : fixed(v, digits));
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId} title={hint}>
      <p className="text-xs text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">
        {href ? (
          <Link href={href} className="text-blue-800 hover:underline">
            {show(value.current)}
          </Link>
        ) : (
          show(value.current)
        )}
      </p>
      {(value.previous !== null || value.lastYear !== null) && (
        <p className="mt-1 text-xs text-slate-500 tabular-nums">
          {labels.previous} {show(value.previous)} · {labels.lastYear} {show(value.lastYear)}
        </p>
      )}
    </div>
  );
}

function Exports({ table, href }: { table: string; href: (format: 'csv' | 'xlsx', table?: string) => string }) {
  const t = useTranslations('kpiDashboard');
  return (
    <span className="flex gap-2 text-xs">
      <a className="text-blue-700 underline" href={href('csv', table)} download data-testid={`kpi-export-${table}-csv`}>
        CSV
      </a>
      <a
        className="text-blue-700 underline"
        href={href('xlsx', table)}
        download
        data-testid={`kpi-export-${table}-xlsx`}
      >
        {t('export.excel')}
      </a>
    </span>
  );
}

/** A chart with its table view one click away. */
function ChartOrTable({ chart, table }: { chart: React.ReactNode; table: React.ReactNode }) {
  const t = useTranslations('kpiDashboard');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <div className="space-y-2">
      <SegmentedControl
        label={t('view.label')}
        values={['chart', 'table'] as const}
        value={view}
        onChange={setView}
        labelOf={(v) => t(`view.${v}`)}
        look="compact"
      />
      {view === 'chart' ? chart : table}
    </div>
  );
}

function CountTable({
  rows,
  labelOf,
  drillOf,
  labels,
}: {
  rows: readonly KeyCount[];
  labelOf: (key: string | null) => string;
  drillOf: (key: string | null) => string | null;
  labels: Labels;
}) {
  const t = useTranslations('kpiDashboard');
  const count = (r: KeyCount) => {
    const href = drillOf(r.key);
    return href ? (
      <Link className="text-blue-700 underline" href={href}>
        {r.counts.current}
      </Link>
    ) : (
      r.counts.current
    );
  };
  const columns: Column<KeyCount>[] = [
    { id: 'key', header: t('table.item'), cell: (r) => labelOf(r.key) },
    figure('current', labels.current, count),
    figure('previous', labels.previous, (r: KeyCount) => r.counts.previous),
    figure('lastYear', labels.lastYear, (r: KeyCount) => r.counts.lastYear),
  ];
  return <StaticTable columns={columns} rows={rows} rowKey={(r) => r.key ?? '—'} caption={t('table.item')} />;
}

type Range = { from: string; to: string };

/** How a breakdown is charted: bars of the three periods per value, one bar per period stacked by value, or a Pareto
 * of the chosen period (the values `charted`, largest first, with the running share). */
type BreakdownChart =
  { kind: 'bars' | 'stacked'; ranges: Dashboard['periods'] } | { kind: 'pareto'; charted?: (row: KeyCount) => boolean };

/** A breakdown panel's figures and links: the rows, how a value is named and what it narrows the complaints to. */
type BreakdownProps = {
  id: string;
  title: string;
  rows: KeyCountRows;
  labelOf: (key: string | null) => string;
  /** The criteria a value adds to the dashboard's filter in the interactions list (no link for a missing value). */
  criteriaOf: (key: string) => DrillDown;
  chart: BreakdownChart;
  labels: Labels;
  /** The interactions list behind a figure: the dashboard's filter, `extra`, the chosen period or `range`. */
  drill: (extra?: DrillDown, range?: Range) => string;
  /** The chosen period's days. */
  days: Range;
  rangeOf: (p: { from: unknown; to: unknown }) => Range;
  onDrill: (href: string) => void;
  exportHref: (format: 'csv' | 'xlsx', table?: string) => string;
};

/** A breakdown (by type, severity, cause class, department or product): its chart, its table, its exports. */
function BreakdownPanel({
  id,
  title,
  rows: refs,
  labelOf,
  criteriaOf,
  chart,
  labels,
  drill,
  days,
  rangeOf,
  onDrill,
  exportHref,
}: BreakdownProps) {
  const t = useTranslations('kpiDashboard');
  const rows = getFragmentData(KpiKeyCountFieldsFragment, refs);
  const drillOf = (key: string | null, range: Range = days) => (key ? drill(criteriaOf(key), range) : null);
  let figure: React.ReactNode;
  if (chart.kind === 'pareto') {
    const charted = rows.filter(chart.charted ?? (() => true));
    const paretoRows = pareto(
      charted.map((r) => ({ name: labelOf(r.key), count: r.counts.current, href: drillOf(r.key) })),
    ).map((r) => ({ ...r, cumulative: Math.round(r.cumulativeShare * 1000) / 10 }));
    figure = (
      <ParetoChart
        rows={paretoRows}
        labels={{ count: t('chart.count'), cumulative: t('chart.cumulative') }}
        onDrill={onDrill}
      />
    );
  } else {
    const { ranges } = chart;
    const stacked = chart.kind === 'stacked';
    const barRows: DrillBar[] = stacked
      ? // One bar per period, stacked by value: how each period's complaints split.
        PERIODS.map((p) => ({
          name: labels[p],
          href: null,
          ...Object.fromEntries(
            rows.flatMap((r, i) => [
              [`v${i}`, r.counts[p]],
              [`v${i}Href`, drillOf(r.key, rangeOf(ranges[p]))],
            ]),
          ),
        }))
      : rows.map((r) => ({
          name: labelOf(r.key),
          href: drillOf(r.key),
          current: r.counts.current,
          previous: r.counts.previous,
          lastYear: r.counts.lastYear,
          currentHref: drillOf(r.key),
          previousHref: drillOf(r.key, rangeOf(ranges.previous)),
          lastYearHref: drillOf(r.key, rangeOf(ranges.lastYear)),
        }));
    const series = stacked
      ? rows.map((r, i) => ({ key: `v${i}`, name: labelOf(r.key) }))
      : PERIODS.map((p) => ({ key: p, name: labels[p] }));
    figure = <DrillBarChart rows={barRows} series={series} onDrill={onDrill} stacked={stacked} />;
  }
  return (
    <Panel title={title} testId={`kpi-chart-${id}`} action={<Exports table={id} href={exportHref} />}>
      <ChartOrTable
        chart={figure}
        table={<CountTable rows={rows} labelOf={labelOf} drillOf={(key) => drillOf(key)} labels={labels} />}
      />
    </Panel>
  );
}

/** A table of figures already loaded, on the console's DataTable (cards on a phone, the same empty line). */
function StaticTable<Row>(props: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  caption: string;
}) {
  const t = useTranslations('kpiDashboard');
  return <DataTable {...props} state={{ loading: false }} empty={t('empty')} />;
}
