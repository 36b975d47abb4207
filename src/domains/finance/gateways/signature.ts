/**
 * Gateway webhook signatures: header `Schola-Gateway-Signature: t=<unix seconds>,v1=<hex>` where
 * v1 = HMAC-SHA256(secret, `${t}.${raw body}`). Verified over the raw bytes received, in constant
 * time, and only within TOLERANCE_SECONDS of the receiver's clock (replays of old deliveries fail).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const GATEWAY_SIGNATURE_HEADER = 'schola-gateway-signature';
export const TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, rawBody: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

export type SignatureProblem = 'missing' | 'malformed' | 'expired' | 'mismatch';

/** null when the signature is good; otherwise what is wrong with it. */
export function verifySignature(
  secret: string,
  rawBody: string,
  header: string | undefined,
  now: Date,
): SignatureProblem | null {
  if (!header) return 'missing';
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const [k, ...v] = p.trim().split('=');
      return [k, v.join('=')];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return 'malformed';
  if (Math.abs(now.getTime() / 1000 - t) > TOLERANCE_SECONDS) return 'expired';
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex')) ? null : 'mismatch';
}
