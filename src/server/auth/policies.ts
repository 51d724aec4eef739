import type { Role } from '@/generated/prisma/enums';
import { forbidden, unauthenticated } from '@/server/errors';
import type { StaffRole, Viewer } from '@/server/viewer';

/**
 * Permissions are what roles and API-key scopes grant. API keys carry permission names as scopes, so a machine
 * client can be given exactly what a role would have, and never more than `API_SCOPES` allows.
 */
export const PERMISSIONS = [
  'customers:read',
  'customers:write',
  'customers:import',
  'interactions:read',
  'interactions:write',
  // Machine clients only: run the complaint workflow (triage, investigation, actions, 8D, approval, verification,
  // closure) as the key's named service account. Staff take these steps by their role and the state machine's rules.
  'complaints:workflow',
  'callbacks:read',
  'callbacks:write',
  'surveys:read',
  'surveys:manage',
  'surveys:respond',
  // Key accounts (SPEC §2): read them, propose nominations and record obligations; deciding a nomination (approve,
  // reject, downgrade) is the service manager's.
  'keyaccounts:read',
  'keyaccounts:write',
  'keyaccounts:decide',
  // Notices (信息公告, SPEC §8): read them (staff and API clients), write them, approve urgent ones (the service manager).
  'notices:read',
  'notices:write',
  'notices:approve',
  // Visits (客户访问周期/行程/工作日志, SPEC §7): read them, plan and log visits; approving a weekly itinerary is the
  // sales/service manager's.
  'visits:read',
  'visits:write',
  'visits:approve',
  // Work orders (派工单, SPEC §7): read them (a technician only their own), dispatch and record the work.
  'workorders:read',
  'workorders:write',
  // Management reporting (SPEC §9): the KPI dashboard and the periodic reports.
  'reports:read',
  // Webhook endpoints and their delivery log (SPEC §10): administration.
  'webhooks:manage',
  'apiKeys:manage',
  'users:manage',
  'settings:read',
  'settings:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Administration: API keys, users and the complaint clock's configuration (settings, below).
const ADMINISTRATION: readonly Permission[] = [
  'apiKeys:manage',
  'users:manage',
  'settings:read',
  'settings:manage',
  'webhooks:manage',
];

// Administration no key may hold: a key that mints keys, edits users or registers webhook endpoints (which receive
// every domain's events) could reach beyond its own scopes.
const KEY_NEVER: readonly Permission[] = ['apiKeys:manage', 'users:manage', 'webhooks:manage'];

// Manager decisions: the service manager's (below). An admin may delegate one to an integrating system by granting it
// to an API key, which then decides as its named service account (the decider and the history name it).
const DECISIONS: readonly Permission[] = ['keyaccounts:decide', 'notices:approve', 'visits:approve'];

/**
 * Scopes an admin may put on an API key: every permission but administration (API keys, users and departments,
 * webhook endpoints). The service rules (settings) and the survey programme (templates, campaigns) are granted like any
 * domain. The manager decisions (keyaccounts:decide, notices:approve, visits:approve) are grantable too: an admin
 * granting one delegates that decision (key-account nominations and criteria, urgent notices, itineraries and visit
 * frequencies) to the integrating system, which takes it as the key's named service account. What stays staff-only,
 * and why, is listed per mutation in src/graphql/api-coverage.rules.ts.
 */
export const API_SCOPES: readonly Permission[] = PERMISSIONS.filter((p) => !KEY_NEVER.includes(p));

/**
 * Scopes that write (everything but `*:read`): a key holding one acts as a named service account (a user of its own,
 * made with the key), so every write it makes — workflow steps, callbacks, notices, rules — names it in the history
 * and in the record's author columns as a person is named.
 */
export const SERVICE_ACCOUNT_SCOPES: readonly Permission[] = API_SCOPES.filter((p) => !p.endsWith(':read'));

/** Scopes that only machine clients hold: staff take the same steps by their role. */
const MACHINE_ONLY: readonly Permission[] = ['complaints:workflow'];

const READ_ONLY: Permission[] = ['customers:read', 'interactions:read'];
// The service desk keeps the customer database, takes intake, calls back and runs the surveys (SPEC §1, §3, §5, §6):
// every permission but administration and the decisions — key-account nominations, urgent notices (the service
// manager's, below).
const CUSTOMER_DESK: Permission[] = PERMISSIONS.filter(
  (p) => !ADMINISTRATION.includes(p) && !DECISIONS.includes(p) && !MACHINE_ONLY.includes(p),
);
// What quality and the executive both read beyond intake: callbacks and the satisfaction analysis, key accounts,
// notices, visits, work orders and the reports.
const OVERSIGHT_READS: Permission[] = [
  'callbacks:read',
  'surveys:read',
  'keyaccounts:read',
  'notices:read',
  'visits:read',
  'workorders:read',
  'reports:read',
];
// Quality records and reads intake (SPEC §3/§4) but does not maintain the customer database.
const QUALITY: Permission[] = [...READ_ONLY, 'interactions:write', ...OVERSIGHT_READS];
const EXECUTIVE: Permission[] = [...READ_ONLY, ...OVERSIGHT_READS];
// The dispatcher takes repair calls and dispatches work orders; the technician records the work on their own orders
// (the work-order service narrows a technician to the orders assigned to them).
const DISPATCHER: Permission[] = [...READ_ONLY, 'workorders:read', 'workorders:write'];
const TECHNICIAN: Permission[] = [...READ_ONLY, 'workorders:read', 'workorders:write'];

// The complaint clock's configuration (SLA rules, business hours, calendar, 核决权限, escalation): kept by the service
// manager, who answers for the desk's deadlines, and the administrator; quality and the executive read it.
const SETTINGS_READ: Permission[] = ['settings:read'];
const SETTINGS_MANAGE: Permission[] = ['settings:read', 'settings:manage'];

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  ADMIN: PERMISSIONS.filter((p) => !MACHINE_ONLY.includes(p)),
  SERVICE_AGENT: CUSTOMER_DESK,
  SERVICE_MANAGER: [...CUSTOMER_DESK, ...DECISIONS, ...SETTINGS_MANAGE],
  QUALITY_MANAGER: [...QUALITY, ...SETTINGS_READ],
  DEPARTMENT_HANDLER: [...READ_ONLY, 'reports:read'],
  EXECUTIVE: [...EXECUTIVE, ...SETTINGS_READ],
  DISPATCHER,
  TECHNICIAN,
};

export const STAFF_ROLES = Object.keys(ROLE_PERMISSIONS) as StaffRole[];
export const isStaffRole = (role: Role): role is StaffRole => role !== 'CUSTOMER';

export function can(viewer: Viewer, permission: Permission): boolean {
  switch (viewer.kind) {
    case 'staff':
      return ROLE_PERMISSIONS[viewer.role].includes(permission);
    case 'apiClient':
      return viewer.scopes.includes(permission);
    case 'customer':
    case 'anonymous':
      return false;
  }
}

/** Throws UNAUTHENTICATED for nobody, FORBIDDEN for somebody without the permission. */
export function requirePermission(viewer: Viewer, permission: Permission): void {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (!can(viewer, permission)) throw forbidden('common.requiresPermission', { permission });
}

export function requireSignedIn(viewer: Viewer): asserts viewer is Exclude<Viewer, { kind: 'anonymous' }> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
}

export function requireStaff(viewer: Viewer): asserts viewer is Extract<Viewer, { kind: 'staff' }> {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'staff') throw forbidden();
}
