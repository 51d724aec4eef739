/**
 * Field formats of the customer record, pure (no Prisma, no Node APIs), so the server's validation (customer.rules.ts)
 * and the customer screens' early checks use one definition.
 */

/** A non-negative amount in yuan: at most 12 integer digits and 2 decimals ("12800", "12800.5"). */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** The longest reason an archive may give (it is kept in the customer's history). */
export const ARCHIVE_REASON_MAX_LENGTH = 500;
