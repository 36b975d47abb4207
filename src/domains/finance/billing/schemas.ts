/**
 * What billing's operations accept and answer (zod): route validation, the OpenAPI document and the
 * web app's forms share these. No server-only imports here.
 */
import { z } from 'zod';

const cents = (what = 'amount') =>
  z
    .number({ message: `${what} must be a number of cents` })
    .int(`${what} must be whole cents`)
    .positive(`${what} must be more than 0`)
    .max(1_000_000_000, `${what} is too large`);
const text = (max: number) => z.string().trim().min(1, 'is required').max(max, 'is too long');
const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month (YYYY-MM)');
const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });

export const INVOICE_STATUSES = ['pending', 'paid', 'overdue', 'cancelled'] as const;
/**
 * Payment methods billing records (invoices.payment_method, transactions.method): declared once here, the
 * tables' CHECKs and the inputs below are derived from it. `transfer` is a bank transfer (TED/DOC) received
 * into the school's account: it lands in the bank account of the books and needs a reference.
 */
export const BILLING_PAYMENT_METHODS = ['pix', 'card', 'boleto', 'cash', 'transfer'] as const;
export type BillingPaymentMethod = (typeof BILLING_PAYMENT_METHODS)[number];
/** Methods that reach an invoice only with a reference (the bank and its document number). */
export const METHODS_NEEDING_REFERENCE: readonly BillingPaymentMethod[] = ['transfer'];

export const generateInvoicesInput = z.strictObject({
  period,
  organizationId: text(64).optional(),
});
export type GenerateInvoicesInput = z.input<typeof generateInvoicesInput>;

export const generateInvoicesResult = z.object({
  period: z.string(),
  created: z.number(),
  existing: z.number(),
  invoiceIds: z.array(z.string()),
});

export const invoiceListQuery = z.strictObject({
  status: z.enum(INVOICE_STATUSES).optional(),
  payerId: text(64).optional(),
  studentId: text(64).optional(),
  period: period.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const invoiceParams = z.strictObject({ invoiceId: text(64) });
export const transactionParams = z.strictObject({ transactionId: text(64) });
export const chargeParams = z.strictObject({ chargeId: text(64) });

export const adjustmentView = z.object({
  kind: z.string(),
  amountCents: z.number(),
  rateBasisPoints: z.number().nullable(),
  reason: z.string().nullable(),
});

export const invoiceView = z.object({
  id: z.string(),
  organizationId: z.string(),
  payerId: z.string(),
  payerName: z.string().nullable(),
  studentId: z.string().nullable(),
  studentName: z.string().nullable(),
  period: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
  grossCents: z.number(),
  discountCents: z.number(),
  feeCents: z.number(),
  creditCents: z.number(),
  netCents: z.number(),
  paidCents: z.number(),
  /** netCents − paidCents: what is still owed. */
  balanceCents: z.number(),
  paidAt: z.string().nullable(),
  description: z.string().nullable(),
});
export type InvoiceView = z.infer<typeof invoiceView>;

export const transactionView = z.object({
  id: z.string(),
  invoiceId: z.string().nullable(),
  type: z.string(),
  method: z.string().nullable(),
  amountCents: z.number(),
  externalId: z.string().nullable(),
  processedAt: z.string().nullable(),
  refundOf: z.string().nullable(),
});
export type TransactionView = z.infer<typeof transactionView>;

export const chargeView = z.object({
  id: z.string(),
  invoiceId: z.string(),
  gateway: z.string(),
  method: z.string(),
  amountCents: z.number(),
  status: z.string(),
  externalId: z.string(),
  expiresAt: z.string().nullable(),
  /** PIX: copy-and-paste payload and QR image; boleto: line and barcode; card: brand and last four. */
  details: z.record(z.string(), z.unknown()),
});
export type ChargeView = z.infer<typeof chargeView>;

export const invoiceDetailView = invoiceView.extend({
  adjustments: z.array(adjustmentView),
  transactions: z.array(transactionView),
  charges: z.array(chargeView),
  familyCreditCents: z.number(),
});
export type InvoiceDetailView = z.infer<typeof invoiceDetailView>;

export const invoiceListView = z.object({ invoices: z.array(invoiceView), total: z.number() });

export const recordPaymentInput = z
  .strictObject({
    amountCents: cents(),
    method: z.enum(BILLING_PAYMENT_METHODS).default('cash'),
    /** The day the money was received (default today); decides early-payment discount and late charges. */
    paidOn: isoDate.optional(),
    /** For a transfer, required: the bank and the document number (e.g. "Itaú TED 004512"). */
    reference: text(200).optional(),
  })
  .superRefine((data, ctx) => {
    if (METHODS_NEEDING_REFERENCE.includes(data.method) && !data.reference) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required for a bank transfer' });
    }
  });
export type RecordPaymentInput = z.input<typeof recordPaymentInput>;

export const paymentResult = z.object({
  invoice: invoiceView,
  transaction: transactionView,
  appliedCents: z.number(),
  /** What went beyond the balance: credited to the family, applied to its next invoice. */
  creditedCents: z.number(),
});
export type PaymentResult = z.infer<typeof paymentResult>;

export const refundInput = z.strictObject({
  /** Default: what is left of the payment. */
  amountCents: cents().optional(),
  reason: text(500),
});

export const grantDiscountInput = z
  .strictObject({
    organizationId: text(64),
    studentId: text(64),
    kind: z.enum(['manual', 'referral']),
    amountCents: cents().optional(),
    /** A percentage, e.g. 10 or 12.5. */
    percent: z.number().positive('must be more than 0').max(100, 'must be at most 100').optional(),
    reason: text(500),
    source: z.object({ table: z.string().max(100), id: z.string().max(100) }).optional(),
  })
  .refine((v) => (v.amountCents === undefined) !== (v.percent === undefined), {
    message: 'give either amountCents or percent',
    path: ['amountCents'],
  });
export type GrantDiscountInput = z.input<typeof grantDiscountInput>;

export const grantView = z.object({
  id: z.string(),
  studentId: z.string(),
  kind: z.string(),
  amountCents: z.number().nullable(),
  percentBasisPoints: z.number().nullable(),
  reason: z.string(),
  invoiceId: z.string().nullable(),
});

export const cardAuthorizeInput = z.strictObject({
  cardNumber: z.string().regex(/^[\d -]{12,23}$/, 'must be a card number'),
  /** Default: the invoice's balance. */
  amountCents: cents().optional(),
});

export const overdueSweepResult = z.object({
  asOf: z.string(),
  markedOverdue: z.number(),
  remindersSent: z.number(),
});
