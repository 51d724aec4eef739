import { graphql } from '@/gql';

// The visit documents of the console (/console/visits): the week view, the due list, the work log, the statistics.

export const VisitItineraryWeekQuery = graphql(`
  query VisitItineraryWeek($weekStart: Date, $salespersonId: ID) {
    itineraryWeek(weekStart: $weekStart, salespersonId: $salespersonId) {
      weekStart
      deadlineAt
      itineraries {
        id
        status
        weekStart
        version
        revision
        late
        submittedAt
        decisionComment
        salesperson {
          id
          name
        }
        items {
          id
          customerId
          plannedDate
          purpose
          contactName
          contactPhone
          done
          customer {
            id
            name
          }
        }
        viewerCanEdit
        viewerCanSubmit
        viewerCanDecide
        viewerCanRevise
      }
    }
  }
`);

export const VisitDueListQuery = graphql(`
  query VisitDueList($horizonDays: Int, $overdueOnly: Boolean, $first: Int, $after: String) {
    dueVisits(horizonDays: $horizonDays, overdueOnly: $overdueOnly, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        intervalDays
        customIntervalDays
        lastVisitAt
        nextDueDate
        dueState
        customer {
          id
          name
        }
        salesperson {
          id
          name
        }
      }
    }
  }
`);

export const VisitLogListQuery = graphql(`
  query VisitLogList($first: Int, $after: String) {
    visitLogs(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        kind
        visitedAt
        contactName
        discussed
        customerNeeds
        problemsFound
        followUp
        version
        viewerCanRegisterProblem
        customer {
          id
          name
        }
        salesperson {
          id
          name
        }
        interaction {
          id
          number
        }
      }
    }
  }
`);

export const VisitStatsQuery = graphql(`
  query VisitStats($month: String!) {
    visitMonthlyStats(month: $month) {
      month
      rows {
        salesperson {
          id
        }
        salespersonName
        planned
        done
        visits
        phoneContacts
        lateItineraries
        completionRate
      }
    }
  }
`);

export const VisitSaveItineraryMutation = graphql(`
  mutation VisitSaveItinerary($input: SaveItineraryInput!) {
    saveItinerary(input: $input) {
      id
      version
      status
    }
  }
`);

export const VisitSubmitItineraryMutation = graphql(`
  mutation VisitSubmitItinerary($id: ID!, $version: Int!) {
    submitItinerary(id: $id, version: $version) {
      id
      version
      status
      late
    }
  }
`);

export const VisitDecideItineraryMutation = graphql(`
  mutation VisitDecideItinerary($id: ID!, $version: Int!, $input: DecideItineraryInput!) {
    decideItinerary(id: $id, version: $version, input: $input) {
      id
      version
      status
    }
  }
`);

export const VisitReviseItineraryMutation = graphql(`
  mutation VisitReviseItinerary($id: ID!, $version: Int!) {
    reviseItinerary(id: $id, version: $version) {
      id
      version
      status
      revision
    }
  }
`);

export const VisitLogMutation = graphql(`
  mutation VisitLog($input: LogVisitInput!) {
    logVisit(input: $input) {
      id
      version
    }
  }
`);

export const VisitRegisterProblemMutation = graphql(`
  mutation VisitRegisterProblem($id: ID!, $version: Int!, $input: RegisterVisitProblemInput!) {
    registerVisitProblem(id: $id, version: $version, input: $input) {
      id
      version
      interaction {
        id
        number
      }
    }
  }
`);

export const VisitSetIntervalMutation = graphql(`
  mutation VisitSetInterval($customerId: ID!, $intervalDays: Int) {
    setCustomerVisitInterval(customerId: $customerId, intervalDays: $intervalDays) {
      id
      intervalDays
      customIntervalDays
      nextDueDate
    }
  }
`);
