'use client';
import { getFragmentData } from '@/gql';
import { useGqlQuery } from '@/lib/data/gql-hooks';
import { IntakeForm } from './intake-form';
import { IntakeContractOptionFragment, IntakePortalContractsQuery } from './interaction-screen-operations';

/** The portal's lodge form: the customer's own contracts to pick from (the server checks again on submit). */
export function PortalIntakeForm() {
  const contracts = useGqlQuery(IntakePortalContractsQuery);
  const options = getFragmentData(IntakeContractOptionFragment, contracts.data?.viewer?.customer?.contracts);
  return <IntakeForm mode="customer" contracts={options ?? []} />;
}
