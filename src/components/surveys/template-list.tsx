'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { DataTable, type Column } from '@/components/ui/data-table';
import type { SurveyTemplateListQuery as ListResult } from '@/gql/graphql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { formatDateTime } from '@/lib/format';
import { EmptyState, NewLink, SurveysListPage, useSurveyErrorMessage } from './survey-ui';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

export const SurveyTemplateListQuery = graphql(`
  query SurveyTemplateList($includeArchived: Boolean) {
    surveyTemplates(includeArchived: $includeArchived) {
      id
      key
      version
      name
      nameEn
      description
      isDefault
      archivedAt
      createdAt
      inUse
      questions {
        id
      }
      dimensions {
        id
      }
    }
  }
`);

type Row = ListResult['surveyTemplates'][number];

export function VersionBadge({ version }: { version: number }) {
  return (
    <span
      className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 ring-1 ring-slate-500/20 ring-inset"
      data-testid="template-version"
    >
      v{version}
    </span>
  );
}

/** Survey templates: the latest version of each family, with whether a campaign uses it; archived ones on request. */
export function TemplateList({ canManage }: { canManage: boolean }) {
  const t = useTranslations('surveys');
  const timeZone = useDisplayTimeZone();
  const errorMessage = useSurveyErrorMessage();
  const archivedId = useId();
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useGqlQuery(SurveyTemplateListQuery, { includeArchived }, { keepPrevious: true });
  const templates = list.data?.surveyTemplates;

  const columns: Column<Row>[] = [
    {
      id: 'name',
      header: t('templates.name'),
      cell: (template) => (
        <>
          <Link
            href={`/console/surveys/templates/${template.id}`}
            className="font-medium text-blue-700 hover:underline"
          >
            {template.name}
          </Link>
          {template.isDefault && (
            <span className="ml-2 rounded bg-blue-50 px-1.5 py-0.5 text-xs text-blue-800">
              {t('templates.default')}
            </span>
          )}
          {template.archivedAt && (
            <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">
              {t('templates.archived')}
            </span>
          )}
          {template.description && (
            <span className="block max-w-md truncate text-xs text-slate-500">{template.description}</span>
          )}
        </>
      ),
    },
    { id: 'version', header: t('templates.version'), cell: (template) => <VersionBadge version={template.version} /> },
    {
      id: 'questions',
      header: t('templates.questions'),
      className: 'text-right tabular-nums',
      cell: (template) => template.questions.length,
    },
    {
      id: 'dimensions',
      header: t('templates.dimensions'),
      className: 'text-right tabular-nums',
      cell: (template) => template.dimensions.length,
    },
    {
      id: 'usage',
      header: t('templates.usage'),
      cell: (template) =>
        template.inUse ? (
          <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">{t('templates.inUse')}</span>
        ) : (
          <span className="text-xs text-slate-500">{t('templates.unused')}</span>
        ),
    },
    {
      id: 'createdAt',
      header: t('templates.createdAt'),
      className: 'text-xs text-slate-600',
      cell: (template) => formatDateTime(template.createdAt, timeZone),
    },
  ];

  const newButton = canManage && (
    <NewLink href="/console/surveys/templates/new" testId="template-new">
      {t('templates.new')}
    </NewLink>
  );

  return (
    <SurveysListPage action={newButton}>
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-slate-600">{t('templates.intro')}</p>
        <label htmlFor={archivedId} className="inline-flex items-center gap-2 text-sm">
          <input
            id={archivedId}
            type="checkbox"
            checked={includeArchived}
            onChange={(e) => setIncludeArchived(e.target.checked)}
            className="size-4"
            data-testid="template-include-archived"
          />
          {t('templates.includeArchived')}
        </label>
      </div>
      {templates && templates.length === 0 ? (
        <EmptyState
          title={t('templates.empty')}
          body={t('templates.emptyBody')}
          action={newButton || undefined}
          testId="template-list-empty"
        />
      ) : (
        <DataTable
          columns={columns}
          rows={templates ?? []}
          rowKey={(row) => row.id}
          rowClassName={(row) => (row.archivedAt ? 'text-slate-500' : '')}
          rowData={(row) => ({ 'data-template-id': row.id })}
          state={{ loading: list.isPending, error: list.error, errorMessage, onRetry: () => void list.refetch() }}
          empty={null}
          testId="template-list"
          rowTestId="template-row"
          errorTestId="template-list-error"
        />
      )}
    </SurveysListPage>
  );
}
