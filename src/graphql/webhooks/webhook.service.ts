import 'server-only';
import { z } from 'zod';
import type { Prisma } from '@/generated/prisma/client';
import { requirePermission } from '@/server/auth/policies';
import { now as clockNow } from '@/server/clock';
import { prisma, type Tx } from '@/server/db';
import { zodFieldErrors, type ErrorKey } from '@/server/error-keys';
import { badField, badInput, conflict, notFound } from '@/server/errors';
import { appendHistory, diffFields } from '@/server/history';
import type { Viewer } from '@/server/viewer';
import { activityMessage } from '@/lib/activity';
import { isUuid } from '../cursor';
import { keysetPage, NEWEST_FIRST } from '../keyset';
import { pageSize } from '../pagination.rules';
import { attemptDelivery, loadWebhookSettings, webhookLease } from './webhook-delivery.service';
import {
  isWebhookEventType,
  WEBHOOK_DESCRIPTION_MAX,
  WEBHOOK_FAILURE_LIMIT_MAX,
  WEBHOOK_FAILURE_LIMIT_MIN,
  WEBHOOK_SETTING,
  WEBHOOK_TEST_EVENT,
  WEBHOOK_URL_MAX,
} from './webhook-events.rules';
import { derivedEntityId } from '../service-rules/service-rules.service';
import { invalidateWebhookSubscriptions, recordEvent } from './webhook-outbox.service';
import { generateWebhookSecret } from './webhook-signature.service';
import { checkWebhookTarget, type TargetProblem } from './webhook-target.service';

/** What the console and the API read of an endpoint: everything but the secret. */
const ENDPOINT_FIELDS = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  active: true,
  consecutiveFailures: true,
  disabledAt: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookEndpointSelect;
export type WebhookEndpointView = Prisma.WebhookEndpointGetPayload<{ select: typeof ENDPOINT_FIELDS }>;

const ZEndpointInput = z.object({
  url: z.string().trim().min(1).max(WEBHOOK_URL_MAX),
  description: z.string().trim().max(WEBHOOK_DESCRIPTION_MAX).nullish(),
  eventTypes: z
    .array(z.string())
    .min(1, { message: 'webhook.eventTypesRequired' satisfies ErrorKey })
    .refine((types) => types.every(isWebhookEventType), { message: 'webhook.unknownEventType' satisfies ErrorKey }),
  active: z.boolean().default(true),
});

const TARGET_KEYS: Record<TargetProblem, ErrorKey> = {
  scheme: 'webhook.targetScheme',
  invalid: 'webhook.targetInvalid',
  unresolvable: 'webhook.targetUnresolvable',
  loopback: 'webhook.targetLoopback',
  private: 'webhook.targetPrivate',
  'link-local': 'webhook.targetLinkLocal',
  unspecified: 'webhook.targetUnspecified',
  reserved: 'webhook.targetReserved',
};

async function parseEndpointInput(input: unknown) {
  const parsed = ZEndpointInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const settings = await loadWebhookSettings();
  const problem = await checkWebhookTarget(parsed.data.url, settings.allowPrivateTargets);
  if (problem) throw badField('url', TARGET_KEYS[problem]);
  return {
    ...parsed.data,
    eventTypes: [...new Set(parsed.data.eventTypes)],
    description: parsed.data.description || null,
  };
}

export async function listWebhookEndpoints(viewer: Viewer): Promise<WebhookEndpointView[]> {
  requirePermission(viewer, 'webhooks:manage');
  return prisma.webhookEndpoint.findMany({ select: ENDPOINT_FIELDS, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export async function getWebhookEndpoint(viewer: Viewer, id: string): Promise<WebhookEndpointView | null> {
  requirePermission(viewer, 'webhooks:manage');
  if (!isUuid(id)) return null;
  return prisma.webhookEndpoint.findUnique({ where: { id }, select: ENDPOINT_FIELDS });
}

/** Registers an endpoint; its signing secret is generated and returned this once (and again only by a rotation). */
export async function createWebhookEndpoint(viewer: Viewer, input: unknown) {
  requirePermission(viewer, 'webhooks:manage');
  const data = await parseEndpointInput(input);
  const secret = generateWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { ...data, secret, createdById: viewer.kind === 'staff' ? viewer.userId : null },
      select: ENDPOINT_FIELDS,
    });
    await appendHistory(tx, viewer, {
      entityType: 'WebhookEndpoint',
      entityId: created.id,
      action: 'CREATE',
      toState: created.active ? 'ACTIVE' : 'INACTIVE',
      message: activityMessage('webhook.created'),
      changes: { url: created.url, eventTypes: created.eventTypes },
    });
    return created;
  });
  invalidateWebhookSubscriptions();
  return { endpoint, secret };
}

async function lockEndpoint(tx: Tx, id: string, version: number) {
  if (!isUuid(id)) throw notFound('WebhookEndpoint');
  const [row] = await tx.$queryRaw<{ id: string; version: number }[]>`
    SELECT id, version FROM "WebhookEndpoint" WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound('WebhookEndpoint');
  if (row.version !== version) throw conflict('webhook.stale', { currentVersion: row.version });
}

/** Edits an endpoint (stale version → CONFLICT). Turning it back on starts its run of failures from zero. */
export async function updateWebhookEndpoint(viewer: Viewer, id: string, version: number, input: unknown) {
  requirePermission(viewer, 'webhooks:manage');
  const data = await parseEndpointInput(input);
  const endpoint = await prisma.$transaction(async (tx) => {
    await lockEndpoint(tx, id, version);
    const before = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id }, select: ENDPOINT_FIELDS });
    const reactivated = data.active && !before.active;
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        ...data,
        version: { increment: 1 },
        ...(reactivated ? { consecutiveFailures: 0, disabledAt: null } : {}),
      },
      select: ENDPOINT_FIELDS,
    });
    await appendHistory(tx, viewer, {
      entityType: 'WebhookEndpoint',
      entityId: id,
      action: 'UPDATE',
      fromState: before.active ? 'ACTIVE' : 'INACTIVE',
      toState: updated.active ? 'ACTIVE' : 'INACTIVE',
      message: activityMessage('webhook.updated'),
      changes: diffFields(
        { url: before.url, description: before.description, eventTypes: before.eventTypes, active: before.active },
        { url: updated.url, description: updated.description, eventTypes: updated.eventTypes, active: updated.active },
      ) as Prisma.InputJsonValue,
    });
    return updated;
  });
  // After the commit: the outbox's cached subscriptions (URL, events, active flag) must not outlive the change.
  invalidateWebhookSubscriptions();
  return endpoint;
}

/** A new secret, returned once; deliveries from now on are signed with it. */
export async function rotateWebhookSecret(viewer: Viewer, id: string, version: number) {
  requirePermission(viewer, 'webhooks:manage');
  const secret = generateWebhookSecret();
  const endpoint = await prisma.$transaction(async (tx) => {
    await lockEndpoint(tx, id, version);
    const updated = await tx.webhookEndpoint.update({
      where: { id },
      data: { secret, version: { increment: 1 } },
      select: ENDPOINT_FIELDS,
    });
    await appendHistory(tx, viewer, {
      entityType: 'WebhookEndpoint',
      entityId: id,
      action: 'ROTATE_SECRET',
      message: activityMessage('webhook.updated'),
    });
    return updated;
  });
  return { endpoint, secret };
}

export async function deleteWebhookEndpoint(viewer: Viewer, id: string, version: number): Promise<boolean> {
  requirePermission(viewer, 'webhooks:manage');
  await prisma.$transaction(async (tx) => {
    await lockEndpoint(tx, id, version);
    await tx.webhookEndpoint.delete({ where: { id } });
    await appendHistory(tx, viewer, {
      entityType: 'WebhookEndpoint',
      entityId: id,
      action: 'DELETE',
      message: activityMessage('webhook.deleted'),
    });
  });
  invalidateWebhookSubscriptions();
  return true;
}

const DELIVERY_INCLUDE = { event: { select: { type: true, subjectType: true, subjectId: true } } } as const;
export type WebhookDeliveryView = Prisma.WebhookDeliveryGetPayload<{ include: typeof DELIVERY_INCLUDE }>;

/** An endpoint's delivery log, newest first. */
export async function listWebhookDeliveries(
  viewer: Viewer,
  args: { endpointId: string; first?: number | null; after?: string | null },
) {
  requirePermission(viewer, 'webhooks:manage');
  const first = pageSize(args.first);
  if (!isUuid(args.endpointId)) throw notFound('WebhookEndpoint');
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId: args.endpointId };
  return keysetPage(
    NEWEST_FIRST,
    { where, first, after: args.after },
    {
      cursor: (id, select) => prisma.webhookDelivery.findUnique({ where: { id }, select }),
      rows: (query: Prisma.WebhookDeliveryFindManyArgs) =>
        prisma.webhookDelivery.findMany({ ...query, include: DELIVERY_INCLUDE }),
      count: (query) => prisma.webhookDelivery.count(query),
    },
  );
}

/** Attempts a delivery now, in the request, and returns it with the answer. */
async function deliverNow(id: string, now: Date): Promise<WebhookDeliveryView> {
  await attemptDelivery(id, now, await loadWebhookSettings());
  return prisma.webhookDelivery.findUniqueOrThrow({ where: { id }, include: DELIVERY_INCLUDE });
}

/**
 * Sends a delivery again, now, with the same webhook-id (a receiver that already processed it recognises it): a fresh
 * 24-hour retry window if this attempt fails too.
 */
export async function redeliverWebhook(viewer: Viewer, id: string, now: Date = clockNow()) {
  requirePermission(viewer, 'webhooks:manage');
  if (!isUuid(id)) throw notFound('WebhookDelivery');
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
      data: { status: 'PENDING', attempts: 0, firstAttemptAt: null, nextAttemptAt: now, leaseUntil: webhookLease(now) },
    });
    if (count === 0) {
      if (!(await tx.webhookDelivery.findUnique({ where: { id }, select: { id: true } })))
        throw notFound('WebhookDelivery');
      throw conflict('webhook.stale');
    }
    const delivery = await tx.webhookDelivery.findUniqueOrThrow({ where: { id }, select: { endpointId: true } });
    await appendHistory(tx, viewer, {
      entityType: 'WebhookEndpoint',
      entityId: delivery.endpointId,
      action: 'REDELIVER',
      changes: { deliveryId: id },
    });
  });
  return deliverNow(id, now);
}

/** A `webhook.test` event to this endpoint only, delivered at once; it shows in the delivery log like any other. */
export async function sendWebhookTestEvent(viewer: Viewer, endpointId: string, now: Date = clockNow()) {
  requirePermission(viewer, 'webhooks:manage');
  if (!isUuid(endpointId)) throw notFound('WebhookEndpoint');
  const [id] = await prisma.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { id: true } });
    if (!endpoint) throw notFound('WebhookEndpoint');
    const ids = await recordEvent(
      tx,
      WEBHOOK_TEST_EVENT,
      { type: 'WebhookEndpoint', id: endpointId },
      { message: 'Kefu webhook test event', sentAt: now.toISOString() },
      [endpointId],
    );
    await tx.webhookDelivery.updateMany({ where: { id: { in: ids } }, data: { leaseUntil: webhookLease(now) } });
    return ids;
  });
  return deliverNow(id!, now);
}

const ZSettings = z.object({
  allowPrivateTargets: z.boolean(),
  failureLimit: z.number().int().min(WEBHOOK_FAILURE_LIMIT_MIN).max(WEBHOOK_FAILURE_LIMIT_MAX),
});

export async function getWebhookSettings(viewer: Viewer) {
  requirePermission(viewer, 'webhooks:manage');
  return loadWebhookSettings();
}

/** The webhook settings (SSRF exception, failures before disabling), with a version check (0: not stored yet). */
export async function updateWebhookSettings(viewer: Viewer, version: number, input: unknown) {
  requirePermission(viewer, 'webhooks:manage');
  const parsed = ZSettings.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  const value = parsed.data;
  await prisma.$transaction(async (tx) => {
    const current = await loadWebhookSettings(tx);
    if (current.version !== version) throw conflict('webhook.stale', { currentVersion: current.version });
    const updatedById = viewer.kind === 'staff' ? viewer.userId : null;
    if (version === 0) await tx.setting.create({ data: { key: WEBHOOK_SETTING, value, updatedById, version: 1 } });
    else {
      const { count } = await tx.setting.updateMany({
        where: { key: WEBHOOK_SETTING, version },
        data: { value, updatedById, version: { increment: 1 } },
      });
      if (count === 0) throw conflict('webhook.stale');
    }
    await appendHistory(tx, viewer, {
      entityType: 'Setting',
      entityId: derivedEntityId('Setting', WEBHOOK_SETTING),
      action: 'UPDATE',
      message: activityMessage('webhook.settings'),
      changes: diffFields(
        { allowPrivateTargets: current.allowPrivateTargets, failureLimit: current.failureLimit },
        value,
      ) as Prisma.InputJsonValue,
    });
  });
  return loadWebhookSettings();
}
