'use client';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { DataTable } from '@/components/ui/data-table';
import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { KeyAccountsOwnerFieldsFragment } from '@/components/key-accounts/operations';
import { getFragmentData } from '@/gql';
import { PagedContent, QueryContent } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { SegmentedControl } from '@/components/ui/segmented-control';
import {
  DueLabel,
  STOPPED_STATUSES,
  StatusBadge as InteractionStatusBadge,
} from '@/components/complaints/complaint-ui';
import type {
  CustomerHistoryBlockQuery,
  CustomerInteractionsBlockQuery,
  CustomerSurveysBlockQuery,
} from '@/gql/graphql';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { CUSTOMER_360_PAGE_SIZE } from '@/graphql/customer-360/customer-360.rules';
import { errorMessage } from './customer-errors';
import { CustomerHistory } from './customer-history';
import {
  CustomerHistoryBlockQuery as HistoryQuery,
  CustomerInteractionsBlockQuery as InteractionsQuery,
  CustomerKeyAccountBlockQuery as KeyAccountQuery,
  CustomerSurveysBlockQuery as SurveysQuery,
} from './customer-360-operations';
import { KeyAccountBadge } from './customer-ui';

// The blocks of the customer 360 page (SPEC §1, §2), each loading and paging on its own through the one data layer.

const interactionsOf = (r: CustomerInteractionsBlockQuery) => r.customer?.interactionsConnection;
const responsesOf = (r: CustomerSurveysBlockQuery) => r.customer?.surveyResponsesConnection;
const historyOf = (r: CustomerHistoryBlockQuery) => r.customer?.historyConnection;

function useErrorText() {
  const t = useTranslations('customers');
  return (error: unknown) => errorMessage(error, t);
}

/** A paged block's body (PagedContent) in the 360 page's words: its spinner label and "共 n 条" under the rows. */
function PagedBlockContent({
  list,
  ...props
}: Omit<React.ComponentProps<typeof PagedContent>, 'errorMessage' | 'loadingLabel' | 'total'> & {
  list: React.ComponentProps<typeof PagedContent>['list'] & { totalCount: number | null };
}) {
  const t = useTranslations('customers.c360');
  const errorText = useErrorText();
  return (
    <PagedContent
      list={list}
      errorMessage={errorText}
      loadingLabel={t('loading')}
      total={list.totalCount === null ? undefined : t('total', { count: list.totalCount })}
      {...props}
    />
  );
}

type InteractionFilterChoice = 'ALL' | 'OPEN' | 'COMPLAINTS';

/** Every consultation, inquiry, complaint and suggestion, with its state and due times, newest first. */
export function CustomerInteractionsBlock({ customerId }: { customerId: string }) {
  const t = useTranslations('customers.c360');
  const tType = useTranslations('intake.type');
  const timeZone = useDisplayTimeZone();
  const [choice, setChoice] = useState<InteractionFilterChoice>('ALL');
  const filter =
    choice === 'OPEN' ? { open: true } : choice === 'COMPLAINTS' ? { type: ['COMPLAINT' as const] } : undefined;
  const list = useGqlInfiniteQuery(
    InteractionsQuery,
    { id: customerId, first: CUSTOMER_360_PAGE_SIZE, filter },
    interactionsOf,
    { keepPrevious: true },
  );
  return (
    <Section
      title={t('interactions')}
      testId="customer-interactions"
      actions={
        <SegmentedControl
          look="compact"
          label={t('interactionsFilter')}
          values={['ALL', 'OPEN', 'COMPLAINTS'] as const}
          value={choice}
          onChange={setChoice}
          labelOf={(value) => t(`filter.${value}`)}
          testIdOf={(value) => `customer-interactions-${value.toLowerCase()}`}
        />
      }
    >
      <PagedBlockContent list={list} empty={t('noInteractions')} moreTestId="customer-interactions-more">
        <ul className="divide-y divide-slate-100 text-sm">
          {list.rows.map((row) => (
            <li key={row.id} className="space-y-0.5 py-2" data-testid="customer-interaction">
              <p className="flex flex-wrap items-center gap-2">
                <Link
                  href={row.type === 'COMPLAINT' ? `/console/complaints/${row.id}` : `/console/interactions/${row.id}`}
                  className="font-mono text-xs text-blue-700 hover:underline"
                >
                  {row.number}
                </Link>
                <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-700">{tType(row.type)}</span>
                <InteractionStatusBadge status={row.status} />
                <span className="min-w-0 break-words font-medium">{row.subject}</span>
              </p>
              <p className="flex flex-wrap gap-x-3 text-xs text-slate-500">
                <span>{t('createdAt', { at: formatDateTime(row.createdAt, timeZone) })}</span>
                {row.triageDueAt && row.status === 'REGISTERED' && (
                  <span>{t('triageDue', { at: formatDateTime(row.triageDueAt, timeZone) })}</span>
                )}
                {row.resolutionDueAt && (
                  <span>
                    {t('resolutionDue', { at: formatDateTime(row.resolutionDueAt, timeZone) })}{' '}
                    <DueLabel dueAt={row.resolutionDueAt} stopped={STOPPED_STATUSES.has(row.status)} />
                  </span>
                )}
                {row.callbackDueAt && (
                  <span>{t('callbackDue', { at: formatDateTime(row.callbackDueAt, timeZone) })}</span>
                )}
              </p>
            </li>
          ))}
        </ul>
      </PagedBlockContent>
    </Section>
  );
}

/** Submitted survey responses with their index, and the index per quarter as a small chart. */
export function CustomerSurveysBlock({ customerId }: { customerId: string }) {
  const t = useTranslations('customers.c360');
  const timeZone = useDisplayTimeZone();
  const list = useGqlInfiniteQuery(SurveysQuery, { id: customerId, first: CUSTOMER_360_PAGE_SIZE }, responsesOf);
  const trend = list.firstPage?.customer?.satisfactionTrend ?? [];
  return (
    <Section title={t('surveys')} testId="customer-surveys">
      <PagedBlockContent list={list} empty={t('noSurveys')}>
        {trend.length > 1 && (
          <figure className="mb-3" data-testid="customer-satisfaction-trend">
            <figcaption className="mb-1 text-xs text-slate-500">{t('trend')}</figcaption>
            <div className="h-36" aria-hidden>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={trend} margin={{ top: 6, right: 8, bottom: 0, left: -20 }} accessibilityLayer={false}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                  <XAxis dataKey="period" tick={{ fontSize: 11 }} />
                  <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} />
                  <Tooltip />
                  <Line
                    type="monotone"
                    dataKey="averageIndexScore"
                    name={t('index')}
                    stroke="#2563eb"
                    strokeWidth={2}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
            {/* The same numbers for screen readers: the chart is an image. */}
            <div className="sr-only">
              <DataTable
                caption={t('trend')}
                rows={trend}
                rowKey={(p) => p.period}
                state={{ loading: false }}
                empty={null}
                columns={[
                  { id: 'period', header: t('period'), cell: (p) => p.period },
                  { id: 'index', header: t('index'), cell: (p) => p.averageIndexScore },
                ]}
              />
            </div>
          </figure>
        )}
        <ul className="divide-y divide-slate-100 text-sm">
          {list.rows.map((row) => (
            <li
              key={row.id}
              className="flex flex-wrap items-baseline justify-between gap-2 py-2"
              data-testid="customer-survey"
            >
              <span className="min-w-0">
                <Link href={`/console/surveys/responses/${row.id}`} className="text-blue-700 hover:underline">
                  {row.campaign.name}
                </Link>
                <span className="ml-2 text-xs text-slate-500">{formatDateTime(row.submittedAt, timeZone)}</span>
              </span>
              <span
                className={`tabular-nums font-medium ${row.lowScore ? 'text-red-700' : 'text-slate-800'}`}
                data-testid="customer-survey-score"
              >
                {row.index === null || row.index === undefined ? '—' : row.index.toFixed(1)}
                {row.lowScore && <span className="ml-1 text-xs">{t('lowScore')}</span>}
              </span>
            </li>
          ))}
        </ul>
      </PagedBlockContent>
    </Section>
  );
}

/** The customer record's own change history, newest first, paged. */
export function CustomerHistoryBlock({ customerId }: { customerId: string }) {
  const t = useTranslations('customers');
  const list = useGqlInfiniteQuery(HistoryQuery, { id: customerId, first: CUSTOMER_360_PAGE_SIZE }, historyOf);
  return (
    <Section title={t('sections.history')} testId="customer-history">
      <PagedBlockContent list={list}>
        <CustomerHistory entries={list.rows} />
      </PagedBlockContent>
    </Section>
  );
}

/** Key-account status and its one-to-one owner, the next planned contact and the contracts' summary. */
export function CustomerKeyAccountBlock({
  customerId,
  canReadCallbacks,
}: {
  customerId: string;
  canReadCallbacks: boolean;
}) {
  const t = useTranslations('customers.c360');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorText = useErrorText();
  const query = useGqlQuery(KeyAccountQuery, { id: customerId });
  const customer = query.data?.customer;
  const keyAccount = getFragmentData(KeyAccountsOwnerFieldsFragment, customer?.keyAccount);
  const owner = keyAccount?.owner;
  const next = customer?.nextScheduledContact;
  const summary = customer?.contractSummary;
  const tCallbackReason = useTranslations('callbacks.reason');
  return (
    <Section title={t('keyAccount')} testId="customer-key-account">
      <QueryContent query={query} errorMessage={errorText} loadingLabel={t('loading')}>
        <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-2">
          <dt className="text-slate-500">{t('keyAccountStatus')}</dt>
          <dd>{keyAccount && <KeyAccountBadge status={keyAccount.status} />}</dd>
          <dt className="text-slate-500">{t('owner')}</dt>
          <dd data-testid="customer-key-account-owner">
            {owner ? (
              <>
                <span className="font-medium">{owner.name}</span>
                {owner.phone && <span className="ml-2 tabular-nums">{owner.phone}</span>}
                <a href={`mailto:${owner.email}`} className="ml-2 text-blue-700 hover:underline">
                  {owner.email}
                </a>
              </>
            ) : (
              <span className="text-slate-400">{t('noOwner')}</span>
            )}
          </dd>
          {canReadCallbacks && (
            <>
              <dt className="text-slate-500">{t('nextContact')}</dt>
              <dd data-testid="customer-next-contact">
                {next ? (
                  <>
                    {formatDateTime(next.dueAt, timeZone)}{' '}
                    <span className="text-slate-600">
                      {next.kind === 'CALLBACK' && next.callbackReason
                        ? tCallbackReason(next.callbackReason)
                        : t(
                            `obligation.${next.obligationKind === 'LEADERSHIP_VISIT' ? 'LEADERSHIP_VISIT' : 'CALLBACK'}`,
                          )}
                    </span>
                  </>
                ) : (
                  <span className="text-slate-400">{t('noNextContact')}</span>
                )}
              </dd>
            </>
          )}
          <dt className="text-slate-500">{t('contracts')}</dt>
          <dd data-testid="customer-contract-summary">
            {summary &&
              t('contractSummary', {
                count: summary.count,
                total: formatMoney(summary.totalAmount, locale),
                first: summary.firstSignedAt ?? '—',
                last: summary.lastSignedAt ?? '—',
              })}
          </dd>
        </dl>
      </QueryContent>
    </Section>
  );
}
