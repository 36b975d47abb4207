/** The billing money rules at their boundaries: rounding, stacking order, early payment, late fee and interest. */
import { describe, expect, it } from 'vitest';
import {
  BILLING_RULES,
  divideRounded,
  dueDateOf,
  earlyPaymentApplies,
  lateCharges,
  percentOf,
  stackDiscounts,
} from './rules.js';

describe('rounding to the cent', () => {
  it('rounds halves away from zero, with integers only', () => {
    expect(percentOf(4_505, 1_000)).toBe(451); // 450.5 → 451
    expect(percentOf(4_504, 1_000)).toBe(450); // 450.4 → 450
    expect(percentOf(1_225, 200)).toBe(25); // 24.5 → 25
    expect(percentOf(1_224, 200)).toBe(24); // 24.48 → 24
    expect(percentOf(1, 1_000)).toBe(0); // 0.1 → 0
    expect(percentOf(5, 1_000)).toBe(1); // 0.5 → 1
    expect(divideRounded(-5, 10)).toBe(-1);
    expect(() => divideRounded(1, 0)).toThrow();
  });
});

describe('discount stacking order', () => {
  it('applies sibling, manual, referral, early payment in that order whatever the input order', () => {
    const lines = stackDiscounts(45_000, [
      { kind: 'early_payment', basisPoints: 1_000 },
      { kind: 'referral', amountCents: 5_000 },
      { kind: 'manual', basisPoints: 500, reason: 'hardship' },
      { kind: 'sibling', basisPoints: 1_000 },
    ]);
    // 45 000 → sibling 10 % = 4 500 → 40 500 → manual 5 % = 2 025 → 38 475 → referral 5 000 → 33 475
    // → early 10 % = 3 348 (3 347.5)
    expect(lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ['sibling', 4_500],
      ['manual', 2_025],
      ['referral', 5_000],
      ['early_payment', 3_348],
    ]);
  });

  it('never discounts below zero and drops lines that come to nothing', () => {
    const lines = stackDiscounts(3_000, [
      { kind: 'manual', amountCents: 2_500, reason: 'x' },
      { kind: 'referral', amountCents: 2_500 },
      { kind: 'early_payment', basisPoints: 1_000 },
    ]);
    expect(lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ['manual', 2_500],
      ['referral', 500],
    ]);
  });
});

describe('early payment', () => {
  it('applies when paid at least 5 days before the due date, not 4', () => {
    expect(BILLING_RULES.earlyPaymentDays).toBe(5);
    expect(earlyPaymentApplies('2026-03-10', '2026-03-05')).toBe(true);
    expect(earlyPaymentApplies('2026-03-10', '2026-03-06')).toBe(false);
    expect(earlyPaymentApplies('2026-03-10', '2026-02-20')).toBe(true);
  });
});

describe('late fee and interest', () => {
  it('charges nothing on the due date, the 2 % fee and one day of interest the day after', () => {
    expect(lateCharges(45_000, '2026-03-10', '2026-03-10')).toEqual({
      lateFeeCents: 0,
      interestCents: 0,
      interestDays: 0,
    });
    // 1 % a month / 30 per day: 45 000 × 0.01 / 30 = 15 ¢ a day
    expect(lateCharges(45_000, '2026-03-10', '2026-03-11')).toEqual({
      lateFeeCents: 900,
      interestCents: 15,
      interestDays: 1,
    });
    expect(lateCharges(45_000, '2026-03-10', '2026-04-09')).toEqual({
      lateFeeCents: 900,
      interestCents: 450,
      interestDays: 30,
    });
  });

  it('rounds interest to the cent and charges the fee once, interest only from where it was charged', () => {
    // 10 001 × 0.01 × 1 / 30 = 3.3337 → 3; × 2 days = 6.667 → 7
    expect(lateCharges(10_001, '2026-03-10', '2026-03-11').interestCents).toBe(3);
    expect(lateCharges(10_001, '2026-03-10', '2026-03-12').interestCents).toBe(7);
    expect(
      lateCharges(20_000, '2026-03-10', '2026-03-20', { lateFeeCharged: true, interestFrom: '2026-03-15' }),
    ).toEqual({
      lateFeeCents: 0,
      interestCents: 33, // 20 000 × 0.01 × 5 / 30 = 33.33
      interestDays: 5,
    });
    expect(lateCharges(0, '2026-03-10', '2026-04-10').lateFeeCents).toBe(0);
  });

  it('puts the due date on the school day, clamped to short months', () => {
    expect(dueDateOf('2026-03', 10)).toBe('2026-03-10');
    expect(dueDateOf('2026-02', 31)).toBe('2026-02-28');
    expect(dueDateOf('2028-02', 30)).toBe('2028-02-29');
  });
});
