import { z } from 'zod';
import type { InteractionType } from '@/generated/prisma/enums';
import { badInput } from '@/server/errors';
import { fieldErrors } from '../customers/customer.rules';

/** Pure intake rules (SPEC §3): numbering, input validation, phone matching, attachment checks. */

export const INTERACTION_TYPES = ['CONSULTATION', 'INQUIRY', 'COMPLAINT', 'SUGGESTION'] as const;

/** Number prefixes by type [003 (二)]: TS 投诉, ZX 咨询, CX 查询, JY 建议. */
export const NUMBER_PREFIX: Record<InteractionType, string> = { COMPLAINT: 'TS', CONSULTATION: 'ZX', INQUIRY: 'CX', SUGGESTION: 'JY' };

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

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不能超过 ${max} 个字符` })
    .transform((v) => (v === '' ? null : v))
    .nullish();

const requiredText = (label: string, max: number) =>
  z.string({ error: `${label}必填` }).trim().min(1, { message: `${label}必填` }).max(max, { message: `不能超过 ${max} 个字符` });

const phone = optionalText(40).refine((v) => !v || /^\+?[0-9\s\-().]{5,40}$/.test(v), { message: '电话格式不正确' });
const email = optionalText(200).refine((v) => !v || z.email().safeParse(v).success, { message: '邮箱格式不正确' });

export const ZAttachmentUpload = z.object({
  fileName: requiredText('文件名', 200),
  contentBase64: z.string(),
});

const common = {
  type: z.enum(INTERACTION_TYPES, { error: '请选择类型' }),
  subject: requiredText('主题', 200),
  description: requiredText('详细描述', 5000),
  desiredOutcome: optionalText(2000),
  relatedContractId: z.uuid({ error: '合同无效' }).nullish(),
  productRef: optionalText(100),
  orderRef: optionalText(100),
  contactEmail: email,
  attachments: z.array(ZAttachmentUpload).nullish(),
};

export const ZSubmitInteractionInput = z.object({
  ...common,
  idempotencyKey: z.string().trim().min(8, { message: '缺少提交标识' }).max(100, { message: '提交标识过长' }),
  companyName: optionalText(200),
  contactName: optionalText(100),
  contactPhone: phone,
  customerId: z.uuid({ error: '客户无效' }).nullish(),
});
export type TSubmitInteractionInput = z.infer<typeof ZSubmitInteractionInput>;

export const ZRecordInteractionInput = z.object({
  ...common,
  channel: z.enum(['PHONE', 'VISIT', 'EMAIL', 'LETTER_FAX'], { error: '请选择渠道' }),
  customerId: z.uuid({ error: '请选择客户' }),
  contactName: optionalText(100),
  contactPhone: phone,
});
export type TRecordInteractionInput = z.infer<typeof ZRecordInteractionInput>;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badInput('输入有误，请检查标出的字段 / Invalid input', fieldErrors(parsed.error));
  return parsed.data;
}

/** Anonymous visitors must say who they are: company, contact and phone (SPEC §3: later look-up by number + phone). */
export function parseSubmitInput(input: unknown, anonymousVisitor: boolean): TSubmitInteractionInput {
  const data = parse(ZSubmitInteractionInput, input);
  if (anonymousVisitor) {
    const missing: Record<string, string> = {};
    if (!data.companyName) missing.companyName = '公司名称必填';
    if (!data.contactName) missing.contactName = '联系人必填';
    if (!data.contactPhone) missing.contactPhone = '联系电话必填';
    if (Object.keys(missing).length) throw badInput('输入有误，请检查标出的字段 / Invalid input', missing);
  }
  return data;
}

export const parseRecordInput = (input: unknown): TRecordInteractionInput => parse(ZRecordInteractionInput, input);

// ───────────────────────────── attachments ─────────────────────────────

export const MAX_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Allowed types by extension, with the MIME type we store (never the client's) and the file's signature check. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export const ATTACHMENT_TYPES: Record<string, { mimeType: string; matches: (bytes: Uint8Array) => boolean }> = {
  pdf: { mimeType: 'application/pdf', matches: (b) => startsWith(b, ascii('%PDF-')) },
  jpg: { mimeType: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  jpeg: { mimeType: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  png: { mimeType: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  webp: { mimeType: 'image/webp', matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8) },
  xlsx: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', matches: (b) => startsWith(b, ZIP) },
  docx: { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', matches: (b) => startsWith(b, ZIP) },
  // No signature for text: refuse binary content (NUL bytes or invalid UTF-8) instead.
  txt: { mimeType: 'text/plain; charset=utf-8', matches: isPlainText },
};

export const ALLOWED_EXTENSIONS = Object.keys(ATTACHMENT_TYPES);

export type CheckedFile = { fileName: string; mimeType: string; bytes: Uint8Array };

/** Checks count, size, extension and content signature of uploads; throws BAD_USER_INPUT on `attachments`. */
export function checkAttachments(files: readonly { fileName: string; bytes: Uint8Array }[], alreadyAttached = 0): CheckedFile[] {
  const fail = (message: string) => badInput(message, { attachments: message });
  if (files.length + alreadyAttached > MAX_ATTACHMENTS) throw fail(`最多上传 ${MAX_ATTACHMENTS} 个附件`);
  return files.map(({ fileName, bytes }) => {
    const name = fileName.replace(/[\\/]/g, '_').trim();
    const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    const type = ATTACHMENT_TYPES[extension];
    if (!type) throw fail(`不支持的文件类型：${name}（仅限 ${ALLOWED_EXTENSIONS.join('/')}）`);
    if (bytes.length === 0) throw fail(`文件为空：${name}`);
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw fail(`文件超过 10 MB：${name}`);
    if (!type.matches(bytes)) throw fail(`文件内容与扩展名不符：${name}`);
    return { fileName: name, mimeType: type.mimeType, bytes };
  });
}

/** Decodes base64 uploads, refusing oversize input before decoding it. */
export function decodeUploads(uploads: readonly { fileName: string; contentBase64: string }[]): { fileName: string; bytes: Uint8Array }[] {
  return uploads.map((u) => {
    // base64 is 4/3 of the bytes; refuse clearly oversize payloads before allocating them.
    if (u.contentBase64.length > Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8) {
      throw badInput(`文件超过 10 MB：${u.fileName}`, { attachments: `文件超过 10 MB：${u.fileName}` });
    }
    if (!/^[A-Za-z0-9+/=\s]*$/.test(u.contentBase64)) throw badInput('附件编码无效', { attachments: '附件编码无效' });
    return { fileName: u.fileName, bytes: new Uint8Array(Buffer.from(u.contentBase64, 'base64')) };
  });
}
