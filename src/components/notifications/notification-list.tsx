'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { LoadMore } from '@/components/ui/load-more';
import { PageHeader } from '@/components/ui/page-header';
import { QueueTabs } from '@/components/ui/queue-tabs';
import { EmptyState, ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import { useSearchParamChoice } from '@/components/ui/use-search-param-choice';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { NotificationFieldsFragment, NotificationListQuery } from './notification-operations';
import {
  NotificationKind,
  NotificationTime,
  UnreadDot,
  type NotificationRow,
  useNoticeWords,
  useNotificationActions,
} from './notification-ui';

const NotificationCountsQuery = graphql(`
  query NotificationCounts {
    unreadNotificationCount
    all: myNotifications(first: 1) {
      totalCount
    }
  }
`);

const TABS = ['ALL', 'UNREAD'] as const;
type Tab = (typeof TABS)[number];
const PAGE_SIZE = 20;

/**
 * The viewer's notifications (/console/notifications): 全部 / 未读 tabs with their counts (the tab in the URL, ?tab=),
 * newest first, load more by cursor, mark one or all read. Rows marked here stay in place, shown read; a change made
 * elsewhere (the bell) invalidates the list, which reloads.
 */
export function NotificationList() {
  const t = useTranslations('notifications');
  const [tab, selectTab] = useSearchParamChoice<Tab>('tab', TABS, 'ALL');
  const counts = useGqlQuery(NotificationCountsQuery);
  const list = useGqlInfiniteQuery(
    NotificationListQuery,
    { unreadOnly: tab === 'UNREAD', first: PAGE_SIZE },
    (result) => result.myNotifications,
    { keepPrevious: true },
  );
  // Marked read on this page (the rows keep their place until the list reloads).
  const [readHere, setReadHere] = useState<ReadonlyMap<string, string>>(new Map());
  const [notice, setNotice] = useState<string | null>(null);
  const action = useNotificationActions({ keepList: true });
  const { markRead, markAllRead, errorMessage } = action;

  const rows = getFragmentData(NotificationFieldsFragment, list.rows).map((row) => {
    const readAt = readHere.get(row.id);
    return readAt && !row.readAt ? { ...row, readAt } : row;
  });
  const unreadCount = counts.data?.unreadNotificationCount;

  const markOne = (row: NotificationRow) =>
    action.run(async () => {
      await markRead(row);
      setReadHere((m) => new Map(m).set(row.id, new Date().toISOString()));
    });

  const markAll = () => action.run(async () => setNotice(t('list.markedAll', { count: await markAllRead() })));

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Button onClick={() => void markAll()} disabled={!unreadCount} data-testid="notifications-mark-all">
          {t('list.markAllRead')}
        </Button>
      </PageHeader>

      <QueueTabs
        queues={TABS}
        current={tab}
        label={t('tabs.label')}
        labelOf={(q) => t(`tabs.${q}`)}
        count={(q) => (q === 'UNREAD' ? unreadCount : counts.data?.all.totalCount)}
        loading={counts.isFetching}
        onSelect={selectTab}
        testIdPrefix="notifications"
        alertQueue="UNREAD"
      />

      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {action.error ? <ErrorBanner message={errorMessage(action.error)} /> : null}

      {list.error && !list.loaded ? (
        <ErrorBanner
          message={errorMessage(list.error)}
          onRetry={() => void list.refetch()}
          testId="notifications-error"
        />
      ) : !list.loaded ? (
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
              <NotificationListRow key={row.id} row={row} onOpen={() => void markOne(row)} />
            ))}
          </ul>
          <LoadMore query={list} errorMessage={errorMessage} testId="notifications-load-more" />
        </>
      )}
    </div>
  );
}

/** One notification on the page: headline (a link to its record, when it has one), kind, detail, time, actions. */
function NotificationListRow({ row, onOpen }: { row: NotificationRow; onOpen: () => void }) {
  const t = useTranslations('notifications');
  const words = useNoticeWords();
  const headline = words.headline(row);
  const detail = words.detail(row);
  return (
    <li
      className={`flex items-start gap-3 px-4 py-3 ${row.readAt ? '' : 'bg-blue-50/40'}`}
      data-testid="notification-row"
      data-unread={row.readAt ? undefined : 'true'}
    >
      <UnreadDot read={!!row.readAt} />
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          {row.href ? (
            <Link
              href={row.href}
              onClick={onOpen}
              className={`text-sm hover:underline ${row.readAt ? 'text-slate-800' : 'font-semibold text-slate-900'}`}
            >
              {headline}
            </Link>
          ) : (
            <span className={`text-sm ${row.readAt ? 'text-slate-800' : 'font-semibold text-slate-900'}`}>
              {headline}
            </span>
          )}
          {!row.readAt && <span className="sr-only">{t('list.unread')}</span>}
          <NotificationKind kind={row.kind} />
        </div>
        {detail && <p className="mt-1 line-clamp-3 text-sm whitespace-pre-line text-slate-600">{detail}</p>}
        <NotificationTime iso={row.createdAt} />
      </div>
      <div className="flex shrink-0 items-center gap-1">
        {row.href && (
          <Link href={row.href} onClick={onOpen} className={buttonClass.ghost}>
            {t('list.open')}
          </Link>
        )}
        {!row.readAt && (
          <Button kind="ghost" onClick={onOpen} data-testid="notification-mark-read">
            {t('list.markRead')}
          </Button>
        )}
      </div>
    </li>
  );
}
