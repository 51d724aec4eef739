'use client';
import { graphql } from '@/gql';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useCallback, useId, useMemo, useRef } from 'react';
import { buttonClass } from '@/components/ui/classes';
import { PageHeader } from '@/components/ui/page-header';
import { useUrlState } from '@/components/ui/use-url-state';
import { ErrorBanner, Spinner } from '@/components/ui/status';
import { EmptyState } from '@/components/surveys/survey-ui';
import { AnalysisBreakdown } from './analysis-breakdown';
import { AnalysisCompare } from './analysis-compare';
import { AnalysisExportMenu } from './analysis-export-menu';
import { AnalysisFilterBar, type FilterOptions } from './analysis-filter-bar';
import { AnalysisKpis, KpiSkeleton } from './analysis-kpis';
import { AnalysisLowScores, type FollowUpPermissions } from './analysis-low-scores';
import { DimensionChart, QuestionDistributions, unmaskAnalysis } from './analysis-overview';
import {
  analysisParamsToSearch,
  countAnalysisFilters,
  emptyAnalysisFilter,
  parseAnalysisParams,
  reportPeriod,
  toAnalysisFilter,
  VIEWS,
  type AnalysisState,
  type AnalysisView,
} from './analysis-params';
import { AnalysisTextAnswers } from './analysis-text-answers';
import { AnalysisTrend } from './analysis-trend';
import { SectionSkeleton, useAnalysisErrorMessage } from './analysis-ui';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { SurveyCustomerFacetsQuery } from '@/components/surveys/survey-operations';

/** What the filter bar offers: campaigns, period labels, template families. */
export const SurveyAnalysisFilterOptionsQuery = graphql(`
  query SurveyAnalysisFilterOptions {
    surveyPeriods
    surveyCampaigns(first: 100) {
      nodes {
        id
        name
        periodLabel
        status
        template {
          id
          key
          name
          nameEn
        }
      }
      totalCount
    }
    surveyTemplates(includeArchived: true) {
      id
      key
      name
      nameEn
    }
  }
`);

export const SurveyAnalysisOverviewQuery = graphql(`
  query SurveyAnalysisOverview($filter: SurveyAnalysisFilter!) {
    surveyAnalysis(filter: $filter) {
      responses
      invited
      responseRate
      index
      formula
      formulaEn
      lowScores
      nps {
        score
        promoters
        passives
        detractors
        responses
      }
      dimensions {
        ...SurveyDimensionResult
        weight
        effectiveWeight
      }
      questions {
        question {
          ...SurveyQuestionLabel
          dimension {
            code
            name
            nameEn
          }
          choices {
            ...SurveyChoiceLabel
          }
        }
        answered
        average
        score
        distribution {
          value
          label
          count
          share
        }
        textAnswers
      }
    }
  }
`);

/**
 * The satisfaction analysis (SPEC §6 analysis, §9 charts): filters in the URL, the headline numbers with the index
 * formula, then one view at a time (overview, trend, breakdown, comparison, free text, low scores) so only what is
 * looked at is queried.
 */
export function SurveyAnalysis({ permissions }: { permissions: FollowUpPermissions }) {
  const t = useTranslations('surveyAnalysis');
  const pathname = usePathname();
  const [state, navigate] = useUrlState(parseAnalysisParams, analysisParamsToSearch);
  const errorMessage = useAnalysisErrorMessage();
  const tabsId = useId();
  const tabRefs = useRef<Partial<Record<AnalysisView, HTMLButtonElement | null>>>({});

  const update = useCallback(
    (next: Partial<AnalysisState>) => navigate({ ...state, ...next }, 'replace'),
    [state, navigate],
  );

  const options = useGqlQuery(SurveyAnalysisFilterOptionsQuery);
  const segmentOptions = useGqlQuery(SurveyCustomerFacetsQuery);
  const overview = useGqlQuery(
    SurveyAnalysisOverviewQuery,
    { filter: toAnalysisFilter(state.filter) },
    { keepPrevious: true },
  );

  const filterOptions: FilterOptions = {
    campaigns: options.data?.surveyCampaigns.nodes ?? [],
    periods: options.data?.surveyPeriods ?? [],
    templates: options.data?.surveyTemplates ?? [],
    provinces: segmentOptions.data?.customerFacets.provinces ?? [],
    industries: segmentOptions.data?.customerFacets.industries ?? [],
  };
  const campaignPeriods = new Map(filterOptions.campaigns.map((c) => [c.id, c.periodLabel]));
  const analysis = useMemo(() => overview.data && unmaskAnalysis(overview.data.surveyAnalysis), [overview.data]);
  const textQuestions = (analysis?.questions ?? [])
    .filter((q) => q.question.type === 'TEXT')
    .map((q) => ({ id: q.question.id, text: q.question.text, textEn: q.question.textEn }));
  const textAnswersHref = (questionId: string) =>
    `${pathname}?${analysisParamsToSearch({ ...state, view: 'text', textQuestionId: questionId })}`;
  const filtered = countAnalysisFilters(state.filter) > 0;

  const selectTab = (view: AnalysisView, focus = false) => {
    update({ view });
    if (focus) tabRefs.current[view]?.focus();
  };
  const onTabKey = (event: React.KeyboardEvent, view: AnalysisView) => {
    const i = VIEWS.indexOf(view);
    const next =
      event.key === 'ArrowRight'
        ? VIEWS[(i + 1) % VIEWS.length]
        : event.key === 'ArrowLeft'
          ? VIEWS[(i - 1 + VIEWS.length) % VIEWS.length]
          : null;
    if (next) {
      event.preventDefault();
      selectTab(next, true);
    }
  };

  const headline = () => {
    if (overview.error)
      return (
        <ErrorBanner
          message={errorMessage(overview.error)}
          onRetry={() => void overview.refetch()}
          testId="analysis-error"
        />
      );
    if (!analysis) return <KpiSkeleton />;
    if (analysis.responses === 0)
      return (
        <EmptyState
          title={t('empty.title')}
          body={filtered ? t('empty.bodyFiltered') : t('empty.body')}
          testId="analysis-empty"
          action={
            filtered && (
              <button
                type="button"
                className={buttonClass.secondary}
                onClick={() => update({ filter: emptyAnalysisFilter() })}
              >
                {t('filters.clearAll')}
              </button>
            )
          }
        />
      );
    return <AnalysisKpis analysis={analysis} onShowLowScores={() => selectTab('lowScores')} />;
  };

  const panel = () => {
    switch (state.view) {
      case 'overview':
        if (overview.error) return null;
        if (!analysis) return <SectionSkeleton label={t('loading')} testId="overview-loading" />;
        if (analysis.responses === 0) return null;
        return (
          <div className="space-y-6">
            <DimensionChart analysis={analysis} />
            <QuestionDistributions analysis={analysis} textAnswersHref={textAnswersHref} />
          </div>
        );
      case 'trend':
        return <AnalysisTrend filter={state.filter} />;
      case 'breakdown':
        return (
          <AnalysisBreakdown
            filter={state.filter}
            segment={state.segment}
            onSegment={(segment) => update({ segment })}
          />
        );
      case 'compare':
        if (options.error)
          return <ErrorBanner message={errorMessage(options.error)} onRetry={() => void options.refetch()} />;
        if (!options.data) return <SectionSkeleton label={t('loading')} />;
        return (
          <AnalysisCompare
            filter={state.filter}
            periods={options.data.surveyPeriods}
            compareA={state.compareA}
            compareB={state.compareB}
            onChange={(compareA, compareB) => update({ compareA, compareB })}
          />
        );
      case 'text':
        return (
          <AnalysisTextAnswers
            filter={state.filter}
            questions={textQuestions}
            questionId={state.textQuestionId}
            onQuestion={(textQuestionId) => update({ textQuestionId })}
          />
        );
      case 'lowScores':
        return <AnalysisLowScores filter={state.filter} permissions={permissions} />;
    }
  };

  return (
    <div className="space-y-5" data-testid="survey-analysis">
      <nav aria-label={t('breadcrumbLabel')} className="text-sm print:hidden">
        <Link href="/console/surveys" className={buttonClass.link}>
          ← {t('breadcrumb')}
        </Link>
      </nav>
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Link href="/console/surveys/annual" className={buttonClass.secondary} data-testid="annual-link">
          {t('annualLink')}
        </Link>
        <AnalysisExportMenu filter={state.filter} reportPeriod={reportPeriod(state.filter, campaignPeriods)} />
      </PageHeader>

      <AnalysisFilterBar
        value={state.filter}
        options={filterOptions}
        loading={options.isPending}
        onChange={(filter) => update({ filter })}
      />
      {options.error ? (
        <ErrorBanner
          message={t('filters.optionsFailed')}
          onRetry={() => void options.refetch()}
          testId="filter-options-error"
        />
      ) : null}

      <div className="relative">
        {headline()}
        {overview.isFetching && analysis && (
          <div className="absolute top-2 right-2 rounded bg-white/90 px-2 py-1 shadow-xs">
            <Spinner label={t('updating')} />
          </div>
        )}
      </div>

      <div
        role="tablist"
        aria-label={t('views.label')}
        className="flex flex-wrap gap-1 border-b border-slate-200 print:hidden"
      >
        {VIEWS.map((view) => (
          <button
            key={view}
            ref={(el) => {
              tabRefs.current[view] = el;
            }}
            type="button"
            role="tab"
            id={`${tabsId}-tab-${view}`}
            aria-selected={view === state.view}
            aria-controls={`${tabsId}-panel`}
            tabIndex={view === state.view ? 0 : -1}
            onClick={() => selectTab(view)}
            onKeyDown={(e) => onTabKey(e, view)}
            data-testid={`view-${view}`}
            className={`-mb-px border-b-2 px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-blue-700 ${
              view === state.view
                ? 'border-blue-700 font-medium text-blue-800'
                : 'border-transparent text-slate-600 hover:text-slate-900'
            }`}
          >
            {t(`views.${view}`)}
            {view === 'lowScores' && analysis && analysis.lowScores > 0 && (
              <span className="ml-1.5 rounded-full bg-red-100 px-1.5 text-xs font-semibold text-red-800">
                {analysis.lowScores}
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${tabsId}-panel`}
        aria-labelledby={`${tabsId}-tab-${state.view}`}
        data-testid={`panel-${state.view}`}
      >
        {panel()}
      </div>
    </div>
  );
}
