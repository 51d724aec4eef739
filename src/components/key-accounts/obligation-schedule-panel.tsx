'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { graphql } from '@/gql';
import type { ObligationKind, ObligationScheduleUnit } from '@/gql/graphql';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/classes';
import { ErrorBanner, InlineError, StatusMessage } from '@/components/ui/status';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { SCHEDULE_MAX, SCHEDULE_UNITS } from '@/graphql/key-account-obligations/obligation-schedule.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { useObligationErrorMessage } from './obligation-ui';

const ServiceRulesObligationScheduleQuery = graphql(`
  query ServiceRulesObligationSchedule {
    keyAccountObligationSchedule {
      version
      rows {
        kind
        every
        unit
      }
    }
  }
`);

const ServiceRulesUpdateObligationScheduleMutation = graphql(`
  mutation ServiceRulesUpdateObligationSchedule($version: Int!, $rows: [ObligationScheduleRowInput!]!) {
    updateObligationSchedule(version: $version, rows: $rows) {
      version
      rows {
        kind
        every
        unit
      }
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
  const schedule = query.data.keyAccountObligationSchedule;
  return <ScheduleForm key={schedule.version} schedule={schedule} canManage={canManage} />;
}

function ScheduleForm({
  schedule,
  canManage,
}: {
  schedule: {
    version: number;
    rows: { kind: ObligationKind; every?: number | null; unit?: ObligationScheduleUnit | null }[];
  };
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
  const set = (i: number, patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
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
      <table className="text-sm">
        <thead>
          <tr className="text-left text-slate-600">
            <th className="py-1 pr-4 font-medium">{t('list.kind')}</th>
            <th className="py-1 pr-4 font-medium">{t('schedule.every')}</th>
            <th className="py-1 font-medium">{t('schedule.unit')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.map((row, i) => (
            <tr key={row.kind} data-testid={`obligation-schedule-${row.kind}`}>
              <th scope="row" className="py-1 pr-4 text-left font-normal">
                <label htmlFor={`${id}-${row.kind}`}>{t(`kind.${row.kind}`)}</label>
              </th>
              <td className="py-1 pr-4">
                <input
                  id={`${id}-${row.kind}`}
                  type="number"
                  min={1}
                  max={SCHEDULE_MAX[row.unit]}
                  inputMode="numeric"
                  placeholder={t('schedule.onRequest')}
                  className={`${inputClass} w-28`}
                  value={row.every}
                  disabled={!canManage}
                  onChange={(e) => set(i, { every: e.target.value })}
                />
              </td>
              <td className="py-1">
                <select
                  aria-label={t('schedule.unitOf', { kind: t(`kind.${row.kind}`) })}
                  className={inputClass}
                  value={row.unit}
                  disabled={!canManage}
                  onChange={(e) => set(i, { unit: e.target.value as ObligationScheduleUnit })}
                >
                  {SCHEDULE_UNITS.map((u) => (
                    <option key={u} value={u}>
                      {t(`schedule.units.${u}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {form.formError && <InlineError>{form.formError}</InlineError>}
      {canManage && (
        <Button type="submit" disabled={form.pending} data-testid="obligation-schedule-save">
          {form.pending ? t('schedule.saving') : t('schedule.save')}
        </Button>
      )}
    </form>
  );
}
