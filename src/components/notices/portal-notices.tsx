'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { graphql } from '@/gql';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { EmptyState, ErrorBanner, Spinner } from '@/components/ui/status';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { AttachmentList } from '@/components/interactions/attachment-list';
import { NoticeBody, NoticeLevelTag, useNoticeErrorMessage } from './notice-ui';

export const NoticePortalListQuery = graphql(`
  query NoticePortalList {
    portalNotices {
      id
      title
      level
      body
      publishAt
      expiresAt
      readAt
      acknowledgedAt
      attachments {
        id
        fileName
        sizeBytes
        downloadUrl
      }
    }
  }
`);

// Opening a notice records the customer's read receipt (the server does, on notice(id)).
const NoticePortalOpenQuery = graphql(`
  query NoticePortalOpen($id: ID!) {
    notice(id: $id) {
      id
      readAt
    }
  }
`);

export const NoticeAcknowledgeMutation = graphql(`
  mutation NoticeAcknowledge($id: ID!) {
    acknowledgeNotice(id: $id) {
      id
      acknowledgedAt
    }
  }
`);

function OpenReceipt({ id }: { id: string }) {
  useGqlQuery(NoticePortalOpenQuery, { id }, { staleTime: Infinity });
  return null;
}

/** The signed-in customer's active notices, most urgent first (SPEC §8). */
export function PortalNotices() {
  const t = useTranslations('notices');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useNoticeErrorMessage();
  const notices = useGqlQuery(NoticePortalListQuery);
  const acknowledge = useGqlMutation(NoticeAcknowledgeMutation, { invalidates: ['Notice'] });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('portal.subtitle')} />
      {notices.error && !notices.data ? (
        <ErrorBanner message={errorMessage(notices.error)} onRetry={() => void notices.refetch()} />
      ) : !notices.data ? (
        <Spinner label={t('portal.loading')} />
      ) : notices.data.portalNotices.length === 0 ? (
        <EmptyState testId="portal-notices-empty">{t('portal.empty')}</EmptyState>
      ) : (
        <ul className="space-y-3" data-testid="portal-notices">
          {notices.data.portalNotices.map((notice) => (
            <li
              key={notice.id}
              className="rounded-lg border border-slate-200 bg-white p-4 shadow-xs"
              data-testid="portal-notice"
            >
              <details
                onToggle={(event) => {
                  const isOpen = (event.currentTarget as HTMLDetailsElement).open;
                  setOpen((current) => {
                    const next = new Set(current);
                    if (isOpen) next.add(notice.id);
                    else next.delete(notice.id);
                    return next;
                  });
                }}
              >
                <summary className="flex cursor-pointer flex-wrap items-center gap-2">
                  <NoticeLevelTag level={notice.level} />
                  <span className="text-sm font-semibold text-slate-900">{notice.title}</span>
                  <span className="text-xs text-slate-500">
                    {t('portal.publishedAt', { date: formatDateTime(notice.publishAt, timeZone) })}
                  </span>
                </summary>
                {open.has(notice.id) && <OpenReceipt id={notice.id} />}
                <div className="mt-3 space-y-3">
                  <NoticeBody html={notice.body} />
                  {notice.attachments.length > 0 && <AttachmentList attachments={notice.attachments} />}
                  {notice.expiresAt && (
                    <p className="text-xs text-slate-500">
                      {t('portal.expiresAt', { date: formatDateTime(notice.expiresAt, timeZone) })}
                    </p>
                  )}
                  {notice.acknowledgedAt ? (
                    <p className="text-xs font-medium text-emerald-700">{t('portal.acknowledged')}</p>
                  ) : (
                    <button
                      type="button"
                      className={buttonClass.secondary}
                      disabled={acknowledge.isPending}
                      onClick={() => acknowledge.mutate({ id: notice.id })}
                    >
                      {t('portal.acknowledge')}
                    </button>
                  )}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
