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
