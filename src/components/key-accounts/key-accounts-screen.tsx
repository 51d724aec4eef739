'use client';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CustomerLink } from '@/components/ui/customer-link';
import { DataTable, queryTableState } from '@/components/ui/data-table';
import { LoadMore } from '@/components/ui/load-more';
import { PageHeader } from '@/components/ui/page-header';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { InlineError, StatusMessage } from '@/components/ui/status';
import type { KeyAccountsNominationsQuery as NominationsResult } from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlMutation } from '@/lib/data/gql-hooks';
import { formatDate, formatDateTime, formatMoney } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { DecideDialog, type DecidedNomination } from './decide-dialog';
import { KEY_ACCOUNTS_CHANGED, useKeyAccountsError } from './key-account-errors';
import { KeyAccountsListQuery, KeyAccountsNominationsQuery, KeyAccountsRecomputeMutation } from './operations';

type Nomination = NominationsResult['keyAccountNominations']['nodes'][number];
const TABS = ['nominations', 'accounts'] as const;
const STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'ALL'] as const;
const KINDS = ['ALL', 'NOMINATION', 'DOWNGRADE'] as const;
const nominationsOf = (r: NominationsResult) => r.keyAccountNominations;

/**
 * 重要客户 (SPEC §2, 001 第五章): the nominations the system proposed (or staff proposed by hand) with the criteria met
 * and the figures behind them, decided here by the service manager; and the key accounts themselves.
 */
export function KeyAccountsScreen({ canWrite, canDecide }: { canWrite: boolean; canDecide: boolean }) {
  const t = useTranslations('keyAccounts');
  const [tab, setTab] = useState<(typeof TABS)[number]>('nominations');
  const errorMessage = useKeyAccountsError();
  const recompute = useGqlMutation(KeyAccountsRecomputeMutation, { invalidates: KEY_ACCOUNTS_CHANGED });
  const result = recompute.data?.recomputeKeyAccountCandidates;
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {canWrite && (
          <Button
            kind="secondary"
            onClick={() => recompute.mutate({})}
            disabled={recompute.isPending}
            data-testid="key-accounts-recompute"
          >
            {recompute.isPending ? t('recomputing') : t('recompute')}
          </Button>
        )}
      </PageHeader>
      {result && (
        <StatusMessage tone="success">
          <span data-testid="key-accounts-recomputed">{t('recomputed', { ...result })}</span>
        </StatusMessage>
      )}
      {recompute.error && <InlineError>{errorMessage(recompute.error)}</InlineError>}
      <SegmentedControl
        label={t('title')}
        values={TABS}
        value={tab}
        onChange={setTab}
        labelOf={(v) => t(`tabs.${v}`)}
        testIdOf={(v) => `key-accounts-tab-${v}`}
      />
      {tab === 'nominations' ? <Nominations canDecide={canDecide} /> : <KeyAccounts />}
    </div>
  );
}

function Nominations({ canDecide }: { canDecide: boolean }) {
  const t = useTranslations('keyAccounts');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useKeyAccountsError();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('PROPOSED');
  const [kind, setKind] = useState<(typeof KINDS)[number]>('ALL');
  const [deciding, setDeciding] = useState<{ nomination: DecidedNomination; decision: 'APPROVE' | 'REJECT' } | null>(
    null,
  );
  const list = useGqlInfiniteQuery(
    KeyAccountsNominationsQuery,
    { status: status === 'ALL' ? null : status, kind: kind === 'ALL' ? null : kind, first: 25 },
    nominationsOf,
  );

  const figures = (n: Nomination) => {
    const f = n.figures;
    const lines = [
      t('figures', {
        years: f.windowYears,
        amount: formatMoney(f.amountInWindow, locale),
        minAmount: formatMoney(f.minAmount, locale),
        count: f.contractCount,
      }),
    ];
    if (f.firstContractOn) lines.push(t('firstContract', { date: formatDate(f.firstContractOn, timeZone) }));
    if (!f.goodCredit) lines.push(t('creditPoor'));
    if (n.kind === 'DOWNGRADE' && f.met.length === 0) lines.push(t('noneMet'));
    if (n.proposalReason) lines.push(t('byHand', { reason: n.proposalReason }));
    return lines;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-4">
        <SegmentedControl
          label={t('filters.status')}
          look="compact"
          values={STATUSES}
          value={status}
          onChange={setStatus}
          labelOf={(v) => (v === 'ALL' ? t('filters.all') : t(`nominationStatus.${v}`))}
          testIdOf={(v) => `key-accounts-status-${v}`}
        />
        <SegmentedControl
          label={t('filters.kind')}
          look="compact"
          values={KINDS}
          value={kind}
          onChange={setKind}
          labelOf={(v) => (v === 'ALL' ? t('filters.all') : t(`kind.${v}`))}
          testIdOf={(v) => `key-accounts-kind-${v}`}
        />
      </div>
      <DataTable
        caption={t('tabs.nominations')}
        testId="key-account-nominations"
        rowTestId={() => 'key-account-nomination'}
        columns={[
          {
            id: 'customer',
            header: t('columns.customer'),
            cell: (n) => (n.customer ? <CustomerLink customer={n.customer} /> : '—'),
          },
          { id: 'kind', header: t('columns.kind'), cell: (n) => t(`kind.${n.kind}`) },
          {
            id: 'criteria',
            header: t('columns.criteria'),
            cell: (n) => (
              <ul className="flex flex-wrap gap-1" data-testid="key-account-criteria-met">
                {n.figures.met.map((c) => (
                  <li key={c} className="rounded bg-violet-50 px-1.5 text-xs text-violet-800">
                    {t(`criterion.${c}`)}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            id: 'figures',
            header: t('columns.figures'),
            cell: (n) => (
              <div className="text-xs text-slate-600" data-testid="key-account-figures">
                {figures(n).map((line) => (
                  <p key={line}>{line}</p>
                ))}
              </div>
            ),
          },
          {
            id: 'proposedAt',
            header: t('columns.proposedAt'),
            cell: (n) => formatDateTime(n.proposedAt, timeZone),
          },
          {
            id: 'status',
            header: t('columns.status'),
            cell: (n) => <span title={n.decisionReason ?? undefined}>{t(`nominationStatus.${n.status}`)}</span>,
          },
          canDecide && {
            id: 'actions',
            header: t('columns.actions'),
            cell: (n) =>
              n.viewerCanDecide ? (
                <div className="flex gap-2">
                  <Button
                    onClick={() => setDeciding({ nomination: n, decision: 'APPROVE' })}
                    data-testid="key-account-approve"
                  >
                    {t('approve')}
                  </Button>
                  <Button
                    kind="secondary"
                    onClick={() => setDeciding({ nomination: n, decision: 'REJECT' })}
                    data-testid="key-account-reject"
                  >
                    {t('reject')}
                  </Button>
                </div>
              ) : null,
          },
        ]}
        rows={list.rows}
        rowKey={(n) => n.id}
        state={queryTableState(list, errorMessage)}
        empty={t('empty')}
      />
      <LoadMore query={list} total={list.totalCount ?? undefined} errorMessage={errorMessage} />
      {deciding && (
        <DecideDialog nomination={deciding.nomination} decision={deciding.decision} onClose={() => setDeciding(null)} />
      )}
    </div>
  );
}

function KeyAccounts() {
  const t = useTranslations('keyAccounts');
  const tc = useTranslations('customers.keyAccountStatus');
  const errorMessage = useKeyAccountsError();
  const list = useGqlInfiniteQuery(KeyAccountsListQuery, { first: 25 }, (r) => r.keyAccounts);
  return (
    <div className="space-y-4">
      <DataTable
        caption={t('tabs.accounts')}
        testId="key-accounts-list"
        rowTestId={() => 'key-account-row'}
        columns={[
          { id: 'customer', header: t('columns.customer'), cell: (c) => <CustomerLink customer={c} /> },
          { id: 'province', header: t('columns.province'), cell: (c) => c.province ?? '—' },
          { id: 'owner', header: t('columns.owner'), cell: (c) => c.owner?.name ?? '—' },
          { id: 'status', header: t('columns.keyAccountStatus'), cell: (c) => tc(c.keyAccountStatus) },
        ]}
        rows={list.rows}
        rowKey={(c) => c.id}
        state={queryTableState(list, errorMessage)}
        empty={t('emptyAccounts')}
      />
      <LoadMore query={list} total={list.totalCount ?? undefined} errorMessage={errorMessage} />
    </div>
  );
}
