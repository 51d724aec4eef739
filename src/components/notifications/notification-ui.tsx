'use client';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { NotificationFieldsFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import { NotificationMarkReadMutation } from './notification-operations';
import { relativeTime } from './notification-format';

// Pieces shared by the bell's popover and the notifications page.

export type NotificationRow = NotificationFieldsFragment;

const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/**
 * Announced on window whenever notifications were marked read here, so the bell and an open notifications page (two
 * components far apart in the tree) both reload.
 */
export const NOTIFICATIONS_CHANGED = 'kefu:notifications-changed';
/** `source` names who marked, so that component can skip reloading what it already updated itself. */
export const announceNotificationsChanged = (source = '') =>
  window.dispatchEvent(new CustomEvent(NOTIFICATIONS_CHANGED, { detail: { source } }));
export const changeSource = (event: Event) => (event as CustomEvent<{ source?: string }>).detail?.source ?? '';

/** Marks one notification read (if it is not yet) and tells the others; a failure only leaves it unread. */
export async function markRead(row: Pick<NotificationRow, 'id' | 'readAt'>, source = ''): Promise<void> {
  if (row.readAt) return;
  try {
    await gqlRequest(NotificationMarkReadMutation, { ids: [row.id] });
  } finally {
    announceNotificationsChanged(source);
  }
}

/** "5 分钟前", re-rendered every minute; the full Asia/Shanghai time in the tooltip and for the time element. */
export function NotificationTime({ iso }: { iso: string }) {
  const t = useTranslations('notifications.time');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? FALLBACK_TIME_ZONE;
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const full = formatDateTime(iso, timeZone);
  return (
    <time dateTime={iso} title={full} className="text-xs text-slate-500" suppressHydrationWarning>
      {relativeTime(iso, now, locale, timeZone, t('justNow'))}
    </time>
  );
}

// Red: act now; amber: something went back or up; blue: a hand-off (your turn).
const URGENT_KINDS = new Set(['ESCALATION_CRISIS', 'CUSTOMER_DISPUTED', 'VERIFICATION_FAILED']);
const WARNING_KINDS = new Set(['PLAN_REJECTED', 'COMPLAINT_RAISED']);

/** The kind as a small label (分派超时, 处理逾期, …); nothing for kinds without a label. */
export function NotificationKind({ kind }: { kind: string }) {
  const t = useTranslations('notifications.kind');
  if (!t.has(kind)) return null;
  const colour =
    URGENT_KINDS.has(kind) || kind.endsWith('_OVERDUE')
      ? 'bg-red-50 text-red-800'
      : kind.startsWith('ESCALATION_') || WARNING_KINDS.has(kind)
        ? 'bg-amber-50 text-amber-900'
        : 'bg-blue-50 text-blue-800';
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${colour}`}>{t(kind)}</span>;
}

/** The translated one-liner for any failure of a notification operation. */
export function useNotificationErrorMessage() {
  const t = useTranslations('notifications.errors');
  return (error: unknown) => gqlErrorMessage(error, (kind) => t(kind));
}
