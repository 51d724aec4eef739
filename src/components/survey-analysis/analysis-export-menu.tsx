'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { analysisExportHref, reportHref, responsesExportHref, type AnalysisFilterState } from './analysis-params';

const itemClass =
  'block rounded px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700';

/**
 * Downloads for the current filter: the raw responses and the analysis tables as CSV/Excel, and the printable PDF
 * quarterly report of one period (the routes are served by the surveys module with exactly these parameters).
 * A native <details> disclosure, so it opens with Enter/Space and needs no script to be reachable.
 */
export function AnalysisExportMenu({
  filter,
  reportPeriod,
}: {
  filter: AnalysisFilterState;
  reportPeriod: string | null;
}) {
  const t = useTranslations('surveyAnalysis.export');
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const onPointer = (event: MouseEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, []);

  return (
    <details
      ref={ref}
      className="relative print:hidden"
      data-testid="export-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary
        className={`${buttonClass.secondary} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
        data-testid="export-toggle"
      >
        {t('button')} <span aria-hidden>▾</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
        <p className="px-3 pt-1 text-xs font-medium text-slate-500">{t('responses')}</p>
        <a className={itemClass} href={responsesExportHref('csv', filter)} download data-testid="export-responses-csv">
          {t('csv')}
        </a>
        <a
          className={itemClass}
          href={responsesExportHref('xlsx', filter)}
          download
          data-testid="export-responses-xlsx"
        >
          {t('xlsx')}
        </a>
        <p className="mt-1 border-t border-slate-100 px-3 pt-2 text-xs font-medium text-slate-500">{t('analysis')}</p>
        <a className={itemClass} href={analysisExportHref('csv', filter)} download data-testid="export-analysis-csv">
          {t('csv')}
        </a>
        <a className={itemClass} href={analysisExportHref('xlsx', filter)} download data-testid="export-analysis-xlsx">
          {t('xlsx')}
        </a>
        <p className="mt-1 border-t border-slate-100 px-3 pt-2 text-xs font-medium text-slate-500">{t('report')}</p>
        {reportPeriod ? (
          <a
            className={itemClass}
            href={reportHref(reportPeriod)}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="export-report"
          >
            {t('reportFor', { period: reportPeriod })}
          </a>
        ) : (
          <p className="px-3 py-1.5 text-xs text-slate-500" data-testid="export-report-unavailable">
            {t('reportNeedsPeriod')}
          </p>
        )}
      </div>
    </details>
  );
}
