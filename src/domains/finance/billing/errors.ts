/** Billing's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const billingErrors = defineErrors({
  no_tuition_product: { status: 409, title: 'No active monthly tuition product' },
  invoice_cancelled: { status: 409, title: 'Invoice cancelled' },
  invoice_not_billable: { status: 409, title: 'Invoice has no billing amounts' },
  invoice_settled: { status: 409, title: 'Invoice already paid' },
  refund_exceeds_payment: { status: 409, title: 'Refund larger than what is left of the payment' },
  charge_state: { status: 409, title: 'Charge cannot do that in its current state' },
  card_declined: { status: 402, title: 'Card declined' },
  webhook_rejected: { status: 401, title: 'Webhook signature not valid' },
  unknown_gateway: { status: 404, title: 'Unknown payment gateway' },
});

export const BILLING_ERROR_CODES = Object.keys(billingErrors);
