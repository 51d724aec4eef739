'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { Tag } from '@/components/ui/status';
import type { NotificationFieldsFragment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { graphql } from '@/gql';
import { useGqlMutation, type InvalidateSpec } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { noticeText, relativeTime } from './notification-format';
import { useActivityText, type ActivityMessageView } from '@/lib/use-activity-text';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

// Pieces shared by the bell's popover and the notifications page.

export type NotificationRow = NotificationFieldsFragment;

const NotificationMarkReadMutation = graphql(`
  mutation NotificationMarkRead($ids: [ID!]!) {
    markNotificationsRead(ids: $ids)
  }
`);

const NotificationMarkAllReadMutation = graphql(`
  mutation NotificationMarkAllRead {
    markAllNotificationsRead
  }
`);

/**
 * Marking read makes every notification query stale — the bell's count and popover, the notifications page, the
 * dashboard's list — so they all follow, however far apart in the tree. The notifications page marks one row without
 * reloading its own list (`keepList`): the row stays in place, shown read.
 */
const ALL_NOTIFICATIONS: InvalidateSpec = ['Notification', 'Dashboard'];
const ALL_BUT_THE_PAGE_LIST: InvalidateSpec = [
  'NotificationUnreadCount',
  'NotificationCounts',
  'NotificationBell',
  'Dashboard',
];

/** "5 分钟前", re-rendered every minute; the full Asia/Shanghai time in the tooltip and for the time element. */
export function NotificationTime({ iso }: { iso: string }) {
  const t = useTranslations('notifications.time');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
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
  return <Tag tone={colour}>{t(kind)}</Tag>;
}

/**
 * What the bell and the notifications page do to notifications: mark one read (if it is not yet; `keepList` leaves the
 * page's own list in place), mark all read (resolves to how many were), each through `run`, which keeps the failure to
 * show (`error`, words by `errorMessage`) until the next action or `clear`; a failed action resolves to undefined.
 */
export function useNotificationActions({ keepList = false }: { keepList?: boolean } = {}) {
  const t = useTranslations('notifications.errors');
  const mark = useGqlMutation(NotificationMarkReadMutation, {
    invalidates: keepList ? ALL_BUT_THE_PAGE_LIST : ALL_NOTIFICATIONS,
  });
  const markAll = useGqlMutation(NotificationMarkAllReadMutation, { invalidates: ALL_NOTIFICATIONS });
  const [error, setError] = useState<unknown>(null);
  const markRead = async (row: Pick<NotificationRow, 'id' | 'readAt'>) => {
    if (!row.readAt) await mark.mutateAsync({ ids: [row.id] });
  };
  const markAllRead = async () => (await markAll.mutateAsync({})).markAllNotificationsRead;
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setError(null);
    try {
      return await action();
    } catch (failure) {
      setError(failure);
      return undefined;
    }
  };
  const clear = useCallback(() => setError(null), []);
  const errorMessage = (failure: unknown) => gqlErrorMessage(failure, (kind) => t(kind));
  return { markRead, markAllRead, run, error, clear, errorMessage };
}

/** The blue dot in front of an unread notification (a same-sized gap once read, so titles stay aligned). */
export function UnreadDot({ read }: { read: boolean }) {
  return (
    <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${read ? 'bg-transparent' : 'bg-blue-600'}`} />
  );
}

/**
 * A notification's headline and detail in the viewer's language: translated from its message keys; notifications
 * stored before they were language-neutral show their stored title and body (without the e-mail's sign-off).
 */
export function useNoticeWords() {
  const activity = useActivityText();
  return {
    headline: (row: { message?: ActivityMessageView; title: string }) => activity.message(row.message) ?? row.title,
    detail: (row: { detail?: ActivityMessageView; body?: string | null }) =>
      activity.message(row.detail) ?? (row.body ? noticeText(row.body) : null),
  };
}
