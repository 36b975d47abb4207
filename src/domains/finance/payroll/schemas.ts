/** What payroll's operations accept and answer (zod). Money is integer cents. */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const entityId = z.string().trim().min(1, 'is required').max(64);

export const generatePayrollInput = z
  .strictObject({
    contractId: entityId,
    periodStart: isoDate,
    periodEnd: isoDate,
    paymentDueDate: isoDate.optional(),
  })
  .refine((p) => p.periodEnd >= p.periodStart, { message: 'must not be before periodStart', path: ['periodEnd'] });
export type GeneratePayrollInput = z.input<typeof generatePayrollInput>;

export const PAYMENT_METHODS = ['bank_transfer', 'pix', 'cash', 'check'] as const;

export const payPayrollInput = z.strictObject({
  amountCents: z.number().int('must be whole cents').positive('must be positive').max(Number.MAX_SAFE_INTEGER),
  methodType: z.enum(PAYMENT_METHODS).default('pix'),
  referenceCode: z.string().trim().max(100).optional(),
  paidOn: isoDate.optional(),
});
export type PayPayrollInput = z.input<typeof payPayrollInput>;

export const payrollParams = z.strictObject({ payrollId: entityId });

export const listPayrollQuery = z.strictObject({
  status: z
    .enum(['draft', 'pending_approval', 'approved', 'scheduled', 'partially_paid', 'paid', 'cancelled', 'disputed'])
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const payrollView = z.object({
  id: z.string(),
  userId: z.string(),
  employeeName: z.string().nullable(),
  contractId: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  payrollType: z.string().nullable(),
  hoursWorked: z.number().nullable(),
  grossAmountCents: z.number().int(),
  totalDeductionsCents: z.number().int(),
  /** The deductions apart: INSS and IRRF withheld, and everything else deducted. */
  inssCents: z.number().int(),
  irrfCents: z.number().int(),
  otherDeductionsCents: z.number().int(),
  totalAdditionsCents: z.number().int(),
  netAmountCents: z.number().int(),
  paidAmountCents: z.number().int(),
  status: z.string(),
  approvedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type PayrollView = z.infer<typeof payrollView>;
export const payrollList = z.object({ items: z.array(payrollView) });

const cents = z.number().int();
/** How the withholdings were computed (taxes.ts `withholdingDetail`): INSS slices, the IRRF base and bracket. */
export const withholdingView = z.object({
  /** The year of the tax table applied (the latest published up to the payroll's year). */
  year: z.number().int(),
  grossCents: cents,
  inss: z.object({
    cents,
    ceilingCents: cents,
    slices: z.array(
      z.object({ fromCents: cents, upToCents: cents, basisPoints: z.number().int(), baseCents: cents, cents }),
    ),
  }),
  irrf: z.object({
    cents,
    dependants: z.number().int(),
    dependantDeductionCents: cents,
    deduction: z.enum(['simplified', 'legal']),
    deductionCents: cents,
    baseCents: cents,
    bracket: z.object({
      number: z.number().int(),
      upToCents: cents.nullable(),
      basisPoints: z.number().int(),
      deductionCents: cents,
    }),
  }),
});

export const payrollDetailView = z.object({
  payroll: payrollView,
  contractModel: z.string().nullable(),
  paymentModel: z.string().nullable(),
  notes: z.string().nullable(),
  /** Null when nothing is withheld (hired_percentage and external_rental contracts). */
  withholding: withholdingView.nullable(),
  /** True when the stored INSS/IRRF differ from the calculation today (the contract's dependants changed since). */
  differsFromStored: z.boolean(),
});
export type PayrollDetailView = z.infer<typeof payrollDetailView>;

export const PAYOUT_STATUSES = ['pending', 'approved', 'paid'] as const;
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)');
export const listPayoutsQuery = z.strictObject({
  status: z.enum(PAYOUT_STATUSES).optional(),
  /** Payouts whose period overlaps this month. */
  month: month.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type ListPayoutsQuery = z.input<typeof listPayoutsQuery>;

export const payoutView = z.object({
  id: z.string(),
  userId: z.string(),
  teacherName: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  amountCents: cents,
  status: z.enum(PAYOUT_STATUSES),
  paidAt: z.string().nullable(),
  payrollId: z.string().nullable(),
  /** The payroll's own status and what is still due on it (what the approve/pay actions act on). */
  payrollStatus: z.string().nullable(),
  dueCents: cents,
});
export type PayoutView = z.infer<typeof payoutView>;
export const payoutList = z.object({
  items: z.array(payoutView),
  totals: z.object({ pendingCents: cents, approvedCents: cents, paidCents: cents }),
});
