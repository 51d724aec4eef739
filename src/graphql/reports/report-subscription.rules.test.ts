import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '@/server/auth/policies';
import { REPORT_READER_ROLES, roleMayReadReports } from './report-subscription.rules';

describe('report readers', () => {
  it('are the staff roles holding reports:read, the service desk among them', () => {
    for (const [role, permissions] of Object.entries(ROLE_PERMISSIONS))
      expect(REPORT_READER_ROLES.includes(role as never)).toBe(permissions.includes('reports:read'));
    expect(REPORT_READER_ROLES).toContain('SERVICE_AGENT');
    expect(REPORT_READER_ROLES).not.toContain('TECHNICIAN');
  });

  it('never include a portal account', () => {
    expect(roleMayReadReports('CUSTOMER')).toBe(false);
    expect(roleMayReadReports('EXECUTIVE')).toBe(true);
    expect(roleMayReadReports('DISPATCHER')).toBe(false);
  });
});
