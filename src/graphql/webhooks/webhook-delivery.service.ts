import 'server-only';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { now as clockNow } from '@/server/clock';
import { prisma, type Tx } from '@/server/db';
import { noticeMessage } from '@/lib/activity';
import { notifyUsers } from '@/server/notify/notify';
import { QUEUES, sendWhenStarted } from '@/server/queue/boss';
import {
  isDeliveredStatus,
  nextWebhookAttempt,
  readWebhookSettings,
  WEBHOOK_RESPONSE_EXCERPT_MAX,
  WEBHOOK_SETTING,
  WEBHOOK_TIMEOUT_MS,
  type WebhookSettings,
} from './webhook-events.rules';
import { invalidateWebhookSubscriptions } from './webhook-outbox.service';
import { webhookHeaders } from './webhook-signature.service';
import { checkHost, parseTargetUrl, systemResolver } from './webhook-target.service';

export async function loadWebhookSettings(
  db: Tx | typeof prisma = prisma,
): Promise<WebhookSettings & { version: number }> {
  const row = await db.setting.findUnique({ where: { key: WEBHOOK_SETTING } });
  return { ...readWebhookSettings(row?.value), version: row?.version ?? 0 };
}

type PostResult = { status: number | null; latencyMs: number; excerpt: string | null; error: string | null };

/**
 * One POST. The connection goes to an address the SSRF check accepted: the request's own DNS lookup is replaced by
 * one that resolves the host and refuses it when any address is in a forbidden range (unless private targets are
 * allowed), so a host name that resolves elsewhere by the time of delivery is refused too.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
): Promise<PostResult> {
  const started = performance.now();
  const done = (r: Omit<PostResult, 'latencyMs'>): PostResult => ({
    ...r,
    latencyMs: Math.round(performance.now() - started),
  });
  const parsed = parseTargetUrl(url);
  if (typeof parsed === 'string') return done({ status: null, excerpt: null, error: `target refused: ${parsed}` });
  // An IP literal never reaches `lookup`: check it here.
  const literal = await checkHost(parsed.hostname, allowPrivate, async () => []);
  if (!literal.ok && literal.problem !== 'unresolvable')
    return done({ status: null, excerpt: null, error: `target refused: ${literal.problem}` });
  const lookup: LookupFunction = (hostname, options, callback) => {
    void checkHost(hostname, allowPrivate, systemResolver).then((result) => {
      if (!result.ok) {
        callback(Object.assign(new Error(`target refused: ${result.problem}`), { code: 'EREFUSED' }), '', 4);
        return;
      }
      const family = typeof options === 'object' && options ? options.family : undefined;
      const list = result.addresses.filter((a) => !family || a.family === family);
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      else callback(null, list[0]?.address ?? '', list[0]?.family ?? 4);
    });
  };
  const send = parsed.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostResult>((resolve) => {
    const req = send(
      parsed,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup,
        timeout: WEBHOOK_TIMEOUT_MS,
      },
      (res: IncomingMessage) => {
        let excerpt = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (excerpt.length < WEBHOOK_RESPONSE_EXCERPT_MAX) excerpt += chunk;
        });
        res.on('end', () =>
          resolve(
            done({
              status: res.statusCode ?? null,
              excerpt: excerpt.slice(0, WEBHOOK_RESPONSE_EXCERPT_MAX),
              error: null,
            }),
          ),
        );
        res.on('error', (error) => resolve(done({ status: res.statusCode ?? null, excerpt, error: error.message })));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${WEBHOOK_TIMEOUT_MS} ms`)));
    req.on('error', (error) => resolve(done({ status: null, excerpt: null, error: error.message.slice(0, 300) })));
    req.end(body);
  });
}

/** The body of a delivery: Standard Webhooks' { type, timestamp, data }. */
export function webhookBody(event: { id: string; type: string; createdAt: Date; payload: unknown }): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    eventId: event.id,
    data: event.payload,
  });
}

const LEASE_MS = 2 * WEBHOOK_TIMEOUT_MS + 10_000;
/** Until when a delivery claimed now is left to its claimant (longer than an attempt can take). */
export const webhookLease = (now: Date) => new Date(now.getTime() + LEASE_MS);

/**
 * Claims up to `limit` due deliveries (a lease, so no other worker takes them while they are in flight): pending, due,
 * of an active endpoint, and the first pending one of their (endpoint, subject) — a later event of the same record
 * waits until the earlier one is delivered or given up, so deliveries of a record arrive in order.
 */
async function claimDue(now: Date, limit: number): Promise<string[]> {
  const leaseUntil = webhookLease(now);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "leaseUntil" = ${leaseUntil}
    WHERE id IN (
      SELECT d.id FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e.id = d."endpointId"
      WHERE d.status = 'PENDING' AND d."nextAttemptAt" <= ${now} AND e.active
        AND (d."leaseUntil" IS NULL OR d."leaseUntil" < ${now})
        AND NOT EXISTS (
          SELECT 1 FROM "WebhookDelivery" p
          WHERE p."endpointId" = d."endpointId" AND p."subjectKey" = d."subjectKey" AND p.status = 'PENDING'
            AND p.seq < d.seq)
      ORDER BY d.seq
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING id`;
  return rows.map((r) => r.id);
}

export type AttemptOutcome = 'SUCCEEDED' | 'RETRY' | 'FAILED' | 'SKIPPED';

/**
 * One attempt of a claimed delivery, then its result in one transaction: the delivery's status, last answer and next
 * attempt; the endpoint's run of failures, and — when it reaches the configured limit — the endpoint disabled and the
 * admins notified.
 */
export async function attemptDelivery(
  deliveryId: string,
  now: Date,
  settings: WebhookSettings,
): Promise<AttemptOutcome> {
  const delivery = await prisma.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true, event: true },
  });
  if (!delivery || delivery.status !== 'PENDING') return 'SKIPPED';
  const body = webhookBody(delivery.event);
  const timestamp = Math.floor(now.getTime() / 1000);
  const result = await postWebhook(
    delivery.endpoint.url,
    webhookHeaders(delivery.endpoint.secret, delivery.id, timestamp, body),
    body,
    settings.allowPrivateTargets,
  );
  const ok = result.status !== null && isDeliveredStatus(result.status);
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.attempts === 0 ? now : (delivery.firstAttemptAt ?? now);
  const next = ok ? null : nextWebhookAttempt(firstAttemptAt, attempts, now);
  const outcome: AttemptOutcome = ok ? 'SUCCEEDED' : next ? 'RETRY' : 'FAILED';
  const disabled = await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        status: outcome === 'RETRY' ? 'PENDING' : outcome,
        attempts,
        firstAttemptAt,
        lastAttemptAt: now,
        nextAttemptAt: next ?? now,
        leaseUntil: null,
        lastStatusCode: result.status,
        lastLatencyMs: result.latencyMs,
        lastResponse: result.excerpt,
        lastError: result.error ?? (ok ? null : `HTTP ${result.status}`),
      },
    });
    if (ok) {
      await tx.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } });
      return false;
    }
    const [endpoint] = await tx.webhookEndpoint.updateManyAndReturn({
      where: { id: delivery.endpointId },
      data: { consecutiveFailures: { increment: 1 } },
    });
    if (endpoint && endpoint.active && endpoint.consecutiveFailures >= settings.failureLimit)
      return disableEndpoint(tx, endpoint.id, endpoint.url, endpoint.consecutiveFailures, now);
    return false;
  });
  // The outbox stops writing rows for a disabled endpoint at once (its cached subscriptions), after the commit.
  if (disabled) invalidateWebhookSubscriptions();
  if (outcome === 'RETRY' && next) await sendWhenStarted(QUEUES.webhookDelivery, {}, next);
  return outcome;
}

/** Turns the endpoint off after its run of failures and tells the admins; false when it was off already. */
async function disableEndpoint(tx: Tx, id: string, url: string, failures: number, now: Date): Promise<boolean> {
  const { count } = await tx.webhookEndpoint.updateMany({
    where: { id, active: true },
    data: { active: false, disabledAt: now, version: { increment: 1 } },
  });
  if (count === 0) return false;
  await tx.historyEntry.create({
    data: {
      entityType: 'WebhookEndpoint',
      entityId: id,
      action: 'DISABLE',
      fromState: 'ACTIVE',
      toState: 'DISABLED',
      messageKey: 'webhook.disabled',
      messageParams: { failures },
      actorLabel: 'system',
    },
  });
  const admins = await tx.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true } });
  await notifyUsers(
    tx,
    admins.map((a) => a.id),
    {
      kind: 'WEBHOOK_DISABLED',
      message: noticeMessage('notice.WEBHOOK_DISABLED', { url, failures }),
      entityType: 'WebhookEndpoint',
      entityId: id,
    },
  );
  return true;
}

export type DeliveryRunResult = { succeeded: number; retrying: number; failed: number; more: boolean };

/**
 * The worker's run: claims due deliveries in batches and attempts them concurrently until none is due or the deadline
 * passes (then `more`: the worker queues a follow-up run).
 */
export async function deliverDueWebhooks(
  now: Date = clockNow(),
  options: { deadline?: number; batchSize?: number } = {},
): Promise<DeliveryRunResult> {
  const result: DeliveryRunResult = { succeeded: 0, retrying: 0, failed: 0, more: false };
  const settings = await loadWebhookSettings();
  for (;;) {
    if (options.deadline && Date.now() > options.deadline) {
      result.more = true;
      return result;
    }
    const ids = await claimDue(now, options.batchSize ?? 20);
    if (ids.length === 0) return result;
    const outcomes = await Promise.all(ids.map((id) => attemptDelivery(id, now, settings)));
    for (const outcome of outcomes) {
      if (outcome === 'SUCCEEDED') result.succeeded += 1;
      else if (outcome === 'RETRY') result.retrying += 1;
      else if (outcome === 'FAILED') result.failed += 1;
    }
  }
}
