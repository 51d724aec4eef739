import { graphql } from '@/gql';
import type { CustomerOwnerOptionsQuery as OwnerOptions } from '@/gql/graphql';

// The lookups several customer screens share (the list's filter panel, the form's pickers, the history's owner
// names): one operation each, so they are cached once. Each screen's own operations live in its component file.
// Names start with Customer/Customers because operation names are global across the console.

/**
 * A customer's contacts and contracts, as the edit form (CustomerRecord in customer-form.tsx) and the portal's company
 * profile (components/portal/company-profile.tsx) both read them.
 */
export const CustomerContactsAndContractsFragment = graphql(`
  fragment CustomerContactsAndContracts on Customer {
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

export const CustomersFacetsQuery = graphql(`
  query CustomersFacets {
    customerFacets {
      provinces
      industries
    }
  }
`);

export const CustomerOwnerOptionsQuery = graphql(`
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

/** A member of staff as the owner pickers and filters show them. */
export type CustomerOwnerOption = OwnerOptions['users'][number];
