/**
 * The OpenAPI description of the sign-in and OAuth endpoints (routes.ts serves them by hand: form
 * bodies, OAuth error bodies, rate limits). Declared once here so /openapi.json and /docs show how to
 * get a session or a token and try a call.
 */
import { z } from 'zod';
import type { DocumentedOperation } from '../http/operations.js';
import { meResult, passwordResetInput, passwordResetRequestInput, signInInput, signInResult } from './schemas.js';

const TAGS = ['sign-in and tokens'];
/** The web app's client is generated from the people-facing ones (npm run web:api). */
const PEOPLE_TAGS = ['identity'];
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
const FORM_OR_JSON = ['application/x-www-form-urlencoded', 'application/json'];

export const IDENTITY_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'POST',
    url: '/auth/sign-in',
    summary: 'Sign in with e-mail and password',
    description: 'Sets the httpOnly session cookie and returns the same token for API use.',
    tags: PEOPLE_TAGS,
    body: signInInput,
    response: { status: 200, description: 'The account and its session', schema: signInResult },
    errors: ['unauthenticated', 'forbidden', 'rate_limited'],
    public: true,
  },
  {
    method: 'POST',
    url: '/auth/sign-out',
    summary: 'Sign out (ends the session; idempotent)',
    tags: PEOPLE_TAGS,
    response: { status: 204, description: 'Signed out' },
    public: true,
  },
  {
    method: 'GET',
    url: '/auth/me',
    summary: 'Who is signed in',
    tags: PEOPLE_TAGS,
    response: { status: 200, description: 'The principal, and the account and tenant of a person', schema: meResult },
  },
  {
    method: 'POST',
    url: '/auth/password-reset/request',
    summary: 'Ask for a password-reset link',
    description: 'Answers the same whether or not the address has an account.',
    tags: PEOPLE_TAGS,
    body: passwordResetRequestInput,
    response: { status: 202, description: 'Accepted', schema: z.object({ status: z.string(), detail: z.string() }) },
    errors: ['rate_limited'],
    public: true,
  },
  {
    method: 'POST',
    url: '/auth/password-reset',
    summary: 'Set a new password with a reset token',
    tags: PEOPLE_TAGS,
    body: passwordResetInput,
    response: { status: 204, description: 'Password changed; every session ended' },
    errors: ['rate_limited'],
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
