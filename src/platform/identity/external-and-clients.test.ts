/**
 * The identity service beyond passwords: external identities (sign-in by issuer and subject once linked),
 * OAuth clients (scopes checked against the known list) and the client-credentials grant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAccessToken, KNOWN_SCOPES } from '../auth/access-tokens.js';
import type { TestDatabase } from '../../../test/support/db.js';
import { identityTenant, PASSWORD, refusal, TENANT } from '../../../test/support/identity-service.js';
import {
  createAccount,
  createClient,
  issueClientToken,
  linkExternalIdentity,
  OAuthError,
  revokeClient,
  signIn,
  signInExternal,
} from './service.js';

let database: TestDatabase;
let tenantId: string;

beforeAll(async () => {
  ({ database, tenantId } = await identityTenant());
});
afterAll(() => database.dispose());

describe('external identities', () => {
  it('signs in by (issuer, subject) once linked, and only then', async () => {
    const account = await createAccount(database, tenantId, { email: 'sso@example.org', roles: ['finance'] });
    const issuer = 'https://clerk.example.com';
    await expect(signInExternal(database, TENANT, issuer, 'user_2abc')).rejects.toMatchObject({ status: 401 });
    await linkExternalIdentity(database, tenantId, account.id, { issuer, subject: 'user_2abc' });
    const result = await signInExternal(database, TENANT, issuer, 'user_2abc');
    expect(result.account.id).toBe(account.id);
    await expect(signInExternal(database, TENANT, 'https://other.example.com', 'user_2abc')).rejects.toMatchObject({
      status: 401,
    });
    // No password: password sign-in answers like an unknown account.
    expect(
      (await refusal(signIn(database, { tenant: TENANT, email: 'sso@example.org', password: PASSWORD }))).detail,
    ).toBe('email or password is incorrect');
    const bad = await refusal(
      linkExternalIdentity(database, tenantId, account.id, { issuer: 'not a url', subject: 'x' }),
    );
    expect(Object.keys(bad.extras.validationErrors!)).toEqual(['issuer']);
  });
});

describe('OAuth clients', () => {
  it('validates scopes against the OneRoster 1.2 and Ed-Fi list (short names allowed)', async () => {
    expect(KNOWN_SCOPES).toHaveLength(15);
    const client = await createClient(database, tenantId, {
      name: 'Reader',
      scopes: ['roster-core.readonly', 'https://schola.dev/scope/edfi.readonly'],
      schoolIds: [255901001],
    });
    expect(client.scopes).toEqual([
      'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly',
      'https://schola.dev/scope/edfi.readonly',
    ]);
    expect(client.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const e = await refusal(
      createClient(database, tenantId, { name: 'Bad', scopes: ['roster.readonly', 'admin.everything'] }),
    );
    expect(e.extras.validationErrors).toEqual({ scopes: ['unknown scope "admin.everything"'] });
    // An empty school list is refused rather than read as "the whole tenant".
    const empty = await refusal(createClient(database, tenantId, { name: 'Empty', scopes: 'all', schoolIds: [] }));
    expect(Object.keys(empty.extras.validationErrors!)).toEqual(['schoolIds']);
  });

  it('issues tokens for subsets of the granted scopes only; wrong secret and revoked client are invalid_client', async () => {
    const client = await createClient(database, tenantId, {
      name: 'Gradebook',
      scopes: ['roster.readonly', 'gradebook.readonly'],
    });
    const creds = { clientId: client.clientId, clientSecret: client.clientSecret };
    const all = await issueClientToken(database, creds);
    expect(all.scope.split(' ')).toHaveLength(2);
    const verified = await verifyAccessToken(all.access_token);
    expect(verified.ok && verified.claims).toMatchObject({
      sub: client.clientId,
      tid: tenantId,
      exp: expect.any(Number),
    });
    expect(verified.ok && verified.claims.school_ids).toBeUndefined();
    const one = await issueClientToken(database, {
      ...creds,
      scope: 'https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly',
    });
    expect(one.scope).toBe('https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly');

    const tooMuch = await refusal(issueClientToken(database, { ...creds, scope: 'roster.readonly gradebook.delete' }));
    expect(tooMuch).toBeInstanceOf(OAuthError);
    expect([(tooMuch as OAuthError).oauthCode, tooMuch.status]).toEqual(['invalid_scope', 400]);
    const wrong = await refusal(issueClientToken(database, { ...creds, clientSecret: 'x'.repeat(43) }));
    expect([(wrong as OAuthError).oauthCode, wrong.status]).toEqual(['invalid_client', 401]);
    const unknown = await refusal(issueClientToken(database, { clientId: 'nope', clientSecret: 'x' }));
    expect((unknown as OAuthError).toOAuthBody()).toEqual((wrong as OAuthError).toOAuthBody());

    expect(await revokeClient(database, client.clientId)).toBe(true);
    expect(await revokeClient(database, client.clientId)).toBe(false);
    expect(((await refusal(issueClientToken(database, creds))) as OAuthError).oauthCode).toBe('invalid_client');
  });
});
