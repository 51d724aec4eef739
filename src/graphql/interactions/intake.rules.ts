/**
 * What the intake screens need from the server's rules before they send anything: which fields are required, how long
 * each may be, the phone format, how many files of which kinds and sizes, and the statuses and channels in order. Pure and client-safe (no Prisma, no Node APIs): the server's
 * validation (interaction.rules.ts, the upload route) and the intake forms import them from here, so the form can
 * never promise more than the server accepts. The server stays the authority and words its own refusals.
 */

/** SPEC §3 attachments: at most 5 files per record, 10 MB each. */
export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The file kinds accepted, by extension (the server also checks each file's content against it). */
export const ATTACHMENT_EXTENSIONS = ['pdf', 'jpg', 'jpeg', 'png', 'webp', 'xlsx', 'docx', 'txt'] as const;
export type AttachmentExtension = (typeof ATTACHMENT_EXTENSIONS)[number];

/** The lower-cased extension of a file name ('' when it has none). */
export const extensionOf = (fileName: string) =>
  fileName.includes('.') ? fileName.split('.').pop()!.toLowerCase() : '';

export const isAcceptedExtension = (fileName: string): boolean =>
  (ATTACHMENT_EXTENSIONS as readonly string[]).includes(extensionOf(fileName));

/** The `accept` attribute of a file input for these kinds. */
export const ATTACHMENT_ACCEPT = ATTACHMENT_EXTENSIONS.map((e) => `.${e}`).join(',');

/** Maximum lengths in characters of the intake's text fields (after trimming). */
export const INTAKE_TEXT_LIMITS = {
  subject: 200,
  description: 5000,
  desiredOutcome: 2000,
  productRef: 100,
  orderRef: 100,
  companyName: 200,
  contactName: 100,
  contactPhone: 40,
  contactEmail: 200,
} as const;
export type IntakeTextField = keyof typeof INTAKE_TEXT_LIMITS;

/** Required of everyone who lodges or records an interaction. */
export const INTAKE_REQUIRED_FIELDS = ['subject', 'description'] as const;

/** Also required of an anonymous visitor (SPEC §3: the later look-up is by number + phone). */
export const VISITOR_REQUIRED_FIELDS = ['companyName', 'contactName', 'contactPhone'] as const;

/** A phone as people write it: digits with spaces, dashes, dots, brackets and a leading +. */
export const PHONE_PATTERN = /^\+?[0-9\s\-().]{5,40}$/;

/** Every interaction type, complaints first: the order the intake forms, lists, SLA rules and reports show them. */
export const INTERACTION_TYPES = ['COMPLAINT', 'CONSULTATION', 'INQUIRY', 'SUGGESTION'] as const;

/** Every interaction status in the order of the workflow (SPEC §3–4): the console list's status tabs follow it. */
export const INTERACTION_STATUSES = [
  'REGISTERED',
  'TRIAGED',
  'INVESTIGATING',
  'ACTION_PLANNED',
  'PENDING_APPROVAL',
  'IMPLEMENTING',
  'VERIFYING',
  'RESOLVED',
  'FOLLOW_UP_DONE',
  'CLOSED',
  'REJECTED',
  'REOPENED',
] as const;

/** Every channel an interaction comes in through (SPEC §3). */
export const INTERACTION_CHANNELS = ['PORTAL', 'PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX', 'API'] as const;
