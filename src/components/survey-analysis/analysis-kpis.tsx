'use client';
import { useLocale, useTranslations } from 'next-intl';
import { formatNumber, formatPercent, formatScore } from '@/lib/format';
import type { Analysis } from './analysis-overview';
import { Skeleton } from './analysis-ui';

function Tile({
  label,
  children,
  testId,
  className = '',
}: {
  label: string;
  children: React.ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <div className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`} data-testid={testId}>
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div className="mt-1">{children}</div>
    </div>
  );
}

/** While the analysis loads: tiles of the same size, so the page does not jump when the numbers arrive. */
export function KpiSkeleton() {
  const t = useTranslations('surveyAnalysis');
  return (
    <div
      role="status"
      aria-label={t('loading')}
      className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6"
      data-testid="kpi-skeleton"
    >
      <Skeleton className="h-40 lg:col-span-2 lg:row-span-2" />
      {Array.from({ length: 5 }, (_, i) => (
        <Skeleton key={i} className="h-20" />
      ))}
    </div>
  );
}

/**
 * The headline numbers: responses, invited, response rate, the satisfaction index with the formula that produced it
 * (SPEC §6: the index is weighted, and a quality manager must be able to follow how), NPS, and the low scores waiting
 * for a follow-up.
 */
export function AnalysisKpis({ analysis, onShowLowScores }: { analysis: Analysis; onShowLowScores: () => void }) {
  const t = useTranslations('surveyAnalysis.kpi');
  const locale = useLocale();
  const n = (value: number) => formatNumber(value, locale);
  const nps = analysis.nps;
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
      <Tile label={t('index')} testId="kpi-index-tile" className="sm:col-span-2 lg:col-span-2 lg:row-span-2">
        <div className="flex items-baseline gap-1">
          <span className="text-5xl font-semibold tracking-tight text-blue-800 tabular-nums" data-testid="kpi-index">
            {analysis.index == null ? '—' : formatScore(analysis.index, locale)}
          </span>
          <span className="text-sm text-slate-500">/ 100</span>
        </div>
        {analysis.index == null && <p className="mt-1 text-xs text-slate-500">{t('noIndex')}</p>}
        <p
          className="mt-3 rounded bg-slate-50 px-2 py-1.5 font-mono text-xs break-words text-slate-700"
          data-testid="analysis-formula"
        >
          {locale.startsWith('en') ? analysis.formulaEn : analysis.formula}
        </p>
        <details className="mt-2 text-xs text-slate-600" data-testid="formula-explanation">
          <summary className="cursor-pointer font-medium text-blue-700 hover:underline">{t('howComputed')}</summary>
          <ol className="mt-2 list-decimal space-y-1 pl-4">
            <li>{t('step1')}</li>
            <li>{t('step2')}</li>
            <li>{t('step3')}</li>
            <li>{t('step4')}</li>
          </ol>
        </details>
      </Tile>
      <Tile label={t('responses')} testId="kpi-responses-tile">
        <span className="text-2xl font-semibold tabular-nums" data-testid="kpi-responses">
          {n(analysis.responses)}
        </span>
      </Tile>
      <Tile label={t('invited')}>
        <span className="text-2xl font-semibold tabular-nums" data-testid="kpi-invited">
          {n(analysis.invited)}
        </span>
      </Tile>
      <Tile label={t('responseRate')}>
        <span className="text-2xl font-semibold tabular-nums" data-testid="kpi-response-rate">
          {formatPercent(analysis.responseRate, locale)}
        </span>
        <p className="mt-0.5 text-xs text-slate-500">{t('responseRateHint')}</p>
      </Tile>
      <Tile label={t('lowScores')} testId="kpi-low-scores-tile">
        <span
          className={`text-2xl font-semibold tabular-nums ${analysis.lowScores > 0 ? 'text-red-700' : ''}`}
          data-testid="kpi-low-scores"
        >
          {n(analysis.lowScores)}
        </span>
        {analysis.lowScores > 0 && (
          <button
            type="button"
            className="mt-0.5 block text-xs font-medium text-blue-700 hover:underline print:hidden"
            onClick={onShowLowScores}
          >
            {t('showLowScores')}
          </button>
        )}
      </Tile>
      <Tile label={t('nps')} testId="kpi-nps-tile" className="sm:col-span-2 lg:col-span-4">
        {nps ? (
          <>
            <span className="text-2xl font-semibold tabular-nums" data-testid="kpi-nps">
              {formatScore(nps.score, locale)}
            </span>
            <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
              <div className="flex gap-1">
                <dt className="text-green-700">{t('promoters')}</dt>
                <dd className="tabular-nums" data-testid="kpi-nps-promoters">
                  {n(nps.promoters)}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-slate-600">{t('passives')}</dt>
                <dd className="tabular-nums">{n(nps.passives)}</dd>
              </div>
              <div className="flex gap-1">
                <dt className="text-red-700">{t('detractors')}</dt>
                <dd className="tabular-nums">{n(nps.detractors)}</dd>
              </div>
            </dl>
            <p className="mt-0.5 text-xs text-slate-500">{t('npsHint')}</p>
          </>
        ) : (
          <span className="text-sm text-slate-500" data-testid="kpi-nps">
            {t('noNps')}
          </span>
        )}
      </Tile>
    </div>
  );
}
