/**
 * Whether an access token is still usable (not revoked, client active), remembered for
 * TOKEN_VERDICT_TTL_MS: the check would otherwise cost a transaction on every request. A revocation
 * made by this process takes effect at once (forgetTokenVerdicts); one made by another process
 * (the CLI, another server) within the TTL. Read through `getOrLoad` with refresh-ahead: a busy token's
 * verdict is renewed by one background check before it expires, so its requests never all stop at
 * once to re-check it (they did, every TTL, and that pile-up was the by-id p99 in bench/oneroster).
 */
import { TtlCache } from '../cache/ttl-cache.js';

export const TOKEN_VERDICT_TTL_MS = 2000;
export const tokenVerdicts = new TtlCache<string, boolean>(TOKEN_VERDICT_TTL_MS);
export const tokenKey = (tenantId: string, clientId: string, jti: string) => [tenantId, clientId, jti].join('\u0000');

/** Forget cached verdicts: of one token (jti), or of every token of a client. */
export function forgetTokenVerdicts(which: { tenantId: string; jti: string } | { clientId: string }): void {
  if ('jti' in which)
    tokenVerdicts.deleteWhere((key) => key.startsWith(`${which.tenantId}\u0000`) && key.endsWith(`\u0000${which.jti}`));
  else tokenVerdicts.deleteWhere((key) => key.split('\u0000')[1] === which.clientId);
}
