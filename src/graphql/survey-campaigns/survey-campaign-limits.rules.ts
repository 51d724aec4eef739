/**
 * The limits of a campaign's input, shared by the server's schema (survey-campaign.rules.ts) and the campaign form.
 * Client-safe: nothing here may import Prisma, Node APIs or server code.
 */

/** 2026, 2026-Q4, 2026-H2, 2026-11, …: a year, optionally a part of it. Trends order periods by their campaigns' dates. */
export const PERIOD_LABEL = /^\d{4}(-[0-9A-Z]{1,8})?$/;
export const DEFAULT_REMINDER_DAYS = [3, 7] as const;
/** Reminder days are counted from the invitation: 1 to MAX_REMINDER_DAY, at most MAX_REMINDERS of them. */
export const MAX_REMINDER_DAY = 90;
export const MAX_REMINDERS = 5;
