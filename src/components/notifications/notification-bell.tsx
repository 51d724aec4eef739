'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { gqlRequest } from '@/lib/graphql-client';
import {
  NotificationListQuery,
  NotificationMarkAllReadMutation,
  NotificationUnreadCountQuery,
} from './notification-operations';
import { badgeText } from './notification-format';
import {
  NOTIFICATIONS_CHANGED,
  NotificationKind,
  NotificationTime,
  announceNotificationsChanged,
  markRead,
  useNotificationErrorMessage,
  type NotificationRow,
} from './notification-ui';

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
  const router = useRouter();
  const errorMessage = useNotificationErrorMessage();
  const popoverId = useId();
  const headingId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const [count, setCount] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<{ rows: NotificationRow[] | null; loading: boolean; error: unknown }>({
    rows: null,
    loading: false,
    error: null,
  });
  const openRef = useRef(open);
  openRef.current = open;

  const refreshCount = useCallback(async () => {
    try {
      setCount((await gqlRequest(NotificationUnreadCountQuery)).unreadNotificationCount);
    } catch {
      // A failed poll keeps the last count; the next poll tries again.
    }
  }, []);

  const loadList = useCallback(async () => {
    setList((l) => ({ ...l, loading: true, error: null }));
    try {
      const data = await gqlRequest(NotificationListQuery, { first: POPOVER_SIZE });
      setList({ rows: data.myNotifications.nodes, loading: false, error: null });
      setCount(data.unreadNotificationCount);
    } catch (error) {
      setList((l) => ({ ...l, loading: false, error }));
    }
  }, []);

  // Poll every minute and whenever the window comes back into focus; reload when something was marked read.
  useEffect(() => {
    void refreshCount();
    const timer = setInterval(() => void refreshCount(), POLL_MS);
    const onFocus = () => void refreshCount();
    const onChanged = () => (openRef.current ? void loadList() : void refreshCount());
    window.addEventListener('focus', onFocus);
    window.addEventListener(NOTIFICATIONS_CHANGED, onChanged);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChanged);
    };
  }, [refreshCount, loadList]);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  // On open: load the newest and move focus into the popover. While open: a click outside closes it.
  useEffect(() => {
    if (!open) return;
    void loadList();
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
  }, [open, loadList, close]);

  const choose = async (row: NotificationRow) => {
    close(false);
    if (!row.readAt) setCount((c) => (c ? c - 1 : c));
    const marking = markRead(row).catch(() => undefined);
    if (row.href) router.push(row.href);
    await marking;
  };

  const markAll = async () => {
    try {
      await gqlRequest(NotificationMarkAllReadMutation);
    } catch (error) {
      setList((l) => ({ ...l, error }));
      return;
    }
    announceNotificationsChanged();
  };

  const unread = count ?? 0;
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
            <button
              type="button"
              className={buttonClass.ghost}
              onClick={markAll}
              disabled={unread === 0}
              data-testid="notification-mark-all"
            >
              {t('markAllRead')}
            </button>
          </div>
          <div className="max-h-[28rem] overflow-y-auto">
            {list.error ? (
              <div className="p-3">
                <ErrorBanner message={errorMessage(list.error)} onRetry={() => void loadList()} />
              </div>
            ) : !list.rows ? (
              <div className="p-4">
                <Spinner label={t('loading')} />
              </div>
            ) : list.rows.length === 0 ? (
              <p className="p-4 text-sm text-slate-600" data-testid="notification-popover-empty">
                {t('empty')}
              </p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {list.rows.map((row) => (
                  <li key={row.id}>
                    <button
                      type="button"
                      onClick={() => void choose(row)}
                      className={`block w-full px-4 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-blue-50 focus-visible:outline-none ${row.readAt ? '' : 'bg-blue-50/40'}`}
                      data-testid="notification-item"
                      data-unread={row.readAt ? undefined : 'true'}
                    >
                      <span className="flex items-start gap-2">
                        <span
                          aria-hidden
                          className={`mt-1.5 size-2 shrink-0 rounded-full ${row.readAt ? 'bg-transparent' : 'bg-blue-600'}`}
                        />
                        <span className="min-w-0 flex-1">
                          <span
                            className={`block text-sm ${row.readAt ? 'text-slate-700' : 'font-semibold text-slate-900'}`}
                          >
                            {row.title}
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
          {list.loading && list.rows && (
            <span className="sr-only" role="status">
              {t('loading')}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
