/**
 * Identity over HTTP: people sign in (`/auth/*`, session cookie + bearer session token) and systems
 * sign in (`/oauth/token`, `/oauth/revoke`, RFC 6749 client credentials and RFC 7009). Needs the
 * `authentication` plugin in the same app (for /auth/me); the order of the two does not matter.
 *
 * Rate limits (per route, in memory per process — a cluster needs a shared store):
 *   sign-in 10/minute per IP and tenant slug; password-reset request and reset 10/minute per IP;
 *   token and revoke 60/minute per IP → 429 problem+json with Retry-After.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf, withTenant } from '../auth/request.js';
import { SESSION_COOKIE, bearerToken, ensureCookieSupport, sessionCookieOptions } from '../auth/authenticate.js';
import { AppError } from '../http/errors.js';
import { and, eq } from 'drizzle-orm';
import { accounts, externalIdentities, oauthClients } from './tables.js';
import { tenants } from '../tenancy/tables.js';
import { accountView, requestPasswordReset, resetPassword, signIn, signOut, type ResetDelivery } from './service.js';
import { OAuthError, issueClientToken, revokeToken } from './oauth-tokens.js';
import { IDENTITY_OPERATIONS } from './operations.js';

interface Limit {
  max: number;
  timeWindowMs: number;
}

export interface IdentityRoutesOptions {
  /** The clock (tests move it). */
  now?: () => Date;
  /**
   * Where password-reset tokens go — the future mailer. Without it the token is dropped: it is never
   * put in the response or the log.
   */
  deliverResetToken?: (delivery: ResetDelivery) => void | Promise<void>;
  rateLimits?: Partial<Record<'signIn' | 'passwordReset' | 'token', Limit>>;
  accessTokenTtlSeconds?: number;
}

const MINUTE = 60_000;
const DEFAULT_LIMITS = {
  signIn: { max: 10, timeWindowMs: MINUTE },
  passwordReset: { max: 10, timeWindowMs: MINUTE },
  token: { max: 60, timeWindowMs: MINUTE },
};

function bodyField(body: unknown, field: string): string | undefined {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Client credentials from HTTP Basic or the body (RFC 6749 §2.3.1) — one method, not both. */
function clientCredentials(request: FastifyRequest): { clientId: string; clientSecret: string } {
  const body = request.body;
  const header = request.headers.authorization;
  const basic = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (basic) {
    if (bodyField(body, 'client_secret') !== undefined)
      throw new OAuthError('invalid_request', 'Use one client authentication method: HTTP Basic or the request body.');
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Client authentication failed.');
    try {
      const unform = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
      return { clientId: unform(decoded.slice(0, colon)), clientSecret: unform(decoded.slice(colon + 1)) };
    } catch {
      throw new OAuthError('invalid_client', 'Client authentication failed.');
    }
  }
  const clientId = bodyField(body, 'client_id');
  const clientSecret = bodyField(body, 'client_secret');
  if (!clientId || !clientSecret)
    throw new OAuthError(
      'invalid_client',
      'Client authentication failed: send client_id and client_secret (HTTP Basic or body).',
    );
  return { clientId, clientSecret };
}

function oauthParameters(body: unknown, names: string[]): void {
  if (typeof body !== 'object' || body === null)
    throw new OAuthError('invalid_request', 'The request body must be form-encoded or JSON parameters.');
  for (const name of names) {
    const value = (body as Record<string, unknown>)[name];
    if (value !== undefined && typeof value !== 'string')
      throw new OAuthError('invalid_request', `The parameter ${name} must be given once, as a string.`);
  }
}

function sendOAuthError(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof OAuthError)) throw error;
  for (const [name, value] of Object.entries(error.extras.headers ?? {})) reply.header(name, value);
  return reply.status(error.status).type('application/json').send(error.toOAuthBody());
}

function rateLimitConfig(limit: Limit, keyGenerator?: (request: FastifyRequest) => string) {
  return {
    rateLimit: {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      ...(keyGenerator ? { keyGenerator, hook: 'preHandler' as const } : {}),
    },
  };
}

export async function identityRoutes(app: FastifyInstance, options: IdentityRoutesOptions = {}): Promise<void> {
  await ensureCookieSupport(app);
  app.operations.push(...IDENTITY_OPERATIONS);
  const now = options.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...options.rateLimits };

  // Encapsulated: the form parser and the rate limiter apply to these routes only.
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many requests; retry in ${context.after}.`, {
          headers: { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
        }),
    });
    // RFC 6749 requires form-encoded token requests. A repeated parameter becomes an array,
    // which the OAuth routes refuse (parameters must not repeat).
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      const params: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        const previous = params[key];
        params[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
      }
      done(null, params);
    });

    const signInKey = (request: FastifyRequest) =>
      `${request.ip}|${(bodyField(request.body, 'tenant') ?? '').trim().toLowerCase().slice(0, 63)}`;

    scope.post('/auth/sign-in', { config: rateLimitConfig(limits.signIn, signInKey) }, async (request, reply) => {
      const result = await signIn(app.database, request.body, {
        now,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(result.expiresAt));
      reply.header('cache-control', 'no-store');
      return { account: result.account, expiresAt: result.expiresAt.toISOString(), sessionToken: result.sessionToken };
    });

    // Idempotent: signing out without a session (or twice) is fine.
    scope.post('/auth/sign-out', async (request, reply) => {
      const token = bearerToken(request) || request.cookies[SESSION_COOKIE];
      if (token) await signOut(app.database, token, { now });
      const { expires: _expires, ...attributes } = sessionCookieOptions(new Date(0));
      reply.clearCookie(SESSION_COOKIE, attributes);
      return reply.status(204).send();
    });

    scope.get('/auth/me', async (request) => {
      const principal = principalOf(request);
      const { kind, tenantId, actorId, roles, scopes, schoolIds } = principal;
      const account =
        kind === 'user'
          ? await withTenant(request, async ({ tx }) => {
              const [row] = await tx
                .select()
                .from(accounts)
                .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, actorId)));
              const [tenant] = await tx
                .select({ slug: tenants.slug, name: tenants.name, kind: tenants.kind })
                .from(tenants)
                .where(eq(tenants.id, tenantId));
              return row ? { account: accountView(row), tenant } : undefined;
            })
          : undefined;
      return {
        principal: { kind, tenantId, actorId, roles, scopes, schoolIds: schoolIds ?? null },
        ...(account ?? {}),
      };
    });

    scope.post(
      '/auth/password-reset/request',
      { config: rateLimitConfig(limits.passwordReset) },
      async (request, reply) => {
        const delivery = await requestPasswordReset(app.database, request.body, { now });
        if (delivery && options.deliverResetToken) {
          try {
            await options.deliverResetToken(delivery);
          } catch {
            // The answer must not depend on whether the address exists; the failure is logged bare.
            request.log.error('password-reset delivery failed');
          }
        }
        return reply
          .status(202)
          .send({ status: 'accepted', detail: 'If the address has an account, a reset link is on its way.' });
      },
    );

    scope.post('/auth/password-reset', { config: rateLimitConfig(limits.passwordReset) }, async (request, reply) => {
      await resetPassword(app.database, request.body, { now });
      return reply.status(204).send();
    });

    scope.post('/oauth/token', { config: rateLimitConfig(limits.token) }, async (request, reply) => {
      reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
      try {
        oauthParameters(request.body, ['grant_type', 'client_id', 'client_secret', 'scope']);
        const grantType = bodyField(request.body, 'grant_type');
        if (!grantType) throw new OAuthError('invalid_request', 'The parameter grant_type is required.');
        if (grantType !== 'client_credentials')
          throw new OAuthError('unsupported_grant_type', 'Only the client_credentials grant is supported.');
        const credentials = clientCredentials(request);
        return await issueClientToken(
          app.database,
          { ...credentials, scope: bodyField(request.body, 'scope') },
          { now, ttlSeconds: options.accessTokenTtlSeconds, log: request.log },
        );
      } catch (error) {
        return sendOAuthError(reply, error);
      }
    });

    // RFC 7009: 200 whether or not the token was known, valid or already revoked.
    scope.post('/oauth/revoke', { config: rateLimitConfig(limits.token) }, async (request, reply) => {
      try {
        oauthParameters(request.body, ['token', 'token_type_hint']);
        const token = bodyField(request.body, 'token');
        if (!token) throw new OAuthError('invalid_request', 'The parameter token is required.');
        await revokeToken(app.database, token, { now, log: request.log });
        return reply.status(200).send();
      } catch (error) {
        return sendOAuthError(reply, error);
      }
    });
  });
}

/** Accounts and clients are created and changed by the identity service alone (hashes, lockouts, links). */
export const identityOwnership = {
  name: 'identity',
  owns: [
    { table: accounts, writeVia: ['schola accounts create (CLI)', 'POST /auth/password-reset'] },
    { table: oauthClients, writeVia: ['schola clients create | revoke (CLI)', 'POST /oauth/revoke'] },
    { table: externalIdentities, writeVia: ['the identity service (linking an external sign-in)'] },
  ],
};
