'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * The report's charts on recharts, for what people would rather see than read: how this month compares with the last
 * (grouped bars), what the intake is made of (a pie), which products stand out (bars). Each chart sits in a box of
 * fixed height, so ResponsiveContainer has a size to measure; the figures are also in the tables and the files.
 */

export const CHART_COLOURS = { thisMonth: '#1d4ed8', lastMonth: '#94a3b8' } as const;
const PIE_COLOURS = ['#1d4ed8', '#0891b2', '#16a34a', '#d97706'];

export type ComparisonRow = { name: string; thisMonth: number; lastMonth: number };

export function ChartCard({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** Grouped bars: this month beside last month, one group per row. */
export function ComparisonBarChart({
  rows,
  labels,
  layout = 'horizontal',
}: {
  rows: readonly ComparisonRow[];
  labels: { thisMonth: string; lastMonth: string };
  layout?: 'horizontal' | 'vertical';
}) {
  const vertical = layout === 'vertical';
  const height = vertical ? Math.max(160, rows.length * 44 + 60) : 240;
  return (
    <div style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={[...rows]}
          layout={vertical ? 'vertical' : 'horizontal'}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {vertical ? (
            <>
              <XAxis type="number" allowDecimals={false} fontSize={12} />
              <YAxis type="category" dataKey="name" width={96} fontSize={12} />
            </>
          ) : (
            <>
              <XAxis dataKey="name" fontSize={12} />
              <YAxis allowDecimals={false} width={32} fontSize={12} />
            </>
          )}
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="thisMonth" name={labels.thisMonth} fill={CHART_COLOURS.thisMonth} isAnimationActive={false} />
          <Bar dataKey="lastMonth" name={labels.lastMonth} fill={CHART_COLOURS.lastMonth} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Shares of a whole (intake by type); slices with nothing are left out. */
export function SharePieChart({ slices }: { slices: readonly { name: string; value: number }[] }) {
  const data = slices.filter((s) => s.value > 0).map((s, i) => ({ ...s, fill: PIE_COLOURS[i % PIE_COLOURS.length] }));
  return (
    <div style={{ height: 240 }}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie
            data={data}
            dataKey="value"
            nameKey="name"
            outerRadius={80}
            label={({ name, value }) => `${name} ${value}`}
            isAnimationActive={false}
          />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** One series of horizontal bars (products with most complaints). */
export function CountBarChart({ rows, label }: { rows: readonly { name: string; count: number }[]; label: string }) {
  return (
    <div style={{ height: Math.max(120, rows.length * 32 + 40) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...rows]} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis type="number" allowDecimals={false} fontSize={12} />
          <YAxis type="category" dataKey="name" width={110} fontSize={12} />
          <Tooltip />
          <Bar dataKey="count" name={label} fill={CHART_COLOURS.thisMonth} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
