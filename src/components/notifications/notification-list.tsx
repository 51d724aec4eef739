'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { QueueTabs } from '@/components/ui/queue-tabs';
import { EmptyState, ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import { gqlRequest } from '@/lib/graphql-client';
import { noticeText } from './notification-format';
import {
  NotificationCountsQuery,
  NotificationListQuery,
  NotificationMarkAllReadMutation,
} from './notification-operations';
import {
  NOTIFICATIONS_CHANGED,
  NotificationKind,
  NotificationTime,
  announceNotificationsChanged,
  changeSource,
  markRead,
  useNotificationErrorMessage,
  type NotificationRow,
} from './notification-ui';

const TABS = ['ALL', 'UNREAD'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 20;
const SOURCE = 'notifications-page';

const tabFrom = (value: string | null): Tab => TABS.find((tab) => tab === value) ?? 'ALL';

/**
 * The viewer's notifications (/console/notifications): 全部 / 未读 tabs with their counts (the tab in the URL, ?tab=),
 * newest first, load more by cursor, mark one or all read. Rows marked here stay in place, shown read; a change made
 * elsewhere (the bell) reloads the list.
 */
export function NotificationList() {
  const t = useTranslations('notifications');
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const tab = tabFrom(searchParams.get('tab'));
  const errorMessage = useNotificationErrorMessage();
  const [attempt, setAttempt] = useState(0);
  const [countsAttempt, setCountsAttempt] = useState(0);

  const counts = useAsyncData(() => gqlRequest(NotificationCountsQuery), `counts:${attempt}:${countsAttempt}`);
  const firstPage = useAsyncData(
    () => gqlRequest(NotificationListQuery, { unreadOnly: tab === 'UNREAD', first: PAGE_SIZE }),
    `${tab}:${attempt}`,
  );

  const [more, setMore] = useState<{ rows: NotificationRow[]; hasNextPage: boolean; endCursor: string | null } | null>(
    null,
  );
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  // Marked read on this page since the list loaded (the rows keep their place).
  const [readHere, setReadHere] = useState<Map<string, string>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
    setReadHere(new Map());
  }, [firstPage.data]);

  useEffect(() => {
    const onChanged = (event: Event) =>
      changeSource(event) === SOURCE ? setCountsAttempt((n) => n + 1) : setAttempt((n) => n + 1);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
  }, []);

  const page = firstPage.data?.myNotifications;
  const rows = [...(page?.nodes ?? []), ...(more?.rows ?? [])].map((row) =>
    readHere.has(row.id) ? { ...row, readAt: readHere.get(row.id)! } : row,
  );
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);
  const unreadCount = counts.data?.unreadNotificationCount;

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(NotificationListQuery, {
        unreadOnly: tab === 'UNREAD',
        first: PAGE_SIZE,
        after: endCursor,
      });
      const list = next.myNotifications;
      setMore((m) => ({
        rows: [...(m?.rows ?? []), ...list.nodes],
        hasNextPage: list.pageInfo.hasNextPage,
        endCursor: list.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const selectTab = (next: Tab) => {
    const params = new URLSearchParams(searchParams.toString());
    params.set('tab', next);
    router.replace(`${pathname}?${params.toString()}`);
  };

  const markOne = async (row: NotificationRow) => {
    setActionError(null);
    try {
      await markRead(row, SOURCE);
      setReadHere((m) => new Map(m).set(row.id, new Date().toISOString()));
    } catch (error) {
      setActionError(error);
    }
  };

  const markAll = async () => {
    setActionError(null);
    try {
      const { markAllNotificationsRead: count } = await gqlRequest(NotificationMarkAllReadMutation);
      setNotice(t('list.markedAll', { count }));
      announceNotificationsChanged(); // the bell and this list both reload
    } catch (error) {
      setActionError(error);
    }
  };

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={markAll}
          disabled={!unreadCount}
          data-testid="notifications-mark-all"
        >
          {t('list.markAllRead')}
        </button>
      </PageHeader>

      <QueueTabs
        queues={TABS}
        current={tab}
        label={t('tabs.label')}
        labelOf={(q) => t(`tabs.${q}`)}
        count={(q) => (q === 'UNREAD' ? unreadCount : counts.data?.all.totalCount)}
        loading={counts.loading}
        onSelect={selectTab}
        testIdPrefix="notifications"
        alertQueue="UNREAD"
      />

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {actionError ? <ErrorBanner message={errorMessage(actionError)} /> : null}

      {firstPage.error ? (
        <ErrorBanner message={errorMessage(firstPage.error)} onRetry={firstPage.reload} testId="notifications-error" />
      ) : !page ? (
        <Spinner label={t('list.loading')} />
      ) : rows.length === 0 ? (
        <EmptyState testId="notifications-empty">
          {tab === 'UNREAD' ? t('list.emptyUnread') : t('list.empty')}
        </EmptyState>
      ) : (
        <>
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="notifications-list"
          >
            {rows.map((row) => (
              <li
                key={row.id}
                className={`flex items-start gap-3 px-4 py-3 ${row.readAt ? '' : 'bg-blue-50/40'}`}
                data-testid="notification-row"
                data-unread={row.readAt ? undefined : 'true'}
              >
                <span
                  aria-hidden
                  className={`mt-1.5 size-2 shrink-0 rounded-full ${row.readAt ? 'bg-transparent' : 'bg-blue-600'}`}
                />
                <div className="min-w-0 flex-1">
                  <div className="flex flex-wrap items-center gap-2">
                    {row.href ? (
                      <Link
                        href={row.href}
                        onClick={() => void markOne(row)}
                        className={`text-sm hover:underline ${row.readAt ? 'text-slate-800' : 'font-semibold text-slate-900'}`}
                      >
                        {row.title}
                      </Link>
                    ) : (
                      <span className={`text-sm ${row.readAt ? 'text-slate-800' : 'font-semibold text-slate-900'}`}>
                        {row.title}
                      </span>
                    )}
                    {!row.readAt && <span className="sr-only">{t('list.unread')}</span>}
                    <NotificationKind kind={row.kind} />
                  </div>
                  {row.body && (
                    <p className="mt-1 line-clamp-3 text-sm whitespace-pre-line text-slate-600">
                      {noticeText(row.body)}
                    </p>
                  )}
                  <NotificationTime iso={row.createdAt} />
                </div>
                <div className="flex shrink-0 items-center gap-1">
                  {row.href && (
                    <Link href={row.href} onClick={() => void markOne(row)} className={buttonClass.ghost}>
                      {t('list.open')}
                    </Link>
                  )}
                  {!row.readAt && (
                    <button
                      type="button"
                      className={buttonClass.ghost}
                      onClick={() => void markOne(row)}
                      data-testid="notification-mark-read"
                    >
                      {t('list.markRead')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
          <div className="flex items-center gap-3">
            {hasNextPage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreState.loading}
                data-testid="notifications-load-more"
              >
                {moreState.loading ? t('list.loading') : t('list.loadMore')}
              </button>
            )}
            {firstPage.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}
    </div>
  );
}
