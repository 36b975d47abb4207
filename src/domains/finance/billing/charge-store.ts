/** Gateway charges as stored: written with their audit entries, locked, and the payment a charge made. */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import type { Work, WorkAuditEntry } from '../../../platform/service/work.js';
import { paymentCharges, transactions } from '../tables.js';
import { billingErrors } from './errors.js';

export type ChargeRow = typeof paymentCharges.$inferSelect;

export async function storeCharge(work: Work, values: Omit<typeof paymentCharges.$inferInsert, 'tenantId'>) {
  const [row] = await work.tx
    .insert(paymentCharges)
    .values({ tenantId: work.tenantId, ...values })
    .returning();
  await work.audit({
    table: paymentCharges,
    recordId: row!.id,
    operation: 'INSERT',
    newValues: { ...values, details: undefined },
  });
  return row!;
}

export async function lockCharge(work: Work, chargeId: string) {
  const [row] = await work.tx
    .select()
    .from(paymentCharges)
    .where(and(eq(paymentCharges.tenantId, work.tenantId), eq(paymentCharges.id, chargeId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No charge ${chargeId}.`);
  return row;
}

/** A charge's status change, unsent: its UPDATE and its audit entry. */
export function chargeStatusChange(work: Work, chargeId: string, status: string) {
  const update = work.tx
    .update(paymentCharges)
    .set({ status })
    .where(and(eq(paymentCharges.tenantId, work.tenantId), eq(paymentCharges.id, chargeId)));
  const audit: WorkAuditEntry = {
    table: paymentCharges,
    recordId: chargeId,
    operation: 'UPDATE',
    newValues: { status },
  };
  return { update, audit };
}

export async function setChargeStatus(work: Work, chargeId: string, status: string) {
  const { update, audit } = chargeStatusChange(work, chargeId, status);
  const [row] = await update.returning();
  await work.audit(audit);
  return row!;
}

/** The payment (income transaction) a charge made on its invoice. */
export async function paymentOfCharge(work: Work, invoiceId: string, externalId: string): Promise<string> {
  const [payment] = await work.tx
    .select({ id: transactions.id })
    .from(transactions)
    .where(
      and(
        eq(transactions.tenantId, work.tenantId),
        eq(transactions.invoiceId, invoiceId),
        eq(transactions.externalId, externalId),
        eq(transactions.type, 'income'),
      ),
    )
    .limit(1);
  if (!payment) throw billingErrors.charge_state(`No payment recorded for charge ${externalId}.`);
  return payment.id;
}
