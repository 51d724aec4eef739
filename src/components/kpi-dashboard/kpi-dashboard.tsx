'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { KpiDashboardFilter, KpiDashboardQuery as Result } from '@/gql/graphql';
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
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { formatDate, formatDateTime } from '@/lib/format';
import { DrillBarChart, ParetoChart, TrendLineChart, type DrillBar } from './kpi-charts';
import { KpiDashboardQuery } from './kpi-dashboard-operations';

type Dashboard = Result['kpiDashboard'];
type Triple = { current: number | null; previous: number | null; lastYear: number | null };
type KeyCount = Dashboard['bySeverity'][number];
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
          options={(d?.byDepartment ?? []).flatMap((r) => (r.key ? [{ value: r.key, label: r.label ?? r.key }] : []))}
        />
        <FilterFormSelect
          id="kpi-severity"
          name="severity"
          label={t('filter.severity')}
          anyLabel={t('filter.all')}
          defaultValue={filter.severity ?? ''}
          options={['CRISIS', 'MAJOR', 'GENERAL'].map((v) => ({ value: v, label: tc(`severity.${v}`) }))}
        />
        <FilterFormSelect
          id="kpi-cause"
          name="causeClass"
          label={t('filter.causeClass')}
          anyLabel={t('filter.all')}
          defaultValue={filter.causeClass ?? ''}
          options={['QUALITY', 'NON_QUALITY'].map((v) => ({ value: v, label: tc(`causeClass.${v}`) }))}
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
            <Tile label={t('tile.total')} value={d.total} href={drill()} labels={labels} testId="kpi-total" />
            <Tile
              label={t('tile.ratePer100')}
              value={d.ratePer100Customers}
              labels={labels}
              digits={1}
              hint={t('def.ratePer100')}
            />
            <Tile
              label={t('tile.ratePerContract')}
              value={d.ratePerContractVolume}
              labels={labels}
              digits={2}
              hint={t('def.ratePerContract')}
            />
            <Tile
              label={t('tile.overdueNow')}
              value={{ current: d.overdueNow, previous: null, lastYear: null }}
              href={`/console/complaints?${overdueSearch(filter)}`}
              labels={labels}
              testId="kpi-overdue"
            />
            <Tile
              label={t('tile.toTriage')}
              value={pick(d.toTriage, 'median')}
              labels={labels}
              digits={1}
              hint={t('def.hours')}
            />
            <Tile
              label={t('tile.toResolve')}
              value={pick(d.toResolve, 'median')}
              labels={labels}
              digits={1}
              hint={t('def.hours')}
            />
            <Tile
              label={t('tile.toClose')}
              value={pick(d.toClose, 'median')}
              labels={labels}
              digits={1}
              hint={t('def.hours')}
            />
            <Tile label={t('tile.repeats')} value={d.repeatComplaints} labels={labels} hint={t('def.repeats')} />
            <Tile label={t('tile.triageOnTime')} value={rates(d.triageOnTime)} labels={labels} percent />
            <Tile label={t('tile.resolutionOnTime')} value={rates(d.resolutionOnTime)} labels={labels} percent />
            <Tile label={t('tile.callbackOnTime')} value={rates(d.callbackOnTime)} labels={labels} percent />
            <Tile
              label={t('tile.callbackCompletion')}
              value={{
                current: d.callbacks.current.completionRate ?? null,
                previous: d.callbacks.previous.completionRate ?? null,
                lastYear: d.callbacks.lastYear.completionRate ?? null,
              }}
              labels={labels}
              percent
            />
          </section>

          <div className="grid gap-4 lg:grid-cols-2">
            <KeyCountPanel
              id="severity"
              title={t('chart.severity')}
              rows={d.bySeverity}
              labelOf={severityLabel}
              drillOf={(k) => (k ? drill({ severity: k }) : null)}
              labels={labels}
              onDrill={onDrill}
              exportHref={exportHref}
              ranges={d.periods}
              rangeOf={rangeOf}
              drillRange={(k, range) => (k ? drill({ severity: k }, range) : null)}
            />
            <Panel
              title={t('chart.causePareto')}
              testId="kpi-chart-cause"
              action={<Exports table="cause" href={exportHref} />}
            >
              <ChartOrTable
                chart={
                  <ParetoChart
                    rows={pareto(
                      d.byCauseClass.map((r) => ({
                        name: causeLabel(r.key),
                        count: r.counts.current,
                        href: r.key ? drill({ causeClass: r.key }) : null,
                      })),
                    ).map((r) => ({ ...r, cumulative: Math.round(r.cumulativeShare * 1000) / 10 }))}
                    labels={{ count: t('chart.count'), cumulative: t('chart.cumulative') }}
                    onDrill={onDrill}
                  />
                }
                table={
                  <CountTable
                    rows={d.byCauseClass}
                    labelOf={causeLabel}
                    drillOf={(k) => (k ? drill({ causeClass: k }) : null)}
                    labels={labels}
                  />
                }
              />
            </Panel>
            <KeyCountPanel
              id="department"
              title={t('chart.department')}
              rows={d.byDepartment}
              labelOf={(k) => (k ? (d.byDepartment.find((r) => r.key === k)?.label ?? k) : t('noDepartment'))}
              drillOf={(k) => (k ? drill({ departmentId: k }) : null)}
              labels={labels}
              onDrill={onDrill}
              exportHref={exportHref}
              ranges={d.periods}
              rangeOf={rangeOf}
              drillRange={(k, range) => (k ? drill({ departmentId: k }, range) : null)}
              stacked
            />
            <Panel
              title={t('chart.productPareto')}
              testId="kpi-chart-product"
              action={<Exports table="product" href={exportHref} />}
            >
              <ChartOrTable
                chart={
                  <ParetoChart
                    rows={pareto(
                      d.byProduct
                        .filter((r) => r.key && r.counts.current > 0)
                        .map((r) => ({ name: r.key!, count: r.counts.current, href: drill({ productRef: r.key }) })),
                    ).map((r) => ({ ...r, cumulative: Math.round(r.cumulativeShare * 1000) / 10 }))}
                    labels={{ count: t('chart.count'), cumulative: t('chart.cumulative') }}
                    onDrill={onDrill}
                  />
                }
                table={
                  <CountTable
                    rows={d.byProduct}
                    labelOf={(k) => k ?? t('none')}
                    drillOf={(k) => (k ? drill({ productRef: k }) : null)}
                    labels={labels}
                  />
                }
              />
            </Panel>
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
            <KeyCountPanel
              id="type"
              title={t('chart.type')}
              rows={d.byType}
              labelOf={(k) => (k ? ti(`type.${k}`) : t('none'))}
              drillOf={(k) =>
                k
                  ? `/console/interactions?${drillDownSearch({ ...days, type: k, ...asDrill({ ...filter, severity: null, causeClass: null }) })}`
                  : null
              }
              labels={labels}
              onDrill={onDrill}
              exportHref={exportHref}
              ranges={d.periods}
              rangeOf={rangeOf}
              drillRange={(k, range) =>
                k
                  ? `/console/interactions?${drillDownSearch({ ...range, type: k, ...asDrill({ ...filter, severity: null, causeClass: null }) })}`
                  : null
              }
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
                          cell: (r: (typeof d.satisfaction)[number]) => r.periodLabel,
                        },
                        {
                          id: 'n',
                          header: t('table.responses'),
                          className: 'text-right tabular-nums',
                          cell: (r) => r.responses,
                        },
                        {
                          id: 'i',
                          header: t('chart.index'),
                          className: 'text-right tabular-nums',
                          cell: (r) => fixed(r.index ?? null, 1),
                        },
                        {
                          id: 'nps',
                          header: t('chart.nps'),
                          className: 'text-right tabular-nums',
                          cell: (r) => fixed(r.nps ?? null, 1),
                        },
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
                  cell: (r: Dashboard['keyAccounts'][number]) => (
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
                {
                  id: 'overdue',
                  header: t('keyAccounts.overdue'),
                  className: 'text-right tabular-nums',
                  cell: (r) => r.overdueObligations,
                },
                {
                  id: 'index',
                  header: t('keyAccounts.lastIndex'),
                  className: 'text-right tabular-nums',
                  cell: (r) => fixed(r.lastIndex ?? null, 1),
                },
                {
                  id: 'lastVisit',
                  header: t('keyAccounts.lastVisit'),
                  className: 'tabular-nums',
                  cell: (r) => formatDate(r.lastVisitAt, d.timeZone) || '—',
                },
                {
                  id: 'warrantyCost',
                  header: t('keyAccounts.warrantyCost'),
                  className: 'text-right tabular-nums',
                  cell: (r) => fixed(r.warrantyCost, 2),
                },
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

const pick = (t: Dashboard['toTriage'], k: 'median' | 'p90'): Triple => ({
  current: t.current[k] ?? null,
  previous: t.previous[k] ?? null,
  lastYear: t.lastYear[k] ?? null,
});
const rates = (t: Dashboard['triageOnTime']): Triple => ({
  current: t.current.rate ?? null,
  previous: t.previous.rate ?? null,
  lastYear: t.lastYear.rate ?? null,
});
const fixed = (value: number | null, digits: number) => (value === null ? '—' : value.toFixed(digits));

function Tile({
  label,
  value,
  labels,
  href,
  digits = 0,
  percent = false,
  hint,
  testId,
}: {
  label: string;
  value: Triple;
  labels: { current: string; previous: string; lastYear: string };
  href?: string;
  digits?: number;
  percent?: boolean;
  hint?: string;
  testId?: string;
}) {
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
  labels: { current: string; previous: string; lastYear: string };
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
    { id: 'current', header: labels.current, className: 'text-right tabular-nums', cell: count },
    { id: 'previous', header: labels.previous, className: 'text-right tabular-nums', cell: (r) => r.counts.previous },
    { id: 'lastYear', header: labels.lastYear, className: 'text-right tabular-nums', cell: (r) => r.counts.lastYear },
  ];
  return <StaticTable columns={columns} rows={rows} rowKey={(r) => r.key ?? '—'} caption={t('table.item')} />;
}

/** A breakdown: grouped bars of the three periods per value (or stacked per period), its table, its exports. */
function KeyCountPanel({
  id,
  title,
  rows,
  labelOf,
  drillOf,
  drillRange,
  labels,
  ranges,
  rangeOf,
  onDrill,
  exportHref,
  stacked = false,
}: {
  id: string;
  title: string;
  rows: readonly KeyCount[];
  labelOf: (key: string | null) => string;
  drillOf: (key: string | null) => string | null;
  drillRange: (key: string | null, range: { from: string; to: string }) => string | null;
  labels: { current: string; previous: string; lastYear: string };
  ranges: Dashboard['periods'];
  rangeOf: (p: { from: unknown; to: unknown }) => { from: string; to: string };
  onDrill: (href: string) => void;
  exportHref: (format: 'csv' | 'xlsx', table?: string) => string;
  stacked?: boolean;
}) {
  const periods = ['current', 'previous', 'lastYear'] as const;
  const chartRows: DrillBar[] = stacked
    ? // One bar per period, stacked by value: how each period's complaints split.
      periods.map((p) => ({
        name: labels[p],
        href: null,
        ...Object.fromEntries(
          rows.flatMap((r, i) => [
            [`v${i}`, r.counts[p]],
            [`v${i}Href`, drillRange(r.key, rangeOf(ranges[p]))],
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
        previousHref: drillRange(r.key, rangeOf(ranges.previous)),
        lastYearHref: drillRange(r.key, rangeOf(ranges.lastYear)),
      }));
  const series = stacked
    ? rows.map((r, i) => ({ key: `v${i}`, name: labelOf(r.key) }))
    : periods.map((p) => ({ key: p, name: labels[p] }));
  return (
    <Panel title={title} testId={`kpi-chart-${id}`} action={<Exports table={id} href={exportHref} />}>
      <ChartOrTable
        chart={<DrillBarChart rows={chartRows} series={series} onDrill={onDrill} stacked={stacked} />}
        table={<CountTable rows={rows} labelOf={labelOf} drillOf={drillOf} labels={labels} />}
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
