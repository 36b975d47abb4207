/**
 * Finance — how employees are paid: their stored payment methods (masked in API output) and the
 * payments against a payroll. Amounts are integer cents (bigint), never floating point.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';
import { staffPayroll } from './payroll.js';

/** How an employee is paid (payroll_payments.method_type, payment_methods.method_type). */
export const PAYROLL_METHOD_TYPES = [
  'bank_transfer',
  'pix',
  'cash',
  'credit_card',
  'debit_card',
  'digital_wallet',
  'check',
] as const;

/** An employee's stored payment methods (bank account, PIX key, card, wallet); masked in API output. */
// seed: 002_7bfbe2c40aa16e7b.txt §Payroll Tables; seeds-supplement/payroll-accounting.md §payment_methods
export const paymentMethods = financeSchema.table(
  'payment_methods',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    organizationId: text('organization_id').notNull(),
    methodType: text('method_type'),
    label: text('label'),
    isDefault: boolean('is_default').default(false),
    isActive: boolean('is_active').default(true),
    isVerified: boolean('is_verified').default(false),
    bankCode: text('bank_code'),
    bankName: text('bank_name'),
    agencyNumber: text('agency_number'),
    accountNumber: text('account_number'),
    accountType: text('account_type'),
    accountHolderName: text('account_holder_name'),
    accountHolderDocument: text('account_holder_document'),
    pixKeyType: text('pix_key_type'),
    pixKey: text('pix_key'),
    cardLastFour: varchar('card_last_four', { length: 4 }),
    cardBrand: text('card_brand'),
    cardExpiry: text('card_expiry'),
    walletProvider: text('wallet_provider'),
    walletId: text('wallet_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('payment_methods', t.tenantId, t.id),
    // cascade: stored methods are personal data that leave with their owner.
    tenantFk('payment_methods_user_fkey', [t.tenantId, t.userId], [users.tenantId, users.id], 'cascade'),
    tenantFk(
      'payment_methods_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    checkIn('payment_methods_method_type_check', t.methodType, PAYROLL_METHOD_TYPES),
    checkIn('payment_methods_account_type_check', t.accountType, ['checking', 'savings']),
    checkIn('payment_methods_pix_key_type_check', t.pixKeyType, ['cpf', 'cnpj', 'email', 'phone', 'random']),
    checkSql('payment_methods_card_last_four_check', sql`${bare(t.cardLastFour)} ~ '^[0-9]{4}$'`),
    index('payment_methods_user_idx').on(t.tenantId, t.userId),
    index('payment_methods_organization_idx').on(t.tenantId, t.organizationId),
  ],
);

/** Payments against a payroll (several per payroll when split); completed ones drive its paid amount. */
// seed: 002_7bfbe2c40aa16e7b.txt §Payroll Tables; seeds-supplement/payroll-accounting.md §payroll_payments
export const payrollPayments = financeSchema.table(
  'payroll_payments',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    payrollId: text('payroll_id').notNull(),
    userId: text('user_id').notNull(),
    amountCents: centsColumn('amount_cents'),
    methodType: text('method_type'),
    paymentMethodId: text('payment_method_id'),
    referenceCode: text('reference_code'),
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    failureReason: text('failure_reason'),
    status: text('status').default('pending'),
    notes: text('notes'),
    paidBy: text('paid_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('payroll_payments', t.tenantId, t.id),
    // restrict, not cascade: a payroll that has payments is money already moved; it is cancelled, not deleted.
    tenantFk('payroll_payments_payroll_fkey', [t.tenantId, t.payrollId], [staffPayroll.tenantId, staffPayroll.id]),
    tenantFk('payroll_payments_user_fkey', [t.tenantId, t.userId], [users.tenantId, users.id]),
    tenantFk(
      'payroll_payments_payment_method_fkey',
      [t.tenantId, t.paymentMethodId],
      [paymentMethods.tenantId, paymentMethods.id],
    ),
    tenantFk('payroll_payments_paid_by_fkey', [t.tenantId, t.paidBy], [users.tenantId, users.id]),
    checkIn('payroll_payments_method_type_check', t.methodType, PAYROLL_METHOD_TYPES),
    checkIn('payroll_payments_status_check', t.status, [
      'pending',
      'processing',
      'completed',
      'failed',
      'cancelled',
      'refunded',
    ]),
    checkNonNegative('payroll_payments_amount_check', t.amountCents),
    index('payroll_payments_payroll_idx').on(t.tenantId, t.payrollId),
    index('payroll_payments_user_idx').on(t.tenantId, t.userId),
    index('payroll_payments_payment_method_idx').on(t.tenantId, t.paymentMethodId),
    index('payroll_payments_paid_by_idx').on(t.tenantId, t.paidBy),
  ],
);
