'use client';
import { useTranslations } from 'next-intl';
import { DashboardListBlock } from '@/components/dashboard/dashboard-block';
import { CustomerLink } from '@/components/ui/customer-link';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { todayIn } from '@/lib/format';
import { daysToWeekEnd } from '@/graphql/visits/visit.rules';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { VisitDueListQuery } from './operations';
import { DueStateBadge, useVisitErrorMessage } from './visit-ui';

/**
 * The 工作台 block of a salesperson's visits due this week (SPEC §7, 客户访问周期表): overdue ones first, then those due
 * by Sunday — the due list's own query (a salesperson sees their own customers), cut to the week.
 */
export function DueVisitsDashboardBlock() {
  const t = useTranslations('visits.dashboard');
  const td = useTranslations('visits.due');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useVisitErrorMessage();
  const query = useGqlQuery(VisitDueListQuery, {
    horizonDays: daysToWeekEnd(todayIn(timeZone)),
    overdueOnly: false,
    first: 8,
  });
  const rows = query.data?.dueVisits.nodes ?? [];
  return (
    <DashboardListBlock
      title={t('title')}
      href="/console/visits"
      hrefLabel={t('all', { count: query.data?.dueVisits.totalCount ?? 0 })}
      testId="dashboard-visits"
      query={query}
      errorMessage={errorMessage}
      loadingLabel={t('loading')}
      emptyLabel={t('empty')}
      rows={rows}
      rowKey={(c) => c.id}
      rowTestId="dashboard-visit"
      renderRow={(c) => (
        <>
          <span className="min-w-40">{c.customer ? <CustomerLink customer={c.customer} /> : '—'}</span>
          <DueStateBadge state={c.dueState} />
          <span className="ml-auto text-xs text-slate-500">
            {td('nextDue')} {c.nextDueDate ?? '—'}
          </span>
        </>
      )}
    />
  );
}
