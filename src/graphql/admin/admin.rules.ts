import type { Role } from '@/generated/prisma/enums';

/**
 * The limits of the admin module's inputs, in one place for the service (zod, the authority) and the admin forms
 * (which check them first to spare a round trip). Pure and client-safe: no Prisma client, no Node APIs.
 */

/** The staff roles, in the order of the SPEC's actors table (the forms list them so). */
export const STAFF_ACCOUNT_ROLES = [
  'ADMIN',
  'SERVICE_AGENT',
  'QUALITY_MANAGER',
  'DEPARTMENT_HANDLER',
  'SERVICE_MANAGER',
  'EXECUTIVE',
  'DISPATCHER',
  'TECHNICIAN',
] as const satisfies readonly Role[];

/** Every account role: the staff's, then CUSTOMER last, as it is a portal account, not staff. */
export const ACCOUNT_ROLES = [...STAFF_ACCOUNT_ROLES, 'CUSTOMER'] as const satisfies readonly Role[];

export const isAccountRole = (value: string): value is Role => (ACCOUNT_ROLES as readonly string[]).includes(value);

export const USER_LIMITS = {
  /** Long enough that a guessed or sprayed password is unlikely; the hash (scrypt) does the rest. */
  passwordMinLength: 10,
  passwordMaxLength: 200,
  nameMaxLength: 100,
  emailMaxLength: 200,
  /** The account's phone, shown to key accounts as their owner's number. */
  phoneMaxLength: 40,
} as const;

export const API_KEY_LIMITS = { nameMaxLength: 100 } as const;

/** A plausible address (something@domain.tld); the server's zod `email()` stays the authority. */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
