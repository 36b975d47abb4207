/**
 * INSS and IRRF at their bracket boundaries, against hand computations (2025 tables, integer cents,
 * each INSS slice and the IRRF product rounded half up to the cent).
 */
import { describe, expect, it } from 'vitest';
import { earnings } from './rules.js';
import { inssCents, irrfCents, PAYROLL_TAX_TABLES, taxTableFor, withholdingDetail, withholdings } from './taxes.js';

describe('INSS 2025 (progressive)', () => {
  it.each([
    [0, 0],
    [151_800, 11_385], // 7.5 % of 1,518.00
    [151_801, 11_385], // + 9 % of 0.01 = 0.0009 → 0
    [279_388, 22_868], // + 9 % of 1,275.88 = 114.8292 → 114.83
    [419_083, 39_631], // + 12 % of 1,396.95 = 167.634 → 167.63
    [815_741, 95_163], // + 14 % of 3,966.58 = 555.3212 → 555.32: the ceiling contribution, R$951.63
    [5_000_000, 95_163], // nothing above the ceiling
  ])('on %i cents withholds %i', (gross, expected) => {
    expect(inssCents(gross)).toBe(expected);
  });
});

describe('IRRF 2025 (monthly, after the simplified discount or the legal deductions)', () => {
  // With no INSS and no dependants the simplified R$607.20 applies: base = gross − 60,720.
  const onBase = (base: number) => irrfCents(base + 60_720, { inssCents: 0 });
  it.each([
    [242_880, 0], // exempt up to 2,428.80
    [242_881, 0], // 7.5 % = 18,216.075 → 18,216 − 18,216
    [282_665, 2_984], // 21,199.875 → 21,200 − 18,216
    [282_666, 2_984], // 15 %: 42,399.9 → 42,400 − 39,416
    [375_105, 16_850], // 56,265.75 → 56,266 − 39,416
    [375_106, 16_850], // 22.5 %: 84,398.85 → 84,399 − 67,549
    [466_468, 37_406], // 104,955.3 → 104,955 − 67,549
    [466_469, 37_406], // 27.5 %: 128,278.975 → 128,279 − 90,873
  ])('on a base of %i cents withholds %i', (base, expected) => {
    expect(onBase(base)).toBe(expected);
  });

  it('takes INSS and dependants when they beat the simplified discount', () => {
    // Gross 5,000.00: INSS 509.59; legal 509.59 < 607.20 → base 4,392.80 → 22.5 % = 988.38 − 675.49 = 312.89
    expect(withholdings(500_000, { year: 2025 })).toEqual({ inss: 50_959, irrf: 31_289 });
    // One dependant: legal 509.59 + 189.59 = 699.18 > 607.20 → base 4,300.82 → 967.6845 → 967.68 − 675.49
    expect(withholdings(500_000, { year: 2025, dependants: 1 })).toEqual({ inss: 50_959, irrf: 29_219 });
    expect(irrfCents(100_000, { inssCents: 0, dependants: 9 })).toBe(0);
  });

  it('keeps the tables as data per year: a later year without its own table uses the latest one', () => {
    expect(taxTableFor(2026)).toBe(PAYROLL_TAX_TABLES[2025]);
    const custom = { ...PAYROLL_TAX_TABLES, 2030: { ...PAYROLL_TAX_TABLES[2025]!, simplifiedDiscountCents: 0 } };
    expect(taxTableFor(2031, custom).simplifiedDiscountCents).toBe(0);
    expect(taxTableFor(2029, custom)).toBe(PAYROLL_TAX_TABLES[2025]);
  });

  it('withholds both only from CLT employees', () => {
    const month = [{ hours: 1, studentsPresent: 3 }];
    const clt = earnings(
      { contractModel: 'school_employee', paymentModel: 'fixed', rate: 5000, percentage: null },
      month,
      {
        year: 2025,
        dependants: 1,
      },
    );
    expect(clt).toMatchObject({ deductions: { inss: 50_959, irrf: 29_219 }, totalDeductionsCents: 80_178 });
    const pj = earnings(
      { contractModel: 'external_rental', paymentModel: 'fixed', rate: 5000, percentage: null },
      month,
    );
    expect(pj).toMatchObject({ deductions: {}, totalDeductionsCents: 0 });
  });
});

describe('the calculation shown on the payroll detail', () => {
  it.each([0, 151_800, 300_000, 500_000, 815_741, 1_200_000])('agrees with withholdings on %i cents', (gross) => {
    for (const dependants of [0, 1, 3]) {
      const detail = withholdingDetail(gross, { year: 2026, dependants });
      const sum = withholdings(gross, { year: 2026, dependants });
      expect([detail.inss.cents, detail.irrf.cents]).toEqual([sum.inss, sum.irrf]);
      expect(detail.inss.slices.reduce((s, x) => s + x.baseCents, 0)).toBe(Math.min(gross, 815_741));
    }
  });

  it('names the deduction taken, the base and the bracket', () => {
    // 5,000.00, one dependant: legal 509.59 + 189.59 = 699.18 beats 607.20; base 4,300.82 → 4th bracket (22.5 %)
    const d = withholdingDetail(500_000, { year: 2026, dependants: 1 });
    expect(d.inss.slices.map((s) => s.basisPoints)).toEqual([750, 900, 1200, 1400]);
    expect(d.irrf).toMatchObject({
      deduction: 'legal',
      deductionCents: 69_918,
      baseCents: 430_082,
      bracket: { number: 4, basisPoints: 2250, deductionCents: 67_549 },
      cents: 29_219,
    });
    expect(withholdingDetail(200_000, { year: 2026 }).irrf).toMatchObject({ deduction: 'simplified', cents: 0 });
  });
});
