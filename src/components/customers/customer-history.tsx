'use client';
import { useLocale, useTranslations } from 'next-intl';
import type { CustomerHistoryBlockQuery } from '@/gql/graphql';
import { formatDateTime, formatMoney } from '@/lib/format';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { CREDIT_VALUES, GRADE_VALUES, SOURCE_VALUES, STATUS_VALUES } from './customer-list-params';
import { CustomerOwnerOptionsQuery } from './customer-operations';
import { useActivityText } from '@/lib/use-activity-text';
import { historyEntryFields } from '@/components/ui/history-entry-body';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

type Entry = NonNullable<NonNullable<CustomerHistoryBlockQuery['customer']>['historyConnection']>['nodes'][number];
type Change = { field: string; from: unknown; to: unknown };

const MONEY_FIELDS = new Set(['initialAuditFee', 'surveillanceAuditFee']);
const DATE_FIELDS = new Set(['applicationAcceptedAt', 'auditDate', 'plannedSurveillanceDate', 'implementationDate']);
const ENUM_FIELDS: Record<string, readonly string[]> = {
  status: STATUS_VALUES,
  creditStanding: CREDIT_VALUES,
  source: SOURCE_VALUES,
  grade: GRADE_VALUES,
};

/** `changes` is JSON written by the service as { field: { from, to } }; anything else is ignored rather than shown raw. */
export function readChanges(changes: unknown): Change[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes as Record<string, unknown>).flatMap(([field, value]) =>
    value && typeof value === 'object' && 'to' in value
      ? [{ field, from: (value as { from?: unknown }).from ?? null, to: (value as { to: unknown }).to }]
      : [],
  );
}

/** The customer's append-only history as given (newest first): who, when, what, and each field's before → after. */
export function CustomerHistory({ entries }: { entries: readonly Entry[] }) {
  const t = useTranslations('customers');
  const activity = useActivityText();
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const mentionsOwner = entries.some((e) => readChanges(e.changes).some((c) => c.field === 'ownerId'));
  const owners = useGqlQuery(CustomerOwnerOptionsQuery, undefined, { enabled: mentionsOwner });
  const ownerName = (id: unknown) => owners.data?.users.find((u) => u.id === id)?.name ?? String(id);

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (field === 'contacts' || field === 'contracts') return t(`history.${field}Count`, { count: Number(value) });
    if (field === 'ownerId') return ownerName(value);
    if (MONEY_FIELDS.has(field)) return formatMoney(String(value), locale);
    if (DATE_FIELDS.has(field)) return String(value).slice(0, 10);
    const values = ENUM_FIELDS[field];
    if (values?.includes(String(value))) return t(`${field}.${String(value)}`);
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  const fieldLabel = (field: string) => {
    const key = `fields.${field === 'ownerId' ? 'owner' : field}`;
    return t.has(key) ? t(key) : field;
  };
  const actionLabel = (action: string) => (t.has(`history.action.${action}`) ? t(`history.action.${action}`) : action);

  if (entries.length === 0) return <p className="text-sm text-slate-500">{t('history.none')}</p>;
  return (
    <ol className="relative space-y-4 border-l border-slate-200 pl-4">
      {entries.map((entry) => {
        const changes = readChanges(entry.changes);
        const body = historyEntryFields(entry);
        const initialStatus =
          (entry.action === 'CREATE' || entry.action === 'IMPORT') &&
          entry.toState &&
          (STATUS_VALUES as readonly string[]).includes(entry.toState);
        return (
          <li key={entry.id} className="relative" data-testid="history-entry">
            <span
              aria-hidden
              className="absolute -left-[21px] top-1.5 size-2.5 rounded-full border-2 border-white bg-blue-600 ring-1 ring-blue-600"
            />
            <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
              <span className="font-medium">{actionLabel(entry.action)}</span>
              <span className="text-slate-600">{activity.actor(body)}</span>
              <time dateTime={body.createdAt} className="text-xs text-slate-500">
                {formatDateTime(body.createdAt, timeZone)}
              </time>
            </div>
            {initialStatus && entry.toState && (
              <p className="text-xs text-slate-600">
                {t('history.initialStatus', { status: show('status', entry.toState) })}
              </p>
            )}
            {body.message && <p className="mt-0.5 text-sm text-slate-700">{activity.message(body.message)}</p>}
            {body.comment && (
              <p className="mt-0.5 whitespace-pre-wrap text-sm text-slate-700">
                {t('history.comment', { comment: body.comment })}
              </p>
            )}
            {changes.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
                {changes.map((change) => (
                  <li key={change.field} className="break-words">
                    <span className="font-medium">{fieldLabel(change.field)}</span>
                    {': '}
                    {change.field === 'contacts' || change.field === 'contracts' ? (
                      show(change.field, change.to)
                    ) : (
                      <>
                        <span className="text-slate-500 line-through decoration-slate-300">
                          {show(change.field, change.from)}
                        </span>
                        {' → '}
                        <span>{show(change.field, change.to)}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
