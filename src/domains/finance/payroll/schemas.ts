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
  totalAdditionsCents: z.number().int(),
  netAmountCents: z.number().int(),
  paidAmountCents: z.number().int(),
  status: z.string(),
  approvedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type PayrollView = z.infer<typeof payrollView>;
export const payrollList = z.object({ items: z.array(payrollView) });
