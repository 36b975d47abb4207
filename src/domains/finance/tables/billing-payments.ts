/**
 * Finance — billing service tables (not in the seed): the lines that make up an invoice's net
 * (discounts, fees, family credit), discounts granted ahead of an invoice (manual, referral), the
 * family credit account, gateway charges (PIX, boleto, card) and the gateway webhook events received.
 * All money in integer cents. Written only by src/domains/finance/billing.
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, checkSql, createdAt, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';
import { invoices, transactions } from './billing.js';

/** Adjustment kinds, in the stacking order the billing service applies them (docs in billing/rules.ts). */
export const INVOICE_ADJUSTMENT_KINDS = [
  'sibling',
  'manual',
  'referral',
  'early_payment',
  'late_fee',
  'interest',
  'credit',
] as const;

/** One line of an invoice's net: a discount (sibling, manual, referral, early payment), a fee, or credit. */
export const invoiceAdjustments = financeSchema.table(
  'invoice_adjustments',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    kind: text('kind').notNull(),
    /** Always positive; the kind says whether it lowers (discount, credit) or raises (fee) the net. */
    amountCents: integer('amount_cents').notNull(),
    /** Percentage rules keep their rate in basis points (1000 = 10 %). */
    rateBasisPoints: integer('rate_basis_points'),
    reason: text('reason'),
    grantId: text('grant_id'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('invoice_adjustments', t.tenantId, t.id),
    tenantFk('invoice_adjustments_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    checkIn('invoice_adjustments_kind_check', t.kind, INVOICE_ADJUSTMENT_KINDS),
    checkSql('invoice_adjustments_amount_check', sql`"amount_cents" > 0`),
    index('invoice_adjustments_invoice_idx').on(t.tenantId, t.invoiceId),
    // A rule applies once per invoice (sibling, early payment, late fee); grants once each.
    uniqueIndex('invoice_adjustments_once_key')
      .on(t.tenantId, t.invoiceId, t.kind)
      .where(sql`"kind" IN ('sibling', 'early_payment', 'late_fee')`),
    uniqueIndex('invoice_adjustments_grant_key')
      .on(t.tenantId, t.grantId)
      .where(sql`"grant_id" IS NOT NULL`),
  ],
);

/** A discount granted to a student ahead of their next invoice (manual with a reason, CRM referral reward). */
export const discountGrants = financeSchema.table(
  'discount_grants',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    studentId: text('student_id').notNull(),
    kind: text('kind').notNull(),
    amountCents: integer('amount_cents'),
    percentBasisPoints: integer('percent_basis_points'),
    reason: text('reason').notNull(),
    /** Who or what granted it, e.g. { table: 'crm.referrals', id } . */
    source: jsonb('source'),
    /** The invoice it was applied to; NULL while it waits for the next one. */
    invoiceId: text('invoice_id'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('discount_grants', t.tenantId, t.id),
    tenantFk(
      'discount_grants_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('discount_grants_student_fkey', [t.tenantId, t.studentId], [users.tenantId, users.id]),
    tenantFk('discount_grants_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    checkIn('discount_grants_kind_check', t.kind, ['manual', 'referral']),
    checkSql(
      'discount_grants_amount_check',
      sql`("amount_cents" IS NULL) <> ("percent_basis_points" IS NULL)
        AND ("amount_cents" IS NULL OR "amount_cents" > 0)
        AND ("percent_basis_points" IS NULL OR "percent_basis_points" BETWEEN 1 AND 10000)`,
    ),
    checkSql('discount_grants_reason_check', sql`length(trim("reason")) > 0`),
    index('discount_grants_student_idx').on(t.tenantId, t.studentId),
  ],
);

/**
 * The family credit account of a payer: + an overpayment, − credit applied to an invoice (or
 * withdrawn by a refund). The balance is the sum; the billing service keeps it ≥ 0 under a lock.
 */
export const familyCredits = financeSchema.table(
  'family_credits',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    payerId: text('payer_id').notNull(),
    amountCents: integer('amount_cents').notNull(),
    transactionId: text('transaction_id'),
    invoiceId: text('invoice_id'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('family_credits', t.tenantId, t.id),
    tenantFk(
      'family_credits_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('family_credits_payer_fkey', [t.tenantId, t.payerId], [users.tenantId, users.id]),
    tenantFk(
      'family_credits_transaction_fkey',
      [t.tenantId, t.transactionId],
      [transactions.tenantId, transactions.id],
    ),
    tenantFk('family_credits_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    checkSql('family_credits_amount_check', sql`"amount_cents" <> 0`),
    index('family_credits_payer_idx').on(t.tenantId, t.payerId),
    // A refund reads the credit its payment left.
    index('family_credits_transaction_idx').on(t.tenantId, t.transactionId),
  ],
);

export const CHARGE_METHODS = ['pix', 'boleto', 'card'] as const;
export const CHARGE_STATUSES = ['pending', 'authorized', 'paid', 'expired', 'refunded', 'voided', 'failed'] as const;

/** A charge created at a payment gateway for an invoice: a PIX copy-and-paste code, a boleto, a card payment. */
export const paymentCharges = financeSchema.table(
  'payment_charges',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    gateway: text('gateway').notNull(),
    method: text('method').notNull(),
    amountCents: integer('amount_cents').notNull(),
    status: text('status').notNull().default('pending'),
    /** The gateway's id (PIX txid, boleto nosso número, card authorisation id). */
    externalId: text('external_id').notNull(),
    /** PIX copy-and-paste payload, boleto linha digitável and barcode, card last four digits. */
    details: jsonb('details'),
    dueDate: date('due_date'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('payment_charges', t.tenantId, t.id),
    tenantFk('payment_charges_invoice_fkey', [t.tenantId, t.invoiceId], [invoices.tenantId, invoices.id]),
    checkIn('payment_charges_method_check', t.method, CHARGE_METHODS),
    checkIn('payment_charges_status_check', t.status, CHARGE_STATUSES),
    checkSql('payment_charges_amount_check', sql`"amount_cents" > 0`),
    uniqueIndex('payment_charges_external_key').on(t.tenantId, t.gateway, t.externalId),
    index('payment_charges_invoice_idx').on(t.tenantId, t.invoiceId),
  ],
);

/** Gateway webhook events received: the event id is unique, so a redelivered event changes nothing. */
export const gatewayEvents = financeSchema.table(
  'gateway_events',
  {
    tenantId: tenantKey(),
    gateway: text('gateway').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    /** What it did: the transaction it recorded, or why it changed nothing. */
    outcome: jsonb('outcome'),
    receivedAt: createdAt(),
  },
  (t) => [...tenantKeys('gateway_events', t.tenantId, t.gateway, t.eventId)],
);
