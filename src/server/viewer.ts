import type { Role } from '@/generated/prisma/enums';

export type StaffRole = Exclude<Role, 'CUSTOMER'>;

/** Who is asking. Small and plain so a test builds one in a line. */
export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'staff'; userId: string; role: StaffRole; departmentId: string | null }
  | { kind: 'customer'; userId: string; customerId: string }
  | {
      kind: 'apiClient';
      apiKeyId: string;
      name: string;
      scopes: readonly string[];
      /** The key's named service account (a user of its own), set for keys whose scopes run workflow steps. */
      serviceAccountId?: string | null;
    };

export const anonymous: Viewer = { kind: 'anonymous' };

/**
 * The user a write is attributed to in a record's author columns (createdById, updatedById, …): the staff member, or
 * the API key's named service account; null for keys without one (read-only keys) and everyone else.
 */
export function actingUserId(viewer: Viewer): string | null {
  if (viewer.kind === 'staff') return viewer.userId;
  if (viewer.kind === 'apiClient') return viewer.serviceAccountId ?? null;
  return null;
}
