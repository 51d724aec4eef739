import type { Metadata } from 'next';
import Link from 'next/link';
import { getTimeZone, getTranslations } from 'next-intl/server';
import {
  countInteractions,
  countInteractionsByStatus,
  listInteractions,
  type InteractionFilter,
} from '@/graphql/interactions/interaction.service';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import type { Channel, InteractionStatus, InteractionType } from '@/generated/prisma/enums';
import { formatDateTime } from '@/lib/format';
import { can } from '@/server/auth/policies';
import { requireStaffPage } from '@/server/auth/session';
import { DomainError } from '@/server/errors';
import { EmptyState } from '@/components/ui/status';

export async function generateMetadata(): Promise<Metadata> {
  const [t, tc] = await Promise.all([getTranslations('intake'), getTranslations('common')]);
  return { title: `${t('console.list.title')} · ${tc('appName')}` };
}

const TYPES: InteractionType[] = ['COMPLAINT', 'CONSULTATION', 'INQUIRY', 'SUGGESTION'];
const CHANNELS: Channel[] = ['PORTAL', 'PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX', 'API'];
const STATUSES: InteractionStatus[] = [
  'REGISTERED',
  'TRIAGED',
  'INVESTIGATING',
  'ACTION_PLANNED',
  'PENDING_APPROVAL',
  'IMPLEMENTING',
  'VERIFYING',
  'RESOLVED',
  'FOLLOW_UP_DONE',
  'CLOSED',
  'REJECTED',
  'REOPENED',
];
const PAGE_SIZE = 25;

type Params = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const isDate = (value: string | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  allowed.find((a) => a === value);

/** The console list of every interaction: filters in the URL (a plain GET form), counts by status as tabs. */
export default async function ConsoleInteractionsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { viewer } = await requireStaffPage();
  const [params, t, timeZone] = await Promise.all([searchParams, getTranslations('intake'), getTimeZone()]);
  const type = pick(one(params.type), TYPES);
  const channel = pick(one(params.channel), CHANNELS);
  const status = pick(one(params.status), STATUSES);
  const search = one(params.search);
  const from = one(params.from);
  const to = one(params.to);
  const filter: InteractionFilter = {
    type: type ? [type] : null,
    channel: channel ? [channel] : null,
    status: status ? [status] : null,
    search: search ?? null,
    createdAt: { from: isDate(from) ? new Date(from) : null, to: isDate(to) ? new Date(to) : null },
  };
  let page;
  try {
    page = await listInteractions(viewer, { filter, first: PAGE_SIZE, after: one(params.after) ?? null });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'FORBIDDEN') return <p role="alert">{t('errors.forbidden')}</p>;
    if (error instanceof DomainError && error.code === 'BAD_USER_INPUT')
      page = await listInteractions(viewer, { filter, first: PAGE_SIZE });
    else throw error;
  }
  const [counts, total] = await Promise.all([
    countInteractionsByStatus(page.whereWithoutStatus),
    countInteractions(page.where),
  ]);
  const countOf = new Map(counts.map((c) => [c.status, c.count]));
  const allCount = counts.reduce((sum, c) => sum + c.count, 0);

  const query = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams();
    const base = { type, channel, status, search, from, to, ...changes };
    for (const [key, value] of Object.entries(base)) if (value) next.set(key, value);
    const text = next.toString();
    return text ? `/console/interactions?${text}` : '/console/interactions';
  };

  return (
    <div className="space-y-5">
      <PageHeader title={t('console.list.title')} subtitle={t('console.list.subtitle')}>
        {can(viewer, 'interactions:write') && (
          <Link href="/console/interactions/new" className={buttonClass.primary} data-testid="record-interaction">
            {t('console.list.record')}
          </Link>
        )}
      </PageHeader>

      <nav aria-label={t('console.list.byStatus')} className="flex flex-wrap gap-2 text-sm" data-testid="status-counts">
        <Link
          href={query({ status: undefined, after: undefined })}
          aria-current={!status ? 'page' : undefined}
          className={`rounded-full border px-3 py-1 ${!status ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white'}`}
        >
          {t('console.list.all')} <span className="ml-1 font-semibold">{allCount}</span>
        </Link>
        {STATUSES.filter((s) => countOf.has(s) || s === status).map((s) => (
          <Link
            key={s}
            href={query({ status: s, after: undefined })}
            aria-current={status === s ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${status === s ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white'}`}
          >
            {t(`status.${s}`)} <span className="ml-1 font-semibold">{countOf.get(s) ?? 0}</span>
          </Link>
        ))}
      </nav>

      <form
        method="get"
        action="/console/interactions"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-6 sm:items-end"
        data-testid="interaction-filters"
      >
        {status && <input type="hidden" name="status" value={status} />}
        <div className="sm:col-span-2">
          <label htmlFor="f-search" className={labelClass}>
            {t('console.list.search')}
          </label>
          <input
            id="f-search"
            name="search"
            defaultValue={search}
            className={inputClass}
            placeholder={t('console.list.searchHint')}
          />
        </div>
        <div>
          <label htmlFor="f-type" className={labelClass}>
            {t('list.type')}
          </label>
          <select id="f-type" name="type" defaultValue={type ?? ''} className={inputClass}>
            <option value="">{t('console.list.all')}</option>
            {TYPES.map((v) => (
              <option key={v} value={v}>
                {t(`type.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-channel" className={labelClass}>
            {t('detail.channel')}
          </label>
          <select id="f-channel" name="channel" defaultValue={channel ?? ''} className={inputClass}>
            <option value="">{t('console.list.all')}</option>
            {CHANNELS.map((v) => (
              <option key={v} value={v}>
                {t(`channel.${v}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className={labelClass}>
            {t('console.list.from')}
          </label>
          <input id="f-from" name="from" type="date" defaultValue={from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-to" className={labelClass}>
            {t('console.list.to')}
          </label>
          <input id="f-to" name="to" type="date" defaultValue={to} className={inputClass} />
        </div>
        <div className="flex gap-2 sm:col-span-6">
          <button type="submit" className={buttonClass.primary}>
            {t('console.list.apply')}
          </button>
          <Link href="/console/interactions" className={buttonClass.secondary}>
            {t('console.list.reset')}
          </Link>
          <span className="ml-auto self-center text-sm text-slate-600" data-testid="interaction-total">
            {t('console.list.total', { count: total })}
          </span>
        </div>
      </form>

      {page.rows.length === 0 ? (
        <EmptyState>{t('list.empty')}</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="console-interactions">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{t('list.number')}</th>
                <th className="px-3 py-2">{t('list.type')}</th>
                <th className="px-3 py-2">{t('detail.channel')}</th>
                <th className="px-3 py-2">{t('console.list.customer')}</th>
                <th className="px-3 py-2">{t('list.subject')}</th>
                <th className="px-3 py-2">{t('list.status')}</th>
                <th className="px-3 py-2">{t('list.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 font-mono">
                    <Link className="text-blue-700 hover:underline" href={`/console/interactions/${row.id}`}>
                      {row.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{t(`type.${row.type}`)}</td>
                  <td className="px-3 py-2">{t(`channel.${row.channel}`)}</td>
                  <td className="px-3 py-2">{row.companyName ?? '—'}</td>
                  <td className="px-3 py-2">{row.subject}</td>
                  <td className="px-3 py-2">{t(`status.${row.status}`)}</td>
                  <td className="px-3 py-2 text-slate-600">{formatDateTime(row.createdAt.toISOString(), timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="flex gap-3">
        {one(params.after) && (
          <Link href={query({ after: undefined })} className={buttonClass.secondary}>
            {t('console.list.first')}
          </Link>
        )}
        {page.hasNextPage && page.endCursor && (
          <Link href={query({ after: page.endCursor })} className={buttonClass.secondary}>
            {t('console.list.next')}
          </Link>
        )}
      </div>
    </div>
  );
}
