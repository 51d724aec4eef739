'use client';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';

/**
 * The complaint's printable documents (SPEC §4): the 客户投诉处理单 always, the 8D report when the complaint has an 8D
 * record or needs one. Plain links to the PDF routes, opened in a new tab so the browser's viewer prints them.
 */
export function ComplaintPrintLinks({ id, eightD }: { id: string; eightD: boolean }) {
  const t = useTranslations('reports.print');
  const documents = [
    ...(eightD ? [{ path: 'eight-d.pdf', testId: 'print-eight-d', label: t('eightD') }] : []),
    { path: 'handling-form.pdf', testId: 'print-handling-form', label: t('handlingForm') },
  ];
  return (
    <div className="mt-3 flex flex-wrap gap-2" data-testid="complaint-print-links">
      {documents.map((doc) => (
        <a
          key={doc.path}
          href={`/api/complaints/${id}/${doc.path}`}
          target="_blank"
          rel="noopener"
          className={buttonClass.secondary}
          data-testid={doc.testId}
        >
          {doc.label}
        </a>
      ))}
    </div>
  );
}
