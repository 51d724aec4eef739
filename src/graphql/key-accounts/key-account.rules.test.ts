import { describe, expect, it } from 'vitest';
import {
  effectiveKeyAccountStatus,
  compareAmounts,
  criteriaMet,
  criteriaOf,
  DEFAULT_KEY_ACCOUNT_CRITERIA as D,
  qualifies,
  reviewDueAt,
  statusAfterDecision,
  statusWhileOpen,
  ZFlagsInput,
  ZKeyAccountCriteria,
  type CustomerFigures,
} from './key-account.rules';

const figures = (f: Partial<CustomerFigures> = {}): CustomerFigures => ({
  goodCredit: true,
  amountInWindow: '0.00',
  contractCount: 0,
  yearsOfCooperation: null,
  regionalLandmark: false,
  strategicPotential: false,
  ...f,
});

describe('key-account criteria (001 第五章 6.2)', () => {
  it('compares amounts exactly at the threshold boundary, without floats', () => {
    expect(compareAmounts('499999.99', '500000.00')).toBe(-1);
    expect(compareAmounts('500000', '500000.00')).toBe(0);
    expect(compareAmounts('500000.01', '500000.00')).toBe(1);
    expect(compareAmounts('0.1', '0.09')).toBe(1);
  });

  it('meets the amount criterion at and over the threshold, not under it', () => {
    expect(criteriaMet(D, figures({ amountInWindow: '499999.99' }))).toEqual([]);
    expect(criteriaMet(D, figures({ amountInWindow: '500000.00' }))).toEqual(['CUMULATIVE_AMOUNT']);
    expect(criteriaMet(D, figures({ amountInWindow: '500000.01' }))).toEqual(['CUMULATIVE_AMOUNT']);
  });

  it('long-term: enough contracts or enough years; a zero threshold is not counted', () => {
    expect(criteriaMet(D, figures({ contractCount: 3 }))).toEqual(['LONG_TERM']);
    expect(criteriaMet(D, figures({ contractCount: 2, yearsOfCooperation: 5 }))).toEqual(['LONG_TERM']);
    expect(criteriaMet(D, figures({ contractCount: 2, yearsOfCooperation: 4 }))).toEqual([]);
    const yearsOnly = { ...D, longTerm: { enabled: true, minContracts: 0, minYears: 2 } };
    expect(criteriaMet(yearsOnly, figures({ contractCount: 50 }))).toEqual([]);
  });

  it('flags count when enabled; a disabled criterion never counts', () => {
    expect(criteriaMet(D, figures({ regionalLandmark: true, strategicPotential: true }))).toEqual([
      'REGIONAL_LANDMARK',
      'STRATEGIC_POTENTIAL',
    ]);
    const off = {
      ...D,
      regionalLandmark: { enabled: false },
      cumulativeAmount: { ...D.cumulativeAmount, enabled: false },
    };
    expect(criteriaMet(off, figures({ regionalLandmark: true, amountInWindow: '9000000.00' }))).toEqual([]);
  });

  it('good credit is mandatory', () => {
    expect(qualifies(D, figures({ amountInWindow: '900000.00' }))).toBe(true);
    expect(qualifies(D, figures({ amountInWindow: '900000.00', goodCredit: false }))).toBe(false);
    expect(qualifies(D, figures())).toBe(false);
  });

  it('validates the setting and falls back to the defaults (reading the seed’s older flat shape)', () => {
    expect(ZKeyAccountCriteria.safeParse(D).success).toBe(true);
    expect(
      ZKeyAccountCriteria.safeParse({ ...D, cumulativeAmount: { enabled: true, minAmount: '1.234', years: 3 } })
        .success,
    ).toBe(false);
    expect(ZKeyAccountCriteria.safeParse({ ...D, reviewIntervalMonths: 0 }).success).toBe(false);
    expect(criteriaOf(null)).toEqual(D);
    const old = criteriaOf({
      minCumulativeContractAmount: '800000.00',
      minRepeatContracts: 2,
      requireGoodCredit: true,
    });
    expect(old.cumulativeAmount.minAmount).toBe('800000.00');
    expect(old.longTerm.minContracts).toBe(2);
  });

  it('flags need a reason when set', () => {
    expect(ZFlagsInput.safeParse({ regionalLandmark: true, strategicPotential: false }).success).toBe(false);
    expect(
      ZFlagsInput.safeParse({ regionalLandmark: true, regionalLandmarkReason: '省内龙头', strategicPotential: false })
        .success,
    ).toBe(true);
    expect(ZFlagsInput.safeParse({ regionalLandmark: false, strategicPotential: false }).success).toBe(true);
  });
});

describe('key-account statuses', () => {
  it('candidate → active → under review → revoked; rejections return to where the customer was', () => {
    expect(statusWhileOpen('NOMINATION')).toBe('CANDIDATE');
    expect(statusWhileOpen('DOWNGRADE')).toBe('UNDER_REVIEW');
    expect(statusAfterDecision('NOMINATION', 'APPROVE', 'NONE')).toBe('ACTIVE');
    expect(statusAfterDecision('NOMINATION', 'REJECT', 'NONE')).toBe('NONE');
    expect(statusAfterDecision('NOMINATION', 'REJECT', 'REVOKED')).toBe('REVOKED');
    expect(statusAfterDecision('DOWNGRADE', 'APPROVE', 'ACTIVE')).toBe('REVOKED');
    expect(statusAfterDecision('DOWNGRADE', 'REJECT', 'ACTIVE')).toBe('ACTIVE');
  });

  it('the re-check falls due after the configured interval', () => {
    expect(reviewDueAt(D, new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2027-03-01T00:00:00.000Z');
  });
});

describe('effectiveKeyAccountStatus', () => {
  it('an open nomination makes a customer that is not a key account a candidate, and nothing else', () => {
    expect(effectiveKeyAccountStatus('NONE', true)).toBe('CANDIDATE');
    expect(effectiveKeyAccountStatus('REVOKED', true)).toBe('CANDIDATE');
    expect(effectiveKeyAccountStatus('NONE', false)).toBe('NONE');
    expect(effectiveKeyAccountStatus('REVOKED', false)).toBe('REVOKED');
    expect(effectiveKeyAccountStatus('ACTIVE', true)).toBe('ACTIVE');
    expect(effectiveKeyAccountStatus('UNDER_REVIEW', true)).toBe('UNDER_REVIEW');
    expect(effectiveKeyAccountStatus('CANDIDATE', false)).toBe('CANDIDATE');
  });
});
