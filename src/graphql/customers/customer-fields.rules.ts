/**
 * Field formats of the customer record, pure (no Prisma, no Node APIs), so the server's validation (customer.rules.ts)
 * and the customer screens' early checks use one definition.
 */

/** A non-negative amount in yuan: at most 12 integer digits and 2 decimals ("12800", "12800.5"). */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** The longest reason an archive may give (it is kept in the customer's history). */
export const ARCHIVE_REASON_MAX_LENGTH = 500;

/**
 * The text fields `CustomerFilter` matches by "contains" (case-insensitive), in the order the filter panel shows them.
 * The service filters on exactly these; the list keeps each in the URL under its own name.
 */
export const CUSTOMER_TEXT_FILTERS = [
  'name',
  'contractNo',
  'certificateNo',
  'contactPerson',
  'phone',
  'address',
  'postcode',
  'professionalCode',
  'certificationScope',
  'legalRepresentative',
  'handler',
  'businessCondition',
  'businessLines',
] as const;
