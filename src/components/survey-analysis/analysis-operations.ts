import { graphql } from '@/gql';

// The satisfaction-analysis screens' operations (SPEC §6 analysis, §9 charts), prefixed `SurveyAnalysis` (operation
// names are global across the UI). Written against src/graphql/surveys/schema.graphql.

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

/** Province and industry values in use; a separate query so the filter bar still works if the viewer lacks customers:read. */
export const SurveyAnalysisSegmentOptionsQuery = graphql(`
  query SurveyAnalysisSegmentOptions {
    customerFacets {
      provinces
      industries
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
        code
        name
        nameEn
        weight
        effectiveWeight
        score
        answers
      }
      questions {
        question {
          id
          position
          type
          text
          textEn
          scored
          dimension {
            code
            name
            nameEn
          }
          choices {
            value
            label
            labelEn
            score
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

export const SurveyAnalysisTrendQuery = graphql(`
  query SurveyAnalysisTrend($filter: SurveyAnalysisFilter!) {
    surveyTrend(filter: $filter) {
      periodLabel
      responses
      index
      nps
      dimensions {
        code
        name
        nameEn
        score
        answers
      }
    }
  }
`);

export const SurveyAnalysisBreakdownQuery = graphql(`
  query SurveyAnalysisBreakdown($filter: SurveyAnalysisFilter!, $by: SurveySegment!) {
    surveyBreakdown(filter: $filter, by: $by) {
      value
      responses
      index
      nps
    }
  }
`);

/** Two periods side by side: the same selection of fields under two aliases. */
export const SurveyAnalysisCompareQuery = graphql(`
  query SurveyAnalysisCompare($a: SurveyAnalysisFilter!, $b: SurveyAnalysisFilter!) {
    a: surveyAnalysis(filter: $a) {
      ...SurveyAnalysisCompareSide
    }
    b: surveyAnalysis(filter: $b) {
      ...SurveyAnalysisCompareSide
    }
  }
  fragment SurveyAnalysisCompareSide on SurveyAnalysis {
    responses
    responseRate
    index
    nps {
      score
    }
    dimensions {
      code
      name
      nameEn
      score
      answers
    }
    questions {
      question {
        id
        position
        type
        text
        textEn
        scored
      }
      answered
      score
    }
  }
`);

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

export const SurveyAnalysisLowScoresQuery = graphql(`
  query SurveyAnalysisLowScores($filter: SurveyResponseFilter!, $first: Int, $after: String) {
    surveyResponses(filter: $filter, first: $first, after: $after) {
      nodes {
        ...SurveyAnalysisLowScoreRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
  fragment SurveyAnalysisLowScoreRow on SurveyResponse {
    id
    submittedAt
    index
    lowScore
    source
    customer {
      id
      name
      province
      industry
      grade
      keyAccountStatus
    }
    campaign {
      id
      name
      periodLabel
      template {
        id
        key
      }
    }
    answers {
      question {
        id
        position
        type
        text
        textEn
        scored
        choices {
          value
          label
          labelEn
          score
        }
      }
      numericValue
      choiceValues
      textValue
    }
    followUpCallbacks {
      id
      status
      dueAt
      assignee {
        id
        name
      }
    }
    followUpComplaints {
      id
      number
      status
    }
  }
`);

export const SurveyAnalysisCreateCallbackMutation = graphql(`
  mutation SurveyAnalysisCreateCallback($responseId: ID!) {
    createSurveyFollowUpCallback(responseId: $responseId) {
      id
      status
      dueAt
      assignee {
        id
        name
      }
    }
  }
`);

export const SurveyAnalysisCreateComplaintMutation = graphql(`
  mutation SurveyAnalysisCreateComplaint($responseId: ID!) {
    createSurveyFollowUpComplaint(responseId: $responseId) {
      id
      number
      status
    }
  }
`);

// ───── annual index [000 §4.7.2] ─────

export const SurveyAnalysisAnnualQuery = graphql(`
  query SurveyAnalysisAnnual($year: Int!) {
    surveyPeriods
    annualSatisfactionIndex(year: $year) {
      year
      responses
      surveyIndex
      periods {
        periodLabel
        responses
        index
        nps
      }
      deductions {
        event
        count
        pointsEach
        points
      }
      totalDeduction
      index
      formula
      formulaEn
      criteria {
        rules {
          event
          pointsEach
        }
        maxDeduction
      }
    }
  }
`);

export const SurveyAnalysisUpdateCriteriaMutation = graphql(`
  mutation SurveyAnalysisUpdateCriteria($input: AnnualIndexCriteriaInput!) {
    updateAnnualIndexCriteria(input: $input) {
      rules {
        event
        pointsEach
      }
      maxDeduction
    }
  }
`);
