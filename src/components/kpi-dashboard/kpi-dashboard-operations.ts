import { graphql } from '@/gql';

// The KPI dashboard's operations, prefixed `Kpi` (operation names are global across the UI).

/** One breakdown row (a type, severity, cause class, department or product) in the three periods. */
export const KpiKeyCountFieldsFragment = graphql(`
  fragment KpiKeyCountFields on KpiKeyCount {
    key
    label
    counts {
      current
      previous
      lastYear
    }
  }
`);

/** Hours to triage, resolve or close in the three periods. */
export const KpiDurationsFieldsFragment = graphql(`
  fragment KpiDurationsFields on KpiDurations {
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
`);

/** The on-time rate of triage, resolution or callbacks in the three periods (and what is overdue now). */
export const KpiOnTimesFieldsFragment = graphql(`
  fragment KpiOnTimesFields on KpiOnTimes {
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
`);

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
        ...KpiKeyCountFields
      }
      bySeverity {
        ...KpiKeyCountFields
      }
      byCauseClass {
        ...KpiKeyCountFields
      }
      byDepartment {
        ...KpiKeyCountFields
      }
      byProduct {
        ...KpiKeyCountFields
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
        ...KpiDurationsFields
      }
      toResolve {
        ...KpiDurationsFields
      }
      toClose {
        ...KpiDurationsFields
      }
      triageOnTime {
        ...KpiOnTimesFields
      }
      resolutionOnTime {
        ...KpiOnTimesFields
      }
      callbackOnTime {
        ...KpiOnTimesFields
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
