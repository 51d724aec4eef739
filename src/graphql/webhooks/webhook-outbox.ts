import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Tx } from '@/server/db';
import { enqueueInTransaction, QUEUES } from '@/server/queue/boss';
import type { WebhookEventType } from './webhook-events.rules';

export type WebhookSubject = { type: string; id: string };

/**
 * Records a webhook event in the outbox inside the caller's transaction — one delivery row per active endpoint that
 * subscribed to the type — and wakes the delivery worker in the same transaction. If the change rolls back, no event
 * exists; once it commits, the deliveries are rows that survive a restart (at-least-once). No endpoint wants it: no row.
 */
export async function emitWebhookEvent(
  tx: Tx,
  type: WebhookEventType,
  subject: WebhookSubject,
  payload: Record<string, unknown>,
): Promise<void> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { active: true, eventTypes: { has: type } },
    select: { id: true },
  });
  if (endpoints.length === 0) return;
  await recordEvent(
    tx,
    type,
    subject,
    payload,
    endpoints.map((e) => e.id),
  );
}

/** The outbox rows of one event for the given endpoints, and the worker's wake-up. Returns the deliveries' ids. */
export async function recordEvent(
  tx: Tx,
  type: string,
  subject: WebhookSubject,
  payload: Record<string, unknown>,
  endpointIds: readonly string[],
): Promise<string[]> {
  const event = await tx.webhookEvent.create({
    data: {
      type,
      subjectType: subject.type,
      subjectId: subject.id,
      payload: { ...payload, subject } as Prisma.InputJsonValue,
    },
  });
  const deliveries = await tx.webhookDelivery.createManyAndReturn({
    data: endpointIds.map((endpointId) => ({
      endpointId,
      eventId: event.id,
      subjectKey: `${subject.type}:${subject.id}`,
    })),
    select: { id: true },
  });
  await enqueueInTransaction(tx, [{ name: QUEUES.webhookDelivery }]);
  return deliveries.map((d) => d.id);
}
