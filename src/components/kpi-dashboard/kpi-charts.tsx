'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

/**
 * The dashboard's charts on recharts. Every bar carries the drill-down link of the records behind it (`href`): a
 * click lands on the interactions list filtered to exactly those records. Each chart has its table beside it
 * (kpi-dashboard.tsx) for reading, copying and screen readers.
 */
export const KPI_COLOURS = ['#1d4ed8', '#94a3b8', '#cbd5e1', '#0891b2', '#16a34a', '#d97706', '#dc2626', '#7c3aed'];

export type DrillBar = { name: string; href: string | null } & Record<string, string | number | null>;

const Frame = ({ height = 260, children }: { height?: number; children: React.ReactElement }) => (
  <div style={{ height }}>
    <ResponsiveContainer width="100%" height="100%">
      {children}
    </ResponsiveContainer>
  </div>
);

/** Grouped bars (one bar per series for each row); a click on a bar follows the row's link. */
export function DrillBarChart({
  rows,
  series,
  onDrill,
  stacked = false,
}: {
  rows: readonly DrillBar[];
  series: readonly { key: string; name: string }[];
  onDrill: (href: string) => void;
  stacked?: boolean;
}) {
  return (
    <Frame>
      <BarChart data={[...rows]} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="name" fontSize={12} />
        <YAxis allowDecimals={false} width={32} fontSize={12} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stackId={stacked ? 'stack' : undefined}
            fill={KPI_COLOURS[i % KPI_COLOURS.length]}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(entry: { payload?: DrillBar }) => {
              const href = entry.payload?.[`${s.key}Href`] ?? (i === 0 ? entry.payload?.href : null);
              if (typeof href === 'string') onDrill(href);
            }}
          />
        ))}
      </BarChart>
    </Frame>
  );
}

/** Pareto: bars by count, most first, and the cumulative share as a line on a 0–100 % axis. */
export function ParetoChart({
  rows,
  labels,
  onDrill,
}: {
  rows: readonly { name: string; count: number; cumulative: number; href: string | null }[];
  labels: { count: string; cumulative: string };
  onDrill: (href: string) => void;
}) {
  return (
    <Frame>
      <ComposedChart data={[...rows]} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="name" fontSize={12} />
        <YAxis yAxisId="count" allowDecimals={false} width={32} fontSize={12} />
        <YAxis yAxisId="share" orientation="right" domain={[0, 100]} unit="%" width={44} fontSize={12} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          yAxisId="count"
          dataKey="count"
          name={labels.count}
          fill={KPI_COLOURS[0]}
          isAnimationActive={false}
          cursor="pointer"
          onClick={(entry: { payload?: { href: string | null } }) => {
            if (entry.payload?.href) onDrill(entry.payload.href);
          }}
        />
        <Line
          yAxisId="share"
          dataKey="cumulative"
          name={labels.cumulative}
          stroke={KPI_COLOURS[6]}
          isAnimationActive={false}
        />
      </ComposedChart>
    </Frame>
  );
}

/** Lines over time (complaints per month, the satisfaction index and NPS per survey period). */
export function TrendLineChart({
  rows,
  series,
}: {
  rows: readonly Record<string, string | number | null>[];
  series: readonly { key: string; name: string }[];
}) {
  return (
    <Frame>
      <LineChart data={[...rows]} margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
        <XAxis dataKey="name" fontSize={12} />
        <YAxis width={36} fontSize={12} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={KPI_COLOURS[(i * 3) % KPI_COLOURS.length]}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </Frame>
  );
}
