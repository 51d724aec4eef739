'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { Column, TableState } from '@/components/ui/data-table';
import { LoadMore } from '@/components/ui/load-more';
import { ErrorBanner } from '@/components/ui/status';
import { formatNumber, formatScore, formatSignedScore } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { TONE_ARROW, TONE_CLASS, deltaTone } from './analysis-maths';
import { SegmentedControl } from '@/components/ui/segmented-control';

// Small pieces shared by the analysis and annual-index screens.

/** The translated one-liner for any failure of an analysis operation. */
export function useAnalysisErrorMessage() {
  const t = useTranslations('surveyAnalysis.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}

/** A grey placeholder block while data loads (hidden from screen readers, which hear the section's status instead). */
export function Skeleton({ className = '' }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200/70 ${className}`} />;
}

/** Placeholders shaped like a section: a title line and a chart-sized block. */
export function SectionSkeleton({ label, testId }: { label: string; testId?: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid={testId}
    >
      <Skeleton className="h-4 w-40" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}

/**
 * What a section shows while its answer is not in: the failure with a retry (`<prefix>-error`), or placeholders while
 * it loads (`<prefix>-loading`); null when neither applies, so a section's body starts
 * `const pending = sectionPending(query, !query.data, 'trend'); if (pending) return pending;`. A list that keeps its
 * rows after a failed next page passes `{ error: list.loaded ? null : list.error, refetch: list.refetch }`.
 */
export function useSectionPending() {
  const t = useTranslations('surveyAnalysis');
  const errorMessage = useAnalysisErrorMessage();
  return (
    query: { error: unknown; refetch: () => unknown },
    loading: boolean,
    testIdPrefix: string,
    /** The placeholder's accessible name (defaults to "loading"). */
    label?: string,
  ): React.ReactNode =>
    query.error ? (
      <ErrorBanner
        message={errorMessage(query.error)}
        onRetry={() => void query.refetch()}
        testId={`${testIdPrefix}-error`}
      />
    ) : loading ? (
      <SectionSkeleton label={label ?? t('loading')} testId={`${testIdPrefix}-loading`} />
    ) : null;
}

/**
 * The footer of an analysis list (low scores, text answers): "showing n of total" (`<prefix>-total`, worded by the
 * list: `shown` is the list's message taking {shown} and {total}) and the next-page button (`<prefix>-load-more`).
 */
export function AnalysisLoadMore({
  list,
  shown,
  testIdPrefix,
}: {
  list: React.ComponentProps<typeof LoadMore>['query'] & { rows: readonly unknown[]; totalCount: number | null };
  shown: (counts: { shown: string; total: string }) => string;
  testIdPrefix: string;
}) {
  const locale = useLocale();
  const errorMessage = useAnalysisErrorMessage();
  return (
    <LoadMore
      query={list}
      total={
        <span data-testid={`${testIdPrefix}-total`}>
          {shown({ shown: formatNumber(list.rows.length, locale), total: formatNumber(list.totalCount ?? 0, locale) })}
        </span>
      }
      errorMessage={errorMessage}
      testId={`${testIdPrefix}-load-more`}
    />
  );
}

/** A section of the analysis: a heading, an optional hint, its content. */
export function Section({
  title,
  hint,
  actions,
  children,
  testId,
}: {
  title: string;
  hint?: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
  testId?: string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={testId}>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {hint && <p className="mt-0.5 max-w-3xl text-xs text-slate-500">{hint}</p>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-2 print:hidden">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * A chart with its title, a one-line description, and the same numbers as a table. People who prefer reading (or
 * use a screen reader) switch to the table; while the chart is shown the table stays in the page for screen readers
 * only, so the numbers are never locked inside an SVG.
 */
export function ChartFigure({
  title,
  description,
  testId,
  table,
  legend,
  footer,
  children,
  compact = false,
}: {
  title: string;
  description?: string;
  testId?: string;
  table: React.ReactNode;
  /** Explains the chart's colours; shown with the chart only. */
  legend?: React.ReactNode;
  /** Shown under the chart and under the table alike. */
  footer?: React.ReactNode;
  children: React.ReactNode;
  compact?: boolean;
}) {
  const t = useTranslations('surveyAnalysis.chart');
  const [mode, setMode] = useState<'chart' | 'table'>('chart');
  const titleId = useId();
  const descriptionId = useId();
  return (
    <figure
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white ${compact ? 'p-3' : 'p-4'}`}
      data-testid={testId}
    >
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <figcaption id={titleId} className="text-sm font-medium text-slate-900">
            {title}
          </figcaption>
          {description && (
            <p id={descriptionId} className="mt-0.5 text-xs text-slate-500">
              {description}
            </p>
          )}
        </div>
        <SegmentedControl
          look="compact"
          className="print:hidden"
          label={t('viewAs')}
          values={['chart', 'table'] as const}
          value={mode}
          onChange={setMode}
          labelOf={(m) => t(m)}
          testIdOf={(m) => (testId ? `${testId}-show-${m}` : undefined)}
        />
      </div>
      {mode === 'chart' ? (
        <>
          {/* The SVG is decoration for assistive technology: the table below (visually hidden) carries the numbers. */}
          <div aria-hidden data-testid={testId ? `${testId}-svg` : undefined}>
            {children}
          </div>
          {legend}
          <div className="sr-only">{table}</div>
        </>
      ) : (
        <div className="overflow-x-auto">{table}</div>
      )}
      {footer}
    </figure>
  );
}

/** A report table's rows are in before it is drawn: its section shows the loading, failure and empty states itself. */
export const LOADED: TableState = { loading: false };

/** Cells of the free rows under a report table (DataTable's `footer`: sums with row headers spanning columns). */
export const footerCell = { label: 'px-3 py-2 text-left', number: 'px-3 py-2 text-right tabular-nums' } as const;

/** A right-aligned number column of a report table, with its total (if any) in the footer row. */
export function numberColumn<Row>(
  id: string,
  header: React.ReactNode,
  cell: (row: Row) => React.ReactNode,
  footer?: React.ReactNode,
): Column<Row> {
  return { id, header, cell, footer, className: 'text-right tabular-nums' };
}

/** A score with one decimal, or a dash when there is none. */
export function Score({
  value,
  testId,
  className = '',
}: {
  value: number | null | undefined;
  testId?: string;
  className?: string;
}) {
  const locale = useLocale();
  return (
    <span className={`tabular-nums ${className}`} data-testid={testId}>
      {value == null ? '—' : formatScore(value, locale)}
    </span>
  );
}

/** B − A with its sign, an arrow and the colour for better / worse (colour is never the only cue). */
export function Delta({ delta, testId }: { delta: number | null; testId?: string }) {
  const t = useTranslations('surveyAnalysis.compare');
  const locale = useLocale();
  const tone = deltaTone(delta);
  if (delta == null)
    return (
      <span className="text-slate-400" data-testid={testId} data-tone={tone}>
        —
      </span>
    );
  return (
    <span
      className={`whitespace-nowrap font-medium tabular-nums ${TONE_CLASS[tone]}`}
      data-testid={testId}
      data-tone={tone}
      title={t(`tone.${tone}`)}
    >
      <span aria-hidden>{TONE_ARROW[tone]} </span>
      {formatSignedScore(delta, locale)}
      <span className="sr-only"> ({t(`tone.${tone}`)})</span>
    </span>
  );
}

/** "样本少" next to a number based on few responses. */
export function SmallSampleBadge() {
  const t = useTranslations('surveyAnalysis.breakdown');
  return (
    <span
      className="ml-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900"
      title={t('smallSampleHint')}
      data-testid="small-sample"
    >
      {t('smallSample')}
    </span>
  );
}
