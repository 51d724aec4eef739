import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CODE_SHAPE, isAuditedEntityType, removesLastAdmin } from './directory.rules';

describe('removesLastAdmin', () => {
  const admin = { role: 'ADMIN', active: true };
  it('refuses demoting or deactivating the only active admin', () => {
    expect(removesLastAdmin(admin, { role: 'SERVICE_MANAGER', active: true }, 0)).toBe(true);
    expect(removesLastAdmin(admin, { role: 'ADMIN', active: false }, 0)).toBe(true);
  });
  it('allows it while another active admin remains', () => {
    expect(removesLastAdmin(admin, { role: 'SERVICE_MANAGER', active: true }, 1)).toBe(false);
  });
  it('ignores changes that keep the admin, and accounts that were not active admins', () => {
    expect(removesLastAdmin(admin, { role: 'ADMIN', active: true }, 0)).toBe(false);
    expect(removesLastAdmin({ role: 'ADMIN', active: false }, { role: 'EXECUTIVE', active: false }, 0)).toBe(false);
    expect(removesLastAdmin({ role: 'SERVICE_AGENT', active: true }, { role: 'SERVICE_AGENT', active: false }, 0)).toBe(
      false,
    );
  });
});

describe('department codes and audited types', () => {
  it('accepts letters, digits, dash and underscore, not spaces or a leading dash', () => {
    expect(DEPARTMENT_CODE_SHAPE.test('QA-01')).toBe(true);
    expect(DEPARTMENT_CODE_SHAPE.test('sales_east')).toBe(true);
    expect(DEPARTMENT_CODE_SHAPE.test('-QA')).toBe(false);
    expect(DEPARTMENT_CODE_SHAPE.test('Q A')).toBe(false);
    expect(DEPARTMENT_CODE_SHAPE.test('质量部')).toBe(false);
  });
  it('knows the audited entity types', () => {
    expect(isAuditedEntityType('Department')).toBe(true);
    expect(isAuditedEntityType('Interaction')).toBe(false);
  });
});
