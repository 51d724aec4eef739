'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { badgeText } from './notification-format';
import { NotificationFieldsFragment, NotificationUnreadCountQuery } from './notification-operations';
import {
  NotificationKind,
  NotificationTime,
  UnreadDot,
  type NotificationRow,
  useNoticeWords,
  useNotificationActions,
} from './notification-ui';

const NotificationBellQuery = graphql(`
  query NotificationBell($first: Int) {
    myNotifications(first: $first) {
      nodes {
        ...NotificationFields
      }
    }
  }
`);

const POLL_MS = 60_000;
const POPOVER_SIZE = 10;

/**
 * The bell in the console header: the unread count (capped at 99+), refreshed every minute, when the window regains
 * focus and when notifications are marked read anywhere on the page. It opens a popover (a non-modal dialog) with the
 * ten newest: Escape or a click outside closes it and gives focus back to the bell; choosing one marks it read and
 * opens its record.
 */
export function NotificationBell() {
  const t = useTranslations('notifications.bell');
  const words = useNoticeWords();
  const router = useRouter();
  const popoverId = useId();
  const headingId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const [open, setOpen] = useState(false);
  const {
    error: actionError,
    run: runAction,
    clear: clearActionError,
    errorMessage,
    markRead,
    markAllRead,
  } = useNotificationActions();
  // The count polls every minute and revalidates when the window regains focus (the query client's default); marking
  // read anywhere invalidates it. The popover's list loads afresh each time it opens.
  const unreadCount = useGqlQuery(NotificationUnreadCountQuery, {}, { refetchInterval: POLL_MS });
  const list = useGqlQuery(NotificationBellQuery, { first: POPOVER_SIZE }, { enabled: open, staleTime: 0 });

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  // On open: move focus into the popover. While open: a click outside closes it.
  useEffect(() => {
    if (!open) return;
    clearActionError();
    headingRef.current?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    // Escape closes from anywhere while open (focus may still be on the bell itself).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(true);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, close, clearActionError]);

  const choose = async (row: NotificationRow) => {
    close(false);
    const marking = markRead(row).catch(() => undefined);
    if (row.href) router.push(row.href);
    await marking;
  };

  const markAll = () => runAction(markAllRead);

  const rows = getFragmentData(NotificationFieldsFragment, list.data?.myNotifications.nodes);
  const listError = actionError ?? (rows ? null : list.error);
  const unread = unreadCount.data?.unreadNotificationCount ?? 0;
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        aria-label={unread > 0 ? t('labelUnread', { count: unread }) : t('label')}
        onClick={() => setOpen((o) => !o)}
        className="relative rounded p-1.5 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700"
        data-testid="notification-bell"
      >
        <svg
          aria-hidden
          viewBox="0 0 24 24"
          className="size-5"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.8}
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 && (
          <span
            className="absolute -top-1 -right-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-[11px] leading-5 font-semibold text-white"
            data-testid="notification-badge"
          >
            {badgeText(unread)}
          </span>
        )}
      </button>

      {open && (
        <div
          ref={panelRef}
          id={popoverId}
          role="dialog"
          aria-labelledby={headingId}
          onBlur={(event) => {
            // Tabbing out of the popover closes it (a click inside on nothing focusable has no relatedTarget).
            const next = event.relatedTarget as Node | null;
            if (next && !panelRef.current?.contains(next) && !buttonRef.current?.contains(next)) close(false);
          }}
          className="absolute right-0 z-40 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
          data-testid="notification-popover"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 id={headingId} ref={headingRef} tabIndex={-1} className="text-sm font-semibold focus:outline-none">
              {t('heading')}
            </h2>
            <Button
              kind="ghost"
              onClick={() => void markAll()}
              disabled={unread === 0}
              data-testid="notification-mark-all"
            >
              {t('markAllRead')}
            </Button>
          </div>
          <div className="max-h-[28rem] overflow-y-auto">
            {listError ? (
              <div className="p-3">
                <ErrorBanner message={errorMessage(listError)} onRetry={() => void list.refetch()} />
              </div>
            ) : !rows ? (
              <div className="p-4">
                <Spinner label={t('loading')} />
              </div>
            ) : rows.length === 0 ? (
              <p className="p-4 text-sm text-slate-600" data-testid="notification-popover-empty">
                {t('empty')}
              </p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <li key={row.id}>
                    <button
                      type="button"
                      onClick={() => void choose(row)}
                      className={`block w-full px-4 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-none ${row.readAt ? '' : 'bg-blue-50/40'}`}
                      data-testid="notification-item"
                      data-unread={row.readAt ? undefined : 'true'}
                    >
                      <span className="flex items-start gap-2">
                        <UnreadDot read={!!row.readAt} />
                        <span className="min-w-0 flex-1">
                          <span
                            className={`block text-sm ${row.readAt ? 'text-slate-700' : 'font-semibold text-slate-900'}`}
                          >
                            {words.headline(row)}
                          </span>
                          {!row.readAt && <span className="sr-only">{t('unread')}</span>}
                          <span className="mt-0.5 flex items-center gap-2">
                            <NotificationKind kind={row.kind} />
                            <NotificationTime iso={row.createdAt} />
                          </span>
                        </span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 px-4 py-2 text-right">
            <Link
              href="/console/notifications"
              className={buttonClass.link}
              onClick={() => close(false)}
              data-testid="notification-view-all"
            >
              {t('viewAll')}
            </Link>
          </div>
          {list.isFetching && rows && (
            <span className="sr-only" role="status">
              {t('loading')}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
