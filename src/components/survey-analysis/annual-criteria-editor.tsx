'use client';
import { graphql } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { TextField } from '@/components/ui/form-field';
import { InlineError, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useKeyedState } from '@/components/ui/use-keyed-state';
import type { AnnualIndexEvent } from '@/gql/graphql';
import { formatNumber } from '@/lib/format';
import { fieldErrorsOf } from '@/lib/gql-error-message';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import {
  ANNUAL_EVENTS,
  criteriaInput,
  criteriaProblems,
  draftFromCriteria,
  MAX_POINTS,
  sameCriteria,
  type CriteriaDraft,
} from './annual-criteria';
import { footerCell, LOADED, numberColumn, useAnalysisErrorMessage } from './analysis-ui';

export const SurveyAnalysisUpdateCriteriaMutation = graphql(`
  mutation SurveyAnalysisUpdateCriteria($input: AnnualIndexCriteriaInput!) {
    updateAnnualIndexCriteria(input: $input) {
      rules {
        event
        pointsEach
      }
      maxDeduction
    }
  }
`);

type Criteria = { rules: readonly { event: AnnualIndexEvent; pointsEach: number }[]; maxDeduction: number };

/** The criteria as a table, for viewers who may not change them. */
export function CriteriaTable({ criteria }: { criteria: Criteria }) {
  const t = useTranslations('surveyAnalysis.annual');
  const locale = useLocale();
  const byEvent = new Map(criteria.rules.map((r) => [r.event, r.pointsEach]));
  return (
    <DataTable<AnnualIndexEvent>
      columns={[
        { id: 'event', header: t('event'), cell: (event) => t(`events.${event}`) },
        numberColumn('pointsEach', t('pointsEach'), (event) => formatNumber(byEvent.get(event) ?? 0, locale, 2)),
      ]}
      rows={ANNUAL_EVENTS}
      rowKey={(event) => event}
      state={LOADED}
      empty={null}
      caption={t('criteriaTitle')}
      testId="criteria-table"
      footer={
        <tr className="font-medium">
          <th scope="row" className={footerCell.label}>
            {t('maxDeduction')}
          </th>
          <td className={footerCell.number}>{formatNumber(criteria.maxDeduction, locale, 2)}</td>
        </tr>
      }
    />
  );
}

/**
 * The evaluation criteria of the annual index [000 §4.7.2] for holders of surveys:manage: points per event type and
 * the cap. Saving asks first, because the criteria apply to every year's index, past years included.
 */
export function CriteriaEditor({ criteria }: { criteria: Criteria }) {
  const t = useTranslations('surveyAnalysis.annual');
  const errorMessage = useAnalysisErrorMessage();
  // New criteria from the server (after saving, or another year loaded) replace the draft; the rest stays (the
  // "saved" notice shows beside the criteria just saved).
  const [draft, setDraft] = useKeyedState<CriteriaDraft>(JSON.stringify(criteria), () => draftFromCriteria(criteria));
  const [attempted, setAttempted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const problems = criteriaProblems(draft);
  const hasProblems = Object.keys(problems).length > 0;
  const unchanged = sameCriteria(draft, criteria);
  const problemText = (key: AnnualIndexEvent | 'maxDeduction') => {
    const problem = problems[key];
    if (attempted && problem) return t(`problems.${problem}`, { max: MAX_POINTS });
    return serverFields[key];
  };
  const edit = (change: (d: CriteriaDraft) => CriteriaDraft, key: string) => {
    setSaved(false);
    setServerFields(({ [key]: _dropped, ...rest }) => rest);
    setDraft(change);
  };

  // Every year's index depends on the criteria: saving makes the annual queries stale.
  const update = useGqlMutation(SurveyAnalysisUpdateCriteriaMutation, { invalidates: ['SurveyAnalysisAnnual'] });
  const save = useConfirmedAction(
    async (next: CriteriaDraft) => {
      try {
        await update.mutateAsync({ input: criteriaInput(next) });
        setSaved(true);
        setAttempted(false);
      } catch (e) {
        const fields = fieldErrorsOf(e);
        // Field problems are shown beside the fields; the dialog closes so they can be corrected.
        if (!Object.keys(fields).length) throw e;
        setServerFields(fields);
        setError(errorMessage(e));
      }
    },
    () => ({
      title: t('confirmTitle'),
      body: t('confirmBody'),
      confirmLabel: t('confirmSave'),
      pendingLabel: t('saving'),
      tone: 'primary',
    }),
    errorMessage,
  );
  const saving = save.pending;

  return (
    <form
      noValidate
      aria-label={t('criteriaTitle')}
      className="space-y-4"
      data-testid="criteria-editor"
      onSubmit={(e) => {
        e.preventDefault();
        setAttempted(true);
        setSaved(false);
        setError(null);
        if (!hasProblems && !unchanged) save.ask(draft);
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        {ANNUAL_EVENTS.map((event) => (
          <TextField
            key={event}
            id={`criteria-${event}`}
            label={t('pointsFor', { event: t(`events.${event}`) })}
            hint={t('pointsHint')}
            error={problemText(event)}
            required
            inputMode="decimal"
            value={draft.points[event]}
            onChange={(value) => edit((d) => ({ ...d, points: { ...d.points, [event]: value } }), event)}
            testId={`criteria-${event}`}
          />
        ))}
        <TextField
          id="criteria-maxDeduction"
          label={t('maxDeduction')}
          hint={t('maxDeductionHint', { max: MAX_POINTS })}
          error={problemText('maxDeduction')}
          required
          inputMode="decimal"
          value={draft.maxDeduction}
          onChange={(value) => edit((d) => ({ ...d, maxDeduction: value }), 'maxDeduction')}
          testId="criteria-maxDeduction"
        />
      </div>
      {error && <InlineError>{error}</InlineError>}
      {attempted && unchanged && !saved && <p className="text-sm text-slate-600">{t('unchanged')}</p>}
      {saved && (
        <div data-testid="criteria-saved">
          <StatusMessage tone="success">{t('saved')}</StatusMessage>
        </div>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass.primary} disabled={saving} data-testid="criteria-save">
          {t('saveCriteria')}
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={saving || unchanged}
          onClick={() => {
            setDraft(draftFromCriteria(criteria));
            setAttempted(false);
            setServerFields({});
            setError(null);
          }}
        >
          {t('resetCriteria')}
        </button>
      </div>
      {save.dialog}
    </form>
  );
}
