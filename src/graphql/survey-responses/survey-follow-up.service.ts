import 'server-only';
import type { Callback, Interaction } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma } from '@/server/db';
import { badField, conflict, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { addBusinessHours } from '../complaints/sla-clock.rules';
import { isUuid } from '../cursor';
import { recordInteraction } from '../interactions/interaction.service';
import { RATING_RANGE } from './survey-answer.rules';
import { loadLowScoreRule, loadScoringTemplate } from './survey-response.service';
import { normalisedValue } from '../survey-analysis/survey-index.rules';
import { TX_OPTIONS } from '../survey-templates/survey-template.service';
import { activityMessage } from '@/lib/activity';

/**
 * Follow-ups of a low score (SPEC §6 low scores flagged; SPEC §5 "problems found reopen or create a complaint"): a
 * callback task, or a complaint registered through the intake's own code (numbering, SLA clocks, history). Any
 * submitted response may be followed up; the console offers it on the flagged ones. The follow-up reveals the answers,
 * so the viewer must also read surveys.
 */

async function submittedResponse(viewer: Viewer, responseId: string) {
  requirePermission(viewer, 'surveys:read');
  if (!isUuid(responseId)) throw notFound('SurveyResponse');
  const response = await prisma.surveyResponse.findFirst({
    where: { id: responseId, submittedAt: { not: null } },
    include: {
      campaign: { select: { name: true, periodLabel: true } },
      customer: { select: { id: true, name: true, ownerId: true, owner: { select: { active: true, role: true } } } },
    },
  });
  if (!response) throw notFound('SurveyResponse');
  return response;
}

/** Length of a working day in hours (businessHours setting), so "two business days" follows the company calendar. */
function workingDayHours(start: string, end: string): number {
  const minutes = (hm: string) => Number(hm.slice(0, hm.indexOf(':'))) * 60 + Number(hm.slice(hm.indexOf(':') + 1));
  return Math.max(1, (minutes(end) - minutes(start)) / 60);
}

/**
 * A SURVEY_FOLLOW_UP callback for the customer. Due by default in two business days (the company calendar; a low
 * score is a dissatisfied customer, to be called before the complaint hardens); assigned by default to the customer's
 * owner (their one-to-one contact), else to the viewer.
 */
export async function createFollowUpCallback(
  viewer: Viewer,
  responseId: string,
  args: { assigneeId?: string | null; dueAt?: Date | null },
  now: Date,
): Promise<Callback> {
  requirePermission(viewer, 'callbacks:write');
  const response = await submittedResponse(viewer, responseId);
  let assigneeId: string | null = null;
  if (args.assigneeId) {
    const assignee = isUuid(args.assigneeId)
      ? await prisma.user.findUnique({ where: { id: args.assigneeId }, select: { active: true, role: true } })
      : null;
    if (!assignee || !assignee.active || assignee.role === 'CUSTOMER')
      throw badField('assigneeId', 'survey.followUpAssigneeInvalid');
    assigneeId = args.assigneeId;
  } else if (
    response.customer.ownerId &&
    response.customer.owner?.active &&
    response.customer.owner.role !== 'CUSTOMER'
  ) {
    assigneeId = response.customer.ownerId;
  } else if (viewer.kind === 'staff') {
    assigneeId = viewer.userId;
  }
  let dueAt = args.dueAt ?? null;
  if (dueAt && dueAt <= now) throw badField('dueAt', 'callback.dueInPast');
  if (!dueAt) {
    const calendar = await loadBusinessCalendar();
    dueAt = addBusinessHours(now, 2 * workingDayHours(calendar.start, calendar.end), calendar);
  }
  const due = dueAt;
  return prisma.$transaction(async (tx) => {
    // One follow-up per low score: the response row is locked while checking, so a double click cannot make two.
    await tx.$queryRaw`SELECT id FROM "SurveyResponse" WHERE id = ${response.id}::uuid FOR UPDATE`;
    const existing = await tx.callback.findFirst({
      where: { surveyResponseId: response.id, status: { not: 'CANCELLED' } },
      select: { id: true },
    });
    if (existing) throw conflict('survey.followUpExists');
    const callback = await tx.callback.create({
      data: {
        customerId: response.customerId,
        reason: 'SURVEY_FOLLOW_UP',
        surveyResponseId: response.id,
        dueAt: due,
        assigneeId,
        createdAt: now,
      },
    });
    await appendHistory(tx, viewer, {
      entityType: 'Callback',
      entityId: callback.id,
      action: 'CREATE',
      toState: 'PENDING',
      message: activityMessage('survey.lowScoreCallback', { campaign: response.campaign.name }),
      changes: { surveyResponseId: response.id, index: response.indexScore?.toFixed(2) ?? null },
    });
    await appendHistory(tx, viewer, {
      entityType: 'SurveyResponse',
      entityId: response.id,
      action: 'FOLLOW_UP_CALLBACK',
      message: activityMessage('survey.callbackCreated'),
      changes: { callbackId: callback.id },
    });
    return callback;
  }, TX_OPTIONS);
}

/** "第 3 题「审核人员的专业能力」：2 分（满分 5）" — the answers that made the response low, for the complaint's text. */
async function lowAnswerLines(response: Awaited<ReturnType<typeof submittedResponse>>): Promise<string[]> {
  const [template, rule, answers] = await Promise.all([
    loadScoringTemplate(prisma, response.templateId),
    loadLowScoreRule(),
    prisma.surveyAnswer.findMany({ where: { responseId: response.id } }),
  ]);
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  const lines: string[] = [];
  for (const a of answers) {
    const q = byId.get(a.questionId);
    if (!q) continue;
    const value = normalisedValue(q, a);
    const label = `第 ${q.position + 1} 题「${q.text}」`;
    if (value !== null && value < rule.answerBelow) {
      const range = RATING_RANGE[q.type];
      const shown = range
        ? `${a.numericValue} 分（${range[0]}–${range[1]}）`
        : (q.choices.find((c) => c.value === a.choiceValues[0])?.label ?? a.choiceValues.join('、'));
      lines.push(`${label}：${shown}`);
    } else if (q.type === 'TEXT' && a.textValue) {
      lines.push(`${label}：${a.textValue}`);
    }
  }
  return lines;
}

/**
 * A complaint raised from a survey response: channel PHONE (the follow-up call), registered by the viewer through the
 * intake service (TS- number from its sequence, due times, history), linked by surveyResponseId. Subject and
 * description default from the campaign and the low answers.
 */
export async function createFollowUpComplaint(
  viewer: Viewer,
  responseId: string,
  args: { subject?: string | null; description?: string | null },
  now: Date,
): Promise<Interaction> {
  requirePermission(viewer, 'interactions:write');
  const response = await submittedResponse(viewer, responseId);
  // One complaint per response: the intake checks under a lock on the response (registerStaffInteraction).
  const contact = await prisma.contact.findFirst({
    where: { customerId: response.customerId },
    orderBy: [{ isPrimary: 'desc' }, { createdAt: 'asc' }],
    select: { name: true, phone: true, mobile: true, email: true },
  });
  const lines = await lowAnswerLines(response);
  const index = response.indexScore ? `，满意度指数 ${response.indexScore.toFixed(1)}` : '';
  const description =
    args.description?.trim() ||
    [
      `客户在「${response.campaign.name}」（${response.campaign.periodLabel}）中反馈不满意${index}。`,
      ...(lines.length ? ['', '低分及意见：', ...lines] : []),
    ].join('\n');
  const complaint = await recordInteraction(
    viewer,
    {
      type: 'COMPLAINT',
      channel: 'PHONE',
      customerId: response.customerId,
      contactName: contact?.name ?? null,
      contactPhone: contact?.mobile ?? contact?.phone ?? null,
      contactEmail: contact?.email ?? null,
      subject: args.subject?.trim() || `满意度调查低分跟进：${response.campaign.name}`.slice(0, 200),
      description: description.slice(0, 5000),
    },
    now,
    {
      surveyResponseId: response.id,
      onCreated: (tx, created) =>
        appendHistory(tx, viewer, {
          entityType: 'SurveyResponse',
          entityId: response.id,
          action: 'FOLLOW_UP_COMPLAINT',
          message: activityMessage('survey.complaintRegistered', { number: created.number }),
          changes: { interactionId: created.id },
        }),
    },
  );
  return complaint;
}
