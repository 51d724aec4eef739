'use client';
import { useTranslations } from 'next-intl';
import { EmptyState, ErrorBanner, StatusMessage } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { ServiceRulesChangesQuery as ChangesQuery } from './operations';
import { useServiceRulesError } from './service-rules-ui';
import { useActivityText } from '@/lib/use-activity-text';
import { useChangeText } from '@/components/ui/change-text';
import { changeList } from '@/lib/changes';

/** The latest changes to the clock's configuration (the append-only history): who, when, what from → to. */
/** Every service-rules mutation invalidates it (SERVICE_RULES_CHANGED), so a save shows up here at once. */
export function RuleChanges({ timeZone }: { timeZone: string }) {
  const t = useTranslations('serviceRules.changes');
  const tc = useTranslations('common');
  const activity = useActivityText();
  const errorMessage = useServiceRulesError();
  const changes = useGqlQuery(ChangesQuery);
  const rows = changes.data?.serviceRuleChanges;
  const text = useChangeText();
  const word = (key: string, code: string) => (t.has(key) ? t(key) : code);

  return (
    <section aria-labelledby="changes-title" className="space-y-3" data-testid="rule-changes">
      <h2 id="changes-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      {!rows && !changes.error && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {changes.error && !rows && (
        <ErrorBanner message={errorMessage(changes.error)} onRetry={() => void changes.refetch()} />
      )}
      {rows?.length === 0 && <EmptyState>{t('empty')}</EmptyState>}
      {rows && rows.length > 0 && (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {rows.map((row) => (
            <li key={row.id} className="px-4 py-2" data-testid="rule-change">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span>
                  <span className="font-medium">{word(`action.${row.action}`, row.action)}</span>{' '}
                  <span className="text-slate-500">{word(`entity.${row.entityType}`, row.entityType)}</span>{' '}
                  {activity.message(row.message) ?? row.comment}
                </span>
                <span className="text-xs text-slate-500">
                  {activity.actor(row)} · {formatDateTime(row.createdAt, timeZone)}
                </span>
              </div>
              {changeList(row.changes).length > 0 && (
                // Each field and value in words, as the audit log words them.
                <ul className="mt-1 text-xs text-slate-600">
                  {changeList(row.changes).map(({ field, from, to }) => (
                    <li key={field}>
                      {t('line', {
                        field: text.field(field),
                        from: text.value(field, from),
                        to: text.value(field, to),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
