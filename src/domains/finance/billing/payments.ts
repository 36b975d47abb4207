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
 * Refunds reverse a payment: refunds.ts.
 */
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import { writeTogether } from '../../../platform/db/write-together.js';
import { invoiceAdjustments, transactions } from '../tables.js';
import { postAll, type BillingMoneyEvent } from './post.js';
import { BILLING_RULES, earlyPaymentApplies, lateCharges, percentOf } from './rules.js';
import {
  recordPaymentInput,
  type BillingPaymentMethod,
  type PaymentResult,
  type RecordPaymentInput,
} from './schemas.js';
import {
  assertOpen,
  creditInsert,
  invoiceView,
  isoDay,
  lockInvoiceWithKinds,
  newId,
  totalsChange,
  transactionView,
  withTotals,
  type InvoiceRow,
} from './store.js';

export interface PaymentFacts {
  invoiceId: string;
  amountCents: number;
  method: BillingPaymentMethod;
  paidOn: string;
  externalId?: string | null;
}

/** What the payment day brings: new totals and adjustment lines (unsaved), posted with the payment. */
interface DayCharges {
  changes: Partial<Pick<InvoiceRow, 'discountCents' | 'feeCents' | 'feesAccruedOn'>>;
  adjustments: ReturnType<typeof adjustmentRows>;
  events: BillingMoneyEvent[];
}

/** The adjustment rows of the day's lines (ids made here), inserted with the payment's other writes. */
function adjustmentRows(
  work: Work,
  invoice: InvoiceRow,
  lines: readonly { kind: string; amountCents: number; reason: string }[],
) {
  return lines.map((l) => ({ tenantId: work.tenantId, id: newId(), invoiceId: invoice.id, ...l }));
}

/**
 * Late charges or the early-payment discount that this payment brings to the invoice (`kinds`: the
 * adjustment kinds it already has). Writes nothing: the lines, the totals and the postings go with the payment.
 */
function chargesForPaymentDay(
  work: Work,
  invoice: InvoiceRow,
  kinds: readonly string[],
  facts: PaymentFacts,
): DayCharges {
  const none: DayCharges = { changes: {}, adjustments: [], events: [] };
  const due = invoice.dueDate;
  if (!due) return none;
  const open = (invoice.netCents ?? 0) - (invoice.paidCents ?? 0);
  const event = (kind: 'late_fee' | 'discount_granted', id: string, amountCents: number, description: string) => ({
    organizationId: invoice.organizationId,
    kind,
    amountCents,
    occurredOn: facts.paidOn,
    description,
    source: { table: 'finance.invoice_adjustments', id },
  });
  if (facts.paidOn > due) {
    const late = lateCharges(open, due, facts.paidOn, {
      lateFeeCharged: kinds.includes('late_fee'),
      interestFrom: invoice.feesAccruedOn,
    });
    const fee = late.lateFeeCents + late.interestCents;
    if (fee === 0) return none;
    const lines = [
      {
        kind: 'late_fee',
        amountCents: late.lateFeeCents,
        reason: `${BILLING_RULES.lateFeeBasisPoints / 100} % late fee`,
      },
      { kind: 'interest', amountCents: late.interestCents, reason: `${late.interestDays} days of interest` },
    ].filter((l) => l.amountCents > 0);
    const adjustments = adjustmentRows(work, invoice, lines);
    return {
      changes: { feeCents: (invoice.feeCents ?? 0) + fee, feesAccruedOn: facts.paidOn },
      adjustments,
      events: adjustments.map((a) => event('late_fee', a.id, a.amountCents, `${a.reason}, invoice ${invoice.id}`)),
    };
  }
  if (!earlyPaymentApplies(due, facts.paidOn) || kinds.includes('early_payment')) return none;
  // 10 % of what is left after the issue-time discounts, never more than is still open.
  const discountBase = (invoice.grossCents ?? 0) - (invoice.discountCents ?? 0);
  const discount = Math.min(open, percentOf(discountBase, BILLING_RULES.earlyPaymentBasisPoints));
  if (discount <= 0 || facts.amountCents < open - discount) return none;
  const adjustments = adjustmentRows(work, invoice, [
    { kind: 'early_payment', amountCents: discount, reason: 'paid at least 5 days before the due date' },
  ]);
  return {
    changes: { discountCents: (invoice.discountCents ?? 0) + discount },
    adjustments,
    events: [event('discount_granted', adjustments[0]!.id, discount, `early payment discount, invoice ${invoice.id}`)],
  };
}

/** Applies a payment to an invoice (see the module comment). */
export function applyPayment(work: Work, facts: PaymentFacts): Promise<PaymentResult> {
  // Its audit rows (payment, invoice totals, journal entries) go to the chain in one statement.
  return withBatchedAudits(work, (batched) => applyPaymentNow(batched, facts));
}

/**
 * One payment in few statements: the invoice locked with its adjustment kinds; then the day's lines, the
 * transaction, the totals (day charges and payment together) and the family credit written in one
 * statement (their values are all known here: nothing is read back); then every money event posted together.
 */
async function applyPaymentNow(work: Work, facts: PaymentFacts): Promise<PaymentResult> {
  const { row: locked, kinds } = await lockInvoiceWithKinds(work, facts.invoiceId);
  assertOpen(locked);
  const day = locked.status !== 'paid' ? chargesForPaymentDay(work, locked, kinds, facts) : undefined;
  const charged = withTotals(locked, day?.changes ?? {});
  const open = Math.max(0, (charged.netCents ?? 0) - (charged.paidCents ?? 0));
  const applied = Math.min(open, facts.amountCents);
  const credited = facts.amountCents - applied;
  const tx = {
    tenantId: work.tenantId,
    id: newId(),
    organizationId: locked.organizationId,
    invoiceId: locked.id,
    amount: facts.amountCents / 100,
    amountCents: facts.amountCents,
    type: 'income',
    method: facts.method,
    externalId: facts.externalId ?? null,
    payerId: locked.payerId,
    processedAt: work.now,
    refundOf: null,
  };
  const changes = { ...day?.changes, ...(applied > 0 ? { paidCents: (locked.paidCents ?? 0) + applied } : {}) };
  const totals =
    Object.keys(changes).length > 0
      ? totalsChange(work, locked, changes, applied > 0 ? new Date(`${facts.paidOn}T12:00:00Z`) : undefined)
      : undefined;
  const invoice = totals?.after ?? locked;
  await writeTogether(work.tx, [
    day && day.adjustments.length > 0 ? work.tx.insert(invoiceAdjustments).values(day.adjustments) : null,
    work.tx.insert(transactions).values(tx),
    totals?.update,
    creditInsert(work, {
      organizationId: invoice.organizationId,
      payerId: invoice.payerId,
      amountCents: credited,
      transactionId: tx.id,
    }),
  ]);
  await work.auditMany([
    { table: transactions, recordId: tx.id, operation: 'INSERT', newValues: transactionView(tx) },
    ...(totals ? [totals.audit] : []),
  ]);
  const base = { organizationId: invoice.organizationId, occurredOn: facts.paidOn };
  const source = { table: 'finance.transactions', id: tx.id };
  await postAll(work, [
    ...(day?.events ?? []),
    {
      ...base,
      kind: 'credit_created',
      amountCents: credited,
      description: `overpayment of invoice ${invoice.id} to family credit`,
      source,
    },
    {
      ...base,
      kind: 'payment_received',
      amountCents: facts.amountCents,
      description: `payment of invoice ${invoice.id}${credited > 0 ? ` (${credited} ¢ to family credit)` : ''}`,
      source,
      method: facts.method,
    },
  ]);
  return {
    invoice: invoiceView(invoice),
    transaction: transactionView(tx),
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
