/**
 * The callback rules a form needs as well as the service (client-safe: no Prisma, no server imports). callback.rules.ts
 * validates with these; the console's queue tabs and dialogs import them, so a limit is written once.
 */

export const CALLBACK_QUEUES = ['MINE', 'DUE_SOON', 'OVERDUE', 'PENDING', 'DONE'] as const;
export type CallbackQueue = (typeof CALLBACK_QUEUES)[number];

/** Key-account and periodic callbacks are planned by staff; post-resolution and survey follow-ups by the system. */
export const CREATABLE_REASONS = ['KEY_ACCOUNT', 'PERIODIC'] as const;

/** Longest reason for cancelling a callback task (it goes into the task's history). */
export const CANCEL_REASON_MAX = 500;
/** Longest subject of the new complaint a callback raises (the complaint subject's own limit). */
export const NEW_COMPLAINT_SUBJECT_MAX = 200;
