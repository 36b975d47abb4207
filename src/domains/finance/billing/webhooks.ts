/**
 * A gateway's webhook deliveries: the event id is the key of finance.gateway_events, inserted
 * `ON CONFLICT DO NOTHING` before anything else, so a redelivered event (also twenty at once) changes
 * nothing; a verified, first-seen event settles, expires or refunds its charge once.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { writeTogether } from '../../../platform/db/write-together.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import { WebhookRejected } from '../gateways/index.js';
import { gatewayEvents, paymentCharges } from '../tables.js';
import { chargeStatusChange, paymentOfCharge, type ChargeRow } from './charge-store.js';
import { billingErrors } from './errors.js';
import { gatewayNamed } from './gateways.js';
import { applyPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { isoDay } from './store.js';

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
