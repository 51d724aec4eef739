import 'server-only';
import type { Callback, Customer, Interaction, SurveyResponse } from '@/generated/prisma/client';
import type { Tx } from '@/server/db';
import type { WebhookEventType } from './webhook-events.rules';
import { emitWebhookEvent } from './webhook-outbox.service';

/**
 * What each domain's events carry: identifiers and the state an integrator acts on, never free text a person wrote
 * (that stays behind the API, with its permissions). Each emission in a service is one call of these.
 */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type InteractionFacts = Pick<Interaction, 'id' | 'number' | 'type' | 'status' | 'customerId'> &
  Partial<
    Pick<Interaction, 'channel' | 'severity' | 'escalationLevel' | 'stepDueAt' | 'resolutionDueAt' | 'createdAt'>
  >;

export const emitInteractionEvent = (
  tx: Tx,
  type: WebhookEventType,
  i: InteractionFacts,
  extra: Record<string, unknown> = {},
) =>
  emitWebhookEvent(
    tx,
    type,
    { type: 'Interaction', id: i.id },
    {
      id: i.id,
      number: i.number,
      interactionType: i.type,
      status: i.status,
      customerId: i.customerId,
      channel: i.channel ?? null,
      severity: i.severity ?? null,
      escalationLevel: i.escalationLevel ?? null,
      stepDueAt: iso(i.stepDueAt),
      resolutionDueAt: iso(i.resolutionDueAt),
      ...extra,
    },
  );

export const emitCallbackEvent = (tx: Tx, type: WebhookEventType, c: Callback) =>
  emitWebhookEvent(
    tx,
    type,
    { type: 'Callback', id: c.id },
    {
      id: c.id,
      customerId: c.customerId,
      interactionId: c.interactionId,
      reason: c.reason,
      status: c.status,
      outcome: c.outcome,
      completedAt: iso(c.completedAt),
    },
  );

export const emitSurveyResponseEvent = (
  tx: Tx,
  type: WebhookEventType,
  r: Pick<SurveyResponse, 'id' | 'campaignId' | 'customerId' | 'source' | 'submittedAt' | 'indexScore' | 'lowScore'>,
) =>
  emitWebhookEvent(
    tx,
    type,
    { type: 'SurveyResponse', id: r.id },
    {
      id: r.id,
      campaignId: r.campaignId,
      customerId: r.customerId,
      source: r.source,
      submittedAt: iso(r.submittedAt),
      indexScore: r.indexScore === null ? null : Number(r.indexScore),
      lowScore: r.lowScore,
    },
  );

export const emitCustomerEvent = (
  tx: Tx,
  type: WebhookEventType,
  c: Pick<Customer, 'id' | 'name' | 'status' | 'grade' | 'keyAccountStatus'>,
  extra: Record<string, unknown> = {},
) =>
  emitWebhookEvent(
    tx,
    type,
    { type: 'Customer', id: c.id },
    { id: c.id, name: c.name, status: c.status, grade: c.grade, keyAccountStatus: c.keyAccountStatus, ...extra },
  );

export const emitKeyAccountStatusEvent = (tx: Tx, customerId: string, from: string, to: string) =>
  emitWebhookEvent(tx, 'key_account.status_changed', { type: 'Customer', id: customerId }, { customerId, from, to });
