'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { DataTable } from '@/components/ui/data-table';
import { getFragmentData } from '@/gql';
import type { SurveyAnalysisOverviewQuery } from '@/gql/graphql';
import { formatNumber, formatPercent, formatScore } from '@/lib/format';
import {
  SurveyChoiceLabelFragment,
  SurveyDimensionResultFragment,
  SurveyQuestionLabelFragment,
} from '@/components/surveys/survey-operations';
import { EmptyState } from '@/components/surveys/survey-ui';
import { dimensionName, dimensionRows, distributionRows, questionText, seriesColour } from './analysis-maths';
import { ChartFigure, LOADED, numberColumn, Section } from './analysis-ui';
import { ScoreBarChart } from './score-bar-chart';

/**
 * The overview's analysis with its fragments read (dimension results, question and choice labels): done once where
 * the query's data enters the screen, so the charts, tables and cards below read plain fields.
 */
export function unmaskAnalysis(analysis: SurveyAnalysisOverviewQuery['surveyAnalysis']) {
  return {
    ...analysis,
    dimensions: analysis.dimensions.map((d) => ({ ...d, ...getFragmentData(SurveyDimensionResultFragment, d) })),
    questions: analysis.questions.map((item) => ({
      ...item,
      question: {
        ...item.question,
        ...getFragmentData(SurveyQuestionLabelFragment, item.question),
        choices: getFragmentData(SurveyChoiceLabelFragment, item.question.choices),
      },
    })),
  };
}

export type Analysis = ReturnType<typeof unmaskAnalysis>;
type QuestionAnalysis = Analysis['questions'][number];

/** Per-dimension scores as bars (0–100) with the weights behind the index in the table. */
export function DimensionChart({ analysis }: { analysis: Analysis }) {
  const t = useTranslations('surveyAnalysis.dimensions');
  const locale = useLocale();
  const rows = dimensionRows(analysis.dimensions);
  // Each bar is named with its effective weight, so the chart alone shows what the index leans on.
  const chartRows = rows.map((r) => ({
    ...r,
    axisLabel: `${dimensionName(r, locale)}（${formatPercent(r.effectiveWeight, locale)}）`,
  }));

  if (rows.length === 0) return <EmptyState title={t('none')} testId="dimension-empty" />;

  const table = (
    <DataTable<(typeof rows)[number]>
      columns={[
        { id: 'dimension', header: t('dimension'), cell: (row) => dimensionName(row, locale), footer: t('index') },
        numberColumn('weight', t('weight'), (row) => formatNumber(row.weight, locale, 2)),
        numberColumn(
          'effectiveWeight',
          t('effectiveWeight'),
          (row) => formatPercent(row.effectiveWeight, locale),
          formatPercent(
            rows.reduce((s, r) => s + r.effectiveWeight, 0),
            locale,
          ),
        ),
        numberColumn('score', t('score'), (row) =>
          row.score == null ? t('noAnswers') : formatScore(row.score, locale),
        ),
        numberColumn(
          'contribution',
          t('contribution'),
          (row) => (row.contribution == null ? '—' : formatScore(row.contribution, locale)),
          analysis.index == null ? '—' : formatScore(analysis.index, locale),
        ),
        numberColumn('answers', t('answers'), (row) => formatNumber(row.answers, locale)),
      ]}
      rows={rows}
      rowKey={(row) => row.code}
      state={LOADED}
      empty={null}
      caption={t('tableCaption')}
      testId="dimension-table"
      rowTestId="dimension-row"
    />
  );

  return (
    <ChartFigure title={t('title')} description={t('description')} testId="dimension-chart" table={table}>
      <ScoreBarChart
        rows={chartRows}
        categoryKey="axisLabel"
        scoreKey="score"
        name={t('score')}
        height={280}
        missing=""
        everyCategory
      />
    </ChartFigure>
  );
}

/** One fact of a question card's line ("回答 12", "平均 4.2 / 5"): a term and its value side by side. */
function Fact({
  label,
  className,
  testId,
  children,
}: {
  label: string;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex gap-1">
      <dt>{label}</dt>
      <dd className={className} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

const TYPE_SCALE: Partial<Record<QuestionAnalysis['question']['type'], number>> = {
  RATING_5: 5,
  RATING_10: 10,
  NPS: 10,
};

/** One question: its numbers and the distribution of its answers (text questions link to what was written). */
function QuestionCard({
  item,
  number,
  textAnswersHref,
}: {
  item: QuestionAnalysis;
  number: number;
  textAnswersHref: (questionId: string) => string;
}) {
  const t = useTranslations('surveyAnalysis.questions');
  const locale = useLocale();
  const { question } = item;
  const text = questionText(question, locale);
  const scale = TYPE_SCALE[question.type];
  const dimensionName = question.dimension
    ? (locale.startsWith('en') && question.dimension.nameEn) || question.dimension.name
    : null;

  const facts = (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
      <Fact label={t('answered')} className="tabular-nums" testId="question-answered">
        {formatNumber(item.answered, locale)}
      </Fact>
      {item.average != null && (
        <Fact label={t('average')} className="tabular-nums">
          {formatScore(item.average, locale)}
          {scale ? ` / ${scale}` : ''}
        </Fact>
      )}
      {item.score != null && (
        <Fact label={t('score')} className="font-medium tabular-nums text-slate-900" testId="question-score">
          {formatScore(item.score, locale)}
        </Fact>
      )}
      {dimensionName && <Fact label={t('dimension')}>{dimensionName}</Fact>}
      {!question.scored && question.type !== 'TEXT' && (
        <div className="text-slate-400">
          <dt className="sr-only">{t('score')}</dt>
          <dd>{t('notScored')}</dd>
        </div>
      )}
    </dl>
  );

  if (question.type === 'TEXT') {
    return (
      <article
        className="rounded-lg border border-slate-200 bg-white p-3"
        data-testid="question-card"
        data-question-type={question.type}
      >
        <h3 className="text-sm font-medium text-slate-900">
          {number}. {text}
        </h3>
        {facts}
        <p className="mt-2 text-sm text-slate-700">
          {t('textCount', { count: item.textAnswers })}{' '}
          {item.textAnswers > 0 && (
            <Link
              href={textAnswersHref(question.id)}
              className="font-medium text-blue-700 hover:underline print:hidden"
              data-testid="question-text-link"
            >
              {t('readTextAnswers')}
            </Link>
          )}
        </p>
      </article>
    );
  }

  const rows = distributionRows(question.type, item.distribution, question.choices, locale);
  const table = (
    <DataTable<(typeof rows)[number]>
      columns={[
        { id: 'value', header: scale ? t('rating') : t('choice'), cell: (row) => row.label },
        numberColumn('count', t('count'), (row) => formatNumber(row.count, locale)),
        numberColumn('share', t('share'), (row) => formatPercent(row.share, locale)),
      ]}
      rows={rows}
      rowKey={(row) => String(row.value)}
      state={LOADED}
      empty={null}
      caption={t('distributionOf', { question: text })}
    />
  );

  return (
    <div data-testid="question-card" data-question-type={question.type}>
      <ChartFigure title={`${number}. ${text}`} table={table} compact footer={facts}>
        <ResponsiveContainer width="100%" height={170}>
          <BarChart data={rows} margin={{ top: 18, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={30} />
            <Tooltip
              formatter={(value, _name, entry) => [
                `${formatNumber(Number(value), locale)}（${formatPercent((entry.payload as { share: number }).share, locale)}）`,
                t('count'),
              ]}
            />
            <Bar dataKey="count" name={t('count')} fill={seriesColour(5)} isAnimationActive={false} maxBarSize={40}>
              <LabelList
                dataKey="share"
                position="top"
                formatter={(v: unknown) => (typeof v === 'number' && v > 0 ? formatPercent(v, locale) : '')}
                style={{ fontSize: 10, fill: '#475569' }}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFigure>
    </div>
  );
}

/** Every question of the analysed responses in questionnaire order. */
export function QuestionDistributions({
  analysis,
  textAnswersHref,
}: {
  analysis: Analysis;
  textAnswersHref: (questionId: string) => string;
}) {
  const t = useTranslations('surveyAnalysis.questions');
  const questions = [...analysis.questions].sort((a, b) => a.question.position - b.question.position);
  return (
    <Section title={t('title')} hint={t('hint')} testId="question-distributions">
      {questions.length === 0 ? (
        <EmptyState title={t('none')} />
      ) : (
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {/* Numbered by order shown: positions are the template's own (0-based) and may repeat across versions. */}
          {questions.map((item, i) => (
            <QuestionCard key={item.question.id} item={item} number={i + 1} textAnswersHref={textAnswersHref} />
          ))}
        </div>
      )}
    </Section>
  );
}
