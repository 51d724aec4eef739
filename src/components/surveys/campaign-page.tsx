'use client';
import { type FragmentType, getFragmentData, graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { DetailItem } from '@/components/ui/detail-item';
import { DetailNav } from '@/components/ui/detail-nav';
import { EmptyState, ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import type { SurveyCampaignQuery as CampaignResult, SurveySegment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { CampaignInvitations } from './campaign-invitations';
import { PhoneResponseDialog } from './phone-response-dialog';
import { audienceFromSaved, countCriteria, toAudienceInput } from './survey-audience';
import { SurveyAudiencePreviewQuery } from './audience-builder';
import { SurveyCampaignSettingsFragment } from './survey-operations';
import type { SurveyPermissions } from '@/graphql/survey-campaigns/survey-permissions.rules';
import { SegmentedControl } from '@/components/ui/segmented-control';
import {
  CampaignStatusBadge,
  ConflictBanner,
  formatCount,
  formatIndex,
  formatShare,
  RateBar,
  useSurveyErrorMessage,
} from './survey-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

/** The campaign page: header, live tracking and the audience summary (the invitations page separately). */
export const SurveyCampaignQuery = graphql(`
  query SurveyCampaign($id: ID!, $segment: SurveySegment!) {
    surveyCampaign(id: $id) {
      ...SurveyCampaignSettings
      launchedAt
      closedAt
      createdAt
      createdBy {
        id
        name
      }
      stats {
        invited
        sent
        opened
        responded
        responseRate
        lowScores
        bySegment(segment: $segment) {
          value
          invited
          responded
          responseRate
          index
        }
      }
    }
  }
`);

export const SurveyLaunchCampaignMutation = graphql(`
  mutation SurveyLaunchCampaign($id: ID!, $version: Int!) {
    launchSurveyCampaign(id: $id, version: $version) {
      ...SurveyCampaignState
    }
  }
`);

export const SurveyCloseCampaignMutation = graphql(`
  mutation SurveyCloseCampaign($id: ID!, $version: Int!) {
    closeSurveyCampaign(id: $id, version: $version) {
      ...SurveyCampaignState
    }
  }
`);

export const SurveySendRemindersMutation = graphql(`
  mutation SurveySendReminders($id: ID!) {
    sendSurveyReminders(id: $id)
  }
`);

/** An open campaign's numbers refresh this often while the page is open (and visible). */
export const LIVE_REFRESH_MS = 30_000;
const SEGMENTS: readonly SurveySegment[] = ['PROVINCE', 'INDUSTRY', 'GRADE', 'KEY_ACCOUNT'];

type Campaign = NonNullable<CampaignResult['surveyCampaign']>;
type SegmentRow = Campaign['stats']['bySegment'][number];
/**
 * A campaign (SPEC §6): header with its status and the actions it allows now, live response tracking (tiles, a
 * progress bar, the response rate by segment), the audience, the invitations, and the entry of a response taken by
 * phone or fax. Every state change sends the version read; a stale one shows "已被他人修改" with a reload.
 */
export function CampaignPage({ id, permissions }: { id: string; permissions: SurveyPermissions }) {
  const t = useTranslations('surveys.campaign');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const [segment, setSegment] = useState<SurveySegment>('PROVINCE');
  const [live, setLive] = useState(false);
  // Live tracking: an open campaign reloads its numbers every 30 s (TanStack pauses while the tab is hidden).
  const data = useGqlQuery(
    SurveyCampaignQuery,
    { id, segment },
    { keepPrevious: true, refetchInterval: live ? LIVE_REFRESH_MS : undefined },
  );
  const [phoneOpen, setPhoneOpen] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const record = data.data?.surveyCampaign;
  const campaign = getFragmentData(SurveyCampaignSettingsFragment, record);
  if ((campaign?.status === 'OPEN') !== live) setLive(campaign?.status === 'OPEN');
  const draft = campaign?.status === 'DRAFT' && permissions.canManage;
  // The launch confirmation says how many links it will create: counted while the draft is on screen.
  const preview = useGqlQuery(
    SurveyAudiencePreviewQuery,
    { audience: campaign ? toAudienceInput(audienceFromSaved(campaign.audience)) : {} },
    { enabled: draft },
  );

  const invalidates = ['Survey'];
  const launchMutation = useGqlMutation(SurveyLaunchCampaignMutation, { invalidates });
  const closeMutation = useGqlMutation(SurveyCloseCampaignMutation, { invalidates });
  const remindMutation = useGqlMutation(SurveySendRemindersMutation, { invalidates });

  /** A stale version closes the confirmation and shows "已被他人修改" with a reload instead of an error in the dialog. */
  const guarded = async (mutation: () => Promise<string>) => {
    setNotice(null);
    try {
      setNotice(await mutation());
    } catch (error) {
      if (isGqlError(error, 'CONFLICT')) setConflict(true);
      else throw error;
    }
  };
  type Target = { id: string; version: number };
  const launch = useConfirmedAction(
    (target: Target) => guarded(() => launchMutation.mutateAsync(target).then(() => t('launched'))),
    () => {
      const counted = preview.data?.surveyAudiencePreview;
      return {
        title: t('launchTitle'),
        body: counted
          ? t('launchBody', {
              count: counted.count,
              withEmail: counted.withEmail,
              withoutEmail: counted.count - counted.withEmail,
            })
          : t('launchBodyUncounted'),
        confirmLabel: t('launchConfirm'),
        pendingLabel: t('launching'),
        tone: 'primary',
      };
    },
    errorMessage,
  );
  const close = useConfirmedAction(
    (target: Target) => guarded(() => closeMutation.mutateAsync(target).then(() => t('closed'))),
    () => ({
      title: t('closeTitle'),
      body: t('closeBody', { responded: record?.stats.responded ?? 0, invited: record?.stats.invited ?? 0 }),
      confirmLabel: t('closeConfirm'),
      pendingLabel: t('closing'),
    }),
    errorMessage,
  );
  const remind = useConfirmedAction(
    (target: Target) =>
      guarded(() =>
        remindMutation
          .mutateAsync({ id: target.id })
          .then(({ sendSurveyReminders }) => t('reminded', { count: sendSurveyReminders })),
      ),
    () => ({
      title: t('remindTitle'),
      body: t('remindBody', { open: Math.max(0, (record?.stats.invited ?? 0) - (record?.stats.responded ?? 0)) }),
      confirmLabel: t('remindConfirm'),
      pendingLabel: t('reminding'),
      tone: 'primary',
    }),
    errorMessage,
  );

  if (data.error && !data.data)
    return (
      <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} testId="campaign-error" />
    );
  if (!data.data) return <Spinner label={t('loading')} />;
  if (!record || !campaign) return <ErrorBanner message={t('notFound')} testId="campaign-not-found" />;

  const refreshedAt = data.dataUpdatedAt ? new Date(data.dataUpdatedAt).toISOString() : null;
  const target = { id: campaign.id, version: campaign.version };
  const stats = record.stats;
  const canManage = permissions.canManage;

  // The commands the campaign's state allows this viewer, in the header's order (after "edit" on a draft).
  const commands: { id: string; label: string; tone: 'primary' | 'secondary' | 'danger'; run: () => void }[] = [];
  if (canManage && campaign.status === 'DRAFT')
    commands.push({ id: 'launch', label: t('launch'), tone: 'primary', run: () => launch.ask(target) });
  if (permissions.canRespond && campaign.status === 'OPEN')
    commands.push({
      id: 'enter-response',
      label: t('enterResponse'),
      tone: 'secondary',
      run: () => setPhoneOpen(true),
    });
  if (canManage && campaign.status === 'OPEN')
    commands.push(
      { id: 'remind', label: t('remind'), tone: 'secondary', run: () => remind.ask(target) },
      { id: 'close', label: t('close'), tone: 'danger', run: () => close.ask(target) },
    );

  return (
    <div className="space-y-6" data-testid="campaign-page" data-version={campaign.version}>
      <DetailNav
        back={{ href: '/console/surveys', label: t('back') }}
        next={{
          href: `/console/surveys/analysis?campaign=${encodeURIComponent(campaign.id)}`,
          label: t('analysisLink'),
          testId: 'campaign-analysis-link',
        }}
      />

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold" data-testid="campaign-name">
            {campaign.name}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <CampaignStatusBadge status={campaign.status} testId="campaign-status" />
            <span className="font-mono">{campaign.periodLabel}</span>
            <span aria-hidden>·</span>
            <Link href={`/console/surveys/templates/${campaign.template.id}`} className="text-blue-700 hover:underline">
              {campaign.template.name} v{campaign.template.version}
            </Link>
          </div>
          {campaign.description && (
            <p className="mt-2 max-w-2xl whitespace-pre-wrap text-sm text-slate-700">{campaign.description}</p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          {canManage && campaign.status === 'DRAFT' && (
            <Link
              href={`/console/surveys/campaigns/${campaign.id}/edit`}
              className={buttonClass.secondary}
              data-testid="campaign-edit"
            >
              {t('edit')}
            </Link>
          )}
          {commands.map((command) => (
            <button
              key={command.id}
              type="button"
              className={buttonClass[command.tone]}
              onClick={command.run}
              data-testid={`campaign-${command.id}`}
            >
              {command.label}
            </button>
          ))}
        </div>
      </header>

      {conflict && (
        <ConflictBanner
          message={t('conflict')}
          reloadLabel={t('reload')}
          onReload={() => {
            setConflict(false);
            void data.refetch();
          }}
          testId="campaign-conflict"
        />
      )}
      {notice && !conflict && (
        <div data-testid="campaign-notice">
          <StatusMessage tone="success">{notice}</StatusMessage>
        </div>
      )}
      {data.error ? <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} /> : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <DetailItem label={t('opensAt')}>{formatDateTime(campaign.opensAt, timeZone)}</DetailItem>
        <DetailItem label={t('closesAt')}>{formatDateTime(campaign.closesAt, timeZone)}</DetailItem>
        <DetailItem label={t('reminders')}>
          {campaign.reminderDays.length
            ? t('reminderDays', { days: campaign.reminderDays.join('、') })
            : t('noReminders')}
        </DetailItem>
        <DetailItem label={t('createdBy')}>
          {record.createdBy?.name ?? '—'} · {formatDateTime(record.createdAt, timeZone)}
        </DetailItem>
        {record.launchedAt && (
          <DetailItem label={t('launchedAt')}>{formatDateTime(record.launchedAt, timeZone)}</DetailItem>
        )}
        {record.closedAt && <DetailItem label={t('closedAt')}>{formatDateTime(record.closedAt, timeZone)}</DetailItem>}
        <DetailItem label={t('audience')} className="col-span-2">
          <AudienceSummary campaign={record} />
        </DetailItem>
      </dl>

      {campaign.status === 'DRAFT' ? (
        <EmptyState testId="campaign-draft-hint">{t('draftHint')}</EmptyState>
      ) : (
        <>
          <section aria-labelledby="campaign-tracking" className="space-y-3" data-testid="campaign-tracking">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="campaign-tracking" className="text-base font-semibold">
                {t('tracking')}
              </h2>
              <span className="text-xs text-slate-500">
                {live && refreshedAt ? t('liveRefresh', { time: formatDateTime(refreshedAt, timeZone).slice(11) }) : ''}
                {data.isFetching && (
                  <span className="ml-2 inline-block align-middle">
                    <Spinner />
                  </span>
                )}
              </span>
            </div>
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
              <Tile label={t('invited')} value={formatCount(stats.invited, locale)} testId="stat-invited" />
              <Tile label={t('sent')} value={formatCount(stats.sent, locale)} testId="stat-sent" />
              <Tile label={t('opened')} value={formatCount(stats.opened, locale)} testId="stat-opened" />
              <Tile
                label={t('responded')}
                value={formatCount(stats.responded, locale)}
                testId="stat-responded"
                raw={stats.responded}
              />
              <Tile
                label={t('responseRate')}
                value={formatShare(stats.responseRate, locale)}
                testId="stat-response-rate"
                raw={stats.responseRate}
              />
              <Tile
                label={t('lowScores')}
                value={formatCount(stats.lowScores, locale)}
                testId="stat-low-scores"
                tone={stats.lowScores > 0 ? 'warn' : undefined}
              />
            </dl>
            <div>
              <div
                className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
                role="progressbar"
                aria-label={t('progressLabel')}
                aria-valuemin={0}
                aria-valuemax={stats.invited}
                aria-valuenow={stats.responded}
                aria-valuetext={t('progressText', { responded: stats.responded, invited: stats.invited })}
              >
                <div
                  className="h-full rounded-full bg-emerald-600"
                  style={{ width: `${Math.min(100, stats.responseRate * 100)}%` }}
                />
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {t('progressText', { responded: stats.responded, invited: stats.invited })}
              </p>
            </div>
          </section>

          <SegmentTable segment={segment} onSegment={setSegment} rows={stats.bySegment} loading={data.isFetching} />

          <CampaignInvitations campaignId={campaign.id} live={live} />
        </>
      )}

      {launch.dialog}
      {close.dialog}
      {remind.dialog}
      {phoneOpen && (
        <PhoneResponseDialog
          campaignId={campaign.id}
          onClose={() => setPhoneOpen(false)}
          onEntered={(customerName) => {
            setPhoneOpen(false);
            setNotice(t('responseEntered', { customer: customerName }));
          }}
        />
      )}
    </div>
  );
}

function Tile({
  label,
  value,
  testId,
  raw,
  tone,
}: {
  label: string;
  value: string;
  testId: string;
  raw?: number;
  tone?: 'warn';
}) {
  return (
    <div
      className={`rounded-lg border bg-white px-4 py-3 ${tone === 'warn' ? 'border-amber-300' : 'border-slate-200'}`}
    >
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd
        className={`mt-1 text-2xl font-semibold tabular-nums ${tone === 'warn' ? 'text-amber-800' : 'text-slate-900'}`}
        data-testid={testId}
        data-value={raw}
      >
        {value}
      </dd>
    </div>
  );
}

function SegmentTable({
  segment,
  onSegment,
  rows,
  loading,
}: {
  segment: SurveySegment;
  onSegment: (segment: SurveySegment) => void;
  rows: Campaign['stats']['bySegment'];
  loading: boolean;
}) {
  const t = useTranslations('surveys.campaign');
  const ts = useTranslations('surveys.segment');
  const tc = useTranslations('customers');
  const locale = useLocale();
  const label = (value: string | null | undefined) => {
    if (value == null || value === '') return ts('none');
    if (segment === 'GRADE' && tc.has(`grade.${value}`)) return tc(`grade.${value}`);
    if (segment === 'KEY_ACCOUNT' && tc.has(`keyAccountStatus.${value}`)) return tc(`keyAccountStatus.${value}`);
    return value;
  };
  const columns: Column<SegmentRow>[] = [
    { id: 'value', header: ts(segment), cell: (row) => label(row.value) },
    {
      id: 'invited',
      header: t('invited'),
      className: 'text-right tabular-nums',
      cell: (row) => formatCount(row.invited, locale),
    },
    {
      id: 'responded',
      header: t('responded'),
      className: 'text-right tabular-nums',
      cell: (row) => formatCount(row.responded, locale),
    },
    { id: 'rate', header: t('responseRate'), cell: (row) => <RateBar share={row.responseRate} /> },
    {
      id: 'index',
      header: t('index'),
      className: 'text-right tabular-nums',
      cell: (row) => formatIndex(row.index, locale),
    },
  ];
  return (
    <section aria-labelledby="campaign-segments" className="space-y-3" data-testid="campaign-segments">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="campaign-segments" className="text-base font-semibold">
          {t('bySegment')}
        </h2>
        <SegmentedControl
          look="boxes"
          label={t('segmentSwitch')}
          values={SEGMENTS}
          value={segment}
          onChange={onSegment}
          labelOf={(s) => ts(s)}
          testIdOf={(s) => `segment-${s}`}
        />
      </div>
      <div className={loading ? 'opacity-60' : ''}>
        <DataTable
          columns={columns}
          rows={rows}
          rowKey={(row) => row.value ?? '∅'}
          state={{ loading: false }}
          empty={t('noSegments')}
          testId="segment-table"
          rowTestId="segment-row"
        />
      </div>
    </section>
  );
}

/** The audience in words: "全部有效客户" or each criterion on its own line. */
function AudienceSummary({ campaign }: { campaign: FragmentType<typeof SurveyCampaignSettingsFragment> }) {
  const t = useTranslations('surveys.audience');
  const tc = useTranslations('customers');
  const audience = audienceFromSaved(getFragmentData(SurveyCampaignSettingsFragment, campaign).audience);
  if (countCriteria(audience) === 0) return <span data-testid="campaign-audience">{t('mode.all')}</span>;
  const lines: string[] = [];
  if (audience.provinces.length) lines.push(`${t('provinces')}：${audience.provinces.join('、')}`);
  if (audience.industries.length) lines.push(`${t('industries')}：${audience.industries.join('、')}`);
  if (audience.grades.length) lines.push(`${t('grades')}：${audience.grades.map((g) => tc(`grade.${g}`)).join('、')}`);
  if (audience.keyAccountStatuses.length)
    lines.push(
      `${t('keyAccountStatuses')}：${audience.keyAccountStatuses.map((s) => tc(`keyAccountStatus.${s}`)).join('、')}`,
    );
  if (audience.complaintClosedFrom || audience.complaintClosedTo) {
    lines.push(
      `${t('complaintClosed')}：${audience.complaintClosedFrom || '…'} ${t('to')} ${audience.complaintClosedTo || '…'}`,
    );
  }
  if (audience.customers.length) lines.push(t('namedCustomers', { count: audience.customers.length }));
  return (
    <ul className="space-y-0.5" data-testid="campaign-audience">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}
