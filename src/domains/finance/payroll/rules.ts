/**
 * Payroll arithmetic (pure, integer cents): what a teacher contract earns from the sessions taught in
 * a month, and the employee INSS withheld. The contract's `rate` is in reais (seed REAL column).
 *
 * - school_employee (CLT, on payroll): fixed → the monthly salary `rate`; hourly → rate × hours taught;
 *   per_class → rate × sessions taught. INSS withheld by the progressive table below.
 * - hired_percentage: `percentage` % of (rate × students present) summed over the sessions taught —
 *   `rate` being the tuition value of one student's session. No withholding (autônomo/PJ).
 * - external_rental: an outside teacher paid per session (per_class) or per hour (hourly); no withholding.
 */
export type ContractModel = 'school_employee' | 'hired_percentage' | 'external_rental';
export type PaymentModel = 'hourly' | 'per_class' | 'fixed';

export interface SessionTaught {
  hours: number;
  studentsPresent: number;
}

/** Employee INSS 2025 (Portaria Interministerial MPS/MF nº 6/2025): band ceilings in cents and rates. */
export const INSS_BANDS: readonly { upToCents: number; rate: number }[] = [
  { upToCents: 151_800, rate: 0.075 },
  { upToCents: 279_388, rate: 0.09 },
  { upToCents: 419_083, rate: 0.12 },
  { upToCents: 815_741, rate: 0.14 },
];

/** Progressive INSS on a gross salary (each band rounded to the cent; capped at the last ceiling). */
export function inssCents(grossCents: number): number {
  let total = 0;
  let floor = 0;
  for (const band of INSS_BANDS) {
    if (grossCents <= floor) break;
    const slice = Math.min(grossCents, band.upToCents) - floor;
    total += Math.round(slice * band.rate);
    floor = band.upToCents;
  }
  return total;
}

export const reaisToCents = (reais: number) => Math.round(reais * 100);

export interface Earnings {
  grossCents: number;
  deductions: Record<string, number>;
  totalDeductionsCents: number;
  hours: number;
  sessions: number;
  payrollType: 'salary' | 'hourly' | 'commission' | 'other';
}

export function earnings(
  contract: { contractModel: ContractModel; paymentModel: PaymentModel; rate: number; percentage: number | null },
  taught: readonly SessionTaught[],
): Earnings {
  const hours = Math.round(taught.reduce((s, t) => s + t.hours, 0) * 100) / 100;
  const sessions = taught.length;
  const rateCents = reaisToCents(contract.rate);
  const byModel = () =>
    contract.paymentModel === 'fixed'
      ? rateCents
      : contract.paymentModel === 'hourly'
        ? Math.round(rateCents * hours)
        : rateCents * sessions;
  if (contract.contractModel === 'school_employee') {
    const grossCents = byModel();
    const inss = inssCents(grossCents);
    return {
      grossCents,
      deductions: { inss },
      totalDeductionsCents: inss,
      hours,
      sessions,
      payrollType: contract.paymentModel === 'hourly' ? 'hourly' : 'salary',
    };
  }
  if (contract.contractModel === 'hired_percentage') {
    const base = taught.reduce((s, t) => s + rateCents * t.studentsPresent, 0);
    const grossCents = Math.round((base * (contract.percentage ?? 0)) / 100);
    return { grossCents, deductions: {}, totalDeductionsCents: 0, hours, sessions, payrollType: 'commission' };
  }
  const grossCents = contract.paymentModel === 'fixed' ? rateCents : byModel();
  return { grossCents, deductions: {}, totalDeductionsCents: 0, hours, sessions, payrollType: 'other' };
}
