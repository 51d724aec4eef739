import { z } from 'zod';
import type { InteractionType } from '@/generated/prisma/enums';
import { errorKey, zodFieldErrors, type ErrorKey, type ErrorParams } from '@/server/error-keys';
import { badField, badInput, type FieldErrorsInput } from '@/server/errors';
import { optionalText, requiredText } from '../input.rules';
import {
  extensionOf,
  INTAKE_TEXT_LIMITS as MAX,
  INTERACTION_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  PHONE_PATTERN,
  type AttachmentExtension,
} from './intake.rules';

// The limits live in the client-safe intake.rules.ts, so the intake forms check exactly what is enforced here.
export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from './intake.rules';

/** Pure intake rules (SPEC §3): numbering, input validation, phone matching, attachment checks. */

/** Number prefixes by type [003 (二)]: TS 投诉, ZX 咨询, CX 查询, JY 建议. */
export const NUMBER_PREFIX: Record<InteractionType, string> = {
  COMPLAINT: 'TS',
  CONSULTATION: 'ZX',
  INQUIRY: 'CX',
  SUGGESTION: 'JY',
};

/**
 * The database sequence that numbers one type in one year (SPEC §3: TS-2026-000123 — the running part starts again at
 * 000001 each year). Created on first use of the year by the intake service; the name is built from an enum and a
 * number only, so it is safe to put into DDL.
 */
export function numberSequenceName(type: InteractionType, year: number): string {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`unexpected year ${year}`);
  return `interaction_number_${type.toLowerCase()}_${year}`;
}

export const NUMBER_TIME_ZONE = 'Asia/Shanghai';

/** The calendar year of `at` in Asia/Shanghai (a submission at 2026-12-31T17:00Z is already 2027 there). */
export function yearIn(at: Date, timeZone = NUMBER_TIME_ZONE): number {
  return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(at));
}

/** `<PREFIX>-<YEAR>-<6 digits>`, e.g. TS-2026-000123. Beyond 999999 the running part simply grows wider. */
export function formatInteractionNumber(type: InteractionType, at: Date, running: number | bigint): string {
  return `${NUMBER_PREFIX[type]}-${yearIn(at)}-${String(running).padStart(6, '0')}`;
}

export const NUMBER_PATTERN = /^(TS|ZX|CX|JY)-\d{4}-\d{6,}$/;

/** Phones compare without spaces, dashes, dots and brackets, and without a leading +86/0086. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/[\s\-().]/g, '');
  return digits.replace(/^(\+86|0086)/, '');
}

const phone = optionalText(MAX.contactPhone).refine((v) => !v || PHONE_PATTERN.test(v), {
  message: errorKey('customer.phoneInvalid'),
});
const email = optionalText(MAX.contactEmail).refine((v) => !v || z.email().safeParse(v).success, {
  message: errorKey('validation.invalidEmail'),
});

/** What POST /api/uploads hands out: 32 random bytes, base64url. */
export const UPLOAD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Exactly one of `contentBase64` (with its `fileName`) or `uploadToken` (the name came with the upload). */
export const ZAttachmentUpload = z
  .object({
    fileName: optionalText(200),
    contentBase64: z.string().nullish(),
    uploadToken: z
      .string()
      .regex(UPLOAD_TOKEN_PATTERN, { message: errorKey('interaction.uploadTokenInvalid') })
      .nullish(),
  })
  .superRefine((upload, ctx) => {
    const hasContent = upload.contentBase64 != null;
    const hasToken = upload.uploadToken != null;
    if (hasContent === hasToken)
      ctx.addIssue({
        code: 'custom',
        message: errorKey('interaction.attachmentSourceRequired'),
        path: [hasToken ? 'contentBase64' : 'uploadToken'],
      });
    else if (hasContent && !upload.fileName)
      ctx.addIssue({ code: 'custom', message: errorKey('validation.required'), path: ['fileName'] });
  });
export type TAttachmentUpload = z.infer<typeof ZAttachmentUpload>;

const common = {
  type: z.enum(INTERACTION_TYPES, { error: errorKey('interaction.typeRequired') }),
  subject: requiredText(MAX.subject, errorKey('interaction.subjectRequired')),
  description: requiredText(MAX.description, errorKey('interaction.descriptionRequired')),
  desiredOutcome: optionalText(MAX.desiredOutcome),
  relatedContractId: z.uuid({ error: errorKey('interaction.contractInvalid') }).nullish(),
  productRef: optionalText(MAX.productRef),
  orderRef: optionalText(MAX.orderRef),
  contactEmail: email,
  attachments: z.array(ZAttachmentUpload).nullish(),
};

export const ZSubmitInteractionInput = z.object({
  ...common,
  idempotencyKey: z.string().trim().min(8).max(100),
  companyName: optionalText(MAX.companyName),
  contactName: optionalText(MAX.contactName),
  contactPhone: phone,
  customerId: z.uuid({ error: errorKey('common.invalidId') }).nullish(),
});
export type TSubmitInteractionInput = z.infer<typeof ZSubmitInteractionInput>;

export const ZRecordInteractionInput = z.object({
  ...common,
  channel: z.enum(['PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX'], { error: errorKey('interaction.channelRequired') }),
  customerId: z.uuid({ error: errorKey('callback.customerRequired') }),
  contactName: optionalText(MAX.contactName),
  contactPhone: phone,
});
export type TRecordInteractionInput = z.infer<typeof ZRecordInteractionInput>;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
  return parsed.data;
}

/** Anonymous visitors must say who they are: company, contact and phone (SPEC §3: later look-up by number + phone). */
export function parseSubmitInput(input: unknown, anonymousVisitor: boolean): TSubmitInteractionInput {
  const data = parse(ZSubmitInteractionInput, input);
  if (anonymousVisitor) {
    const missing: FieldErrorsInput = {};
    if (!data.companyName) missing.companyName = 'interaction.companyNameRequired';
    if (!data.contactName) missing.contactName = 'interaction.contactNameRequired';
    if (!data.contactPhone) missing.contactPhone = 'interaction.contactPhoneRequired';
    if (Object.keys(missing).length) throw badInput('common.invalidInput', missing);
  }
  return data;
}

export const parseRecordInput = (input: unknown): TRecordInteractionInput => parse(ZRecordInteractionInput, input);

/** The attachments of addInteractionAttachments, with field keys `attachments.<i>.<field>` as in the intake inputs. */
export const parseAttachmentUploads = (attachments: unknown): TAttachmentUpload[] =>
  parse(z.object({ attachments: z.array(ZAttachmentUpload) }), { attachments }).attachments;

// ───────────────────────────── attachments ─────────────────────────────

/**
 * A check of a file's content fed in pieces as they arrive — a streamed upload, or a whole buffer as one piece — so the
 * streamed route and inline uploads share one rule and neither holds more than a few bytes for it. `push` answers false
 * as soon as the content cannot match; `finish` gives the verdict on the whole file.
 */
export type ContentCheck = { push(chunk: Uint8Array): boolean; finish(): boolean };

/** Every signature we check lies within the first 12 bytes (WEBP at offset 8). */
const HEAD_BYTES = 12;

function signatureCheck(test: (head: Uint8Array) => boolean): () => ContentCheck {
  return () => {
    const head = new Uint8Array(HEAD_BYTES);
    let filled = 0;
    let verdict: boolean | null = null;
    return {
      push(chunk) {
        if (verdict === null) {
          const take = chunk.subarray(0, HEAD_BYTES - filled);
          head.set(take, filled);
          filled += take.length;
          if (filled === HEAD_BYTES) verdict = test(head);
        }
        return verdict ?? true;
      },
      finish: () => verdict ?? test(head.subarray(0, filled)),
    };
  };
}

/** No signature for text: refuse binary content (NUL bytes or invalid UTF-8) anywhere in the file instead. */
function plainTextCheck(): ContentCheck {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let plausible = true;
  const decodes = (chunk?: Uint8Array) => {
    try {
      decoder.decode(chunk, { stream: chunk !== undefined });
      return true;
    } catch {
      return false;
    }
  };
  return {
    push(chunk) {
      plausible &&= !chunk.includes(0) && decodes(chunk);
      return plausible;
    },
    finish: () => plausible && decodes(),
  };
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Allowed types by extension, with the MIME type we store (never the client's) and the file's content check. */
export const ATTACHMENT_TYPES: Record<AttachmentExtension, { mimeType: string; contentCheck: () => ContentCheck }> = {
  pdf: { mimeType: 'application/pdf', contentCheck: signatureCheck((b) => startsWith(b, ascii('%PDF-'))) },
  jpg: { mimeType: 'image/jpeg', contentCheck: signatureCheck((b) => startsWith(b, [0xff, 0xd8, 0xff])) },
  jpeg: { mimeType: 'image/jpeg', contentCheck: signatureCheck((b) => startsWith(b, [0xff, 0xd8, 0xff])) },
  png: {
    mimeType: 'image/png',
    contentCheck: signatureCheck((b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  webp: {
    mimeType: 'image/webp',
    contentCheck: signatureCheck((b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)),
  },
  xlsx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentCheck: signatureCheck((b) => startsWith(b, ZIP)),
  },
  docx: {
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    contentCheck: signatureCheck((b) => startsWith(b, ZIP)),
  },
  txt: { mimeType: 'text/plain; charset=utf-8', contentCheck: plainTextCheck },
};

export const ALLOWED_EXTENSIONS = Object.keys(ATTACHMENT_TYPES);

const attachmentProblem = (key: ErrorKey, params?: ErrorParams) => badField('attachments', key, params);

export const attachmentTooLarge = (fileName: string) => attachmentProblem('interaction.fileTooLarge', { fileName });

/**
 * One file checked as its bytes arrive: the name (path separators neutralised, an allowed extension) when created, the
 * size and content with each piece, emptiness and the content's verdict at the end. Every check throws BAD_USER_INPUT
 * on `attachments` as soon as it fails.
 */
export type AttachmentInspection = {
  readonly fileName: string;
  readonly mimeType: string;
  readonly size: number;
  push(chunk: Uint8Array): void;
  finish(): void;
};

export function inspectAttachment(rawFileName: string): AttachmentInspection {
  const fileName = rawFileName.replace(/[\\/]/g, '_').trim();
  const extension = extensionOf(fileName);
  const type = (ATTACHMENT_TYPES as Record<string, (typeof ATTACHMENT_TYPES)[AttachmentExtension] | undefined>)[
    extension
  ];
  if (!type)
    throw attachmentProblem('interaction.fileTypeNotAllowed', { fileName, allowed: ALLOWED_EXTENSIONS.join('/') });
  const content = type.contentCheck();
  const mismatch = () => attachmentProblem('interaction.fileContentMismatch', { fileName });
  let size = 0;
  return {
    fileName,
    mimeType: type.mimeType,
    get size() {
      return size;
    },
    push(chunk) {
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) throw attachmentTooLarge(fileName);
      if (!content.push(chunk)) throw mismatch();
    },
    finish() {
      if (size === 0) throw attachmentProblem('interaction.fileEmpty', { fileName });
      if (!content.finish()) throw mismatch();
    },
  };
}

export type CheckedFile = { fileName: string; mimeType: string; bytes: Uint8Array };

export function checkAttachmentCount(count: number, alreadyAttached = 0): void {
  if (count + alreadyAttached > MAX_ATTACHMENTS)
    throw attachmentProblem('interaction.tooManyAttachments', { max: MAX_ATTACHMENTS });
}

/** Checks count, size, extension and content of whole files; throws BAD_USER_INPUT on `attachments`. */
export function checkAttachments(
  files: readonly { fileName: string; bytes: Uint8Array }[],
  alreadyAttached = 0,
): CheckedFile[] {
  checkAttachmentCount(files.length, alreadyAttached);
  return files.map(({ fileName, bytes }) => {
    const inspection = inspectAttachment(fileName);
    inspection.push(bytes);
    inspection.finish();
    return { fileName: inspection.fileName, mimeType: inspection.mimeType, bytes };
  });
}

/** Decodes base64 uploads, refusing oversize input before decoding it. */
export function decodeUploads(
  uploads: readonly { fileName: string; contentBase64: string }[],
): { fileName: string; bytes: Uint8Array }[] {
  return uploads.map((u) => {
    // base64 is 4/3 of the bytes; refuse clearly oversize payloads before allocating them.
    if (u.contentBase64.length > Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8) throw attachmentTooLarge(u.fileName);
    if (!/^[A-Za-z0-9+/=\s]*$/.test(u.contentBase64)) throw attachmentProblem('interaction.attachmentEncodingInvalid');
    return { fileName: u.fileName, bytes: new Uint8Array(Buffer.from(u.contentBase64, 'base64')) };
  });
}

/**
 * Where an attachment of an intake comes from: sent inline (decoded and checked here), or uploaded ahead through
 * POST /api/uploads (checked when it was uploaded) and named by its token, which the intake claims in its transaction.
 */
export type AttachmentSource = { kind: 'inline'; file: CheckedFile } | { kind: 'pending'; uploadToken: string };

/** Decodes and checks the inline files and the count (with `alreadyAttached`); pending uploads are claimed later. */
export function prepareAttachments(uploads: readonly TAttachmentUpload[], alreadyAttached = 0): AttachmentSource[] {
  checkAttachmentCount(uploads.length, alreadyAttached);
  return uploads.map((upload): AttachmentSource => {
    if (upload.uploadToken) return { kind: 'pending', uploadToken: upload.uploadToken };
    const [decoded] = decodeUploads([{ fileName: upload.fileName!, contentBase64: upload.contentBase64! }]);
    return { kind: 'inline', file: checkAttachments([decoded!])[0]! };
  });
}
