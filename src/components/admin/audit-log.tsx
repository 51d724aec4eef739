'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Column } from '@/components/ui/data-table';
import { FilterSelect } from '@/components/ui/filter-select';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { useChangeText, valueFromText } from '@/components/ui/change-text';
import { historyEntryFields } from '@/components/ui/history-entry-body';
import { getFragmentData } from '@/gql';
import type { AdminAuditLogQuery as AuditLogResult } from '@/gql/graphql';
import { AUDITED_ENTITY_TYPES, isAuditedEntityType, type AuditedEntityType } from '@/graphql/directory/directory.rules';
import { useGqlInfiniteQuery, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useActivityText } from '@/lib/use-activity-text';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { AdminAuditLogQuery } from './directory-operations';
import { useAdminErrorMessage } from './errors';
import { AdminUserRowFragment, AdminUsersQuery } from './operations';

type Entry = AuditLogResult['auditLog']['nodes'][number];
const connectionOf = (result: AuditLogResult) => result.auditLog;

/** The audit log (SPEC §10): who changed which account, department, key or setting, when, and from what to what. */
export function AuditLog() {
  const t = useTranslations('admin.audit');
  const timeZone = useDisplayTimeZone();
  const activity = useActivityText();
  const errorMessage = useAdminErrorMessage();
  const [entityType, setEntityType] = useState<AuditedEntityType | ''>('');
  const [actorId, setActorId] = useState('');
  const staff = useGqlQuery(AdminUsersQuery, { role: null, search: null });
  const list = useGqlInfiniteQuery(
    AdminAuditLogQuery,
    { filter: { entityType: entityType || null, actorId: actorId || null }, first: 50 },
    connectionOf,
  );

  const label = (key: string, fallback: string) => (t.has(key) ? t(key) : fallback);
  const change = useChangeText();
  const value = (field: string, text: string | null) => change.value(field, valueFromText(text));

  const columns: Column<Entry>[] = [
    {
      id: 'when',
      header: t('columns.when'),
      className: 'whitespace-nowrap tabular-nums',
      cell: (e) => formatDateTime(historyEntryFields(e.entry).createdAt, timeZone),
    },
    { id: 'who', header: t('columns.who'), cell: (e) => activity.actor(historyEntryFields(e.entry)) },
    {
      id: 'what',
      header: t('columns.what'),
      cell: (e) => (
        <>
          <span className="font-medium text-slate-900">{label(`types.${e.entityType}`, e.entityType)}</span>
          {e.entityLabel && <span className="block text-slate-600">{e.entityLabel}</span>}
        </>
      ),
    },
    {
      id: 'action',
      header: t('columns.action'),
      className: 'whitespace-nowrap',
      cell: (e) => label(`actions.${e.entry.action}`, e.entry.action),
    },
    {
      id: 'changes',
      header: t('columns.changes'),
      cell: (e) => {
        const message = historyEntryFields(e.entry).message;
        return (
          <>
            {message && <p className="text-slate-700">{activity.message(message)}</p>}
            <ul className="space-y-0.5" data-testid="audit-changes">
              {e.changeList.map((c) => (
                <li key={c.field}>
                  <span className="text-slate-600">{change.field(c.field)}</span>
                  {'：'}
                  {value(c.field, c.from)} → {value(c.field, c.to)}
                </li>
              ))}
            </ul>
          </>
        );
      },
    },
  ];

  const actors = getFragmentData(AdminUserRowFragment, staff.data?.users ?? []);
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <form role="search" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          label={t('filters.type')}
          selectClassName="w-48"
          options={[
            { value: '', label: t('filters.allTypes') },
            ...AUDITED_ENTITY_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
          ]}
          value={entityType}
          onChange={(v) => setEntityType(isAuditedEntityType(v) ? v : '')}
          testId="audit-type-filter"
        />
        <FilterSelect
          label={t('filters.actor')}
          selectClassName="w-48"
          options={[{ value: '', label: t('filters.anyone') }, ...actors.map((u) => ({ value: u.id, label: u.name }))]}
          value={actorId}
          onChange={setActorId}
          testId="audit-actor-filter"
        />
      </form>
      <PagedTable
        query={list}
        errorMessage={errorMessage}
        total={list.totalCount === null ? undefined : t('count', { count: list.totalCount })}
        columns={columns}
        rowKey={(e) => e.id}
        caption={t('title')}
        empty={t('empty')}
        testId="audit-log"
        rowTestId="audit-row"
      />
    </div>
  );
}
