'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { buttonClass } from '@/components/ui/classes';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { NoticeAcknowledgeMutation, NoticePortalListQuery } from './portal-notices';
import { NoticeBody } from './notice-ui';

/**
 * SPEC §8: an urgent notice shows as a banner on every portal page until the signed-in user acknowledges it (the
 * receipt is theirs: a colleague's acknowledgement does not hide it). Shares the portal list's query (one request).
 */
export function PortalNoticeBanner() {
  const t = useTranslations('notices.portal');
  const notices = useGqlQuery(NoticePortalListQuery);
  const acknowledge = useGqlMutation(NoticeAcknowledgeMutation, { invalidates: ['Notice'] });
  const urgent = (notices.data?.portalNotices ?? []).filter((n) => n.level === 'URGENT' && !n.acknowledgedAt);
  if (urgent.length === 0) return null;
  return (
    <div className="border-b border-red-200 bg-red-50" data-testid="notice-banner">
      {urgent.map((notice) => (
        <section
          key={notice.id}
          role="alert"
          aria-label={t('bannerLabel')}
          className="mx-auto flex max-w-5xl flex-wrap items-start justify-between gap-3 px-4 py-3 sm:px-6"
        >
          <div className="min-w-0 flex-1">
            <p className="text-sm font-semibold text-red-800">
              <span className="mr-2 rounded bg-red-700 px-1.5 py-0.5 text-xs text-white">{t('bannerLabel')}</span>
              {notice.title}
            </p>
            <div className="mt-1 line-clamp-3">
              <NoticeBody html={notice.body} />
            </div>
          </div>
          <div className="flex items-center gap-2">
            <Link href="/portal/notices" className={buttonClass.link}>
              {t('bannerMore')}
            </Link>
            <button
              type="button"
              className={buttonClass.danger}
              disabled={acknowledge.isPending}
              onClick={() => acknowledge.mutate({ id: notice.id })}
              data-testid="notice-banner-acknowledge"
            >
              {t('acknowledge')}
            </button>
          </div>
        </section>
      ))}
    </div>
  );
}
