'use client';
import { graphql } from '@/gql';
import './print.css';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useNow, useTranslations } from 'next-intl';
import { useId } from 'react';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import type { SurveyAnalysisAnnualQuery as AnnualResult } from '@/gql/graphql';
import { formatNumber, formatScore, todayIn } from '@/lib/format';
import { EmptyState } from '@/components/surveys/survey-ui';
import {
  ChartFigure,
  Section,
  SectionSkeleton,
  Skeleton,
  footerCell,
  LOADED,
  numberColumn,
  useAnalysisErrorMessage,
} from './analysis-ui';
import { CriteriaEditor, CriteriaTable } from './annual-criteria-editor';
import { ANNUAL_EVENTS, deductionSum, parseYear, yearChoices } from './annual-criteria';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { ScoreBarChart } from './score-bar-chart';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyAnalysisAnnualQuery = graphql(`
  query SurveyAnalysisAnnual($year: Int!) {
    surveyPeriods
    annualSatisfactionIndex(year: $year) {
      year
      responses
      surveyIndex
      periods {
        periodLabel
        responses
        index
        nps
      }
      deductions {
        event
        count
        pointsEach
        points
      }
      totalDeduction
      index
      formula
      formulaEn
      criteria {
        rules {
          event
          pointsEach
        }
        maxDeduction
      }
    }
  }
`);

type Annual = AnnualResult['annualSatisfactionIndex'];

function Figure({
  label,
  children,
  testId,
  emphasis = false,
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
  emphasis?: boolean;
}) {
  return (
    <div
      className={`rounded-lg border p-4 ${emphasis ? 'border-blue-200 bg-blue-50/60' : 'border-slate-200 bg-white'}`}
    >
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div
        className={`mt-1 font-semibold tabular-nums ${emphasis ? 'text-4xl text-blue-800' : 'text-2xl text-slate-900'}`}
        data-testid={testId}
      >
        {children}
      </div>
    </div>
  );
}

function DeductionTable({ annual }: { annual: Annual }) {
  const t = useTranslations('surveyAnalysis.annual');
  const locale = useLocale();
  const byEvent = new Map(annual.deductions.map((d) => [d.event, d]));
  // Every event type is listed, those without events at 0, so the table reads as the full set of criteria.
  const rows = ANNUAL_EVENTS.map(
    (event) =>
      byEvent.get(event) ?? {
        event,
        count: 0,
        pointsEach: annual.criteria.rules.find((r) => r.event === event)?.pointsEach ?? 0,
        points: 0,
      },
  );
  const { raw, capped } = deductionSum(annual.deductions, annual.criteria.maxDeduction);
  const points = (value: number) => formatNumber(value, locale, 2);
  return (
    <DataTable<(typeof rows)[number]>
      columns={[
        { id: 'event', header: t('event'), cell: (row) => t(`events.${row.event}`) },
        numberColumn('count', t('count'), (row) => formatNumber(row.count, locale)),
        numberColumn('pointsEach', t('pointsEach'), (row) => points(row.pointsEach)),
        numberColumn('points', t('points'), (row) => (row.points ? `−${points(row.points)}` : points(0))),
      ]}
      rows={rows}
      rowKey={(row) => row.event}
      rowData={(row) => ({ 'data-event': row.event })}
      state={LOADED}
      empty={null}
      caption={t('deductionsTitle')}
      testId="annual-deductions"
      rowTestId="annual-deduction-row"
      footer={
        <>
          <tr className="border-t border-slate-300">
            <th scope="row" colSpan={3} className={footerCell.label}>
              {t('sumOfPoints')}
            </th>
            <td className={footerCell.number}>{raw ? `−${points(raw)}` : points(0)}</td>
          </tr>
          <tr className="border-t border-slate-100">
            <th scope="row" colSpan={3} className={footerCell.label}>
              {t('maxDeduction')}
            </th>
            <td className={footerCell.number}>{points(annual.criteria.maxDeduction)}</td>
          </tr>
          <tr className="border-t border-slate-100 font-semibold">
            <th scope="row" colSpan={3} className={footerCell.label}>
              {t('totalDeduction')}
              {capped && (
                <span
                  className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900"
                  data-testid="annual-capped"
                >
                  {t('capped', { max: points(annual.criteria.maxDeduction) })}
                </span>
              )}
            </th>
            <td className={footerCell.number} data-testid="annual-total-deduction">
              {annual.totalDeduction ? `−${points(annual.totalDeduction)}` : points(0)}
            </td>
          </tr>
        </>
      }
    />
  );
}

function PeriodChart({ annual }: { annual: Annual }) {
  const t = useTranslations('surveyAnalysis.annual');
  const locale = useLocale();
  const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : '—');
  if (annual.periods.length === 0) return <EmptyState title={t('noPeriods')} testId="annual-no-periods" />;
  const table = (
    <DataTable<Annual['periods'][number]>
      columns={[
        { id: 'period', header: t('period'), cell: (p) => p.periodLabel },
        numberColumn('responses', t('responses'), (p) => formatNumber(p.responses, locale)),
        numberColumn('index', t('periodIndex'), (p) => score(p.index)),
        numberColumn('nps', 'NPS', (p) => score(p.nps)),
      ]}
      rows={annual.periods}
      rowKey={(p) => p.periodLabel}
      state={LOADED}
      empty={null}
      caption={t('periodsTitle')}
      testId="annual-period-table"
    />
  );
  return (
    <ChartFigure
      title={t('periodsTitle')}
      description={t('periodsDescription')}
      testId="annual-period-chart"
      table={table}
    >
      <ScoreBarChart
        rows={annual.periods}
        categoryKey="periodLabel"
        scoreKey="index"
        name={t('periodIndex')}
        height={240}
        missing="—"
      />
    </ChartFigure>
  );
}

/**
 * The annual customer-satisfaction index [000 §4.7.2]: the year's survey index less the points of serious
 * dissatisfaction and complaint events counted against the evaluation criteria, reported to the executive.
 * Printable (the console's navigation is hidden in print).
 */
export function AnnualIndex({ canManage }: { canManage: boolean }) {
  const t = useTranslations('surveyAnalysis.annual');
  const tc = useTranslations('surveyAnalysis');
  const locale = useLocale();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const timeZone = useDisplayTimeZone();
  const now = useNow();
  const currentYear = Number(todayIn(timeZone, now).slice(0, 4));
  const year = parseYear(searchParams.get('year'), currentYear);
  const errorMessage = useAnalysisErrorMessage();
  const yearId = useId();

  const data = useGqlQuery(SurveyAnalysisAnnualQuery, { year }, { keepPrevious: true });
  const annual = data.data?.annualSatisfactionIndex;
  const years = yearChoices(currentYear, data.data?.surveyPeriods ?? [], year);
  const score = (value: number | null | undefined) => (value == null ? '—' : formatScore(value, locale));

  const content = () => {
    if (data.error)
      return (
        <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} testId="annual-error" />
      );
    // A different year is loading: the previous year's figures must not be shown under the new year's title.
    if (!annual || annual.year !== year)
      return (
        <div role="status" aria-label={tc('loading')} className="space-y-4" data-testid="annual-loading">
          <div className="grid gap-3 md:grid-cols-3">
            <Skeleton className="h-24" />
            <Skeleton className="h-24" />
            <Skeleton className="h-24" />
          </div>
          <SectionSkeleton label={tc('loading')} />
        </div>
      );
    return (
      <div className="space-y-6">
        {annual.responses === 0 && (
          <EmptyState title={t('noResponses', { year })} body={t('noResponsesBody')} testId="annual-empty" />
        )}
        <div className="grid gap-3 md:grid-cols-4">
          <Figure label={t('surveyIndex')} testId="annual-survey-index">
            {score(annual.surveyIndex)}
          </Figure>
          <Figure label={t('responses')} testId="annual-responses">
            {formatNumber(annual.responses, locale)}
          </Figure>
          <Figure label={t('totalDeduction')} testId="annual-deduction-figure">
            {annual.totalDeduction ? `−${formatNumber(annual.totalDeduction, locale, 2)}` : formatNumber(0, locale)}
          </Figure>
          <Figure label={t('finalIndex', { year })} testId="annual-index" emphasis>
            {score(annual.index)}
          </Figure>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <div className="text-xs font-medium text-slate-500">{t('formula')}</div>
          <p className="mt-1 font-mono text-sm break-words text-slate-800" data-testid="annual-formula">
            {locale.startsWith('en') ? annual.formulaEn : annual.formula}
          </p>
          <p className="mt-2 text-xs text-slate-500">{t('formulaExplanation')}</p>
        </div>

        <Section title={t('deductionsTitle')} hint={t('deductionsHint')} testId="annual-deductions-section">
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <DeductionTable annual={annual} />
          </div>
        </Section>

        <Section title={t('periodsTitle')} testId="annual-periods-section">
          <PeriodChart annual={annual} />
        </Section>

        <Section title={t('criteriaTitle')} hint={t('criteriaHint')} testId="annual-criteria">
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            {canManage ? (
              <>
                <div className="hidden print:block">
                  <CriteriaTable criteria={annual.criteria} />
                </div>
                <div className="print:hidden">
                  <CriteriaEditor criteria={annual.criteria} />
                </div>
              </>
            ) : (
              <CriteriaTable criteria={annual.criteria} />
            )}
          </div>
        </Section>
      </div>
    );
  };

  return (
    <div className="space-y-5" data-print-report data-testid="annual-satisfaction">
      <nav aria-label={tc('breadcrumbLabel')} className="flex gap-4 text-sm print:hidden">
        <Link href="/console/surveys" className={buttonClass.link}>
          ← {tc('breadcrumb')}
        </Link>
        <Link href="/console/surveys/analysis" className={buttonClass.link}>
          {tc('title')}
        </Link>
      </nav>
      <PageHeader title={t('titleForYear', { year })} subtitle={t('subtitle')}>
        <div className="flex items-end gap-2 print:hidden">
          <div>
            <label htmlFor={yearId} className={labelClass}>
              {t('year')}
            </label>
            <select
              id={yearId}
              className={`${inputClass} w-28`}
              value={year}
              onChange={(e) => router.replace(`${pathname}?year=${e.target.value}`, { scroll: false })}
              data-testid="annual-year"
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className={buttonClass.secondary}
            onClick={() => window.print()}
            data-testid="annual-print"
          >
            {t('print')}
          </button>
        </div>
      </PageHeader>
      <p className="text-xs text-slate-500">{t('basis')}</p>
      {data.isFetching && annual && annual.year === year && <Spinner label={tc('updating')} />}
      {content()}
    </div>
  );
}
