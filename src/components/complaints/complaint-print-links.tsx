'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';

/**
 * The complaint's printable documents (SPEC §4): the 客户投诉处理单 always, the 8D report when the complaint has an 8D
 * record or needs one. Plain links to the PDF routes, opened in a new tab so the browser's viewer prints them.
 */
export function ComplaintPrintLinks({ id, eightD }: { id: string; eightD: boolean }) {
  const t = useTranslations('reports.print');
  return (
    <div className="mt-3 flex flex-wrap gap-2" data-testid="complaint-print-links">
      {eightD && (
        <a
          href={`/api/complaints/${id}/eight-d.pdf`}
          target="_blank"
          rel="noopener"
          className={buttonClass.secondary}
          data-testid="print-eight-d"
        >
          {t('eightD')}
        </a>
      )}
      <a
        href={`/api/complaints/${id}/handling-form.pdf`}
        target="_blank"
        rel="noopener"
        className={buttonClass.secondary}
        data-testid="print-handling-form"
      >
        {t('handlingForm')}
      </a>
    </div>
  );
}
