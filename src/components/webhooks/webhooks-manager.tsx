'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useAdminErrorMessage } from '@/components/admin/errors';
import { Button } from '@/components/ui/button';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { CodeChips } from '@/components/ui/code-chips';
import { DataTable, queryTableState, type Column } from '@/components/ui/data-table';
import { FormDialog } from '@/components/ui/form-dialog';
import { TextField } from '@/components/ui/form-field';
import { PageHeader } from '@/components/ui/page-header';
import { PagedTable } from '@/components/ui/paged-table';
import { SecretOnceDialog } from '@/components/ui/secret-once-dialog';
import { Panel } from '@/components/ui/panel';
import { actionsColumn, RowAction } from '@/components/ui/row-action';
import { Badge, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useDialogForm } from '@/components/ui/use-dialog-form';
import { getFragmentData } from '@/gql';
import type {
  WebhookDeliveryRowFragment as DeliveryRow,
  WebhookEndpointsQuery as EndpointsResult,
} from '@/gql/graphql';
import {
  WEBHOOK_DESCRIPTION_MAX,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_FAILURE_LIMIT_MAX,
  WEBHOOK_FAILURE_LIMIT_MIN,
  WEBHOOK_URL_MAX,
} from '@/graphql/webhooks/webhook-events.rules';
import { useGqlInfiniteQuery, useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import {
  WebhookCreateMutation,
  WebhookDeliveriesQuery,
  WebhookDeliveryRowFragment,
  WebhookEndpointsQuery,
  WebhookRedeliverMutation,
  WebhookRotateSecretMutation,
  WebhookSendTestMutation,
  WebhookSettingsMutation,
  WebhookUpdateMutation,
} from './operations';

/** Event types hold a dot (`customer.created`); message keys cannot, so it becomes `_`. */
const eventKey = (type: string) => `events.${type.replace('.', '_')}` as 'events.customer_created';

type Endpoint = EndpointsResult['webhookEndpoints'][number];
const CHANGED = ['WebhookEndpoints', 'WebhookDeliveries'];

/** Admin screen: endpoints, their delivery log (redeliver), a test event, the settings. */
export function WebhooksManager() {
  const t = useTranslations('webhooks');
  const errorMessage = useAdminErrorMessage();
  const endpoints = useGqlQuery(WebhookEndpointsQuery);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Endpoint | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const sendTest = useGqlMutation(WebhookSendTestMutation, { invalidates: CHANGED });
  const update = useGqlMutation(WebhookUpdateMutation, { invalidates: CHANGED });
  const rotateSecret = useGqlMutation(WebhookRotateSecretMutation, { invalidates: CHANGED });
  // The log follows the row as the list reloads (a disabled endpoint's badge, its new version).
  const selected = endpoints.data?.webhookEndpoints.find((e) => e.id === selectedId) ?? null;
  const setSelected = (endpoint: Endpoint) => setSelectedId(endpoint.id);

  // Turning an endpoint off or on again: the same edit with the active flag flipped, after a confirmation.
  const toggle = useConfirmedAction(
    async (endpoint: Endpoint) => {
      await update.mutateAsync({
        id: endpoint.id,
        version: endpoint.version,
        input: {
          url: endpoint.url,
          description: endpoint.description ?? null,
          eventTypes: endpoint.eventTypes,
          active: !endpoint.active,
        },
      });
      setNotice(t(endpoint.active ? 'disabledNotice' : 'enabledNotice', { url: endpoint.url }));
    },
    (endpoint) => {
      const key = endpoint.active ? 'confirmDisable' : 'confirmEnable';
      return {
        title: t(`${key}.title`),
        body: t(`${key}.body`, { url: endpoint.url }),
        confirmLabel: t(`${key}.confirm`),
        pendingLabel: t(`${key}.pending`),
        tone: endpoint.active ? 'danger' : 'primary',
      };
    },
    errorMessage,
  );
  // A new signing secret, shown once like the first: the receiver must be given it before the next delivery.
  const rotate = useConfirmedAction(
    async (endpoint: Endpoint) => {
      const result = await rotateSecret.mutateAsync({ id: endpoint.id, version: endpoint.version });
      setSecret(result.rotateWebhookSecret.secret);
    },
    (endpoint) => ({
      title: t('confirmRotate.title'),
      body: t('confirmRotate.body', { url: endpoint.url }),
      confirmLabel: t('confirmRotate.confirm'),
      pendingLabel: t('confirmRotate.pending'),
    }),
    errorMessage,
  );

  const test = async (endpoint: Endpoint) => {
    setNotice(null);
    try {
      const row = getFragmentData(
        WebhookDeliveryRowFragment,
        (await sendTest.mutateAsync({ endpointId: endpoint.id })).sendWebhookTestEvent,
      );
      setNotice(
        row.status === 'SUCCEEDED'
          ? t('testSent', { status: row.lastStatusCode ?? 0 })
          : t('testFailed', { error: row.lastError ?? String(row.lastStatusCode) }),
      );
      setSelected(endpoint);
    } catch (error) {
      setNotice(errorMessage(error));
    }
  };

  const columns: Column<Endpoint>[] = [
    {
      id: 'url',
      header: t('columns.url'),
      cell: (e) => (
        <div>
          <code className="font-mono text-xs break-all">{e.url}</code>
          {e.description && <div className="text-xs text-slate-500">{e.description}</div>}
        </div>
      ),
    },
    {
      id: 'events',
      header: t('columns.events'),
      cell: (e) => <CodeChips codes={e.eventTypes} labelOf={(type) => t(eventKey(type))} />,
    },
    {
      id: 'status',
      header: t('columns.status'),
      className: 'whitespace-nowrap',
      cell: (e) =>
        e.active ? (
          <Badge tone="green">{t('status.active')}</Badge>
        ) : (
          <Badge tone={e.disabledAt ? 'red' : 'amber'}>{t(e.disabledAt ? 'status.disabled' : 'status.inactive')}</Badge>
        ),
    },
    { id: 'failures', header: t('columns.failures'), cell: (e) => e.consecutiveFailures },
    actionsColumn(t('columns.actions'), (e) => (
      <>
        <RowAction label={t('sendTest')} subject={e.url} onClick={() => void test(e)} testId="webhook-send-test" />
        <RowAction label={t('showLog')} subject={e.url} onClick={() => setSelected(e)} testId="webhook-show-log" />
        <RowAction label={t('edit')} subject={e.url} onClick={() => setEditing(e)} testId="webhook-edit" />
        <RowAction
          label={t(e.active ? 'disable' : 'enable')}
          subject={e.url}
          onClick={() => toggle.ask(e)}
          testId={e.active ? 'webhook-disable' : 'webhook-enable'}
        />
        <RowAction
          label={t('rotateSecret')}
          subject={e.url}
          onClick={() => rotate.ask(e)}
          testId="webhook-rotate-secret"
        />
      </>
    )),
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        action={{ label: `+ ${t('create')}`, onClick: () => setCreating(true), testId: 'webhook-create' }}
      />
      {notice && <StatusMessage tone="info">{notice}</StatusMessage>}
      <DataTable
        columns={columns}
        rows={endpoints.data?.webhookEndpoints ?? []}
        rowKey={(e) => e.id}
        state={queryTableState(endpoints, errorMessage)}
        caption={t('title')}
        empty={<p className="font-medium text-slate-700">{t('empty')}</p>}
        testId="webhooks-table"
        rowTestId="webhook-row"
      />
      {selected && <DeliveryLog endpoint={selected} />}
      {endpoints.data && <SettingsPanel settings={endpoints.data.webhookSettings} />}
      {creating && (
        <EndpointDialog
          onClose={() => setCreating(false)}
          onSaved={(s) => {
            setCreating(false);
            setSecret(s);
          }}
        />
      )}
      {editing && (
        <EndpointDialog
          endpoint={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('savedNotice', { url: editing.url }));
          }}
        />
      )}
      {toggle.dialog}
      {rotate.dialog}
      <SecretOnceDialog
        open={secret !== null}
        onDone={() => setSecret(null)}
        title={t('secret.title')}
        warning={t('secret.warning')}
        secret={secret ?? ''}
        doneLabel={t('secret.done')}
        copy={{ label: t('secret.copy'), copiedLabel: t('secret.copied'), failedLabel: t('secret.copyFailed') }}
        testId="webhook-secret"
      />
    </div>
  );
}

function DeliveryLog({ endpoint }: { endpoint: Endpoint }) {
  const t = useTranslations('webhooks');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useAdminErrorMessage();
  const list = useGqlInfiniteQuery(WebhookDeliveriesQuery, { endpointId: endpoint.id, first: 25 }, (result) => ({
    ...result.webhookDeliveries,
    nodes: getFragmentData(WebhookDeliveryRowFragment, result.webhookDeliveries.nodes),
  }));
  const redeliver = useGqlMutation(WebhookRedeliverMutation, { invalidates: CHANGED });
  const columns: Column<DeliveryRow>[] = [
    {
      id: 'at',
      header: t('log.columns.at'),
      className: 'whitespace-nowrap',
      cell: (d) => formatDateTime(d.createdAt, timeZone),
    },
    {
      id: 'event',
      header: t('log.columns.event'),
      cell: (d) => <span title={d.eventType}>{t(eventKey(d.eventType))}</span>,
    },
    {
      id: 'status',
      header: t('log.columns.status'),
      cell: (d) => (
        <Badge tone={d.status === 'SUCCEEDED' ? 'green' : d.status === 'FAILED' ? 'red' : 'amber'}>
          {t(`log.status.${d.status}`)}
        </Badge>
      ),
    },
    { id: 'attempts', header: t('log.columns.attempts'), cell: (d) => d.attempts },
    { id: 'code', header: t('log.columns.code'), cell: (d) => d.lastStatusCode ?? '—' },
    {
      id: 'latency',
      header: t('log.columns.latency'),
      className: 'whitespace-nowrap',
      cell: (d) =>
        d.lastLatencyMs === null || d.lastLatencyMs === undefined ? '—' : t('log.latencyMs', { ms: d.lastLatencyMs }),
    },
    {
      id: 'response',
      header: t('log.columns.response'),
      cell: (d) => <code className="font-mono text-xs break-all">{d.lastResponse ?? d.lastError ?? ''}</code>,
    },
    actionsColumn(t('log.columns.actions'), (d) => (
      <RowAction
        label={t('log.redeliver')}
        subject={d.eventType}
        onClick={() => void redeliver.mutateAsync({ id: d.id })}
        testId="webhook-redeliver"
      />
    )),
  ];
  return (
    <Panel title={t('log.title', { url: endpoint.url })} testId="webhook-log">
      <PagedTable
        query={list}
        errorMessage={errorMessage}
        columns={columns}
        rowKey={(d) => d.id}
        caption={t('log.title', { url: endpoint.url })}
        empty={<p className="text-slate-600">{t('log.empty')}</p>}
        testId="webhook-deliveries"
        rowTestId="webhook-delivery-row"
      />
    </Panel>
  );
}

type Draft = { url: string; description: string; eventTypes: string[] };

/**
 * Registers an endpoint (`onSaved` gets its signing secret, shown once) or edits one (URL, description, events; the
 * version it was read at guards the write, and the active flag stays as it is).
 */
function EndpointDialog({
  endpoint,
  onClose,
  onSaved,
}: {
  endpoint?: Endpoint;
  onClose: () => void;
  onSaved: (secret: string | null) => void;
}) {
  const t = useTranslations('webhooks');
  const errorMessage = useAdminErrorMessage();
  const formId = useId();
  const create = useGqlMutation(WebhookCreateMutation, { invalidates: CHANGED });
  const update = useGqlMutation(WebhookUpdateMutation, { invalidates: CHANGED });
  const form = useDialogForm({
    initial: (): Draft => ({
      url: endpoint?.url ?? '',
      description: endpoint?.description ?? '',
      eventTypes: endpoint ? [...endpoint.eventTypes] : [],
    }),
    fields: ['url', 'description', 'eventTypes'],
    validate: (draft) => {
      const errors: Record<string, string> = {};
      if (!draft.url.trim()) errors.url = t('form.urlRequired');
      if (draft.eventTypes.length === 0) errors.eventTypes = t('form.eventsRequired');
      return errors;
    },
    submit: async (draft) => {
      const input = {
        url: draft.url.trim(),
        description: draft.description.trim() || null,
        eventTypes: draft.eventTypes,
      };
      if (!endpoint) return (await create.mutateAsync({ input })).createWebhookEndpoint.secret;
      await update.mutateAsync({ id: endpoint.id, version: endpoint.version, input });
      return null;
    },
    onDone: onSaved,
    errorMessage,
  });
  return (
    <FormDialog
      open
      onClose={onClose}
      title={endpoint ? t('form.editTitle', { url: endpoint.url }) : t('form.title')}
      testId={endpoint ? 'webhook-edit-dialog' : 'webhook-create-dialog'}
      {...form.dialogProps}
      submitLabel={t('form.submit')}
      pendingLabel={t('form.submitting')}
      submitTestId="webhook-submit"
    >
      <TextField
        {...form.field('url')}
        label={t('form.url')}
        hint={t('form.urlHint')}
        autoFocus
        maxLength={WEBHOOK_URL_MAX}
        placeholder="https://erp.example.com/kefu-webhook"
        testId="webhook-url"
      />
      <TextField {...form.field('description')} label={t('form.description')} maxLength={WEBHOOK_DESCRIPTION_MAX} />
      <CheckboxGroup
        name={`${formId}-events`}
        legend={t('form.events')}
        options={WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: `${t(eventKey(type))} (${type})` }))}
        selected={form.values.eventTypes}
        onChange={(selected) => form.set('eventTypes', selected)}
        error={form.fieldErrors.eventTypes}
        testIdPrefix="webhook-event"
      />
    </FormDialog>
  );
}

function SettingsPanel({ settings }: { settings: EndpointsResult['webhookSettings'] }) {
  const t = useTranslations('webhooks.settings');
  const errorMessage = useAdminErrorMessage();
  const id = useId();
  const [allowPrivate, setAllowPrivate] = useState(settings.allowPrivateTargets);
  const [limit, setLimit] = useState(String(settings.failureLimit));
  const [message, setMessage] = useState<string | null>(null);
  const save = useGqlMutation(WebhookSettingsMutation, { invalidates: CHANGED });
  const submit = async () => {
    setMessage(null);
    try {
      await save.mutateAsync({
        version: settings.version,
        input: { allowPrivateTargets: allowPrivate, failureLimit: Number(limit) },
      });
      setMessage(t('saved'));
    } catch (error) {
      setMessage(errorMessage(error));
    }
  };
  return (
    <Panel title={t('title')} testId="webhook-settings">
      <div className="space-y-3">
        <CheckboxField
          id={`${id}-private`}
          label={t('allowPrivate')}
          checked={allowPrivate}
          onChange={setAllowPrivate}
          testId="webhook-allow-private"
        />
        <TextField
          id={`${id}-limit`}
          label={t('failureLimit')}
          type="number"
          min={WEBHOOK_FAILURE_LIMIT_MIN}
          max={WEBHOOK_FAILURE_LIMIT_MAX}
          value={limit}
          onChange={setLimit}
          inputClassName="sm:w-32"
          testId="webhook-failure-limit"
        />
        <div className="flex items-center gap-3">
          <Button
            kind="primary"
            onClick={() => void submit()}
            disabled={save.isPending}
            data-testid="webhook-settings-save"
          >
            {t('save')}
          </Button>
          {message && <span className="text-sm text-slate-600">{message}</span>}
        </div>
      </div>
    </Panel>
  );
}
