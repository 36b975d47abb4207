/**
 * The session lookup every request makes (authenticate.ts `sessionPrincipal`): one statement, no
 * transaction, nothing remembered between requests — so whatever ends a session or changes an account
 * (sign-out, deactivation, a role change, a password reset) holds from the very next request, also while
 * requests with that session are in flight. And `last_seen_at` is written at most every five minutes.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../../../bench/lib/statements.js';
import type { TestDatabase } from '../../../test/support/db.js';
import { identityHttp, json, PASSWORD, TENANT, type IdentityHttp } from '../../../test/support/identity-http.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { createAccount } from '../identity/service.js';
import { sessionPrincipal } from './authenticate.js';
import { sha256hex } from './passwords.js';

let h: IdentityHttp;
let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let accounts = 0;

beforeAll(async () => {
  h = await identityHttp();
  ({ database, app, tenantId } = h);
});
afterAll(async () => {
  await h?.dispose();
});

/** A new account of its own (tests change it), signed in: its id and session token. */
async function signedIn(): Promise<{ accountId: string; token: string }> {
  const email = `lookup${++accounts}@routes.example`;
  const account = await createAccount(database, tenantId, { email, roles: ['teacher'], password: PASSWORD });
  const response = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    ...json({ tenant: TENANT, email, password: PASSWORD }),
  });
  expect(response.statusCode).toBe(200);
  return { accountId: account.id, token: (response.json() as { sessionToken: string }).sessionToken };
}

const me = (token: string) => app.inject({ url: '/auth/me', headers: { authorization: `Bearer ${token}` } });
const statuses = async (token: string, n: number) =>
  (await Promise.all(Array.from({ length: n }, () => me(token)))).map((r) => r.statusCode);

async function updateAccount(accountId: string, set: string): Promise<void> {
  await tenantTransaction(database, tenantId, ({ tx }) =>
    tx.execute(sql`UPDATE identity.accounts SET ${sql.raw(set)} WHERE id = ${accountId}`),
  );
}

describe('the session lookup', () => {
  it('is one statement for a session seen within five minutes', async () => {
    const { token } = await signedIn();
    const now = new Date();
    expect(await sessionPrincipal(database, token, now)).toBeDefined(); // first sight: writes last_seen_at
    const { statements, value } = await countStatements(() => sessionPrincipal(database, token, now));
    expect(value?.roles).toEqual(['teacher']);
    expect(statements).toBe(1);
  });

  it('writes last_seen_at at most every five minutes', async () => {
    const { token } = await signedIn();
    const lastSeen = async () =>
      (
        await database.query<{ at: string }>(
          `SELECT last_seen_at::text AS at FROM identity.sessions WHERE token_hash = $1`,
          [sha256hex(token)],
        )
      )[0]!.at;
    const start = new Date(Date.now() + 60_000);
    await sessionPrincipal(database, token, start);
    const first = await lastSeen();
    await sessionPrincipal(database, token, new Date(start.getTime() + 4 * 60_000));
    expect(await lastSeen()).toBe(first);
    await sessionPrincipal(database, token, new Date(start.getTime() + 6 * 60_000));
    expect(await lastSeen()).not.toBe(first);
  });

  it('sees a sign-out on the very next request, while requests with the session are in flight', async () => {
    const { token } = await signedIn();
    const [during, out] = await Promise.all([
      statuses(token, 20),
      app.inject({ method: 'POST', url: '/auth/sign-out', cookies: { schola_session: token } }),
    ]);
    expect(out.statusCode).toBe(204);
    // Each request in flight saw the session either before or after the sign-out: nothing else.
    expect(during.every((s) => s === 200 || s === 401)).toBe(true);
    expect(await statuses(token, 20)).toEqual(Array(20).fill(401));
  });

  it('sees a deactivated account on the very next request, while requests with its session are in flight', async () => {
    const { accountId, token } = await signedIn();
    const [during] = await Promise.all([statuses(token, 20), updateAccount(accountId, `status = 'disabled'`)]);
    expect(during.every((s) => s === 200 || s === 401)).toBe(true);
    expect(await statuses(token, 20)).toEqual(Array(20).fill(401));
    await updateAccount(accountId, `status = 'active'`);
    expect((await me(token)).statusCode).toBe(200);
  });

  it('gives the roles and schools the account has now, not those it had at sign-in', async () => {
    const { accountId, token } = await signedIn();
    expect((await sessionPrincipal(database, token, new Date()))?.roles).toEqual(['teacher']);
    await updateAccount(accountId, `roles = ARRAY['librarian'], school_ids = ARRAY[11]`);
    const principal = await sessionPrincipal(database, token, new Date());
    expect(principal?.roles).toEqual(['librarian']);
    expect(principal?.schoolIds).toEqual([11]);
  });
});
