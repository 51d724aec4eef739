'use client';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useEffect, useId, useState } from 'react';
import { useAsyncData } from '@/components/customers/use-async-data';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import type { SurveyAnalysisTextAnswersQuery } from '@/gql/graphql';
import { formatDate, formatNumber, formatScore } from '@/lib/format';
import { gqlRequest } from '@/lib/graphql-client';
import { questionText } from './analysis-maths';
import { SurveyAnalysisTextAnswersQuery as TextAnswersQuery } from './analysis-operations';
import { toAnalysisFilter, type AnalysisFilterState } from './analysis-params';
import { EmptyState, Section, SectionSkeleton, useAnalysisErrorMessage } from './analysis-ui';

const PAGE_SIZE = 25;
type Node = SurveyAnalysisTextAnswersQuery['surveyTextAnswers']['nodes'][number];
export type TextQuestionOption = { id: string; text: string; textEn?: string | null };

/** What customers wrote: narrowed to a question, searched, optionally only from low-score responses; cursor paging. */
export function AnalysisTextAnswers({
  filter,
  questions,
  questionId,
  onQuestion,
}: {
  filter: AnalysisFilterState;
  questions: readonly TextQuestionOption[];
  questionId: string;
  onQuestion: (id: string) => void;
}) {
  const t = useTranslations('surveyAnalysis.text');
  const tc = useTranslations('surveyAnalysis');
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const errorMessage = useAnalysisErrorMessage();
  const ids = { question: useId(), search: useId(), low: useId() };
  const [searchDraft, setSearchDraft] = useState('');
  const [search, setSearch] = useState('');
  const [lowScoreOnly, setLowScoreOnly] = useState(false);

  const variables = {
    filter: toAnalysisFilter(filter),
    questionId: questionId || null,
    search: search.trim() || null,
    lowScoreOnly: lowScoreOnly || null,
    first: PAGE_SIZE,
  };
  const first = useAsyncData(() => gqlRequest(TextAnswersQuery, variables), JSON.stringify(variables));

  // Further pages are appended locally ("load more"); new criteria start again from the first page.
  const [more, setMore] = useState<{ nodes: Node[]; hasNextPage: boolean; endCursor: string | null } | null>(null);
  const [moreState, setMoreState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });
  useEffect(() => {
    setMore(null);
    setMoreState({ loading: false, error: null });
  }, [first.data]);

  const page = first.data?.surveyTextAnswers;
  const nodes = [...(page?.nodes ?? []), ...(more?.nodes ?? [])];
  const hasNextPage = more ? more.hasNextPage : (page?.pageInfo.hasNextPage ?? false);
  const endCursor = more ? more.endCursor : (page?.pageInfo.endCursor ?? null);

  const loadMore = async () => {
    if (!endCursor) return;
    setMoreState({ loading: true, error: null });
    try {
      const next = await gqlRequest(TextAnswersQuery, { ...variables, after: endCursor });
      setMore((m) => ({
        nodes: [...(m?.nodes ?? []), ...next.surveyTextAnswers.nodes],
        hasNextPage: next.surveyTextAnswers.pageInfo.hasNextPage,
        endCursor: next.surveyTextAnswers.pageInfo.endCursor ?? null,
      }));
      setMoreState({ loading: false, error: null });
    } catch (error) {
      setMoreState({ loading: false, error });
    }
  };

  const knownQuestion = !questionId || questions.some((q) => q.id === questionId);
  const narrowed = Boolean(questionId || search || lowScoreOnly);

  return (
    <Section title={t('title')} hint={t('hint')} testId="analysis-text">
      <form
        role="search"
        aria-label={t('title')}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 print:hidden"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(searchDraft);
        }}
      >
        <div className="w-72 max-w-full">
          <label htmlFor={ids.question} className={labelClass}>
            {t('question')}
          </label>
          <select
            id={ids.question}
            className={inputClass}
            value={questionId}
            onChange={(e) => onQuestion(e.target.value)}
            data-testid="text-question"
          >
            <option value="">{t('allQuestions')}</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                {questionText(q, locale)}
              </option>
            ))}
            {!knownQuestion && <option value={questionId}>{t('otherQuestion')}</option>}
          </select>
        </div>
        <div className="w-64 max-w-full">
          <label htmlFor={ids.search} className={labelClass}>
            {t('search')}
          </label>
          <input
            id={ids.search}
            type="search"
            className={inputClass}
            value={searchDraft}
            onChange={(e) => setSearchDraft(e.target.value)}
            placeholder={t('searchPlaceholder')}
            data-testid="text-search"
          />
        </div>
        <button type="submit" className={buttonClass.secondary} data-testid="text-search-submit">
          {t('searchButton')}
        </button>
        <label htmlFor={ids.low} className="inline-flex items-center gap-1.5 pb-1.5 text-sm">
          <input
            id={ids.low}
            type="checkbox"
            className="size-4"
            checked={lowScoreOnly}
            onChange={(e) => setLowScoreOnly(e.target.checked)}
            data-testid="text-low-only"
          />
          {t('lowScoreOnly')}
        </label>
      </form>

      {first.error ? (
        <ErrorBanner message={errorMessage(first.error)} onRetry={first.reload} testId="text-error" />
      ) : !page ? (
        <SectionSkeleton label={tc('loading')} testId="text-loading" />
      ) : nodes.length === 0 ? (
        <EmptyState title={narrowed ? t('emptyNarrowed') : t('empty')} testId="text-empty" />
      ) : (
        <>
          <ul className="space-y-2" data-testid="text-answers">
            {nodes.map((node) => (
              <li key={node.id} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="text-answer">
                <p className="text-sm whitespace-pre-wrap break-words text-slate-900">{node.text}</p>
                <p className="mt-1.5 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
                  <Link
                    href={`/console/customers/${node.customer.id}`}
                    className="font-medium text-blue-700 hover:underline"
                    data-testid="text-answer-customer"
                  >
                    {node.customer.name}
                  </Link>
                  <span data-testid="text-answer-date">{formatDate(node.submittedAt, timeZone)}</span>
                  <span>{questionText(node.question, locale)}</span>
                  {node.response.index != null && (
                    <span className={node.response.lowScore ? 'font-medium text-red-700' : ''}>
                      {t('responseIndex', { index: formatScore(node.response.index, locale) })}
                      {node.response.lowScore && ` · ${t('lowScore')}`}
                    </span>
                  )}
                </p>
              </li>
            ))}
          </ul>
          <div className="flex flex-wrap items-center gap-3 print:hidden">
            {hasNextPage && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={loadMore}
                disabled={moreState.loading}
                data-testid="text-load-more"
              >
                {moreState.loading ? tc('loading') : t('loadMore')}
              </button>
            )}
            <span className="text-sm text-slate-600" data-testid="text-total">
              {t('shown', { shown: formatNumber(nodes.length, locale), total: formatNumber(page.totalCount, locale) })}
            </span>
            {first.loading && <Spinner />}
          </div>
          {moreState.error ? <ErrorBanner message={errorMessage(moreState.error)} onRetry={loadMore} /> : null}
        </>
      )}
    </Section>
  );
}
