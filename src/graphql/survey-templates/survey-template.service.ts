import 'server-only';
import { randomUUID } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import type { SurveyTemplate } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { prisma, type Tx } from '@/server/db';
import { badField, conflict, notFound } from '@/server/errors';
import { appendHistory } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { isUuid } from '../cursor';
import {
  parseTemplateInput,
  templateContent,
  type TemplateContent,
  type TSurveyTemplateInput,
} from './survey-template.rules';
import { activityMessage } from '@/lib/activity';

/**
 * Survey templates (SPEC §6): a family (`key`) of versions. A version that a campaign uses is frozen — its questions
 * are what that campaign's answers refer to — so editing it writes the next version (same key, version + 1) and the
 * old responses keep theirs; a version no campaign uses is edited in place. The template row is locked while editing
 * and while a campaign is created on it, so "in use" cannot change between the check and the write.
 */
const ENTITY = 'SurveyTemplate';
export const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 };

/** Latest version of each family (or every version), newest families first; archived families only when asked. */
export async function listTemplates(
  viewer: Viewer,
  args: { includeArchived?: boolean | null; allVersions?: boolean | null },
): Promise<SurveyTemplate[]> {
  requirePermission(viewer, 'surveys:read');
  const rows = await prisma.surveyTemplate.findMany({
    where: args.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
  });
  const list = args.allVersions ? rows : rows.filter((row, i) => i === 0 || rows[i - 1]!.key !== row.key);
  // The default template first (it is what a new campaign starts from), then the most recently created.
  return list.sort(
    (a, b) =>
      Number(b.isDefault) - Number(a.isDefault) ||
      b.createdAt.getTime() - a.createdAt.getTime() ||
      b.version - a.version,
  );
}

export async function getTemplate(viewer: Viewer, id: string): Promise<SurveyTemplate> {
  requirePermission(viewer, 'surveys:read');
  if (!isUuid(id)) throw notFound(ENTITY);
  const row = await prisma.surveyTemplate.findUnique({ where: { id } });
  if (!row) throw notFound(ENTITY);
  return row;
}

/** Writes the dimensions, sections and questions of a template version (inside the caller's transaction). */
export async function writeTemplateContent(tx: Tx, templateId: string, content: TemplateContent): Promise<void> {
  const dimensionIds = new Map(content.dimensions.map((d) => [d.code, randomUUID()]));
  await tx.surveyDimension.createMany({
    data: content.dimensions.map((d) => ({
      id: dimensionIds.get(d.code)!,
      templateId,
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      weight: new Prisma.Decimal(d.weight.toFixed(4)),
      position: d.position,
    })),
  });
  const sectionIds = content.sections.map(() => randomUUID());
  await tx.surveySection.createMany({
    data: content.sections.map((s, i) => ({
      id: sectionIds[i]!,
      templateId,
      title: s.title,
      titleEn: s.titleEn,
      position: s.position,
    })),
  });
  await tx.surveyQuestion.createMany({
    data: content.sections.flatMap((s, i) =>
      s.questions.map((q) => ({
        templateId,
        sectionId: sectionIds[i]!,
        dimensionId: q.dimensionCode ? (dimensionIds.get(q.dimensionCode) ?? null) : null,
        position: q.position,
        type: q.type,
        text: q.text,
        textEn: q.textEn,
        required: q.required,
        options: q.options,
      })),
    ),
  });
}

/** The template's own columns (its sections, dimensions and questions are rows of their own). */
const templateFields = (
  input: TSurveyTemplateInput,
): Pick<SurveyTemplate, 'name' | 'nameEn' | 'description' | 'locale'> => ({
  name: input.name,
  nameEn: input.nameEn,
  description: input.description,
  locale: input.locale,
});

/** Creates version 1 of a new family. `key`/`isDefault` are for the seeded default template. */
export async function createTemplate(
  viewer: Viewer,
  rawInput: unknown,
  options: { key?: string; isDefault?: boolean; now?: Date } = {},
): Promise<SurveyTemplate> {
  requirePermission(viewer, 'surveys:manage');
  const input = parseTemplateInput(rawInput);
  const fields = templateFields(input);
  return prisma.$transaction(async (tx) => {
    const created = await tx.surveyTemplate.create({
      data: {
        ...fields,
        key: options.key ?? `T${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
        version: 1,
        isDefault: options.isDefault ?? false,
        ...(options.now ? { createdAt: options.now } : {}),
      },
    });
    await writeTemplateContent(tx, created.id, templateContent(input));
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: created.id,
      action: 'CREATE',
      toState: 'v1',
      message: activityMessage('survey.templateCreated', { name: created.name }),
    });
    return created;
  }, TX_OPTIONS);
}

/** Locks a template version for the length of the transaction (an edit, or a campaign created on it). */
export async function lockTemplate(tx: Tx, id: string, mode: 'UPDATE' | 'SHARE'): Promise<SurveyTemplate | null> {
  const rows =
    mode === 'UPDATE'
      ? await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SurveyTemplate" WHERE id = ${id}::uuid FOR UPDATE`
      : await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "SurveyTemplate" WHERE id = ${id}::uuid FOR SHARE`;
  if (rows.length === 0) return null;
  return tx.surveyTemplate.findUnique({ where: { id } });
}

/**
 * Edits a version in place while no campaign uses it; otherwise writes the next version of the family and returns
 * that. Two editors writing the next version at once: the unique (key, version) lets one win, the other gets CONFLICT.
 */
export async function updateTemplate(
  viewer: Viewer,
  id: string,
  rawInput: unknown,
  now: Date,
): Promise<SurveyTemplate> {
  requirePermission(viewer, 'surveys:manage');
  if (!isUuid(id)) throw notFound(ENTITY);
  const input = parseTemplateInput(rawInput);
  const content = templateContent(input);
  const fields = templateFields(input);
  try {
    return await prisma.$transaction(async (tx) => {
      const current = await lockTemplate(tx, id, 'UPDATE');
      if (!current) throw notFound(ENTITY);
      const inUse = (await tx.surveyCampaign.count({ where: { templateId: id } })) > 0;
      if (!inUse) {
        await tx.surveyQuestion.deleteMany({ where: { templateId: id } });
        await tx.surveySection.deleteMany({ where: { templateId: id } });
        await tx.surveyDimension.deleteMany({ where: { templateId: id } });
        const updated = await tx.surveyTemplate.update({ where: { id }, data: fields });
        await writeTemplateContent(tx, id, content);
        await appendHistory(tx, viewer, {
          entityType: ENTITY,
          entityId: id,
          action: 'UPDATE',
          fromState: `v${current.version}`,
          toState: `v${current.version}`,
          message: activityMessage('survey.templateEdited'),
        });
        return updated;
      }
      const latest = await tx.surveyTemplate.aggregate({ where: { key: current.key }, _max: { version: true } });
      const version = (latest._max.version ?? current.version) + 1;
      const created = await tx.surveyTemplate.create({
        data: { ...fields, key: current.key, version, isDefault: current.isDefault, createdAt: now },
      });
      await writeTemplateContent(tx, created.id, content);
      await appendHistory(tx, viewer, {
        entityType: ENTITY,
        entityId: created.id,
        action: 'NEW_VERSION',
        fromState: `v${current.version}`,
        toState: `v${version}`,
        message: activityMessage('survey.templateNewVersion', { from: current.version, to: version }),
        changes: { fromTemplateId: current.id },
      });
      return created;
    }, TX_OPTIONS);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw conflict('survey.templateStale');
    }
    throw error;
  }
}

/**
 * Archives (or restores) the whole family: archiving hides a survey from the template list and from new campaigns;
 * campaigns and responses that used it are untouched.
 */
export async function archiveTemplate(
  viewer: Viewer,
  id: string,
  archived: boolean,
  now: Date,
): Promise<SurveyTemplate> {
  requirePermission(viewer, 'surveys:manage');
  if (!isUuid(id)) throw notFound(ENTITY);
  return prisma.$transaction(async (tx) => {
    const current = await tx.surveyTemplate.findUnique({ where: { id } });
    if (!current) throw notFound(ENTITY);
    await tx.surveyTemplate.updateMany({ where: { key: current.key }, data: { archivedAt: archived ? now : null } });
    await appendHistory(tx, viewer, {
      entityType: ENTITY,
      entityId: id,
      action: archived ? 'ARCHIVE' : 'UNARCHIVE',
      message: activityMessage(archived ? 'survey.templateArchived' : 'survey.templateRestored'),
    });
    return tx.surveyTemplate.findUniqueOrThrow({ where: { id } });
  }, TX_OPTIONS);
}

/** A template a new campaign may use: it exists and is not archived (BAD_USER_INPUT on templateId otherwise). */
export async function usableTemplate(tx: Tx, templateId: string): Promise<SurveyTemplate> {
  const template = await lockTemplate(tx, templateId, 'SHARE');
  if (!template) throw badField('templateId', 'survey.templateMissing');
  if (template.archivedAt) throw badField('templateId', 'survey.templateArchived');
  return template;
}
