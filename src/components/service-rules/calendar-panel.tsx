'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { inputClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { ErrorBanner, InlineError, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type {
  ServiceRulesBusinessHoursFragment as BusinessHours,
  ServiceRulesCalendarDayFragment as Day,
} from '@/gql/graphql';
import { BOUNDS, CALENDAR_YEARS, isCalendarYear } from '@/graphql/service-rules/service-rules.rules';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { isGqlError } from '@/lib/gql-error-message';
import {
  ServiceRulesAddCalendarDaysMutation,
  ServiceRulesBusinessHoursFragment,
  ServiceRulesCalendarDayFragment,
  ServiceRulesCalendarQuery,
  ServiceRulesImportOfficialHolidaysMutation,
  ServiceRulesRemoveCalendarDayMutation,
  ServiceRulesUpdateBusinessHoursMutation,
} from './operations';
import { hoursProblems, type HoursDraft } from './service-rules-drafts';
import {
  ConflictNotice,
  isConflict,
  SettingForm,
  SettingTextFields,
  useReloadServiceRules,
  useServiceRulesError,
  useServiceRulesMutation,
  useSettingSave,
} from './service-rules-ui';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** 工作时间与节假日: the `businessHours` setting and the year's holidays and make-up working days (CalendarDay). */
export function CalendarPanel({ canManage, initialYear }: { canManage: boolean; initialYear: number }) {
  const t = useTranslations('serviceRules');
  const tc = useTranslations('common');
  const errorMessage = useServiceRulesError();
  const reload = useReloadServiceRules();
  const [year, setYear] = useState(initialYear);
  const calendar = useGqlQuery(ServiceRulesCalendarQuery, { year }, { keepPrevious: true });
  const importHolidays = useServiceRulesMutation(ServiceRulesImportOfficialHolidaysMutation);
  const removeDay = useServiceRulesMutation(ServiceRulesRemoveCalendarDayMutation);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const data = calendar.data;
  const hours = data && getFragmentData(ServiceRulesBusinessHoursFragment, data.businessHours);
  const days = data && getFragmentData(ServiceRulesCalendarDayFragment, data.calendarDays);

  /** Adds the State Council's schedule of the shown year; dates already in the calendar stay as they are. */
  async function importOfficial() {
    setConflict(null);
    try {
      const { importOfficialHolidays: result } = await importHolidays.mutateAsync({ year });
      setNotice(
        t('calendar.importedNotice', { year: result.year, count: result.added.length, skipped: result.skipped }),
      );
    } catch {
      setNotice(null); // the failure shows under the button (importHolidays.error)
    }
  }

  const remove = useConfirmedAction(
    async (day: Day) => {
      setConflict(null);
      try {
        await removeDay.mutateAsync({ date: day.date, version: day.version });
        setNotice(t('calendar.removedNotice', { date: day.date }));
      } catch (error) {
        if (!isConflict(error) && !isGqlError(error, 'NOT_FOUND')) throw error;
        // Someone changed or removed the day meanwhile: close, say so, and show the calendar as it is now.
        setNotice(null);
        setConflict(errorMessage(error));
        await reload();
      }
    },
    (day) => ({
      title: t('calendar.removeTitle'),
      body: t('calendar.removeBody', { date: day.date, name: day.name ?? '' }),
      confirmLabel: t('calendar.remove'),
      pendingLabel: tc('saving'),
    }),
    errorMessage,
  );

  const columns: (Column<Day> | false)[] = [
    { id: 'date', header: t('calendar.columns.date'), className: 'tabular-nums', cell: (day) => day.date },
    {
      id: 'kind',
      header: t('calendar.columns.kind'),
      cell: (day) => (
        <span
          className={`rounded-full px-2 py-0.5 text-xs ${day.isWorkday ? 'bg-amber-50 text-amber-800' : 'bg-green-50 text-green-800'}`}
        >
          {day.isWorkday ? t('calendar.workday') : t('calendar.holiday')}
        </span>
      ),
    },
    { id: 'name', header: t('calendar.columns.name'), cell: (day) => day.name },
    canManage &&
      actionsColumn(t('calendar.columns.actions'), (day: Day) => (
        <RowAction
          label={t('calendar.remove')}
          subject={day.date}
          tone="danger"
          onClick={() => remove.ask(day)}
          testId="calendar-remove"
        />
      )),
  ];

  return (
    <div className="space-y-8" data-testid="calendar-panel">
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}
      {conflict && <ConflictNotice message={conflict} />}
      {calendar.error && !data && (
        <ErrorBanner message={errorMessage(calendar.error)} onRetry={() => void calendar.refetch()} />
      )}
      {!data && !calendar.error && <StatusMessage tone="info">{tc('loading')}</StatusMessage>}
      {hours && (
        <BusinessHoursForm
          key={hours.version}
          hours={hours}
          canManage={canManage}
          onReload={() => void reload()}
          // The form remounts on the saved version, so the notice lives here.
          onSaved={() => setNotice(t('hours.savedNotice'))}
        />
      )}

      <section aria-labelledby="calendar-title" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="calendar-title" className="text-lg font-semibold">
            {t('calendar.title')}
          </h2>
          <div className="flex items-center gap-2">
            <Button
              kind="secondary"
              onClick={() => setYear((y) => y - 1)}
              disabled={year <= CALENDAR_YEARS.min}
              aria-label={t('calendar.previousYear')}
            >
              ‹
            </Button>
            <label className="flex items-center gap-2 text-sm">
              <span className="sr-only">{t('calendar.year')}</span>
              <input
                type="number"
                className={`${inputClass} w-24`}
                value={year}
                min={CALENDAR_YEARS.min}
                max={CALENDAR_YEARS.max}
                onChange={(e) => {
                  const next = Number(e.target.value);
                  if (isCalendarYear(next)) setYear(next);
                }}
                data-testid="calendar-year"
              />
            </label>
            <Button
              kind="secondary"
              onClick={() => setYear((y) => y + 1)}
              disabled={year >= CALENDAR_YEARS.max}
              aria-label={t('calendar.nextYear')}
            >
              ›
            </Button>
            {canManage && (
              <Button
                kind="secondary"
                onClick={() => void importOfficial()}
                disabled={importHolidays.isPending}
                data-testid="calendar-import"
              >
                {importHolidays.isPending ? t('calendar.importing') : t('calendar.import', { year })}
              </Button>
            )}
            {canManage && (
              <Button kind="primary" onClick={() => setAdding(true)} data-testid="calendar-add">
                + {t('calendar.add')}
              </Button>
            )}
          </div>
        </div>
        {importHolidays.error && <InlineError>{errorMessage(importHolidays.error)}</InlineError>}
        {days && (
          <DataTable
            columns={columns}
            rows={days}
            rowKey={(day) => day.date}
            rowData={(day) => ({ 'data-date': day.date })}
            state={{ loading: calendar.isFetching }}
            caption={t('calendar.title')}
            empty={t('calendar.empty', { year })}
            testId="calendar-table"
            rowTestId="calendar-row"
            emptyTestId="calendar-empty"
          />
        )}
      </section>

      {adding && (
        <AddDaysDialog
          year={year}
          onClose={() => setAdding(false)}
          onAdded={(count, firstDate) => {
            setAdding(false);
            setNotice(t('calendar.addedNotice', { count }));
            const addedYear = Number(firstDate.slice(0, 4));
            if (addedYear !== year) setYear(addedYear);
          }}
        />
      )}

      {remove.dialog}
    </div>
  );
}

function BusinessHoursForm({
  hours,
  canManage,
  onSaved,
  onReload,
}: {
  hours: BusinessHours;
  canManage: boolean;
  onSaved: () => void;
  onReload: () => void;
}) {
  const t = useTranslations('serviceRules');
  const [draft, setDraft] = useState<HoursDraft>({
    days: hours.days,
    start: hours.start,
    end: hours.end,
    timeZone: hours.timeZone,
  });
  const save = useSettingSave(ServiceRulesUpdateBusinessHoursMutation);
  const { attempted, serverFields, edited, pending } = save;
  const problems = hoursProblems(draft);
  const errorFor = (key: keyof HoursDraft) =>
    attempted && problems[key] ? t(`hours.problems.${problems[key]}`) : serverFields[key];
  const change = (patch: Partial<HoursDraft>, key: keyof HoursDraft) => {
    edited(key);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const submit = save.submit(
    () =>
      Object.keys(problems).length
        ? null
        : { version: hours.version, input: { ...draft, timeZone: draft.timeZone.trim() } },
    onSaved,
  );

  const disabled = !canManage || pending;
  return (
    <SettingForm
      name="hours"
      version={hours.version}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      save={save}
      canManage={canManage}
      onReload={onReload}
      onSubmit={submit}
    >
      <CheckboxGroup
        name="hours-days"
        legend={t('hours.days')}
        options={WEEKDAYS.map((d) => ({ value: String(d), label: t(`hours.weekday.${d}`) }))}
        selected={draft.days.map(String)}
        disabled={disabled}
        onChange={(days) => change({ days: days.map(Number).sort((x, y) => x - y) }, 'days')}
        error={errorFor('days')}
        testIdPrefix="hours-day"
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <SettingTextFields
          form="hours"
          fields={[
            { key: 'start', id: 'start', label: t('hours.start'), type: 'time' },
            { key: 'end', id: 'end', label: t('hours.end'), type: 'time' },
            { key: 'timeZone', id: 'timeZone', label: t('hours.timeZone'), hint: t('hours.timeZoneHint') },
          ]}
          values={draft}
          errorFor={errorFor}
          disabled={disabled}
          onChange={(key, value) => change({ [key]: value }, key)}
        />
      </div>
    </SettingForm>
  );
}

type DaysDraft = { from: string; to: string; isWorkday: boolean; name: string };

function AddDaysDialog({
  year,
  onClose,
  onAdded,
}: {
  year: number;
  onClose: () => void;
  onAdded: (count: number, firstDate: string) => void;
}) {
  const t = useTranslations('serviceRules');
  const errorMessage = useServiceRulesError();
  const formId = useId();
  const add = useServiceRulesMutation(ServiceRulesAddCalendarDaysMutation);
  const form = useDialogForm({
    initial: (): DaysDraft => ({ from: '', to: '', isWorkday: false, name: '' }),
    fields: ['from', 'to', 'name', 'isWorkday'],
    validate: (draft) => ({
      ...(!draft.from && { from: t('calendar.form.fromRequired') }),
      ...(!draft.name.trim() && { name: t('calendar.form.nameRequired') }),
    }),
    submit: async (draft) => {
      const { addCalendarDays } = await add.mutateAsync({
        input: { from: draft.from, to: draft.to || null, isWorkday: draft.isWorkday, name: draft.name.trim() },
      });
      return getFragmentData(ServiceRulesCalendarDayFragment, addCalendarDays).map((day) => day.date);
    },
    onDone: (dates) => dates[0] && onAdded(dates.length, dates[0]),
    errorMessage,
  });
  const { values, set } = form;

  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('calendar.form.title')}
      testId="calendar-dialog"
      {...form.dialogProps}
      submitLabel={t('calendar.form.submit')}
      pendingLabel={t('calendar.form.submitting')}
      submitTestId="calendar-submit"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          {...form.field('from')}
          label={t('calendar.form.from')}
          required
          type="date"
          min={`${year - 1}-01-01`}
          testId="calendar-from"
        />
        <TextField
          {...form.field('to')}
          label={t('calendar.form.to')}
          hint={t('calendar.form.toHint')}
          type="date"
          testId="calendar-to"
        />
      </div>
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('calendar.form.kind')}</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${formId}-kind`}
              checked={!values.isWorkday}
              onChange={() => set('isWorkday', false)}
              data-testid="calendar-kind-holiday"
            />
            {t('calendar.holiday')}
          </label>
          <label className="flex items-center gap-1.5">
            <input
              type="radio"
              name={`${formId}-kind`}
              checked={values.isWorkday}
              onChange={() => set('isWorkday', true)}
              data-testid="calendar-kind-workday"
            />
            {t('calendar.workday')}
          </label>
        </div>
      </fieldset>
      <TextField
        {...form.field('name')}
        label={t('calendar.form.name')}
        required
        maxLength={BOUNDS.calendarNameLength}
        placeholder={t('calendar.form.namePlaceholder')}
        testId="calendar-name"
      />
    </FormDialog>
  );
}
