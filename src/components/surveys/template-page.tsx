'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { DataTable, type Column } from '@/components/ui/data-table';
import { ErrorBanner, Spinner, StatusMessage } from '@/components/ui/status';
import { useConfirmedAction } from '@/components/ui/use-confirmed-action';
import { useGqlMutation, useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { localized } from './survey-answers';
import { SurveyTemplateQuery, templateDetail } from './template-builder';
import { SurveyQuestions } from './survey-questions';
import { useSurveyErrorMessage } from './survey-ui';
import { VersionBadge } from './template-list';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyArchiveTemplateMutation = graphql(`
  mutation SurveyArchiveTemplate($id: ID!, $archived: Boolean!) {
    archiveSurveyTemplate(id: $id, archived: $archived) {
      id
      archivedAt
    }
  }
`);

/** One template version: what it asks (the real form, read-only), its dimensions and weights, its versions. */
export function TemplatePage({ id, canManage }: { id: string; canManage: boolean }) {
  const t = useTranslations('surveys.templatePage');
  const tq = useTranslations('surveys.questionType');
  const locale = useLocale();
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const data = useGqlQuery(SurveyTemplateQuery, { id });
  const [notice, setNotice] = useState<string | null>(null);
  const archiveMutation = useGqlMutation(SurveyArchiveTemplateMutation, { invalidates: ['Survey'] });
  const archive = useConfirmedAction(
    async (target: { id: string; archived: boolean }) => {
      await archiveMutation.mutateAsync({ id: target.id, archived: !target.archived });
      setNotice(target.archived ? t('unarchived') : t('archivedNotice'));
    },
    (target) => ({
      title: target.archived ? t('unarchiveTitle') : t('archiveTitle'),
      body: target.archived ? t('unarchiveBody') : t('archiveBody'),
      confirmLabel: target.archived ? t('unarchive') : t('archive'),
      pendingLabel: t('archiving'),
      tone: target.archived ? 'primary' : 'danger',
    }),
    errorMessage,
  );
  const record = data.data?.surveyTemplate;
  const template = record ? templateDetail(record) : undefined;
  const sections = useMemo(
    () =>
      [...(template?.sections ?? [])]
        .sort((a, b) => a.position - b.position)
        .map((s) => ({ ...s, questions: [...s.questions].sort((a, b) => a.position - b.position) })),
    [template],
  );

  if (data.error && !data.data)
    return (
      <ErrorBanner message={errorMessage(data.error)} onRetry={() => void data.refetch()} testId="template-error" />
    );
  if (!data.data) return <Spinner label={t('loading')} />;
  if (!template) return <ErrorBanner message={t('notFound')} testId="template-not-found" />;

  const latest = [...template.versions].sort((a, b) => b.version - a.version)[0];
  const archived = Boolean(template.archivedAt);
  type Dimension = (typeof template.dimensions)[number];
  const dimensionColumns: Column<Dimension>[] = [
    {
      id: 'dimension',
      header: t('dimension'),
      cell: (d) => (
        <>
          {localized(locale, d.name, d.nameEn)} <span className="font-mono text-xs text-slate-500">{d.code}</span>
        </>
      ),
    },
    { id: 'weight', header: t('weight'), className: 'text-right tabular-nums', cell: (d) => d.weight },
    {
      id: 'questions',
      header: t('questionsInDimension'),
      className: 'text-right tabular-nums',
      cell: (d) => questionsByDimension.get(d.code) ?? 0,
    },
  ];
  const weightTotal = template.dimensions.reduce((sum, d) => sum + d.weight, 0);
  const questionsByDimension = new Map<string, number>();
  for (const q of sections.flatMap((s) => s.questions))
    if (q.dimension) questionsByDimension.set(q.dimension.code, (questionsByDimension.get(q.dimension.code) ?? 0) + 1);

  return (
    <div className="space-y-6" data-testid="template-page">
      <Link href="/console/surveys/templates" className="text-sm text-blue-700 hover:underline">
        ← {t('back')}
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold">
            {localized(locale, template.name, template.nameEn)}
            <VersionBadge version={template.version} />
            {template.isDefault && (
              <span className="rounded bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-800">{t('default')}</span>
            )}
            {archived && (
              <span
                className="rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700"
                data-testid="template-archived"
              >
                {t('archived')}
              </span>
            )}
          </h1>
          {template.description && <p className="mt-1 max-w-2xl text-sm text-slate-600">{template.description}</p>}
          <p className="mt-1 text-xs text-slate-500">
            {t('meta', {
              date: formatDateTime(template.createdAt, timeZone),
              count: sections.reduce((n, s) => n + s.questions.length, 0),
            })}
            {template.inUse && (
              <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-emerald-800">{t('inUse')}</span>
            )}
          </p>
        </div>
        {canManage && (
          <div className="flex flex-wrap gap-2">
            {template.isLatest && !archived && (
              <Link
                href={`/console/surveys/templates/${template.id}/edit`}
                className={buttonClass.primary}
                data-testid="template-edit"
              >
                {t('edit')}
              </Link>
            )}
            <button
              type="button"
              className={archived ? buttonClass.secondary : buttonClass.dangerGhost}
              onClick={() => archive.ask({ id: template.id, archived })}
              data-testid="template-archive"
            >
              {archived ? t('unarchive') : t('archive')}
            </button>
          </div>
        )}
      </header>

      {!template.isLatest && latest && (
        <p
          role="status"
          className="rounded border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
          data-testid="template-old-version"
        >
          {t('oldVersion', { version: template.version, latest: latest.version })}{' '}
          <Link href={`/console/surveys/templates/${latest.id}`} className="font-medium underline">
            {t('openLatest')}
          </Link>
        </p>
      )}
      {notice && <StatusMessage tone="success">{notice}</StatusMessage>}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-labelledby="template-preview" className="space-y-3">
          <h2 id="template-preview" className="text-base font-semibold">
            {t('preview')}
          </h2>
          <div className="rounded-lg border border-slate-200 bg-slate-50 p-4">
            <SurveyQuestions sections={sections} answers={{}} readOnly idPrefix="template" />
          </div>
        </section>
        <aside className="space-y-6">
          <section aria-labelledby="template-dimensions" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="template-dimensions" className="text-sm font-semibold">
              {t('dimensions')}
            </h2>
            {template.dimensions.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{t('noDimensions')}</p>
            ) : (
              <div className="mt-2">
                <DataTable
                  columns={dimensionColumns}
                  rows={[...template.dimensions].sort((x, y) => x.position - y.position)}
                  rowKey={(d) => d.id}
                  state={{ loading: false }}
                  empty={t('noDimensions')}
                  testId="template-dimension-table"
                  footer={
                    <tr className="font-medium">
                      <td className="px-3 py-2">{t('weightTotal')}</td>
                      <td className="px-3 py-2 text-right tabular-nums">{Number(weightTotal.toFixed(4))}</td>
                      <td />
                    </tr>
                  }
                />
              </div>
            )}
            <p className="mt-2 text-xs text-slate-500">{t('weightNote')}</p>
          </section>
          <section aria-labelledby="template-types" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="template-types" className="text-sm font-semibold">
              {t('questionTypes')}
            </h2>
            <ul className="mt-2 space-y-0.5 text-sm">
              {Object.entries(
                sections
                  .flatMap((s) => s.questions)
                  .reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.type]: (acc[q.type] ?? 0) + 1 }), {}),
              ).map(([type, count]) => (
                <li key={type} className="flex justify-between">
                  <span>{tq.has(type) ? tq(type) : type}</span>
                  <span className="tabular-nums text-slate-600">{count}</span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="template-versions" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="template-versions" className="text-sm font-semibold">
              {t('versions')}
            </h2>
            <ol className="mt-2 space-y-1 text-sm" data-testid="template-versions">
              {[...template.versions]
                .sort((a, b) => b.version - a.version)
                .map((v) => (
                  <li key={v.id} className="flex flex-wrap items-center justify-between gap-2">
                    {v.id === template.id ? (
                      <span className="font-medium" aria-current="page">
                        v{v.version} · {t('thisVersion')}
                      </span>
                    ) : (
                      <Link href={`/console/surveys/templates/${v.id}`} className="text-blue-700 hover:underline">
                        v{v.version}
                      </Link>
                    )}
                    <span className="text-xs text-slate-500">
                      {formatDateTime(v.createdAt, timeZone)}
                      {v.inUse && ` · ${t('inUse')}`}
                      {v.archivedAt && ` · ${t('archived')}`}
                    </span>
                  </li>
                ))}
            </ol>
          </section>
        </aside>
      </div>

      {archive.dialog}
    </div>
  );
}
