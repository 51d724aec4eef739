'use client';
import { useTranslations } from 'next-intl';
import { Tag } from '@/components/ui/status';
import { useCommonErrorMessage } from '@/components/ui/use-common-error-message';

type Level = 'URGENT' | 'IMPORTANT' | 'GENERAL' | 'REMINDER';

const LEVEL_TONE: Record<Level, string> = {
  URGENT: 'bg-red-100 text-red-800',
  IMPORTANT: 'bg-amber-100 text-amber-800',
  GENERAL: 'bg-slate-100 text-slate-700',
  REMINDER: 'bg-emerald-50 text-emerald-800',
};

/** The level as a coloured tag: 紧急 red, 重要 amber, 一般 grey, 温馨提示 green. */
export function NoticeLevelTag({ level }: { level: Level }) {
  const t = useTranslations('notices.levels');
  return <Tag tone={LEVEL_TONE[level]}>{t(level)}</Tag>;
}

/**
 * The notice body: HTML that the server sanitised when it was stored and again when it was served (basic formatting
 * and links only, notice-body.rules.ts), so it is rendered as HTML.
 */
export function NoticeBody({ html, testId }: { html: string; testId?: string }) {
  return (
    <div
      className="prose-sm space-y-2 text-sm leading-relaxed text-slate-700 [&_a]:text-blue-700 [&_a]:underline [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
      data-testid={testId}
      // Sanitised on the server (sanitize-html allow-list, notice-body.rules.ts) when stored and again when served.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

/** One line for the user from any failure of a notices operation (in the shared `common` words). */
export const useNoticeErrorMessage = useCommonErrorMessage;
