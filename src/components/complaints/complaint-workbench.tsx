'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { SimpleWorkflowCommand, WorkflowCommand } from '@/gql/graphql';
import { Button } from '@/components/ui/button';
import { buttonClass } from '@/components/ui/classes';
import { DetailItem } from '@/components/ui/detail-item';
import { DetailNav } from '@/components/ui/detail-nav';
import { EmptyLine, Panel } from '@/components/ui/panel';
import { ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useErrorText } from '@/lib/error-text';
import { isGqlError } from '@/lib/gql-error-message';
import { needs8D, WORK_STATES } from '@/graphql/complaints/complaint-workflow.rules';
import type { ErrorParams } from '@/server/error-keys';
import { ComplaintCallbacksPanel } from '@/components/callbacks/complaint-callbacks-panel';
import { pickedCustomer, SourceWorkOrdersPanel } from '@/components/work-orders/dispatch-work-order';
import { ComplaintActions } from './complaint-actions';
import { CommandDialog, useComplaintStep, type DialogCommand, type Perform } from './complaint-command-dialogs';
import { ComplaintEightD } from './complaint-eight-d';
import { ComplaintPrintLinks } from './complaint-print-links';
import { ComplaintDirectoryQuery } from './complaint-operations';
import { ComplaintAdvanceMutation, ComplaintWorkbenchQuery } from './complaint-workbench.operations';
import { DueLabel, SeverityBadge, StatusBadge, STOPPED_STATUSES, useComplaintErrorMessage } from './complaint-ui';
import { HistoryEntryBody } from '@/components/ui/history-entry-body';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

// Actions and the 8D record can be edited while the complaint is being worked (the service's own list).
const WORKING_STATES: ReadonlySet<string> = new Set(WORK_STATES);

export type WorkbenchViewer = { userId: string; role: string; departmentId: string | null };

const SIMPLE: readonly SimpleWorkflowCommand[] = [
  'START_INVESTIGATION',
  'PLAN_ACTIONS',
  'SUBMIT_FOR_APPROVAL',
  'APPROVE',
  'REJECT_PLAN',
  'START_IMPLEMENTATION',
  'COMPLETE_IMPLEMENTATION',
  'COMPLETE_FOLLOW_UP',
  'CLOSE',
  'REOPEN',
];
const asSimple = (command: WorkflowCommand): SimpleWorkflowCommand | undefined => SIMPLE.find((c) => c === command);
const DIALOG_COMMANDS: readonly DialogCommand[] = [
  'TRIAGE',
  'VERIFY',
  'CUSTOMER_FEEDBACK',
  'DECLINE',
  'ANSWER',
  'REJECT_PLAN',
  'REOPEN',
  'APPROVE',
  'CLOSE',
];
/** The commands that take a form (a comment the service requires, a triage, a verification…); the rest are confirmed. */
const asDialog = (command: WorkflowCommand): DialogCommand | undefined => DIALOG_COMMANDS.find((c) => c === command);

/**
 * The complaint workbench: header with due clocks, the complaint's fields, the workflow panel (only the commands
 * `availableCommands` offers this viewer now), actions, the 8D record, approvals and the history. Every mutation sends
 * the version read; after it the page reloads, and a CONFLICT shows "已被他人修改" with a reload.
 */
export function ComplaintWorkbench({
  id,
  viewer,
  workOrders = { read: false, dispatch: false },
}: {
  id: string;
  viewer: WorkbenchViewer;
  /** Whether the viewer sees the complaint's work orders (workorders:read) and may dispatch one (派工). */
  workOrders?: { read: boolean; dispatch: boolean };
}) {
  const t = useTranslations('complaints');
  const errorText = useErrorText();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useComplaintErrorMessage();
  const data = useGqlQuery(ComplaintWorkbenchQuery, { id });
  const directory = useGqlQuery(ComplaintDirectoryQuery);
  const advance = useComplaintStep(ComplaintAdvanceMutation);
  const [dialog, setDialog] = useState<DialogCommand | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState(false);
  const [enable8D, setEnable8D] = useState(false);

  // Every mutation invalidates the workbench's query (useComplaintStep), so the page shows the new version by itself.
  const perform: Perform = async (mutation) => {
    setConflict(null);
    setNotice(false);
    try {
      await mutation();
    } catch (error) {
      if (isGqlError(error, 'CONFLICT')) {
        // A stale version: someone else changed it. A refused transition (details carry the status) keeps its own words.
        setConflict(
          'status' in error.extensions
            ? errorText.text(error.key ?? '', error.params, error.code)
            : t('workbench.conflict'),
        );
        setDialog(null);
        return 'conflict';
      }
      throw error;
    }
    setNotice(true);
    return 'done';
  };

  const reload = () => {
    setConflict(null);
    setNotice(false);
    void data.refetch();
  };

  const confirm = useConfirmedAction(
    (command: SimpleWorkflowCommand) =>
      perform(() => advance.mutateAsync({ id, version: data.data?.interaction?.version ?? 0, command })),
    (command) => ({
      title: t('confirm.title', { command: t(`command.${command}`) }),
      body: t('confirm.body', { command: t(`command.${command}`), number: data.data?.interaction?.number ?? '' }),
      confirmLabel: t(`command.${command}`),
      pendingLabel: t('confirm.pending'),
      tone: 'primary',
    }),
    errorMessage,
  );

  const record = data.data?.interaction;
  if (data.error && !record)
    return <ErrorBanner message={errorMessage(data.error)} onRetry={reload} testId="complaint-error" />;
  if (!data.data) return <Spinner label={t('workbench.loading')} />;
  if (!record) return <ErrorBanner message={t('workbench.notFound')} testId="complaint-not-found" />;

  const target = { id: record.id, version: record.version };
  const stopped = STOPPED_STATUSES.has(record.status);
  const canWork =
    WORKING_STATES.has(record.status) &&
    (viewer.role === 'QUALITY_MANAGER' ||
      record.owner?.id === viewer.userId ||
      (viewer.role === 'DEPARTMENT_HANDLER' &&
        !!viewer.departmentId &&
        viewer.departmentId === record.responsibleDepartment?.id));
  const show8D = needs8D(record) || !!record.eightD || enable8D;

  const open = (command: WorkflowCommand) => {
    const form = asDialog(command);
    if (form) return setDialog(form);
    const simple = asSimple(command);
    if (simple) confirm.ask(simple);
  };

  const yesNo = (value: boolean) => (value ? t('workbench.yes') : t('workbench.no'));
  /** A code in words from the first of `groups` that has it; a code none of them knows stays as it is. */
  const wordFor = (code: string, ...groups: string[]) => {
    const key = groups.map((group) => `${group}.${code}`).find((candidate) => t.has(candidate));
    return key ? t(key) : code;
  };
  const historyAction = (action: string) => wordFor(action, 'command', 'historyAction');
  const stateLabel = (state: string) => wordFor(state, 'status', 'actionStatus');

  return (
    <div className="space-y-6" data-testid="complaint-workbench" data-version={record.version}>
      <DetailNav
        back={{ href: '/console/complaints', label: t('workbench.back') }}
        next={{ href: `/console/interactions/${record.id}`, label: t('workbench.intakeLink'), testId: 'intake-link' }}
      />

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-2xl font-bold" data-testid="complaint-number">
            {record.number}
          </p>
          <h1 className="mt-1 text-lg font-semibold">{record.subject}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <StatusBadge status={record.status} testId="complaint-status" />
            <SeverityBadge severity={record.severity} />
            {record.escalationLevel > 0 && (
              <span className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-800">
                {t('workbench.escalationLevel')} {record.escalationLevel}
              </span>
            )}
          </div>
          <ComplaintPrintLinks id={record.id} eightD={!!record.eightD || needs8D(record)} />
        </div>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-3">
          {record.currentStep && record.currentStep.step !== 'TRIAGE' && record.currentStep.dueAt && (
            <div className="rounded border border-blue-200 bg-blue-50/40 px-3 py-2" data-testid="complaint-step-due">
              <dt className="text-xs text-slate-600">
                {t('workbench.stepDue', { step: t(`steps.${record.currentStep.step}`) })}
              </dt>
              <dd className="font-medium">{formatDateTime(record.currentStep.dueAt, timeZone)}</dd>
              <dd className="text-xs text-slate-600" data-testid="complaint-step-waits-on">
                {t('workbench.waitsOn', {
                  party:
                    record.currentStep.waitsOn === 'OWNER' && record.owner
                      ? record.owner.name
                      : t(`stepParties.${record.currentStep.waitsOn}`),
                })}
              </dd>
              <dd>
                <DueLabel dueAt={record.currentStep.dueAt} stopped={false} />
              </dd>
            </div>
          )}
          {[
            {
              label: t('workbench.triageDue'),
              at: record.triageDueAt,
              running: record.status === 'REGISTERED' || record.status === 'REOPENED',
            },
            { label: t('workbench.resolutionDue'), at: record.resolutionDueAt, running: !stopped },
            { label: t('workbench.callbackDue'), at: record.callbackDueAt, running: record.status === 'RESOLVED' },
          ]
            .filter((d) => d.at)
            .map((d) => (
              <div key={d.label} className="rounded border border-slate-200 bg-white px-3 py-2">
                <dt className="text-xs text-slate-500">{d.label}</dt>
                <dd className="font-medium">{formatDateTime(d.at, timeZone)}</dd>
                <dd>
                  <DueLabel dueAt={d.at} stopped={!d.running} />
                </dd>
              </div>
            ))}
        </dl>
      </header>

      {conflict && (
        <div
          role="alert"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="complaint-conflict"
        >
          <span>{conflict}</span>
          <Button kind="secondary" onClick={reload} data-testid="complaint-reload">
            {t('workbench.reload')}
          </Button>
        </div>
      )}
      {notice && !conflict && <StatusMessage tone="success">{t('workbench.done')}</StatusMessage>}
      {data.error ? <ErrorBanner message={errorMessage(data.error)} onRetry={reload} /> : null}

      <Panel title={t('workbench.workflow')} testId="workflow-panel">
        {record.availableCommands.length === 0 ? (
          <EmptyLine>{t('workbench.noCommands')}</EmptyLine>
        ) : (
          <div className="flex flex-wrap gap-2">
            {record.availableCommands.map((command) => (
              <button
                key={command}
                type="button"
                className={
                  command === 'DECLINE' || command === 'REJECT_PLAN' ? buttonClass.secondary : buttonClass.primary
                }
                onClick={() => open(command)}
                disabled={data.isFetching}
                data-testid={`command-${command}`}
              >
                {t(`command.${command}`)}
              </button>
            ))}
          </div>
        )}
        {record.blockedCommands.length > 0 && (
          <ul className="mt-3 space-y-1 text-sm text-slate-600" data-testid="blocked-commands">
            {record.blockedCommands.map((blocked) => (
              <li key={blocked.command}>
                {t('workbench.blocked', {
                  command: t(`command.${blocked.command}`),
                  reason: errorText.text(blocked.key, blocked.params as ErrorParams | null),
                })}
              </li>
            ))}
          </ul>
        )}
      </Panel>

      {record.type === 'COMPLAINT' && <ComplaintCallbacksPanel interactionId={record.id} />}

      {workOrders.read && (
        <SourceWorkOrdersPanel
          interactionId={record.id}
          customer={pickedCustomer(record.customer)}
          description={record.description}
          canDispatch={workOrders.dispatch}
        />
      )}

      <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-6">
          <Panel title={t('workbench.details')}>
            <dl className="grid gap-4 sm:grid-cols-2">
              <DetailItem label={t('workbench.customer')}>
                {record.customer ? (
                  <Link className="text-blue-700 hover:underline" href={`/console/customers/${record.customer.id}`}>
                    {record.customer.name}
                  </Link>
                ) : (
                  (record.companyName ?? '—')
                )}
              </DetailItem>
              <DetailItem label={t('workbench.contactName')}>{record.contactName ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.contactPhone')}>{record.contactPhone ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.contactEmail')}>{record.contactEmail ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.createdAt')}>{formatDateTime(record.createdAt, timeZone)}</DetailItem>
              <DetailItem label={t('workbench.contract')}>{record.relatedContract?.contractNo ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.productRef')}>{record.productRef ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.orderRef')}>{record.orderRef ?? '—'}</DetailItem>
              <DetailItem label={t('workbench.causeClass')}>
                {record.causeClass ? t(`causeClass.${record.causeClass}`) : '—'}
              </DetailItem>
              <DetailItem label={t('workbench.triageResult')}>
                {record.triageResult ? t(`triageResult.${record.triageResult}`) : '—'}
              </DetailItem>
              <DetailItem label={t('workbench.department')} testId="complaint-department">
                {record.responsibleDepartment?.name ?? '—'}
              </DetailItem>
              <DetailItem label={t('workbench.owner')} testId="complaint-owner">
                {record.owner?.name ?? '—'}
              </DetailItem>
              <DetailItem label={t('workbench.requires8D')}>{yesNo(record.requires8D)}</DetailItem>
              <DetailItem label={t('workbench.triagedAt')}>
                {formatDateTime(record.triagedAt, timeZone) || '—'}
              </DetailItem>
              {record.resolvedAt && (
                <DetailItem label={t('workbench.resolvedAt')}>{formatDateTime(record.resolvedAt, timeZone)}</DetailItem>
              )}
              {record.closedAt && (
                <DetailItem label={t('workbench.closedAt')}>{formatDateTime(record.closedAt, timeZone)}</DetailItem>
              )}
              {record.warrantyOutcome && (
                <DetailItem label={t('workbench.warrantyOutcome')}>
                  {t(`warranty.${record.warrantyOutcome}`)}
                </DetailItem>
              )}
              {record.customerFeedback && (
                <DetailItem label={t('workbench.customerFeedback')}>
                  {t(`feedback.${record.customerFeedback}`)}
                  {record.customerFeedbackComment ? `：${record.customerFeedbackComment}` : ''}
                </DetailItem>
              )}
              {record.declineReason && (
                <DetailItem label={t('workbench.declineReason')} className="sm:col-span-2">
                  {record.declineReason}
                </DetailItem>
              )}
              <DetailItem label={t('workbench.description')} className="sm:col-span-2">
                <span className="whitespace-pre-wrap">{record.description}</span>
              </DetailItem>
              {record.desiredOutcome && (
                <DetailItem label={t('workbench.desiredOutcome')} className="sm:col-span-2">
                  <span className="whitespace-pre-wrap">{record.desiredOutcome}</span>
                </DetailItem>
              )}
            </dl>
          </Panel>

          <ComplaintActions
            interactionId={record.id}
            actions={record.actions}
            directory={directory.data}
            canEdit={canWork}
            perform={perform}
          />

          {show8D ? (
            <ComplaintEightD
              key={`${record.eightD?.id ?? 'new'}-${record.eightD?.version ?? 0}`}
              interactionId={record.id}
              eightD={record.eightD ?? null}
              canEdit={canWork}
              perform={perform}
            />
          ) : (
            canWork && (
              <Button kind="secondary" onClick={() => setEnable8D(true)} data-testid="eightd-enable">
                {t('eightD.enable')}
              </Button>
            )
          )}
        </div>

        <div className="space-y-6">
          <Panel
            title={t('approvals.title')}
            testId="complaint-approvals"
            empty={record.approvals.length === 0 && t('approvals.empty')}
          >
            <ul className="space-y-3 text-sm">
              {record.approvals.map((a) => (
                <li key={a.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="font-medium">
                    {t(`approvalStage.${a.stage}`)} ·{' '}
                    <span className={a.decision === 'APPROVED' ? 'text-green-800' : 'text-red-700'}>
                      {t(`approvalDecision.${a.decision}`)}
                    </span>
                  </p>
                  {a.comment && <p className="text-slate-700">{a.comment}</p>}
                  <p className="text-xs text-slate-500">
                    {a.approver.name} · {formatDateTime(a.createdAt, timeZone)}
                  </p>
                </li>
              ))}
            </ul>
          </Panel>

          <Panel title={t('history.title')} empty={record.history.length === 0 && t('history.empty')}>
            <ol className="space-y-3 text-sm" data-testid="complaint-history">
              {record.history.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="font-medium">
                    {historyAction(h.action)}
                    {(h.fromState || h.toState) && (
                      <span className="ml-2 text-slate-600">
                        {h.fromState ? stateLabel(h.fromState) : ''} → {h.toState ? stateLabel(h.toState) : ''}
                      </span>
                    )}
                  </p>
                  <HistoryEntryBody entry={h} timeZone={timeZone} />
                </li>
              ))}
            </ol>
          </Panel>
        </div>
      </div>

      {dialog && (
        <CommandDialog
          key={dialog}
          command={dialog}
          target={target}
          perform={perform}
          onClose={() => setDialog(null)}
          directory={directory.data}
          triage={{
            severity: record.severity ?? null,
            causeClass: record.causeClass ?? null,
            departmentId: record.responsibleDepartment?.id ?? null,
            ownerId: record.owner?.id ?? null,
            requires8D: record.requires8D,
          }}
          plan={record.actions}
        />
      )}
      {confirm.dialog}
    </div>
  );
}
