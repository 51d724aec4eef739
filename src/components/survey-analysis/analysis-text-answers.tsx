'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { useLocale, useTimeZone, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { buttonClass, inputClass, labelClass } from '@/components/ui/classes';
import { formatDate, formatScore } from '@/lib/format';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { EmptyState } from '@/components/surveys/survey-ui';
import { questionText } from './analysis-maths';
import { toAnalysisFilter, type AnalysisFilterState } from './analysis-params';
import { AnalysisLoadMore, Section, useSectionPending } from './analysis-ui';

export const SurveyAnalysisTextAnswersQuery = graphql(`
  query SurveyAnalysisTextAnswers(
    $filter: SurveyAnalysisFilter!
    $questionId: ID
    $search: String
    $lowScoreOnly: Boolean
    $first: Int
    $after: String
  ) {
    surveyTextAnswers(
      filter: $filter
      questionId: $questionId
      search: $search
      lowScoreOnly: $lowScoreOnly
      first: $first
      after: $after
    ) {
      nodes {
        id
        text
        submittedAt
        customer {
          id
          name
        }
        question {
          id
          text
          textEn
        }
        response {
          id
          index
          lowScore
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

const PAGE_SIZE = 25;
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
  const locale = useLocale();
  const timeZone = useTimeZone() ?? 'Asia/Shanghai';
  const sectionPending = useSectionPending();
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
  const list = useGqlInfiniteQuery(SurveyAnalysisTextAnswersQuery, variables, (result) => result.surveyTextAnswers, {
    keepPrevious: true,
  });
  const nodes = list.rows;
  const pending = sectionPending(
    { error: list.loaded ? null : list.error, refetch: list.refetch },
    !list.loaded,
    'text',
  );

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

      {pending ??
        (nodes.length === 0 ? (
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
            <div className="print:hidden">
              <AnalysisLoadMore list={list} shown={(counts) => t('shown', counts)} testIdPrefix="text" />
            </div>
          </>
        ))}
    </Section>
  );
}
