'use client';
import { gqlRequest } from '@/lib/graphql-client';
import { customersViewerQuery } from './customer-operations';
import { useAsyncData } from './use-async-data';

export type CustomerPermissions = { loaded: boolean; canWrite: boolean; canImport: boolean };

/** What the signed-in viewer may do with customers; write actions stay hidden until this says yes. */
export function useCustomerPermissions(): CustomerPermissions {
  const { data } = useAsyncData(() => gqlRequest(customersViewerQuery), 'viewer');
  const permissions = data?.viewer?.permissions ?? [];
  return {
    loaded: !!data,
    canWrite: permissions.includes('customers:write'),
    canImport: permissions.includes('customers:import'),
  };
}
