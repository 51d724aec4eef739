import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { SelectionMap } from '../selection';

type InteractionColumn = keyof typeof Prisma.InteractionScalarFieldEnum;

const ALL_COLUMNS = Object.values(Prisma.InteractionScalarFieldEnum);

/**
 * Which columns each field of the GraphQL `Interaction` needs (see selection.ts), so a list of complaints does not
 * read every row's description, desired outcome and feedback text when the screen shows a number, a subject and a due
 * time. Checked against the SDL by selection.test.ts.
 */
export const INTERACTION_SELECTION: SelectionMap<InteractionColumn> = {
  typeName: 'Interaction',
  columns: ALL_COLUMNS,
  // id: loaders and cursors; version: optimistic locking; the read scope's columns, for the field resolvers that
  // check a related record against the viewer.
  always: ['id', 'version', 'type', 'status', 'customerId', 'ownerId', 'responsibleDepartmentId'],
  needs: {
    customer: ['customerId'],
    relatedContract: ['relatedContractId'],
    sourceInteraction: ['sourceInteractionId'],
    derivedInteractions: [],
    registeredBy: ['registeredById'],
    attachments: [],
    timeline: [],
    history: [],
    // complaints module
    responsibleDepartment: ['responsibleDepartmentId'],
    owner: ['ownerId'],
    // The workflow's decision and the current step read the whole record (complaint-workflow.rules.ts).
    availableCommands: ALL_COLUMNS,
    blockedCommands: ALL_COLUMNS,
    currentStep: ALL_COLUMNS,
    actions: [],
    eightD: [],
    approvals: [],
    // callbacks module
    callbacks: [],
  },
};
