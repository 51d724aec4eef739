import 'server-only';
import { randomUUID } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { SurveyCampaign, SurveyResponse, SurveyTemplate } from '@/generated/prisma/client';
import type { ResponseSource } from '@/generated/prisma/enums';
import { requirePermission } from '@/server/auth/policies';
import { countSurveyTokenFailure, surveyTokenRetryAfter } from '@/server/auth/rate-limit';
import { readSettingValue } from '@/server/config-cache';
import { prisma, type Tx } from '@/server/db';
import { badField, conflict, forbidden, notFound, tooManyRequests } from '@/server/errors';
import { appendHistory } from '@/server/history';
import { actingUserId, type Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import {
  checkAnswers,
  parseDraft,
  type AnswerInput,
  type CheckedAnswer,
  type QuestionSpec,
} from './survey-answer.rules';
import { FORM_STATE_MESSAGE, formState, type SurveyFormState } from '../survey-campaigns/survey-campaign.rules';
import {
  parseLowScoreRule,
  responseScore,
  type IndexDimension,
  type IndexQuestion,
  type ResponseScore,
} from '../survey-analysis/survey-index.rules';
import { parseChoices } from '../survey-templates/survey-template.rules';
import { TX_OPTIONS } from '../survey-templates/survey-template.service';
import { isWellFormedToken, surveyPath, surveyToken, tokenHash } from '../survey-campaigns/survey-token.service';
import type { AnalysisFilter } from '../survey-analysis/survey-analysis.service';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import { activityMessage } from '@/lib/activity';
import { emitSurveyResponseEvent } from '../webhooks/webhook-payload.service';
import { keyAccountStatusWhere } from '../key-accounts/key-account-status.query';

/**
 * Answering a survey (SPEC §6 "personal link (no login needed, one response per link)"): the public form behind a
 * token, drafts, the all-or-nothing submission, phone/fax/API entry by staff and systems, and the portal's list.
 *
 * One response per link is enforced by the database, not by a read-then-write: SurveyResponse.invitationId is unique
 * and a submission is one `INSERT … ON CONFLICT (invitationId) DO UPDATE … WHERE submittedAt IS NULL RETURNING id` —
 * of eight simultaneous submissions of one token exactly one gets a row back; the others get CONFLICT.
 */
const ENTITY = 'SurveyResponse';

// ───────────────────────────── the template as the rules need it ─────────────────────────────

export type ScoringQuestion = QuestionSpec & IndexQuestion & { text: string; position: number };
export type ScoringTemplate = { questions: ScoringQuestion[]; dimensions: IndexDimension[] };

export async function loadScoringTemplate(db: Tx | typeof prisma, templateId: string): Promise<ScoringTemplate> {
  const [questions, dimensions] = await Promise.all([
    db.surveyQuestion.findMany({
      where: { templateId },
      orderBy: { position: 'asc' },
      include: { dimension: { select: { code: true } } },
    }),
    db.surveyDimension.findMany({ where: { templateId }, orderBy: { position: 'asc' } }),
  ]);
  return {
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      choices: parseChoices(q.options),
      dimensionCode: q.dimension?.code ?? null,
      text: q.text,
      position: q.position,
    })),
    dimensions: dimensions.map((d) => ({ code: d.code, name: d.name, weight: d.weight.toNumber() })),
  };
}

/** The low-score rule (setting `surveyLowScore`, cached in process: config-cache.ts). */
export async function loadLowScoreRule() {
  return parseLowScoreRule(await readSettingValue('surveyLowScore'));
}

// ───────────────────────────── writing a submission ─────────────────────────────

export type Submission = {
  campaignId: string;
  templateId: string;
  customerId: string;
  invitationId: string | null;
  source: ResponseSource;
  enteredById: string | null;
  answers: readonly CheckedAnswer[];
  score: ResponseScore;
  submittedAt: Date;
};

/**
 * Writes a submitted response with its answers, the invitation's respondedAt and the history entry, inside the
 * caller's transaction. Takes over a saved draft of the same invitation; returns null when the invitation already has
 * a submitted response (the caller answers CONFLICT).
 */
export async function writeSubmission(tx: Tx, viewer: Viewer, s: Submission): Promise<SurveyResponse | null> {
  const id = randomUUID();
  const index = s.score.index === null ? null : s.score.index.toFixed(2);
  const { totals, nps } = s.score;
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "SurveyResponse" (id, "campaignId", "invitationId", "customerId", "templateId", source, "enteredById", draft, "submittedAt", "indexScore", "lowScore",
                                  "dimensionCodes", "dimensionSums", "dimensionCounts", "npsPromoters", "npsPassives", "npsDetractors", "createdAt", "updatedAt")
    VALUES (${id}::uuid, ${s.campaignId}::uuid, ${s.invitationId}::uuid, ${s.customerId}::uuid, ${s.templateId}::uuid, ${s.source}::"ResponseSource", ${s.enteredById}::uuid,
            NULL, ${s.submittedAt}, ${index}::numeric, ${s.score.lowScore},
            ${totals.map((t) => t.code)}::text[], ${totals.map((t) => t.sum)}::float8[], ${totals.map((t) => t.answers)}::int[], ${nps.promoters}, ${nps.passives}, ${nps.detractors},
            ${s.submittedAt}, ${s.submittedAt})
    ON CONFLICT ("invitationId") DO UPDATE SET
      source = EXCLUDED.source, "enteredById" = EXCLUDED."enteredById", draft = NULL, "submittedAt" = EXCLUDED."submittedAt",
      "indexScore" = EXCLUDED."indexScore", "lowScore" = EXCLUDED."lowScore",
      "dimensionCodes" = EXCLUDED."dimensionCodes", "dimensionSums" = EXCLUDED."dimensionSums", "dimensionCounts" = EXCLUDED."dimensionCounts",
      "npsPromoters" = EXCLUDED."npsPromoters", "npsPassives" = EXCLUDED."npsPassives", "npsDetractors" = EXCLUDED."npsDetractors", "updatedAt" = EXCLUDED."updatedAt"
    WHERE "SurveyResponse"."submittedAt" IS NULL
    RETURNING id`;
  const responseId = rows[0]?.id;
  if (!responseId) return null;
  // campaignId is copied onto each answer: the analysis aggregates a campaign's answers from their own index.
  await tx.surveyAnswer.createMany({
    data: s.answers.map((a) => ({
      responseId,
      campaignId: s.campaignId,
      questionId: a.questionId,
      numericValue: a.numericValue,
      choiceValues: a.choiceValues,
      textValue: a.textValue,
    })),
  });
  if (s.invitationId)
    await tx.surveyInvitation.updateMany({
      where: { id: s.invitationId, respondedAt: null },
      data: { respondedAt: s.submittedAt },
    });
  await appendHistory(tx, viewer, {
    entityType: ENTITY,
    entityId: responseId,
    action: 'SUBMIT',
    toState: 'SUBMITTED',
    message: activityMessage('survey.responseSubmitted', { source: s.source }),
    changes: {
      source: s.source,
      campaignId: s.campaignId,
      invitationId: s.invitationId,
      index,
      lowScore: s.score.lowScore,
      answers: s.answers.length,
    },
  });
  const response = await tx.surveyResponse.findUniqueOrThrow({ where: { id: responseId } });
  await emitSurveyResponseEvent(tx, 'survey_response.received', response);
  return response;
}

/** Re-reads the campaign under a share lock: a close (which updates the row) waits for this submission, or wins before it. */
async function openCampaignInTx(tx: Tx, campaignId: string, submittedAt: Date): Promise<SurveyCampaign> {
  await tx.$queryRaw`SELECT id FROM "SurveyCampaign" WHERE id = ${campaignId}::uuid FOR SHARE`;
  const campaign = await tx.surveyCampaign.findUniqueOrThrow({ where: { id: campaignId } });
  const state = formState(campaign, null, submittedAt);
  if (state !== 'OPEN') throw conflict(FORM_STATE_MESSAGE[state], { status: state });
  return campaign;
}

// ───────────────────────────── the personal link ─────────────────────────────

const WITH_FORM = { campaign: true, customer: { select: { name: true } }, response: true } as const;
type InvitationForForm = Prisma.SurveyInvitationGetPayload<{ include: typeof WITH_FORM }>;

/**
 * The invitation behind a token. Unknown tokens are NOT_FOUND and count against the caller's IP: after too many
 * (SURVEY_TOKEN_FAILURES_PER_IP, default 20 per 15 minutes) the IP gets TOO_MANY_REQUESTS, so tokens cannot be walked.
 */
async function invitationByToken(token: string, clientIp: string | null): Promise<InvitationForForm> {
  const wait = await surveyTokenRetryAfter(clientIp);
  if (wait > 0) throw tooManyRequests(wait);
  const invitation = isWellFormedToken(token)
    ? await prisma.surveyInvitation.findUnique({ where: { tokenHash: tokenHash(token) }, include: WITH_FORM })
    : null;
  if (!invitation) {
    await countSurveyTokenFailure(clientIp);
    throw notFound('Survey');
  }
  return invitation;
}

export type SurveyFormModel = {
  state: SurveyFormState;
  campaignName: string;
  customerName: string;
  opensAt: Date;
  closesAt: Date;
  template: SurveyTemplate | null;
  draft: CheckedAnswer[];
  submittedAt: Date | null;
};

async function formOf(
  invitation: InvitationForForm,
  now: Date,
  response: SurveyResponse | null = invitation.response,
): Promise<SurveyFormModel> {
  const submittedAt = response?.submittedAt ?? null;
  const state = formState(invitation.campaign, submittedAt, now);
  return {
    state,
    campaignName: invitation.campaign.name,
    customerName: invitation.customer.name,
    opensAt: invitation.campaign.opensAt,
    closesAt: invitation.campaign.closesAt,
    template:
      state === 'OPEN'
        ? await prisma.surveyTemplate.findUnique({ where: { id: invitation.campaign.templateId } })
        : null,
    draft: state === 'OPEN' && response && !response.submittedAt ? parseDraft(response.draft) : [],
    submittedAt,
  };
}

/** The form behind a personal link; the first read marks the invitation opened (once: a conditional update). */
export async function surveyForm(token: string, clientIp: string | null, now: Date): Promise<SurveyFormModel> {
  const invitation = await invitationByToken(token, clientIp);
  if (!invitation.openedAt)
    await prisma.surveyInvitation.updateMany({ where: { id: invitation.id, openedAt: null }, data: { openedAt: now } });
  return formOf(invitation, now);
}

/** A request through a personal link: the link's token, the visitor's address (for the rate limit) and the time. */
export type LinkVisit = { token: string; clientIp: string | null; now: Date };

/** The invitation behind a token whose form still takes answers; CONFLICT with the form's state when it does not. */
async function openInvitation({ token, clientIp, now }: LinkVisit): Promise<InvitationForForm> {
  const invitation = await invitationByToken(token, clientIp);
  const state = formState(invitation.campaign, invitation.response?.submittedAt ?? null, now);
  if (state !== 'OPEN') throw conflict(FORM_STATE_MESSAGE[state], { status: state });
  return invitation;
}

/** Saves progress: answers are checked for type (not for completeness) and kept on the response row as its draft. */
export async function saveSurveyDraft(visit: LinkVisit, answers: readonly AnswerInput[]): Promise<SurveyFormModel> {
  const { now } = visit;
  const invitation = await openInvitation(visit);
  const template = await loadScoringTemplate(prisma, invitation.campaign.templateId);
  const draft = checkAnswers(template.questions, answers, { complete: false });
  const json = JSON.stringify(draft);
  // A draft never overwrites a submitted response (WHERE submittedAt IS NULL), whatever the order of the requests.
  await prisma.$executeRaw`
    INSERT INTO "SurveyResponse" (id, "campaignId", "invitationId", "customerId", "templateId", source, draft, "createdAt", "updatedAt")
    VALUES (${randomUUID()}::uuid, ${invitation.campaignId}::uuid, ${invitation.id}::uuid, ${invitation.customerId}::uuid, ${invitation.campaign.templateId}::uuid,
            'LINK'::"ResponseSource", ${json}::jsonb, ${now}, ${now})
    ON CONFLICT ("invitationId") DO UPDATE SET draft = EXCLUDED.draft, "updatedAt" = EXCLUDED."updatedAt"
    WHERE "SurveyResponse"."submittedAt" IS NULL`;
  const response = await prisma.surveyResponse.findUnique({ where: { invitationId: invitation.id } });
  return formOf(invitation, now, response);
}

/**
 * Submits once, all or nothing: every answer is checked first (BAD_USER_INPUT with a message per question id); then
 * one transaction writes the response, its answers (with campaignId), its index and low-score flag, the invitation's
 * respondedAt and the history — or nothing. A closed or expired campaign refuses (CONFLICT with the state).
 */
export async function submitSurveyResponse(
  viewer: Viewer,
  visit: LinkVisit,
  answers: readonly AnswerInput[],
): Promise<SurveyFormModel> {
  const { now } = visit;
  const invitation = await openInvitation(visit);
  const [template, rule] = await Promise.all([
    loadScoringTemplate(prisma, invitation.campaign.templateId),
    loadLowScoreRule(),
  ]);
  const checked = checkAnswers(template.questions, answers, { complete: true });
  const score = responseScore(checked, template.questions, template.dimensions, rule);
  // Signed in to the portal as this customer: the same link, but we know it is them.
  const source: ResponseSource =
    viewer.kind === 'customer' && viewer.customerId === invitation.customerId ? 'PORTAL' : 'LINK';
  const response = await prisma.$transaction(async (tx) => {
    await openCampaignInTx(tx, invitation.campaignId, now);
    const written = await writeSubmission(tx, viewer, {
      campaignId: invitation.campaignId,
      templateId: invitation.campaign.templateId,
      customerId: invitation.customerId,
      invitationId: invitation.id,
      source,
      enteredById: null,
      answers: checked,
      score,
      submittedAt: now,
    });
    if (!written) throw conflict(FORM_STATE_MESSAGE.SUBMITTED, { status: 'SUBMITTED' });
    return written;
  }, TX_OPTIONS);
  return formOf(invitation, now, response);
}

// ───────────────────────────── staff and systems ─────────────────────────────

export type EnterResponseInput = {
  campaignId: string;
  customerId: string;
  source: ResponseSource;
  answers: readonly AnswerInput[];
};

/**
 * A response taken by phone or received by fax, entered by staff (marked with enteredBy), or submitted by another
 * system (source API, whatever it claims) [000 §4.7.1 "以电话、手动传真为辅助方式"]. It attaches to the customer's
 * invitation when there is one (and takes its place: one response per link); a customer outside the audience gets
 * one response per campaign, checked under a lock on the customer row.
 */
export async function enterSurveyResponse(
  viewer: Viewer,
  input: EnterResponseInput,
  now: Date,
): Promise<SurveyResponse> {
  requirePermission(viewer, 'surveys:respond');
  if (viewer.kind !== 'staff' && viewer.kind !== 'apiClient') throw forbidden();
  let source: ResponseSource = 'API';
  if (viewer.kind === 'staff') {
    if (input.source !== 'PHONE' && input.source !== 'FAX') throw badField('source', 'survey.staffSourceInvalid');
    source = input.source;
  }
  if (!isUuid(input.campaignId)) throw notFound('SurveyCampaign');
  const campaign = await prisma.surveyCampaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw notFound('SurveyCampaign');
  const state = formState(campaign, null, now);
  if (state !== 'OPEN') throw conflict(FORM_STATE_MESSAGE[state], { status: state });
  const customer = isUuid(input.customerId)
    ? await prisma.customer.findUnique({ where: { id: input.customerId }, select: { id: true } })
    : null;
  if (!customer) throw badField('customerId', 'callback.customerMissing');
  const [template, rule] = await Promise.all([loadScoringTemplate(prisma, campaign.templateId), loadLowScoreRule()]);
  const checked = checkAnswers(template.questions, input.answers, { complete: true });
  const score = responseScore(checked, template.questions, template.dimensions, rule);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${customer.id}::uuid FOR NO KEY UPDATE`;
    await openCampaignInTx(tx, campaign.id, now);
    let invitation = await tx.surveyInvitation.findUnique({
      where: { campaignId_customerId: { campaignId: campaign.id, customerId: customer.id } },
      select: { id: true },
    });
    if (!invitation) {
      const existing = await tx.surveyResponse.count({
        where: { campaignId: campaign.id, customerId: customer.id, submittedAt: { not: null } },
      });
      if (existing > 0) throw conflict('survey.alreadyResponded', { status: 'SUBMITTED' });
      // A customer surveyed outside the audience (by phone or fax) joins the campaign's invitations, never mailed, so
      // the response rate (answered ÷ invited) counts it on both sides instead of reading above 100 %.
      const invitationId = randomUUID();
      invitation = await tx.surveyInvitation.create({
        data: {
          id: invitationId,
          campaignId: campaign.id,
          customerId: customer.id,
          tokenHash: tokenHash(surveyToken(invitationId)),
          createdAt: now,
        },
        select: { id: true },
      });
    }
    const written = await writeSubmission(tx, viewer, {
      campaignId: campaign.id,
      templateId: campaign.templateId,
      customerId: customer.id,
      invitationId: invitation.id,
      source,
      enteredById: actingUserId(viewer),
      answers: checked,
      score,
      submittedAt: now,
    });
    if (!written) throw conflict('survey.alreadyResponded', { status: 'SUBMITTED' });
    return written;
  }, TX_OPTIONS);
}

export type PortalSurveyModel = {
  invitationId: string;
  campaignName: string;
  periodLabel: string;
  closesAt: Date;
  url: string;
  state: SurveyFormState;
};

/** The signed-in customer's own invitations in open campaigns, each with its personal link rebuilt from the id. */
export async function myOpenSurveys(viewer: Viewer, now: Date): Promise<PortalSurveyModel[]> {
  if (viewer.kind !== 'customer') throw forbidden('survey.customersOnly');
  const rows = await prisma.surveyInvitation.findMany({
    where: { customerId: viewer.customerId, campaign: { status: 'OPEN', closesAt: { gt: now } } },
    include: { campaign: true, response: { select: { submittedAt: true } } },
    orderBy: [{ campaign: { closesAt: 'asc' } }, { id: 'asc' }],
  });
  return rows.map((r) => ({
    invitationId: r.id,
    campaignName: r.campaign.name,
    periodLabel: r.campaign.periodLabel,
    closesAt: r.campaign.closesAt,
    url: surveyPath(surveyToken(r.id)),
    state: formState(r.campaign, r.response?.submittedAt ?? null, now),
  }));
}

// ───────────────────────────── reading responses (staff) ─────────────────────────────

/** The analysis' criteria (so a list or an export covers exactly what an analysis counts) and the list's own. */
export type ResponseFilter = AnalysisFilter & {
  campaignId?: string | null;
  periodLabel?: string | null;
  customerId?: string | null;
  lowScoreOnly?: boolean | null;
  source?: readonly ResponseSource[] | null;
};

export function responseWhere(filter: ResponseFilter = {}): Prisma.SurveyResponseWhereInput {
  const and: Prisma.SurveyResponseWhereInput[] = [{ submittedAt: { not: null } }];
  if (filter.campaignId) {
    if (!isUuid(filter.campaignId)) throw badField('campaignId', 'common.invalidId');
    and.push({ campaignId: filter.campaignId });
  }
  if (filter.customerId) {
    if (!isUuid(filter.customerId)) throw badField('customerId', 'common.invalidId');
    and.push({ customerId: filter.customerId });
  }
  if (filter.periodLabel) and.push({ campaign: { periodLabel: filter.periodLabel.trim().toUpperCase() } });
  // The analysis criteria (SurveyAnalysisFilter), so the low-score list and the raw export match the figures shown.
  if (filter.campaignIds?.length) {
    if (!filter.campaignIds.every(isUuid)) throw badField('campaignIds', 'common.invalidId');
    and.push({ campaignId: { in: [...filter.campaignIds] } });
  }
  if (filter.periodLabels?.length)
    and.push({ campaign: { periodLabel: { in: filter.periodLabels.map((p) => p.trim().toUpperCase()) } } });
  if (filter.templateKey) and.push({ campaign: { template: { key: filter.templateKey } } });
  if (filter.provinces?.length) and.push({ customer: { province: { in: [...filter.provinces] } } });
  if (filter.industries?.length) and.push({ customer: { industry: { in: [...filter.industries] } } });
  if (filter.grades?.length) and.push({ customer: { grade: { in: [...filter.grades] } } });
  if (filter.keyAccountStatuses?.length) and.push({ customer: keyAccountStatusWhere(filter.keyAccountStatuses) });
  if (filter.lowScoreOnly) and.push({ lowScore: true });
  if (filter.source?.length) and.push({ source: { in: [...filter.source] } });
  return { AND: and };
}

export type ResponsePage = {
  rows: SurveyResponse[];
  hasNextPage: boolean;
  endCursor: string | null;
  where: Prisma.SurveyResponseWhereInput;
};

/** Submitted responses, newest first (cursor pagination; id breaks ties). */
export async function listResponses(
  viewer: Viewer,
  args: { filter?: ResponseFilter | null; first?: number | null; after?: string | null },
): Promise<ResponsePage> {
  requirePermission(viewer, 'surveys:read');
  const first = pageSize(args.first);
  const where = responseWhere(args.filter ?? {});
  const rows = await prisma.surveyResponse.findMany({
    where,
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    ...cursorArgs(first, args.after),
  });
  return { ...pageOf(rows, first), where };
}

export const countResponses = (where: Prisma.SurveyResponseWhereInput) => prisma.surveyResponse.count({ where });

export async function getResponse(viewer: Viewer, id: string): Promise<SurveyResponse> {
  requirePermission(viewer, 'surveys:read');
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.surveyResponse.findFirst({ where: { id, submittedAt: { not: null } } });
  if (!row) throw notFound(ENTITY);
  return row;
}
