/**
 * Money in and back out. `applyPayment` is the one way a payment reaches an invoice (the secretary's
 * manual payment, a gateway webhook, a card capture). Under the invoice's row lock it
 * 1. charges what is due for lateness when paid after the due date (the 2 % fee once, interest per
 *    day on the open principal since the due date or the last charge), or grants the early-payment
 *    discount when the payment settles the invoice at least 5 days before the due date;
 * 2. applies the payment up to the balance — `paid_cents` can never pass `net_cents` (a CHECK) and
 *    `status` is 'paid' exactly when they meet (another CHECK): the issue's "999 PIX on a 450 invoice
 *    stays pending" cannot be stored;
 * 3. credits what goes beyond the balance to the family (applied to its next invoice).
 * A refund reverses a payment: first what it paid of the invoice (which reopens), then the credit it left.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import { invoiceAdjustments, transactions } from '../tables.js';
import { billingErrors } from './errors.js';
import { post } from './post.js';
import { BILLING_RULES, earlyPaymentApplies, lateCharges, percentOf } from './rules.js';
import {
  recordPaymentInput,
  refundInput,
  type BillingPaymentMethod,
  type PaymentResult,
  type RecordPaymentInput,
} from './schemas.js';
import {
  addCredit,
  assertOpen,
  creditBalance,
  invoiceView,
  isoDay,
  lockInvoice,
  lockPayer,
  newId,
  saveTotals,
  transactionView,
  type InvoiceRow,
} from './store.js';

export interface PaymentFacts {
  invoiceId: string;
  amountCents: number;
  method: BillingPaymentMethod;
  paidOn: string;
  externalId?: string | null;
}

async function adjustment(work: Work, invoice: InvoiceRow, kind: string, amountCents: number, reason: string) {
  const id = newId();
  await work.tx
    .insert(invoiceAdjustments)
    .values({ tenantId: work.tenantId, id, invoiceId: invoice.id, kind, amountCents, reason });
  return id;
}

/** Late charges or the early-payment discount that this payment brings to the invoice. */
async function chargesForPaymentDay(work: Work, invoice: InvoiceRow, facts: PaymentFacts): Promise<InvoiceRow> {
  const due = invoice.dueDate;
  if (!due) return invoice;
  const open = (invoice.netCents ?? 0) - (invoice.paidCents ?? 0);
  if (facts.paidOn > due) {
    const feeRow = rowsOf<{ n: number }>(
      await work.tx.execute(
        sql`SELECT count(*)::int AS n FROM ${invoiceAdjustments}
             WHERE tenant_id = ${work.tenantId} AND invoice_id = ${invoice.id} AND kind = 'late_fee'`,
      ),
    )[0];
    const late = lateCharges(open, due, facts.paidOn, {
      lateFeeCharged: (feeRow?.n ?? 0) > 0,
      interestFrom: invoice.feesAccruedOn,
    });
    const fee = late.lateFeeCents + late.interestCents;
    if (fee === 0) return invoice;
    for (const [kind, amount, reason] of [
      ['late_fee', late.lateFeeCents, `${BILLING_RULES.lateFeeBasisPoints / 100} % late fee`],
      ['interest', late.interestCents, `${late.interestDays} days of interest`],
    ] as const) {
      if (amount === 0) continue;
      const id = await adjustment(work, invoice, kind, amount, reason);
      await post(work, {
        organizationId: invoice.organizationId,
        kind: 'late_fee',
        amountCents: amount,
        occurredOn: facts.paidOn,
        description: `${reason}, invoice ${invoice.id}`,
        source: { table: 'finance.invoice_adjustments', id },
      });
    }
    return saveTotals(work, invoice, { feeCents: (invoice.feeCents ?? 0) + fee, feesAccruedOn: facts.paidOn });
  }
  if (!earlyPaymentApplies(due, facts.paidOn)) return invoice;
  const early = rowsOf<{ n: number }>(
    await work.tx.execute(
      sql`SELECT count(*)::int AS n FROM ${invoiceAdjustments}
           WHERE tenant_id = ${work.tenantId} AND invoice_id = ${invoice.id} AND kind = 'early_payment'`,
    ),
  )[0];
  if ((early?.n ?? 0) > 0) return invoice;
  // 10 % of what is left after the issue-time discounts, never more than is still open.
  const discountBase = (invoice.grossCents ?? 0) - (invoice.discountCents ?? 0);
  const discount = Math.min(open, percentOf(discountBase, BILLING_RULES.earlyPaymentBasisPoints));
  if (discount <= 0 || facts.amountCents < open - discount) return invoice;
  const id = await adjustment(work, invoice, 'early_payment', discount, 'paid at least 5 days before the due date');
  await post(work, {
    organizationId: invoice.organizationId,
    kind: 'discount_granted',
    amountCents: discount,
    occurredOn: facts.paidOn,
    description: `early payment discount, invoice ${invoice.id}`,
    source: { table: 'finance.invoice_adjustments', id },
  });
  return saveTotals(work, invoice, { discountCents: (invoice.discountCents ?? 0) + discount });
}

/** Applies a payment to an invoice (see the module comment). */
export function applyPayment(work: Work, facts: PaymentFacts): Promise<PaymentResult> {
  // Its audit rows (payment, invoice totals, journal entries) go to the chain in one statement.
  return withBatchedAudits(work, (batched) => applyPaymentNow(batched, facts));
}

async function applyPaymentNow(work: Work, facts: PaymentFacts): Promise<PaymentResult> {
  let invoice = await lockInvoice(work, facts.invoiceId);
  assertOpen(invoice);
  if (invoice.status !== 'paid') invoice = await chargesForPaymentDay(work, invoice, facts);
  const open = Math.max(0, (invoice.netCents ?? 0) - (invoice.paidCents ?? 0));
  const applied = Math.min(open, facts.amountCents);
  const credited = facts.amountCents - applied;
  const [tx] = await work.tx
    .insert(transactions)
    .values({
      tenantId: work.tenantId,
      id: newId(),
      organizationId: invoice.organizationId,
      invoiceId: invoice.id,
      amount: facts.amountCents / 100,
      amountCents: facts.amountCents,
      type: 'income',
      method: facts.method,
      externalId: facts.externalId ?? null,
      payerId: invoice.payerId,
      processedAt: work.now,
    })
    .returning();
  await work.audit({ table: transactions, recordId: tx!.id, operation: 'INSERT', newValues: transactionView(tx!) });
  if (applied > 0) {
    invoice = await saveTotals(
      work,
      invoice,
      { paidCents: (invoice.paidCents ?? 0) + applied },
      new Date(`${facts.paidOn}T12:00:00Z`),
    );
  }
  if (credited > 0) {
    await addCredit(work, {
      organizationId: invoice.organizationId,
      payerId: invoice.payerId,
      amountCents: credited,
      transactionId: tx!.id,
    });
  }
  await post(work, {
    organizationId: invoice.organizationId,
    kind: 'credit_created',
    amountCents: credited,
    occurredOn: facts.paidOn,
    description: `overpayment of invoice ${invoice.id} to family credit`,
    source: { table: 'finance.transactions', id: tx!.id },
  });
  await post(work, {
    organizationId: invoice.organizationId,
    kind: 'payment_received',
    amountCents: facts.amountCents,
    occurredOn: facts.paidOn,
    description: `payment of invoice ${invoice.id}${credited > 0 ? ` (${credited} ¢ to family credit)` : ''}`,
    source: { table: 'finance.transactions', id: tx!.id },
    method: facts.method,
  });
  return {
    invoice: invoiceView(invoice),
    transaction: transactionView(tx!),
    appliedCents: applied,
    creditedCents: credited,
  };
}

/** The secretary records money received at the desk (cash, a bank transfer with its reference…). */
export async function recordPayment(work: Work, invoiceId: string, input: RecordPaymentInput): Promise<PaymentResult> {
  const data = parseInput(recordPaymentInput, input);
  await work.authorize(transactions, 'write');
  const today = isoDay(work.now);
  if (data.paidOn && data.paidOn > today) throw AppError.validation({ paidOn: ['must not be in the future'] });
  return applyPayment(work, {
    invoiceId,
    amountCents: data.amountCents,
    method: data.method,
    paidOn: data.paidOn ?? today,
    externalId: data.reference ?? null,
  });
}

/** Refunds (part of) a payment: the invoice reopens by what it had been paid, then the credit goes. */
export async function refundPayment(work: Work, transactionId: string, input: unknown) {
  const data = parseInput(refundInput, input);
  await work.authorize(transactions, 'write');
  const [payment] = await work.tx
    .select()
    .from(transactions)
    .where(and(eq(transactions.tenantId, work.tenantId), eq(transactions.id, transactionId)))
    .for('update');
  if (!payment || payment.type !== 'income' || !payment.invoiceId) {
    throw new AppError('not_found', `No invoice payment ${transactionId}.`);
  }
  let invoice = await lockInvoice(work, payment.invoiceId);
  await lockPayer(work, invoice.payerId);
  const refunded = rowsOf<{ total: string | number }>(
    await work.tx.execute(
      sql`SELECT coalesce(sum(amount_cents), 0)::bigint AS total FROM ${transactions}
           WHERE tenant_id = ${work.tenantId} AND refund_of = ${transactionId}`,
    ),
  )[0];
  const paymentCents = payment.amountCents ?? 0;
  const left = paymentCents - Number(refunded?.total ?? 0);
  const amount = data.amountCents ?? left;
  if (amount <= 0 || amount > left) {
    throw billingErrors.refund_exceeds_payment(`Payment ${transactionId} has ${left} ¢ left to refund.`, { left });
  }
  const fromInvoice = Math.min(amount, invoice.paidCents ?? 0);
  const fromCredit = amount - fromInvoice;
  if (fromCredit > (await creditBalance(work, invoice.payerId))) {
    throw billingErrors.refund_exceeds_payment(`The family credit this payment left was already spent.`, { left });
  }
  const [refund] = await work.tx
    .insert(transactions)
    .values({
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
    })
    .returning();
  await work.audit({
    table: transactions,
    recordId: refund!.id,
    operation: 'INSERT',
    newValues: { ...transactionView(refund!), reason: data.reason },
  });
  if (fromInvoice > 0) invoice = await saveTotals(work, invoice, { paidCents: (invoice.paidCents ?? 0) - fromInvoice });
  if (fromCredit > 0) {
    await addCredit(work, {
      organizationId: invoice.organizationId,
      payerId: invoice.payerId,
      amountCents: -fromCredit,
      transactionId: refund!.id,
    });
  }
  await post(work, {
    organizationId: invoice.organizationId,
    kind: 'refund',
    amountCents: amount,
    occurredOn: isoDay(work.now),
    description: `refund of payment ${payment.id}: ${data.reason}`,
    source: { table: 'finance.transactions', id: refund!.id },
    method: payment.method ?? undefined,
  });
  // The part refunded out of the family credit leaves the customer credits.
  await post(work, {
    organizationId: invoice.organizationId,
    kind: 'credit_applied',
    amountCents: fromCredit,
    occurredOn: isoDay(work.now),
    description: `family credit refunded with payment ${payment.id}`,
    source: { table: 'finance.transactions', id: refund!.id },
  });
  return {
    invoice: invoiceView(invoice),
    transaction: transactionView(refund!),
    appliedCents: -fromInvoice,
    creditedCents: -fromCredit,
  };
}
