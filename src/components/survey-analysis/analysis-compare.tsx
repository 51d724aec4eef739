'use client';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { inputClass, labelClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { formatNumber, formatPercent, formatScore } from '@/lib/format';
import { SurveyDimensionResultFragment, SurveyQuestionLabelFragment } from '@/components/surveys/survey-operations';
import { EmptyState } from '@/components/surveys/survey-ui';
import { compareDimensions, compareQuestions, questionText, scoreDelta, type CompareRow } from './analysis-maths';
import { comparePeriods, toPeriodFilter, type AnalysisFilterState } from './analysis-params';
import { Delta, LOADED, numberColumn, Score, Section, useSectionPending } from './analysis-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';

/** Two periods side by side: the same selection of fields under two aliases. */
export const SurveyAnalysisCompareQuery = graphql(`
  query SurveyAnalysisCompare($a: SurveyAnalysisFilter!, $b: SurveyAnalysisFilter!) {
    a: surveyAnalysis(filter: $a) {
      ...SurveyAnalysisCompareSide
    }
    b: surveyAnalysis(filter: $b) {
      ...SurveyAnalysisCompareSide
    }
  }
`);

/** What each side of the comparison reads of an analysis. */
export const SurveyAnalysisCompareSideFragment = graphql(`
  fragment SurveyAnalysisCompareSide on SurveyAnalysis {
    responses
    responseRate
    index
    nps {
      score
    }
    dimensions {
      ...SurveyDimensionResult
    }
    questions {
      question {
        ...SurveyQuestionLabel
      }
      answered
      score
    }
  }
`);

/** One period's analysis with its fragments read (the dimension results and the question labels). */
function unmaskSide(side: FragmentType<typeof SurveyAnalysisCompareSideFragment>) {
  const analysis = getFragmentData(SurveyAnalysisCompareSideFragment, side);
  return {
    ...analysis,
    dimensions: getFragmentData(SurveyDimensionResultFragment, analysis.dimensions),
    questions: analysis.questions.map((q) => ({
      ...q,
      question: getFragmentData(SurveyQuestionLabelFragment, q.question),
    })),
  };
}

const COLOUR_A = '#94a3b8';
const COLOUR_B = '#1d4ed8';

function PeriodSelect({
  label,
  value,
  periods,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  periods: readonly string[];
  onChange: (v: string) => void;
  testId: string;
}) {
  const id = useId();
  return (
    <div className="w-40">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        className={inputClass}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      >
        {periods.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Each comparison table's texts (message keys of surveyAnalysis.compare). */
const COMPARE_TABLE_TEXT = {
  dimension: { header: 'dimension', caption: 'dimensionsTitle' },
  question: { header: 'question', caption: 'questionsTitle' },
} as const;

/** The dimension or question scores of the two periods with B − A (`compare-dimensions` / `compare-questions`). */
function CompareTable({
  kind,
  rows,
  pair,
}: {
  kind: 'dimension' | 'question';
  rows: CompareRow[];
  pair: { a: string; b: string };
}) {
  const t = useTranslations('surveyAnalysis.compare');
  return (
    <DataTable<CompareRow>
      columns={[
        { id: 'label', header: t(COMPARE_TABLE_TEXT[kind].header), cell: (row) => row.label },
        numberColumn('a', pair.a, (row) => <Score value={row.a} />),
        numberColumn('b', pair.b, (row) => <Score value={row.b} />),
        numberColumn('delta', t('delta'), (row) => <Delta delta={row.delta} />),
      ]}
      rows={rows}
      rowKey={(row) => row.key}
      rowData={(row) => ({ 'data-tone': row.tone })}
      state={LOADED}
      empty={null}
      caption={t(COMPARE_TABLE_TEXT[kind].caption)}
      testId={`compare-${kind}s`}
      rowTestId={`compare-${kind}-row`}
    />
  );
}

/**
 * Two periods side by side (A before, B after): index, NPS, dimension and question scores with B − A, green when B
 * is better, red when worse. Runs across periods, so the chosen campaigns and periods of the filter bar do not apply;
 * the template family and the segments do.
 */
export function AnalysisCompare({
  filter,
  periods,
  compareA,
  compareB,
  onChange,
}: {
  filter: AnalysisFilterState;
  periods: readonly string[];
  compareA: string;
  compareB: string;
  onChange: (a: string, b: string) => void;
}) {
  const t = useTranslations('surveyAnalysis.compare');
  const locale = useLocale();
  const sectionPending = useSectionPending();
  const pair = comparePeriods({ compareA, compareB }, periods);
  const variables = pair ? { a: toPeriodFilter(filter, pair.a), b: toPeriodFilter(filter, pair.b) } : null;
  const data = useGqlQuery(SurveyAnalysisCompareQuery, variables ?? { a: {}, b: {} }, {
    enabled: variables != null,
    keepPrevious: true,
  });

  const body = () => {
    if (!pair) return <EmptyState title={t('needTwo')} testId="compare-need-two" />;
    const pending = sectionPending(data, !data.data, 'compare');
    if (pending || !data.data) return pending;
    const a = unmaskSide(data.data.a);
    const b = unmaskSide(data.data.b);
    const dimensions = compareDimensions(a.dimensions, b.dimensions, locale);
    const questions = compareQuestions(a.questions, b.questions, (q) => questionText(q, locale));
    const summary = [
      { key: 'index', label: t('index'), a: a.index, b: b.index, testId: 'compare-index' },
      { key: 'nps', label: t('nps'), a: a.nps?.score, b: b.nps?.score, testId: 'compare-nps' },
    ];
    const chartRows = dimensions.map((d) => ({ name: d.label, a: d.a, b: d.b }));
    const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : '—');

    return (
      <div className="space-y-4">
        <div className="grid gap-3 md:grid-cols-3">
          {summary.map((s) => (
            <div key={s.key} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={s.testId}>
              <div className="text-xs font-medium text-slate-500">{s.label}</div>
              <div className="mt-1 flex items-baseline gap-3">
                <span className="text-sm text-slate-500">{pair.a}</span>
                <Score value={s.a} className="text-xl font-semibold text-slate-600" testId={`${s.testId}-a`} />
                <span aria-hidden className="text-slate-400">
                  →
                </span>
                <span className="text-sm text-slate-500">{pair.b}</span>
                <Score value={s.b} className="text-xl font-semibold text-slate-900" testId={`${s.testId}-b`} />
              </div>
              <div className="mt-1 text-sm">
                <Delta delta={scoreDelta(s.a, s.b)} testId={`${s.testId}-delta`} />
              </div>
            </div>
          ))}
          <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="compare-responses">
            <div className="text-xs font-medium text-slate-500">{t('responses')}</div>
            <dl className="mt-1 grid grid-cols-2 gap-1 text-sm">
              <dt className="text-slate-500">{pair.a}</dt>
              <dd className="tabular-nums">
                {formatNumber(a.responses, locale)}（{formatPercent(a.responseRate, locale)}）
              </dd>
              <dt className="text-slate-500">{pair.b}</dt>
              <dd className="tabular-nums">
                {formatNumber(b.responses, locale)}（{formatPercent(b.responseRate, locale)}）
              </dd>
            </dl>
          </div>
        </div>
        {(a.responses === 0 || b.responses === 0) && (
          <p
            className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            data-testid="compare-side-empty"
          >
            {t('sideEmpty', { period: a.responses === 0 ? pair.a : pair.b })}
          </p>
        )}
        {/* The table under the chart is always visible: the coloured change is the point of this view, and it is
            the chart's data for anyone who does not read the bars. */}
        <figure
          aria-labelledby="compare-dimensions-title"
          className="rounded-lg border border-slate-200 bg-white p-4"
          data-testid="compare-chart"
        >
          <figcaption id="compare-dimensions-title" className="text-sm font-medium text-slate-900">
            {t('dimensionsTitle')}
          </figcaption>
          <p className="mt-0.5 text-xs text-slate-500">{t('dimensionsDescription', { a: pair.a, b: pair.b })}</p>
          <div aria-hidden className="mt-2" data-testid="compare-chart-svg">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={chartRows} margin={{ top: 10, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
                <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} width={36} />
                <Tooltip formatter={(value, name) => [score(value), name]} />
                <Legend />
                <Bar dataKey="a" name={pair.a} fill={COLOUR_A} isAnimationActive={false} maxBarSize={36} />
                <Bar dataKey="b" name={pair.b} fill={COLOUR_B} isAnimationActive={false} maxBarSize={36} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="mt-2 overflow-x-auto">
            <CompareTable kind="dimension" rows={dimensions} pair={pair} />
          </div>
        </figure>
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <h3 className="px-3 pt-3 text-sm font-medium text-slate-900">{t('questionsTitle')}</h3>
          {questions.length === 0 ? (
            <p className="px-3 py-3 text-sm text-slate-500">{t('noQuestions')}</p>
          ) : (
            <CompareTable kind="question" rows={questions} pair={pair} />
          )}
        </div>
      </div>
    );
  };

  return (
    <Section
      title={t('title')}
      hint={t('hint')}
      testId="analysis-compare"
      actions={
        pair && (
          <div className="flex items-end gap-2">
            <PeriodSelect
              label={t('periodA')}
              value={pair.a}
              periods={periods}
              onChange={(v) => onChange(v, pair.b)}
              testId="compare-a"
            />
            <button
              type="button"
              className="mb-0.5 rounded px-2 py-1.5 text-sm text-blue-700 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-700"
              onClick={() => onChange(pair.b, pair.a)}
              aria-label={t('swap')}
              title={t('swap')}
              data-testid="compare-swap"
            >
              ⇄
            </button>
            <PeriodSelect
              label={t('periodB')}
              value={pair.b}
              periods={periods}
              onChange={(v) => onChange(pair.a, v)}
              testId="compare-b"
            />
          </div>
        )
      }
    >
      {body()}
    </Section>
  );
}
