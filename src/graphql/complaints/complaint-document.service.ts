import 'server-only';
import { TIME_ZONE } from '@/i18n/config';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma } from '@/server/db';
import { notFound, unauthenticated } from '@/server/errors';
import { renderPdf, type PrintableDocument } from '@/server/pdf/pdf-document';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import { interactionReadScope } from '../interactions/interaction.scope';
import { buildEightDReport, buildHandlingForm, type ComplaintDocumentData } from './complaint-document.rules';
import { loadApprovalAuthority } from './complaint.service';
import { activityTextIn, actorLabelIn } from '@/lib/activity';

const name = { select: { name: true } } as const;

/**
 * Everything the two documents print, in two round trips: the complaint with its relations (one Prisma query) and,
 * in parallel, its history (the 核决权限 setting comes from the in-process cache). Internal documents: staff and API clients holding
 * interactions:read, within their read scope (a department handler: its department's or its own complaints).
 * Customers get NOT_FOUND like anything outside the scope, so ids cannot be probed.
 */
export async function loadComplaintDocumentData(viewer: Viewer, id: string): Promise<ComplaintDocumentData> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind === 'customer' || !isUuid(id)) throw notFound('Complaint');
  requirePermission(viewer, 'interactions:read');
  const [row, history, authority] = await Promise.all([
    prisma.interaction.findFirst({
      where: { AND: [interactionReadScope(viewer), { id, type: 'COMPLAINT' }] },
      include: {
        customer: name,
        relatedContract: { select: { contractNo: true } },
        responsibleDepartment: name,
        owner: name,
        registeredBy: name,
        // Each relation selects what the documents print, so its rows go into the document data as they are.
        actions: {
          select: { kind: true, description: true, dueAt: true, status: true, completedAt: true, owner: name },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
        eightD: { omit: { id: true, interactionId: true, version: true, createdAt: true } },
        approvals: {
          select: { stage: true, decision: true, comment: true, createdAt: true, approver: name },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        },
        // Callbacks are being built in their own module; the form prints whatever rows exist.
        callbacks: {
          select: {
            reason: true,
            status: true,
            dueAt: true,
            completedAt: true,
            outcome: true,
            accuracyScore: true,
            timelinessScore: true,
            attitudeScore: true,
            otherDissatisfaction: true,
            suggestions: true,
            notes: true,
            assignee: name,
            completedBy: name,
          },
          orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        },
      },
    }),
    // Read with the complaint but only used once the complaint is found in scope (an out-of-scope id prints nothing).
    prisma.historyEntry.findMany({
      where: { entityType: 'Interaction', entityId: id },
      include: { actor: name },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
    loadApprovalAuthority(),
  ]);
  if (!row) throw notFound('Complaint');
  const e = row.eightD;
  return {
    number: row.number,
    channel: row.channel,
    status: row.status,
    subject: row.subject,
    description: row.description,
    desiredOutcome: row.desiredOutcome,
    customerName: row.customer?.name ?? row.companyName,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    productRef: row.productRef,
    orderRef: row.orderRef,
    contractNo: row.relatedContract?.contractNo ?? null,
    severity: row.severity,
    causeClass: row.causeClass,
    triageResult: row.triageResult,
    declineReason: row.declineReason,
    requires8D: row.requires8D,
    escalationLevel: row.escalationLevel,
    departmentName: row.responsibleDepartment?.name ?? null,
    ownerName: row.owner?.name ?? null,
    registeredByName: row.registeredBy?.name ?? null,
    createdAt: row.createdAt,
    triageDueAt: row.triageDueAt,
    triagedAt: row.triagedAt,
    resolutionDueAt: row.resolutionDueAt,
    resolvedAt: row.resolvedAt,
    callbackDueAt: row.callbackDueAt,
    closedAt: row.closedAt,
    customerFeedback: row.customerFeedback,
    customerFeedbackComment: row.customerFeedbackComment,
    warrantyOutcome: row.warrantyOutcome,
    authority: row.severity ? (authority[row.severity] ?? null) : null,
    actions: row.actions.map(({ owner, ...a }) => ({ ...a, ownerName: owner?.name ?? null })),
    eightD: e ? { ...e, d1Team: Array.isArray(e.d1Team) ? e.d1Team.map(String) : [] } : null,
    approvals: row.approvals.map(({ approver, ...a }) => ({ ...a, approverName: approver.name })),
    callbacks: row.callbacks.map(({ assignee, completedBy, ...c }) => ({
      ...c,
      assigneeName: assignee?.name ?? null,
      completedByName: completedBy?.name ?? null,
    })),
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      // The handling form is a Chinese document: what the system said, then what a person wrote.
      comment:
        [h.messageKey ? activityTextIn('zh-CN', h.messageKey, h.messageParams) : null, h.comment]
          .filter(Boolean)
          .join('\n') || null,
      actorName: h.actor?.name ?? actorLabelIn('zh-CN', h.actorLabel),
      createdAt: h.createdAt,
    })),
  };
}

export type ComplaintDocumentKind = 'eightD' | 'handlingForm';

const BUILDERS: Record<
  ComplaintDocumentKind,
  (d: ComplaintDocumentData, o: { timeZone: string }) => PrintableDocument
> = {
  eightD: buildEightDReport,
  handlingForm: buildHandlingForm,
};

/** The document as a PDF file, with the name it is served under. */
export async function complaintDocumentPdf(
  viewer: Viewer,
  id: string,
  kind: ComplaintDocumentKind,
  now: Date = clockNow(),
): Promise<{ filename: string; pdf: Buffer }> {
  const data = await loadComplaintDocumentData(viewer, id);
  const document = BUILDERS[kind](data, { timeZone: TIME_ZONE });
  return { filename: document.filename, pdf: await renderPdf(document, { generatedAt: now, timeZone: TIME_ZONE }) };
}
