/**
 * Departments, staff accounts and the audit log (SPEC §10, issue 15 item 5): limits and the audited entity types, in
 * one place for the service and the admin forms. Pure and client-safe: no Prisma client, no Node APIs.
 */

export const DEPARTMENT_LIMITS = {
  codeMaxLength: 32,
  nameMaxLength: 100,
} as const;

/** A department code: letters, digits, '-' and '_' (it appears in reports and imports), upper-cased on save. */
export const DEPARTMENT_CODE_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * What the audit log lists: the changes an administrator or manager makes to the installation itself — accounts,
 * departments, API keys, settings, the SLA rules and the business calendar. The records' own histories (customers,
 * complaints, …) stay on their pages.
 */
export const AUDITED_ENTITY_TYPES = ['User', 'Department', 'ApiKey', 'Setting', 'SlaRule', 'CalendarDay'] as const;
export type AuditedEntityType = (typeof AUDITED_ENTITY_TYPES)[number];
export const isAuditedEntityType = (value: string): value is AuditedEntityType =>
  (AUDITED_ENTITY_TYPES as readonly string[]).includes(value);

/** The fields an admin edits on an account, in the order the audit log shows their changes. */
export const USER_EDIT_FIELDS = ['name', 'phone', 'role', 'departmentId', 'active'] as const;
export const DEPARTMENT_EDIT_FIELDS = ['name', 'headId', 'active'] as const;

/**
 * Whether a change to one account leaves the installation without an active administrator: the account is an active
 * ADMIN now and will not be after the change, and no other active ADMIN exists.
 */
export function removesLastAdmin(
  before: { role: string; active: boolean },
  after: { role: string; active: boolean },
  otherActiveAdmins: number,
): boolean {
  const wasAdmin = before.role === 'ADMIN' && before.active;
  const isAdmin = after.role === 'ADMIN' && after.active;
  return wasAdmin && !isAdmin && otherActiveAdmins === 0;
}
