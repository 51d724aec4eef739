import { z } from 'zod';
import { errorKey, zodFieldErrors } from '@/server/error-keys';
import { badInput } from '@/server/errors';
import { flagRepeats, optionalText } from '../input.rules';
import { MONEY_PATTERN } from './customer-fields.rules';

/**
 * Input validation for customers, shared by the GraphQL mutations and the CSV/Excel import so both say the same
 * thing about the same bad value. Problems are message keys (messages/<locale>/errors.json), translated by the UI.
 */
const money = z
  .string()
  .regex(MONEY_PATTERN, { message: errorKey('customer.amountInvalid') })
  .nullish();

const date = z.date().nullish();

export const CUSTOMER_STATUSES = ['PROSPECT', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED'] as const;
export const CUSTOMER_SOURCES = ['TRADE_SHOW', 'REFERRAL', 'ADVERTISEMENT', 'WALK_IN', 'OTHER'] as const;
export const CREDIT_STANDINGS = ['GOOD', 'FAIR', 'POOR'] as const;
export const CUSTOMER_GRADES = ['A', 'B', 'C', 'D'] as const;

export const ZContactInput = z.object({
  id: z.uuid().nullish(),
  name: z.string().trim().min(1).max(100),
  title: optionalText(100),
  phone: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), {
    message: errorKey('customer.phoneInvalid'),
  }),
  mobile: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), {
    message: errorKey('customer.mobileInvalid'),
  }),
  email: optionalText(200).refine((v) => !v || z.email().safeParse(v).success, {
    message: errorKey('validation.invalidEmail'),
  }),
  isPrimary: z.boolean().nullish(),
});

export const ZContractInput = z
  .object({
    id: z.uuid().nullish(),
    contractNo: z.string().trim().min(1).max(50),
    title: optionalText(200),
    amount: z.string().regex(MONEY_PATTERN, { message: errorKey('customer.amountInvalid') }),
    signedAt: date,
    startsAt: date,
    endsAt: date,
  })
  .refine((c) => !c.startsAt || !c.endsAt || c.startsAt <= c.endsAt, {
    message: errorKey('customer.endBeforeStart'),
    path: ['endsAt'],
  });

export const ZCustomerInput = z
  .object({
    contractNo: optionalText(50),
    certificateNo: optionalText(50),
    name: z.string().trim().min(1).max(200),
    applicationAcceptedAt: date,
    auditDate: date,
    initialAuditFee: money,
    surveillanceAuditFee: money,
    plannedSurveillanceDate: date,
    implementationDate: date,
    status: z.enum(CUSTOMER_STATUSES).nullish(),
    province: optionalText(50),
    address: optionalText(300),
    postcode: optionalText(10).refine((v) => !v || /^\d{6}$/.test(v), {
      message: errorKey('customer.postcodeInvalid'),
    }),
    contactPerson: optionalText(100),
    phone: optionalText(40).refine((v) => !v || /^[0-9+\-() ]{5,40}$/.test(v), {
      message: errorKey('customer.phoneInvalid'),
    }),
    professionalCode: optionalText(50),
    certificationScope: optionalText(2000),
    legalRepresentative: optionalText(100),
    handler: optionalText(100),
    businessCondition: optionalText(2000),
    businessLines: optionalText(2000),
    creditStanding: z.enum(CREDIT_STANDINGS).nullish(),
    industry: optionalText(100),
    source: z.enum(CUSTOMER_SOURCES).nullish(),
    ownerId: z.uuid({ message: errorKey('customer.ownerInvalid') }).nullish(),
    contacts: z.array(ZContactInput).max(100).nullish(),
    contracts: z.array(ZContractInput).max(500).nullish(),
  })
  .superRefine((c, ctx) => {
    if (c.applicationAcceptedAt && c.auditDate && c.auditDate < c.applicationAcceptedAt) {
      ctx.addIssue({ code: 'custom', path: ['auditDate'], message: errorKey('customer.auditBeforeApplication') });
    }
    flagRepeats(
      ctx,
      c.contracts,
      (contract) => contract.contractNo,
      (i) => ['contracts', i, 'contractNo'],
      errorKey('customer.contractNoRepeated'),
    );
    if ((c.contacts?.filter((x) => x.isPrimary).length ?? 0) > 1) {
      ctx.addIssue({ code: 'custom', path: ['contacts'], message: errorKey('customer.onePrimaryContact') });
    }
  });

export type TCustomerInput = z.output<typeof ZCustomerInput>;

export function parseCustomerInput(input: unknown): TCustomerInput {
  const parsed = ZCustomerInput.safeParse(input);
  if (!parsed.success) throw badInput('common.invalidInput', zodFieldErrors(parsed.error));
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
