import { describe, expect, it } from 'vitest';
import { inAudience, readAudience, ZNoticeAudience, type AudienceCustomer } from './notice-audience.rules';
import { isActive, needsApproval, phaseOf, readApprovalSetting, readRate } from './notice.rules';

const customer = (over: Partial<AudienceCustomer> = {}): AudienceCustomer => ({
  id: '11111111-1111-4111-8111-111111111111',
  province: '江苏',
  industry: '机械',
  grade: 'A',
  keyAccountStatus: 'NONE',
  ...over,
});
const segment = (over: Record<string, unknown>) => ZNoticeAudience.parse(over);

describe('notice audience', () => {
  it('all customers: everybody, whatever else was sent', () => {
    const all = segment({ all: true, provinces: ['广东'] });
    expect(all.provinces).toEqual([]);
    expect(inAudience(all, customer({ province: '浙江' }))).toBe(true);
  });

  it('a segment needs every given condition', () => {
    const a = segment({ provinces: ['江苏', '浙江'], grades: ['A'] });
    expect(inAudience(a, customer())).toBe(true);
    expect(inAudience(a, customer({ grade: 'B' }))).toBe(false);
    expect(inAudience(a, customer({ province: '广东' }))).toBe(false);
    expect(inAudience(a, customer({ province: null }))).toBe(false);
  });

  it('key accounts only means active key accounts', () => {
    const a = segment({ keyAccountsOnly: true });
    expect(inAudience(a, customer({ keyAccountStatus: 'ACTIVE' }))).toBe(true);
    expect(inAudience(a, customer({ keyAccountStatus: 'CANDIDATE' }))).toBe(false);
  });

  it('named customers are in whatever the conditions say', () => {
    const named = '22222222-2222-4222-8222-222222222222';
    const a = segment({ industries: ['化工'], customerIds: [named, named] });
    expect(a.customerIds).toEqual([named]);
    expect(inAudience(a, customer({ id: named }))).toBe(true);
    expect(inAudience(a, customer())).toBe(false);
    expect(inAudience(a, customer({ industry: '化工' }))).toBe(true);
  });

  it('an empty segment is refused; unreadable stored JSON reaches nobody', () => {
    expect(ZNoticeAudience.safeParse({}).success).toBe(false);
    expect(ZNoticeAudience.safeParse({ customerIds: ['not-a-uuid'] }).success).toBe(false);
    expect(readAudience({ grades: ['Z'] })).toBeNull();
    expect(inAudience(readAudience('garbage'), customer())).toBe(false);
  });
});

describe('notice workflow rules', () => {
  const now = new Date('2026-12-04T08:00:00Z');
  const at = (h: number) => new Date(now.getTime() + h * 3_600_000);

  it('shown when published, its time has come and it has not expired', () => {
    expect(isActive({ status: 'PUBLISHED', publishAt: at(-1), expiresAt: null }, now)).toBe(true);
    expect(isActive({ status: 'PUBLISHED', publishAt: at(1), expiresAt: null }, now)).toBe(false);
    expect(isActive({ status: 'PUBLISHED', publishAt: at(-2), expiresAt: at(-1) }, now)).toBe(false);
    expect(isActive({ status: 'PENDING_APPROVAL', publishAt: at(-1), expiresAt: null }, now)).toBe(false);
    expect(phaseOf({ status: 'PUBLISHED', publishAt: at(1), expiresAt: null }, now)).toBe('SCHEDULED');
    expect(phaseOf({ status: 'PUBLISHED', publishAt: at(-2), expiresAt: now }, now)).toBe('EXPIRED');
    expect(phaseOf({ status: 'WITHDRAWN', publishAt: at(-2), expiresAt: null }, now)).toBe('WITHDRAWN');
  });

  it('urgent notices need approval unless the setting turns it off; it defaults to on', () => {
    expect(readApprovalSetting(null)).toEqual({ urgent: true });
    expect(needsApproval('URGENT', readApprovalSetting({ urgent: true }))).toBe(true);
    expect(needsApproval('URGENT', readApprovalSetting({ urgent: false }))).toBe(false);
    expect(needsApproval('IMPORTANT', readApprovalSetting(null))).toBe(false);
  });

  it('read rate in percent with one decimal, null when nobody is reached', () => {
    expect(readRate(1, 3)).toBe(33.3);
    expect(readRate(0, 0)).toBeNull();
  });
});
