/**
 * Finance — payroll: teacher contracts and the seed's simple payouts, plus the supplement's
 * payroll ledger (what an employee is owed per period; the payments against it and the stored
 * payment methods are in payroll-payments.ts). Supplement amounts are integer cents (bigint), never
 * floating point.
 */
import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkRange,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';

/** Teacher payment contracts: the model (hourly, per class, fixed) and its rate. */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / teacher_contracts
export const teacherContracts = financeSchema.table(
  'teacher_contracts',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    organizationId: text('organization_id').notNull(),
    paymentModel: text('payment_model'),
    rate: doublePrecision('rate'),
    // How the teacher works for the school (issue 18): employee on payroll (INSS withheld), hired for a
    // percentage of the tuition of the sessions taught, or an outside teacher paid per session/hour.
    contractModel: text('contract_model').default('school_employee'),
    // hired_percentage: the teacher's share (0–100) of rate × students present, per session taught.
    percentage: doublePrecision('percentage'),
    /** Dependants the employee declared, each deducted from the IRRF base (school_employee). */
    dependants: integer('dependants').default(0),
    startDate: date('start_date'),
    endDate: date('end_date'),
  },
  (t) => [
    ...tenantKeys('teacher_contracts', t.tenantId, t.id),
    tenantFk('teacher_contracts_user_fkey', [t.tenantId, t.userId], [users.tenantId, users.id]),
    tenantFk(
      'teacher_contracts_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    checkIn('teacher_contracts_payment_model_check', t.paymentModel, ['hourly', 'per_class', 'fixed']),
    checkIn('teacher_contracts_contract_model_check', t.contractModel, [
      'school_employee',
      'hired_percentage',
      'external_rental',
    ]),
    checkRange('teacher_contracts_percentage_check', t.percentage, 0, 100),
    checkNonNegative('teacher_contracts_rate_check', t.rate),
    checkNonNegative('teacher_contracts_dependants_check', t.dependants),
    checkSql('teacher_contracts_dates_check', sql`${bare(t.endDate)} >= ${bare(t.startDate)}`),
    index('teacher_contracts_user_idx').on(t.tenantId, t.userId),
    index('teacher_contracts_organization_idx').on(t.tenantId, t.organizationId),
  ],
);

/** What an employee is owed for a period; net = gross − deductions + additions. */
// seed: 002_7bfbe2c40aa16e7b.txt §Payroll Tables; seeds-supplement/payroll-accounting.md §staff_payroll
export const staffPayroll = financeSchema.table(
  'staff_payroll',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    // Nullable: non-teaching staff are paid without a teacher contract.
    contractId: text('contract_id'),
    userId: text('user_id').notNull(),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    paymentDueDate: date('payment_due_date'),
    payrollType: text('payroll_type'),
    hoursWorked: doublePrecision('hours_worked'),
    hourlyRateCents: centsColumn('hourly_rate_cents'),
    grossAmountCents: centsColumn('gross_amount_cents').default(0),
    deductions: jsonb('deductions'),
    totalDeductionsCents: centsColumn('total_deductions_cents').default(0),
    additions: jsonb('additions'),
    totalAdditionsCents: centsColumn('total_additions_cents').default(0),
    netAmountCents: centsColumn('net_amount_cents').default(0),
    paidAmountCents: centsColumn('paid_amount_cents').default(0),
    status: text('status').default('draft'),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    calculatedBy: text('calculated_by'),
    calculatedAt: timestamp('calculated_at', { withTimezone: true }),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('staff_payroll', t.tenantId, t.id),
    tenantFk(
      'staff_payroll_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk(
      'staff_payroll_contract_fkey',
      [t.tenantId, t.contractId],
      [teacherContracts.tenantId, teacherContracts.id],
    ),
    tenantFk('staff_payroll_user_fkey', [t.tenantId, t.userId], [users.tenantId, users.id]),
    tenantFk('staff_payroll_approved_by_fkey', [t.tenantId, t.approvedBy], [users.tenantId, users.id]),
    tenantFk('staff_payroll_calculated_by_fkey', [t.tenantId, t.calculatedBy], [users.tenantId, users.id]),
    checkIn('staff_payroll_payroll_type_check', t.payrollType, [
      'salary',
      'hourly',
      'bonus',
      'commission',
      'reimbursement',
      'advance',
      'other',
    ]),
    checkIn('staff_payroll_status_check', t.status, [
      'draft',
      'pending_approval',
      'approved',
      'scheduled',
      'partially_paid',
      'paid',
      'cancelled',
      'disputed',
    ]),
    checkNonNegative('staff_payroll_hours_worked_check', t.hoursWorked),
    checkNonNegative('staff_payroll_hourly_rate_check', t.hourlyRateCents),
    checkNonNegative('staff_payroll_gross_check', t.grossAmountCents),
    checkNonNegative('staff_payroll_deductions_check', t.totalDeductionsCents),
    checkNonNegative('staff_payroll_additions_check', t.totalAdditionsCents),
    checkNonNegative('staff_payroll_paid_check', t.paidAmountCents),
    // The supplement's rule, enforced where all four totals are known.
    checkSql(
      'staff_payroll_net_check',
      sql`${bare(t.netAmountCents)} = ${sql`${bare(t.grossAmountCents)} - ${bare(t.totalDeductionsCents)}`} + ${bare(
        t.totalAdditionsCents,
      )}`,
    ),
    // Payments never exceed the net, and nothing is paid before approval (issue 18).
    checkSql('staff_payroll_paid_within_net_check', sql`${bare(t.paidAmountCents)} <= ${bare(t.netAmountCents)}`),
    checkSql(
      'staff_payroll_unpaid_until_approved_check',
      sql`${bare(t.status)} NOT IN ('draft', 'pending_approval') OR ${bare(t.paidAmountCents)} = 0`,
    ),
    // One payroll per contract and period (generation is idempotent); a cancelled one may be redone.
    uniqueIndex('staff_payroll_contract_period_key')
      .on(t.tenantId, t.contractId, t.periodStart, t.periodEnd)
      .where(sql`${bare(t.contractId)} IS NOT NULL AND ${bare(t.status)} <> 'cancelled'`),
    checkSql('staff_payroll_period_check', sql`${bare(t.periodEnd)} >= ${bare(t.periodStart)}`),
    index('staff_payroll_organization_idx').on(t.tenantId, t.organizationId),
    index('staff_payroll_contract_idx').on(t.tenantId, t.contractId),
    index('staff_payroll_user_idx').on(t.tenantId, t.userId),
    index('staff_payroll_approved_by_idx').on(t.tenantId, t.approvedBy),
    index('staff_payroll_calculated_by_idx').on(t.tenantId, t.calculatedBy),
  ],
);

/**
 * Teacher/staff payments for a period (the seed's simple model). Written only by the payroll service:
 * one row per payroll, its status mirroring the payroll's (pending until approved, approved while
 * anything is due, paid when paid in full).
 */
// seed: 002_7bfbe2c40aa16e7b.txt §Financial Tables / payouts
export const payouts = financeSchema.table(
  'payouts',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    userId: text('user_id').notNull(),
    organizationId: text('organization_id').notNull(),
    amount: doublePrecision('amount'),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    status: text('status').default('pending'),
    approvedBy: text('approved_by'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    // Money is integer cents (issue 18): the seed's `amount` (double precision) stays as its mirror in reais.
    amountCents: centsColumn('amount_cents'),
    /** The payroll this payout mirrors. */
    payrollId: text('payroll_id'),
  },
  (t) => [
    ...tenantKeys('payouts', t.tenantId, t.id),
    tenantFk('payouts_user_fkey', [t.tenantId, t.userId], [users.tenantId, users.id]),
    tenantFk('payouts_organization_fkey', [t.tenantId, t.organizationId], [organizations.tenantId, organizations.id]),
    tenantFk('payouts_approved_by_fkey', [t.tenantId, t.approvedBy], [users.tenantId, users.id]),
    checkIn('payouts_status_check', t.status, ['pending', 'approved', 'paid']),
    checkNonNegative('payouts_amount_check', t.amount),
    checkNonNegative('payouts_amount_cents_check', t.amountCents),
    tenantFk('payouts_payroll_fkey', [t.tenantId, t.payrollId], [staffPayroll.tenantId, staffPayroll.id]),
    uniqueIndex('payouts_payroll_key')
      .on(t.tenantId, t.payrollId)
      .where(sql`${bare(t.payrollId)} IS NOT NULL`),
    checkSql('payouts_period_check', sql`${bare(t.periodEnd)} >= ${bare(t.periodStart)}`),
    index('payouts_user_idx').on(t.tenantId, t.userId),
    index('payouts_organization_idx').on(t.tenantId, t.organizationId),
    index('payouts_approved_by_idx').on(t.tenantId, t.approvedBy),
  ],
);
