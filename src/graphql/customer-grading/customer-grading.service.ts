import 'server-only';
import { Prisma, type CustomerGradeEvaluation } from '@/generated/prisma/client';
import { can, requirePermission } from '@/server/auth/policies';
import { prisma, WRITE_TX_OPTIONS, type Tx } from '@/server/db';
import { zodFieldErrors } from '@/server/error-keys';
import { badField, badInput, conflict, forbidden, notFound } from '@/server/errors';
import { appendHistory, diffFields } from '@/server/history';
import { actingUserId, type Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { isUuid } from '../cursor';
import { cursorArgs, pageOf, pageSize } from '../pagination.rules';
import { storeSetting } from '../service-rules/service-rules.service';
import {
  GRADE_FORM_SETTING,
  GRADING_LIMITS,
  gradeFormOf,
  scoreEvaluation,
  ZGradeForm,
  ZPeriod,
  type CustomerGrade,
  type GradeForm,
  type ScoredCriterion,
} from './customer-grading.rules';

/**
 * Customer grading (分等分级, SPEC §1; 受审核方服务有效性水平评价表 [000 §4.2.3]). The form and bands are the setting
 * `customerGradeForm` (read with customers:read — those who evaluate need it — changed with settings:manage; the
 * change goes to the service rules' history). Evaluating and overriding need customers:write.
 *
 * The customer's grade is written only here: an evaluation sets it from its total by the bands (the latest
 * evaluation recorded decides, and clears an override), an override sets it by hand with a reason. Each bumps the
 * customer's version and appends a Customer history entry in the same transaction as its own write.
 */

const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

export type GradeEvaluationPage = { rows: CustomerGradeEvaluation[]; hasNextPage: boolean; endCursor: string | null };

// ───────────────────────────── The form (setting) ─────────────────────────────

async function readForm(db: Tx | typeof prisma): Promise<{ form: GradeForm; version: number }> {
  const row = await db.setting.findUnique({ where: { key: GRADE_FORM_SETTING } });
  return { form: gradeFormOf(row?.value ?? null), version: row?.version ?? 0 };
}

export async function getCustomerGradeForm(viewer: Viewer) {
  requirePermission(viewer, 'customers:read');
  const { form, version } = await readForm(prisma);
  return { ...form, version };
}

/** Saves the form read at `version` (0: the defaults, not stored yet); a stale version → CONFLICT. */
export async function updateCustomerGradeForm(viewer: Viewer, version: number, input: unknown) {
  requirePermission(viewer, 'settings:manage');
  const parsed = ZGradeForm.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const form: GradeForm = {
    criteria: parsed.data.criteria.map((c) => ({ ...c, description: c.description || null })),
    bands: parsed.data.bands,
  };
  const stale = (currentVersion: number) => conflict('grading.formStale', { currentVersion });
  const saved = await prisma.$transaction(async (tx) => {
    const current = await readForm(tx);
    if (current.version !== version) throw stale(current.version);
    return storeSetting(tx, viewer, {
      key: GRADE_FORM_SETTING,
      version,
      value: form as unknown as Prisma.InputJsonValue,
      changes: diffFields(current.form, form) as Prisma.InputJsonValue,
      stale,
    });
  }, WRITE_TX_OPTIONS);
  return { ...form, version: saved };
}

// ───────────────────────────── Evaluating ─────────────────────────────

export type EvaluateInput = {
  customerId: string;
  period: string;
  scores: readonly { key: string; score: number }[];
  comment?: string | null;
};

/**
 * Records one evaluation and sets the grade from its total: the evaluation, the customer's grade (override cleared,
 * version bumped) and the history entry in one transaction. The (customer, period) unique index makes a second
 * evaluation of the period fail under concurrency too → CONFLICT.
 */
export async function evaluateCustomerGrade(viewer: Viewer, input: EvaluateInput) {
  requirePermission(viewer, 'customers:write');
  const evaluatorId = evaluatorOf(viewer);
  if (!isUuid(input.customerId)) throw notFound('Customer');
  const period = ZPeriod.safeParse(input.period);
  if (!period.success) throw badField('period', 'grading.periodInvalid');
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > GRADING_LIMITS.commentMax)
    throw badField('comment', 'validation.tooLong', { max: GRADING_LIMITS.commentMax });
  const { form } = await readForm(prisma);
  const result = scoreEvaluation(form, input.scores);
  if (!result.ok) throw badInput('common.invalidInput', result.problems);

  try {
    return await prisma.$transaction(async (tx) => {
      const before = await tx.customer.findUnique({ where: { id: input.customerId }, select: { grade: true } });
      if (!before) throw notFound('Customer');
      const evaluation = await tx.customerGradeEvaluation.create({
        data: {
          customerId: input.customerId,
          evaluatorId,
          period: period.data,
          scores: result.scored as unknown as Prisma.InputJsonValue,
          totalScore: new Prisma.Decimal(result.total.toFixed(2)),
          grade: result.grade,
          comment,
        },
      });
      await tx.customer.update({
        where: { id: input.customerId },
        data: {
          grade: result.grade,
          gradeOverrideReason: null,
          gradeOverriddenAt: null,
          version: { increment: 1 },
        },
        select: { id: true },
      });
      await appendHistory(tx, viewer, {
        entityType: 'Customer',
        entityId: input.customerId,
        action: 'GRADE_EVALUATE',
        message: activityMessage('customerGrading.evaluated', {
          period: period.data,
          total: result.total.toFixed(2),
          grade: result.grade,
        }),
        comment,
        changes: { grade: { from: before.grade, to: result.grade } },
      });
      return evaluation;
    }, WRITE_TX_OPTIONS);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw conflict('grading.periodTaken', {}, { period: period.data });
    throw error;
  }
}

/**
 * Grades are set by someone the evaluation names as its evaluator: the staff member, or an API key's named service
 * account (a key with customers:write has one). A key without a service account may not evaluate or override.
 */
function evaluatorOf(viewer: Viewer): string {
  const evaluatorId = actingUserId(viewer);
  if (!evaluatorId) throw forbidden('grading.personRequired');
  return evaluatorId;
}

// ───────────────────────────── Override ─────────────────────────────

export type OverrideInput = { customerId: string; version: number; grade: CustomerGrade; reason: string };

/** Sets the grade by hand: a reason is required; the customer's version read must be current (→ CONFLICT). */
export async function overrideCustomerGrade(viewer: Viewer, input: OverrideInput) {
  requirePermission(viewer, 'customers:write');
  evaluatorOf(viewer);
  if (!isUuid(input.customerId)) throw notFound('Customer');
  const reason = input.reason.trim();
  if (reason.length < GRADING_LIMITS.reasonMin) throw badField('reason', 'grading.reasonRequired');
  if (reason.length > GRADING_LIMITS.reasonMax)
    throw badField('reason', 'validation.tooLong', { max: GRADING_LIMITS.reasonMax });
  return prisma.$transaction(async (tx) => {
    const before = await tx.customer.findUnique({
      where: { id: input.customerId },
      select: { grade: true, version: true },
    });
    if (!before) throw notFound('Customer');
    if (before.version !== input.version) throw conflict('grading.stale', { currentVersion: before.version });
    if (before.grade === input.grade) throw badField('grade', 'grading.sameGrade');
    const [after] = await tx.customer.updateManyAndReturn({
      where: { id: input.customerId, version: input.version },
      data: {
        grade: input.grade,
        gradeOverrideReason: reason,
        gradeOverriddenAt: new Date(),
        version: { increment: 1 },
      },
    });
    if (!after) throw conflict('grading.stale', { currentVersion: before.version + 1 });
    await appendHistory(tx, viewer, {
      entityType: 'Customer',
      entityId: input.customerId,
      action: 'GRADE_OVERRIDE',
      message: activityMessage('customerGrading.overridden', { grade: input.grade }),
      comment: reason,
      changes: { grade: { from: before.grade, to: input.grade } },
    });
    return after;
  }, WRITE_TX_OPTIONS);
}

// ───────────────────────────── Reading ─────────────────────────────

/** Whether the viewer sees evaluations: staff and API clients with customers:read; customers never (internal). */
export const mayReadEvaluations = (viewer: Viewer) =>
  (viewer.kind === 'staff' || viewer.kind === 'apiClient') && can(viewer, 'customers:read');

/** A later page of a customer's evaluations (the first page comes from the loader, batched over customers). */
export async function gradeEvaluationPage(
  customerId: string,
  first: number,
  after: string,
): Promise<GradeEvaluationPage> {
  const rows = await prisma.customerGradeEvaluation.findMany({
    where: { customerId },
    orderBy: NEWEST_FIRST,
    ...cursorArgs(first, after),
  });
  return pageOf(rows, first);
}

export const evaluationPageSize = (first: number | null | undefined) => pageSize(first, 10);

/** The scores as stored (a snapshot of each criterion as it was scored). */
export const scoresOf = (evaluation: Pick<CustomerGradeEvaluation, 'scores'>): ScoredCriterion[] =>
  Array.isArray(evaluation.scores) ? (evaluation.scores as unknown as ScoredCriterion[]) : [];
