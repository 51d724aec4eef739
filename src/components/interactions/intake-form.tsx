'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import type { IntakeContractOptionFragment, InteractionType } from '@/gql/graphql';
import { INTERACTION_TYPES } from '@/graphql/interactions/intake.rules';
import { CopyButton } from '@/components/ui/copy-button';
import { useGqlMutation } from '@/lib/data/gql-hooks';
import { newIdempotencyKey } from './intake-files';
import { IntakeSubmitMutation } from './intake-operations';
import { contractLabel } from './interaction-screen-operations';
import { intakeProblems } from './intake-validation';
import { blankToNull, IntakeErrorSummary, IntakeFormFooter, reportedInput, useIntakeForm } from './use-intake-form';

/** A contract the customer may name (the IntakeContractOption fragment). */
export type ContractOption = IntakeContractOptionFragment;

type Values = {
  type: InteractionType;
  subject: string;
  description: string;
  desiredOutcome: string;
  relatedContractId: string;
  productRef: string;
  orderRef: string;
  companyName: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
};

const EMPTY: Values = {
  type: 'COMPLAINT',
  subject: '',
  description: '',
  desiredOutcome: '',
  relatedContractId: '',
  productRef: '',
  orderRef: '',
  companyName: '',
  contactName: '',
  contactPhone: '',
  contactEmail: '',
};

/**
 * The lodge form of the portal (signed-in customer: `contracts` to pick from) and of /submit (anonymous visitor:
 * company, contact and phone). One idempotency key lives as long as the form, so a resend or a double click is one
 * record on the server; a fresh key is made only for "submit another".
 */
export function IntakeForm({
  mode,
  contracts = [],
}: {
  mode: 'customer' | 'anonymous';
  contracts?: readonly ContractOption[];
}) {
  const t = useTranslations('intake');
  const submission = useIntakeForm('intake', EMPTY);
  const { values, set, field, errors, formError, busy: submitting } = submission;
  const submitInteraction = useGqlMutation(IntakeSubmitMutation, { invalidates: ['Intake'] });
  const [done, setDone] = useState<{ id: string; number: string; type: InteractionType } | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const ready = useHydrated();

  useEffect(() => {
    if (done) resultRef.current?.focus();
  }, [done]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    // Every missing or malformed field at once, before any file is sent; the server checks again and may add more.
    const problems = intakeProblems(values, {
      visitor: mode === 'anonymous',
      labelOf: (field) => t(`form.${field}`),
      t,
    });
    if (submitting || submission.refuse(problems)) return;
    // The files go first, each through its own upload; the submission names them by token.
    const result = await submission.submit((attachments) =>
      submitInteraction.mutateAsync({
        input: {
          idempotencyKey,
          type: values.type,
          ...reportedInput(values),
          relatedContractId: mode === 'customer' ? blankToNull(values.relatedContractId) : null,
          companyName: mode === 'anonymous' ? blankToNull(values.companyName) : null,
          attachments,
        },
      }),
    );
    if (result) setDone(result.submitInteraction);
  }

  function another() {
    submission.reset();
    setDone(null);
    setIdempotencyKey(newIdempotencyKey());
  }

  if (done) {
    return (
      <section className="rounded-lg border border-green-200 bg-green-50 p-6" data-testid="intake-success">
        <h2 ref={resultRef} tabIndex={-1} className="text-lg font-semibold text-green-900 outline-none">
          {t('form.successTitle')}
        </h2>
        <p className="mt-1 text-sm text-green-900">{t('form.successBody', { type: t(`type.${done.type}`) })}</p>
        <p className="mt-4 text-sm text-slate-600">{t('form.numberLabel')}</p>
        <div className="flex flex-wrap items-center gap-3">
          <p className="font-mono text-3xl font-bold tracking-wide text-slate-900" data-testid="intake-number">
            {done.number}
          </p>
          <CopyButton
            text={done.number}
            label={t('form.copyNumber')}
            copiedLabel={t('form.copied')}
            failedLabel={t('form.copyFailed')}
            testId="intake-copy-number"
          />
        </div>
        <div className="mt-6 flex flex-wrap gap-3">
          {mode === 'customer' ? (
            <>
              <Link className={buttonClass.primary} href={`/portal/interactions/${done.id}`}>
                {t('form.viewDetail')}
              </Link>
              <Link className={buttonClass.secondary} href="/portal/interactions">
                {t('form.viewList')}
              </Link>
            </>
          ) : (
            <Link className={buttonClass.primary} href={`/track?number=${encodeURIComponent(done.number)}`}>
              {t('form.trackLink')}
            </Link>
          )}
          <Button onClick={another}>{t('form.another')}</Button>
        </div>
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate data-ready={ready} className="space-y-5" data-testid="intake-form">
      <IntakeErrorSummary message={formError} testId="intake-form-error" />
      <fieldset>
        <legend className="mb-2 text-xs font-medium text-slate-700">
          {t('form.type')}
          <span className="ml-0.5 text-red-600" aria-hidden>
            *
          </span>
        </legend>
        <div className="grid gap-2 sm:grid-cols-4">
          {INTERACTION_TYPES.map((type) => (
            <label
              key={type}
              className={`cursor-pointer rounded border p-3 text-sm ${values.type === type ? 'border-blue-600 bg-blue-50 ring-2 ring-blue-600/20' : 'border-slate-300 bg-white'}`}
            >
              <input
                type="radio"
                name="type"
                value={type}
                checked={values.type === type}
                onChange={(e) => set('type', e.target.value)}
                className="mr-2"
              />
              <span className="font-medium">{t(`type.${type}`)}</span>
              <span className="mt-1 block text-xs text-slate-600">{t(`typeHint.${type}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {/* Contact details: required for a visitor; optional for a signed-in customer (the phone also allows /track). */}
      <div className="grid gap-4 sm:grid-cols-2">
        {mode === 'anonymous' &&
          field('companyName', t('form.companyName'), { required: true, autoComplete: 'organization' })}
        {field('contactName', t('form.contactName'), { required: mode === 'anonymous', autoComplete: 'name' })}
        {field('contactPhone', t('form.contactPhone'), {
          required: mode === 'anonymous',
          type: 'tel',
          autoComplete: 'tel',
          hint: t('form.contactPhoneHint'),
        })}
        {field('contactEmail', t('form.contactEmail'), { type: 'email', autoComplete: 'email' })}
      </div>

      {field('subject', t('form.subject'), { required: true, hint: t('form.subjectHint') })}
      {field('description', t('form.description'), { required: true, hint: t('form.descriptionHint'), rows: 6 })}
      {field('desiredOutcome', t('form.desiredOutcome'), { rows: 2 })}

      <div className="grid gap-4 sm:grid-cols-3">
        {mode === 'customer' && (
          <FormField id="intake-relatedContractId" label={t('form.relatedContract')} error={errors.relatedContractId}>
            {(props) => (
              <select
                {...props}
                name="relatedContractId"
                className={inputClass}
                value={values.relatedContractId}
                onChange={(e) => set('relatedContractId', e.target.value)}
              >
                <option value="">{t('form.noContract')}</option>
                {contracts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {contractLabel(c)}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
        {field('productRef', t('form.productRef'))}
        {field('orderRef', t('form.orderRef'))}
      </div>

      <IntakeFormFooter submission={submission} submitLabel={t('form.submit')} listTestId="intake-files" />
    </form>
  );
}
