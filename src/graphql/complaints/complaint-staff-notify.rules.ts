import type { Severity } from '@/generated/prisma/enums';
import type { ApprovalAuthority, CommandType, WorkflowRole } from './complaint-workflow.rules';
import { noticeMessage, type ActivityMessage, type NoticeKey } from '@/lib/activity';

/**
 * Who on the staff hears of a workflow step in the console (the bell, SPEC §4 hand-offs): the new owner of a
 * triaged complaint (or the department head when nobody is named) and the service manager when it is beyond the
 * department's authority, the approvers of a plan (核决权限 for its
 * severity), the owner when the plan is approved or sent back, quality when implementation is done and needs
 * verifying, the owner and the registering agent when the customer disputes, and the service contact whose callback task
 * the resolution created. The actor never notifies themselves. Pure: the service resolves roles and heads to users.
 */
export type StaffRecipients = { userIds: (string | null)[]; roles: WorkflowRole[]; headOfDepartmentId: string | null };
export type StaffNoticePlan = { kind: string; message: ActivityMessage<NoticeKey>; to: StaffRecipients };

export type StepFacts = {
  command: CommandType;
  accepted?: boolean;
  to: string;
  number: string;
  subject: string;
  severity: Severity | null;
  /** After the step. */
  ownerId: string | null;
  responsibleDepartmentId: string | null;
  /** The customer's contact in the service team (the registering agent, else who triaged): the callback's assignee. */
  serviceContactId: string | null;
  /** Triaged as beyond the department's authority: raised to the role above (the service manager). */
  escalated?: boolean;
};

const nobody: StaffRecipients = { userIds: [], roles: [], headOfDepartmentId: null };

export function staffNoticesOf(step: StepFacts, authority: ApprovalAuthority): StaffNoticePlan[] {
  const about = { number: step.number, subject: step.subject };
  // The notice's words: `notice.<kind>` of messages/<locale>/activity.json (one kind has a second wording for a department).
  const plan = (kind: string, to: Partial<StaffRecipients>, wording = kind): StaffNoticePlan[] => [
    { kind, message: noticeMessage(`notice.${wording}` as NoticeKey, about), to: { ...nobody, ...to } },
  ];
  switch (step.command) {
    case 'TRIAGE': {
      const raised = step.escalated ? plan('COMPLAINT_RAISED', { roles: ['SERVICE_MANAGER'] }) : [];
      if (step.ownerId) return [...plan('COMPLAINT_ASSIGNED', { userIds: [step.ownerId] }), ...raised];
      if (step.responsibleDepartmentId)
        return [
          ...plan(
            'COMPLAINT_ASSIGNED',
            { headOfDepartmentId: step.responsibleDepartmentId },
            'COMPLAINT_ASSIGNED_DEPARTMENT',
          ),
          ...raised,
        ];
      return raised;
    }
    case 'SUBMIT_FOR_APPROVAL':
      return plan('APPROVAL_REQUESTED', {
        roles: [...authority[step.severity ?? 'GENERAL'].approve],
      });
    case 'APPROVE':
      return plan('PLAN_APPROVED', { userIds: [step.ownerId] });
    case 'REJECT_PLAN':
      return plan('PLAN_REJECTED', { userIds: [step.ownerId] });
    case 'COMPLETE_IMPLEMENTATION':
      return plan('VERIFICATION_DUE', { roles: ['QUALITY_MANAGER'] });
    case 'VERIFY':
      if (step.to === 'RESOLVED') return plan('CALLBACK_CREATED', { userIds: [step.serviceContactId] });
      return plan('VERIFICATION_FAILED', { userIds: [step.ownerId] });
    case 'CUSTOMER_FEEDBACK':
      if (step.accepted === false)
        return plan('CUSTOMER_DISPUTED', {
          userIds: [step.ownerId, step.serviceContactId],
        });
      return [];
    default:
      return [];
  }
}

/** The users a plan reaches: named users, holders of the roles, the department head — each once, never the actor. */
export function recipientsOf(
  to: StaffRecipients,
  resolved: { roleHolders: readonly string[]; head: string | null },
  actorUserId: string | null,
): string[] {
  const all = [...to.userIds, ...resolved.roleHolders, resolved.head].filter(
    (id): id is string => !!id && id !== actorUserId,
  );
  return [...new Set(all)];
}
