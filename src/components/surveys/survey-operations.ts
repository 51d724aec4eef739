import { graphql } from '@/gql';

// The survey screens' GraphQL operations (SPEC §6), prefixed `Survey` because operation names are global across the UI.
// Typed by graphql-codegen's client preset against src/graphql/surveys/schema.graphql: run `npm run generate` after
// editing. The analysis screens (surveyAnalysis namespace) keep their own operations.

// ───────────────────────────── the question form (public link, phone entry, preview) ─────────────────────────────

/** What the question form needs of a template: its sections and questions in order, both languages. */
export const SurveyFormTemplateFragment = graphql(`
  fragment SurveyFormTemplate on SurveyTemplate {
    id
    name
    nameEn
    sections {
      id
      title
      titleEn
      position
      questions {
        id
        position
        type
        text
        textEn
        required
        choices {
          value
          label
          labelEn
        }
      }
    }
  }
`);

export const SurveyFormQuery = graphql(`
  query SurveyForm($token: String!) {
    surveyForm(token: $token) {
      state
      campaignName
      customerName
      opensAt
      closesAt
      submittedAt
      template {
        ...SurveyFormTemplate
      }
      draft {
        questionId
        numericValue
        choiceValues
        textValue
      }
    }
  }
`);

export const SurveySaveDraftMutation = graphql(`
  mutation SurveySaveDraft($token: String!, $answers: [SurveyAnswerInput!]!) {
    saveSurveyDraft(token: $token, answers: $answers) {
      state
    }
  }
`);

export const SurveySubmitMutation = graphql(`
  mutation SurveySubmit($token: String!, $answers: [SurveyAnswerInput!]!) {
    submitSurveyResponse(token: $token, answers: $answers) {
      state
      submittedAt
    }
  }
`);

// ───────────────────────────── portal ─────────────────────────────

export const SurveyMyOpenSurveysQuery = graphql(`
  query SurveyMyOpenSurveys {
    myOpenSurveys {
      invitationId
      campaignName
      periodLabel
      closesAt
      url
      state
    }
  }
`);

// ───────────────────────────── campaigns ─────────────────────────────

export const SurveyCampaignListQuery = graphql(`
  query SurveyCampaignList($filter: SurveyCampaignFilter, $first: Int, $after: String) {
    surveyCampaigns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        periodLabel
        status
        opensAt
        closesAt
        template {
          id
          name
          version
        }
        stats {
          invited
          responded
          responseRate
        }
      }
    }
  }
`);

export const SurveyPeriodsQuery = graphql(`
  query SurveyPeriods {
    surveyPeriods
  }
`);

/** Latest version of each template family, for the campaign form's picker. */
export const SurveyTemplateOptionsQuery = graphql(`
  query SurveyTemplateOptions {
    surveyTemplates {
      id
      key
      name
      version
      isDefault
      archivedAt
      questions {
        id
      }
    }
  }
`);

export const SurveyCustomerFacetsQuery = graphql(`
  query SurveyCustomerFacets {
    customerFacets {
      provinces
      industries
    }
  }
`);

/** The name of one customer named explicitly in an audience (the audience itself only carries ids). */
export const SurveyCustomerNameQuery = graphql(`
  query SurveyCustomerName($id: ID!) {
    customer(id: $id) {
      id
      name
      contractNo
    }
  }
`);

export const SurveyAudiencePreviewQuery = graphql(`
  query SurveyAudiencePreview($audience: SurveyAudienceInput!) {
    surveyAudiencePreview(audience: $audience) {
      count
      withEmail
      sample {
        id
        name
        province
        industry
      }
    }
  }
`);

/** A campaign as the edit form needs it. */
export const SurveyCampaignEditQuery = graphql(`
  query SurveyCampaignEdit($id: ID!) {
    surveyCampaign(id: $id) {
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
  }
`);

export const SurveyCreateCampaignMutation = graphql(`
  mutation SurveyCreateCampaign($input: SurveyCampaignInput!) {
    createSurveyCampaign(input: $input) {
      id
      version
    }
  }
`);

export const SurveyUpdateCampaignMutation = graphql(`
  mutation SurveyUpdateCampaign($id: ID!, $version: Int!, $input: SurveyCampaignInput!) {
    updateSurveyCampaign(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

/** The campaign page: header, live tracking and the audience summary (the invitations page separately). */
export const SurveyCampaignQuery = graphql(`
  query SurveyCampaign($id: ID!, $segment: SurveySegment!) {
    surveyCampaign(id: $id) {
      id
      name
      description
      periodLabel
      status
      version
      opensAt
      closesAt
      reminderDays
      launchedAt
      closedAt
      createdAt
      createdBy {
        id
        name
      }
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
      stats {
        invited
        sent
        opened
        responded
        responseRate
        lowScores
        bySegment(segment: $segment) {
          value
          invited
          responded
          responseRate
          index
        }
      }
    }
  }
`);

export const SurveyInvitationsQuery = graphql(`
  query SurveyInvitations($id: ID!, $filter: SurveyInvitationFilter, $first: Int, $after: String) {
    surveyCampaign(id: $id) {
      id
      invitations(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          email
          state
          sentAt
          openedAt
          respondedAt
          reminderCount
          lastRemindedAt
          customer {
            id
            name
          }
          response {
            id
            source
            index
            lowScore
          }
        }
      }
    }
  }
`);

export const SurveyLaunchCampaignMutation = graphql(`
  mutation SurveyLaunchCampaign($id: ID!, $version: Int!) {
    launchSurveyCampaign(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

export const SurveyCloseCampaignMutation = graphql(`
  mutation SurveyCloseCampaign($id: ID!, $version: Int!) {
    closeSurveyCampaign(id: $id, version: $version) {
      id
      status
      version
    }
  }
`);

export const SurveySendRemindersMutation = graphql(`
  mutation SurveySendReminders($id: ID!) {
    sendSurveyReminders(id: $id)
  }
`);

/** The questions of a campaign's template, for a response taken by phone or fax. */
export const SurveyCampaignFormQuery = graphql(`
  query SurveyCampaignForm($id: ID!) {
    surveyCampaign(id: $id) {
      id
      template {
        ...SurveyFormTemplate
      }
    }
  }
`);

export const SurveyEnterResponseMutation = graphql(`
  mutation SurveyEnterResponse($input: EnterSurveyResponseInput!) {
    enterSurveyResponse(input: $input) {
      id
    }
  }
`);

export const SurveyResponseQuery = graphql(`
  query SurveyResponse($id: ID!) {
    surveyResponse(id: $id) {
      id
      source
      submittedAt
      index
      lowScore
      enteredBy {
        id
        name
      }
      customer {
        id
        name
      }
      campaign {
        id
        name
        periodLabel
        template {
          ...SurveyFormTemplate
        }
      }
      answers {
        question {
          id
        }
        numericValue
        choiceValues
        textValue
      }
      followUpCallbacks {
        id
        status
        dueAt
      }
      followUpComplaints {
        id
        number
        status
      }
    }
  }
`);

// ───────────────────────────── templates ─────────────────────────────

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

/** One version in full: what the builder edits and the template page shows. */
export const SurveyTemplateQuery = graphql(`
  query SurveyTemplate($id: ID!) {
    surveyTemplate(id: $id) {
      id
      key
      version
      name
      nameEn
      description
      locale
      isDefault
      archivedAt
      createdAt
      inUse
      isLatest
      dimensions {
        id
        code
        name
        nameEn
        weight
        position
      }
      sections {
        id
        title
        titleEn
        position
        questions {
          id
          position
          type
          text
          textEn
          required
          scored
          dimension {
            id
            code
          }
          choices {
            value
            label
            labelEn
            score
          }
        }
      }
      versions {
        id
        version
        createdAt
        inUse
        archivedAt
      }
    }
  }
`);

export const SurveyCreateTemplateMutation = graphql(`
  mutation SurveyCreateTemplate($input: SurveyTemplateInput!) {
    createSurveyTemplate(input: $input) {
      id
      version
    }
  }
`);

export const SurveyUpdateTemplateMutation = graphql(`
  mutation SurveyUpdateTemplate($id: ID!, $input: SurveyTemplateInput!) {
    updateSurveyTemplate(id: $id, input: $input) {
      id
      version
    }
  }
`);

export const SurveyArchiveTemplateMutation = graphql(`
  mutation SurveyArchiveTemplate($id: ID!, $archived: Boolean!) {
    archiveSurveyTemplate(id: $id, archived: $archived) {
      id
      archivedAt
    }
  }
`);
