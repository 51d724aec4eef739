'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import type {
  ObligationKind,
  ObligationScheduleUnit,
  ServiceRulesObligationScheduleFieldsFragment,
} from '@/gql/graphql';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { ErrorBanner, InlineError, StatusMessage } from '@/components/ui/status';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import {
  SCHEDULE_MAX,
  SCHEDULE_MIN,
  SCHEDULE_UNITS,
} from '@/graphql/key-account-obligations/obligation-schedule.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { useObligationErrorMessage } from './obligation-ui';

/** The schedule as the form reads it, and as a save answers it. */
const ServiceRulesObligationScheduleFieldsFragment = graphql(`
  fragment ServiceRulesObligationScheduleFields on ObligationSchedule {
    version
    rows {
      kind
      every
      unit
    }
  }
`);

const ServiceRulesObligationScheduleQuery = graphql(`
  query ServiceRulesObligationSchedule {
    keyAccountObligationSchedule {
      ...ServiceRulesObligationScheduleFields
    }
  }
`);

const ServiceRulesUpdateObligationScheduleMutation = graphql(`
  mutation ServiceRulesUpdateObligationSchedule($version: Int!, $rows: [ObligationScheduleRowInput!]!) {
    updateObligationSchedule(version: $version, rows: $rows) {
      ...ServiceRulesObligationScheduleFields
    }
  }
`);

type Draft = { kind: ObligationKind; every: string; unit: ObligationScheduleUnit };

/**
 * 服务规则 → 重要客户服务周期: how often each kind of key-account obligation recurs ("every N weeks/months"; empty:
 * on request only). Applies to occurrences scheduled from the next completion or activation on.
 */
export function ObligationSchedulePanel({ canManage }: { canManage: boolean }) {
  const t = useTranslations('keyAccountObligations');
  const errorMessage = useObligationErrorMessage();
  const query = useGqlQuery(ServiceRulesObligationScheduleQuery);
  if (query.error && !query.data)
    return <ErrorBanner message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  if (!query.data) return <StatusMessage tone="info">{t('list.loading')}</StatusMessage>;
  const schedule = getFragmentData(
    ServiceRulesObligationScheduleFieldsFragment,
    query.data.keyAccountObligationSchedule,
  );
  return <ScheduleForm key={schedule.version} schedule={schedule} canManage={canManage} />;
}

function ScheduleForm({
  schedule,
  canManage,
}: {
  schedule: ServiceRulesObligationScheduleFieldsFragment;
  canManage: boolean;
}) {
  const t = useTranslations('keyAccountObligations');
  const id = useId();
  const [draft, setDraft] = useState<Draft[]>(() =>
    schedule.rows.map((r) => ({ kind: r.kind, every: r.every ? String(r.every) : '', unit: r.unit ?? 'MONTH' })),
  );
  const [saved, setSaved] = useState(false);
  const form = useFormSubmit(useObligationErrorMessage());
  const save = useGqlMutation(ServiceRulesUpdateObligationScheduleMutation, {
    invalidates: ['ServiceRules', 'KeyAccountObligation'],
  });
  const set = (kind: ObligationKind, patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((rows) => rows.map((r) => (r.kind === kind ? { ...r, ...patch } : r)));
  };
  return (
    <form
      className="space-y-4"
      data-testid="obligation-schedule-panel"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const ok = await form.submit(() =>
          save.mutateAsync({
            version: schedule.version,
            rows: draft.map((r) => ({ kind: r.kind, every: r.every ? Number(r.every) : null, unit: r.unit })),
          }),
        );
        setSaved(ok);
      }}
    >
      <p className="text-sm text-slate-600">{t('schedule.hint')}</p>
      {saved && <StatusMessage tone="success">{t('schedule.saved')}</StatusMessage>}
      <DataTable<Draft>
        rows={draft}
        rowKey={(row) => row.kind}
        rowTestId={(row) => `obligation-schedule-${row.kind}`}
        state={{ loading: false }}
        empty={null}
        columns={[
          {
            id: 'kind',
            header: t('list.kind'),
            cell: (row) => <label htmlFor={`${id}-${row.kind}`}>{t(`kind.${row.kind}`)}</label>,
          },
          {
            id: 'every',
            header: t('schedule.every'),
            cell: (row) => (
              <input
                id={`${id}-${row.kind}`}
                type="number"
                min={SCHEDULE_MIN}
                max={SCHEDULE_MAX[row.unit]}
                inputMode="numeric"
                placeholder={t('schedule.onRequest')}
                className={`${inputClass} w-28`}
                value={row.every}
                disabled={!canManage}
                onChange={(e) => set(row.kind, { every: e.target.value })}
              />
            ),
          },
          {
            id: 'unit',
            header: t('schedule.unit'),
            cell: (row) => (
              <select
                aria-label={t('schedule.unitOf', { kind: t(`kind.${row.kind}`) })}
                className={inputClass}
                value={row.unit}
                disabled={!canManage}
                onChange={(e) => set(row.kind, { unit: e.target.value as ObligationScheduleUnit })}
              >
                {SCHEDULE_UNITS.map((u) => (
                  <option key={u} value={u}>
                    {t(`schedule.units.${u}`)}
                  </option>
                ))}
              </select>
            ),
          },
        ]}
      />
      {form.formError && <InlineError>{form.formError}</InlineError>}
      {canManage && (
        <Button type="submit" disabled={form.pending} data-testid="obligation-schedule-save">
          {form.pending ? t('schedule.saving') : t('schedule.save')}
        </Button>
      )}
    </form>
  );
}
