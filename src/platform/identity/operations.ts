/**
 * The OpenAPI description of the sign-in and OAuth endpoints (routes.ts serves them by hand: form
 * bodies, OAuth error bodies, rate limits). Declared once here so /openapi.json and /docs show how to
 * get a session or a token and try a call.
 */
import { z } from 'zod';
import type { DocumentedOperation } from '../http/operations.js';

const TAGS = ['sign-in and tokens'];
const credentials = z.object({
  tenant: z.string().describe('tenant slug, e.g. demo-district'),
  email: z.string(),
  password: z.string(),
});
const signedIn = z.object({
  account: z.object({ id: z.string(), email: z.string(), roles: z.array(z.string()) }).loose(),
  expiresAt: z.string().describe('ISO 8601 date-time'),
  sessionToken: z.string().describe('use as `Authorization: Bearer …`; also set as the httpOnly cookie schola_session'),
});
const tokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().optional().describe('or HTTP Basic authentication'),
  client_secret: z.string().optional().describe('or HTTP Basic authentication'),
  scope: z.string().optional().describe('space-separated scopes (a subset of those granted); default all granted'),
});
const token = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
const tenantEmail = z.object({ tenant: z.string(), email: z.string() });
const reset = z.object({ tenant: z.string(), token: z.string(), password: z.string() });
const FORM_OR_JSON = ['application/x-www-form-urlencoded', 'application/json'];

export const IDENTITY_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'POST',
    url: '/auth/sign-in',
    summary: 'Sign in with e-mail and password (a session)',
    description: 'Rate limited: 10 per minute per IP and tenant. Repeated failures lock the account for a while.',
    tags: TAGS,
    body: credentials,
    response: { status: 200, description: 'Signed in', schema: signedIn },
    errors: ['unauthenticated', 'forbidden', 'rate_limited'],
    public: true,
  },
  {
    method: 'POST',
    url: '/auth/sign-out',
    summary: 'Sign out (ends the session; idempotent)',
    tags: TAGS,
    response: { status: 204, description: 'Signed out' },
    public: true,
  },
  {
    method: 'GET',
    url: '/auth/me',
    summary: 'Who the caller is: principal (roles, scopes, schools) and account',
    tags: TAGS,
    response: { status: 200, description: 'The caller' },
    errors: ['unauthenticated'],
  },
  {
    method: 'POST',
    url: '/auth/password-reset/request',
    summary: 'Ask for a password-reset token (sent to the address; the answer never says whether it exists)',
    tags: TAGS,
    body: tenantEmail,
    response: { status: 202, description: 'Accepted' },
    errors: ['rate_limited'],
    public: true,
  },
  {
    method: 'POST',
    url: '/auth/password-reset',
    summary: 'Set a new password with a reset token (single use)',
    tags: TAGS,
    body: reset,
    response: { status: 204, description: 'Password changed' },
    errors: ['bad_request', 'rate_limited'],
    public: true,
  },
  {
    method: 'POST',
    url: '/oauth/token',
    summary: 'OAuth 2.0 client credentials: get an access token (RFC 6749 §4.4)',
    description:
      'Authenticate the client with HTTP Basic or client_id/client_secret in the body. Errors are OAuth error ' +
      'bodies (`{"error": "invalid_client", …}`). The Authorize button of this page runs this flow.',
    tags: TAGS,
    body: tokenRequest,
    bodyTypes: FORM_OR_JSON,
    response: { status: 200, description: 'An access token', schema: token },
    public: true,
  },
  {
    method: 'POST',
    url: '/oauth/revoke',
    summary: 'Revoke an access token or a session token (RFC 7009; 200 whatever the token)',
    tags: TAGS,
    body: z.object({ token: z.string(), token_type_hint: z.string().optional() }),
    bodyTypes: FORM_OR_JSON,
    response: { status: 200, description: 'Revoked, or nothing to revoke' },
    public: true,
  },
];
