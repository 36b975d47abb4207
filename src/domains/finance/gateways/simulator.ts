/**
 * The local simulator gateway (default set-up and tests): real PIX BR Codes with their QR image, real
 * boleto lines and barcodes, and simulated card authorise / capture / refund (test cards in card.ts).
 * Nothing leaves the machine; "the bank" is whoever signs a webhook with the simulator's secret
 * (`simulatorEvent` builds one, as the gateway would).
 */
import { createHash, randomUUID } from 'node:crypto';
import { makeBoleto } from './boleto.js';
import { cardBrand, luhnValid, simulatedCardOutcome } from './card.js';
import { WebhookRejected, type GatewayEvent, type PaymentGateway } from './gateway.js';
import { pixPayload, pixQrDataUrl } from './pix.js';
import { signPayload, verifySignature } from './signature.js';

export const SIMULATOR = 'simulator';
/** The simulator's webhook secret unless SCHOLA_BILLING_WEBHOOK_SECRET is set. */
export const DEFAULT_SIMULATOR_SECRET = 'schola-simulator-webhook-secret';
const PIX_MINUTES = 30;
/** The simulator's "bank" for boletos (a private-range code). */
const SIMULATOR_BANK = '999';

const txidOf = (chargeId: string) => chargeId.replace(/[^A-Za-z0-9]/g, '').slice(-25);
const digitsOf = (text: string, length: number) =>
  BigInt(`0x${createHash('sha256').update(text).digest('hex')}`)
    .toString()
    .slice(0, length)
    .padStart(length, '0');

export function simulatorGateway(secret: string = DEFAULT_SIMULATOR_SECRET): PaymentGateway {
  return {
    name: SIMULATOR,
    async createPix(request, now) {
      const externalId = txidOf(request.chargeId);
      const copyPaste = pixPayload({
        key: request.merchant.pixKey,
        amountCents: request.amountCents,
        merchantName: request.merchant.name,
        merchantCity: request.merchant.city,
        txid: externalId,
      });
      return {
        externalId,
        copyPaste,
        qrDataUrl: await pixQrDataUrl(copyPaste),
        expiresAt: new Date(now.getTime() + PIX_MINUTES * 60_000),
      };
    },
    async createBoleto(request) {
      const boleto = makeBoleto({
        bank: SIMULATOR_BANK,
        dueDate: request.dueDate,
        amountCents: request.amountCents,
        freeField: digitsOf(request.chargeId, 25),
      });
      return { ...boleto, externalId: boleto.barcode.slice(19) };
    },
    async authorizeCard(_request, card) {
      if (!luhnValid(card.number)) return { approved: false, reason: 'invalid_number' };
      const outcome = simulatedCardOutcome(card.number);
      if (outcome !== 'approved') return { approved: false, reason: outcome };
      const digits = card.number.replace(/\D/g, '');
      return { approved: true, externalId: `card_${randomUUID()}`, brand: cardBrand(digits), last4: digits.slice(-4) };
    },
    async captureCard() {
      return { captured: true };
    },
    async refundCard() {
      return { refunded: true };
    },
    parseWebhook(rawBody, header, now) {
      const problem = verifySignature(secret, rawBody, header, now);
      if (problem) throw new WebhookRejected(`signature ${problem}`);
      let event: Partial<GatewayEvent>;
      try {
        event = JSON.parse(rawBody) as Partial<GatewayEvent>;
      } catch {
        throw new WebhookRejected('body is not JSON');
      }
      const okType =
        event.type === 'charge.paid' || event.type === 'charge.refunded' || event.type === 'charge.expired';
      if (
        typeof event.id !== 'string' ||
        !event.id ||
        event.id.length > 200 ||
        !okType ||
        typeof event.chargeExternalId !== 'string' ||
        !Number.isSafeInteger(event.amountCents) ||
        (event.amountCents ?? 0) <= 0
      ) {
        throw new WebhookRejected('event is missing id, type, chargeExternalId or a positive amountCents');
      }
      return {
        id: event.id,
        type: event.type!,
        chargeExternalId: event.chargeExternalId,
        amountCents: event.amountCents!,
        occurredAt: typeof event.occurredAt === 'string' ? event.occurredAt : now.toISOString(),
      };
    },
  };
}

/** A webhook delivery as the simulator's bank sends it: the raw body and its signature header. */
export function simulatorEvent(
  event: Omit<GatewayEvent, 'occurredAt'> & { occurredAt?: string },
  at: Date = new Date(),
  secret: string = DEFAULT_SIMULATOR_SECRET,
): { body: string; signature: string } {
  const body = JSON.stringify({ occurredAt: at.toISOString(), ...event });
  return { body, signature: signPayload(secret, body, at) };
}
