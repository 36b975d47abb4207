/**
 * Finance — billing: what the school sells, its discounts, the invoices it issues and the money
 * that actually moves. Amounts here are the seed's REAL (double precision); the payroll and
 * accounting parts use integer cents instead, as their own source does.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import { bare, checkIn, checkSql, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';
import { enrollments } from '../../school-ops/tables.js';

import { BILLING_PAYMENT_METHODS } from '../billing/schemas.js';

export { BILLING_PAYMENT_METHODS };

/** Things that can be purchased (tuition, material, enrollment fee…). */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / products
export const products = financeSchema.table(
  'products',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    name: text('name'),
    description: text('description'),
    price: doublePrecision('price'),
    type: text('type'),
    recurrence: text('recurrence'),
    isActive: boolean('is_active').default(true),
  },
  (t) => [
    ...tenantKeys('products', t.tenantId, t.id),
    tenantFk('products_organization_fkey', [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    checkIn('products_type_check', t.type, ['tuition', 'material', 'enrollment', 'other']),
    checkIn('products_recurrence_check', t.recurrence, ['monthly', 'once', 'yearly']),
    checkSql('products_price_check', sql`${bare(t.price)} >= 0`),
    index('products_organization_idx').on(t.tenantId, t.organizationId),
  ],
);

/** Available discounts (Sibling, Early Payment…); `conditions` says when one applies. */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / discounts
export const discounts = financeSchema.table(
  'discounts',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    name: text('name'),
    type: text('type'),
    value: doublePrecision('value'),
    conditions: jsonb('conditions'),
    isActive: boolean('is_active').default(true),
  },
  (t) => [
    ...tenantKeys('discounts', t.tenantId, t.id),
    tenantFk('discounts_organization_fkey', [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    checkIn('discounts_type_check', t.type, ['percentage', 'fixed']),
    // A percentage discount above 100 % would make the invoice negative.
    checkSql(
      'discounts_value_check',
      sql`${bare(t.value)} >= 0 AND (${bare(t.type)} IS DISTINCT FROM 'percentage' OR ${bare(t.value)} <= 100)`,
    ),
    index('discounts_organization_idx').on(t.tenantId, t.organizationId),
  ],
);

/** Payment requests: who pays (payer), for whom (student), how much, and the gateway's id. */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / invoices
export const invoices = financeSchema.table(
  'invoices',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    payerId: text('payer_id').notNull(),
    studentId: text('student_id'),
    amount: doublePrecision('amount'),
    discountAmount: doublePrecision('discount_amount').default(0),
    dueDate: date('due_date'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    status: text('status').default('pending'),
    paymentMethod: text('payment_method'),
    externalId: text('external_id'),
    items: jsonb('items'),
    // Billing service (src/domains/finance/billing): integer cents; `amount`/`discount_amount` mirror them in
    // currency units for the seed's readers. Seed-era rows leave them NULL.
    enrollmentId: text('enrollment_id'),
    /** The month billed, 'YYYY-MM'. */
    period: text('period'),
    grossCents: integer('gross_cents'),
    discountCents: integer('discount_cents'),
    feeCents: integer('fee_cents'),
    creditCents: integer('credit_cents'),
    /** gross − discounts + fees − family credit applied: what the family owes in all. */
    netCents: integer('net_cents'),
    paidCents: integer('paid_cents'),
    /** Interest has been charged up to this day (late fee and interest are added at payment time). */
    feesAccruedOn: date('fees_accrued_on'),
    /** Reminders sent, by days past due (3, 7, 15, 30). */
    remindersSent: integer('reminders_sent').array(),
  },
  (t) => [
    ...tenantKeys('invoices', t.tenantId, t.id),
    tenantFk('invoices_organization_fkey', [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    tenantFk('invoices_payer_fkey', [t.tenantId, t.payerId], [users.tenantId, users.id]),
    tenantFk('invoices_student_fkey', [t.tenantId, t.studentId], [users.tenantId, users.id]),
    tenantFk('invoices_enrollment_fkey', [t.tenantId, t.enrollmentId], [enrollments.tenantId, enrollments.id]),
    checkIn('invoices_status_check', t.status, ['pending', 'paid', 'overdue', 'cancelled']),
    checkIn('invoices_payment_method_check', t.paymentMethod, BILLING_PAYMENT_METHODS),
    checkSql('invoices_amount_check', sql`${bare(t.amount)} >= 0`),
    checkSql('invoices_discount_amount_check', sql`${bare(t.discountAmount)} >= 0`),
    checkSql(
      'invoices_cents_check',
      // Concatenated so the CHECK text stays the one in the migration snapshot (newline and indent included).
      sql.raw(
        '"gross_cents" >= 0 AND "discount_cents" BETWEEN 0 AND "gross_cents" AND "fee_cents" >= 0' +
          ' AND "credit_cents" >= 0\n' +
          '        AND "net_cents" = "gross_cents" - "discount_cents" + "fee_cents" - "credit_cents"',
      ),
    ),
    // Never more paid than owed (overpayment becomes family credit), and paid ⇔ nothing left to pay.
    checkSql('invoices_paid_cents_check', sql`"paid_cents" BETWEEN 0 AND "net_cents"`),
    checkSql(
      'invoices_settled_check',
      sql`"net_cents" IS NULL OR "status" = 'cancelled' OR ("status" = 'paid') = ("paid_cents" = "net_cents")`,
    ),
    checkSql('invoices_period_check', sql`"period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    // One invoice per enrollment and month: the generation job can run twice (or concurrently).
    uniqueIndex('invoices_enrollment_period_key')
      .on(t.tenantId, t.enrollmentId, t.period)
      .where(sql`"enrollment_id" IS NOT NULL`),
    // seed index idx_invoices_payer / idx_invoices_status, tenant-first
    index('idx_invoices_payer').on(t.tenantId, t.payerId),
    index('idx_invoices_status').on(t.tenantId, t.status),
    index('invoices_organization_idx').on(t.tenantId, t.organizationId),
    index('invoices_student_idx').on(t.tenantId, t.studentId),
  ],
);

/** Actual money movements (income, expense, refund), optionally settling an invoice. */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / transactions
export const transactions = financeSchema.table(
  'transactions',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    // Nullable: expenses and manual income have no invoice.
    invoiceId: text('invoice_id'),
    amount: doublePrecision('amount'),
    type: text('type'),
    method: text('method'),
    externalId: text('external_id'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // Billing service: the amount in integer cents, and the payer whose family credit an overpayment became.
    amountCents: integer('amount_cents'),
    payerId: text('payer_id'),
    /** For a refund: the payment it reverses. */
    refundOf: text('refund_of'),
  },
  (t) => [
    ...tenantKeys('transactions', t.tenantId, t.id),
    tenantFk(
      'transactions_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    // restrict: a settled invoice keeps its money trail.
    tenantFk('transactions_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    checkIn('transactions_type_check', t.type, ['income', 'expense', 'refund']),
    checkIn('transactions_method_check', t.method, BILLING_PAYMENT_METHODS),
    // The direction is carried by `type`; the amount itself is a magnitude.
    checkSql('transactions_amount_check', sql`${bare(t.amount)} >= 0`),
    checkSql('transactions_amount_cents_check', sql`"amount_cents" > 0`),
    index('transactions_organization_idx').on(t.tenantId, t.organizationId),
    index('transactions_invoice_idx').on(t.tenantId, t.invoiceId),
    // A refund reads what earlier refunds of its payment took back.
    index('transactions_refund_of_idx')
      .on(t.tenantId, t.refundOf)
      .where(sql`${bare(t.refundOf)} IS NOT NULL`),
  ],
);
