'use client';
import { graphql } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { Fragment, useId } from 'react';
import { CustomerPicker } from '@/components/admin/customer-picker';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { Spinner } from '@/components/ui/status';
import { useDebouncedValue } from '@/components/ui/use-debounced-value';
import { useKeyedState } from '@/components/ui/use-keyed-state';
import type { SurveyAudienceInput } from '@/gql/graphql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import {
  addCustomer,
  audienceKey,
  GRADES,
  KEY_ACCOUNT_STATUSES,
  removeCustomer,
  type AudienceState,
} from './survey-audience';
import { formatCount, useSurveyErrorMessage } from './survey-ui';

export const SurveyAudiencePreviewQuery = graphql(`
  query SurveyAudiencePreview($audience: SurveyAudienceInput!) {
    surveyAudiencePreview(audience: $audience) {
      count
      withEmail
      sample {
        id
        name
        province
        industry
      }
    }
  }
`);

/** The preview asks the server this long after the last change to the criteria. */
export const PREVIEW_DEBOUNCE_MS = 400;

/** The free-valued criteria, offered from the values in use (a checkbox per province, per industry). */
const FACETS = [
  { name: 'province', field: 'provinces' },
  { name: 'industry', field: 'industries' },
] as const;

/** The two ends of the complaint-closed period. */
const CLOSED_RANGE = [
  { field: 'complaintClosedFrom', testId: 'audience-closed-from' },
  { field: 'complaintClosedTo', testId: 'audience-closed-to' },
] as const;

/**
 * Who a campaign goes to: all active customers, or those matching every criterion chosen (province, industry, grade,
 * key-account status, a complaint closed in a period, named customers).
 */
export function AudienceBuilder({
  value,
  onChange,
  provinces,
  industries,
  errors,
}: {
  value: AudienceState;
  onChange: (next: AudienceState) => void;
  provinces: readonly string[];
  industries: readonly string[];
  errors: { audience?: string; complaintClosed?: string };
}) {
  const t = useTranslations('surveys.audience');
  const tc = useTranslations('customers');
  const id = useId();
  const set = (patch: Partial<AudienceState>) => onChange({ ...value, ...patch });
  // Values stored on a campaign may have left the facets since; keep them visible so they can be unticked.
  const facet = (values: readonly string[], selected: readonly string[]) =>
    [...new Set([...values, ...selected])].map((v) => ({ value: v, label: v }));
  const rangeErrorId = `${id}-closed-error`;
  const customersId = `${id}-customers`;

  return (
    <fieldset
      className="space-y-4"
      data-testid="audience-builder"
      aria-describedby={errors.audience ? `${id}-error` : undefined}
    >
      <legend className="text-sm font-semibold text-slate-800">{t('title')}</legend>
      <div className="flex flex-wrap gap-3">
        {(['all', 'segment'] as const).map((mode) => (
          <label
            key={mode}
            className={`flex min-w-56 flex-1 cursor-pointer items-start gap-2 rounded border p-3 text-sm focus-within:outline-2 focus-within:outline-blue-700 ${value.mode === mode ? 'border-blue-600 bg-blue-50' : 'border-slate-300 bg-white'}`}
          >
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode}
              checked={value.mode === mode}
              onChange={() => set({ mode })}
              className="mt-0.5"
              data-testid={`audience-mode-${mode}`}
            />
            <span>
              <span className="block font-medium">{t(`mode.${mode}`)}</span>
              <span className="block text-xs text-slate-500">{t(`modeHint.${mode}`)}</span>
            </span>
          </label>
        ))}
      </div>

      {value.mode === 'segment' && (
        <div className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/50 p-4">
          <p className="text-xs text-slate-600">{t('segmentHint')}</p>
          {FACETS.map(({ name, field }) => (
            <CheckboxGroup
              key={name}
              name={name}
              testIdPrefix={`audience-${name}`}
              legend={t(field)}
              options={facet({ provinces, industries }[field], value[field])}
              selected={value[field]}
              onChange={(selected) => set({ [field]: selected })}
              emptyHint={t('noFacets')}
            />
          ))}
          <div className="grid gap-4 sm:grid-cols-2">
            <CheckboxGroup
              name="grade"
              testIdPrefix="audience-grade"
              legend={t('grades')}
              options={GRADES.map((g) => ({ value: g, label: tc(`grade.${g}`) }))}
              selected={value.grades}
              onChange={(grades) => set({ grades: GRADES.filter((g) => grades.includes(g)) })}
            />
            <CheckboxGroup
              name="keyAccount"
              testIdPrefix="audience-keyAccount"
              legend={t('keyAccountStatuses')}
              options={KEY_ACCOUNT_STATUSES.map((s) => ({ value: s, label: tc(`keyAccountStatus.${s}`) }))}
              selected={value.keyAccountStatuses}
              onChange={(statuses) =>
                set({ keyAccountStatuses: KEY_ACCOUNT_STATUSES.filter((s) => statuses.includes(s)) })
              }
            />
          </div>
          <div role="group" aria-labelledby={`${id}-closed-label`}>
            <p id={`${id}-closed-label`} className="mb-1.5 text-xs font-medium text-slate-700">
              {t('complaintClosed')}
            </p>
            {/* Fixed-width columns: the shared input class fills its container. */}
            <div className="grid max-w-md grid-cols-[1fr_auto_1fr] items-center gap-2">
              {CLOSED_RANGE.map(({ field, testId }, index) => (
                <Fragment key={field}>
                  {index > 0 && <span className="text-xs text-slate-500">{t('to')}</span>}
                  <input
                    type="date"
                    aria-label={t(field)}
                    className={inputClass}
                    value={value[field]}
                    onChange={(e) => set({ [field]: e.target.value })}
                    aria-invalid={Boolean(errors.complaintClosed)}
                    aria-describedby={errors.complaintClosed ? rangeErrorId : `${id}-closed-hint`}
                    data-testid={testId}
                  />
                </Fragment>
              ))}
            </div>
            {errors.complaintClosed ? (
              <p id={rangeErrorId} className="mt-1 text-xs text-red-700">
                {errors.complaintClosed}
              </p>
            ) : (
              <p id={`${id}-closed-hint`} className="mt-1 text-xs text-slate-500">
                {t('complaintClosedHint')}
              </p>
            )}
          </div>
          <div>
            <label htmlFor={customersId} className="mb-1 block text-xs font-medium text-slate-700">
              {t('customers')}
            </label>
            {/* The picker chooses one customer at a time; each choice joins the list and the picker is ready again. */}
            <CustomerPicker
              id={customersId}
              value={null}
              onChange={(customer) => customer && onChange(addCustomer(value, customer))}
              invalid={false}
              describedBy={`${customersId}-hint`}
            />
            <p id={`${customersId}-hint`} className="mt-1 text-xs text-slate-500">
              {t('customersHint')}
            </p>
            {value.customers.length > 0 && (
              <ul className="mt-2 flex flex-wrap gap-2" data-testid="audience-customers">
                {value.customers.map((customer) => (
                  <li
                    key={customer.id}
                    className="inline-flex items-center gap-1 rounded-full border border-slate-300 bg-white py-0.5 pr-1 pl-3 text-sm"
                  >
                    {customer.name}
                    <button
                      type="button"
                      className="rounded-full px-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-blue-700"
                      onClick={() => onChange(removeCustomer(value, customer.id))}
                      aria-label={t('removeCustomer', { name: customer.name })}
                    >
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      {errors.audience && (
        <p id={`${id}-error`} className="text-xs text-red-700" data-testid="audience-error">
          {errors.audience}
        </p>
      )}
    </fieldset>
  );
}

/** How many customers the audience reaches now, how many have an e-mail, and a few names; asked after a pause. */
export function AudiencePreview({ audience }: { audience: SurveyAudienceInput }) {
  const t = useTranslations('surveys.audience.preview');
  const locale = useLocale();
  const errorMessage = useSurveyErrorMessage();
  const key = audienceKey(audience);
  // The server is asked once the criteria have rested for a moment; the last answer stays (dimmed) meanwhile. The
  // pause starts again only when the criteria change (the same criteria in another order are no change).
  const [criteria] = useKeyedState(key, () => ({ key, audience }));
  const asked = useDebouncedValue(criteria, PREVIEW_DEBOUNCE_MS);
  const preview = useGqlQuery(SurveyAudiencePreviewQuery, { audience: asked.audience }, { keepPrevious: true });
  const state = {
    data: preview.data?.surveyAudiencePreview ?? null,
    error: preview.error,
    loading: asked.key !== key || preview.isFetching,
  };

  const data = state.data;
  return (
    <section
      aria-labelledby="audience-preview-title"
      className="rounded-lg border border-slate-200 bg-white p-4"
      data-testid="audience-preview"
      aria-busy={state.loading}
    >
      <h3 id="audience-preview-title" className="text-sm font-semibold text-slate-800">
        {t('title')}
      </h3>
      {state.error ? (
        <div role="alert" className="mt-2 space-y-2 text-sm text-red-800">
          <p>{errorMessage(state.error)}</p>
          <button type="button" className={buttonClass.secondary} onClick={() => void preview.refetch()}>
            {t('retry')}
          </button>
        </div>
      ) : !data ? (
        <div className="mt-2">
          <Spinner label={t('loading')} />
        </div>
      ) : (
        <div className={`mt-2 space-y-3 ${state.loading ? 'opacity-60' : ''}`} aria-live="polite">
          <p
            className="text-3xl font-semibold tabular-nums text-slate-900"
            data-testid="audience-preview-count"
            data-count={data.count}
          >
            {formatCount(data.count, locale)}
          </p>
          <p className="text-sm text-slate-600">
            {t('summary', { count: data.count, withEmail: data.withEmail, withoutEmail: data.count - data.withEmail })}
          </p>
          {data.count === 0 && <p className="text-sm text-amber-800">{t('none')}</p>}
          {data.sample.length > 0 && (
            <div>
              <p className="text-xs font-medium text-slate-500">{t('sample')}</p>
              <ul className="mt-1 space-y-0.5 text-sm" data-testid="audience-preview-sample">
                {data.sample.map((customer) => (
                  <li key={customer.id} className="truncate">
                    {customer.name}
                    {(customer.province || customer.industry) && (
                      <span className="ml-1 text-xs text-slate-500">
                        {[customer.province, customer.industry].filter(Boolean).join(' · ')}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
