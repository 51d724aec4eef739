'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SurveyAnalysisOverviewQuery } from '@/gql/graphql';
import { formatNumber, formatPercent, formatScore } from '@/lib/format';
import { dimensionName, dimensionRows, distributionRows, questionText, seriesColour } from './analysis-maths';
import { ChartFigure, EmptyState, Section, tableClass } from './analysis-ui';

type Analysis = SurveyAnalysisOverviewQuery['surveyAnalysis'];
type QuestionAnalysis = Analysis['questions'][number];

const SCORE_DOMAIN: [number, number] = [0, 100];

/** Per-dimension scores as bars (0–100) with the weights behind the index in the table. */
export function DimensionChart({ analysis }: { analysis: Analysis }) {
  const t = useTranslations('surveyAnalysis.dimensions');
  const locale = useLocale();
  const rows = dimensionRows(analysis.dimensions);
  const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : '');
  // Each bar is named with its effective weight, so the chart alone shows what the index leans on.
  const chartRows = rows.map((r) => ({
    ...r,
    axisLabel: `${dimensionName(r, locale)}（${formatPercent(r.effectiveWeight, locale)}）`,
  }));

  if (rows.length === 0) return <EmptyState title={t('none')} testId="dimension-empty" />;

  const table = (
    <table className={tableClass.table} data-testid="dimension-table">
      <caption className="sr-only">{t('tableCaption')}</caption>
      <thead className={tableClass.head}>
        <tr>
          <th scope="col" className={tableClass.th}>
            {t('dimension')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('weight')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('effectiveWeight')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('score')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('contribution')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('answers')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.code} className={tableClass.row} data-testid="dimension-row">
            <th scope="row" className={`${tableClass.td} font-normal`}>
              {dimensionName(row, locale)}
            </th>
            <td className={tableClass.tdNumber}>{formatNumber(row.weight, locale, 2)}</td>
            <td className={tableClass.tdNumber}>{formatPercent(row.effectiveWeight, locale)}</td>
            <td className={tableClass.tdNumber}>
              {row.score == null ? t('noAnswers') : formatScore(row.score, locale)}
            </td>
            <td className={tableClass.tdNumber}>
              {row.contribution == null ? '—' : formatScore(row.contribution, locale)}
            </td>
            <td className={tableClass.tdNumber}>{formatNumber(row.answers, locale)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t border-slate-300 font-medium">
          <th scope="row" className={tableClass.td}>
            {t('index')}
          </th>
          <td className={tableClass.tdNumber} />
          <td className={tableClass.tdNumber}>
            {formatPercent(
              rows.reduce((s, r) => s + r.effectiveWeight, 0),
              locale,
            )}
          </td>
          <td className={tableClass.tdNumber} />
          <td className={tableClass.tdNumber}>{analysis.index == null ? '—' : formatScore(analysis.index, locale)}</td>
          <td className={tableClass.tdNumber} />
        </tr>
      </tfoot>
    </table>
  );

  return (
    <ChartFigure title={t('title')} description={t('description')} testId="dimension-chart" table={table}>
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={chartRows} margin={{ top: 20, right: 8, bottom: 4, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="axisLabel" tick={{ fontSize: 12 }} interval={0} />
          <YAxis domain={SCORE_DOMAIN} tick={{ fontSize: 12 }} width={36} />
          <Tooltip formatter={(value) => [score(value), t('score')]} />
          <Bar dataKey="score" name={t('score')} fill={seriesColour(0)} isAnimationActive={false} maxBarSize={56}>
            <LabelList dataKey="score" position="top" formatter={score} style={{ fontSize: 12, fill: '#334155' }} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
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
      <div className="flex gap-1">
        <dt>{t('answered')}</dt>
        <dd className="tabular-nums" data-testid="question-answered">
          {formatNumber(item.answered, locale)}
        </dd>
      </div>
      {item.average != null && (
        <div className="flex gap-1">
          <dt>{t('average')}</dt>
          <dd className="tabular-nums">
            {formatScore(item.average, locale)}
            {scale ? ` / ${scale}` : ''}
          </dd>
        </div>
      )}
      {item.score != null && (
        <div className="flex gap-1">
          <dt>{t('score')}</dt>
          <dd className="font-medium tabular-nums text-slate-900" data-testid="question-score">
            {formatScore(item.score, locale)}
          </dd>
        </div>
      )}
      {dimensionName && (
        <div className="flex gap-1">
          <dt>{t('dimension')}</dt>
          <dd>{dimensionName}</dd>
        </div>
      )}
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
    <table className={tableClass.table}>
      <caption className="sr-only">{t('distributionOf', { question: text })}</caption>
      <thead className={tableClass.head}>
        <tr>
          <th scope="col" className={tableClass.th}>
            {scale ? t('rating') : t('choice')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('count')}
          </th>
          <th scope="col" className={tableClass.thNumber}>
            {t('share')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.value} className={tableClass.row}>
            <th scope="row" className={`${tableClass.td} font-normal`}>
              {row.label}
            </th>
            <td className={tableClass.tdNumber}>{formatNumber(row.count, locale)}</td>
            <td className={tableClass.tdNumber}>{formatPercent(row.share, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
