'use client';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import type { CampaignStatus, SurveyCampaignListQuery as ListResult } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { SurveyCampaignListQuery, SurveyPeriodsQuery } from './survey-operations';
import { CampaignStatusBadge, EmptyState, formatCount, RateBar, SurveysTabs, useSurveyErrorMessage } from './survey-ui';

const STATUSES: readonly CampaignStatus[] = ['DRAFT', 'OPEN', 'CLOSED'];
const PAGE_SIZE = 25;

type Row = ListResult['surveyCampaigns']['nodes'][number];

const statusFrom = (value: string | null): CampaignStatus | null => STATUSES.find((s) => s === value) ?? null;

/** Survey campaigns (SPEC §6): filter by status and period (both in the URL), response tracking per row, load more. */
export function CampaignList({ canManage }: { canManage: boolean }) {
  const t = useTranslations('surveys');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const errorMessage = useSurveyErrorMessage();
  const periodId = useId();
  const status = statusFrom(searchParams.get('status'));
  const period = searchParams.get('period') ?? '';
  const filter = { status: status ? [status] : null, periodLabel: period || null };

  const periods = useAsyncData(() => gqlRequest(SurveyPeriodsQuery), 'periods');
  const firstPage = useAsyncData(
    () => gqlRequest(SurveyCampaignListQuery, { filter, first: PAGE_SIZE }),
    JSON.stringify(filter),
  );

  // Further pages are appended locally; a new filter or a reload starts again from the first page.
  const [more, setMore] = useState<{ rows: Row[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
  }, [firstPage.data]);

  const page = firstPage.data?.surveyCampaigns;
  const rows = [...(page?.nodes ?? []), ...(more?.rows ?? [])];
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(SurveyCampaignListQuery, { filter, first: PAGE_SIZE, after: endCursor });
      setMore((m) => ({
        rows: [...(m?.rows ?? []), ...next.surveyCampaigns.nodes],
        hasNextPage: next.surveyCampaigns.pageInfo.hasNextPage,
        endCursor: next.surveyCampaigns.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const setParam = (key: 'status' | 'period', value: string | null) => {
    const params = new URLSearchParams(searchParams.toString());
    if (value) params.set(key, value);
    else params.delete(key);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const filtered = Boolean(status || period);
  const periodOptions = [...new Set([...(periods.data?.surveyPeriods ?? []), ...(period ? [period] : [])])];

  const newButton = canManage && (
    <Link href="/console/surveys/campaigns/new" className={buttonClass.primary} data-testid="campaign-new">
      {t('campaigns.new')}
    </Link>
  );

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {newButton}
      </PageHeader>
      <SurveysTabs />

      <div className="flex flex-wrap items-end gap-4">
        <div role="group" aria-label={t('campaigns.statusFilter')} className="flex flex-wrap gap-2 text-sm">
          {[null, ...STATUSES].map((s) => (
            <button
              key={s ?? 'ALL'}
              type="button"
              aria-pressed={s === status}
              onClick={() => setParam('status', s)}
              data-testid={`campaign-status-filter-${s ?? 'ALL'}`}
              className={`rounded-full border px-3 py-1 focus-visible:outline-2 focus-visible:outline-blue-700 ${s === status ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {s ? t(`status.${s}`) : t('campaigns.allStatuses')}
            </button>
          ))}
        </div>
        <div className="w-44">
          <label htmlFor={periodId} className="mb-1 block text-xs font-medium text-slate-700">
            {t('campaigns.periodFilter')}
          </label>
          <select
            id={periodId}
            className={inputClass}
            value={period}
            onChange={(e) => setParam('period', e.target.value || null)}
            data-testid="campaign-period-filter"
          >
            <option value="">{t('campaigns.allPeriods')}</option>
            {periodOptions.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      </div>

      {firstPage.error && !page ? (
        <ErrorBanner message={errorMessage(firstPage.error)} onRetry={firstPage.reload} testId="campaign-list-error" />
      ) : !page ? (
        <Spinner label={t('campaigns.loading')} />
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t('campaigns.emptyFiltered')}
            testId="campaign-list-empty"
            action={
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => router.replace(pathname, { scroll: false })}
              >
                {t('campaigns.clearFilters')}
              </button>
            }
          />
        ) : (
          <EmptyState
            title={t('campaigns.empty')}
            body={t('campaigns.emptyBody')}
            action={newButton || undefined}
            testId="campaign-list-empty"
          />
        )
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="campaign-list">
              <thead className="bg-slate-50 text-xs text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t('campaigns.name')}</th>
                  <th className="px-3 py-2">{t('campaigns.period')}</th>
                  <th className="px-3 py-2">{t('campaigns.template')}</th>
                  <th className="px-3 py-2">{t('campaigns.status')}</th>
                  <th className="px-3 py-2">{t('campaigns.window')}</th>
                  <th className="px-3 py-2 text-right">{t('campaigns.invited')}</th>
                  <th className="px-3 py-2 text-right">{t('campaigns.responded')}</th>
                  <th className="px-3 py-2">{t('campaigns.responseRate')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr
                    key={row.id}
                    className="border-t border-slate-100"
                    data-testid="campaign-row"
                    data-campaign-id={row.id}
                  >
                    <td className="px-3 py-2">
                      <Link
                        className="font-medium text-blue-700 hover:underline"
                        href={`/console/surveys/campaigns/${row.id}`}
                      >
                        {row.name}
                      </Link>
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">{row.periodLabel}</td>
                    <td className="px-3 py-2">
                      {row.template.name} <span className="text-xs text-slate-500">v{row.template.version}</span>
                    </td>
                    <td className="px-3 py-2">
                      <CampaignStatusBadge status={row.status} />
                    </td>
                    <td className="px-3 py-2 text-xs whitespace-nowrap text-slate-600">
                      <span className="block">{formatDateTime(row.opensAt, timeZone)}</span>
                      <span className="block">
                        {t('campaigns.until', { date: formatDateTime(row.closesAt, timeZone) })}
                      </span>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.stats.invited, locale)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.stats.responded, locale)}</td>
                    <td className="px-3 py-2">
                      {row.status === 'DRAFT' ? (
                        <span className="text-xs text-slate-400">—</span>
                      ) : (
                        <RateBar share={row.stats.responseRate} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-3">
            {hasNextPage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreState.loading}
                data-testid="campaign-load-more"
              >
                {moreState.loading ? t('campaigns.loading') : t('campaigns.loadMore')}
              </button>
            )}
            <span className="text-sm text-slate-600">{t('campaigns.total', { count: page.totalCount })}</span>
            {firstPage.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}
    </div>
  );
}
