/**
 * Signed webhooks: the notification as JSON, POSTed to the subscription's URL with
 *   Schola-Delivery-Id: <delivery id>          (the same on every attempt: receivers deduplicate)
 *   Schola-Timestamp: <unix seconds>
 *   Schola-Signature: t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>
 * A receiver recomputes the HMAC over the raw body with its secret, compares in constant time and
 * refuses old timestamps (replays). A 2xx answer is delivery; 408, 429 and 5xx are retried, any
 * other 4xx is permanent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PermanentDeliveryError } from './email.js';

export const SIGNATURE_HEADER = 'schola-signature';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** For receivers (and the tests): true when the header signs this body with this secret, recently. */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const fields = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(fields.t);
  if (!Number.isInteger(timestamp) || !fields.v1) return false;
  const age = Math.abs((options.now ?? new Date()).getTime() / 1000 - timestamp);
  if (age > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(fields.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function postWebhook(options: {
  url: string;
  secret: string;
  deliveryId: string;
  body: Record<string, unknown>;
  now?: Date;
  timeoutMs?: number;
}): Promise<string> {
  const body = JSON.stringify(options.body);
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Schola-Webhooks/1',
      'schola-delivery-id': options.deliveryId,
      'schola-timestamp': String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  await response.body?.cancel();
  if (response.ok) return `HTTP ${response.status}`;
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
  const message = `the webhook answered HTTP ${response.status}`;
  throw retryable ? new Error(message) : new PermanentDeliveryError(message);
}
