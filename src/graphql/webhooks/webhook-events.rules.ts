/**
 * Webhooks (issue 15): the event types an endpoint may subscribe to, the limits of an endpoint, and the delivery
 * schedule. Pure and client-safe: the console's form and the server read the same lists.
 */

/** Every event type, once. `webhook.test` is only sent by the "send test event" button, never subscribed. */
export const WEBHOOK_EVENT_TYPES = [
  'interaction.received',
  'complaint.triaged',
  'complaint.step_changed',
  'complaint.overdue',
  'complaint.escalated',
  'complaint.resolved',
  'complaint.closed',
  'complaint.reopened',
  'callback.done',
  'survey_response.received',
  'customer.created',
  'customer.updated',
  'key_account.status_changed',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_TEST_EVENT = 'webhook.test';
export const isWebhookEventType = (value: string): value is WebhookEventType =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

export const WEBHOOK_URL_MAX = 2000;
export const WEBHOOK_DESCRIPTION_MAX = 200;
/** Characters of a receiver's answer kept in the delivery log. */
export const WEBHOOK_RESPONSE_EXCERPT_MAX = 500;
/** How long one attempt may take (connect + answer). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A delivery is retried until this long after its first attempt, then given up (FAILED). */
export const WEBHOOK_RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The first retry waits this long; every further one twice as long, up to WEBHOOK_RETRY_MAX_DELAY_MS. */
export const WEBHOOK_RETRY_BASE_MS = 30_000;
export const WEBHOOK_RETRY_MAX_DELAY_MS = 4 * 60 * 60 * 1000;
/** Setting `webhooks`: consecutive failed attempts after which an endpoint is disabled, and the SSRF exception. */
export const WEBHOOK_SETTING = 'webhooks';
export const WEBHOOK_FAILURE_LIMIT_DEFAULT = 20;
export const WEBHOOK_FAILURE_LIMIT_MIN = 1;
export const WEBHOOK_FAILURE_LIMIT_MAX = 1000;
export type WebhookSettings = { allowPrivateTargets: boolean; failureLimit: number };
export const WEBHOOK_SETTINGS_DEFAULT: WebhookSettings = {
  allowPrivateTargets: false,
  failureLimit: WEBHOOK_FAILURE_LIMIT_DEFAULT,
};

export function readWebhookSettings(value: unknown): WebhookSettings {
  const v = (value ?? {}) as Partial<Record<keyof WebhookSettings, unknown>>;
  const limit = Number(v.failureLimit);
  return {
    allowPrivateTargets: v.allowPrivateTargets === true,
    failureLimit:
      Number.isInteger(limit) && limit >= WEBHOOK_FAILURE_LIMIT_MIN && limit <= WEBHOOK_FAILURE_LIMIT_MAX
        ? limit
        : WEBHOOK_FAILURE_LIMIT_DEFAULT,
  };
}

/** The wait after failed attempt number `attempt` (1-based): 30 s, 1 min, 2 min, 4 min, … capped at 4 h. */
export function webhookRetryDelayMs(attempt: number): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(WEBHOOK_RETRY_BASE_MS * 2 ** Math.min(exponent, 30), WEBHOOK_RETRY_MAX_DELAY_MS);
}

/**
 * When a delivery that just failed its `attempt`-th attempt is tried again, or null when the retry would fall after the
 * 24 h window that started with its first attempt (then it is given up).
 */
export function nextWebhookAttempt(firstAttemptAt: Date, attempt: number, now: Date): Date | null {
  const next = new Date(now.getTime() + webhookRetryDelayMs(attempt));
  return next.getTime() - firstAttemptAt.getTime() > WEBHOOK_RETRY_WINDOW_MS ? null : next;
}

/** The whole schedule from a first attempt at 0: the offsets (ms) of every retry within the window. */
export function webhookRetrySchedule(): number[] {
  const offsets: number[] = [];
  let at = 0;
  for (let attempt = 1; ; attempt += 1) {
    at += webhookRetryDelayMs(attempt);
    if (at > WEBHOOK_RETRY_WINDOW_MS) return offsets;
    offsets.push(at);
  }
}

/** A receiver's answer counts as delivered when it is a 2xx. */
export const isDeliveredStatus = (status: number) => status >= 200 && status < 300;

/**
 * The event a workflow step of a complaint reports: triage, resolution, closure and reopening have their own; a manual
 * escalation is `complaint.escalated`; any other change of state is `complaint.step_changed`; a step that leaves the
 * state as it was (the customer accepting a resolution) none.
 */
export function complaintStepEvent(step: {
  command: string;
  from: string;
  to: string;
  escalated: boolean;
}): WebhookEventType | null {
  if (step.command === 'TRIAGE') return 'complaint.triaged';
  if (step.to === 'RESOLVED' && step.from !== 'RESOLVED') return 'complaint.resolved';
  if (step.to === 'CLOSED') return 'complaint.closed';
  if (step.to === 'REOPENED') return 'complaint.reopened';
  if (step.escalated) return 'complaint.escalated';
  return step.from !== step.to ? 'complaint.step_changed' : null;
}

/** A sweep's escalation step of a complaint (or one of its actions): its first level is the deadline passing. */
export const escalationStepEvent = (level: number): WebhookEventType =>
  level <= 1 ? 'complaint.overdue' : 'complaint.escalated';
