import { z } from 'zod';
import type { CustomerGrade, KeyAccountStatus } from '@/generated/prisma/enums';
import { errorKey } from '@/server/error-keys';

/**
 * Who a notice is for (SPEC §8: "audience by segment"), stored as typed JSON in Notice.audience. Pure and client-safe:
 * the console's form uses the same schema and limits.
 *
 * - `all`: every customer.
 * - otherwise a segment: each non-empty list is a condition and all given conditions must hold (province AND industry
 *   AND grade AND key account); customers named in `customerIds` are in the audience whatever the conditions say.
 *   A segment with no condition and no customer is refused (it would reach nobody).
 */
export const CUSTOMER_GRADES = ['A', 'B', 'C', 'D'] as const satisfies readonly CustomerGrade[];
export const AUDIENCE_LIST_MAX = 200;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(AUDIENCE_LIST_MAX).default([]);
const text = z.string().trim().min(1).max(100);

export const ZNoticeAudience = z
  .object({
    all: z.boolean().default(false),
    provinces: list(text),
    industries: list(text),
    grades: list(z.enum(CUSTOMER_GRADES)),
    keyAccountsOnly: z.boolean().default(false),
    customerIds: list(z.uuid()),
  })
  .superRefine((a, ctx) => {
    if (!a.all && !hasCondition(a) && a.customerIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['all'], message: errorKey('notice.audienceEmpty') });
  })
  .transform((a) =>
    a.all
      ? { ...a, provinces: [], industries: [], grades: [], keyAccountsOnly: false, customerIds: [] }
      : { ...a, provinces: unique(a.provinces), industries: unique(a.industries), customerIds: unique(a.customerIds) },
  );

export type NoticeAudience = z.output<typeof ZNoticeAudience>;
export type NoticeAudienceInput = z.input<typeof ZNoticeAudience>;

const unique = <T>(xs: readonly T[]) => [...new Set(xs)];

const hasCondition = (a: Pick<NoticeAudience, 'provinces' | 'industries' | 'grades' | 'keyAccountsOnly'>) =>
  a.provinces.length > 0 || a.industries.length > 0 || a.grades.length > 0 || a.keyAccountsOnly;

export const EVERYONE: NoticeAudience = {
  all: true,
  provinces: [],
  industries: [],
  grades: [],
  keyAccountsOnly: false,
  customerIds: [],
};

/** The stored JSON read back; anything unreadable reaches nobody (never everybody). */
export function readAudience(json: unknown): NoticeAudience | null {
  const parsed = ZNoticeAudience.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export type AudienceCustomer = {
  id: string;
  province: string | null;
  industry: string | null;
  grade: CustomerGrade | null;
  keyAccountStatus: KeyAccountStatus;
};

/** Whether a customer is in the audience (the same test as the service's Prisma filter, audienceWhere). */
export function inAudience(audience: NoticeAudience | null, customer: AudienceCustomer): boolean {
  if (!audience) return false;
  if (audience.all) return true;
  if (audience.customerIds.includes(customer.id)) return true;
  if (!hasCondition(audience)) return false;
  if (audience.provinces.length && !(customer.province && audience.provinces.includes(customer.province))) return false;
  if (audience.industries.length && !(customer.industry && audience.industries.includes(customer.industry)))
    return false;
  if (audience.grades.length && !(customer.grade && audience.grades.includes(customer.grade))) return false;
  if (audience.keyAccountsOnly && customer.keyAccountStatus !== 'ACTIVE') return false;
  return true;
}
