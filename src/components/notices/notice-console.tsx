'use client';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { getFragmentData, graphql } from '@/gql';
import type { NoticeLevel, NoticeRowFieldsFragment as NoticeRowData, NoticeStatus } from '@/gql/graphql';
import { wallClockToIso, isoToWallClock } from '@/components/surveys/survey-dates';
import { buttonClass } from '@/components/ui/classes';
import type { Column } from '@/components/ui/data-table';
import { FilterSelect } from '@/components/ui/filter-select';
import { SelectField, TextareaField } from '@/components/ui/form-controls';
import { TextField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { PagedTable } from '@/components/ui/paged-table';
import { PageHeader } from '@/components/ui/page-header';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useRowDialogForm } from '@/components/ui/use-dialog-form';
import { NOTICE_LEVELS, NOTICE_STATUSES, NOTICE_TITLE_MAX } from '@/graphql/notices/notice.rules';
import { useGqlInfiniteQuery, useGqlMutation } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';
import { AttachmentPicker } from '@/components/interactions/attachment-picker';
import { useFileUploads } from '@/components/interactions/intake-files';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { NoticeLevelTag, useNoticeErrorMessage } from './notice-ui';
import { NoticeAudienceFieldsFragment, segmentDraft, segmentInput, type SegmentDraft } from './segment-draft';
import { SegmentFields } from './segment-fields';

export const NoticeRowFieldsFragment = graphql(`
  fragment NoticeRowFields on Notice {
    id
    title
    level
    body
    status
    phase
    publishAt
    expiresAt
    version
    viewerCanEdit
    viewerCanApprove
    attachments {
      id
      fileName
      sizeBytes
      downloadUrl
    }
    audience {
      ...NoticeAudienceFields
    }
    stats {
      reachCustomers
      reachUsers
      readers
      acknowledged
      readRate
    }
  }
`);

const NoticeListQuery = graphql(`
  query NoticeList($filter: NoticeFilter, $first: Int, $after: String) {
    notices(filter: $filter, first: $first, after: $after) {
      nodes {
        ...NoticeRowFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const NoticeCreateMutation = graphql(`
  mutation NoticeCreate($input: NoticeInput!) {
    createNotice(input: $input) {
      id
    }
  }
`);
const NoticeUpdateMutation = graphql(`
  mutation NoticeUpdate($id: ID!, $version: Int!, $input: NoticeInput!) {
    updateNotice(id: $id, version: $version, input: $input) {
      id
    }
  }
`);
const NoticeSubmitMutation = graphql(`
  mutation NoticeSubmit($id: ID!, $version: Int!) {
    submitNotice(id: $id, version: $version) {
      id
      status
    }
  }
`);
const NoticeApproveMutation = graphql(`
  mutation NoticeApprove($id: ID!, $version: Int!) {
    approveNotice(id: $id, version: $version) {
      id
      status
    }
  }
`);
const NoticeWithdrawMutation = graphql(`
  mutation NoticeWithdraw($id: ID!, $version: Int!) {
    withdrawNotice(id: $id, version: $version) {
      id
      status
    }
  }
`);

type Row = NoticeRowData;
const INVALIDATES = ['Notice'];
const PAGE_SIZE = 25;

/** /console/notices: the notices with their reach and read rate; write, submit, approve, withdraw (SPEC §8). */
export function NoticeConsole({ canWrite }: { canWrite: boolean }) {
  const t = useTranslations('notices');
  const tc = useTranslations('notices.console');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useNoticeErrorMessage();
  const [level, setLevel] = useState('');
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<{ row: Row | null } | null>(null);
  const filter = {
    ...(level ? { level: [level as NoticeLevel] } : {}),
    ...(status ? { status: [status as NoticeStatus] } : {}),
  };
  const list = useGqlInfiniteQuery(
    NoticeListQuery,
    { filter, first: PAGE_SIZE },
    (result) => ({ ...result.notices, nodes: getFragmentData(NoticeRowFieldsFragment, result.notices.nodes) }),
    { keepPrevious: true },
  );
  const submit = useGqlMutation(NoticeSubmitMutation, { invalidates: INVALIDATES });
  const approve = useGqlMutation(NoticeApproveMutation, { invalidates: INVALIDATES });
  const withdraw = useGqlMutation(NoticeWithdrawMutation, { invalidates: INVALIDATES });

  const confirmSubmit = useConfirmedAction(
    (row: Row) => submit.mutateAsync({ id: row.id, version: row.version }),
    (row) => ({
      title: tc('confirm.submitTitle'),
      body: tc('confirm.submitBody', { title: row.title }),
      confirmLabel: row.level === 'URGENT' ? tc('submitForApproval') : tc('submit'),
      pendingLabel: '…',
      tone: 'primary',
    }),
    errorMessage,
  );
  const confirmApprove = useConfirmedAction(
    (row: Row) => approve.mutateAsync({ id: row.id, version: row.version }),
    (row) => ({
      title: tc('confirm.approveTitle'),
      body: tc('confirm.approveBody', { title: row.title }),
      confirmLabel: tc('approve'),
      pendingLabel: '…',
      tone: 'primary',
    }),
    errorMessage,
  );
  const confirmWithdraw = useConfirmedAction(
    (row: Row) => withdraw.mutateAsync({ id: row.id, version: row.version }),
    (row) => ({
      title: tc('confirm.withdrawTitle'),
      body: tc('confirm.withdrawBody', { title: row.title }),
      confirmLabel: tc('withdraw'),
      pendingLabel: '…',
      tone: 'danger',
    }),
    errorMessage,
  );

  const columns: Column<Row>[] = [
    {
      id: 'title',
      header: tc('columns.title'),
      cell: (row) => <span className="font-medium text-slate-900">{row.title}</span>,
    },
    { id: 'level', header: tc('columns.level'), cell: (row) => <NoticeLevelTag level={row.level} /> },
    {
      id: 'status',
      header: tc('columns.status'),
      cell: (row) => <span data-testid="notice-phase">{t(`phases.${row.phase}`)}</span>,
    },
    {
      id: 'publishAt',
      header: tc('columns.publishAt'),
      cell: (row) => (row.publishAt ? formatDateTime(row.publishAt, timeZone) : tc('immediately')),
    },
    {
      id: 'expiresAt',
      header: tc('columns.expiresAt'),
      cell: (row) => (row.expiresAt ? formatDateTime(row.expiresAt, timeZone) : tc('never')),
    },
    {
      id: 'audience',
      header: tc('columns.audience'),
      cell: (row) =>
        getFragmentData(NoticeAudienceFieldsFragment, row.audience)?.all ? tc('audienceAll') : tc('audienceSegment'),
    },
    {
      id: 'reach',
      header: tc('columns.reach'),
      cell: (row) =>
        row.stats ? tc('reach', { customers: row.stats.reachCustomers, users: row.stats.reachUsers }) : null,
    },
    {
      id: 'readRate',
      header: tc('columns.readRate'),
      cell: (row) => (
        <span data-testid="notice-read-rate">
          {row.stats?.readRate == null
            ? tc('noRate')
            : tc('readRate', { rate: row.stats.readRate, readers: row.stats.readers, users: row.stats.reachUsers })}
        </span>
      ),
    },
    {
      id: 'actions',
      header: tc('columns.actions'),
      cell: (row) => (
        <div className="flex flex-wrap gap-1">
          {row.viewerCanEdit && (
            <button type="button" className={buttonClass.ghost} onClick={() => setEditing({ row })}>
              {tc('edit')}
            </button>
          )}
          {canWrite && row.status === 'DRAFT' && (
            <button type="button" className={buttonClass.ghost} onClick={() => confirmSubmit.ask(row)}>
              {row.level === 'URGENT' ? tc('submitForApproval') : tc('submit')}
            </button>
          )}
          {row.viewerCanApprove && (
            <button type="button" className={buttonClass.ghost} onClick={() => confirmApprove.ask(row)}>
              {tc('approve')}
            </button>
          )}
          {(canWrite || row.viewerCanApprove) && row.status !== 'WITHDRAWN' && (
            <button type="button" className={buttonClass.dangerGhost} onClick={() => confirmWithdraw.ask(row)}>
              {tc('withdraw')}
            </button>
          )}
        </div>
      ),
    },
  ];

  return (
    <div className="space-y-6">
      <PageHeader
        title={t('title')}
        subtitle={tc('subtitle')}
        action={
          canWrite
            ? { label: tc('create'), onClick: () => setEditing({ row: null }), testId: 'notice-create' }
            : undefined
        }
      />
      <div className="flex flex-wrap gap-3">
        <FilterSelect
          label={tc('filterLevel')}
          value={level}
          onChange={setLevel}
          options={[
            { value: '', label: tc('all') },
            ...NOTICE_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) })),
          ]}
        />
        <FilterSelect
          label={tc('filterStatus')}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: tc('all') },
            ...NOTICE_STATUSES.map((s) => ({ value: s, label: t(`phases.${s}`) })),
          ]}
        />
      </div>
      <PagedTable
        columns={columns}
        query={list}
        rowKey={(row) => row.id}
        errorMessage={errorMessage}
        empty={tc('empty')}
        testId="notice-list"
        rowTestId="notice-row"
        loadMoreTestId="notice-load-more"
      />
      {editing && <NoticeDialog row={editing.row} onClose={() => setEditing(null)} />}
      {confirmSubmit.dialog}
      {confirmApprove.dialog}
      {confirmWithdraw.dialog}
    </div>
  );
}

type Draft = SegmentDraft & {
  title: string;
  level: string;
  body: string;
  publishAt: string;
  expiresAt: string;
  /** New files to upload and attach on save, and the ids of attached files to remove. */
  files: File[];
  removeIds: string[];
};

function NoticeDialog({ row, onClose }: { row: Row | null; onClose: () => void }) {
  const t = useTranslations('notices');
  const tf = useTranslations('notices.console.form');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useNoticeErrorMessage();
  const formId = useId();
  const create = useGqlMutation(NoticeCreateMutation, { invalidates: INVALIDATES });
  const update = useGqlMutation(NoticeUpdateMutation, { invalidates: INVALIDATES });
  const uploads = useFileUploads();
  const [fileError, setFileError] = useState<string | null>(null);
  const form = useRowDialogForm({
    initial: (): Draft => ({
      title: row?.title ?? '',
      level: row?.level ?? 'GENERAL',
      body: row?.body ?? '',
      ...segmentDraft(row?.audience, true),
      publishAt: row?.publishAt ? isoToWallClock(row.publishAt, timeZone) : '',
      expiresAt: row?.expiresAt ? isoToWallClock(row.expiresAt, timeZone) : '',
      files: [],
      removeIds: [],
    }),
    fields: ['title', 'level', 'body', 'all', 'publishAt', 'expiresAt', 'attachmentTokens'],
    row,
    input: async (d) => {
      // Each file goes up once (POST /api/uploads); the save names it by token.
      const uploaded = await uploads.uploadAll(d.files);
      return {
        title: d.title,
        level: d.level as NoticeLevel,
        body: d.body,
        audience: segmentInput(d),
        publishAt: d.publishAt ? wallClockToIso(d.publishAt, timeZone) : null,
        expiresAt: d.expiresAt ? wallClockToIso(d.expiresAt, timeZone) : null,
        attachmentTokens: uploaded.map((u) => u.uploadToken),
        removeAttachmentIds: d.removeIds,
      };
    },
    create: create.mutateAsync,
    update: update.mutateAsync,
    onClose,
    errorMessage,
  });
  const { values, set, fieldErrors } = form;
  return (
    <FormDialog
      open
      onClose={onClose}
      title={row ? tf('editTitle') : tf('createTitle')}
      testId="notice-dialog"
      {...form.dialogProps}
      submitLabel={tf('save')}
      pendingLabel="…"
      submitTestId="notice-save"
      size="lg"
    >
      <TextField {...form.field('title')} label={tf('title')} maxLength={NOTICE_TITLE_MAX} testId="notice-title" />
      <SelectField
        {...form.field('level')}
        label={tf('level')}
        options={NOTICE_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        testId="notice-level"
      />
      <TextareaField {...form.field('body')} label={tf('body')} hint={tf('bodyHint')} rows={6} testId="notice-body" />
      <fieldset className="space-y-2">
        <legend className="mb-1 block text-xs font-medium text-slate-700">{tf('audience')}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" name={`${formId}-aud`} checked={values.all} onChange={() => set('all', true)} />
          {tf('all')}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name={`${formId}-aud`}
            checked={!values.all}
            onChange={() => set('all', false)}
            data-testid="notice-audience-segment"
          />
          {tf('segment')}
        </label>
        {fieldErrors.all && <p className="text-xs text-red-700">{fieldErrors.all}</p>}
        {!values.all && <SegmentFields form={form} t={tf} testIdPrefix="notice" />}
      </fieldset>
      <TextField
        {...form.field('publishAt')}
        type="datetime-local"
        label={tf('publishAt')}
        testId="notice-publish-at"
      />
      <TextField
        {...form.field('expiresAt')}
        type="datetime-local"
        label={tf('expiresAt')}
        testId="notice-expires-at"
      />
      {row && row.attachments.length > 0 && (
        <fieldset className="space-y-1" data-testid="notice-attachments">
          <legend className="mb-1 block text-xs font-medium text-slate-700">{tf('attached')}</legend>
          {row.attachments.map((a) => (
            <CheckboxField
              key={a.id}
              id={`${formId}-remove-${a.id}`}
              label={tf('removeAttachment', { name: a.fileName })}
              checked={values.removeIds.includes(a.id)}
              onChange={(remove) =>
                set('removeIds', remove ? [...values.removeIds, a.id] : values.removeIds.filter((id) => id !== a.id))
              }
            />
          ))}
        </fieldset>
      )}
      <AttachmentPicker
        id={`${formId}-files`}
        files={values.files}
        onChange={(files) => set('files', files, 'attachmentTokens')}
        error={fileError ?? fieldErrors.attachmentTokens}
        onError={setFileError}
        disabled={form.pending}
        progress={uploads.progress}
        listTestId="notice-files"
      />
    </FormDialog>
  );
}
