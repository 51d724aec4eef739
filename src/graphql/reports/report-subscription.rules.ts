import type { Role } from '@/generated/prisma/enums';
import { ROLE_PERMISSIONS, STAFF_ROLES } from '@/server/auth/policies';
import type { StaffRole } from '@/server/viewer';

/**
 * Who may receive the periodic reports (SPEC §9): the staff roles that hold reports:read in the permission table
 * (policies.ts), read from it rather than listed, so a change of the table changes both the service's check (a role
 * or user subscribed without it is refused) and the roles the subscribe form offers. Client-safe.
 */
export const REPORT_READER_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((role) =>
  ROLE_PERMISSIONS[role].includes('reports:read'),
);

export const roleMayReadReports = (role: Role): boolean => (REPORT_READER_ROLES as readonly Role[]).includes(role);
