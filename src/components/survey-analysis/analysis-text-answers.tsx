'use client';
import { graphql } from '@/gql';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { CheckboxField } from '@/components/ui/checkbox-field';
import { buttonClass } from '@/components/ui/classes';
import { formatDate, formatScore } from '@/lib/format';
import { useGqlInfiniteQuery } from '@/lib/data/gql-hooks';
import { EmptyState } from '@/components/surveys/survey-ui';
import { questionText } from './analysis-maths';
import { toAnalysisFilter, type AnalysisFilterState } from './analysis-params';
import { AnalysisLoadMore, Section, useSectionPending } from './analysis-ui';
import { FilterSearch, FilterSelect } from '@/components/ui/filter-select';
import { CustomerLink } from '@/components/ui/customer-link';
import { useDisplayTimeZone } from '@/lib/use-display-time-zone';

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
  const timeZone = useDisplayTimeZone();
  const sectionPending = useSectionPending();
  const lowId = useId();
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
        <FilterSelect
          className="block w-72 max-w-full"
          label={t('question')}
          options={[
            { value: '', label: t('allQuestions') },
            ...questions.map((q) => ({ value: q.id, label: questionText(q, locale) })),
            ...(knownQuestion ? [] : [{ value: questionId, label: t('otherQuestion') }]),
          ]}
          value={questionId}
          onChange={onQuestion}
          testId="text-question"
        />
        <FilterSearch
          className="block w-64 max-w-full"
          label={t('search')}
          placeholder={t('searchPlaceholder')}
          value={searchDraft}
          onChange={setSearchDraft}
          testId="text-search"
        />
        <button type="submit" className={buttonClass.secondary} data-testid="text-search-submit">
          {t('searchButton')}
        </button>
        <CheckboxField
          id={lowId}
          className="pb-1.5"
          label={t('lowScoreOnly')}
          checked={lowScoreOnly}
          onChange={setLowScoreOnly}
          testId="text-low-only"
        />
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
                    <CustomerLink
                      customer={node.customer}
                      className="font-medium text-blue-700 hover:underline"
                      testId="text-answer-customer"
                    />
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
