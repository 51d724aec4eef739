'use client';
import { useSearchParams } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import { getFragmentData } from '@/gql';
import type { KeyAccountObligationFilter, ObligationKind } from '@/gql/graphql';
import { CustomerLink } from '@/components/ui/customer-link';
import type { Column } from '@/components/ui/data-table';
import { SelectField } from '@/components/ui/form-controls';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { OBLIGATION_KINDS } from '@/graphql/key-account-obligations/obligation-schedule.rules';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { DispatchButton, pickedCustomer } from '@/components/work-orders/dispatch-work-order';
import { KeyAccountObligationFieldsFragment, KeyAccountObligationsQuery } from './obligation-operations';
import {
  ObligationActions,
  ObligationDue,
  ObligationKindLabel,
  ObligationStatusBadge,
  useObligationErrorMessage,
  type ObligationRow,
} from './obligation-ui';

const VIEWS = ['OPEN', 'OVERDUE', 'DONE', 'ALL'] as const;
type View = (typeof VIEWS)[number];
const OWNERS = ['MINE', 'ALL'] as const;

function filterOf(view: View, owner: string, kind: string): KeyAccountObligationFilter {
  return {
    mine: owner === 'MINE' ? true : null,
    kind: kind ? [kind as ObligationKind] : null,
    overdue: view === 'OVERDUE' ? true : null,
    status: view === 'OPEN' ? ['OPEN'] : view === 'DONE' ? ['DONE'] : null,
  };
}

/**
 * The key-account obligation queue (/console/key-accounts/obligations): open, overdue, done or all obligations, the
 * viewer's own or everyone's, of one kind or all, earliest due first, with 完成 and 改期 on each open row.
 * `?overdue=1` (the escalation notices' link) opens on the overdue view.
 */
export function ObligationQueue({ canDispatch = false }: { canDispatch?: boolean }) {
  const t = useTranslations('keyAccountObligations');
  const id = useId();
  const params = useSearchParams();
  const [view, setView] = useState<View>(params.get('overdue') === '1' ? 'OVERDUE' : 'OPEN');
  const [owner, setOwner] = useState<string>(params.get('owner') === 'all' ? 'ALL' : 'MINE');
  const [kind, setKind] = useState('');
  const errorMessage = useObligationErrorMessage();
  const variables = useMemo(() => ({ filter: filterOf(view, owner, kind), first: 25 }), [view, owner, kind]);
  const query = useGqlInfiniteQuery(KeyAccountObligationsQuery, variables, (r) => ({
    ...r.keyAccountObligations,
    nodes: getFragmentData(KeyAccountObligationFieldsFragment, r.keyAccountObligations.nodes),
  }));

  const columns: Column<ObligationRow>[] = [
    {
      id: 'customer',
      header: t('list.customer'),
      cell: (r) => (r.customer ? <CustomerLink customer={r.customer} /> : '—'),
    },
    { id: 'kind', header: t('list.kind'), cell: (r) => <ObligationKindLabel kind={r.kind} /> },
    { id: 'due', header: t('list.due'), cell: (r) => <ObligationDue row={r} />, className: 'whitespace-nowrap' },
    { id: 'status', header: t('list.status'), cell: (r) => <ObligationStatusBadge row={r} /> },
    { id: 'owner', header: t('list.owner'), cell: (r) => r.owner?.name ?? '—' },
    {
      id: 'actions',
      header: t('list.actions'),
      cell: (r) => (
        <div className="flex flex-wrap items-center gap-2">
          <ObligationActions row={r} />
          {canDispatch && r.status === 'OPEN' && r.customer && (
            <DispatchButton
              customer={pickedCustomer(r.customer)}
              source={{ obligationId: r.id }}
              description={r.note ?? undefined}
            />
          )}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="grid gap-3 sm:grid-cols-3" data-testid="obligation-filters">
        <SelectField
          id={`${id}-view`}
          label={t('filters.view')}
          value={view}
          onChange={(v) => setView(v as View)}
          options={VIEWS.map((v) => ({ value: v, label: t(`views.${v}`) }))}
          testId="obligation-filter-view"
        />
        <SelectField
          id={`${id}-owner`}
          label={t('filters.owner')}
          value={owner}
          onChange={setOwner}
          options={OWNERS.map((o) => ({ value: o, label: t(`owners.${o}`) }))}
          testId="obligation-filter-owner"
        />
        <SelectField
          id={`${id}-kind`}
          label={t('filters.kind')}
          value={kind}
          onChange={setKind}
          options={[
            { value: '', label: t('filters.anyKind') },
            ...OBLIGATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
          ]}
          testId="obligation-filter-kind"
        />
      </div>
      <PagedTable
        query={query}
        errorMessage={errorMessage}
        total={query.totalCount !== null ? t('list.total', { count: query.totalCount }) : null}
        columns={columns}
        rowKey={(r) => r.id}
        empty={t('list.empty')}
        caption={t('title')}
        testId="obligation-table"
        rowTestId="obligation-row"
      />
    </div>
  );
}
