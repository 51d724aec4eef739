'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { TextareaField } from '@/components/ui/form-controls';
import { HistoryEntryBody } from '@/components/ui/history-entry-body';
import { PageHeader } from '@/components/ui/page-header';
import { Panel, QueryContent } from '@/components/ui/panel';
import { InlineError, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useFormSubmit } from '@/components/ui/use-form-submit';
import { SUMMARY_TEXT_MAX } from '@/graphql/key-account-summaries/summary-period.rules';
import type { KeyAccountSummaryQuery as SummaryResult } from '@/gql/graphql';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDate, formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  KeyAccountSummaryDepartmentsQuery,
  KeyAccountSummaryIssueMutation,
  KeyAccountSummaryQuery,
  KeyAccountSummaryUpdateMutation,
} from './summary-operations';
import { SUMMARY_INVALIDATES, SummaryStatusBadge, useSummaryErrorMessage } from './summary-ui';

type Summary = NonNullable<SummaryResult['keyAccountExchangeSummary']>;

/** One summary: the counted figures (read-only), the editable notes and recipients while a draft, issue, PDF, history. */
export function SummaryEditor({ id }: { id: string }) {
  const t = useTranslations('keyAccountSummaries');
  const errorMessage = useSummaryErrorMessage();
  const query = useGqlQuery(KeyAccountSummaryQuery, { id });
  const summary = query.data?.keyAccountExchangeSummary;
  return (
    <div className="space-y-5">
      <Link href="/console/key-accounts/summaries" className="text-sm text-blue-700 hover:underline">
        ← {t('editor.back')}
      </Link>
      <QueryContent query={query} errorMessage={errorMessage} loadingLabel={t('loading')}>
        {summary && <SummaryView summary={summary} />}
      </QueryContent>
    </div>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const t = useTranslations('keyAccountSummaries');
  const timeZone = useDisplayTimeZone();
  const lastDay = new Date(new Date(summary.periodEnd).getTime() - 1).toISOString();
  return (
    <>
      <PageHeader
        title={`${t('title')} · ${summary.customer?.name ?? ''}`}
        subtitle={`${summary.period}（${t('editor.periodRange', {
          from: formatDate(summary.periodStart, timeZone),
          to: formatDate(lastDay, timeZone),
        })}）`}
      >
        <SummaryStatusBadge status={summary.status} />
        <a
          href={summary.pdfUrl}
          target="_blank"
          rel="noopener"
          className={buttonClass.secondary}
          data-testid="summary-pdf"
        >
          {t('editor.pdf')}
        </a>
      </PageHeader>
      {summary.status === 'ISSUED' && summary.issuedAt && (
        <StatusMessage tone="info">
          {t('editor.issued', { at: formatDateTime(summary.issuedAt, timeZone), name: summary.issuedBy?.name ?? '—' })}
        </StatusMessage>
      )}
      <Figures summary={summary} />
      {summary.viewerCanEdit ? <DraftForm summary={summary} /> : <IssuedTexts summary={summary} />}
      <Panel title={t('editor.history')} testId="summary-history" empty={summary.history.length === 0 && '—'}>
        <ol className="space-y-3 text-sm">
          {summary.history.map((entry) => (
            <li key={entry.id}>
              <HistoryEntryBody entry={entry} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      </Panel>
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

type FigureSpec = { label: string; value: React.ReactNode; testId?: string };

/** One group of the figures: its heading, its figures side by side (one column each), then anything more. */
function FigureGroup({
  title,
  figures = [],
  children,
}: {
  title: string;
  figures?: readonly FigureSpec[];
  children?: React.ReactNode;
}) {
  return (
    <section>
      <h3 className="mb-2 text-xs font-semibold text-slate-700">{title}</h3>
      {figures.length > 0 && (
        <dl className={`grid ${figures.length === 4 ? 'grid-cols-4' : 'grid-cols-3'} gap-3`}>
          {figures.map((figure) => (
            <Figure key={figure.label} {...figure} />
          ))}
        </dl>
      )}
      {children}
    </section>
  );
}

function Figures({ summary }: { summary: Summary }) {
  const t = useTranslations('keyAccountSummaries.editor');
  const timeZone = useDisplayTimeZone();
  const { complaints, interactions, callbacks, satisfaction, obligations } = summary.figures;
  return (
    <Panel
      title={t('figures')}
      testId="summary-figures"
      action={
        <span className="text-xs text-slate-500">
          {t('figuresAt', { at: formatDateTime(summary.figuresAt, timeZone) })}
        </span>
      }
    >
      <div className="grid gap-5 md:grid-cols-2">
        <FigureGroup
          title={t('complaints')}
          figures={[
            { label: t('received'), value: complaints.received, testId: 'summary-complaints-received' },
            { label: t('closed'), value: complaints.closed },
            { label: t('open'), value: complaints.open },
            { label: t('overdue'), value: complaints.overdue },
          ]}
        >
          <p className="mt-2 text-xs text-slate-600">
            {t('severity')}: {complaints.general} / {complaints.major} / {complaints.crisis}
          </p>
        </FigureGroup>
        <FigureGroup title={t('interactions')}>
          <p className="text-lg font-semibold tabular-nums">
            {interactions.consultation} / {interactions.inquiry} / {interactions.suggestion}
          </p>
        </FigureGroup>
        <FigureGroup
          title={t('callbacks')}
          figures={[
            { label: t('callbacksDone'), value: callbacks.done },
            { label: t('callbacksPending'), value: callbacks.pending },
            { label: t('overdue'), value: callbacks.overdue },
          ]}
        />
        <FigureGroup
          title={t('satisfaction')}
          figures={[
            { label: t('responses'), value: satisfaction.responses },
            { label: t('averageIndex'), value: satisfaction.averageIndex ?? '—' },
            { label: t('lowScores'), value: satisfaction.lowScores },
          ]}
        />
      </div>
      <section className="mt-5">
        <h3 className="mb-2 text-xs font-semibold text-slate-700">
          {t('obligations')} · {obligations.open}（{t('overdue')} {obligations.overdue}）
        </h3>
        {obligations.items.length === 0 ? (
          <p className="text-sm text-slate-500">{t('noObligations')}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {obligations.items.map((o) => (
              <li key={o.id} className={o.overdue ? 'text-red-700' : ''}>
                {t.has(`obligationKind.${o.kind}`)
                  ? t(`obligationKind.${o.kind}` as 'obligationKind.CALLBACK')
                  : o.kind}{' '}
                · {t('dueAt', { date: formatDate(o.dueAt, timeZone) })}
                {o.note ? ` · ${o.note}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Panel>
  );
}

/** The summary's three notes (their message key and field, and the id their controls are named by). */
const TEXT_FIELDS = [
  ['customerNeeds', 'customer-needs'],
  ['difficulties', 'difficulties'],
  ['measures', 'measures'],
] as const;
type TextKey = (typeof TEXT_FIELDS)[number][0];

function IssuedTexts({ summary }: { summary: Summary }) {
  const t = useTranslations('keyAccountSummaries.editor');
  const blocks = [
    ...TEXT_FIELDS.map(([key]) => [t(key), summary[key]] as const),
    [t('recipients'), summary.recipientDepartments.map((d) => d.name).join('、') || '—'] as const,
  ];
  return (
    <Panel title={t('texts')} testId="summary-texts">
      <dl className="space-y-3 text-sm">
        {blocks.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs font-medium text-slate-500">{label}</dt>
            <dd className="whitespace-pre-wrap">{value || '—'}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

/**
 * The draft's notes and recipients. Saving (and recounting, which saves too) sends the version the page was loaded
 * with: someone else's change meanwhile answers CONFLICT, shown with the server's words. Issuing saves unsaved edits
 * first, then issues the version that produced.
 */
function DraftForm({ summary }: { summary: Summary }) {
  const t = useTranslations('keyAccountSummaries.editor');
  const errorMessage = useSummaryErrorMessage();
  const departments = useGqlQuery(KeyAccountSummaryDepartmentsQuery);
  const update = useGqlMutation(KeyAccountSummaryUpdateMutation, { invalidates: SUMMARY_INVALIDATES });
  const issue = useGqlMutation(KeyAccountSummaryIssueMutation, { invalidates: SUMMARY_INVALIDATES });
  const form = useFormSubmit(errorMessage);
  const [saved, setSaved] = useState(false);
  const initial = {
    customerNeeds: summary.customerNeeds ?? '',
    difficulties: summary.difficulties ?? '',
    measures: summary.measures ?? '',
    recipientDepartmentIds: summary.recipientDepartments.map((d) => d.id),
  };
  const [values, setValues] = useState(initial);
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);
  const set = (key: TextKey) => (value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setSaved(false);
    form.edited(key);
  };

  const save = (recount: boolean) =>
    update.mutateAsync({ id: summary.id, version: summary.version, input: values, recount });

  const confirmIssue = useConfirmedAction(
    async () => {
      const version = dirty ? (await save(false)).updateKeyAccountExchangeSummary.version : summary.version;
      await issue.mutateAsync({ id: summary.id, version });
    },
    () => ({
      title: t('issueConfirm.title'),
      body: t('issueConfirm.body'),
      confirmLabel: t('issueConfirm.confirm'),
      pendingLabel: t('issueConfirm.pending'),
    }),
    errorMessage,
  );

  const busy = form.pending || confirmIssue.pending;
  return (
    <Panel title={t('texts')} testId="summary-form">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit(() => save(false)).then((ok) => setSaved(ok));
        }}
      >
        {TEXT_FIELDS.map(([key, id]) => (
          <TextareaField
            key={key}
            id={`summary-${id}`}
            label={t(key)}
            rows={4}
            maxLength={SUMMARY_TEXT_MAX}
            error={form.fieldErrors[key]}
            value={values[key]}
            onChange={set(key)}
            testId={`summary-${id}`}
          />
        ))}
        <CheckboxGroup
          name="summary-recipients"
          legend={t('recipients')}
          options={(departments.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          selected={values.recipientDepartmentIds}
          onChange={(ids) => {
            setValues((v) => ({ ...v, recipientDepartmentIds: ids }));
            setSaved(false);
          }}
          emptyHint={t('noDepartments')}
          error={form.fieldErrors.recipientDepartmentIds}
          testIdPrefix="summary-recipient"
        />
        {form.formError && <InlineError>{form.formError}</InlineError>}
        {saved && !dirty && <StatusMessage tone="success">{t('saved')}</StatusMessage>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" kind="secondary" disabled={busy} data-testid="summary-save">
            {form.pending ? t('saving') : t('save')}
          </Button>
          <Button
            type="button"
            kind="secondary"
            disabled={busy}
            onClick={() => void form.submit(() => save(true))}
            data-testid="summary-recount"
          >
            {t('recount')}
          </Button>
          <Button type="button" disabled={busy} onClick={() => confirmIssue.ask(null)} data-testid="summary-issue">
            {t('issue')}
          </Button>
        </div>
      </form>
      {confirmIssue.dialog}
    </Panel>
  );
}
