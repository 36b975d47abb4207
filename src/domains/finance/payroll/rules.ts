/**
 * Payroll arithmetic (pure, integer cents): what a teacher contract earns from the sessions taught in
 * a month, and what a CLT employee has withheld (INSS, IRRF). The contract's `rate` is in reais (seed REAL column).
 *
 * - school_employee (CLT, on payroll): fixed → the monthly salary `rate`; hourly → rate × hours taught;
 *   per_class → rate × sessions taught. INSS and IRRF withheld by the year's tables (taxes.ts).
 * - hired_percentage: `percentage` % of (rate × students present) summed over the sessions taught —
 *   `rate` being the tuition value of one student's session. No withholding (autônomo/PJ).
 * - external_rental: an outside teacher paid per session (per_class) or per hour (hourly); no withholding.
 */
import { withholdings } from './taxes.js';

export { inssCents, irrfCents } from './taxes.js';

export type ContractModel = 'school_employee' | 'hired_percentage' | 'external_rental';
export type PaymentModel = 'hourly' | 'per_class' | 'fixed';

export interface SessionTaught {
  hours: number;
  studentsPresent: number;
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
  /** The period's year (which tax table) and the employee's dependants for IRRF. */
  employee: { year: number; dependants?: number } = { year: 2025 },
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
    const { inss, irrf } = withholdings(grossCents, employee);
    return {
      grossCents,
      deductions: { inss, irrf },
      totalDeductionsCents: inss + irrf,
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
