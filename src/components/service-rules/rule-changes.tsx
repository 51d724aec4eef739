'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { EmptyState, ErrorBanner, StatusMessage } from '@/components/ui/status';
import type { ServiceRulesChangesQuery } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { ServiceRulesChangesQuery as ChangesQuery } from './operations';
import { useServiceRulesError } from './service-rules-ui';

type Change = ServiceRulesChangesQuery['serviceRuleChanges'][number];
const ENTITIES = ['SlaRule', 'Setting', 'CalendarDay'];
const ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'ACTIVATE', 'DEACTIVATE'];

const show = (value: unknown) =>
  value === null || value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/** "field: from → to" for each changed field of a history entry. */
export function changeLines(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes as Record<string, { from?: unknown; to?: unknown }>).map(
    ([field, c]) => `${field}: ${show(c?.from)} → ${show(c?.to)}`,
  );
}

/** The latest changes to the clock's configuration (the append-only history): who, when, what from → to. */
export function RuleChanges({ refreshKey, timeZone }: { refreshKey: number; timeZone: string }) {
  const t = useTranslations('serviceRules.changes');
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const [state, setState] = useState<
    { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: Change[] }
  >({ status: 'loading' });
  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', rows: (await gqlRequest(ChangesQuery)).serviceRuleChanges });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [errorMessage]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <section aria-labelledby="changes-title" className="space-y-3" data-testid="rule-changes">
      <h2 id="changes-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      {state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && state.rows.length === 0 && <EmptyState>{t('empty')}</EmptyState>}
      {state.status === 'ready' && state.rows.length > 0 && (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {state.rows.map((row) => (
            <li key={row.id} className="px-4 py-2" data-testid="rule-change">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span>
                  <span className="font-medium">
                    {ACTIONS.includes(row.action) ? t(`action.${row.action}`) : row.action}
                  </span>{' '}
                  <span className="text-slate-500">
                    {ENTITIES.includes(row.entityType) ? t(`entity.${row.entityType}`) : row.entityType}
                  </span>{' '}
                  {row.comment}
                </span>
                <span className="text-xs text-slate-500">
                  {row.actor?.name ?? row.actorLabel ?? t('system')} · {formatDateTime(row.createdAt, timeZone)}
                </span>
              </div>
              {changeLines(row.changes).length > 0 && (
                <ul className="mt-1 text-xs text-slate-600">
                  {changeLines(row.changes).map((line) => (
                    <li key={line} className="font-mono">
                      {line}
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
