import { graphql } from '@/gql';

// The work-order documents of the console (list, detail, the technician's day, statistics) and the portal.

export const WorkOrderRowFieldsFragment = graphql(`
  fragment WorkOrderRowFields on WorkOrder {
    id
    number
    status
    priority
    equipment
    siteAddress
    requestedAt
    scheduledAt
    onSiteComplaintOverdue
    customer {
      id
      name
    }
    technician {
      id
      name
    }
  }
`);

export const WorkOrderListQuery = graphql(`
  query WorkOrderList($filter: WorkOrderFilter, $first: Int, $after: String) {
    workOrders(filter: $filter, first: $first, after: $after) {
      nodes {
        ...WorkOrderRowFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const WorkOrderDetailQuery = graphql(`
  query WorkOrderDetail($id: ID!) {
    workOrder(id: $id) {
      id
      number
      status
      origin
      priority
      version
      description
      siteAddress
      equipment
      requestedAt
      scheduledAt
      acceptedAt
      departedAt
      arrivedAt
      finishedAt
      workDone
      fee
      receiptNo
      customerFeedback
      signerName
      signerPhone
      signedOffAt
      hasSignature
      returnFeedback
      reportedAt
      closedAt
      cancelReason
      customerConfirmedAt
      onSiteComplaint
      onSiteComplaintDueAt
      onSiteComplaintOverdue
      viewerActions
      parts {
        name
        quantity
        direction
      }
      warrantyLines {
        id
        kind
        part
        quantity
        cost
      }
      customer {
        id
        name
      }
      technician {
        id
        name
      }
      dispatcher {
        id
        name
      }
      interaction {
        id
        number
      }
      complaint {
        id
        number
      }
      history {
        id
        action
        ...HistoryEntryFields
      }
    }
  }
`);

export const WorkOrderTechnicianDayQuery = graphql(`
  query WorkOrderTechnicianDay($technicianId: ID, $day: Date) {
    technicianDay(technicianId: $technicianId, day: $day) {
      ...WorkOrderRowFields
    }
  }
`);

export const WorkOrderTechniciansQuery = graphql(`
  query WorkOrderTechnicians {
    workOrderTechnicians {
      id
      name
    }
  }
`);

export const WorkOrderWeeklyStatsQuery = graphql(`
  query WorkOrderWeeklyStats($weekStart: Date!) {
    workOrderWeeklyStats(weekStart: $weekStart) {
      weekStart
      rows {
        technician {
          id
          name
        }
        finished
        onTime
        fees
        partsUsed
        repeatRepairs
      }
    }
  }
`);

export const WorkOrderCreateMutation = graphql(`
  mutation WorkOrderCreate($input: CreateWorkOrderInput!) {
    createWorkOrder(input: $input) {
      id
    }
  }
`);

export const WorkOrderAssignMutation = graphql(`
  mutation WorkOrderAssign($id: ID!, $version: Int!, $input: AssignWorkOrderInput!) {
    assignWorkOrder(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const WorkOrderAdvanceMutation = graphql(`
  mutation WorkOrderAdvance($id: ID!, $version: Int!, $step: WorkOrderStep!) {
    advanceWorkOrder(id: $id, version: $version, step: $step) {
      id
      version
    }
  }
`);

export const WorkOrderRecordWorkMutation = graphql(`
  mutation WorkOrderRecordWork($id: ID!, $version: Int!, $input: RecordWorkOrderWorkInput!) {
    recordWorkOrderWork(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const WorkOrderSignOffMutation = graphql(`
  mutation WorkOrderSignOff($id: ID!, $version: Int!, $input: SignOffWorkOrderInput!) {
    signOffWorkOrder(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const WorkOrderFlagComplaintMutation = graphql(`
  mutation WorkOrderFlagComplaint($id: ID!, $version: Int!, $complaint: String!) {
    flagWorkOrderComplaint(id: $id, version: $version, complaint: $complaint) {
      id
      version
    }
  }
`);

export const WorkOrderRegisterComplaintMutation = graphql(`
  mutation WorkOrderRegisterComplaint($id: ID!, $version: Int!) {
    registerWorkOrderComplaint(id: $id, version: $version) {
      id
      version
    }
  }
`);

export const WorkOrderWarrantyMutation = graphql(`
  mutation WorkOrderWarranty($id: ID!, $version: Int!, $input: WarrantyLineInput!) {
    addWorkOrderWarrantyLine(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const WorkOrderReportBackMutation = graphql(`
  mutation WorkOrderReportBack($id: ID!, $version: Int!, $returnFeedback: String!) {
    reportBackWorkOrder(id: $id, version: $version, returnFeedback: $returnFeedback) {
      id
      version
    }
  }
`);

export const WorkOrderCloseMutation = graphql(`
  mutation WorkOrderClose($id: ID!, $version: Int!) {
    closeWorkOrder(id: $id, version: $version) {
      id
      version
    }
  }
`);

export const WorkOrderCancelMutation = graphql(`
  mutation WorkOrderCancel($id: ID!, $version: Int!, $reason: String!) {
    cancelWorkOrder(id: $id, version: $version, reason: $reason) {
      id
      version
    }
  }
`);

export const WorkOrderPortalListQuery = graphql(`
  query WorkOrderPortalList($first: Int, $after: String) {
    workOrders(first: $first, after: $after) {
      nodes {
        id
        number
        status
        equipment
        scheduledAt
        finishedAt
        customerConfirmedAt
        viewerActions
        technician {
          id
          name
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

export const WorkOrderConfirmVisitMutation = graphql(`
  mutation WorkOrderConfirmVisit($id: ID!) {
    confirmWorkOrderVisit(id: $id) {
      id
      customerConfirmedAt
    }
  }
`);
