/**
 * Refunds: money given back for (part of) a payment, in few statements like a payment's.
 * 1. the payment and its invoice locked together (two refunds of one payment queue here);
 * 2. what the payment did and what its refunds already undid, read after that lock (so a refund that
 *    got there first is counted): the part it credited to the family, the refunds so far and how much
 *    of them came out of that credit;
 * 3. only when the refund takes family credit back: the payer lock, then the family's credit balance
 *    (spent credit cannot be refunded twice — the next invoice already took it);
 * then the refund transaction, the invoice's new totals and the credit reversal in one statement, the
 * audit rows in one and the journal entries (refund, and credit_applied for the credit part) together.
 * A refund takes back first what the payment left as family credit (an overpayment refunded leaves its
 * invoice settled), then what it paid of the invoice, which reopens. A cancelled invoice's payments
 * already became family credit: their refunds come out of that credit only.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { writeTogether } from '../../../platform/db/write-together.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import { familyCredits, invoices, transactions } from '../tables.js';
import { billingErrors } from './errors.js';
import { postAll } from './post.js';
import { refundInput, type PaymentResult } from './schemas.js';
import {
  creditBalance,
  creditInsert,
  invoiceView,
  isoDay,
  lockPayer,
  newId,
  totalsChange,
  transactionView,
  type InvoiceRow,
  type TransactionRow,
} from './store.js';

/** Refunds (part of) a payment (see the module comment); `amountCents` defaults to what is left of it. */
export async function refundPayment(work: Work, transactionId: string, input: unknown): Promise<PaymentResult> {
  const data = parseInput(refundInput, input);
  await work.authorize(transactions, 'write');
  return withBatchedAudits(work, (batched) => refundNow(batched, transactionId, data));
}

/** The payment and its invoice, both locked (FOR UPDATE locks the rows of both tables of the join). */
async function lockPaymentAndInvoice(work: Work, transactionId: string) {
  const [found] = await work.tx
    .select({ payment: transactions, invoice: invoices })
    .from(transactions)
    .innerJoin(
      invoices,
      sql`${invoices.tenantId} = ${transactions.tenantId} AND ${invoices.id} = ${transactions.invoiceId}`,
    )
    .where(sql`${transactions.tenantId} = ${work.tenantId} AND ${transactions.id} = ${transactionId}`)
    .for('update');
  if (!found || found.payment.type !== 'income')
    throw new AppError('not_found', `No invoice payment ${transactionId}.`);
  return found;
}

/** What the payment left as family credit and what its refunds took back so far (in total and from credit). */
async function refundHistory(work: Work, payment: TransactionRow, invoice: InvoiceRow) {
  // Scoped by payer and invoice as well: those are indexed, `transaction_id` and `refund_of` are not.
  const [row] = rowsOf<{ credited: string | number; refunded: string | number; refunded_credit: string | number }>(
    await work.tx.execute(sql`SELECT
      (SELECT coalesce(sum(c.amount_cents), 0) FROM ${familyCredits} c
        WHERE c.tenant_id = ${work.tenantId} AND c.payer_id = ${invoice.payerId}
          AND c.transaction_id = ${payment.id})::bigint AS credited,
      (SELECT coalesce(sum(r.amount_cents), 0) FROM ${transactions} r
        WHERE r.tenant_id = ${work.tenantId} AND r.invoice_id = ${invoice.id}
          AND r.refund_of = ${payment.id})::bigint AS refunded,
      (SELECT coalesce(-sum(c.amount_cents), 0) FROM ${familyCredits} c
        JOIN ${transactions} r ON r.tenant_id = c.tenant_id AND r.id = c.transaction_id
        WHERE c.tenant_id = ${work.tenantId} AND c.payer_id = ${invoice.payerId}
          AND r.invoice_id = ${invoice.id} AND r.refund_of = ${payment.id})::bigint AS refunded_credit`),
  );
  return {
    credited: Number(row?.credited ?? 0),
    refunded: Number(row?.refunded ?? 0),
    refundedFromCredit: Number(row?.refunded_credit ?? 0),
  };
}

/** How a refund of `amount` splits between the family credit the payment left and the invoice it paid. */
export function splitRefund(
  amount: number,
  history: { credited: number; refundedFromCredit: number },
  invoiceCancelled: boolean,
) {
  if (invoiceCancelled) return { fromCredit: amount, fromInvoice: 0 };
  const creditLeft = Math.max(0, history.credited - history.refundedFromCredit);
  const fromCredit = Math.min(amount, creditLeft);
  return { fromCredit, fromInvoice: amount - fromCredit };
}

async function refundNow(
  work: Work,
  transactionId: string,
  data: { amountCents?: number | undefined; reason: string },
): Promise<PaymentResult> {
  const { payment, invoice } = await lockPaymentAndInvoice(work, transactionId);
  const history = await refundHistory(work, payment, invoice);
  const left = (payment.amountCents ?? 0) - history.refunded;
  const amount = data.amountCents ?? left;
  if (amount <= 0 || amount > left) {
    throw billingErrors.refund_exceeds_payment(`Payment ${transactionId} has ${left} ¢ left to refund.`, { left });
  }
  const { fromCredit, fromInvoice } = splitRefund(amount, history, invoice.status === 'cancelled');
  if (fromInvoice > (invoice.paidCents ?? 0)) {
    throw billingErrors.refund_exceeds_payment(`Invoice ${invoice.id} has only ${invoice.paidCents} ¢ paid.`, { left });
  }
  if (fromCredit > 0) {
    await lockPayer(work, invoice.payerId);
    if (fromCredit > (await creditBalance(work, invoice.payerId))) {
      throw billingErrors.refund_exceeds_payment(`The family credit this payment left was already spent.`, { left });
    }
  }
  const refund = {
    tenantId: work.tenantId,
    id: newId(),
    organizationId: invoice.organizationId,
    invoiceId: invoice.id,
    amount: amount / 100,
    amountCents: amount,
    type: 'refund',
    method: payment.method,
    externalId: payment.externalId,
    payerId: invoice.payerId,
    refundOf: payment.id,
    processedAt: work.now,
  };
  const totals =
    fromInvoice > 0 ? totalsChange(work, invoice, { paidCents: (invoice.paidCents ?? 0) - fromInvoice }) : undefined;
  await writeTogether(work.tx, [
    work.tx.insert(transactions).values(refund),
    totals?.update,
    creditInsert(work, {
      organizationId: invoice.organizationId,
      payerId: invoice.payerId,
      amountCents: -fromCredit,
      transactionId: refund.id,
    }),
  ]);
  await work.auditMany([
    {
      table: transactions,
      recordId: refund.id,
      operation: 'INSERT',
      newValues: { ...transactionView(refund), reason: data.reason },
    },
    ...(totals ? [totals.audit] : []),
  ]);
  const base = {
    organizationId: invoice.organizationId,
    occurredOn: isoDay(work.now),
    source: { table: 'finance.transactions', id: refund.id },
  };
  await postAll(work, [
    {
      ...base,
      kind: 'refund',
      amountCents: amount,
      description: `refund of payment ${payment.id}: ${data.reason}`,
      ...(payment.method ? { method: payment.method } : {}),
    },
    // The part refunded out of the family credit leaves the customer credits.
    {
      ...base,
      kind: 'credit_applied',
      amountCents: fromCredit,
      description: `family credit refunded with payment ${payment.id}`,
    },
  ]);
  return {
    invoice: invoiceView(totals?.after ?? invoice),
    transaction: transactionView(refund),
    // `|| 0`: no -0 in the answer.
    appliedCents: -fromInvoice || 0,
    creditedCents: -fromCredit || 0,
  };
}
