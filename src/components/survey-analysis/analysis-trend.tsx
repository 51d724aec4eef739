'use client';
import { getFragmentData, graphql } from '@/gql';
import { DataTable, type Column } from '@/components/ui/data-table';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber, formatScore } from '@/lib/format';
import { SurveyDimensionResultFragment } from '@/components/surveys/survey-operations';
import { EmptyState } from '@/components/surveys/survey-ui';
import { trendData } from './analysis-maths';
import { toAcrossPeriodsFilter, type AnalysisFilterState } from './analysis-params';
import { ChartFigure, Section, useSectionPending } from './analysis-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';

export const SurveyAnalysisTrendQuery = graphql(`
  query SurveyAnalysisTrend($filter: SurveyAnalysisFilter!) {
    surveyTrend(filter: $filter) {
      periodLabel
      responses
      index
      nps
      dimensions {
        ...SurveyDimensionResult
      }
    }
  }
`);

const INDEX_COLOUR = '#1d4ed8';
const NPS_COLOUR = '#b45309';
// Dimension lines in colours distinct from the index and NPS lines.
const DIMENSION_COLOURS = ['#15803d', '#7e22ce', '#be123c', '#0e7490', '#4d7c0f', '#a16207', '#334155', '#c2410c'];

/** The index (and NPS, and the dimensions one ticks) per period label, oldest first (SPEC §6 trend by quarter). */
export function AnalysisTrend({ filter }: { filter: AnalysisFilterState }) {
  const t = useTranslations('surveyAnalysis.trend');
  const locale = useLocale();
  const sectionPending = useSectionPending();
  const variables = { filter: toAcrossPeriodsFilter(filter) };
  const trend = useGqlQuery(SurveyAnalysisTrendQuery, variables, { keepPrevious: true });
  const [showNps, setShowNps] = useState(true);
  const [shown, setShown] = useState<string[]>([]);

  const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : '—');
  const body = () => {
    const pending = sectionPending(trend, !trend.data, 'trend', t('loading'));
    if (pending || !trend.data) return pending;
    const periods = trend.data.surveyTrend.map((p) => ({
      ...p,
      dimensions: getFragmentData(SurveyDimensionResultFragment, p.dimensions),
    }));
    const { points, dimensions } = trendData(periods, locale);
    if (points.every((p) => p.responses === 0)) return <EmptyState title={t('empty')} testId="trend-empty" />;
    const colourOf = new Map(dimensions.map((d, i) => [d.code, DIMENSION_COLOURS[i % DIMENSION_COLOURS.length]!]));
    const shownDimensions = dimensions.filter((d) => shown.includes(d.code));

    type Point = (typeof points)[number];
    const columns: Column<Point>[] = [
      { id: 'period', header: t('period'), cell: (p) => p.periodLabel },
      {
        id: 'responses',
        header: t('responses'),
        className: 'text-right tabular-nums',
        cell: (p) => formatNumber(p.responses, locale),
      },
      { id: 'index', header: t('index'), className: 'text-right tabular-nums', cell: (p) => score(p.index) },
      { id: 'nps', header: t('nps'), className: 'text-right tabular-nums', cell: (p) => score(p.nps) },
      ...dimensions.map((d): Column<Point> => ({
        id: `dimension-${d.code}`,
        header: d.name,
        className: 'text-right tabular-nums',
        cell: (p) => score(p[d.dataKey]),
      })),
    ];
    const table = (
      <DataTable
        columns={columns}
        rows={points}
        rowKey={(p) => p.periodLabel}
        state={{ loading: false }}
        empty={t('empty')}
        caption={t('tableCaption')}
        testId="trend-table"
        rowTestId="trend-row"
      />
    );

    return (
      <>
        <fieldset
          className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm print:hidden"
          data-testid="trend-series"
        >
          <legend className="sr-only">{t('series')}</legend>
          <span className="text-xs font-medium text-slate-600" aria-hidden>
            {t('series')}
          </span>
          <label className="inline-flex items-center gap-1.5">
            <input type="checkbox" checked disabled className="size-4" />
            <span style={{ color: INDEX_COLOUR }}>{t('index')}</span>
          </label>
          <label className="inline-flex items-center gap-1.5">
            <input
              type="checkbox"
              className="size-4"
              checked={showNps}
              onChange={(e) => setShowNps(e.target.checked)}
              data-testid="trend-toggle-nps"
            />
            <span style={{ color: NPS_COLOUR }}>{t('nps')}</span>
          </label>
          {dimensions.map((d) => (
            <label key={d.code} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                className="size-4"
                checked={shown.includes(d.code)}
                onChange={(e) => setShown((s) => (e.target.checked ? [...s, d.code] : s.filter((c) => c !== d.code)))}
                data-testid={`trend-toggle-${d.code}`}
              />
              <span style={{ color: colourOf.get(d.code) }}>{d.name}</span>
            </label>
          ))}
        </fieldset>
        <ChartFigure title={t('chartTitle')} description={t('chartDescription')} testId="trend-chart" table={table}>
          <ResponsiveContainer width="100%" height={320}>
            <LineChart data={points} margin={{ top: 10, right: 12, bottom: 4, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="periodLabel" tick={{ fontSize: 12 }} padding={{ left: 24, right: 24 }} />
              <YAxis yAxisId="score" domain={[0, 100]} tick={{ fontSize: 12 }} width={36} />
              {showNps && (
                <YAxis yAxisId="nps" orientation="right" domain={[-100, 100]} tick={{ fontSize: 12 }} width={40} />
              )}
              <Tooltip formatter={(value, name) => [score(value), name]} />
              <Legend />
              <Line
                yAxisId="score"
                type="monotone"
                dataKey="index"
                name={t('index')}
                stroke={INDEX_COLOUR}
                strokeWidth={3}
                dot={{ r: 4 }}
                connectNulls={false}
                isAnimationActive={false}
              />
              {showNps && (
                <Line
                  yAxisId="nps"
                  type="monotone"
                  dataKey="nps"
                  name={t('npsAxis')}
                  stroke={NPS_COLOUR}
                  strokeDasharray="6 3"
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                />
              )}
              {shownDimensions.map((d) => (
                <Line
                  key={d.code}
                  yAxisId="score"
                  type="monotone"
                  dataKey={d.dataKey}
                  name={d.name}
                  stroke={colourOf.get(d.code)}
                  strokeWidth={1.5}
                  dot={{ r: 2 }}
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </ChartFigure>
      </>
    );
  };

  return (
    <Section title={t('title')} hint={t('hint')} testId="analysis-trend">
      {body()}
    </Section>
  );
}
