import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { cachedConfig, invalidateConfigCache } from '@/server/config-cache';
import type { Tx } from '@/server/db';
import { enqueueInTransaction, QUEUES } from '@/server/queue/boss';
import type { WebhookEventType } from './webhook-events.rules';

export type WebhookSubject = { type: string; id: string };

/**
 * Which active endpoints want which event types, cached in process (config-cache.ts) so that a write that emits an
 * event asks the database nothing when nobody subscribed — the common case, and every customer edit, intake and
 * workflow step emits. Endpoint writes through this instance call `invalidateWebhookSubscriptions()` after they commit
 * (and the invalidation reaches the sibling cluster workers); another instance's change is seen within
 * SUBSCRIPTIONS_TTL_MS. A stale list is safe in the one direction that matters: the delivery rows are inserted only for
 * endpoints that are still active when the event is written (below), so a deleted or disabled endpoint gets nothing and
 * the write never fails on it; a new endpoint may miss the events of its first seconds on another instance.
 */
const SUBSCRIPTIONS_KEY = 'webhookSubscriptions';
export const SUBSCRIPTIONS_TTL_MS = 10_000;

type Subscription = { id: string; eventTypes: readonly string[] };

function activeSubscriptions(tx: Tx): Promise<readonly Subscription[]> {
  return cachedConfig(
    SUBSCRIPTIONS_KEY,
    (db) => db.webhookEndpoint.findMany({ where: { active: true }, select: { id: true, eventTypes: true } }),
    tx,
    SUBSCRIPTIONS_TTL_MS,
  );
}

/**
 * Forgets the cached subscriptions here and in the sibling workers. Call after a change to endpoints commits (the
 * webhook service and the delivery worker's automatic disabling do; a test that writes endpoints directly does too).
 */
export function invalidateWebhookSubscriptions(): void {
  invalidateConfigCache(SUBSCRIPTIONS_KEY);
}

/**
 * Records a webhook event in the outbox inside the caller's transaction — one delivery row per active endpoint that
 * subscribed to the type — and wakes the delivery worker in the same transaction. If the change rolls back, no event
 * exists; once it commits, the deliveries are rows that survive a restart (at-least-once). No endpoint wants it: no
 * statement at all.
 */
export async function emitWebhookEvent(
  tx: Tx,
  type: WebhookEventType,
  subject: WebhookSubject,
  payload: Record<string, unknown>,
): Promise<void> {
  const endpointIds = (await activeSubscriptions(tx)).filter((e) => e.eventTypes.includes(type)).map((e) => e.id);
  if (endpointIds.length === 0) return;
  const event = await createEvent(tx, type, subject, payload);
  // The cached ids, checked against the rows as they are now in the same statement (see activeSubscriptions).
  const inserted = await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "subjectKey")
    SELECT gen_random_uuid(), e.id, ${event.id}::uuid, ${`${subject.type}:${subject.id}`}
    FROM "WebhookEndpoint" e
    WHERE e.id = ANY(${endpointIds}::uuid[]) AND e.active AND ${type} = ANY(e."eventTypes")`;
  if (inserted > 0) await enqueueInTransaction(tx, [{ name: QUEUES.webhookDelivery }]);
}

/** One event row: its payload carries the subject it is about. */
function createEvent(tx: Tx, type: string, subject: WebhookSubject, payload: Record<string, unknown>) {
  return tx.webhookEvent.create({
    data: {
      type,
      subjectType: subject.type,
      subjectId: subject.id,
      payload: { ...payload, subject } as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
}

/** The outbox rows of one event for the given endpoints, and the worker's wake-up. Returns the deliveries' ids. */
export async function recordEvent(
  tx: Tx,
  type: string,
  subject: WebhookSubject,
  payload: Record<string, unknown>,
  endpointIds: readonly string[],
): Promise<string[]> {
  const event = await createEvent(tx, type, subject, payload);
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

/**
 * The set-based form of `emitWebhookEvent` for bulk writes (the nightly key-account proposal, a customer import): one
 * event per row of `subjects` — a SELECT of `"subjectId"` (text) and `payload` (jsonb) — and its deliveries, in two
 * statements inside the caller's transaction whatever the number of rows; none at all when nobody subscribed to `type`.
 */
export async function emitWebhookEventsFor(
  tx: Tx,
  type: WebhookEventType,
  subjectType: string,
  subjects: Prisma.Sql,
): Promise<void> {
  const endpointIds = (await activeSubscriptions(tx)).filter((e) => e.eventTypes.includes(type)).map((e) => e.id);
  if (endpointIds.length === 0) return;
  const inserted = await tx.$executeRaw`
    WITH subjects AS (${subjects}),
    events AS (
      INSERT INTO "WebhookEvent" (id, type, "subjectType", "subjectId", payload)
      SELECT gen_random_uuid(), ${type}, ${subjectType}, s."subjectId",
             s.payload || jsonb_build_object('subject', jsonb_build_object('type', ${subjectType}::text, 'id', s."subjectId"))
      FROM subjects s
      RETURNING id, "subjectId"
    )
    INSERT INTO "WebhookDelivery" (id, "endpointId", "eventId", "subjectKey")
    SELECT gen_random_uuid(), e.id, ev.id, ${subjectType}::text || ':' || ev."subjectId"
    FROM events ev CROSS JOIN "WebhookEndpoint" e
    WHERE e.id = ANY(${endpointIds}::uuid[]) AND e.active AND ${type} = ANY(e."eventTypes")`;
  if (inserted > 0) await enqueueInTransaction(tx, [{ name: QUEUES.webhookDelivery }]);
}
