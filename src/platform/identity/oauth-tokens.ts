/**
 * The client-credentials grant (RFC 6749 §4.4) and token revocation (RFC 7009).
 * Errors are `OAuthError`s: AppErrors (so anything that does not know OAuth still answers a
 * problem document) that the token routes render in RFC 6749's `{error, error_description}` shape.
 */
import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import {
  issueAccessToken,
  looksLikeJwt,
  verifyAccessToken,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
} from '../auth/access-tokens.js';
import { burnVerification, verifySecret } from '../auth/passwords.js';
import { forgetTokenVerdicts } from '../auth/token-verdicts.js';
import { AppError } from '../http/errors.js';
import { oauthClients, revokedTokens } from './tables.js';
import { findClient, resolveScopes } from './oauth-clients.js';
import { signOut } from './sessions.js';
import { nowOf, type ServiceOptions } from './shared.js';

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export class OAuthError extends AppError {
  constructor(
    readonly oauthCode: OAuthErrorCode,
    description: string,
  ) {
    super(
      oauthCode === 'invalid_client' ? 'unauthenticated' : 'bad_request',
      description,
      oauthCode === 'invalid_client'
        ? { headers: { 'www-authenticate': 'Basic realm="schola", charset="UTF-8"' } }
        : {},
    );
  }

  /** RFC 6749 §5.2 body. */
  toOAuthBody(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.oauthCode, error_description: this.detail };
  }
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface TokenOptions extends ServiceOptions {
  ttlSeconds?: number;
  log?: { warn(message: string): void };
}

/**
 * Issues an access token to a client that proves its secret. Requested scopes (space-separated)
 * must be a subset of the granted ones (else invalid_scope); none requested = all granted.
 * Unknown client, revoked client and wrong secret are the same invalid_client, after the same work.
 */
export async function issueClientToken(
  database: Database,
  credentials: { clientId: string; clientSecret: string; scope?: string },
  options: TokenOptions = {},
): Promise<TokenResponse> {
  const now = nowOf(options);
  const client = credentials.clientId.length <= 200 ? await findClient(database, credentials.clientId) : undefined;
  const secretOk = client
    ? await verifySecret(client.secretHash, credentials.clientSecret)
    : (await burnVerification(credentials.clientSecret), false);
  if (!client || !secretOk || client.revokedAt) throw new OAuthError('invalid_client', 'Client authentication failed.');

  let scopes = client.scopes;
  const requested = (credentials.scope ?? '').split(' ').filter(Boolean);
  if (requested.length > 0) {
    let resolved: string[];
    try {
      resolved = resolveScopes(requested);
    } catch {
      throw new OAuthError('invalid_scope', 'The requested scope is unknown.');
    }
    const notGranted = resolved.filter((s) => !client.scopes.includes(s));
    if (notGranted.length > 0)
      throw new OAuthError('invalid_scope', `The client is not granted: ${notGranted.join(' ')}`);
    scopes = resolved;
  }

  const ttlSeconds = options.ttlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const { token } = await issueAccessToken(
    { clientId: client.clientId, tenantId: client.tenantId, scopes, schoolIds: client.schoolIds },
    { now, ttlSeconds, log: options.log },
  );
  await tenantTransaction(database, client.tenantId, async ({ tx }) => {
    await tx
      .update(oauthClients)
      .set({ lastUsedAt: now })
      .where(and(eq(oauthClients.tenantId, client.tenantId), eq(oauthClients.clientId, client.clientId)));
  });
  return { access_token: token, token_type: 'Bearer', expires_in: ttlSeconds, scope: scopes.join(' ') };
}

/**
 * RFC 7009 revocation. Possession of a token is enough to revoke it (revoking only ever takes
 * access away, from whoever holds that token). An access token's `jti` is recorded until the token
 * would have expired; a session token signs that session out. Unknown, malformed or already
 * expired tokens need nothing and are not reported (the route answers 200 in every case).
 */
export async function revokeToken(
  database: Database,
  token: string,
  options: TokenOptions = {},
): Promise<'access_token' | 'session' | 'ignored'> {
  const now = nowOf(options);
  if (looksLikeJwt(token)) {
    const verified = await verifyAccessToken(token, { ignoreExpiry: true, log: options.log });
    if (!verified.ok) return 'ignored';
    const { tid, jti, exp } = verified.claims;
    const expiresAt = new Date(exp * 1000);
    if (expiresAt <= now) return 'ignored';
    await tenantTransaction(database, tid, async ({ tx }) => {
      await tx.insert(revokedTokens).values({ tenantId: tid, jti, expiresAt, revokedAt: now }).onConflictDoNothing();
      // Rows of tokens that have expired anyway are no longer needed: keep the table small.
      await tx.delete(revokedTokens).where(and(eq(revokedTokens.tenantId, tid), lt(revokedTokens.expiresAt, now)));
    });
    forgetTokenVerdicts({ tenantId: tid, jti });
    return 'access_token';
  }
  return (await signOut(database, token, options)) ? 'session' : 'ignored';
}
