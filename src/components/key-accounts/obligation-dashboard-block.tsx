'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { getFragmentData, graphql } from '@/gql';
import { buttonClass } from '@/components/ui/classes';
import { CustomerLink } from '@/components/ui/customer-link';
import { QueryContent } from '@/components/ui/panel';
import { EmptyState } from '@/components/ui/status';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { KeyAccountObligationFieldsFragment } from './obligation-operations';
import {
  ObligationActions,
  ObligationDue,
  ObligationKindLabel,
  ObligationStatusBadge,
  useObligationErrorMessage,
} from './obligation-ui';

const DashboardKeyAccountObligationsQuery = graphql(`
  query DashboardKeyAccountObligations($filter: KeyAccountObligationFilter) {
    keyAccountObligations(filter: $filter, first: 8) {
      nodes {
        ...KeyAccountObligationFields
      }
      totalCount
    }
  }
`);

/** Days ahead the 工作台 looks for the owner's obligations (overdue ones always show). */
const AHEAD_DAYS = 14;
const FILTER = { mine: true, status: ['OPEN' as const], dueWithinDays: AHEAD_DAYS };

/**
 * The 工作台 block of the viewer's key-account obligations (SPEC §2: due/overdue obligations show on the owner's work
 * queue): open, due within two weeks or overdue, earliest first, with 完成 / 改期 at hand.
 */
export function ObligationDashboardBlock() {
  const t = useTranslations('keyAccountObligations.dashboard');
  const errorMessage = useObligationErrorMessage();
  const query = useGqlQuery(DashboardKeyAccountObligationsQuery, { filter: FILTER });
  const rows = getFragmentData(KeyAccountObligationFieldsFragment, query.data?.keyAccountObligations.nodes ?? []);
  return (
    <section aria-labelledby="dashboard-obligations-title" className="space-y-2" data-testid="dashboard-obligations">
      <div className="flex items-baseline justify-between">
        <h2 id="dashboard-obligations-title" className="text-base font-semibold">
          {t('title')}
        </h2>
        <Link href="/console/key-accounts/obligations" className={buttonClass.link}>
          {t('all', { count: query.data?.keyAccountObligations.totalCount ?? 0 })}
        </Link>
      </div>
      <QueryContent
        query={query}
        errorMessage={errorMessage}
        loadingLabel={t('loading')}
        empty={rows.length === 0 && <EmptyState testId="dashboard-obligations-empty">{t('empty')}</EmptyState>}
      >
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((r) => (
            <li
              key={r.id}
              className="flex flex-wrap items-start gap-x-4 gap-y-1 px-3 py-2 text-sm"
              data-testid="dashboard-obligation"
              data-kind={r.kind}
            >
              <div className="min-w-40">
                {r.customer ? <CustomerLink customer={r.customer} /> : '—'}
                <span className="block text-xs text-slate-600">
                  <ObligationKindLabel kind={r.kind} />
                </span>
              </div>
              <div className="text-xs">
                <ObligationDue row={r} />
              </div>
              <ObligationStatusBadge row={r} />
              <div className="ml-auto">
                <ObligationActions row={r} />
              </div>
            </li>
          ))}
        </ul>
      </QueryContent>
    </section>
  );
}
