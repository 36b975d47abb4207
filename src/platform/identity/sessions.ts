/**
 * Signing in and out. A session token is `<tenantId>.<32 random bytes, base64url>`: the tenant part
 * lets authentication set the tenant for row-level security before looking the session up; only
 * the token's SHA-256 is stored.
 *
 * Password sign-in answers the same 401 "email or password is incorrect" for an unknown tenant, an
 * unknown e-mail, an account without a password and a wrong password, after the same argon2 work.
 * Lockout: 5 consecutive failures lock the account for 15 minutes (the counter restarts after a
 * lock). A locked account answers 403 `forbidden` "account locked until <ISO instant>" with
 * Retry-After, without checking the password (guessing pauses during the lock). This tells whoever
 * tries that the address has an account — the price of telling its owner why they cannot sign in;
 * the per-IP rate limit on the route bounds both guessing and deliberate lock-outs.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import type { Tx } from '../db/transaction.js';
import { burnVerification, randomToken, sha256hex, verifySecret } from '../auth/passwords.js';
import { sessionTokenTenant } from '../auth/authenticate.js';
import { AppError } from '../http/errors.js';
import { accounts, externalIdentities, sessions } from './tables.js';
import { signInInput } from './schemas.js';
import { accountView, nowOf, parseInput, tenantIdBySlug, type AccountView, type ServiceOptions } from './shared.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export interface SessionOptions extends ServiceOptions {
  /** Stored with the session for the account owner's "where am I signed in" view. */
  ip?: string;
  userAgent?: string;
}

export interface SignInResult {
  account: AccountView;
  /** Bearer token for API use; the same value goes into the session cookie. */
  sessionToken: string;
  expiresAt: Date;
}

const signInSchema = signInInput;

const incorrect = () => new AppError('unauthenticated', 'email or password is incorrect');

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('forbidden', `account locked until ${until.toISOString()}`, {
    lockedUntil: until.toISOString(),
    headers: { 'retry-after': String(seconds) },
  });
}

/** Opens a session for an account inside the caller's tenant transaction. */
export async function createSession(
  tx: Tx,
  account: { tenantId: string; id: string },
  now: Date,
  options: SessionOptions = {},
): Promise<{ token: string; expiresAt: Date }> {
  const token = `${account.tenantId}.${randomToken()}`;
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await tx.insert(sessions).values({
    tenantId: account.tenantId,
    accountId: account.id,
    tokenHash: sha256hex(token),
    createdAt: now,
    expiresAt,
    ip: options.ip ?? null,
    userAgent: options.userAgent?.slice(0, 500) ?? null,
  });
  return { token, expiresAt };
}

export async function signIn(database: Database, input: unknown, options: SessionOptions = {}): Promise<SignInResult> {
  const { tenant, email, password } = parseInput(signInSchema, input);
  const now = nowOf(options);
  const tenantId = await tenantIdBySlug(database, tenant);
  const account = tenantId
    ? await tenantTransaction(
        database,
        tenantId,
        async ({ tx }) =>
          (
            await tx
              .select()
              .from(accounts)
              .where(and(eq(accounts.tenantId, tenantId), eq(accounts.email, email)))
          )[0],
      )
    : undefined;
  if (!account?.passwordHash) {
    await burnVerification(password);
    throw incorrect();
  }
  if (account.lockedUntil && account.lockedUntil > now) throw lockedError(account.lockedUntil, now);
  // Verified outside any transaction: argon2 needs no connection. The failure counter is then
  // advanced atomically in SQL, so concurrent wrong guesses are all counted.
  if (!(await verifySecret(account.passwordHash, password))) {
    const lockUntil = new Date(now.getTime() + LOCKOUT_MS).toISOString();
    const reachesLimit = sql`${accounts.failedAttempts} + 1 >= ${LOCKOUT_THRESHOLD}`;
    await tenantTransaction(database, account.tenantId, async ({ tx }) => {
      await tx
        .update(accounts)
        .set({
          failedAttempts: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${accounts.failedAttempts} + 1 END`,
          lockedUntil: sql`CASE WHEN ${reachesLimit} THEN ${lockUntil}::timestamptz ELSE ${accounts.lockedUntil} END`,
        })
        .where(and(eq(accounts.tenantId, account.tenantId), eq(accounts.id, account.id)));
    });
    throw incorrect();
  }
  // Only someone who knows the password learns that the account is disabled.
  if (account.status !== 'active') throw new AppError('forbidden', 'This account is disabled.');
  return tenantTransaction(database, account.tenantId, async ({ tx }) => {
    const [updated] = await tx
      .update(accounts)
      .set({ failedAttempts: 0, lockedUntil: null, lastSignInAt: now })
      .where(and(eq(accounts.tenantId, account.tenantId), eq(accounts.id, account.id)))
      .returning();
    const session = await createSession(tx, account, now, options);
    return { account: accountView(updated!), sessionToken: session.token, expiresAt: session.expiresAt };
  });
}

/**
 * Opens a session for the account linked to (issuer, subject) — any OIDC provider, or Clerk ids
 * from seed 002. The CALLER must already have verified the provider's ID token (signature against
 * the issuer's JWKS, audience, expiry, nonce): that verification is out of scope here, so this
 * function must never be exposed to unauthenticated input as it stands.
 */
export async function signInExternal(
  database: Database,
  tenantSlug: string,
  issuer: string,
  subject: string,
  options: SessionOptions = {},
): Promise<SignInResult> {
  const now = nowOf(options);
  const tenantId = await tenantIdBySlug(database, tenantSlug);
  if (!tenantId) throw new AppError('unauthenticated', 'No account is linked to this identity.');
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const [row] = await tx
      .select({ account: accounts })
      .from(externalIdentities)
      .innerJoin(
        accounts,
        and(eq(accounts.tenantId, externalIdentities.tenantId), eq(accounts.id, externalIdentities.accountId)),
      )
      .where(
        and(
          eq(externalIdentities.tenantId, tenantId),
          eq(externalIdentities.issuer, issuer),
          eq(externalIdentities.subject, subject),
        ),
      );
    if (!row) throw new AppError('unauthenticated', 'No account is linked to this identity.');
    if (row.account.status !== 'active') throw new AppError('forbidden', 'This account is disabled.');
    await tx
      .update(accounts)
      .set({ lastSignInAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, row.account.id)));
    const session = await createSession(tx, row.account, now, options);
    return { account: accountView(row.account), sessionToken: session.token, expiresAt: session.expiresAt };
  });
}

/** Revokes the session a token names; unknown or already revoked tokens are ignored (idempotent). */
export async function signOut(
  database: Database,
  sessionToken: string,
  options: ServiceOptions = {},
): Promise<boolean> {
  const tenantId = sessionTokenTenant(sessionToken);
  if (!tenantId) return false;
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: nowOf(options) })
      .where(
        and(
          eq(sessions.tenantId, tenantId),
          eq(sessions.tokenHash, sha256hex(sessionToken)),
          isNull(sessions.revokedAt),
        ),
      )
      .returning({ id: sessions.id });
    return revoked.length > 0;
  });
}

/** Revokes every open session of an account (password reset, account disabled). */
export async function revokeAllSessions(tx: Tx, tenantId: string, accountId: string, now: Date): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}
