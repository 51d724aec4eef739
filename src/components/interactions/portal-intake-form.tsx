'use client';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { IntakeForm } from './intake-form';
import { IntakePortalContractsQuery } from './interaction-screen-operations';

/** The portal's lodge form: the customer's own contracts to pick from (the server checks again on submit). */
export function PortalIntakeForm() {
  const contracts = useGqlQuery(IntakePortalContractsQuery);
  return <IntakeForm mode="customer" contracts={contracts.data?.viewer?.customer?.contracts ?? []} />;
}
