'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useEffect, useId, useState } from 'react';
import { buttonClass, inputClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { FormDialog } from '@/components/ui/form-dialog';
import { FormField } from '@/components/ui/form-field';
import { EmptyState, ErrorBanner, InlineError, StatusMessage } from '@/components/ui/status';
import { useFormErrors } from '@/components/ui/use-form-errors';
import type { ServiceRulesCalendarQuery as CalendarData } from '@/gql/graphql';
import { fieldErrorsOf, isGqlError } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import {
  ServiceRulesAddCalendarDaysMutation,
  ServiceRulesCalendarQuery,
  ServiceRulesImportOfficialHolidaysMutation,
  ServiceRulesRemoveCalendarDayMutation,
  ServiceRulesUpdateBusinessHoursMutation,
} from './operations';
import { hoursProblems, type HoursDraft } from './service-rules-drafts';
import { isConflict, SaveError, tableClass, useServiceRulesError } from './service-rules-ui';

type Day = CalendarData['calendarDays'][number];
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: CalendarData };

/** 工作时间与节假日: the `businessHours` setting and the year's holidays and make-up working days (CalendarDay). */
export function CalendarPanel({
  canManage,
  initialYear,
  onChanged,
}: {
  canManage: boolean;
  initialYear: number;
  onChanged: () => void;
}) {
  const t = useTranslations('serviceRules');
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const [year, setYear] = useState(initialYear);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Day | null>(null);
  const [removePending, setRemovePending] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    try {
      setState({ status: 'ready', data: await gqlRequest(ServiceRulesCalendarQuery, { year }) });
    } catch (error) {
      setState({ status: 'error', message: errorMessage(error) });
    }
  }, [year, errorMessage]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Adds the State Council's schedule of the shown year; dates already in the calendar stay as they are. */
  async function importOfficial() {
    setImporting(true);
    setImportError(null);
    setConflict(null);
    try {
      const { importOfficialHolidays: result } = await gqlRequest(ServiceRulesImportOfficialHolidaysMutation, { year });
      setNotice(
        t('calendar.importedNotice', { year: result.year, count: result.added.length, skipped: result.skipped }),
      );
      onChanged();
      await load();
    } catch (error) {
      setNotice(null);
      setImportError(errorMessage(error));
    } finally {
      setImporting(false);
    }
  }

  async function remove() {
    if (!removing) return;
    setRemovePending(true);
    setRemoveError(null);
    try {
      await gqlRequest(ServiceRulesRemoveCalendarDayMutation, { date: removing.date, version: removing.version });
      setNotice(t('calendar.removedNotice', { date: removing.date }));
      setRemoving(null);
      onChanged();
      await load();
    } catch (error) {
      if (isConflict(error) || isGqlError(error, 'NOT_FOUND')) {
        // Someone changed or removed the day meanwhile: close, say so, and show the calendar as it is now.
        setRemoving(null);
        setNotice(null);
        setConflict(errorMessage(error));
        await load();
      } else setRemoveError(error);
    } finally {
      setRemovePending(false);
    }
  }

  return (
    <div className="space-y-8" data-testid="calendar-panel">
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {conflict && (
        <p
          role="alert"
          className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="service-rules-conflict"
        >
          {conflict}
        </p>
      )}
      {state.status === 'loading' && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {state.status === 'error' && <ErrorBanner message={state.message} onRetry={() => void load()} />}
      {state.status === 'ready' && (
        <BusinessHoursForm
          key={state.data.businessHours.version}
          hours={state.data.businessHours}
          canManage={canManage}
          onReload={() => void load()}
          onSaved={() => {
            // The form remounts on the saved version, so the notice lives here.
            setNotice(t('hours.savedNotice'));
            onChanged();
            void load();
          }}
        />
      )}

      <section aria-labelledby="calendar-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="calendar-title" className="text-lg font-semibold">
            {t('calendar.title')}
          </h2>
          <div className="flex items-center gap-2">
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setYear((y) => y - 1)}
              aria-label={t('calendar.previousYear')}
            >
              ‹
            </button>
            <label className="flex items-center gap-2 text-sm">
              <span className="sr-only">{t('calendar.year')}</span>
              <input
                type="number"
                className={`${inputClass} w-24`}
                value={year}
                min={2000}
                max={2100}
                onChange={(e) => {
                  const next = Number(e.target.value);
                  if (Number.isInteger(next) && next >= 2000 && next <= 2100) setYear(next);
                }}
                data-testid="calendar-year"
              />
            </label>
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setYear((y) => y + 1)}
              aria-label={t('calendar.nextYear')}
            >
              ›
            </button>
            {canManage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => void importOfficial()}
                disabled={importing}
                data-testid="calendar-import"
              >
                {importing ? t('calendar.importing') : t('calendar.import', { year })}
              </button>
            )}
            {canManage && (
              <button
                type="button"
                className={buttonClass.primary}
                onClick={() => setAdding(true)}
                data-testid="calendar-add"
              >
                + {t('calendar.add')}
              </button>
            )}
          </div>
        </div>
        {importError && <InlineError>{importError}</InlineError>}
        {state.status === 'ready' && state.data.calendarDays.length === 0 && (
          <EmptyState testId="calendar-empty">{t('calendar.empty', { year })}</EmptyState>
        )}
        {state.status === 'ready' && state.data.calendarDays.length > 0 && (
          <div className={tableClass.wrap}>
            <table className={tableClass.table} data-testid="calendar-table">
              <caption className="sr-only">{t('calendar.title')}</caption>
              <thead className={tableClass.head}>
                <tr>
                  <th scope="col" className={tableClass.th}>
                    {t('calendar.columns.date')}
                  </th>
                  <th scope="col" className={tableClass.th}>
                    {t('calendar.columns.kind')}
                  </th>
                  <th scope="col" className={tableClass.th}>
                    {t('calendar.columns.name')}
                  </th>
                  {canManage && (
                    <th scope="col" className={`${tableClass.th} text-right`}>
                      {t('calendar.columns.actions')}
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {state.data.calendarDays.map((day) => (
                  <tr key={day.date} className={tableClass.row} data-testid="calendar-row" data-date={day.date}>
                    <td className={`${tableClass.td} tabular-nums`}>{day.date}</td>
                    <td className={tableClass.td}>
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs ${day.isWorkday ? 'bg-amber-50 text-amber-800' : 'bg-green-50 text-green-800'}`}
                      >
                        {day.isWorkday ? t('calendar.workday') : t('calendar.holiday')}
                      </span>
                    </td>
                    <td className={tableClass.td}>{day.name}</td>
                    {canManage && (
                      <td className={`${tableClass.td} text-right`}>
                        <button
                          type="button"
                          className={buttonClass.dangerGhost}
                          onClick={() => {
                            setRemoveError(null);
                            setConflict(null);
                            setRemoving(day);
                          }}
                          aria-label={`${t('calendar.remove')} ${day.date}`}
                          data-testid="calendar-remove"
                        >
                          {t('calendar.remove')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <AddDaysDialog
        open={adding}
        year={year}
        onClose={() => setAdding(false)}
        onAdded={(count, firstDate) => {
          setAdding(false);
          setNotice(t('calendar.addedNotice', { count }));
          onChanged();
          const addedYear = Number(firstDate.slice(0, 4));
          if (addedYear !== year) setYear(addedYear);
          else void load();
        }}
      />

      <ConfirmDialog
        open={removing !== null}
        title={t('calendar.removeTitle')}
        body={removing ? t('calendar.removeBody', { date: removing.date, name: removing.name ?? '' }) : ''}
        confirmLabel={t('calendar.remove')}
        pendingLabel={tc('saving')}
        pending={removePending}
        error={removeError ? errorMessage(removeError) : null}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </div>
  );
}

function BusinessHoursForm({
  hours,
  canManage,
  onSaved,
  onReload,
}: {
  hours: CalendarData['businessHours'];
  canManage: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const [draft, setDraft] = useState<HoursDraft>({
    days: hours.days,
    start: hours.start,
    end: hours.end,
    timeZone: hours.timeZone,
  });
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const { fieldErrors, setFieldErrors, edited } = useFormErrors();
  const problems = hoursProblems(draft);
  const errorFor = (key: keyof HoursDraft) =>
    attempted && problems[key] ? t(`hours.problems.${problems[key]}`) : fieldErrors[key];
  const change = (patch: Partial<HoursDraft>, key: keyof HoursDraft) => {
    edited(key);
    setDraft((d) => ({ ...d, ...patch }));
  };

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempted(true);
    setSaveError(null);
    if (Object.keys(problems).length) return;
    setPending(true);
    try {
      await gqlRequest(ServiceRulesUpdateBusinessHoursMutation, {
        version: hours.version,
        input: { ...draft, timeZone: draft.timeZone.trim() },
      });
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setFieldErrors(fields);
      if (!Object.keys(fields).length) setSaveError(error);
    } finally {
      setPending(false);
    }
  }

  const disabled = !canManage || pending;
  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby="hours-title"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="hours-form"
    >
      <h2 id="hours-title" className="text-lg font-semibold">
        {t('hours.title')}
      </h2>
      {hours.version === 0 && <p className="text-xs text-slate-500">{t('hours.defaults')}</p>}
      <fieldset aria-describedby={errorFor('days') ? 'hours-days-error' : undefined}>
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('hours.days')}</legend>
        <div className="flex flex-wrap gap-3">
          {WEEKDAYS.map((d) => (
            <label key={d} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                disabled={disabled}
                checked={draft.days.includes(d)}
                onChange={(e) =>
                  change(
                    {
                      days: e.target.checked
                        ? [...draft.days, d].sort((a, b) => a - b)
                        : draft.days.filter((x) => x !== d),
                    },
                    'days',
                  )
                }
                data-testid={`hours-day-${d}`}
              />
              {t(`hours.weekday.${d}`)}
            </label>
          ))}
        </div>
        {errorFor('days') && (
          <p id="hours-days-error" className="mt-1 text-xs text-red-700">
            {errorFor('days')}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        <FormField id="hours-start" label={t('hours.start')} error={errorFor('start')} required>
          {(props) => (
            <input
              {...props}
              type="time"
              className={inputClass}
              disabled={disabled}
              value={draft.start}
              onChange={(e) => change({ start: e.target.value }, 'start')}
              data-testid="hours-start"
            />
          )}
        </FormField>
        <FormField id="hours-end" label={t('hours.end')} error={errorFor('end')} required>
          {(props) => (
            <input
              {...props}
              type="time"
              className={inputClass}
              disabled={disabled}
              value={draft.end}
              onChange={(e) => change({ end: e.target.value }, 'end')}
              data-testid="hours-end"
            />
          )}
        </FormField>
        <FormField
          id="hours-timeZone"
          label={t('hours.timeZone')}
          hint={t('hours.timeZoneHint')}
          error={errorFor('timeZone')}
          required
        >
          {(props) => (
            <input
              {...props}
              type="text"
              className={inputClass}
              disabled={disabled}
              value={draft.timeZone}
              onChange={(e) => change({ timeZone: e.target.value }, 'timeZone')}
              data-testid="hours-timeZone"
            />
          )}
        </FormField>
      </div>
      {saveError !== null && <SaveError error={saveError} message={errorMessage(saveError)} onReload={onReload} />}
      {canManage && (
        <button type="submit" className={buttonClass.primary} disabled={pending} data-testid="hours-save">
          {pending ? t('sla.form.submitting') : t('hours.save')}
        </button>
      )}
    </form>
  );
}

function AddDaysDialog({
  open,
  year,
  onClose,
  onAdded,
}: {
  open: boolean;
  year: number;
  onClose: () => void;
  onAdded: (count: number, firstDate: string) => void;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const formId = useId();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [isWorkday, setIsWorkday] = useState(false);
  const [name, setName] = useState('');
  const [pending, setPending] = useState(false);
  const { fieldErrors, setFieldErrors, formError, setFormError, edited, clear } = useFormErrors();

  useEffect(() => {
    if (!open) return;
    setFrom('');
    setTo('');
    setIsWorkday(false);
    setName('');
    clear();
  }, [open, clear]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!from) problems.from = t('calendar.form.fromRequired');
    if (!name.trim()) problems.name = t('calendar.form.nameRequired');
    setFieldErrors(problems);
    setFormError(null);
    if (Object.keys(problems).length) return;
    setPending(true);
    try {
      const { addCalendarDays } = await gqlRequest(ServiceRulesAddCalendarDaysMutation, {
        input: { from, to: to || null, isWorkday, name: name.trim() },
      });
      onAdded(addCalendarDays.length, addCalendarDays[0]?.date ?? from);
    } catch (error) {
      const fields = fieldErrorsOf(error);
      setFieldErrors(fields);
      if (!['from', 'to', 'name', 'isWorkday'].some((k) => k in fields)) setFormError(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title={t('calendar.form.title')}
      testId="calendar-dialog"
      pending={pending}
      formError={formError}
      submitLabel={t('calendar.form.submit')}
      pendingLabel={t('calendar.form.submitting')}
      submitTestId="calendar-submit"
      onSubmit={submit}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={`${formId}-from`} label={t('calendar.form.from')} error={fieldErrors.from} required>
          {(props) => (
            <input
              {...props}
              type="date"
              min={`${year - 1}-01-01`}
              className={inputClass}
              value={from}
              onChange={(e) => {
                setFrom(e.target.value);
                edited('from');
              }}
              data-testid="calendar-from"
            />
          )}
        </FormField>
        <FormField
          id={`${formId}-to`}
          label={t('calendar.form.to')}
          hint={t('calendar.form.toHint')}
          error={fieldErrors.to}
        >
          {(props) => (
            <input
              {...props}
              type="date"
              className={inputClass}
              value={to}
              onChange={(e) => {
                setTo(e.target.value);
                edited('to');
              }}
              data-testid="calendar-to"
            />
          )}
        </FormField>
      </div>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('calendar.form.kind')}</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${formId}-kind`}
              checked={!isWorkday}
              onChange={() => setIsWorkday(false)}
              data-testid="calendar-kind-holiday"
            />
            {t('calendar.holiday')}
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${formId}-kind`}
              checked={isWorkday}
              onChange={() => setIsWorkday(true)}
              data-testid="calendar-kind-workday"
            />
            {t('calendar.workday')}
          </label>
        </div>
      </fieldset>
      <FormField id={`${formId}-name`} label={t('calendar.form.name')} error={fieldErrors.name} required>
        {(props) => (
          <input
            {...props}
            type="text"
            maxLength={50}
            placeholder={t('calendar.form.namePlaceholder')}
            className={inputClass}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited('name');
            }}
            data-testid="calendar-name"
          />
        )}
      </FormField>
    </FormDialog>
  );
}
