import { englishMessage, type ErrorKey, type ErrorParams } from '@/server/error-keys';
import type { INTERACTION_TYPES } from '../interactions/intake.rules';
/**
 * The complaint workflow of SPEC §4 as an explicit state machine (pure: no database, no clock).
 *
 *   REGISTERED ─TRIAGE→ TRIAGED ─START_INVESTIGATION→ INVESTIGATING ─PLAN_ACTIONS→ ACTION_PLANNED
 *   ACTION_PLANNED ─SUBMIT_FOR_APPROVAL→ PENDING_APPROVAL ─APPROVE→ IMPLEMENTING   (8D: major/crisis or on demand)
 *   ACTION_PLANNED ─START_IMPLEMENTATION→ IMPLEMENTING                              (light path: general complaints)
 *   PENDING_APPROVAL ─REJECT_PLAN→ INVESTIGATING
 *   IMPLEMENTING ─COMPLETE_IMPLEMENTATION→ VERIFYING ─VERIFY(effective)→ RESOLVED | ─VERIFY(not effective)→ INVESTIGATING
 *   RESOLVED ─CUSTOMER_FEEDBACK(accepted)→ RESOLVED | ─CUSTOMER_FEEDBACK(disputed)→ REOPENED
 *   RESOLVED ─COMPLETE_FOLLOW_UP→ FOLLOW_UP_DONE ─CLOSE→ CLOSED   (callback within 7 days; closure confirmed by quality)
 *     COMPLETE_FOLLOW_UP waits for the post-resolution callback: recording it (callbacks module) takes the step.
 *   REGISTERED | REOPENED | TRIAGED ─DECLINE→ REJECTED           ([000 §4.5] unreasonable: reason shown to the customer)
 *   RESOLVED | FOLLOW_UP_DONE | CLOSED | REJECTED ─REOPEN→ REOPENED ─TRIAGE→ TRIAGED …
 * Consultations, inquiries and suggestions: REGISTERED | REOPENED ─ANSWER→ RESOLVED ─CLOSE→ CLOSED.
 *
 * `decide` answers whether a command is allowed for this record and actor, and what changes; the service applies the
 * change with a version check and appends the history. A refused command changes nothing.
 */

export type ComplaintStatus =
  | 'REGISTERED'
  | 'TRIAGED'
  | 'INVESTIGATING'
  | 'ACTION_PLANNED'
  | 'PENDING_APPROVAL'
  | 'IMPLEMENTING'
  | 'VERIFYING'
  | 'RESOLVED'
  | 'FOLLOW_UP_DONE'
  | 'CLOSED'
  | 'REJECTED'
  | 'REOPENED';
/** While a complaint is worked (triaged and not yet resolved), its actions and its 8D record may be edited. */
export const WORK_STATES: readonly ComplaintStatus[] = [
  'TRIAGED',
  'INVESTIGATING',
  'ACTION_PLANNED',
  'PENDING_APPROVAL',
  'IMPLEMENTING',
  'VERIFYING',
  'REOPENED',
];

/** The work queues of the console (SPEC §4), in the order of their tabs. */
export const COMPLAINT_QUEUES = [
  'MINE',
  'MY_DEPARTMENT',
  'UNASSIGNED',
  'DUE_SOON',
  'OVERDUE',
  'CRISIS',
  // The steps that wait on someone other than the owner: plans awaiting the viewer's approval (核决权限 by severity),
  // and resolutions awaiting quality's verification of effectiveness.
  'MY_APPROVAL',
  'VERIFICATION',
  // 待关闭: complaints whose follow-up is done, awaiting quality's confirmation of the closure (FOLLOW_UP_DONE). Not an
  // open complaint (the resolution is accepted), so this one queue reads the complaints awaiting closure instead.
  'AWAITING_CLOSURE',
  'OPEN',
] as const;
/** The queue whose complaints lie outside the open ones (complaint-queue.service.ts reads it from its own indexes). */
export const CLOSURE_QUEUE = 'AWAITING_CLOSURE' satisfies (typeof COMPLAINT_QUEUES)[number];
export type ComplaintQueue = (typeof COMPLAINT_QUEUES)[number];

/** Severities, mildest first (the enum's order: the SLA and authority tables, the reports). */
export const SEVERITIES = ['GENERAL', 'MAJOR', 'CRISIS'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** The same, gravest first: the order the queue and dashboard filters offer them. */
export const SEVERITIES_GRAVEST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();
/** Triage's cause classes (质量问题 / 非质量问题). */
export const CAUSE_CLASSES = ['QUALITY', 'NON_QUALITY'] as const;
export type CauseClass = (typeof CAUSE_CLASSES)[number];
/** Longest comment on a workflow step (a customer's feedback on the resolution, a verification note, …). */
export const WORKFLOW_COMMENT_MAX = 2000;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
export type WorkflowRole =
  | 'ADMIN'
  | 'SERVICE_AGENT'
  | 'QUALITY_MANAGER'
  | 'DEPARTMENT_HANDLER'
  | 'SERVICE_MANAGER'
  | 'EXECUTIVE'
  | 'DISPATCHER'
  | 'TECHNICIAN'
  | 'CUSTOMER';

/**
 * Who takes a step: a person by their role, or SERVICE_ACCOUNT — an API key with the complaints:workflow scope acting as
 * its named service account. The admin who granted the scope delegated the staff workflow to the other system (its own
 * approvals included), so it may take every step staff may take; the customer's answer it records on the customer's
 * behalf, as the desk does. It is not a role 核决权限 lists.
 */
export type ActorRole = WorkflowRole | 'SERVICE_ACCOUNT';

export type WorkflowActor = { role: ActorRole; userId: string; departmentId: string | null };

export type ActionItem = {
  kind: 'CONTAINMENT' | 'CORRECTIVE' | 'PREVENTIVE';
  status: 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'VERIFIED' | 'CANCELLED';
};

export type WorkflowRecord = {
  type: InteractionType;
  status: ComplaintStatus;
  severity: Severity | null;
  causeClass: CauseClass | null;
  responsibleDepartmentId: string | null;
  ownerId: string | null;
  requires8D: boolean;
  /** D1–D7 of the 8D record are filled in. */
  eightDComplete: boolean;
  actions: readonly ActionItem[];
  verifiedEffective: boolean;
  customerFeedback: 'ACCEPTED' | 'DISPUTED' | null;
  /** The post-resolution callback task is still pending (SPEC §4: follow-up done = the callback, within 7 days). */
  callbackPending: boolean;
};

export type WorkflowCommand =
  | {
      type: 'TRIAGE';
      severity: Severity;
      causeClass: CauseClass;
      triageResult: 'WITHIN_AUTHORITY' | 'BEYOND_AUTHORITY';
      responsibleDepartmentId: string;
      ownerId: string | null;
      requires8D?: boolean;
    }
  | { type: 'DECLINE'; reason: string }
  | { type: 'START_INVESTIGATION' }
  | { type: 'PLAN_ACTIONS' }
  | { type: 'SUBMIT_FOR_APPROVAL' }
  | { type: 'APPROVE'; comment?: string | null }
  | { type: 'REJECT_PLAN'; comment: string }
  | { type: 'START_IMPLEMENTATION' }
  | { type: 'COMPLETE_IMPLEMENTATION' }
  | { type: 'VERIFY'; effective: boolean; comment?: string | null }
  | { type: 'CUSTOMER_FEEDBACK'; accepted: boolean; comment?: string | null }
  | { type: 'COMPLETE_FOLLOW_UP' }
  | { type: 'CLOSE'; comment?: string | null }
  | { type: 'REOPEN'; reason: string }
  | { type: 'ANSWER'; answer: string };

export type CommandType = WorkflowCommand['type'];

/** 核决权限: who may approve a disposition and confirm a closure, per severity. Configurable in settings. */
export type ApprovalAuthority = Record<Severity, { approve: readonly WorkflowRole[]; close: readonly WorkflowRole[] }>;

export const DEFAULT_AUTHORITY: ApprovalAuthority = {
  GENERAL: { approve: ['QUALITY_MANAGER', 'SERVICE_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] },
  MAJOR: { approve: ['QUALITY_MANAGER', 'EXECUTIVE'], close: ['QUALITY_MANAGER'] },
  CRISIS: { approve: ['EXECUTIVE'], close: ['QUALITY_MANAGER', 'EXECUTIVE'] },
};

/** What an allowed command changes besides the status; `escalate` asks the service to raise the escalation level. */
export type WorkflowPatch = Partial<WorkflowRecord> & {
  triageResult?: 'UNREASONABLE' | 'WITHIN_AUTHORITY' | 'BEYOND_AUTHORITY';
  declineReason?: string;
  escalate?: boolean;
};

export type Decision =
  | { ok: true; to: ComplaintStatus; patch: WorkflowPatch; visibleToCustomer: boolean }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'PRECONDITION'; key: ErrorKey; params?: ErrorParams };

const INTAKE_ROLES: readonly WorkflowRole[] = ['SERVICE_AGENT', 'SERVICE_MANAGER', 'QUALITY_MANAGER'];
const QUALITY: readonly WorkflowRole[] = ['QUALITY_MANAGER'];

/** The transitions each command may take: from → to (for VERIFY and CUSTOMER_FEEDBACK the outcome picks `to`). */
const FROM: Record<CommandType, readonly ComplaintStatus[]> = {
  TRIAGE: ['REGISTERED', 'REOPENED'],
  DECLINE: ['REGISTERED', 'REOPENED', 'TRIAGED'],
  START_INVESTIGATION: ['TRIAGED'],
  PLAN_ACTIONS: ['INVESTIGATING'],
  SUBMIT_FOR_APPROVAL: ['ACTION_PLANNED'],
  APPROVE: ['PENDING_APPROVAL'],
  REJECT_PLAN: ['PENDING_APPROVAL'],
  START_IMPLEMENTATION: ['ACTION_PLANNED'],
  COMPLETE_IMPLEMENTATION: ['IMPLEMENTING'],
  VERIFY: ['VERIFYING'],
  CUSTOMER_FEEDBACK: ['RESOLVED'],
  COMPLETE_FOLLOW_UP: ['RESOLVED'],
  CLOSE: ['FOLLOW_UP_DONE', 'RESOLVED'],
  REOPEN: ['RESOLVED', 'FOLLOW_UP_DONE', 'CLOSED', 'REJECTED'],
  ANSWER: ['REGISTERED', 'REOPENED'],
};

/** Every command, in the workflow's order (a history entry of a step is stored under its command). */
export const WORKFLOW_COMMANDS = Object.keys(FROM) as readonly CommandType[];

/** 8D for major and crisis complaints, or when asked for [002 C9 5.3]. */
export const needs8D = (r: Pick<WorkflowRecord, 'severity' | 'requires8D'>) =>
  r.requires8D || r.severity === 'MAJOR' || r.severity === 'CRISIS';

const refuse = (
  code: 'FORBIDDEN' | 'INVALID_TRANSITION' | 'PRECONDITION',
  key: ErrorKey,
  params?: ErrorParams,
): Decision => ({ ok: false, code, key, ...(params ? { params } : {}) });
const allow = (to: ComplaintStatus, patch: WorkflowPatch = {}, visibleToCustomer = true): Decision => ({
  ok: true,
  to,
  patch,
  visibleToCustomer,
});

/** The responsible department's handler, the complaint's owner, or quality: who works an investigation. */
function worksTheCase(r: WorkflowRecord, a: WorkflowActor): boolean {
  if (a.role === 'QUALITY_MANAGER' || a.role === 'SERVICE_ACCOUNT') return true;
  if (r.ownerId !== null && r.ownerId === a.userId) return true;
  return a.role === 'DEPARTMENT_HANDLER' && a.departmentId !== null && a.departmentId === r.responsibleDepartmentId;
}

const openActions = (r: WorkflowRecord) => r.actions.filter((x) => x.status !== 'CANCELLED');

export function decide(
  record: WorkflowRecord,
  command: WorkflowCommand,
  actor: WorkflowActor,
  authority: ApprovalAuthority = DEFAULT_AUTHORITY,
): Decision {
  const isComplaint = record.type === 'COMPLAINT';
  if (!FROM[command.type].includes(record.status)) {
    return refuse('INVALID_TRANSITION', 'workflow.notAllowedInState', { status: record.status, command: command.type });
  }
  const complaintOnly =
    command.type !== 'ANSWER' && command.type !== 'CLOSE' && command.type !== 'REOPEN' && command.type !== 'DECLINE';
  if (complaintOnly && !isComplaint)
    return refuse('INVALID_TRANSITION', 'workflow.complaintsOnly', { command: command.type });
  if (command.type === 'ANSWER' && isComplaint) return refuse('INVALID_TRANSITION', 'workflow.complaintNotAnswered');
  const role = actor.role;
  const may = (roles: readonly WorkflowRole[]) => role === 'SERVICE_ACCOUNT' || roles.includes(role);

  switch (command.type) {
    case 'TRIAGE':
      if (!may(INTAKE_ROLES)) return refuse('FORBIDDEN', 'workflow.triageRoles');
      return allow('TRIAGED', {
        severity: command.severity,
        causeClass: command.causeClass,
        responsibleDepartmentId: command.responsibleDepartmentId,
        ownerId: command.ownerId,
        // Choosing 重大/危机 at triage is what makes 8D required: the record says so from then on [002 C9 5.3].
        requires8D: needs8D({ severity: command.severity, requires8D: command.requires8D ?? record.requires8D }),
        triageResult: command.triageResult,
        // Beyond the department's authority → escalate to the role above [000 §4.5].
        escalate: command.triageResult === 'BEYOND_AUTHORITY',
      });
    case 'DECLINE':
      if (!may(INTAKE_ROLES)) return refuse('FORBIDDEN', 'workflow.declineRoles');
      if (!command.reason.trim()) return refuse('PRECONDITION', 'workflow.declineReasonRequired');
      return allow('REJECTED', { triageResult: 'UNREASONABLE', declineReason: command.reason.trim() });
    case 'START_INVESTIGATION':
      if (!worksTheCase(record, actor)) return refuse('FORBIDDEN', 'workflow.investigateRoles');
      if (!record.ownerId) return refuse('PRECONDITION', 'workflow.ownerRequired');
      return allow('INVESTIGATING');
    case 'PLAN_ACTIONS':
      if (!worksTheCase(record, actor)) return refuse('FORBIDDEN', 'workflow.planRoles');
      if (!openActions(record).some((x) => x.kind === 'CORRECTIVE'))
        return refuse('PRECONDITION', 'workflow.actionRequired');
      if (needs8D(record) && !record.eightDComplete) return refuse('PRECONDITION', 'workflow.eightDRequired');
      return allow('ACTION_PLANNED', {}, false);
    case 'SUBMIT_FOR_APPROVAL':
      if (!worksTheCase(record, actor)) return refuse('FORBIDDEN', 'workflow.submitRoles');
      return allow('PENDING_APPROVAL', {}, false);
    case 'START_IMPLEMENTATION':
      if (!worksTheCase(record, actor)) return refuse('FORBIDDEN', 'workflow.implementRoles');
      if (needs8D(record)) return refuse('PRECONDITION', 'workflow.approvalRequired');
      return allow('IMPLEMENTING');
    case 'APPROVE':
    case 'REJECT_PLAN': {
      const approvers = authority[record.severity ?? 'GENERAL'].approve;
      if (!may(approvers)) return refuse('FORBIDDEN', 'workflow.approverRoles', { roles: approvers.join('/') });
      if (command.type === 'REJECT_PLAN' && !command.comment.trim())
        return refuse('PRECONDITION', 'workflow.rejectCommentRequired');
      return command.type === 'APPROVE' ? allow('IMPLEMENTING') : allow('INVESTIGATING', {}, false);
    }
    case 'COMPLETE_IMPLEMENTATION':
      if (!worksTheCase(record, actor)) return refuse('FORBIDDEN', 'workflow.completeRoles');
      if (openActions(record).some((x) => x.status !== 'DONE' && x.status !== 'VERIFIED'))
        return refuse('PRECONDITION', 'workflow.actionsOpen');
      return allow('VERIFYING');
    case 'VERIFY':
      if (!may(QUALITY)) return refuse('FORBIDDEN', 'workflow.verifyRoles');
      if (!command.effective) return allow('INVESTIGATING', { verifiedEffective: false });
      if (!record.ownerId || !record.responsibleDepartmentId)
        return refuse('PRECONDITION', 'workflow.ownerAndDepartmentRequired');
      return allow('RESOLVED', { verifiedEffective: true });
    case 'CUSTOMER_FEEDBACK':
      if (role !== 'CUSTOMER' && !may(['SERVICE_AGENT', 'SERVICE_MANAGER']))
        return refuse('FORBIDDEN', 'workflow.feedbackRoles');
      // A dispute reopens the complaint: the department needs to know what is still wrong.
      if (!command.accepted && !command.comment?.trim())
        return refuse('PRECONDITION', 'workflow.disputeReasonRequired');
      return command.accepted
        ? allow('RESOLVED', { customerFeedback: 'ACCEPTED' })
        : allow('REOPENED', { customerFeedback: 'DISPUTED', verifiedEffective: false });
    case 'COMPLETE_FOLLOW_UP':
      if (!may(['SERVICE_AGENT', 'SERVICE_MANAGER'])) return refuse('FORBIDDEN', 'workflow.followUpRoles');
      // The follow-up is the callback itself: while its task is pending, only recording the callback completes it.
      if (record.callbackPending) return refuse('PRECONDITION', 'workflow.callbackPending');
      return allow('FOLLOW_UP_DONE');
    case 'CLOSE':
      if (isComplaint) {
        if (record.status !== 'FOLLOW_UP_DONE') return refuse('INVALID_TRANSITION', 'workflow.closeNeedsFollowUp');
        const closers = authority[record.severity ?? 'GENERAL'].close;
        if (!may(closers)) return refuse('FORBIDDEN', 'workflow.closeRoles');
        if (!record.verifiedEffective) return refuse('PRECONDITION', 'workflow.closeNeedsVerification');
        return allow('CLOSED');
      }
      if (record.status !== 'RESOLVED') return refuse('INVALID_TRANSITION', 'workflow.closeNeedsAnswer');
      if (!may(INTAKE_ROLES)) return refuse('FORBIDDEN', 'workflow.closeIntakeRoles');
      return allow('CLOSED');
    case 'REOPEN':
      if (!may(INTAKE_ROLES)) return refuse('FORBIDDEN', 'workflow.reopenRoles');
      if (!command.reason.trim()) return refuse('PRECONDITION', 'workflow.reopenReasonRequired');
      return allow('REOPENED', { verifiedEffective: false, customerFeedback: null });
    case 'ANSWER':
      if (!may(INTAKE_ROLES)) return refuse('FORBIDDEN', 'workflow.answerRoles');
      if (!command.answer.trim()) return refuse('PRECONDITION', 'workflow.answerRequired');
      return allow('RESOLVED');
  }
}

/** One probe per command, with placeholder arguments that pass the argument checks. */
function probes(record: WorkflowRecord): WorkflowCommand[] {
  return [
    {
      type: 'TRIAGE',
      severity: record.severity ?? 'GENERAL',
      causeClass: record.causeClass ?? 'QUALITY',
      triageResult: 'WITHIN_AUTHORITY',
      responsibleDepartmentId: record.responsibleDepartmentId ?? '-',
      ownerId: record.ownerId,
    },
    { type: 'DECLINE', reason: 'x' },
    { type: 'START_INVESTIGATION' },
    { type: 'PLAN_ACTIONS' },
    { type: 'SUBMIT_FOR_APPROVAL' },
    { type: 'APPROVE' },
    { type: 'REJECT_PLAN', comment: 'x' },
    { type: 'START_IMPLEMENTATION' },
    { type: 'COMPLETE_IMPLEMENTATION' },
    { type: 'VERIFY', effective: true },
    { type: 'CUSTOMER_FEEDBACK', accepted: true },
    { type: 'COMPLETE_FOLLOW_UP' },
    { type: 'CLOSE' },
    { type: 'REOPEN', reason: 'x' },
    { type: 'ANSWER', answer: 'x' },
  ];
}

/** Commands the actor may issue on the record now: what the UI offers as buttons. */
export function availableCommands(
  record: WorkflowRecord,
  actor: WorkflowActor,
  authority: ApprovalAuthority = DEFAULT_AUTHORITY,
): CommandType[] {
  return probes(record)
    .filter((c) => decide(record, c, actor, authority).ok)
    .map((c) => c.type);
}

/**
 * Commands the actor would be allowed to issue in this state but whose precondition is not met yet (e.g. planning
 * before a corrective action exists), with the reason — so the UI can say why a step is not offered.
 */
export function blockedCommands(
  record: WorkflowRecord,
  actor: WorkflowActor,
  authority: ApprovalAuthority = DEFAULT_AUTHORITY,
): { command: CommandType; reason: string; key: ErrorKey; params: ErrorParams | null }[] {
  return probes(record).flatMap((c) => {
    const decision = decide(record, c, actor, authority);
    return !decision.ok && decision.code === 'PRECONDITION'
      ? [
          {
            command: c.type,
            key: decision.key,
            params: decision.params ?? null,
            reason: englishMessage(decision.key, decision.params),
          },
        ]
      : [];
  });
}
