import { graphql } from '@/gql';

// The console's report operations, prefixed `Report` (operation names are global across the UI).

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
        departmentId
        departmentName
        count
        previousCount
        open
        overdue
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
