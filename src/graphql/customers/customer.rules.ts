import { z } from 'zod';
import { badInput } from '@/server/errors';
import { MONEY_PATTERN } from './customer-fields.rules';

/**
 * Input validation for customers, shared by the GraphQL mutations and the CSV/Excel import so both say the same
 * thing about the same bad value. Messages are Chinese first; `code` lets a UI translate them.
 */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `不能超过 ${max} 个字符` })
    .transform((v) => (v === '' ? null : v))
    .nullish();

const money = z.string().regex(MONEY_PATTERN, { message: '金额须为非负数，最多两位小数' }).nullish();

const date = z.date().nullish();

export const CUSTOMER_STATUSES = ['PROSPECT', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export const CUSTOMER_SOURCES = ['TRADE_SHOW', 'REFERRAL', 'ADVERTISEMENT', 'WALK_IN', 'OTHER'] as const;
export const CREDIT_STANDINGS = ['GOOD', 'FAIR', 'POOR'] as const;
export const CUSTOMER_GRADES = ['A', 'B', 'C', 'D'] as const;

export const ZContactInput = z.object({
  id: z.uuid().nullish(),
  name: z
    .string({ error: '联系人姓名必填' })
    .trim()
    .min(1, { message: '联系人姓名必填' })
    .max(100, { message: '不能超过 100 个字符' }),
  title: optionalText(100),
  phone: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), { message: '电话格式不正确' }),
  mobile: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), { message: '手机号格式不正确' }),
  email: optionalText(200).refine((v) => !v || z.email().safeParse(v).success, { message: '邮箱格式不正确' }),
  isPrimary: z.boolean().nullish(),
});

export const ZContractInput = z
  .object({
    id: z.uuid().nullish(),
    contractNo: z.string().trim().min(1, { message: '合同编号必填' }).max(50, { message: '不能超过 50 个字符' }),
    title: optionalText(200),
    amount: z.string().regex(MONEY_PATTERN, { message: '金额须为非负数，最多两位小数' }),
    signedAt: date,
    startsAt: date,
    endsAt: date,
  })
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt <= c.endsAt, {
    message: '结束日期不能早于开始日期',
    path: ['endsAt'],
  });

export const ZCustomerInput = z
  .object({
    contractNo: optionalText(50),
    certificateNo: optionalText(50),
    name: z
      .string({ error: '公司名称必填' })
      .trim()
      .min(1, { message: '公司名称必填' })
      .max(200, { message: '不能超过 200 个字符' }),
    applicationAcceptedAt: date,
    auditDate: date,
    initialAuditFee: money,
    surveillanceAuditFee: money,
    plannedSurveillanceDate: date,
    implementationDate: date,
    status: z.enum(CUSTOMER_STATUSES).nullish(),
    province: optionalText(50),
    address: optionalText(300),
    postcode: optionalText(10).refine((v) => !v || /^\d{6}$/.test(v), { message: '邮编须为 6 位数字' }),
    contactPerson: optionalText(100),
    phone: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), { message: '电话格式不正确' }),
    professionalCode: optionalText(50),
    certificationScope: optionalText(2000),
    legalRepresentative: optionalText(100),
    handler: optionalText(100),
    businessCondition: optionalText(2000),
    businessLines: optionalText(2000),
    creditStanding: z.enum(CREDIT_STANDINGS).nullish(),
    industry: optionalText(100),
    source: z.enum(CUSTOMER_SOURCES).nullish(),
    grade: z.enum(CUSTOMER_GRADES).nullish(),
    ownerId: z.uuid({ message: '负责人无效' }).nullish(),
    contacts: z.array(ZContactInput).max(100).nullish(),
    contracts: z.array(ZContractInput).max(500).nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.applicationAcceptedAt && c.auditDate && c.auditDate < c.applicationAcceptedAt) {
      ctx.addIssue({ code: 'custom', path: ['auditDate'], message: '审核日期不能早于申请受理日期' });
    }
    const seen = new Set<string>();
    c.contracts?.forEach((contract, i) => {
      if (seen.has(contract.contractNo))
        ctx.addIssue({ code: 'custom', path: ['contracts', i, 'contractNo'], message: '合同编号重复' });
      seen.add(contract.contractNo);
    });
    if ((c.contacts?.filter((x) => x.isPrimary).length ?? 0) > 1) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: '只能有一个主要联系人' });
    }
  });

export type TCustomerInput = z.output<typeof ZCustomerInput>;

/** Zod issues → `{ "contracts.0.contractNo": "合同编号重复" }` (first message per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function parseCustomerInput(input: unknown): TCustomerInput {
  const parsed = ZCustomerInput.safeParse(input);
  if (!parsed.success) throw badInput('输入有误，请检查标出的字段 / Invalid input', fieldErrors(parsed.error));
  return parsed.data;
}

/** Lower-cased text searched by `filter.search`: the company name, the contact person and every contact's name. */
export function buildSearchText(
  name: string,
  contactPerson: string | null | undefined,
  contactNames: readonly string[],
): string {
  return [name, contactPerson ?? '', ...contactNames].filter(Boolean).join(' ').toLowerCase();
}
