import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { SelectionMap } from '../selection';

type CustomerColumn = keyof typeof Prisma.CustomerScalarFieldEnum;
type ContactColumn = keyof typeof Prisma.ContactScalarFieldEnum;
type ContractColumn = keyof typeof Prisma.ContractScalarFieldEnum;

/** Which columns each field of the GraphQL `Customer` needs (see selection.ts); checked against the SDL by a test. */
export const CUSTOMER_SELECTION: SelectionMap<CustomerColumn> = {
  typeName: 'Customer',
  columns: Object.values(Prisma.CustomerScalarFieldEnum),
  // id: loaders and cursors; version: optimistic locking; the sort columns are read by cursor pagination itself.
  always: ['id', 'version'],
  // Fields other modules add to Customer (extend type Customer) resolve by the customer's id.
  needs: {
    owner: ['ownerId'],
    // The effective status: CANDIDATE while a nomination is open (key-account-status.query.ts), read with the row.
    keyAccountStatus: ['keyAccountStatus', 'hasOpenNomination'],
    contacts: [],
    contracts: [],
    contractTotal: [],
    history: [],
    interactions: [],
    callbacks: [],
    surveyResponses: [],
    gradeEvaluations: [],
    keyAccountObligations: [],
    // customer-360 module
    interactionsConnection: [],
    callbacksConnection: [],
    surveyResponsesConnection: [],
    satisfactionTrend: [],
    contractSummary: [],
    historyConnection: [],
    keyAccount: ['keyAccountStatus', 'hasOpenNomination', 'ownerId'],
    nextScheduledContact: [],
    keyAccountFlags: ['regionalLandmark', 'regionalLandmarkReason', 'strategicPotential', 'strategicPotentialReason'],
    // visits module: a salesperson sees only their own customers' cycles
    visitCycle: ['ownerId'],
  },
};

export const CONTACT_SELECTION: SelectionMap<ContactColumn> = {
  typeName: 'Contact',
  columns: Object.values(Prisma.ContactScalarFieldEnum),
  always: ['id', 'customerId'],
  needs: { customer: ['customerId'] },
};

export const CONTRACT_SELECTION: SelectionMap<ContractColumn> = {
  typeName: 'Contract',
  columns: Object.values(Prisma.ContractScalarFieldEnum),
  always: ['id', 'customerId'],
  needs: { customer: ['customerId'] },
};

/** The paths of a connection's nodes below the connection field. */
export const CONNECTION_NODES = [['nodes'], ['edges', 'node']] as const;
