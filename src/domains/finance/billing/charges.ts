/**
 * Gateway charges and their webhooks: a PIX code (copy-and-paste BR Code and QR, valid 30 minutes), a
 * boleto (line and barcode), a card authorised then captured (or voided) and refunded. Money reaches
 * the invoice only through `applyPayment` — on a card capture, or on a verified, first-seen webhook
 * event: the event id is the key of finance.gateway_events, inserted `ON CONFLICT DO NOTHING` before
 * anything else, so a redelivered event (also twenty at once) changes nothing; a charge is settled once.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import { writeTogether } from '../../../platform/db/write-together.js';
import { withBatchedAudits, type Work, type WorkAuditEntry } from '../../../platform/service/work.js';
import {
  SIMULATOR,
  simulatorGateway,
  WebhookRejected,
  type ChargeRequest,
  type PaymentGateway,
} from '../gateways/index.js';
import { gatewayEvents, invoiceAdjustments, paymentCharges, transactions } from '../tables.js';
import { billingErrors } from './errors.js';
import { applyPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { assertFamilyInvoice, chargeView } from './queries.js';
import { BILLING_RULES, earlyPaymentApplies, lateCharges, percentOf } from './rules.js';
import { cardAuthorizeInput } from './schemas.js';
import { assertOpen, isoDay, lockInvoice, newId, type InvoiceRow } from './store.js';

const gateways = new Map<string, PaymentGateway>([[SIMULATOR, simulatorGateway()]]);

/** Registers a gateway adapter (tests and deployments with a real provider). */
export function registerGateway(gateway: PaymentGateway): void {
  gateways.set(gateway.name, gateway);
}

export function gatewayNamed(name: string): PaymentGateway {
  const gateway = gateways.get(name);
  if (!gateway) throw billingErrors.unknown_gateway(`No payment gateway '${name}'.`);
  return gateway;
}

/** What settles the invoice if paid on `day`: the balance with late charges, or less the early discount. */
export async function amountDueOn(work: Work, invoice: InvoiceRow, day: string): Promise<number> {
  const open = (invoice.netCents ?? 0) - (invoice.paidCents ?? 0);
  if (open <= 0 || !invoice.dueDate) return Math.max(0, open);
  const kinds = rowsOf<{ kind: string }>(
    await work.tx.execute(
      sql`SELECT kind FROM ${invoiceAdjustments} WHERE tenant_id = ${work.tenantId} AND invoice_id = ${invoice.id}`,
    ),
  ).map((r) => r.kind);
  if (day > invoice.dueDate) {
    const late = lateCharges(open, invoice.dueDate, day, {
      lateFeeCharged: kinds.includes('late_fee'),
      interestFrom: invoice.feesAccruedOn,
    });
    return open + late.lateFeeCents + late.interestCents;
  }
  if (earlyPaymentApplies(invoice.dueDate, day) && !kinds.includes('early_payment')) {
    const base = (invoice.grossCents ?? 0) - (invoice.discountCents ?? 0);
    return open - Math.min(open, percentOf(base, BILLING_RULES.earlyPaymentBasisPoints));
  }
  return open;
}

async function chargeRequest(work: Work, invoice: InvoiceRow, chargeId: string, amountCents: number) {
  const [org] = rowsOf<{ name: string | null; slug: string | null; settings: unknown }>(
    await work.tx.execute(sql`SELECT name, slug, settings FROM core.organizations
       WHERE tenant_id = ${work.tenantId} AND id = ${invoice.organizationId}`),
  );
  const settings = (org?.settings ?? {}) as { pixKey?: string; city?: string };
  const request: ChargeRequest = {
    chargeId,
    amountCents,
    dueDate: invoice.dueDate ?? isoDay(work.now),
    description: `Invoice ${invoice.id}`,
    payerName: invoice.payerId,
    merchant: {
      name: org?.name ?? 'Escola',
      city: settings.city ?? 'Sao Paulo',
      pixKey: settings.pixKey ?? `financeiro@${org?.slug ?? 'escola'}.example.com.br`,
    },
  };
  return request;
}

async function openInvoiceForCharge(work: Work, invoiceId: string) {
  await assertFamilyInvoice(work, invoiceId);
  const invoice = await lockInvoice(work, invoiceId);
  assertOpen(invoice);
  if (invoice.status === 'paid') throw billingErrors.invoice_settled(`Invoice ${invoiceId} is already paid.`);
  return invoice;
}

async function storeCharge(work: Work, values: Omit<typeof paymentCharges.$inferInsert, 'tenantId'>) {
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

/** A PIX charge for what the invoice owes today (an unexpired one for the same amount is reused). */
export async function createPixCharge(work: Work, invoiceId: string, gatewayName = SIMULATOR) {
  const gateway = gatewayNamed(gatewayName);
  const invoice = await openInvoiceForCharge(work, invoiceId);
  const amount = await amountDueOn(work, invoice, isoDay(work.now));
  const [current] = await work.tx
    .select()
    .from(paymentCharges)
    .where(
      and(
        eq(paymentCharges.tenantId, work.tenantId),
        eq(paymentCharges.invoiceId, invoiceId),
        eq(paymentCharges.method, 'pix'),
        eq(paymentCharges.status, 'pending'),
        eq(paymentCharges.amountCents, amount),
        gt(paymentCharges.expiresAt, work.now),
      ),
    )
    .orderBy(desc(paymentCharges.createdAt))
    .limit(1);
  if (current) return chargeView(current);
  const id = newId();
  const pix = await gateway.createPix(await chargeRequest(work, invoice, id, amount), work.now);
  const row = await storeCharge(work, {
    id,
    invoiceId,
    gateway: gateway.name,
    method: 'pix',
    amountCents: amount,
    status: 'pending',
    externalId: pix.externalId,
    details: { copyPaste: pix.copyPaste, qrDataUrl: pix.qrDataUrl },
    expiresAt: pix.expiresAt,
  });
  return chargeView(row);
}

/** A boleto for the invoice's balance, due on the invoice's due date (or today when already late). */
export async function createBoletoCharge(work: Work, invoiceId: string, gatewayName = SIMULATOR) {
  const gateway = gatewayNamed(gatewayName);
  const invoice = await openInvoiceForCharge(work, invoiceId);
  const today = isoDay(work.now);
  const dueDate = invoice.dueDate && invoice.dueDate >= today ? invoice.dueDate : today;
  const amount = await amountDueOn(work, invoice, dueDate);
  const id = newId();
  const boleto = await gateway.createBoleto({ ...(await chargeRequest(work, invoice, id, amount)), dueDate });
  const row = await storeCharge(work, {
    id,
    invoiceId,
    gateway: gateway.name,
    method: 'boleto',
    amountCents: amount,
    status: 'pending',
    externalId: boleto.externalId,
    details: { line: boleto.line, formattedLine: boleto.formattedLine, barcode: boleto.barcode },
    dueDate,
  });
  return chargeView(row);
}

/** Authorises a card for the invoice (default: what it owes today); captured separately. */
export async function authorizeCard(work: Work, invoiceId: string, input: unknown, gatewayName = SIMULATOR) {
  const data = parseInput(cardAuthorizeInput, input);
  const gateway = gatewayNamed(gatewayName);
  const invoice = await openInvoiceForCharge(work, invoiceId);
  const amount = data.amountCents ?? (await amountDueOn(work, invoice, isoDay(work.now)));
  const id = newId();
  const result = await gateway.authorizeCard(await chargeRequest(work, invoice, id, amount), {
    number: data.cardNumber,
  });
  if (!result.approved) {
    if (result.reason === 'invalid_number') throw AppError.validation({ cardNumber: ['fails the Luhn check'] });
    throw billingErrors.card_declined(`The card was declined (${result.reason}).`, { reason: result.reason });
  }
  const row = await storeCharge(work, {
    id,
    invoiceId,
    gateway: gateway.name,
    method: 'card',
    amountCents: amount,
    status: 'authorized',
    externalId: result.externalId,
    details: { brand: result.brand, last4: result.last4 },
  });
  return chargeView(row);
}

async function lockCharge(work: Work, chargeId: string) {
  const [row] = await work.tx
    .select()
    .from(paymentCharges)
    .where(and(eq(paymentCharges.tenantId, work.tenantId), eq(paymentCharges.id, chargeId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No charge ${chargeId}.`);
  return row;
}

/** A charge's status change, unsent: its UPDATE and its audit entry. */
function chargeStatusChange(work: Work, chargeId: string, status: string) {
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

async function setChargeStatus(work: Work, chargeId: string, status: string) {
  const { update, audit } = chargeStatusChange(work, chargeId, status);
  const [row] = await update.returning();
  await work.audit(audit);
  return row!;
}

/** Captures an authorised card charge: the money is received and applied to the invoice. */
export async function captureCard(work: Work, chargeId: string) {
  await work.authorize(transactions, 'write');
  const charge = await lockCharge(work, chargeId);
  if (charge.method !== 'card' || charge.status !== 'authorized') {
    throw billingErrors.charge_state(`Charge ${chargeId} is a ${charge.method} charge, ${charge.status}.`);
  }
  await gatewayNamed(charge.gateway).captureCard(charge.externalId, charge.amountCents);
  const payment = await applyPayment(work, {
    invoiceId: charge.invoiceId,
    amountCents: charge.amountCents,
    method: 'card',
    paidOn: isoDay(work.now),
    externalId: charge.externalId,
  });
  return { charge: chargeView(await setChargeStatus(work, chargeId, 'paid')), payment };
}

/** Refunds a captured card charge (the payment is reversed), or voids one only authorised. */
export async function refundCard(work: Work, chargeId: string, reason = 'card refund') {
  await work.authorize(transactions, 'write');
  const charge = await lockCharge(work, chargeId);
  if (charge.method !== 'card' || !['authorized', 'paid'].includes(charge.status)) {
    throw billingErrors.charge_state(`Charge ${chargeId} is a ${charge.method} charge, ${charge.status}.`);
  }
  if (charge.status === 'authorized') return { charge: chargeView(await setChargeStatus(work, chargeId, 'voided')) };
  await gatewayNamed(charge.gateway).refundCard(charge.externalId, charge.amountCents);
  const payment = await paymentOfCharge(work, charge.invoiceId, charge.externalId);
  const refund = await refundPayment(work, payment, { reason });
  return { charge: chargeView(await setChargeStatus(work, chargeId, 'refunded')), payment: refund };
}

async function paymentOfCharge(work: Work, invoiceId: string, externalId: string): Promise<string> {
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

/**
 * Records a delivered event (`ON CONFLICT DO NOTHING` on its id) and locks its charge, in one statement.
 * The event's insert runs first (an InitPlan, evaluated before the first row is locked), as it would in
 * a statement of its own: a redelivery waits there for the first delivery to end, holding no lock.
 * `first`: this delivery recorded it; `undefined` when the charge is unknown (no row to tell it).
 */
async function recordEventLockingCharge(
  work: Work,
  gateway: string,
  event: { id: string; type: string; chargeExternalId: string },
): Promise<{ first: boolean | undefined; charge: ChargeRow | undefined }> {
  const recorded = work.tx
    .$with('recorded')
    .as(
      work.tx
        .insert(gatewayEvents)
        .values({ tenantId: work.tenantId, gateway, eventId: event.id, type: event.type, payload: event })
        .onConflictDoNothing()
        .returning({ eventId: gatewayEvents.eventId }),
    );
  const [found] = await work.tx
    .with(recorded)
    .select({ first: sql<number>`(SELECT count(*) FROM ${recorded})`.mapWith(Number), charge: paymentCharges })
    .from(paymentCharges)
    .where(
      and(
        eq(paymentCharges.tenantId, work.tenantId),
        eq(paymentCharges.gateway, gateway),
        eq(paymentCharges.externalId, event.chargeExternalId),
      ),
    )
    .for('update');
  return { first: found ? found.first > 0 : undefined, charge: found?.charge };
}

/** A gateway's webhook delivery (raw body as received). Runs as the billing system principal. */
export async function handleWebhook(work: Work, gatewayName: string, rawBody: string, signature: string | undefined) {
  const gateway = gatewayNamed(gatewayName);
  let event;
  try {
    event = gateway.parseWebhook(rawBody, signature, work.now);
  } catch (error) {
    if (error instanceof WebhookRejected) throw billingErrors.webhook_rejected(error.problem);
    throw error;
  }
  const { first, charge } = await recordEventLockingCharge(work, gateway.name, event);
  if (first === false) return { eventId: event.id, duplicate: true, outcome: 'already processed' };
  const recordOutcome = (outcome: { result: string; transactionId?: string }) =>
    work.tx
      .update(gatewayEvents)
      .set({ outcome })
      .where(
        and(
          eq(gatewayEvents.tenantId, work.tenantId),
          eq(gatewayEvents.gateway, gateway.name),
          eq(gatewayEvents.eventId, event.id),
          // Set once, by the delivery that recorded the event (which the unknown-charge case learns here).
          isNull(gatewayEvents.outcome),
        ),
      );
  if (!charge) {
    const recorded = await recordOutcome({ result: 'unknown charge' }).returning({ eventId: gatewayEvents.eventId });
    return { eventId: event.id, duplicate: recorded.length === 0, outcome: 'unknown charge' };
  }
  const outcome = await withBatchedAudits(work, async (batched) => {
    const settled = await settleEvent(batched, charge, event);
    const status = settled.chargeStatus ? chargeStatusChange(batched, charge.id, settled.chargeStatus) : undefined;
    // The charge's new status and the event's outcome in one statement.
    await writeTogether(work.tx, [status?.update, recordOutcome(settled.outcome)]);
    if (status) await batched.audit(status.audit);
    return settled.outcome;
  });
  return { eventId: event.id, duplicate: false, outcome: outcome.result };
}

type ChargeRow = typeof paymentCharges.$inferSelect;

/** What an event does to its (locked) charge: the outcome, and the charge's new status if it changes. */
async function settleEvent(
  work: Work,
  charge: ChargeRow,
  event: { type: string; amountCents: number; occurredAt: string },
): Promise<{ outcome: { result: string; transactionId?: string }; chargeStatus?: string }> {
  const ignored = { outcome: { result: `ignored: charge ${charge.status}` } };
  if (event.type === 'charge.expired') {
    return charge.status === 'pending' ? { outcome: { result: 'expired' }, chargeStatus: 'expired' } : ignored;
  }
  if (event.type === 'charge.refunded') {
    if (charge.status !== 'paid') return ignored;
    const payment = await paymentOfCharge(work, charge.invoiceId, charge.externalId);
    const refund = await refundPayment(work, payment, {
      amountCents: event.amountCents,
      reason: 'refunded at the gateway',
    });
    return { outcome: { result: 'refunded', transactionId: refund.transaction.id }, chargeStatus: 'refunded' };
  }
  // charge.paid: once per charge, whatever the event id; the money actually received is what counts.
  if (charge.status === 'paid' || charge.status === 'refunded') return ignored;
  const paidOn = /^\d{4}-\d{2}-\d{2}/.test(event.occurredAt) ? event.occurredAt.slice(0, 10) : isoDay(work.now);
  const payment = await applyPayment(work, {
    invoiceId: charge.invoiceId,
    amountCents: event.amountCents,
    method: charge.method as 'pix' | 'boleto' | 'card',
    paidOn: paidOn > isoDay(work.now) ? isoDay(work.now) : paidOn,
    externalId: charge.externalId,
  });
  return { outcome: { result: 'settled', transactionId: payment.transaction.id }, chargeStatus: 'paid' };
}
