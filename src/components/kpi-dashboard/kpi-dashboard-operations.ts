import { graphql } from '@/gql';

// The KPI dashboard's operations, prefixed `Kpi` (operation names are global across the UI).

export const KpiDashboardQuery = graphql(`
  query KpiDashboard($period: String!, $filter: KpiDashboardFilter) {
    kpiDashboard(period: $period, filter: $filter) {
      period
      computedAt
      timeZone
      departmentId
      periods {
        current {
          period
          from
          to
          asOf
        }
        previous {
          period
          from
          to
        }
        lastYear {
          period
          from
          to
        }
      }
      total {
        current
        previous
        lastYear
      }
      byType {
        key
        label
        counts {
          current
          previous
          lastYear
        }
      }
      bySeverity {
        key
        label
        counts {
          current
          previous
          lastYear
        }
      }
      byCauseClass {
        key
        label
        counts {
          current
          previous
          lastYear
        }
      }
      byDepartment {
        key
        label
        counts {
          current
          previous
          lastYear
        }
      }
      byProduct {
        key
        label
        counts {
          current
          previous
          lastYear
        }
      }
      byMonth {
        month
        count
      }
      customersServed {
        current
        previous
        lastYear
      }
      ratePer100Customers {
        current
        previous
        lastYear
      }
      ratePerContractVolume {
        current
        previous
        lastYear
      }
      toTriage {
        current {
          median
          p90
          count
        }
        previous {
          median
          p90
          count
        }
        lastYear {
          median
          p90
          count
        }
      }
      toResolve {
        current {
          median
          p90
          count
        }
        previous {
          median
          p90
          count
        }
        lastYear {
          median
          p90
          count
        }
      }
      toClose {
        current {
          median
          p90
          count
        }
        previous {
          median
          p90
          count
        }
        lastYear {
          median
          p90
          count
        }
      }
      triageOnTime {
        current {
          rate
          overdue
        }
        previous {
          rate
        }
        lastYear {
          rate
        }
      }
      resolutionOnTime {
        current {
          rate
          overdue
        }
        previous {
          rate
        }
        lastYear {
          rate
        }
      }
      callbackOnTime {
        current {
          rate
          overdue
        }
        previous {
          rate
        }
        lastYear {
          rate
        }
      }
      overdueNow
      repeatComplaints {
        current
        previous
        lastYear
      }
      callbacks {
        current {
          due
          done
          completionRate
          accuracy
          timeliness
          attitude
        }
        previous {
          completionRate
          accuracy
        }
        lastYear {
          completionRate
          accuracy
        }
      }
      satisfaction {
        periodLabel
        responses
        index
        nps
      }
      keyAccounts {
        customerId
        name
        openComplaints
        overdueObligations
        lastIndex
        lastIndexAt
        lastVisitAt
        warrantyCost
      }
    }
  }
`);

export const KpiTilesQuery = graphql(`
  query KpiTiles($period: String!) {
    kpiDashboard(period: $period) {
      period
      total {
        current
        previous
      }
      overdueNow
      resolutionOnTime {
        current {
          rate
        }
      }
      repeatComplaints {
        current
      }
    }
  }
`);
