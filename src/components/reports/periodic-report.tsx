'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { getFragmentData } from '@/gql';
import type {
  ReportComplaintPeriodReportQuery,
  ReportDepartmentCountFieldsFragment as Department,
  ReportSubscriptionsQuery as SubscriptionsData,
} from '@/gql/graphql';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { PageHeader } from '@/components/ui/page-header';
import { Panel } from '@/components/ui/panel';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import {
  DEFAULT_DELIVERY_DAY,
  DELIVERY_DAY_RANGE,
  isValidPeriod,
  REPORT_PERIOD_KINDS,
  shiftPeriod,
  type ReportPeriodKind,
} from '@/graphql/reports/report-period.rules';
import { REPORT_READER_ROLES } from '@/graphql/reports/report-subscription.rules';
import { formatDateTime } from '@/lib/format';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { gqlErrorMessage } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { percent } from './complaint-monthly-report';
import {
  ReportComplaintPeriodReportQuery as PeriodQuery,
  ReportCreateSubscriptionMutation,
  ReportDeleteSubscriptionMutation,
  ReportDepartmentCountFieldsFragment,
  ReportSubscriptionsQuery,
} from './report-operations';

type Report = ReportComplaintPeriodReportQuery['complaintPeriodReport'];
type TopCause = Report['topCauses'][number];
type Subscription = SubscriptionsData['reportSubscriptions'][number];
type Delivery = SubscriptionsData['reportDeliveries'][number];

/**
 * 月度/季度/年度投诉与服务报告: the period kind and period in the URL, headline tiles, the improvement focus (top causes
 * and their corrective actions), departments, the PDF and Excel downloads, and — below — the report subscriptions
 * and the list of deliveries with their status.
 */
export function PeriodicReport({
  kind,
  period,
  currentPeriods,
  userId,
  canManage,
}: {
  kind: ReportPeriodKind;
  period: string;
  currentPeriods: Record<ReportPeriodKind, string>;
  userId: string;
  canManage: boolean;
}) {
  const t = useTranslations('reports.periodic');
  const valid = isValidPeriod(kind, period);
  const data = useGqlQuery(PeriodQuery, { kind, period }, { enabled: valid });
  const href = (k: ReportPeriodKind, p: string) =>
    `/console/reports/periodic?kind=${k}&period=${encodeURIComponent(p)}`;
  const download = (format: 'pdf' | 'xlsx') =>
    `/api/reports/periodic?kind=${kind}&period=${encodeURIComponent(period)}&format=${format}`;

  return (
    <div className="space-y-6" data-testid="periodic-report" data-kind={kind} data-period={period}>
      <Link href="/console/reports" className="text-sm text-blue-700 hover:underline">
        ← {t('back')}
      </Link>
      <PageHeader title={t('title')} subtitle={valid ? t(`subtitle.${kind}`, { period }) : undefined}>
        {valid && (
          <>
            <a className={buttonClass.secondary} href={download('pdf')} download data-testid="periodic-export-pdf">
              {t('export.pdf')}
            </a>
            <a className={buttonClass.secondary} href={download('xlsx')} download data-testid="periodic-export-xlsx">
              {t('export.xlsx')}
            </a>
          </>
        )}
      </PageHeader>

      <nav className="flex flex-wrap items-center gap-2" aria-label={t('periodKind')}>
        {REPORT_PERIOD_KINDS.map((k) => (
          <Link
            key={k}
            href={href(k, k === kind ? period : shiftPeriod(k, currentPeriods[k], -1))}
            className={k === kind ? buttonClass.primary : buttonClass.secondary}
            aria-current={k === kind ? 'page' : undefined}
            data-testid={`period-kind-${k}`}
          >
            {t(`kind.${k}`)}
          </Link>
        ))}
        {valid && (
          <>
            <Link
              className={buttonClass.secondary}
              href={href(kind, shiftPeriod(kind, period, -1))}
              data-testid="period-previous"
            >
              ← {t('previous')}
            </Link>
            <span className="px-2 text-sm font-medium" data-testid="period-current">
              {period}
            </span>
            {period < currentPeriods[kind] && (
              <Link
                className={buttonClass.secondary}
                href={href(kind, shiftPeriod(kind, period, 1))}
                data-testid="period-next"
              >
                {t('next')} →
              </Link>
            )}
          </>
        )}
      </nav>

      {!valid ? (
        <ErrorBanner message={t('badPeriod', { period })} testId="periodic-bad-period" />
      ) : data.error && !data.data ? (
        <ErrorBanner
          message={gqlErrorMessage(data.error, (k) => t(`errors.${k}`))}
          onRetry={() => void data.refetch()}
          testId="periodic-error"
        />
      ) : !data.data ? (
        <Spinner label={t('loading')} />
      ) : (
        <ReportView report={data.data.complaintPeriodReport} />
      )}

      <Subscriptions userId={userId} canManage={canManage} />
    </div>
  );
}

function ReportView({ report }: { report: Report }) {
  const t = useTranslations('reports.periodic');
  const tc = useTranslations('complaints');
  const s = report.summary;
  const figure = (value: number | null | undefined, digits = 1) =>
    value === null || value === undefined ? '—' : value.toFixed(digits);
  const tiles: [string, string][] = [
    ['total', `${s.total}`],
    ['previousTotal', `${s.previous.total}`],
    ['onTime', percent(s.onTimeResolutionRate)],
    ['overdue', `${s.overdue}`],
    ['callbacks', percent(s.callbacks.completionRate)],
    ['satisfaction', figure(report.satisfaction.averageIndex)],
    ['nps', figure(report.satisfaction.nps)],
  ];
  const causeName = (c: TopCause) =>
    `${c.causeClass ? tc(`causeClass.${c.causeClass}`) : t('untriaged')} · ${c.departmentName ?? t('noDepartment')}`;
  const num = (id: keyof TopCause & string, header: string): Column<TopCause> => ({
    id,
    header,
    className: 'text-right tabular-nums',
    cell: (row) => String(row[id]),
  });
  const causeColumns: Column<TopCause>[] = [
    { id: 'cause', header: t('columns.cause'), cell: causeName },
    num('count', t('columns.count')),
    { id: 'share', header: t('columns.share'), className: 'text-right', cell: (r) => percent(r.share) },
    num('actions', t('columns.actions')),
    num('open', t('columns.open')),
    num('done', t('columns.done')),
    num('verified', t('columns.verified')),
    num('overdue', t('columns.overdue')),
  ];
  const departmentColumns: Column<Department>[] = [
    { id: 'department', header: t('columns.department'), cell: (d) => d.departmentName ?? t('noDepartment') },
    { id: 'count', header: t('columns.count'), className: 'text-right tabular-nums', cell: (d) => d.count },
    {
      id: 'previous',
      header: t('columns.previous'),
      className: 'text-right tabular-nums',
      cell: (d) => d.previousCount,
    },
    { id: 'open', header: t('columns.open'), className: 'text-right tabular-nums', cell: (d) => d.open },
    { id: 'overdue', header: t('columns.overdue'), className: 'text-right tabular-nums', cell: (d) => d.overdue },
  ];
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
        {tiles.map(([key, value]) => (
          <div
            key={key}
            className="rounded-lg border border-slate-200 bg-white px-4 py-3"
            data-testid={`periodic-tile-${key}`}
          >
            <p className="text-xs font-medium text-slate-500">{t(`tiles.${key}`)}</p>
            <p className="mt-1 text-2xl font-semibold">{value}</p>
          </div>
        ))}
      </div>
      <Panel title={t('focus')} testId="periodic-top-causes">
        <DataTable
          columns={causeColumns}
          rows={report.topCauses}
          rowKey={(c) => `${c.causeClass ?? ''}|${c.departmentId ?? ''}`}
          state={{ loading: false }}
          empty={t('noCauses')}
          caption={t('focus')}
        />
      </Panel>
      <Panel title={t('departments')} testId="periodic-departments">
        <DataTable
          columns={departmentColumns}
          rows={getFragmentData(ReportDepartmentCountFieldsFragment, s.byDepartment)}
          rowKey={(d) => d.departmentId ?? ''}
          state={{ loading: false }}
          empty={t('noComplaints')}
          caption={t('departments')}
        />
      </Panel>
    </div>
  );
}

/**
 * Subscriptions: anyone with reports:read subscribes themselves; with settings:manage also a role (every active
 * staff member of it). The delivery list shows each mail's status, attempts and last error.
 */
function Subscriptions({ userId, canManage }: { userId: string; canManage: boolean }) {
  const t = useTranslations('reports.periodic.subscriptions');
  const tk = useTranslations('reports.periodic.kind');
  const tr = useTranslations('admin');
  const timeZone = useDisplayTimeZone();
  const list = useGqlQuery(ReportSubscriptionsQuery, {});
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    periodKind: 'MONTH' as ReportPeriodKind,
    role: '',
    deliveryDay: DEFAULT_DELIVERY_DAY,
  });
  const create = useGqlMutation(ReportCreateSubscriptionMutation, { invalidates: ['ReportSubscriptions'] });
  const remove = useGqlMutation(ReportDeleteSubscriptionMutation, { invalidates: ['ReportSubscriptions'] });
  const errorText = (error: unknown) => gqlErrorMessage(error, (k) => t(`errors.${k}`));
  const unsubscribe = useConfirmedAction(
    (s: Subscription) => remove.mutateAsync({ id: s.id }),
    () => ({
      title: t('delete.title'),
      body: t('delete.body'),
      confirmLabel: t('delete.confirm'),
      pendingLabel: t('delete.pending'),
    }),
    errorText,
  );
  const roleName = (role: string) => tr(`roles.${role}`);
  const subscriptionColumns: Column<Subscription>[] = [
    { id: 'kind', header: t('columns.kind'), cell: (s) => tk(s.periodKind) },
    {
      id: 'subscriber',
      header: t('columns.subscriber'),
      cell: (s) => (s.role ? t('role', { role: roleName(s.role) }) : (s.user?.name ?? '—')),
    },
    { id: 'day', header: t('columns.day'), cell: (s) => t('day', { day: s.deliveryDay }) },
    {
      id: 'actions',
      header: '',
      cell: (s) =>
        canManage || s.user?.id === userId ? (
          <button
            type="button"
            className={buttonClass.link}
            onClick={() => unsubscribe.ask(s)}
            data-testid="unsubscribe"
          >
            {t('unsubscribe')}
          </button>
        ) : null,
    },
  ];
  const deliveryColumns: Column<Delivery>[] = [
    { id: 'period', header: t('columns.period'), cell: (d) => `${tk(d.periodKind)} ${d.period}` },
    { id: 'recipient', header: t('columns.recipient'), cell: (d) => `${d.recipient.name} <${d.email}>` },
    {
      id: 'status',
      header: t('columns.status'),
      cell: (d) => <span data-status={d.status}>{t(`status.${d.status}`)}</span>,
    },
    { id: 'attempts', header: t('columns.attempts'), className: 'text-right', cell: (d) => d.attempts },
    { id: 'sentAt', header: t('columns.sentAt'), cell: (d) => (d.sentAt ? formatDateTime(d.sentAt, timeZone) : '—') },
    { id: 'error', header: t('columns.error'), cell: (d) => d.lastError ?? '' },
  ];
  const state = queryTableState(list, errorText);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      {
        input: {
          periodKind: form.periodKind,
          deliveryDay: form.deliveryDay,
          ...(form.role ? { role: REPORT_READER_ROLES.find((r) => r === form.role) } : { userId }),
        },
      },
      { onSuccess: () => setOpen(false) },
    );
  };
  return (
    <>
      <Panel
        title={t('title')}
        testId="report-subscriptions"
        action={
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() => {
              create.reset();
              setOpen(true);
            }}
            data-testid="subscribe"
          >
            {t('subscribe')}
          </button>
        }
      >
        <p className="mb-3 text-sm text-slate-600">{t(canManage ? 'hintManager' : 'hint')}</p>
        <DataTable
          columns={subscriptionColumns}
          rows={list.data?.reportSubscriptions ?? []}
          rowKey={(s) => s.id}
          state={state}
          empty={t('empty')}
          caption={t('title')}
        />
      </Panel>
      <Panel title={t('deliveries')} testId="report-deliveries">
        <DataTable
          columns={deliveryColumns}
          rows={list.data?.reportDeliveries ?? []}
          rowKey={(d) => d.id}
          state={state}
          empty={t('noDeliveries')}
          caption={t('deliveries')}
        />
      </Panel>
      <FormDialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('subscribe')}
        testId="subscribe-dialog"
        pending={create.isPending}
        formError={create.error ? errorText(create.error) : null}
        submitLabel={t('save')}
        pendingLabel={t('saving')}
        onSubmit={submit}
      >
        <label className="block">
          <span className={labelClass}>{t('columns.kind')}</span>
          <select
            className={inputClass}
            value={form.periodKind}
            onChange={(e) => setForm({ ...form, periodKind: e.target.value as ReportPeriodKind })}
            data-testid="subscribe-kind"
          >
            {REPORT_PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {tk(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>{t('columns.subscriber')}</span>
          <select
            className={inputClass}
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value })}
            data-testid="subscribe-subscriber"
          >
            <option value="">{t('myself')}</option>
            {canManage &&
              // The roles a manager may subscribe: those that read reports (the server refuses the others).
              REPORT_READER_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t('role', { role: roleName(role) })}
                </option>
              ))}
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>{t('columns.day')}</span>
          <input
            type="number"
            className={inputClass}
            min={DELIVERY_DAY_RANGE.min}
            max={DELIVERY_DAY_RANGE.max}
            value={form.deliveryDay}
            onChange={(e) => setForm({ ...form, deliveryDay: Number(e.target.value) })}
            data-testid="subscribe-day"
          />
        </label>
      </FormDialog>
      {unsubscribe.dialog}
    </>
  );
}
