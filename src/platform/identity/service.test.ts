/**
 * The identity service with an injected clock: password sign-in (failures indistinguishable),
 * lockout and its expiry, password reset (single use, 30-minute expiry, sessions revoked).
 * External identities, OAuth clients and the client-credentials grant: external-and-clients.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionPrincipal } from '../auth/authenticate.js';
import type { TestDatabase } from '../../../test/support/db.js';
import { identityTenant, PASSWORD, refusal, TENANT } from '../../../test/support/identity-service.js';
import {
  createAccount,
  LOCKOUT_MS,
  requestPasswordReset,
  resetPassword,
  RESET_TTL_MS,
  signIn,
  signOut,
} from './service.js';

let database: TestDatabase;
let tenantId: string;

const clock = (start: string) => {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
};

beforeAll(async () => {
  ({ database, tenantId } = await identityTenant());
});
afterAll(() => database.dispose());

describe('password sign-in', () => {
  it('signs in with the right password (e-mail case-insensitive) and the session authenticates', async () => {
    await createAccount(database, tenantId, {
      email: 'Ana@Example.org',
      roles: ['teacher'],
      schoolIds: [7],
      edfiStaffUsi: 42,
      password: PASSWORD,
    });
    const result = await signIn(database, { tenant: TENANT, email: 'ANA@example.org', password: PASSWORD });
    expect(result.account.email).toBe('ana@example.org');
    expect(result.sessionToken).toMatch(new RegExp(`^${tenantId}\\.[A-Za-z0-9_-]{43}$`));
    const principal = await sessionPrincipal(database, result.sessionToken, new Date());
    expect(principal).toMatchObject({
      kind: 'user',
      tenantId,
      roles: ['teacher'],
      schoolIds: [7],
      person: { edfiStaffUSI: 42 },
    });
    expect(principal!.scopes).toContain('https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly');
    expect(await signOut(database, result.sessionToken)).toBe(true);
    expect(await sessionPrincipal(database, result.sessionToken, new Date())).toBeUndefined();
  });

  it('answers a wrong password, an unknown e-mail and an unknown tenant identically', async () => {
    const wrong = await refusal(
      signIn(database, { tenant: TENANT, email: 'ana@example.org', password: 'not the password 1' }),
    );
    const unknown = await refusal(
      signIn(database, { tenant: TENANT, email: 'nobody@example.org', password: 'not the password 1' }),
    );
    const noTenant = await refusal(
      signIn(database, { tenant: 'no-such-tenant', email: 'ana@example.org', password: 'x' }),
    );
    for (const e of [wrong, unknown, noTenant]) {
      expect([e.status, e.code, e.detail, e.extras]).toEqual([
        401,
        'unauthenticated',
        'email or password is incorrect',
        {},
      ]);
    }
  });

  it('names the field of bad input', async () => {
    const e = await refusal(signIn(database, { tenant: TENANT, email: 'ana@example.org' }));
    expect(e.code).toBe('validation_failed');
    expect(Object.keys(e.extras.validationErrors!)).toEqual(['password']);
  });

  it('locks the account after 5 consecutive failures for 15 minutes, then lets the right password in', async () => {
    await createAccount(database, tenantId, { email: 'lock@example.org', roles: ['nurse'], password: PASSWORD });
    const t = clock('2027-01-10T08:00:00Z');
    const attempt = (password: string) =>
      signIn(database, { tenant: TENANT, email: 'lock@example.org', password }, { now: t.now });
    for (let i = 0; i < 5; i++) expect((await refusal(attempt('wrong password 99'))).status).toBe(401);
    t.advance(60_000);
    const locked = await refusal(attempt(PASSWORD)); // even the right password waits out the lock
    expect(locked.status).toBe(403);
    expect(locked.code).toBe('forbidden');
    expect(locked.detail).toBe('account locked until 2027-01-10T08:15:00.000Z');
    expect(locked.extras.headers).toEqual({ 'retry-after': String(14 * 60) });
    t.advance(LOCKOUT_MS - 60_000 - 1000);
    expect((await refusal(attempt(PASSWORD))).status).toBe(403);
    t.advance(2000);
    const ok = await attempt(PASSWORD);
    expect(ok.account.email).toBe('lock@example.org');
  });

  it('counts only consecutive failures: a success resets the counter', async () => {
    await createAccount(database, tenantId, {
      email: 'reset-count@example.org',
      roles: ['librarian'],
      password: PASSWORD,
    });
    const attempt = (password: string) =>
      signIn(database, { tenant: TENANT, email: 'reset-count@example.org', password });
    for (let i = 0; i < 4; i++) await refusal(attempt('wrong password 99'));
    await attempt(PASSWORD);
    for (let i = 0; i < 4; i++) expect((await refusal(attempt('wrong password 99'))).status).toBe(401);
    expect((await attempt(PASSWORD)).account.roles).toEqual(['librarian']);
  });

  it('refuses weak passwords at account creation, naming the field', async () => {
    const e = await refusal(
      createAccount(database, tenantId, {
        email: 'weak@example.org',
        roles: ['teacher'],
        password: 'aaaaaaaaaaaaaaaa',
      }),
    );
    expect(e.extras.validationErrors).toEqual({ password: [expect.stringMatching(/two kinds of characters/)] });
    const short = await refusal(
      createAccount(database, tenantId, { email: 'weak@example.org', roles: ['teacher'], password: 'Ab1!' }),
    );
    expect(short.extras.validationErrors!.password).toContain('must be at least 12 characters');
    const role = await refusal(createAccount(database, tenantId, { email: 'weak@example.org', roles: ['api_client'] }));
    expect(Object.keys(role.extras.validationErrors!)).toEqual(['roles.0']);
  });
});

describe('password reset', () => {
  it('is single use, expires after 30 minutes, revokes sessions and clears the lockout', async () => {
    await createAccount(database, tenantId, { email: 'forgot@example.org', roles: ['parent'], password: PASSWORD });
    const t = clock('2027-02-01T12:00:00Z');
    const session = await signIn(
      database,
      { tenant: TENANT, email: 'forgot@example.org', password: PASSWORD },
      { now: t.now },
    );
    for (let i = 0; i < 5; i++)
      await refusal(
        signIn(
          database,
          { tenant: TENANT, email: 'forgot@example.org', password: 'wrong password 99' },
          { now: t.now },
        ),
      );

    expect(
      await requestPasswordReset(database, { tenant: TENANT, email: 'nobody@example.org' }, { now: t.now }),
    ).toBeUndefined();
    const expired = await requestPasswordReset(
      database,
      { tenant: TENANT, email: 'forgot@example.org' },
      { now: t.now },
    );
    const delivery = await requestPasswordReset(
      database,
      { tenant: TENANT, email: 'FORGOT@example.org' },
      { now: t.now },
    );
    expect(delivery!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(delivery!.expiresAt.getTime() - t.now().getTime()).toBe(RESET_TTL_MS);

    const weak = await refusal(
      resetPassword(database, { tenant: TENANT, token: delivery!.token, password: 'short' }, { now: t.now }),
    );
    expect(Object.keys(weak.extras.validationErrors!)).toEqual(['password']);

    t.advance(10 * 60_000);
    const newPassword = 'a brand new passphrase 2';
    const done = await resetPassword(
      database,
      { tenant: TENANT, token: delivery!.token, password: newPassword },
      { now: t.now },
    );
    expect(done.revokedSessions).toBe(1);
    expect(await sessionPrincipal(database, session.sessionToken, t.now())).toBeUndefined();
    // Single use, and the other outstanding token of the account is spent too.
    const again = await refusal(
      resetPassword(
        database,
        { tenant: TENANT, token: delivery!.token, password: 'another passphrase 3' },
        { now: t.now },
      ),
    );
    expect([again.status, again.detail]).toEqual([400, 'The password-reset token is invalid, used or expired.']);
    expect(
      (
        await refusal(
          resetPassword(
            database,
            { tenant: TENANT, token: expired!.token, password: 'another passphrase 3' },
            { now: t.now },
          ),
        )
      ).status,
    ).toBe(400);
    // The lockout is cleared: the new password works at once; the old one does not.
    expect(
      (await signIn(database, { tenant: TENANT, email: 'forgot@example.org', password: newPassword }, { now: t.now }))
        .account.email,
    ).toBe('forgot@example.org');
    expect(
      (
        await refusal(
          signIn(database, { tenant: TENANT, email: 'forgot@example.org', password: PASSWORD }, { now: t.now }),
        )
      ).status,
    ).toBe(401);

    const late = await requestPasswordReset(database, { tenant: TENANT, email: 'forgot@example.org' }, { now: t.now });
    t.advance(RESET_TTL_MS + 1000);
    expect(
      (
        await refusal(
          resetPassword(
            database,
            { tenant: TENANT, token: late!.token, password: 'another passphrase 3' },
            { now: t.now },
          ),
        )
      ).status,
    ).toBe(400);
  });
});
