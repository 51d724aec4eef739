'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { ResultOf } from '@graphql-typed-document-node/core';
import { Button } from '@/components/ui/button';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { Panel } from '@/components/ui/panel';
import { InlineError } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { ITINERARY_ITEMS_MAX, VISIT_TEXT_MAX, addDaysTo, weekDays } from '@/graphql/visits/visit.rules';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  VisitDecideItineraryMutation,
  VisitDueListQuery,
  VisitItineraryWeekQuery,
  VisitReviseItineraryMutation,
  VisitSaveItineraryMutation,
  VisitSubmitItineraryMutation,
} from './operations';
import { ItineraryStatusBadge, LogVisitDialog, VISIT_INVALIDATES, useVisitErrorMessage } from './visit-ui';

type Week = ResultOf<typeof VisitItineraryWeekQuery>['itineraryWeek'];
type Itinerary = Week['itineraries'][number];
type Item = Itinerary['items'][number];

/**
 * 客户访问行程表 as a week grid: one row per salesperson's itinerary (the salesperson sees their own, the manager the
 * whole team), one column per day with the planned visits. The salesperson drafts, submits and revises; the manager
 * approves or returns with a comment; a planned visit is logged from its cell once the itinerary is approved.
 */
export function ItineraryWeekView({ canWrite, canApprove }: { canWrite: boolean; canApprove: boolean }) {
  const t = useTranslations('visits.week');
  const timeZone = useDisplayTimeZone();
  const [weekStart, setWeekStart] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ itinerary: Itinerary | null; weekStart: string } | null>(null);
  const [deciding, setDeciding] = useState<Itinerary | null>(null);
  const [logging, setLogging] = useState<Item | null>(null);
  const errorMessage = useVisitErrorMessage();
  const query = useGqlQuery(VisitItineraryWeekQuery, { weekStart }, { keepPrevious: true });
  const week = query.data?.itineraryWeek;
  const submit = useGqlMutation(VisitSubmitItineraryMutation, { invalidates: VISIT_INVALIDATES });
  const revise = useGqlMutation(VisitReviseItineraryMutation, { invalidates: VISIT_INVALIDATES });
  const approve = useGqlMutation(VisitDecideItineraryMutation, { invalidates: VISIT_INVALIDATES });
  const confirmSubmit = useConfirmedAction(
    (i: Itinerary) => submit.mutateAsync({ id: i.id, version: i.version }),
    () => ({
      title: t('submitTitle'),
      body: t('submitBody'),
      confirmLabel: t('submit'),
      pendingLabel: t('submitting'),
    }),
    errorMessage,
  );
  const confirmRevise = useConfirmedAction(
    (i: Itinerary) => revise.mutateAsync({ id: i.id, version: i.version }),
    () => ({ title: t('reviseTitle'), body: t('reviseBody'), confirmLabel: t('revise'), pendingLabel: t('revising') }),
    errorMessage,
  );
  const confirmApprove = useConfirmedAction(
    (i: Itinerary) => approve.mutateAsync({ id: i.id, version: i.version, input: { approve: true } }),
    (i) => ({
      title: t('approveTitle'),
      body: t('approveBody', { name: i.salesperson?.name ?? '' }),
      confirmLabel: t('approve'),
      pendingLabel: t('approving'),
    }),
    errorMessage,
  );

  const days = week ? weekDays(String(week.weekStart)) : [];
  const own = week?.itineraries.length === 1 && canWrite && !canApprove ? week.itineraries[0]! : null;
  const columns: Column<Itinerary>[] = [
    {
      id: 'salesperson',
      header: t('salesperson'),
      cell: (i) => (
        <div className="space-y-1">
          <span className="block font-medium">{i.salesperson?.name ?? '—'}</span>
          <ItineraryStatusBadge status={i.status} late={i.late} />
          {i.revision > 1 && <span className="block text-xs text-slate-500">{t('revision', { n: i.revision })}</span>}
          {i.decisionComment && <span className="block text-xs text-slate-500">{i.decisionComment}</span>}
          <ItineraryActions
            itinerary={i}
            onEdit={() => setEditing({ itinerary: i, weekStart: String(i.weekStart) })}
            onSubmit={() => confirmSubmit.ask(i)}
            onRevise={() => confirmRevise.ask(i)}
            onApprove={() => confirmApprove.ask(i)}
            onReturn={() => setDeciding(i)}
          />
        </div>
      ),
    },
    ...days.map((day, n): Column<Itinerary> => ({
      id: day,
      header: (
        <span>
          {t(`weekday.${n + 1}`)}
          <span className="block text-xs font-normal text-slate-500">{day.slice(5)}</span>
        </span>
      ),
      cardLabel: `${t(`weekday.${n + 1}`)} ${day.slice(5)}`,
      cell: (i) => (
        <ul className="space-y-1">
          {i.items
            .filter((item) => item.plannedDate === day)
            .map((item) => (
              <li key={item.id} className="rounded bg-slate-50 p-1 text-xs" data-testid="itinerary-visit">
                <span className="block font-medium">{item.customer?.name ?? '—'}</span>
                <span className="block text-slate-600">{item.purpose}</span>
                {item.contactName && <span className="block text-slate-500">{item.contactName}</span>}
                {item.done ? (
                  <span className="text-green-700" data-testid="itinerary-visit-done">
                    {t('done')}
                  </span>
                ) : (
                  i.status === 'APPROVED' &&
                  own?.id === i.id &&
                  item.customer && (
                    <Button kind="ghost" onClick={() => setLogging(item)} data-testid="itinerary-visit-log">
                      {t('log')}
                    </Button>
                  )
                )}
              </li>
            ))}
        </ul>
      ),
    })),
  ];

  return (
    <Panel
      title={
        week ? t('title', { from: String(week.weekStart), to: addDaysTo(String(week.weekStart), 6) }) : t('loading')
      }
      testId="itinerary-week"
      action={
        <div className="flex flex-wrap items-center gap-2">
          {week && (
            <span className="text-xs text-slate-500" data-testid="itinerary-deadline">
              {t('deadline', { at: formatDateTime(String(week.deadlineAt), timeZone) })}
            </span>
          )}
          <Button
            disabled={!week}
            onClick={() => week && setWeekStart(addDaysTo(String(week.weekStart), -7))}
            data-testid="week-prev"
          >
            {t('previous')}
          </Button>
          <Button
            disabled={!week}
            onClick={() => week && setWeekStart(addDaysTo(String(week.weekStart), 7))}
            data-testid="week-next"
          >
            {t('next')}
          </Button>
          {canWrite && !canApprove && week && week.itineraries.length === 0 && (
            <Button
              kind="primary"
              onClick={() => setEditing({ itinerary: null, weekStart: String(week.weekStart) })}
              data-testid="itinerary-new"
            >
              {t('plan')}
            </Button>
          )}
        </div>
      }
    >
      <DataTable
        columns={columns}
        rows={week?.itineraries ?? []}
        rowKey={(i) => i.id}
        state={queryTableState(query, errorMessage)}
        empty={canApprove ? t('emptyTeam') : t('empty')}
        caption={t('caption')}
        testId="itinerary-grid"
        rowTestId="itinerary-row"
      />
      {editing && (
        <ItineraryEditor
          itinerary={editing.itinerary}
          weekStart={editing.weekStart}
          onClose={() => setEditing(null)}
          onDone={() => setEditing(null)}
        />
      )}
      {deciding && <ReturnDialog itinerary={deciding} onClose={() => setDeciding(null)} />}
      {logging?.customer && (
        <LogVisitDialog
          customer={logging.customer}
          itineraryItemId={logging.id}
          onClose={() => setLogging(null)}
          onDone={() => setLogging(null)}
        />
      )}
      {confirmSubmit.dialog}
      {confirmRevise.dialog}
      {confirmApprove.dialog}
    </Panel>
  );
}

function ItineraryActions({
  itinerary: i,
  onEdit,
  onSubmit,
  onRevise,
  onApprove,
  onReturn,
}: {
  itinerary: Itinerary;
  onEdit: () => void;
  onSubmit: () => void;
  onRevise: () => void;
  onApprove: () => void;
  onReturn: () => void;
}) {
  const t = useTranslations('visits.week');
  return (
    <div className="flex flex-wrap gap-1">
      {i.viewerCanEdit && (
        <Button kind="ghost" onClick={onEdit} data-testid="itinerary-edit">
          {t('edit')}
        </Button>
      )}
      {i.viewerCanSubmit && (
        <Button kind="primary" onClick={onSubmit} data-testid="itinerary-submit">
          {t('submit')}
        </Button>
      )}
      {i.viewerCanRevise && (
        <Button kind="ghost" onClick={onRevise} data-testid="itinerary-revise">
          {t('revise')}
        </Button>
      )}
      {i.viewerCanDecide && (
        <>
          <Button kind="primary" onClick={onApprove} data-testid="itinerary-approve">
            {t('approve')}
          </Button>
          <Button kind="ghost" onClick={onReturn} data-testid="itinerary-return">
            {t('return')}
          </Button>
        </>
      )}
    </div>
  );
}

function ReturnDialog({ itinerary, onClose }: { itinerary: Itinerary; onClose: () => void }) {
  const t = useTranslations('visits.week');
  const id = useId();
  const [comment, setComment] = useState('');
  const form = useFormSubmit(useVisitErrorMessage());
  const decide = useGqlMutation(VisitDecideItineraryMutation, { invalidates: VISIT_INVALIDATES });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={t('returnTitle', { name: itinerary.salesperson?.name ?? '' })}
      testId="itinerary-return-dialog"
      {...form.dialogProps(
        () => decide.mutateAsync({ id: itinerary.id, version: itinerary.version, input: { approve: false, comment } }),
        onClose,
      )}
      submitLabel={t('return')}
      pendingLabel={t('returning')}
      submitTestId="itinerary-return-submit"
    >
      <TextareaField
        id={`${id}-comment`}
        label={t('comment')}
        value={comment}
        onChange={setComment}
        maxLength={VISIT_TEXT_MAX}
        required
        error={form.fieldErrors.comment}
        testId="itinerary-return-comment"
      />
    </FormDialog>
  );
}

type Line = {
  key: number;
  id: string | null;
  customerId: string;
  customerName: string;
  plannedDate: string;
  purpose: string;
  contactName: string;
};

/** The plan of a week: lines picked from the due list (customer, date, purpose, contact). */
function ItineraryEditor({
  itinerary,
  weekStart,
  onClose,
  onDone,
}: {
  itinerary: Itinerary | null;
  weekStart: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useTranslations('visits.editor');
  const id = useId();
  const [lines, setLines] = useState<Line[]>(
    () =>
      itinerary?.items.map((item, key) => ({
        key,
        id: item.id,
        customerId: item.customerId,
        customerName: item.customer?.name ?? '',
        plannedDate: String(item.plannedDate),
        purpose: item.purpose,
        contactName: item.contactName ?? '',
      })) ?? [],
  );
  const [pick, setPick] = useState('');
  const due = useGqlQuery(VisitDueListQuery, { horizonDays: 14, first: 100 });
  const candidates = (due.data?.dueVisits.nodes ?? []).filter((c) => c.customer);
  const form = useFormSubmit(useVisitErrorMessage());
  const save = useGqlMutation(VisitSaveItineraryMutation, { invalidates: VISIT_INVALIDATES });
  const update = (key: number, patch: Partial<Line>) =>
    setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const add = () => {
    const c = candidates.find((x) => x.customer!.id === pick);
    if (!c || lines.length >= ITINERARY_ITEMS_MAX) return;
    const key = Math.max(-1, ...lines.map((l) => l.key)) + 1;
    setLines((all) => [
      ...all,
      {
        key,
        id: null,
        customerId: c.customer!.id,
        customerName: c.customer!.name,
        plannedDate: weekStart,
        purpose: '',
        contactName: '',
      },
    ]);
    setPick('');
  };
  return (
    <FormDialog
      open
      size="lg"
      onClose={onClose}
      title={t('title', { from: weekStart, to: addDaysTo(weekStart, 6) })}
      testId="itinerary-editor"
      {...form.dialogProps(
        () =>
          save.mutateAsync({
            input: {
              weekStart,
              version: itinerary?.version ?? null,
              items: lines.map((l) => ({
                id: l.id,
                customerId: l.customerId,
                plannedDate: l.plannedDate,
                purpose: l.purpose,
                contactName: l.contactName.trim() || null,
              })),
            },
          }),
        onDone,
      )}
      formError={form.formError ?? (form.fieldErrors.items || null)}
      submitLabel={t('save')}
      pendingLabel={t('saving')}
      submitTestId="itinerary-save"
    >
      <div className="flex items-end gap-2">
        <div className="flex-1">
          <SelectField
            id={`${id}-pick`}
            label={t('pick')}
            value={pick}
            onChange={setPick}
            options={[
              { value: '', label: t('pickPlaceholder') },
              ...candidates.map((c) => ({
                value: c.customer!.id,
                label: t('candidate', { name: c.customer!.name, due: String(c.nextDueDate ?? '') }),
              })),
            ]}
            testId="itinerary-pick"
          />
        </div>
        <Button onClick={add} disabled={!pick} data-testid="itinerary-add">
          {t('add')}
        </Button>
      </div>
      {lines.length === 0 && <p className="text-sm text-slate-500">{t('noLines')}</p>}
      {lines.map((l, n) => (
        <fieldset key={l.key} className="space-y-2 rounded border border-slate-200 p-3" data-testid="itinerary-line">
          <legend className="px-1 text-sm font-medium">{l.customerName}</legend>
          {form.fieldErrors[`items.${n}.customerId`] && (
            <InlineError>{form.fieldErrors[`items.${n}.customerId`]}</InlineError>
          )}
          <div className="grid gap-2 sm:grid-cols-3">
            <TextField
              id={`${id}-${l.key}-date`}
              type="date"
              label={t('date')}
              min={weekStart}
              max={addDaysTo(weekStart, 6)}
              value={l.plannedDate}
              onChange={(v) => update(l.key, { plannedDate: v })}
              required
              error={form.fieldErrors[`items.${n}.plannedDate`]}
              testId="itinerary-line-date"
            />
            <TextField
              id={`${id}-${l.key}-purpose`}
              label={t('purpose')}
              value={l.purpose}
              onChange={(v) => update(l.key, { purpose: v })}
              required
              error={form.fieldErrors[`items.${n}.purpose`]}
              testId="itinerary-line-purpose"
            />
            <TextField
              id={`${id}-${l.key}-contact`}
              label={t('contact')}
              value={l.contactName}
              onChange={(v) => update(l.key, { contactName: v })}
              error={form.fieldErrors[`items.${n}.contactName`]}
              testId="itinerary-line-contact"
            />
          </div>
          <Button kind="ghost" onClick={() => setLines((all) => all.filter((x) => x.key !== l.key))}>
            {t('remove')}
          </Button>
        </fieldset>
      ))}
    </FormDialog>
  );
}
