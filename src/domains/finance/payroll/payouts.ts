/**
 * The seed's `finance.payouts`: one row per payroll, kept by the payroll service in the same unit of work
 * as every payroll change, so it always mirrors the payroll — pending until approved, approved while
 * anything is still due, paid (with the day) once paid in full. `amount_cents` is the net in integer
 * cents; the seed's `amount` (double precision) is its mirror in reais for the seed's readers.
 */
import { sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { payouts, type staffPayroll } from '../tables.js';

type PayrollRow = typeof staffPayroll.$inferSelect;

/** The payout status a payroll status mirrors to (payouts allow pending, approved, paid). */
export function payoutStatusOf(payrollStatus: string | null): 'pending' | 'approved' | 'paid' {
  if (payrollStatus === 'paid') return 'paid';
  if (payrollStatus === 'approved' || payrollStatus === 'scheduled' || payrollStatus === 'partially_paid')
    return 'approved';
  return 'pending';
}

/** Writes (or brings up to date) the payout of a payroll; call it under the payroll's row lock. */
export async function syncPayout(work: Work, payroll: PayrollRow): Promise<void> {
  const status = payoutStatusOf(payroll.status);
  const cents = payroll.netAmountCents ?? 0;
  const paidAt = status === 'paid' ? (payroll.paidAt ?? work.now) : null;
  const result = await work.tx.execute(sql`
    INSERT INTO ${payouts} (tenant_id, id, user_id, organization_id, amount, amount_cents, period_start, period_end,
                            status, approved_by, paid_at, payroll_id)
    VALUES (${work.tenantId}, ${ulid()}, ${payroll.userId}, ${payroll.organizationId}, ${cents / 100}, ${cents},
            ${payroll.periodStart}, ${payroll.periodEnd}, ${status}, ${payroll.approvedBy},
            ${paidAt ? paidAt.toISOString() : null}::timestamptz, ${payroll.id})
    ON CONFLICT (tenant_id, payroll_id) WHERE payroll_id IS NOT NULL DO UPDATE
      SET amount = EXCLUDED.amount, amount_cents = EXCLUDED.amount_cents, status = EXCLUDED.status,
          approved_by = EXCLUDED.approved_by, paid_at = EXCLUDED.paid_at
    RETURNING id, (xmax = 0) AS inserted`);
  const [row] = rowsOf<{ id: string; inserted: boolean }>(result);
  await work.audit({
    table: payouts,
    recordId: row!.id,
    operation: row!.inserted ? 'INSERT' : 'UPDATE',
    newValues: { payrollId: payroll.id, status, amountCents: cents },
  });
}
