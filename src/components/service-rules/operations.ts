import { graphql } from '@/gql';

// The service-rules screen's GraphQL operations, prefixed `ServiceRules` (operation names are global across the UI).

export const ServiceRulesSlaRuleFragment = graphql(`
  fragment ServiceRulesSlaRule on SlaRule {
    id
    interactionType
    severity
    keyAccount
    triageHours
    resolutionHours
    callbackDays
    stepHours {
      step
      hours
    }
    active
    version
    updatedAt
  }
`);

export const ServiceRulesSlaRulesQuery = graphql(`
  query ServiceRulesSlaRules {
    slaRules {
      ...ServiceRulesSlaRule
    }
  }
`);

export const ServiceRulesCreateSlaRuleMutation = graphql(`
  mutation ServiceRulesCreateSlaRule($input: SlaRuleInput!) {
    createSlaRule(input: $input) {
      ...ServiceRulesSlaRule
    }
  }
`);

export const ServiceRulesUpdateSlaRuleMutation = graphql(`
  mutation ServiceRulesUpdateSlaRule($id: ID!, $version: Int!, $input: SlaRuleInput!) {
    updateSlaRule(id: $id, version: $version, input: $input) {
      ...ServiceRulesSlaRule
    }
  }
`);

export const ServiceRulesSetSlaRuleActiveMutation = graphql(`
  mutation ServiceRulesSetSlaRuleActive($id: ID!, $version: Int!, $active: Boolean!) {
    setSlaRuleActive(id: $id, version: $version, active: $active) {
      ...ServiceRulesSlaRule
    }
  }
`);

export const ServiceRulesPreviewQuery = graphql(`
  query ServiceRulesPreview($type: InteractionType!, $severity: Severity, $keyAccount: Boolean!) {
    slaRulePreview(type: $type, severity: $severity, keyAccount: $keyAccount) {
      rule {
        id
      }
      triageRule {
        id
      }
      matchingRules {
        id
      }
      callbackDays
      registeredAt
      triageDueAt
      resolutionDueAt
    }
  }
`);

/** What the calendar panel's BusinessHoursForm edits (and gets back when it saves). */
export const ServiceRulesBusinessHoursFragment = graphql(`
  fragment ServiceRulesBusinessHours on BusinessHours {
    timeZone
    days
    start
    end
    version
  }
`);

/** A row of the calendar panel's table of holidays and make-up working days. */
export const ServiceRulesCalendarDayFragment = graphql(`
  fragment ServiceRulesCalendarDay on CalendarDay {
    date
    isWorkday
    name
    version
  }
`);

export const ServiceRulesCalendarQuery = graphql(`
  query ServiceRulesCalendar($year: Int!) {
    businessHours {
      ...ServiceRulesBusinessHours
    }
    calendarDays(year: $year) {
      ...ServiceRulesCalendarDay
    }
  }
`);

export const ServiceRulesUpdateBusinessHoursMutation = graphql(`
  mutation ServiceRulesUpdateBusinessHours($version: Int!, $input: BusinessHoursInput!) {
    updateBusinessHours(version: $version, input: $input) {
      ...ServiceRulesBusinessHours
    }
  }
`);

export const ServiceRulesAddCalendarDaysMutation = graphql(`
  mutation ServiceRulesAddCalendarDays($input: AddCalendarDaysInput!) {
    addCalendarDays(input: $input) {
      ...ServiceRulesCalendarDay
    }
  }
`);

export const ServiceRulesImportOfficialHolidaysMutation = graphql(`
  mutation ServiceRulesImportOfficialHolidays($year: Int!) {
    importOfficialHolidays(year: $year) {
      year
      added {
        date
      }
      skipped
    }
  }
`);

export const ServiceRulesRemoveCalendarDayMutation = graphql(`
  mutation ServiceRulesRemoveCalendarDay($date: Date!, $version: Int!) {
    removeCalendarDay(date: $date, version: $version) {
      ...ServiceRulesCalendarDay
    }
  }
`);

/** What the authority panel's AuthorityForm edits (and gets back when it saves). */
export const ServiceRulesApprovalAuthorityFragment = graphql(`
  fragment ServiceRulesApprovalAuthority on ApprovalAuthority {
    version
    rules {
      severity
      approve
      close
    }
  }
`);

/** What the authority panel's EscalationForm edits and the ladder it shows (and gets back when it saves). */
export const ServiceRulesEscalationPolicyFragment = graphql(`
  fragment ServiceRulesEscalationPolicy on EscalationPolicy {
    dueSoonHours
    overduePeriodHours
    version
    levels {
      level
      afterOverdueHours
      audience
    }
  }
`);

export const ServiceRulesAuthorityQuery = graphql(`
  query ServiceRulesAuthority {
    approvalAuthority {
      ...ServiceRulesApprovalAuthority
    }
    escalationPolicy {
      ...ServiceRulesEscalationPolicy
    }
  }
`);

export const ServiceRulesUpdateAuthorityMutation = graphql(`
  mutation ServiceRulesUpdateAuthority($version: Int!, $input: [SeverityAuthorityInput!]!) {
    updateApprovalAuthority(version: $version, input: $input) {
      ...ServiceRulesApprovalAuthority
    }
  }
`);

export const ServiceRulesUpdateEscalationMutation = graphql(`
  mutation ServiceRulesUpdateEscalation($version: Int!, $input: EscalationPolicyInput!) {
    updateEscalationPolicy(version: $version, input: $input) {
      ...ServiceRulesEscalationPolicy
    }
  }
`);

export const ServiceRulesChangesQuery = graphql(`
  query ServiceRulesChanges {
    serviceRuleChanges(first: 20) {
      id
      entityType
      action
      comment
      message {
        ...ActivityMessageFields
      }
      fromState
      toState
      changes
      actor {
        id
        name
      }
      actorLabel
      createdAt
    }
  }
`);

export const ServiceRulesKeyAccountCriteriaQuery = graphql(`
  query ServiceRulesKeyAccountCriteria {
    keyAccountCriteria {
      version
      reviewIntervalMonths
      cumulativeAmount {
        enabled
        minAmount
        years
      }
      longTerm {
        enabled
        minContracts
        minYears
      }
      regionalLandmark {
        enabled
      }
      strategicPotential {
        enabled
      }
    }
  }
`);

export const ServiceRulesUpdateKeyAccountCriteriaMutation = graphql(`
  mutation ServiceRulesUpdateKeyAccountCriteria($version: Int!, $input: KeyAccountCriteriaInput!) {
    updateKeyAccountCriteria(version: $version, input: $input) {
      version
    }
  }
`);
