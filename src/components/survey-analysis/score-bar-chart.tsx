'use client';
import { useLocale } from 'next-intl';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatScore } from '@/lib/format';
import { seriesColour } from './analysis-maths';

/**
 * Scores on the 0–100 scale as one series of bars, each with its value on top: a dimension's score, a period's index.
 * The caller puts it in a ChartFigure (whose table carries the same numbers for assistive technology).
 */
export function ScoreBarChart<Row extends Record<string, unknown>>({
  rows,
  categoryKey,
  scoreKey,
  name,
  height,
  missing,
  everyCategory = false,
}: {
  rows: readonly Row[];
  /** The field that names each bar (the x axis). */
  categoryKey: keyof Row & string;
  /** The field holding the score (null where there is none). */
  scoreKey: keyof Row & string;
  /** The series' name in the tooltip. */
  name: string;
  height: number;
  /** What a bar without a score shows ('' for nothing, '—'). */
  missing: string;
  /** Label every bar on the axis, even when the names crowd (recharts skips some by default). */
  everyCategory?: boolean;
}) {
  const locale = useLocale();
  const score = (value: unknown) => (typeof value === 'number' ? formatScore(value, locale) : missing);
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart
        data={rows as Record<string, unknown>[]}
        margin={{ top: 20, right: 8, bottom: 4, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey={categoryKey as string} tick={{ fontSize: 12 }} interval={everyCategory ? 0 : undefined} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} width={36} />
        <Tooltip formatter={(value) => [score(value), name]} />
        <Bar dataKey={scoreKey as string} name={name} fill={seriesColour(0)} isAnimationActive={false} maxBarSize={56}>
          <LabelList dataKey={scoreKey} position="top" formatter={score} style={{ fontSize: 12, fill: '#334155' }} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
