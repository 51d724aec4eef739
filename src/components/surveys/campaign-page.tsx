'use client';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass } from '@/components/ui/classes';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { DetailItem } from '@/components/ui/detail-item';
import { EmptyState, ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import type { SurveyCampaignQuery as CampaignResult, SurveySegment } from '@/gql/graphql';
import { formatDateTime } from '@/lib/format';
import { isGqlError } from '@/lib/gql-error-message';
import { gqlRequest } from '@/lib/graphql-client';
import { CampaignInvitations } from './campaign-invitations';
import { PhoneResponseDialog } from './phone-response-dialog';
import { audienceFromSaved, countCriteria, toAudienceInput } from './survey-audience';
import {
  SurveyAudiencePreviewQuery,
  SurveyCampaignQuery,
  SurveyCloseCampaignMutation,
  SurveyLaunchCampaignMutation,
  SurveySendRemindersMutation,
} from './survey-operations';
import type { SurveyPermissions } from '@/graphql/surveys/survey-permissions';
import {
  CampaignStatusBadge,
  ConflictBanner,
  formatCount,
  formatIndex,
  formatShare,
  RateBar,
  useSurveyErrorMessage,
} from './survey-ui';

/** An open campaign's numbers refresh this often while the page is open (and visible). */
export const LIVE_REFRESH_MS = 30_000;
const SEGMENTS: readonly SurveySegment[] = ['PROVINCE', 'INDUSTRY', 'GRADE', 'KEY_ACCOUNT'];

type Campaign = NonNullable<CampaignResult['surveyCampaign']>;
type Dialog =
  | { kind: 'launch'; count: number | null; withEmail: number | null }
  | { kind: 'close' }
  | { kind: 'remind' }
  | { kind: 'phone' };

/**
 * A campaign (SPEC §6): header with its status and the actions it allows now, live response tracking (tiles, a
 * progress bar, the response rate by segment), the audience, the invitations, and the entry of a response taken by
 * phone or fax. Every state change sends the version read; a stale one shows "已被他人修改" with a reload.
 */
export function CampaignPage({ id, permissions }: { id: string; permissions: SurveyPermissions }) {
  const t = useTranslations('surveys.campaign');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const errorMessage = useSurveyErrorMessage();
  const [segment, setSegment] = useState<SurveySegment>('PROVINCE');
  const data = useAsyncData(() => gqlRequest(SurveyCampaignQuery, { id, segment }), `${id}:${segment}`);
  const [invitationsTick, setInvitationsTick] = useState(0);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [action, setAction] = useState<{ pending: boolean; error: string | null }>({ pending: false, error: null });
  const [conflict, setConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [counting, setCounting] = useState(false);
  const [refreshedAt, setRefreshedAt] = useState<string | null>(null);

  const campaign = data.data?.surveyCampaign;
  const live = campaign?.status === 'OPEN';

  // Live tracking: an open campaign reloads its numbers and invitations every 30 s, skipping while the tab is hidden.
  const reload = data.reload;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      reload();
      setInvitationsTick((n) => n + 1);
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, reload]);
  useEffect(() => {
    if (data.data && !data.loading) setRefreshedAt(new Date().toISOString());
  }, [data.data, data.loading]);

  if (data.error && !data.data)
    return <ErrorBanner message={errorMessage(data.error)} onRetry={data.reload} testId="campaign-error" />;
  if (!data.data) return <Spinner label={t('loading')} />;
  if (!campaign) return <ErrorBanner message={t('notFound')} testId="campaign-not-found" />;

  const refreshAll = () => {
    data.reload();
    setInvitationsTick((n) => n + 1);
  };

  const run = async (mutation: () => Promise<unknown>, done: string) => {
    setAction({ pending: true, error: null });
    setNotice(null);
    try {
      await mutation();
      setAction({ pending: false, error: null });
      setDialog(null);
      setNotice(done);
      refreshAll();
    } catch (error) {
      if (isGqlError(error, 'CONFLICT')) {
        setAction({ pending: false, error: null });
        setDialog(null);
        setConflict(true);
        return;
      }
      setAction({ pending: false, error: errorMessage(error) });
    }
  };

  const openLaunch = async () => {
    setCounting(true);
    setAction({ pending: false, error: null });
    try {
      const { surveyAudiencePreview } = await gqlRequest(SurveyAudiencePreviewQuery, {
        audience: toAudienceInput(audienceFromSaved(campaign.audience)),
      });
      setDialog({ kind: 'launch', count: surveyAudiencePreview.count, withEmail: surveyAudiencePreview.withEmail });
    } catch {
      // The launch itself does not depend on the count; the dialog says it could not be counted.
      setDialog({ kind: 'launch', count: null, withEmail: null });
    } finally {
      setCounting(false);
    }
  };

  const target = { id: campaign.id, version: campaign.version };
  const stats = campaign.stats;
  const canManage = permissions.canManage;

  return (
    <div className="space-y-6" data-testid="campaign-page" data-version={campaign.version}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href="/console/surveys" className="text-blue-700 hover:underline">
          ← {t('back')}
        </Link>
        <Link
          href={`/console/surveys/analysis?campaign=${encodeURIComponent(campaign.id)}`}
          className="text-blue-700 hover:underline"
          data-testid="campaign-analysis-link"
        >
          {t('analysisLink')} →
        </Link>
      </div>

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
            <>
              <Link
                href={`/console/surveys/campaigns/${campaign.id}/edit`}
                className={buttonClass.secondary}
                data-testid="campaign-edit"
              >
                {t('edit')}
              </Link>
              <button
                type="button"
                className={buttonClass.primary}
                onClick={openLaunch}
                disabled={counting}
                data-testid="campaign-launch"
              >
                {counting ? t('counting') : t('launch')}
              </button>
            </>
          )}
          {permissions.canRespond && campaign.status === 'OPEN' && (
            <button
              type="button"
              className={buttonClass.secondary}
              onClick={() => setDialog({ kind: 'phone' })}
              data-testid="campaign-enter-response"
            >
              {t('enterResponse')}
            </button>
          )}
          {canManage && campaign.status === 'OPEN' && (
            <>
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => {
                  setAction({ pending: false, error: null });
                  setDialog({ kind: 'remind' });
                }}
                data-testid="campaign-remind"
              >
                {t('remind')}
              </button>
              <button
                type="button"
                className={buttonClass.danger}
                onClick={() => {
                  setAction({ pending: false, error: null });
                  setDialog({ kind: 'close' });
                }}
                data-testid="campaign-close"
              >
                {t('close')}
              </button>
            </>
          )}
        </div>
      </header>

      {conflict && (
        <ConflictBanner
          message={t('conflict')}
          reloadLabel={t('reload')}
          onReload={() => {
            setConflict(false);
            refreshAll();
          }}
          testId="campaign-conflict"
        />
      )}
      {notice && !conflict && (
        <div data-testid="campaign-notice">
          <StatusMessage tone="success">{notice}</StatusMessage>
        </div>
      )}
      {data.error ? <ErrorBanner message={errorMessage(data.error)} onRetry={data.reload} /> : null}

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-4">
        <DetailItem label={t('opensAt')}>{formatDateTime(campaign.opensAt, timeZone)}</DetailItem>
        <DetailItem label={t('closesAt')}>{formatDateTime(campaign.closesAt, timeZone)}</DetailItem>
        <DetailItem label={t('reminders')}>
          {campaign.reminderDays.length
            ? t('reminderDays', { days: campaign.reminderDays.join('、') })
            : t('noReminders')}
        </DetailItem>
        <DetailItem label={t('createdBy')}>
          {campaign.createdBy?.name ?? '—'} · {formatDateTime(campaign.createdAt, timeZone)}
        </DetailItem>
        {campaign.launchedAt && (
          <DetailItem label={t('launchedAt')}>{formatDateTime(campaign.launchedAt, timeZone)}</DetailItem>
        )}
        {campaign.closedAt && (
          <DetailItem label={t('closedAt')}>{formatDateTime(campaign.closedAt, timeZone)}</DetailItem>
        )}
        <DetailItem label={t('audience')} className="col-span-2">
          <AudienceSummary campaign={campaign} />
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
                {data.loading && (
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

          <SegmentTable segment={segment} onSegment={setSegment} rows={stats.bySegment} loading={data.loading} />

          <CampaignInvitations campaignId={campaign.id} refreshTick={invitationsTick} />
        </>
      )}

      <ConfirmDialog
        open={dialog?.kind === 'launch'}
        title={t('launchTitle')}
        body={
          dialog?.kind === 'launch' && dialog.count !== null
            ? t('launchBody', {
                count: dialog.count,
                withEmail: dialog.withEmail ?? 0,
                withoutEmail: dialog.count - (dialog.withEmail ?? 0),
              })
            : t('launchBodyUncounted')
        }
        confirmLabel={t('launchConfirm')}
        pendingLabel={t('launching')}
        pending={action.pending}
        error={action.error}
        tone="primary"
        onConfirm={() => void run(() => gqlRequest(SurveyLaunchCampaignMutation, target), t('launched'))}
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog?.kind === 'close'}
        title={t('closeTitle')}
        body={t('closeBody', { responded: stats.responded, invited: stats.invited })}
        confirmLabel={t('closeConfirm')}
        pendingLabel={t('closing')}
        pending={action.pending}
        error={action.error}
        onConfirm={() => void run(() => gqlRequest(SurveyCloseCampaignMutation, target), t('closed'))}
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog?.kind === 'remind'}
        title={t('remindTitle')}
        body={t('remindBody', { open: Math.max(0, stats.invited - stats.responded) })}
        confirmLabel={t('remindConfirm')}
        pendingLabel={t('reminding')}
        pending={action.pending}
        error={action.error}
        tone="primary"
        onConfirm={async () => {
          setAction({ pending: true, error: null });
          try {
            const { sendSurveyReminders } = await gqlRequest(SurveySendRemindersMutation, { id: campaign.id });
            setAction({ pending: false, error: null });
            setDialog(null);
            setNotice(t('reminded', { count: sendSurveyReminders }));
            refreshAll();
          } catch (error) {
            setAction({ pending: false, error: errorMessage(error) });
          }
        }}
        onCancel={() => setDialog(null)}
      />
      {dialog?.kind === 'phone' && (
        <PhoneResponseDialog
          campaignId={campaign.id}
          onClose={() => setDialog(null)}
          onEntered={(customerName) => {
            setDialog(null);
            setNotice(t('responseEntered', { customer: customerName }));
            refreshAll();
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
  return (
    <section aria-labelledby="campaign-segments" className="space-y-3" data-testid="campaign-segments">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="campaign-segments" className="text-base font-semibold">
          {t('bySegment')}
        </h2>
        <div role="group" aria-label={t('segmentSwitch')} className="flex flex-wrap gap-1 text-sm">
          {SEGMENTS.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={s === segment}
              onClick={() => onSegment(s)}
              data-testid={`segment-${s}`}
              className={`rounded border px-2.5 py-1 focus-visible:outline-2 focus-visible:outline-blue-700 ${s === segment ? 'border-blue-600 bg-blue-50 text-blue-800' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {ts(s)}
            </button>
          ))}
        </div>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
          {t('noSegments')}
        </p>
      ) : (
        <div className={`overflow-x-auto rounded-lg border border-slate-200 bg-white ${loading ? 'opacity-60' : ''}`}>
          <table className="w-full text-left text-sm" data-testid="segment-table">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{ts(segment)}</th>
                <th className="px-3 py-2 text-right">{t('invited')}</th>
                <th className="px-3 py-2 text-right">{t('responded')}</th>
                <th className="px-3 py-2">{t('responseRate')}</th>
                <th className="px-3 py-2 text-right">{t('index')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.value ?? '∅'} className="border-t border-slate-100" data-testid="segment-row">
                  <td className="px-3 py-2">{label(row.value)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.invited, locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.responded, locale)}</td>
                  <td className="px-3 py-2">
                    <RateBar share={row.responseRate} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatIndex(row.index, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The audience in words: "全部有效客户" or each criterion on its own line. */
function AudienceSummary({ campaign }: { campaign: Campaign }) {
  const t = useTranslations('surveys.audience');
  const tc = useTranslations('customers');
  const audience = audienceFromSaved(campaign.audience);
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
