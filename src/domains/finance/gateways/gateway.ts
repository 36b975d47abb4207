/**
 * The payment gateway interface the billing service talks to, and the gateways Schola knows. A
 * gateway creates charges (PIX, boleto, card) and later tells the school what happened by a signed
 * webhook; the billing service settles invoices only from verified, first-seen events.
 */
import type { Boleto } from './boleto.js';

export interface ChargeRequest {
  /** Our charge id (also the PIX txid / boleto our-number source). */
  chargeId: string;
  amountCents: number;
  dueDate: string;
  description: string;
  payerName: string;
  merchant: { name: string; city: string; pixKey: string };
}

export interface PixCharge {
  externalId: string;
  copyPaste: string;
  qrDataUrl: string;
  expiresAt: Date;
}

export interface BoletoCharge extends Boleto {
  externalId: string;
}

export type CardResult =
  { approved: true; externalId: string; brand: string; last4: string } | { approved: false; reason: string };

/** A normalised webhook event, once its signature is verified. */
export interface GatewayEvent {
  id: string;
  type: 'charge.paid' | 'charge.refunded' | 'charge.expired';
  /** The gateway's charge id (`payment_charges.external_id`). */
  chargeExternalId: string;
  amountCents: number;
  occurredAt: string;
}

export interface PaymentGateway {
  readonly name: string;
  createPix(request: ChargeRequest, now: Date): Promise<PixCharge>;
  createBoleto(request: ChargeRequest): Promise<BoletoCharge>;
  authorizeCard(request: ChargeRequest, card: { number: string }): Promise<CardResult>;
  captureCard(externalId: string, amountCents: number): Promise<{ captured: boolean }>;
  refundCard(externalId: string, amountCents: number): Promise<{ refunded: boolean }>;
  /** Verifies the signature over the raw body and reads the event (throws `WebhookRejected`). */
  parseWebhook(rawBody: string, signatureHeader: string | undefined, now: Date): GatewayEvent;
}

export class WebhookRejected extends Error {
  constructor(readonly problem: string) {
    super(`webhook rejected: ${problem}`);
  }
}
