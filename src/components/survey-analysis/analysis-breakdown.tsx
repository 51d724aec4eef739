'use client';
import { graphql } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable } from '@/components/ui/data-table';
import type { SurveySegment } from '@/gql/graphql';
import { formatNumber, formatScore } from '@/lib/format';
import { EmptyState } from '@/components/surveys/survey-ui';
import { segmentRows, SMALL_SAMPLE } from './analysis-maths';
import { SEGMENT_VALUES, toAnalysisFilter, type AnalysisFilterState } from './analysis-params';
import { ChartFigure, Section, SmallSampleBadge, LOADED, numberColumn, useSectionPending } from './analysis-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { SegmentedControl } from '@/components/ui/segmented-control';

export const SurveyAnalysisBreakdownQuery = graphql(`
  query SurveyAnalysisBreakdown($filter: SurveyAnalysisFilter!, $by: SurveySegment!) {
    surveyBreakdown(filter: $filter, by: $by) {
      value
      responses
      index
      nps
    }
  }
`);

const BAR = '#1d4ed8';
const BAR_SMALL_SAMPLE = '#93c5fd';

/** The index per customer segment (province, industry, grade, key-account status), responses shown beside each. */
export function AnalysisBreakdown({
  filter,
  segment,
  onSegment,
}: {
  filter: AnalysisFilterState;
  segment: SurveySegment;
  onSegment: (segment: SurveySegment) => void;
}) {
  const t = useTranslations('surveyAnalysis');
  const tb = useTranslations('surveyAnalysis.breakdown');
  const locale = useLocale();
  const sectionPending = useSectionPending();
  const variables = { filter: toAnalysisFilter(filter), by: segment };
  const breakdown = useGqlQuery(SurveyAnalysisBreakdownQuery, variables, { keepPrevious: true });

  // Province and industry values are shown as stored; grades and key-account statuses are enums with labels.
  const label = (value: string | null) => {
    if (value == null) return tb('noValue');
    if (segment === 'GRADE' || segment === 'KEY_ACCOUNT') {
      const key = `segmentValue.${segment}.${value}`;
      return t.has(key) ? t(key) : value;
    }
    return value;
  };
  const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : '—');

  const body = () => {
    const pending = sectionPending(breakdown, !breakdown.data, 'breakdown');
    if (pending || !breakdown.data) return pending;
    const rows = segmentRows(breakdown.data.surveyBreakdown, label);
    if (rows.length === 0 || rows.every((r) => r.responses === 0))
      return <EmptyState title={tb('empty')} testId="breakdown-empty" />;
    // The bar's own label says the index and the sample size, so a small n is seen next to its number.
    const chartRows = rows.map((r) => ({
      ...r,
      chartLabel: r.label,
      barLabel: `${score(r.index)} · n=${r.responses}`,
    }));

    const table = (
      <DataTable<(typeof rows)[number]>
        columns={[
          {
            id: 'segment',
            header: tb(`segment.${segment}`),
            cell: (row) => (
              <>
                {row.label}
                {row.smallSample && <SmallSampleBadge />}
              </>
            ),
          },
          numberColumn('responses', tb('responses'), (row) => formatNumber(row.responses, locale)),
          numberColumn('index', tb('index'), (row) => score(row.index)),
          numberColumn('nps', tb('nps'), (row) => score(row.nps)),
        ]}
        rows={rows}
        rowKey={(row) => row.key}
        state={LOADED}
        empty={null}
        caption={tb('tableCaption', { segment: tb(`segment.${segment}`) })}
        testId="breakdown-table"
        rowTestId="breakdown-row"
      />
    );

    return (
      <ChartFigure
        title={tb('chartTitle', { segment: tb(`segment.${segment}`) })}
        description={tb('chartDescription', { min: SMALL_SAMPLE })}
        testId="breakdown-chart"
        table={table}
        legend={
          <p className="mt-1 flex flex-wrap gap-4 text-xs text-slate-600">
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden className="inline-block size-3 rounded-sm" style={{ background: BAR }} />
              {tb('legendIndex')}
            </span>
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden className="inline-block size-3 rounded-sm" style={{ background: BAR_SMALL_SAMPLE }} />
              {tb('legendSmallSample', { min: SMALL_SAMPLE })}
            </span>
          </p>
        }
      >
        <ResponsiveContainer width="100%" height={Math.max(200, rows.length * 34 + 40)}>
          <BarChart
            data={chartRows}
            layout="vertical"
            margin={{ top: 4, right: 84, bottom: 4, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" domain={[0, 100]} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="chartLabel" tick={{ fontSize: 12 }} width={110} interval={0} />
            <Tooltip
              formatter={(value, _name, entry) => {
                const row = entry.payload as (typeof chartRows)[number];
                return [`${score(value)}（${tb('responsesCount', { count: row.responses })}）`, tb('index')];
              }}
            />
            <Bar dataKey="index" name={tb('index')} isAnimationActive={false} maxBarSize={26}>
              {chartRows.map((row) => (
                <Cell key={row.key} fill={row.smallSample ? BAR_SMALL_SAMPLE : BAR} />
              ))}
              <LabelList dataKey="barLabel" position="right" style={{ fontSize: 11, fill: '#475569' }} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    );
  };

  return (
    <Section
      title={tb('title')}
      hint={tb('hint')}
      testId="analysis-breakdown"
      actions={
        <SegmentedControl
          label={tb('by')}
          values={SEGMENT_VALUES}
          value={segment}
          onChange={onSegment}
          labelOf={(s) => tb(`segment.${s}`)}
          testIdOf={(s) => `segment-${s}`}
        />
      }
    >
      {body()}
    </Section>
  );
}
