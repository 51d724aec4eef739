import { graphql } from '@/gql';

// The console's report operations, prefixed `Report` (operation names are global across the UI).

/** One department's complaints in a period against the period before, as the monthly and periodic reports list them. */
export const ReportDepartmentCountFieldsFragment = graphql(`
  fragment ReportDepartmentCountFields on ComplaintSummaryDepartmentCount {
    departmentId
    departmentName
    count
    previousCount
    open
    overdue
  }
`);

export const ReportComplaintMonthlySummaryQuery = graphql(`
  query ReportComplaintMonthlySummary($month: String!) {
    complaintMonthlySummary(month: $month) {
      month
      from
      to
      asOf
      timeZone
      total
      intakeTotal
      complaintRate
      totalChange
      totalChangeRate
      intake {
        type
        count
        previousCount
      }
      bySeverity {
        severity
        count
        previousCount
      }
      byCauseClass {
        causeClass
        count
        previousCount
      }
      byDepartment {
        ...ReportDepartmentCountFields
      }
      previous {
        month
        total
        intakeTotal
        complaintRate
      }
      statusGroups {
        open
        resolved
        closed
        rejected
      }
      overdue
      resolvedOnTime
      resolvedLate
      onTimeResolutionRate
      averageBusinessHours {
        toTriage
        toResolve
        toClose
        triaged
        resolved
        closed
      }
      repeatComplaints
      repeatCustomers {
        customerId
        customerName
        complaints
        repeats
        inWindow
      }
      callbacks {
        due
        done
        doneOnTime
        overdue
        completionRate
      }
      topProducts {
        productRef
        count
      }
      topCauses {
        causeClass
        departmentId
        departmentName
        count
      }
      rootCauses {
        number
        occurrence
        outflow
      }
      improvementFocus {
        kind
        count
        share
        productRef
        causeClass
        departmentId
        departmentName
        customerId
        customerName
      }
    }
  }
`);

export const ReportComplaintPeriodReportQuery = graphql(`
  query ReportComplaintPeriodReport($kind: ReportPeriodKind!, $period: String!) {
    complaintPeriodReport(kind: $kind, period: $period) {
      kind
      period
      previousPeriod
      summary {
        total
        overdue
        onTimeResolutionRate
        previous {
          total
        }
        callbacks {
          completionRate
        }
        byDepartment {
          ...ReportDepartmentCountFields
        }
      }
      topCauses {
        causeClass
        departmentId
        departmentName
        count
        share
        actions
        open
        done
        verified
        overdue
      }
      satisfaction {
        responses
        averageIndex
        nps
        averageCallbackScore
      }
    }
  }
`);

export const ReportSubscriptionsQuery = graphql(`
  query ReportSubscriptions {
    reportSubscriptions {
      id
      periodKind
      role
      deliveryDay
      user {
        id
        name
      }
    }
    reportDeliveries {
      id
      periodKind
      period
      email
      status
      attempts
      lastError
      sentAt
      createdAt
      recipient {
        id
        name
      }
    }
  }
`);

export const ReportCreateSubscriptionMutation = graphql(`
  mutation ReportCreateSubscription($input: CreateReportSubscriptionInput!) {
    createReportSubscription(input: $input) {
      id
    }
  }
`);

export const ReportDeleteSubscriptionMutation = graphql(`
  mutation ReportDeleteSubscription($id: ID!) {
    deleteReportSubscription(id: $id)
  }
`);
