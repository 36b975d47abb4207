/**
 * Identity over HTTP, built as the server builds it: [security, authentication, identityRoutes].
 * Session cookie and bearer session tokens, /auth/me, password reset, the OAuth token and
 * revocation endpoints (RFC 6749/7009 shapes). Plugin order, rate limits, security headers and CORS:
 * http-hardening.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/db.js';
import {
  basic,
  form,
  identityHttp,
  json,
  PASSWORD,
  TENANT,
  type IdentityHttp,
} from '../../../test/support/identity-http.js';
import { createAccount, issueClientToken, type ResetDelivery } from './service.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

let h: IdentityHttp;
let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let client: { clientId: string; clientSecret: string };
let deliveries: ResetDelivery[];

async function signInBody(email = 'admin@routes.example', password = PASSWORD) {
  return app.inject({ method: 'POST', url: '/auth/sign-in', ...json({ tenant: TENANT, email, password }) });
}

beforeAll(async () => {
  h = await identityHttp();
  ({ database, app, tenantId, client, deliveries } = h);
});
afterAll(async () => {
  await h?.dispose();
});

describe('people sign in', () => {
  it('sets an httpOnly SameSite=Lax session cookie (Path=/, not Secure outside production) and returns the token', async () => {
    const res = await signInBody();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.account).toMatchObject({ email: 'admin@routes.example', roles: ['district_admin'] });
    expect(body.account.passwordHash).toBeUndefined();
    const cookie = res.cookies.find((c) => c.name === 'schola_session')!;
    expect(cookie.value).toBe(body.sessionToken);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    // Cookie dates have whole seconds.
    expect(Math.abs(new Date(cookie.expires as Date).getTime() - new Date(body.expiresAt).getTime())).toBeLessThan(
      1000,
    );
    expect(res.headers['cache-control']).toBe('no-store');

    const me = await app.inject({ url: '/auth/me', cookies: { schola_session: body.sessionToken } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      principal: { kind: 'user', tenantId, roles: ['district_admin'], schoolIds: null },
      account: { email: 'admin@routes.example' },
    });
  });

  it("tells a student's web app which Ed-Fi student they are (their own grades need it)", async () => {
    await createAccount(database, tenantId, {
      email: 'student@routes.example',
      roles: ['student'],
      schoolIds: [11],
      edfiStudentUsi: 4242,
      password: PASSWORD,
    });
    const { sessionToken } = (await signInBody('student@routes.example')).json();
    const me = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${sessionToken}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.person).toEqual({ edfiStudentUSI: 4242 });
    const { sessionToken: adminToken } = (await signInBody()).json();
    const adminMe = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${adminToken}` } });
    expect(adminMe.json().account.person).toEqual({});
  });

  it('accepts the session token as a bearer token, and sign-out revokes it', async () => {
    const { sessionToken } = (await signInBody()).json();
    const me = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${sessionToken}` } });
    expect(me.statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/auth/sign-out', cookies: { schola_session: sessionToken } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'schola_session')?.value).toBe('');
    expect((await app.inject({ url: '/auth/me', cookies: { schola_session: sessionToken } })).statusCode).toBe(401);
    const bearer = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${sessionToken}` } });
    expect(bearer.statusCode).toBe(401);
    expect(bearer.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('answers /auth/me 401 without credentials and for a malformed bearer token', async () => {
    const anonymous = await app.inject({ url: '/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(anonymous.json().code).toBe('unauthenticated');
    const garbage = await app.inject({ url: '/auth/me', headers: { authorization: 'Bearer not-a-token' } });
    expect(garbage.statusCode).toBe(401);
    expect(garbage.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('answers a wrong password and an unknown e-mail with the same 401 problem', async () => {
    const wrong = await signInBody('admin@routes.example', 'wrong password 99');
    const unknown = await signInBody('ghost@routes.example', 'wrong password 99');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().detail).toBe('email or password is incorrect');
    expect(wrong.cookies).toEqual([]);
  });

  it('password reset: 202 whatever the address, the delivered token resets once', async () => {
    const ask = (email: string) =>
      app.inject({ method: 'POST', url: '/auth/password-reset/request', ...json({ tenant: TENANT, email }) });
    const unknown = await ask('ghost@routes.example');
    const known = await ask('reset@routes.example');
    expect([unknown.statusCode, known.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    expect(known.body).not.toContain(deliveries[0]?.token ?? '?');
    expect(deliveries).toHaveLength(1);
    const reset = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/auth/password-reset',
        ...json({ tenant: TENANT, token: deliveries[0]!.token, password }),
      });
    expect((await reset('x')).json().validationErrors).toHaveProperty('password');
    expect((await reset('a new passphrase 42')).statusCode).toBe(204);
    expect((await reset('another passphrase 43')).statusCode).toBe(400);
    expect((await signInBody('reset@routes.example', 'a new passphrase 42')).statusCode).toBe(200);
  });
});

describe('systems sign in (OAuth 2.0 client credentials)', () => {
  const token = (payload: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload,
    });

  it('issues a bearer token with HTTP Basic + form body, and with credentials in a JSON body', async () => {
    const res = await token(form({ grant_type: 'client_credentials' }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: `${OR}roster.readonly ${OR}roster-core.readonly`,
    });
    const me = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${body.access_token}` } });
    expect(me.json().principal).toMatchObject({
      kind: 'client',
      actorId: client.clientId,
      tenantId,
      roles: ['api_client'],
      schoolIds: [11],
    });

    const viaJson = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      ...json({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
        scope: `${OR}roster-core.readonly`,
      }),
    });
    expect(viaJson.json().scope).toBe(`${OR}roster-core.readonly`);
    const viaForm = await token(
      form({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }),
    );
    expect(viaForm.statusCode).toBe(200);
  });

  it('answers RFC 6749 errors: invalid_scope 400, invalid_client 401, unsupported_grant_type 400, invalid_request 400', async () => {
    const scope = await token(form({ grant_type: 'client_credentials', scope: `${OR}gradebook.delete` }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect([scope.statusCode, scope.json().error]).toEqual([400, 'invalid_scope']);
    const wrong = await token(form({ grant_type: 'client_credentials' }), {
      authorization: basic(client.clientId, 'wrong-secret'),
    });
    expect([wrong.statusCode, wrong.json()]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Client authentication failed.' },
    ]);
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic/);
    const grant = await token(form({ grant_type: 'password', username: 'a', password: 'b' }), {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect([grant.statusCode, grant.json().error]).toEqual([400, 'unsupported_grant_type']);
    const missing = await token(form({ client_id: client.clientId }));
    expect([missing.statusCode, missing.json().error]).toEqual([400, 'invalid_request']);
    const twice = await token(`grant_type=client_credentials&scope=a&scope=b`, {
      authorization: basic(client.clientId, client.clientSecret),
    });
    expect([twice.statusCode, twice.json().error]).toEqual([400, 'invalid_request']);
  });

  it('refuses an expired access token and a revoked one with 401 invalid_token', async () => {
    const expired = await issueClientToken(database, client, { now: () => new Date(Date.now() - 2 * 3600_000) });
    const old = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${expired.access_token}` } });
    expect(old.statusCode).toBe(401);
    expect(old.headers['www-authenticate']).toBe('Bearer error="invalid_token"');

    const live = (
      await token(form({ grant_type: 'client_credentials' }), {
        authorization: basic(client.clientId, client.clientSecret),
      })
    ).json().access_token as string;
    expect((await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${live}` } })).statusCode).toBe(200);
    const revoke = await app.inject({
      method: 'POST',
      url: '/oauth/revoke',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ token: live }),
    });
    expect(revoke.statusCode).toBe(200);
    const after = await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${live}` } });
    expect([after.statusCode, after.headers['www-authenticate']]).toEqual([401, 'Bearer error="invalid_token"']);
    // Revoking again, or revoking garbage, is still 200 (RFC 7009 §2.2).
    for (const t of [live, 'garbage']) {
      expect((await app.inject({ method: 'POST', url: '/oauth/revoke', ...json({ token: t }) })).statusCode).toBe(200);
    }
  });

  it('refuses a token whose signature was tampered with or whose algorithm is not HS256', async () => {
    const live = (
      await token(form({ grant_type: 'client_credentials' }), {
        authorization: basic(client.clientId, client.clientSecret),
      })
    ).json().access_token as string;
    const [header, payload, signature] = live.split('.');
    const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`;
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const widened = `${header}.${base64url({ ...claims, school_ids: undefined })}.${signature}`;
    for (const forged of [none, widened]) {
      expect((await app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(
        401,
      );
    }
  });
});
