'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/classes';
import { DataTable } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { EmptyLine, PagedContent, QueryContent } from '@/components/ui/panel';
import { Section } from '@/components/ui/section';
import { Badge } from '@/components/ui/status';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { splitFailure, useFormErrors } from '@/components/ui/use-form-errors';
import { getFragmentData, graphql } from '@/gql';
import type { CustomerGradeFormFieldsFragment as GradeFormFields } from '@/gql/graphql';
import {
  CUSTOMER_GRADES,
  GRADING_LIMITS,
  gradeForTotal,
  PERIOD_PATTERN,
  totalScore,
  type CustomerGrade,
} from '@/graphql/customer-grading/customer-grading.rules';
import { useGqlInfiniteQuery, useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { errorMessage } from './customer-errors';
import { CustomerGradeFormFieldsFragment } from './grade-form-fragment';
import { useCustomerPermissions } from './use-customer-permissions';

// 分等分级 on the customer page (SPEC §1, [000 §4.2.3]): the grade, the evaluations (paged), evaluate and override.

const CustomerGradingQuery = graphql(`
  query CustomerGrading($id: ID!, $after: String) {
    customer(id: $id) {
      id
      version
      grade
      gradeOverrideReason
      gradeOverriddenAt
      gradeEvaluations(first: 10, after: $after) {
        nodes {
          id
          period
          totalScore
          grade
          comment
          createdAt
          evaluator {
            id
            name
          }
          scores {
            key
            label
            score
            maxScore
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

const CustomerGradingFormQueryDocument = graphql(`
  query CustomerGradingForm {
    customerGradeForm {
      ...CustomerGradeFormFields
    }
  }
`);

const CustomerGradingEvaluateMutation = graphql(`
  mutation CustomerGradingEvaluate($input: EvaluateCustomerGradeInput!) {
    evaluateCustomerGrade(input: $input) {
      id
      grade
    }
  }
`);

const CustomerGradingOverrideMutation = graphql(`
  mutation CustomerGradingOverride($id: ID!, $version: Int!, $grade: CustomerGrade!, $reason: String!) {
    overrideCustomerGrade(customerId: $id, version: $version, grade: $grade, reason: $reason) {
      id
      version
      grade
    }
  }
`);

/** The grading card of the customer page: current grade, its evaluations newest first, and (customers:write) the dialogs. */
export function CustomerGradingPanel({ customerId }: { customerId: string }) {
  const t = useTranslations('customers');
  const timeZone = useDisplayTimeZone();
  const { canWrite } = useCustomerPermissions();
  const [dialog, setDialog] = useState<'evaluate' | 'override' | null>(null);
  const list = useGqlInfiniteQuery(CustomerGradingQuery, { id: customerId }, (r) => r.customer?.gradeEvaluations);
  const customer = list.firstPage?.customer;
  const say = (error: unknown) => errorMessage(error, t);

  return (
    <>
      <Section
        title={t('grading.title')}
        testId="customer-grading"
        actions={
          canWrite &&
          customer && (
            <div className="flex items-center gap-2">
              <Button kind="ghost" onClick={() => setDialog('override')} data-testid="customer-grade-override">
                {t('grading.override')}
              </Button>
              <Button kind="secondary" onClick={() => setDialog('evaluate')} data-testid="customer-grade-evaluate">
                {t('grading.evaluate')}
              </Button>
            </div>
          )
        }
      >
        <PagedContent
          list={list}
          errorMessage={say}
          loadingLabel={t('grading.loading')}
          moreTestId="customer-grade-more"
        >
          <div className="space-y-3">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-slate-600">{t('grading.current')}</span>
              <span className="text-lg font-semibold" data-testid="customer-grade">
                {customer?.grade ? t(`grade.${customer.grade}`) : t('grading.none')}
              </span>
              {customer?.gradeOverriddenAt && <Badge tone="amber">{t('grading.overridden')}</Badge>}
            </p>
            {customer?.gradeOverrideReason && (
              <p className="text-xs text-slate-600" data-testid="customer-grade-override-reason">
                {t('grading.overrideReason', {
                  reason: customer.gradeOverrideReason,
                  at: formatDateTime(customer.gradeOverriddenAt, timeZone),
                })}
              </p>
            )}
            {list.rows.length === 0 ? (
              <EmptyLine>{t('grading.empty')}</EmptyLine>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="customer-grade-evaluations">
                {list.rows.map((e) => (
                  <li key={e.id} className="space-y-0.5 py-2" data-testid="customer-grade-evaluation">
                    <p className="flex flex-wrap items-baseline gap-2">
                      <span className="font-medium">{e.period}</span>
                      <span className="tabular-nums">{t('grading.total', { total: e.totalScore.toFixed(2) })}</span>
                      <span className="font-semibold">{t(`grade.${e.grade}`)}</span>
                    </p>
                    <p className="text-xs text-slate-600">
                      {e.scores.map((s) => `${s.label} ${s.score}/${s.maxScore}`).join(' · ')}
                    </p>
                    {e.comment && <p className="whitespace-pre-wrap text-xs text-slate-700">{e.comment}</p>}
                    <p className="text-xs text-slate-500">
                      {[e.evaluator?.name, formatDateTime(e.createdAt, timeZone)].filter(Boolean).join(' · ')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </PagedContent>
      </Section>
      {canWrite && customer && dialog === 'evaluate' && (
        <EvaluateDialog customerId={customerId} onClose={() => setDialog(null)} />
      )}
      {canWrite && customer && dialog === 'override' && (
        <OverrideDialog
          customerId={customerId}
          version={customer.version}
          current={customer.grade ?? null}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}

type GradeForm = GradeFormFields;

/** The current half-year as a period label (2026-H1): what is most often evaluated. */
function currentPeriod(): string {
  const now = new Date();
  return `${now.getFullYear()}-H${now.getMonth() < 6 ? 1 : 2}`;
}

/** A score typed into the form: a whole number from 0 to max, or null. */
function scoreOf(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= max ? n : null;
}

function EvaluateDialog({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const t = useTranslations('customers');
  const formQuery = useGqlQuery(CustomerGradingFormQueryDocument);
  const form = getFragmentData(CustomerGradeFormFieldsFragment, formQuery.data?.customerGradeForm);
  const [period, setPeriod] = useState(currentPeriod);
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [attempted, setAttempted] = useState(false);
  const errors = useFormErrors();
  const evaluate = useGqlMutation(CustomerGradingEvaluateMutation, { invalidates: ['Customer'] });

  const parsedScores = (form?.criteria ?? []).map((c) => ({ ...c, score: scoreOf(scores[c.key] ?? '', c.maxScore) }));
  const complete = parsedScores.every((c) => c.score !== null);
  // The total and grade as the server will compute them (the same rules), shown as the scores are typed.
  const total = totalScore(parsedScores.map((c) => ({ ...c, score: c.score ?? 0 })));
  const grade = form ? gradeForTotal(total, form.bands) : null;
  const periodOk = PERIOD_PATTERN.test(period.trim().toUpperCase());

  const submit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    errors.clear();
    if (!form || !complete || !periodOk) return;
    try {
      await evaluate.mutateAsync({
        input: {
          customerId,
          period: period.trim(),
          scores: parsedScores.map((c) => ({ key: c.key, score: c.score! })),
          comment: comment.trim() || null,
        },
      });
      onClose();
    } catch (error) {
      // The period is taken (one evaluation per customer and period): said beside the period.
      if (isGqlError(error, 'CONFLICT')) {
        errors.setFieldErrors({ period: t('grading.periodTaken', { period: period.trim().toUpperCase() }) });
        return;
      }
      const { fields, formLevel } = splitFailure(error, [
        'period',
        'comment',
        ...parsedScores.map((c) => `scores.${c.key}`),
      ]);
      errors.setFieldErrors(fields);
      if (formLevel) errors.setFormError(errorMessage(error, t));
    }
  };

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('grading.evaluateTitle')}
      testId="customer-grade-evaluate-dialog"
      pending={evaluate.isPending}
      formError={errors.formError}
      submitLabel={t('grading.evaluateSubmit')}
      pendingLabel={t('grading.saving')}
      submitTestId="customer-grade-evaluate-submit"
      submitDisabled={!form}
      onSubmit={submit}
      size="lg"
    >
      {!form ? (
        <QueryContent query={formQuery} errorMessage={(e) => errorMessage(e, t)} loadingLabel={t('grading.loading')}>
          {null}
        </QueryContent>
      ) : (
        <div className="space-y-4">
          <TextField
            id="grade-period"
            label={t('grading.period')}
            hint={t('grading.periodHint')}
            required
            value={period}
            onChange={(v) => {
              errors.edited('period');
              setPeriod(v);
            }}
            error={(attempted && !periodOk ? t('grading.periodInvalid') : undefined) ?? errors.fieldErrors['period']}
            testId="customer-grade-period"
            maxLength={GRADING_LIMITS.periodMax}
          />
          <EvaluateCriteria
            form={form}
            scores={scores}
            attempted={attempted}
            serverErrors={errors.fieldErrors}
            onChange={(key, value) => {
              errors.edited(`scores.${key}`);
              setScores((s) => ({ ...s, [key]: value }));
            }}
          />
          <p
            className="flex flex-wrap items-baseline gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm"
            data-testid="customer-grade-preview"
            aria-live="polite"
          >
            <span>{t('grading.total', { total: total.toFixed(2) })}</span>
            <span className="font-semibold" data-testid="customer-grade-preview-grade">
              {complete && grade ? t(`grade.${grade}`) : t('grading.incomplete')}
            </span>
          </p>
          <TextareaField
            id="grade-comment"
            label={t('grading.comment')}
            value={comment}
            onChange={setComment}
            maxLength={GRADING_LIMITS.commentMax}
            error={errors.fieldErrors['comment']}
            testId="customer-grade-comment"
          />
        </div>
      )}
    </FormDialog>
  );
}

function EvaluateCriteria({
  form,
  scores,
  attempted,
  serverErrors,
  onChange,
}: {
  form: GradeForm;
  scores: Record<string, string>;
  attempted: boolean;
  serverErrors: Record<string, string>;
  onChange: (key: string, value: string) => void;
}) {
  const t = useTranslations('customers');
  return (
    <DataTable<GradeForm['criteria'][number]>
      testId="customer-grade-criteria"
      rows={form.criteria}
      rowKey={(c) => c.key}
      state={{ loading: false }}
      empty={null}
      columns={[
        {
          id: 'criterion',
          header: t('grading.criterion'),
          cell: (c) => (
            <>
              <label htmlFor={`grade-score-${c.key}`} className="font-medium">
                {c.label}
              </label>
              {c.description && <p className="text-xs text-slate-500">{c.description}</p>}
            </>
          ),
        },
        { id: 'weight', header: t('grading.weight'), className: 'tabular-nums', cell: (c) => `${c.weight}%` },
        {
          id: 'score',
          header: t('grading.score'),
          cell: (c) => {
            const text = scores[c.key] ?? '';
            const error =
              attempted && scoreOf(text, c.maxScore) === null
                ? t('grading.scoreRange', { max: c.maxScore })
                : serverErrors[`scores.${c.key}`];
            return (
              <>
                <span className="flex items-center gap-1">
                  <input
                    id={`grade-score-${c.key}`}
                    className={`${inputClass} w-20 tabular-nums`}
                    inputMode="numeric"
                    value={text}
                    aria-invalid={!!error}
                    onChange={(e) => onChange(c.key, e.target.value)}
                    data-testid={`customer-grade-score-${c.key}`}
                  />
                  <span className="text-xs text-slate-500">/ {c.maxScore}</span>
                </span>
                {error && <p className="mt-0.5 text-xs text-red-700">{error}</p>}
              </>
            );
          },
        },
      ]}
    />
  );
}

function OverrideDialog({
  customerId,
  version,
  current,
  onClose,
}: {
  customerId: string;
  version: number;
  current: CustomerGrade | null;
  onClose: () => void;
}) {
  const t = useTranslations('customers');
  const override = useGqlMutation(CustomerGradingOverrideMutation, { invalidates: ['Customer'] });
  const form = useDialogForm({
    initial: { grade: (CUSTOMER_GRADES.find((g) => g !== current) ?? 'A') as string, reason: '' },
    fields: ['grade', 'reason'],
    validate: (v): Record<string, string> =>
      v.reason.trim().length >= GRADING_LIMITS.reasonMin ? {} : { reason: t('grading.reasonRequired') },
    submit: (v) =>
      override.mutateAsync({ id: customerId, version, grade: v.grade as CustomerGrade, reason: v.reason.trim() }),
    onDone: onClose,
    errorMessage: (error) => errorMessage(error, t),
  });

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('grading.overrideTitle')}
      testId="customer-grade-override-dialog"
      {...form.dialogProps}
      submitLabel={t('grading.overrideSubmit')}
      pendingLabel={t('grading.saving')}
      submitTestId="customer-grade-override-submit"
      canSubmit={!isGqlError(form.failure, 'CONFLICT')}
    >
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t('grading.overrideHint')}</p>
        <SelectField
          {...form.field('grade')}
          label={t('grading.newGrade')}
          options={CUSTOMER_GRADES.map((g) => ({ value: g, label: t(`grade.${g}`) }))}
          testId="customer-grade-override-grade"
        />
        <TextareaField
          {...form.field('reason')}
          label={t('grading.reason')}
          required
          maxLength={GRADING_LIMITS.reasonMax}
          testId="customer-grade-override-reason"
        />
      </div>
    </FormDialog>
  );
}
