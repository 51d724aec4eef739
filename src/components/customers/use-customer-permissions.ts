'use client';
import { graphql } from '@/gql';
import { useGqlQuery } from '@/lib/data/gql-hooks';

const CustomersViewerQuery = graphql(`
  query CustomersViewer {
    viewer {
      permissions
    }
  }
`);

export type CustomerPermissions = { loaded: boolean; canWrite: boolean; canImport: boolean };

/** What the signed-in viewer may do with customers; write actions stay hidden until this says yes. */
export function useCustomerPermissions(): CustomerPermissions {
  const { data } = useGqlQuery(CustomersViewerQuery);
  const permissions = data?.viewer?.permissions ?? [];
  return {
    loaded: !!data,
    canWrite: permissions.includes('customers:write'),
    canImport: permissions.includes('customers:import'),
  };
}
