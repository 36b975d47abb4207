/**
 * Gateway charges: a PIX code (copy-and-paste BR Code and QR, valid 30 minutes), a boleto (line and
 * barcode), a card authorised then captured (or voided) and refunded. Money reaches the invoice only
 * through `applyPayment` — on a card capture, or on a verified, first-seen webhook event (webhooks.ts).
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { SIMULATOR, type ChargeRequest } from '../gateways/index.js';
import { invoiceAdjustments, paymentCharges, transactions } from '../tables.js';
import { lockCharge, paymentOfCharge, setChargeStatus, storeCharge } from './charge-store.js';
import { billingErrors } from './errors.js';
import { gatewayNamed } from './gateways.js';
import { applyPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { assertFamilyInvoice, chargeView } from './queries.js';
import { BILLING_RULES, earlyPaymentApplies, lateCharges, percentOf } from './rules.js';
import { cardAuthorizeInput } from './schemas.js';
import { assertOpen, isoDay, lockInvoice, newId, type InvoiceRow } from './store.js';

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
