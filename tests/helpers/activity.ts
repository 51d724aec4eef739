import { createTranslator } from 'next-intl';
import zh from '../../messages/zh-CN/activity.json';

// How the console shows a stored, language-neutral message in Chinese: tests assert the words people read.
const t = createTranslator({ locale: 'zh-CN', messages: { activity: zh } as Record<string, unknown> }) as (
  key: string,
  params?: Record<string, unknown>,
) => string;

type Stored = { messageKey: string | null; messageParams: unknown };

/** The Chinese text of a history entry's message (null when it has none). */
export const zhMessage = (row: Stored): string | null =>
  row.messageKey ? t(`activity.${row.messageKey}`, (row.messageParams ?? undefined) as Record<string, unknown>) : null;

/** The Chinese headline (or body) of a notification row. */
export const zhNotice = (row: Stored, part: 'title' | 'body' = 'title'): string =>
  t(`activity.${row.messageKey}.${part}`, (row.messageParams ?? undefined) as Record<string, unknown>);
