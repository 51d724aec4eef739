'use client';
import { useTranslations, useLocale } from 'next-intl';
import { useId, useMemo, useState } from 'react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { CustomerLink } from '@/components/ui/customer-link';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { TextField } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { Panel } from '@/components/ui/panel';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { monthBounds } from '@/graphql/visits/visit.rules';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDate, formatDateTime, formatPercent, todayIn } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { ItineraryWeekView } from './itinerary-week';
import { VisitDueListQuery, VisitLogListQuery, VisitStatsQuery } from './operations';
import { DueStateBadge, IntervalDialog, LogVisitDialog, RegisterProblemDialog, useVisitErrorMessage } from './visit-ui';

const TABS = ['week', 'due', 'logs', 'stats'] as const;
type Tab = (typeof TABS)[number];

/**
 * 客户拜访 (/console/visits): the week of itineraries, the due and overdue visits, the work log and the monthly
 * statistics. A salesperson sees their own; the service manager the whole team, and approves.
 */
export function VisitsScreen({ canWrite, canApprove }: { canWrite: boolean; canApprove: boolean }) {
  const t = useTranslations('visits');
  const [tab, setTab] = useState<Tab>('week');
  return (
    <div className="space-y-4">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <SegmentedControl
        label={t('tabs.label')}
        values={TABS}
        value={tab}
        onChange={setTab}
        labelOf={(v) => t(`tabs.${v}`)}
        testIdOf={(v) => `visits-tab-${v}`}
      />
      {tab === 'week' && <ItineraryWeekView canWrite={canWrite} canApprove={canApprove} />}
      {tab === 'due' && <DueVisits canWrite={canWrite} canApprove={canApprove} />}
      {tab === 'logs' && <VisitLogs />}
      {tab === 'stats' && <VisitStats />}
    </div>
  );
}

type Cycle = ResultOf<typeof VisitDueListQuery>['dueVisits']['nodes'][number];

function DueVisits({ canWrite, canApprove }: { canWrite: boolean; canApprove: boolean }) {
  const t = useTranslations('visits.due');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useVisitErrorMessage();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'log' | 'interval'; cycle: Cycle } | null>(null);
  const variables = useMemo(() => ({ overdueOnly, first: 25 }), [overdueOnly]);
  const query = useGqlInfiniteQuery(VisitDueListQuery, variables, (r) => r.dueVisits);
  const columns: (Column<Cycle> | false)[] = [
    { id: 'customer', header: t('customer'), cell: (c) => (c.customer ? <CustomerLink customer={c.customer} /> : '—') },
    canApprove && { id: 'salesperson', header: t('salesperson'), cell: (c) => c.salesperson?.name ?? '—' },
    {
      id: 'due',
      header: t('nextDue'),
      cell: (c) => <span data-testid="due-next-date">{String(c.nextDueDate ?? '—')}</span>,
      className: 'whitespace-nowrap',
    },
    { id: 'state', header: t('state'), cell: (c) => <DueStateBadge state={c.dueState} /> },
    { id: 'interval', header: t('interval'), cell: (c) => t('days', { n: c.intervalDays }) },
    {
      id: 'last',
      header: t('lastVisit'),
      cell: (c) => formatDate(c.lastVisitAt ? String(c.lastVisitAt) : null, timeZone) || '—',
    },
    {
      id: 'actions',
      header: t('actions'),
      cell: (c) => (
        <div className="flex flex-wrap gap-1">
          {canWrite && c.customer && (
            <Button kind="ghost" onClick={() => setDialog({ kind: 'log', cycle: c })} data-testid="due-log">
              {t('log')}
            </Button>
          )}
          {canApprove && (
            <Button kind="ghost" onClick={() => setDialog({ kind: 'interval', cycle: c })} data-testid="due-interval">
              {t('setInterval')}
            </Button>
          )}
        </div>
      ),
    },
  ];
  const close = () => setDialog(null);
  return (
    <Panel
      title={t('title')}
      testId="due-visits"
      action={
        <SegmentedControl
          look="compact"
          label={t('filter')}
          values={['due', 'overdue'] as const}
          value={overdueOnly ? 'overdue' : 'due'}
          onChange={(v) => setOverdueOnly(v === 'overdue')}
          labelOf={(v) => t(`views.${v}`)}
        />
      }
    >
      <PagedTable
        query={query}
        errorMessage={errorMessage}
        total={query.totalCount !== null ? t('total', { count: query.totalCount }) : null}
        columns={columns}
        rowKey={(c) => c.id}
        empty={t('empty')}
        caption={t('title')}
        testId="due-table"
        rowTestId="due-row"
      />
      {dialog?.kind === 'log' && dialog.cycle.customer && (
        <LogVisitDialog customer={dialog.cycle.customer} onClose={close} onDone={close} />
      )}
      {dialog?.kind === 'interval' && <IntervalDialog cycle={dialog.cycle} onClose={close} onDone={close} />}
    </Panel>
  );
}

type Log = ResultOf<typeof VisitLogListQuery>['visitLogs']['nodes'][number];

function VisitLogs() {
  const t = useTranslations('visits.logs');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useVisitErrorMessage();
  const [registering, setRegistering] = useState<Log | null>(null);
  const query = useGqlInfiniteQuery(VisitLogListQuery, { first: 25 }, (r) => r.visitLogs);
  const text = (v: string | null | undefined) => v || '—';
  const columns: Column<Log>[] = [
    {
      id: 'at',
      header: t('at'),
      cell: (l) => formatDateTime(String(l.visitedAt), timeZone),
      className: 'whitespace-nowrap',
    },
    { id: 'customer', header: t('customer'), cell: (l) => (l.customer ? <CustomerLink customer={l.customer} /> : '—') },
    { id: 'who', header: t('salesperson'), cell: (l) => l.salesperson?.name ?? '—' },
    { id: 'kind', header: t('kind'), cell: (l) => t(`kinds.${l.kind}`) },
    { id: 'discussed', header: t('discussed'), cell: (l) => l.discussed },
    { id: 'needs', header: t('customerNeeds'), cell: (l) => text(l.customerNeeds) },
    { id: 'problems', header: t('problemsFound'), cell: (l) => text(l.problemsFound) },
    { id: 'followUp', header: t('followUp'), cell: (l) => text(l.followUp) },
    {
      id: 'registered',
      header: t('registered'),
      cell: (l) =>
        l.interaction ? (
          <span data-testid="visit-log-interaction">{l.interaction.number}</span>
        ) : l.viewerCanRegisterProblem ? (
          <Button kind="ghost" onClick={() => setRegistering(l)} data-testid="visit-log-register">
            {t('register')}
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Panel title={t('title')} testId="visit-logs">
      <PagedTable
        query={query}
        errorMessage={errorMessage}
        total={query.totalCount !== null ? t('total', { count: query.totalCount }) : null}
        columns={columns}
        rowKey={(l) => l.id}
        empty={t('empty')}
        caption={t('title')}
        testId="visit-log-table"
        rowTestId="visit-log-row"
      />
      {registering && (
        <RegisterProblemDialog
          log={registering}
          onClose={() => setRegistering(null)}
          onDone={() => setRegistering(null)}
        />
      )}
    </Panel>
  );
}

type StatsRow = ResultOf<typeof VisitStatsQuery>['visitMonthlyStats']['rows'][number];

function VisitStats() {
  const t = useTranslations('visits.stats');
  const locale = useLocale();
  const id = useId();
  const timeZone = useDisplayTimeZone();
  const [month, setMonth] = useState(() => todayIn(timeZone).slice(0, 7));
  const errorMessage = useVisitErrorMessage();
  const valid = monthBounds(month) !== null;
  const query = useGqlQuery(VisitStatsQuery, { month }, { enabled: valid, keepPrevious: true });
  const columns: Column<StatsRow>[] = [
    { id: 'who', header: t('salesperson'), cell: (r) => r.salespersonName },
    { id: 'planned', header: t('planned'), cell: (r) => r.planned, className: 'text-right' },
    { id: 'done', header: t('done'), cell: (r) => r.done, className: 'text-right' },
    {
      id: 'rate',
      header: t('rate'),
      cell: (r) => formatPercent(r.completionRate, locale) || '—',
      className: 'text-right',
    },
    { id: 'visits', header: t('visits'), cell: (r) => r.visits, className: 'text-right' },
    { id: 'phone', header: t('phone'), cell: (r) => r.phoneContacts, className: 'text-right' },
    { id: 'late', header: t('late'), cell: (r) => r.lateItineraries, className: 'text-right' },
  ];
  const href = (format: string) => `/api/visits/stats?month=${encodeURIComponent(month)}&format=${format}`;
  return (
    <Panel
      title={t('title')}
      testId="visit-stats"
      action={
        <div className="flex flex-wrap items-end gap-2">
          <TextField id={`${id}-month`} type="month" label={t('month')} value={month} onChange={setMonth} />
          <a className={buttonClass.secondary} href={href('csv')} data-testid="visit-stats-csv">
            {t('csv')}
          </a>
          <a className={buttonClass.secondary} href={href('xlsx')} data-testid="visit-stats-xlsx">
            {t('xlsx')}
          </a>
        </div>
      }
    >
      <DataTable
        columns={columns}
        rows={query.data?.visitMonthlyStats.rows ?? []}
        rowKey={(r) => r.salesperson?.id ?? r.salespersonName}
        state={queryTableState(query, errorMessage)}
        empty={t('empty')}
        caption={t('title')}
        testId="visit-stats-table"
        rowTestId="visit-stats-row"
      />
    </Panel>
  );
}
