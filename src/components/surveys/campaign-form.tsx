'use client';
import { getFragmentData, graphql } from '@/gql';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { FormField } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { ToggleChip } from '@/components/ui/toggle-chip';
import { ErrorBanner } from '@/components/ui/status';
import { useHydrated } from '@/components/ui/use-hydrated';
import { fieldErrorsOf, isGqlError } from '@/lib/gql-error-message';
import { useGqlMutation, useGqlQueries, useGqlQuery } from '@/lib/data/gql-hooks';
import { AudienceBuilder, AudiencePreview } from './audience-builder';
import {
  campaignProblems,
  fieldForServerKey,
  REMINDER_DAY_CHOICES,
  toCampaignInput,
  toggleReminderDay,
  withDefaultTemplate,
  type CampaignFormValues,
} from './campaign-form-values';
import { audienceFromSaved, emptyAudience, toAudienceInput, type AudienceCustomer } from './survey-audience';
import { defaultCampaignWindow, isoToWallClock, periodPicks } from './survey-dates';
import { SurveyCampaignSettingsFragment, SurveyCustomerFacetsQuery } from './survey-operations';
import { ConflictBanner, FormPageState, FormSummary, useSurveyErrorMessage } from './survey-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/** Latest version of each template family, for the campaign form's picker. */
export const SurveyTemplateOptionsQuery = graphql(`
  query SurveyTemplateOptions {
    surveyTemplates {
      id
      key
      name
      version
      isDefault
      archivedAt
      questions {
        id
      }
    }
  }
`);

/** The name of one customer named explicitly in an audience (the audience itself only carries ids). */
export const SurveyCustomerNameQuery = graphql(`
  query SurveyCustomerName($id: ID!) {
    customer(id: $id) {
      id
      name
      contractNo
    }
  }
`);

/** A campaign as the edit form needs it. */
export const SurveyCampaignEditQuery = graphql(`
  query SurveyCampaignEdit($id: ID!) {
    surveyCampaign(id: $id) {
      ...SurveyCampaignSettings
    }
  }
`);

export const SurveyCreateCampaignMutation = graphql(`
  mutation SurveyCreateCampaign($input: SurveyCampaignInput!) {
    createSurveyCampaign(input: $input) {
      id
      version
    }
  }
`);

export const SurveyUpdateCampaignMutation = graphql(`
  mutation SurveyUpdateCampaign($id: ID!, $version: Int!, $input: SurveyCampaignInput!) {
    updateSurveyCampaign(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

type Loaded = {
  values: CampaignFormValues;
  version: number | null;
  status: string;
  currentTemplate: { id: string; name: string; version: number } | null;
};

/** New campaign (no id) or edit of a draft: loads what the form starts from, then hands it to the form. */
export function CampaignForm({ campaignId }: { campaignId?: string }) {
  const t = useTranslations('surveys.campaignForm');
  const timeZone = useDisplayTimeZone();
  // A new campaign starts from today's quarter and window (read once, so the form does not move under the typist).
  const [fresh] = useState<Loaded>(() => ({
    values: {
      templateId: '',
      name: '',
      description: '',
      periodLabel: periodPicks(timeZone)[0]!.label,
      ...defaultCampaignWindow(timeZone),
      reminderDays: [3, 7],
      audience: emptyAudience(),
    },
    version: null,
    status: 'DRAFT',
    currentTemplate: null,
  }));
  const edit = useGqlQuery(SurveyCampaignEditQuery, { id: campaignId ?? '' }, { enabled: Boolean(campaignId) });
  const campaign = getFragmentData(SurveyCampaignSettingsFragment, edit.data?.surveyCampaign);
  // The audience stores only the ids of named customers; their names come one by one (a handful per campaign).
  const names = useGqlQueries(
    SurveyCustomerNameQuery,
    (campaign?.audience.customerIds ?? []).map((id) => ({ id })),
  );
  const namesPending = names.some((n) => n.isPending);
  const namesError = names.find((n) => n.error)?.error ?? null;
  const nameData = names.map((n) => n.data);
  const nameKey = JSON.stringify(nameData);

  const editLoaded = useMemo((): Loaded | null | undefined => {
    if (!campaignId) return undefined;
    if (!edit.data || namesPending) return undefined;
    if (!campaign) return null;
    const byId = new Map<string, AudienceCustomer>();
    for (const result of JSON.parse(nameKey) as (typeof nameData)[number][]) {
      const customer = result?.customer;
      if (customer)
        byId.set(customer.id, { id: customer.id, name: customer.name, contractNo: customer.contractNo ?? null });
    }
    return {
      values: {
        templateId: campaign.template.id,
        name: campaign.name,
        description: campaign.description ?? '',
        periodLabel: campaign.periodLabel,
        opensAt: isoToWallClock(campaign.opensAt, timeZone),
        closesAt: isoToWallClock(campaign.closesAt, timeZone),
        reminderDays: [...campaign.reminderDays],
        audience: audienceFromSaved(campaign.audience, byId),
      },
      version: campaign.version,
      status: campaign.status,
      currentTemplate: campaign.template,
    };
  }, [campaignId, edit.data, campaign, namesPending, nameKey, timeZone]);
  const loaded = {
    data: campaignId ? editLoaded : fresh,
    error: edit.error ?? namesError,
    reload: () => {
      void edit.refetch();
      for (const n of names) if (n.error) void n.refetch();
    },
  };

  const title = campaignId ? t('editTitle') : t('newTitle');
  const back = campaignId ? `/console/surveys/campaigns/${campaignId}` : '/console/surveys';
  const header = (
    <>
      <Link href={back} className="text-sm text-blue-700 hover:underline">
        ← {campaignId ? t('backToCampaign') : t('backToList')}
      </Link>
      <PageHeader title={title} subtitle={t('subtitle')} />
    </>
  );

  return (
    <FormPageState
      header={header}
      loaded={loaded}
      loadingLabel={t('loading')}
      notFoundLabel={t('notFound')}
      errorTestId="campaign-form-error"
      notFoundTestId="campaign-not-found"
    >
      {(data) =>
        data.status !== 'DRAFT' ? (
          <p
            role="status"
            className="rounded border border-amber-200 bg-amber-50 p-4 text-sm text-amber-900"
            data-testid="campaign-not-draft"
          >
            {t('notDraft')}
          </p>
        ) : (
          <CampaignFormFields
            key={data.version ?? 'new'}
            campaignId={campaignId}
            initial={data}
            onReload={() => void edit.refetch()}
          />
        )
      }
    </FormPageState>
  );
}

/** The campaign's window: two wall-clock fields in the viewer's time zone, alike but for their value and label. */
const WINDOW_FIELDS = [
  { key: 'opensAt', id: 'campaign-opens', label: 'opensAt' },
  { key: 'closesAt', id: 'campaign-closes', label: 'closesAt' },
] as const;

function CampaignFormFields({
  campaignId,
  initial,
  onReload,
}: {
  campaignId?: string;
  initial: Loaded;
  onReload: () => void;
}) {
  const t = useTranslations('surveys.campaignForm');
  const tp = useTranslations('surveys.campaignForm.problem');
  const timeZone = useDisplayTimeZone();
  const router = useRouter();
  const errorMessage = useSurveyErrorMessage();
  const [typed, setValues] = useState<CampaignFormValues>(initial.values);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const ready = useHydrated();

  const templates = useGqlQuery(SurveyTemplateOptionsQuery);
  const facets = useGqlQuery(SurveyCustomerFacetsQuery);
  const create = useGqlMutation(SurveyCreateCampaignMutation, { invalidates: ['Survey'] });
  const update = useGqlMutation(SurveyUpdateCampaignMutation, { invalidates: ['Survey'] });

  // A new campaign starts from the default template (or the first one) once the list is in.
  const templateOptions = (templates.data?.surveyTemplates ?? []).filter((tpl) => !tpl.archivedAt);
  const values = withDefaultTemplate(typed, templateOptions);

  const set = <K extends keyof CampaignFormValues>(key: K, value: CampaignFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _cleared, ...rest }) => rest);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFormError(null);
    const problems = campaignProblems(values, timeZone);
    if (Object.keys(problems).length > 0) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([key, problem]) => [key, tp(problem)])));
      setFormError(t('fixProblems'));
      return;
    }
    setSaving(true);
    try {
      const input = toCampaignInput(values, timeZone);
      const id =
        campaignId && initial.version !== null
          ? (await update.mutateAsync({ id: campaignId, version: initial.version, input })).updateSurveyCampaign.id
          : (await create.mutateAsync({ input })).createSurveyCampaign.id;
      router.push(`/console/surveys/campaigns/${id}`);
    } catch (error) {
      setSaving(false);
      if (isGqlError(error, 'CONFLICT')) return setConflict(true);
      const fields = fieldErrorsOf(error);
      if (Object.keys(fields).length > 0) {
        const routed: Record<string, string> = {};
        for (const [key, message] of Object.entries(fields)) {
          const field = fieldForServerKey(key);
          routed[field] = routed[field] ? `${routed[field]} ${message}` : message;
        }
        setErrors(routed);
        const known = new Set([
          'templateId',
          'name',
          'description',
          'periodLabel',
          'opensAt',
          'closesAt',
          'reminderDays',
          'audience',
          'audience.complaintClosed',
        ]);
        const other = Object.entries(routed)
          .filter(([key]) => !known.has(key))
          .map(([, message]) => message);
        setFormError(other.length ? other.join(' ') : t('fixProblems'));
      } else {
        setFormError(errorMessage(error));
      }
    }
  };

  const picks = periodPicks(timeZone);
  const currentTemplateMissing =
    initial.currentTemplate && !templateOptions.some((tpl) => tpl.id === initial.currentTemplate!.id);
  const chosenTemplate = templateOptions.find((tpl) => tpl.id === values.templateId);

  return (
    <form onSubmit={submit} noValidate data-ready={ready} className="space-y-6" data-testid="campaign-form">
      {conflict && (
        <ConflictBanner
          message={t('conflict')}
          onReload={onReload}
          reloadLabel={t('reload')}
          testId="campaign-form-conflict"
        />
      )}
      {formError && <FormSummary message={formError} focus testId="campaign-form-summary" />}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-slate-800">{t('basics')}</h2>
            <FormField
              id="campaign-template"
              label={t('template')}
              error={errors.templateId}
              required
              hint={chosenTemplate ? t('templateHint', { count: chosenTemplate.questions.length }) : undefined}
            >
              {(props) =>
                templates.error ? (
                  <ErrorBanner message={errorMessage(templates.error)} onRetry={() => void templates.refetch()} />
                ) : (
                  <select
                    {...props}
                    className={inputClass}
                    value={values.templateId}
                    onChange={(e) => set('templateId', e.target.value)}
                    disabled={!templates.data}
                    data-testid="campaign-template"
                  >
                    {!templates.data && <option value="">{t('loadingTemplates')}</option>}
                    {templates.data && templateOptions.length === 0 && <option value="">{t('noTemplates')}</option>}
                    {currentTemplateMissing && initial.currentTemplate && (
                      <option value={initial.currentTemplate.id}>
                        {t('templateOption', {
                          name: initial.currentTemplate.name,
                          version: initial.currentTemplate.version,
                        })}
                      </option>
                    )}
                    {templateOptions.map((tpl) => (
                      <option key={tpl.id} value={tpl.id}>
                        {t('templateOption', { name: tpl.name, version: tpl.version })}
                        {tpl.isDefault ? ` · ${t('defaultTemplate')}` : ''}
                      </option>
                    ))}
                  </select>
                )
              }
            </FormField>
            <FormField
              id="campaign-name"
              label={t('name')}
              error={errors.name}
              required
              errorTestId="campaign-error-name"
            >
              {(props) => (
                <input
                  {...props}
                  className={inputClass}
                  value={values.name}
                  onChange={(e) => set('name', e.target.value)}
                  placeholder={t('namePlaceholder')}
                  data-testid="campaign-name"
                />
              )}
            </FormField>
            <FormField
              id="campaign-description"
              label={t('description')}
              error={errors.description}
              hint={t('descriptionHint')}
            >
              {(props) => (
                <textarea
                  {...props}
                  rows={3}
                  className={inputClass}
                  value={values.description}
                  onChange={(e) => set('description', e.target.value)}
                />
              )}
            </FormField>
            <FormField
              id="campaign-period"
              label={t('period')}
              error={errors.periodLabel}
              required
              hint={t('periodHint')}
              errorTestId="campaign-error-periodLabel"
            >
              {(props) => (
                <div className="space-y-2">
                  <input
                    {...props}
                    className={`${inputClass} max-w-48 font-mono`}
                    value={values.periodLabel}
                    onChange={(e) => set('periodLabel', e.target.value)}
                    data-testid="campaign-period"
                  />
                  <div role="group" aria-label={t('periodPicks')} className="flex flex-wrap gap-2">
                    {picks.map((pick) => (
                      <ToggleChip
                        key={pick.key}
                        size="xs"
                        pressed={values.periodLabel === pick.label}
                        onClick={() => set('periodLabel', pick.label)}
                        testId={`campaign-period-pick-${pick.key}`}
                      >
                        {t(`periodPick.${pick.key}`)} <span className="font-mono">{pick.label}</span>
                      </ToggleChip>
                    ))}
                  </div>
                </div>
              )}
            </FormField>
          </section>

          <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
            <h2 className="text-sm font-semibold text-slate-800">{t('schedule')}</h2>
            <div className="grid gap-4 sm:grid-cols-2">
              {WINDOW_FIELDS.map(({ key, id, label }) => (
                <FormField
                  key={key}
                  id={id}
                  label={t(label)}
                  error={errors[key]}
                  required
                  hint={t('zoneHint', { zone: timeZone })}
                  errorTestId={`campaign-error-${key}`}
                >
                  {(props) => (
                    <input
                      {...props}
                      type="datetime-local"
                      className={inputClass}
                      value={values[key]}
                      onChange={(e) => set(key, e.target.value)}
                      data-testid={id}
                    />
                  )}
                </FormField>
              ))}
            </div>
            <fieldset aria-describedby={errors.reminderDays ? 'campaign-reminders-error' : 'campaign-reminders-hint'}>
              <legend className="mb-1 text-xs font-medium text-slate-700">{t('reminderDays')}</legend>
              <div className="flex flex-wrap gap-2">
                {[...new Set([...REMINDER_DAY_CHOICES, ...values.reminderDays])]
                  .sort((a, b) => a - b)
                  .map((day) => (
                    <ToggleChip
                      key={day}
                      size="xs"
                      pressed={values.reminderDays.includes(day)}
                      onClick={() => set('reminderDays', toggleReminderDay(values.reminderDays, day))}
                      testId={`campaign-reminder-${day}`}
                    >
                      {t('reminderDay', { day })}
                    </ToggleChip>
                  ))}
              </div>
              {errors.reminderDays ? (
                <p id="campaign-reminders-error" className="mt-1 text-xs text-red-700">
                  {errors.reminderDays}
                </p>
              ) : (
                <p id="campaign-reminders-hint" className="mt-1 text-xs text-slate-500">
                  {values.reminderDays.length
                    ? t('reminderHint', { days: values.reminderDays.join('、') })
                    : t('noReminders')}
                </p>
              )}
            </fieldset>
          </section>

          <section className="rounded-lg border border-slate-200 bg-white p-5">
            {facets.error ? (
              <ErrorBanner message={errorMessage(facets.error)} onRetry={() => void facets.refetch()} />
            ) : null}
            <AudienceBuilder
              value={values.audience}
              onChange={(audience) => {
                setValues((v) => ({ ...v, audience }));
                setErrors(({ audience: _a, 'audience.complaintClosed': _c, ...rest }) => rest);
              }}
              provinces={facets.data?.customerFacets.provinces ?? []}
              industries={facets.data?.customerFacets.industries ?? []}
              errors={{ audience: errors.audience, complaintClosed: errors['audience.complaintClosed'] }}
            />
          </section>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <AudiencePreview audience={toAudienceInput(values.audience)} />
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass.primary} disabled={saving} data-testid="campaign-save">
              {saving ? t('saving') : campaignId ? t('saveChanges') : t('create')}
            </button>
            <Link
              href={campaignId ? `/console/surveys/campaigns/${campaignId}` : '/console/surveys'}
              className={buttonClass.secondary}
            >
              {t('cancel')}
            </Link>
          </div>
          <p className="text-xs text-slate-500">{t('draftHint')}</p>
        </aside>
      </div>
    </form>
  );
}
