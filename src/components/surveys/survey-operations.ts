import { graphql } from '@/gql';

// Selections that several survey and analysis screens ask for alike, written once so they stay the same shape (the
// helpers that read them — questionText, dimensionName, audienceFromSaved — depend on exactly these fields).

/** A campaign's settings — what the campaign form edits and the campaign page shows: name, window, template, audience. */
export const SurveyCampaignSettingsFragment = graphql(`
  fragment SurveyCampaignSettings on SurveyCampaign {
    id
    name
    description
    periodLabel
    status
    version
    opensAt
    closesAt
    reminderDays
    template {
      id
      name
      version
    }
    audience {
      provinces
      industries
      grades
      keyAccountStatuses
      complaintClosedFrom
      complaintClosedTo
      customerIds
    }
  }
`);

/** What a launch or a close changes of a campaign (and the version the next command needs). */
export const SurveyCampaignStateFragment = graphql(`
  fragment SurveyCampaignState on SurveyCampaign {
    id
    status
    version
  }
`);

/** A question as the analysis and response screens word it (both languages) and place it. */
export const SurveyQuestionLabelFragment = graphql(`
  fragment SurveyQuestionLabel on SurveyQuestion {
    id
    position
    type
    text
    textEn
    scored
  }
`);

/** A choice of a question with its label in both languages and the score it counts for. */
export const SurveyChoiceLabelFragment = graphql(`
  fragment SurveyChoiceLabel on SurveyChoice {
    value
    label
    labelEn
    score
  }
`);

/** One dimension's result: its name in both languages, the score and how many answers it stands on. */
export const SurveyDimensionResultFragment = graphql(`
  fragment SurveyDimensionResult on SurveyDimensionScore {
    code
    name
    nameEn
    score
    answers
  }
`);

/** The follow-ups of a response (a callback task, a complaint), as listed and as answered by their create mutations. */
export const SurveyFollowUpFragments = graphql(`
  fragment SurveyFollowUpCallback on Callback {
    id
    status
    dueAt
    assignee {
      id
      name
    }
  }
  fragment SurveyFollowUpComplaint on Interaction {
    id
    number
    status
  }
`);

// The document above is typed by its first fragment only; these are each fragment on its own, for getFragmentData.
export {
  SurveyFollowUpCallbackFragmentDoc as SurveyFollowUpCallbackFragment,
  SurveyFollowUpComplaintFragmentDoc as SurveyFollowUpComplaintFragment,
} from '@/gql/graphql';

/**
 * A submitted response as the response page shows it and the low-score list lists it: when, how it came in, its index,
 * whose it is, which campaign, the answer values. (The follow-ups are spread beside it, not in it: graphql-armor counts
 * each fragment spread as two levels, and the low-score list's rows would pass the depth limit of 10.)
 */
export const SurveyResponseSummaryFragment = graphql(`
  fragment SurveyResponseSummary on SurveyResponse {
    id
    submittedAt
    index
    lowScore
    source
    customer {
      id
      name
    }
    campaign {
      id
      name
      periodLabel
    }
    answers {
      numericValue
      choiceValues
      textValue
    }
  }
`);

/** The province and industry values in use: what the audience builder and the analysis filter bar offer. */
export const SurveyCustomerFacetsQuery = graphql(`
  query SurveyCustomerFacets {
    customerFacets {
      provinces
      industries
    }
  }
`);
