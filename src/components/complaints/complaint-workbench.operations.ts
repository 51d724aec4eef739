import { graphql } from '@/gql';

// The workbench's record and its workflow steps, prefixed `Complaint` (operation names are global across the UI).

export const ComplaintWorkbenchQuery = graphql(`
  query ComplaintWorkbench($id: ID!) {
    interaction(id: $id) {
      id
      number
      type
      channel
      status
      subject
      description
      desiredOutcome
      companyName
      contactName
      contactPhone
      contactEmail
      productRef
      orderRef
      customer {
        id
        name
      }
      relatedContract {
        id
        contractNo
      }
      severity
      causeClass
      triageResult
      declineReason
      responsibleDepartment {
        id
        name
      }
      owner {
        id
        name
      }
      requires8D
      triageDueAt
      resolutionDueAt
      callbackDueAt
      currentStep {
        step
        dueAt
        waitsOn
      }
      triagedAt
      resolvedAt
      closedAt
      customerFeedback
      customerFeedbackComment
      warrantyOutcome
      escalationLevel
      availableCommands
      blockedCommands {
        command
        reason
        key
        params
      }
      version
      createdAt
      actions {
        id
        kind
        description
        owner {
          id
          name
        }
        dueAt
        status
        completedAt
        version
      }
      eightD {
        id
        d1Team
        d2Problem
        d3Containment
        d4RootCauseOccurrence
        d4RootCauseOutflow
        d5CorrectiveActions
        d6Verification
        d7Prevention
        fmeaUpdated
        controlPlanUpdated
        d8Recognition
        complete
        version
        updatedAt
      }
      approvals {
        id
        stage
        decision
        approver {
          id
          name
        }
        comment
        createdAt
      }
      history {
        id
        action
        fromState
        toState
        ...HistoryEntryFields
      }
    }
  }
`);

export const ComplaintTriageMutation = graphql(`
  mutation ComplaintTriage($id: ID!, $version: Int!, $input: TriageInput!) {
    triageComplaint(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const ComplaintDeclineMutation = graphql(`
  mutation ComplaintDecline($id: ID!, $version: Int!, $reason: String!) {
    declineInteraction(id: $id, version: $version, reason: $reason) {
      id
      version
    }
  }
`);

export const ComplaintAdvanceMutation = graphql(`
  mutation ComplaintAdvance($id: ID!, $version: Int!, $command: SimpleWorkflowCommand!, $comment: String) {
    advanceComplaint(id: $id, version: $version, command: $command, comment: $comment) {
      id
      version
    }
  }
`);

export const ComplaintVerifyMutation = graphql(`
  mutation ComplaintVerify(
    $id: ID!
    $version: Int!
    $effective: Boolean!
    $comment: String
    $warrantyOutcome: WarrantyOutcome
  ) {
    verifyComplaint(
      id: $id
      version: $version
      effective: $effective
      comment: $comment
      warrantyOutcome: $warrantyOutcome
    ) {
      id
      version
    }
  }
`);

export const ComplaintRespondMutation = graphql(`
  mutation ComplaintRespond($id: ID!, $version: Int!, $accepted: Boolean!, $comment: String) {
    respondToResolution(id: $id, version: $version, accepted: $accepted, comment: $comment) {
      id
      version
    }
  }
`);

export const ComplaintAnswerMutation = graphql(`
  mutation ComplaintAnswer($id: ID!, $version: Int!, $answer: String!) {
    answerInteraction(id: $id, version: $version, answer: $answer) {
      id
      version
    }
  }
`);
