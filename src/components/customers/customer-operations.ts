import { graphql } from '@/gql';

// The customer screens' GraphQL operations (typed by graphql-codegen's client preset; run `npm run generate` after
// editing). Names start with Customer/Customers because operation names are global across the console.

export const customersViewerQuery = graphql(`
  query CustomersViewer {
    viewer {
      permissions
    }
  }
`);

export const customersListQuery = graphql(`
  query CustomersList($filter: CustomerFilter, $sort: CustomerSort, $first: Int, $after: String) {
    customers(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totals {
        count
        initialAuditFee
        surveillanceAuditFee
        contractAmount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        contractNo
        certificateNo
        status
        province
        industry
        contactPerson
        phone
        creditStanding
        source
        grade
        keyAccountStatus
        applicationAcceptedAt
        auditDate
        plannedSurveillanceDate
        implementationDate
        initialAuditFee
        surveillanceAuditFee
        contractTotal
        owner {
          id
          name
        }
        archivedAt
        createdAt
        updatedAt
      }
    }
  }
`);

export const customersFacetsQuery = graphql(`
  query CustomersFacets {
    customerFacets {
      provinces
      industries
    }
  }
`);

export const customerOwnerOptionsQuery = graphql(`
  query CustomerOwnerOptions {
    users {
      id
      name
      email
      active
      department {
        id
        name
      }
    }
  }
`);

/** What both the customer page and the edit form read: every editable field, the contacts and the contracts. */
export const customerRecordFragment = graphql(`
  fragment CustomerRecord on Customer {
    id
    version
    archivedAt
    contractNo
    certificateNo
    name
    applicationAcceptedAt
    auditDate
    initialAuditFee
    surveillanceAuditFee
    plannedSurveillanceDate
    implementationDate
    status
    province
    address
    postcode
    contactPerson
    phone
    professionalCode
    certificationScope
    legalRepresentative
    handler
    businessCondition
    businessLines
    creditStanding
    industry
    source
    grade
    contacts {
      id
      name
      title
      phone
      mobile
      email
      isPrimary
    }
    contracts {
      id
      contractNo
      title
      amount
      signedAt
      startsAt
      endsAt
    }
  }
`);

export const customerDetailQuery = graphql(`
  query CustomerDetail($id: ID!) {
    customer(id: $id) {
      ...CustomerRecord
      keyAccountStatus
      owner {
        id
        name
        email
      }
      createdAt
      updatedAt
      contractTotal
      history {
        id
        action
        fromState
        toState
        comment
        changes
        actor {
          id
          name
        }
        actorLabel
        createdAt
      }
    }
  }
`);

export const customerEditQuery = graphql(`
  query CustomerEdit($id: ID!) {
    customer(id: $id) {
      ...CustomerRecord
      owner {
        id
      }
    }
  }
`);

export const customerCreateMutation = graphql(`
  mutation CustomerCreate($input: CustomerInput!) {
    createCustomer(input: $input) {
      id
      version
    }
  }
`);

export const customerUpdateMutation = graphql(`
  mutation CustomerUpdate($id: ID!, $version: Int!, $input: CustomerInput!) {
    updateCustomer(id: $id, version: $version, input: $input) {
      id
      version
    }
  }
`);

export const customerArchiveMutation = graphql(`
  mutation CustomerArchive($id: ID!, $version: Int!, $reason: String) {
    archiveCustomer(id: $id, version: $version, reason: $reason) {
      id
      version
      archivedAt
    }
  }
`);

export const customerRestoreMutation = graphql(`
  mutation CustomerRestore($id: ID!, $version: Int!) {
    restoreCustomer(id: $id, version: $version) {
      id
      version
      archivedAt
    }
  }
`);

export const customersImportMutation = graphql(`
  mutation CustomersImport($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
    importCustomers(format: $format, content: $content, dryRun: $dryRun) {
      ok
      dryRun
      rowCount
      importedCount
      errors {
        row
        field
        message
      }
    }
  }
`);
