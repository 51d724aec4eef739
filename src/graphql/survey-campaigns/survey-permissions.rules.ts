import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import type { Viewer } from '@/server/viewer';

export type SurveyPermissions = { canRead: boolean; canManage: boolean; canRespond: boolean };

/**
 * What a staff member may do in the survey screens, read on the server from the same role table the API enforces
 * (so pages never offer a button the API would refuse): surveys:read to look, surveys:manage to change campaigns and
 * templates, surveys:respond to enter a response taken by phone or fax.
 */
export function surveyPermissions(viewer: Extract<Viewer, { kind: 'staff' }>): SurveyPermissions {
  const granted = ROLE_PERMISSIONS[viewer.role];
  return {
    canRead: granted.includes('surveys:read'),
    canManage: granted.includes('surveys:manage'),
    canRespond: granted.includes('surveys:respond'),
  };
}
