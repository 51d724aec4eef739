import { describe, expect, it } from 'vitest';
import {
  complaintStepEvent,
  escalationStepEvent,
  nextWebhookAttempt,
  readWebhookSettings,
  WEBHOOK_RETRY_WINDOW_MS,
  webhookRetryDelayMs,
  webhookRetrySchedule,
} from './webhook-events.rules';

describe('webhook retry schedule', () => {
  it('doubles from 30 s and caps at 4 h', () => {
    expect([1, 2, 3, 4, 5].map(webhookRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
    expect(webhookRetryDelayMs(10)).toBe(4 * 3600_000);
    expect(webhookRetryDelayMs(50)).toBe(4 * 3600_000);
  });

  it('retries for 24 hours after the first attempt, then gives up', () => {
    const schedule = webhookRetrySchedule();
    expect(schedule.at(-1)!).toBeLessThanOrEqual(WEBHOOK_RETRY_WINDOW_MS);
    expect(schedule.at(-1)! + webhookRetryDelayMs(schedule.length + 1)).toBeGreaterThan(WEBHOOK_RETRY_WINDOW_MS);
    // 30 s … 2 h 8 min (9 doublings, 4 h 15 min in all), then every 4 h until 24 h: 13 retries, 14 attempts.
    expect(schedule).toHaveLength(13);
    const first = new Date('2026-12-04T00:00:00Z');
    expect(nextWebhookAttempt(first, 1, first)?.toISOString()).toBe('2026-12-04T00:00:30.000Z');
    expect(nextWebhookAttempt(first, 12, new Date('2026-12-04T22:00:00Z'))).toBeNull();
  });

  it('reads the settings with safe defaults', () => {
    expect(readWebhookSettings(null)).toEqual({ allowPrivateTargets: false, failureLimit: 20 });
    expect(readWebhookSettings({ allowPrivateTargets: true, failureLimit: 3 })).toEqual({
      allowPrivateTargets: true,
      failureLimit: 3,
    });
    expect(readWebhookSettings({ allowPrivateTargets: 'yes', failureLimit: 0 })).toEqual({
      allowPrivateTargets: false,
      failureLimit: 20,
    });
  });
});

describe('which event a step reports', () => {
  it('names triage, resolution, closure, reopening, escalation and other state changes', () => {
    const step = (command: string, from: string, to: string, escalated = false) =>
      complaintStepEvent({ command, from, to, escalated });
    expect(step('TRIAGE', 'REGISTERED', 'TRIAGED', true)).toBe('complaint.triaged');
    expect(step('VERIFY', 'VERIFYING', 'RESOLVED')).toBe('complaint.resolved');
    expect(step('CLOSE', 'FOLLOW_UP_DONE', 'CLOSED')).toBe('complaint.closed');
    expect(step('REOPEN', 'CLOSED', 'REOPENED')).toBe('complaint.reopened');
    expect(step('START_INVESTIGATION', 'TRIAGED', 'INVESTIGATING')).toBe('complaint.step_changed');
    expect(step('CUSTOMER_FEEDBACK', 'RESOLVED', 'RESOLVED')).toBeNull();
    expect(escalationStepEvent(1)).toBe('complaint.overdue');
    expect(escalationStepEvent(2)).toBe('complaint.escalated');
  });
});
