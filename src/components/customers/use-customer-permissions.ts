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

export type CustomerPermissions = {
  loaded: boolean;
  canWrite: boolean;
  canImport: boolean;
  /** Which blocks of the customer 360 page the viewer may read (a block they may not is not shown). */
  canReadInteractions: boolean;
  canReadCallbacks: boolean;
  canReadSurveys: boolean;
};

/** What the signed-in viewer may do with customers; write actions stay hidden until this says yes. */
export function useCustomerPermissions(): CustomerPermissions {
  const { data } = useGqlQuery(CustomersViewerQuery);
  const permissions = data?.viewer?.permissions ?? [];
  return {
    loaded: !!data,
    canWrite: permissions.includes('customers:write'),
    canImport: permissions.includes('customers:import'),
    canReadInteractions: permissions.includes('interactions:read'),
    canReadCallbacks: permissions.includes('callbacks:read'),
    canReadSurveys: permissions.includes('surveys:read'),
  };
}
