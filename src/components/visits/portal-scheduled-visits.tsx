'use client';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { Panel } from '@/components/ui/panel';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { graphql } from '@/gql';
import type { VisitPortalScheduledQuery as ListData } from '@/gql/graphql';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { useVisitErrorMessage, VISIT_INVALIDATES } from './visit-ui';

const VisitPortalScheduledQuery = graphql(`
  query VisitPortalScheduled {
    myScheduledVisits {
      id
      plannedDate
      purpose
      salespersonName
      confirmedAt
    }
  }
`);

const VisitConfirmScheduledMutation = graphql(`
  mutation VisitConfirmScheduled($id: ID!) {
    confirmScheduledVisit(id: $id) {
      id
      confirmedAt
    }
  }
`);

type Row = ListData['myScheduledVisits'][number];

/**
 * The portal's planned visits (issue 13): the visits our salespeople planned with the customer's company on approved
 * itineraries, each confirmed by the customer once — the same confirm-then-act pattern as a work order's visit.
 */
export function PortalScheduledVisits() {
  const t = useTranslations('visits.portal');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useVisitErrorMessage();
  const list = useGqlQuery(VisitPortalScheduledQuery);
  const confirmVisit = useGqlMutation(VisitConfirmScheduledMutation, { invalidates: [...VISIT_INVALIDATES] });
  const confirm = useConfirmedAction(
    (row: Row) => confirmVisit.mutateAsync({ id: row.id }),
    (row) => ({
      title: t('confirmTitle'),
      body: t('confirmBody', { date: row.plannedDate }),
      confirmLabel: t('confirm'),
      pendingLabel: '…',
      tone: 'primary',
    }),
    errorMessage,
  );
  const columns: Column<Row>[] = [
    { id: 'date', header: t('date'), cell: (v) => v.plannedDate },
    { id: 'purpose', header: t('purpose'), cell: (v) => v.purpose },
    { id: 'salesperson', header: t('salesperson'), cell: (v) => v.salespersonName ?? '' },
    {
      id: 'confirm',
      header: t('confirm'),
      cell: (v) =>
        v.confirmedAt ? (
          t('confirmed', { date: formatDateTime(v.confirmedAt, timeZone) })
        ) : (
          <Button kind="primary" onClick={() => confirm.ask(v)} data-testid="scheduled-visit-confirm">
            {t('confirm')}
          </Button>
        ),
    },
  ];
  return (
    <Panel title={t('title')} testId="portal-scheduled-visits">
      <p className="mb-3 text-sm text-slate-600">{t('subtitle')}</p>
      <DataTable
        columns={columns}
        rows={list.data?.myScheduledVisits ?? []}
        rowKey={(v) => v.id}
        state={queryTableState(list, errorMessage)}
        empty={t('empty')}
        testId="scheduled-visits"
        rowTestId="scheduled-visit-row"
      />
      {confirm.dialog}
    </Panel>
  );
}
