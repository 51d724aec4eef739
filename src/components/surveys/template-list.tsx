'use client';
import Link from 'next/link';
import { useTimeZone, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { formatDateTime } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { SurveyTemplateListQuery } from './survey-operations';
import { EmptyState, SurveysTabs, useSurveyErrorMessage } from './survey-ui';

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
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const errorMessage = useSurveyErrorMessage();
  const archivedId = useId();
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useAsyncData(() => gqlRequest(SurveyTemplateListQuery, { includeArchived }), String(includeArchived));
  const templates = list.data?.surveyTemplates;

  const newButton = canManage && (
    <Link href="/console/surveys/templates/new" className={buttonClass.primary} data-testid="template-new">
      {t('templates.new')}
    </Link>
  );

  return (
    <div className="space-y-5">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        {newButton}
      </PageHeader>
      <SurveysTabs />
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
      {list.error && !templates ? (
        <ErrorBanner message={errorMessage(list.error)} onRetry={list.reload} testId="template-list-error" />
      ) : !templates ? (
        <Spinner label={t('templates.loading')} />
      ) : templates.length === 0 ? (
        <EmptyState
          title={t('templates.empty')}
          body={t('templates.emptyBody')}
          action={newButton || undefined}
          testId="template-list-empty"
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="template-list">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th className="px-3 py-2">{t('templates.name')}</th>
                <th className="px-3 py-2">{t('templates.version')}</th>
                <th className="px-3 py-2 text-right">{t('templates.questions')}</th>
                <th className="px-3 py-2 text-right">{t('templates.dimensions')}</th>
                <th className="px-3 py-2">{t('templates.usage')}</th>
                <th className="px-3 py-2">{t('templates.createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((template) => (
                <tr
                  key={template.id}
                  className={`border-t border-slate-100 ${template.archivedAt ? 'text-slate-500' : ''}`}
                  data-testid="template-row"
                  data-template-id={template.id}
                >
                  <td className="px-3 py-2">
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
                  </td>
                  <td className="px-3 py-2">
                    <VersionBadge version={template.version} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{template.questions.length}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{template.dimensions.length}</td>
                  <td className="px-3 py-2">
                    {template.inUse ? (
                      <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">
                        {t('templates.inUse')}
                      </span>
                    ) : (
                      <span className="text-xs text-slate-500">{t('templates.unused')}</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">{formatDateTime(template.createdAt, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
