/**
 * Password reset: a single-use token, valid for 30 minutes, stored only as its SHA-256. Using it
 * sets the new password, clears the lockout, revokes every session of the account (whoever held
 * one loses it) and spends every other outstanding reset token of the account.
 *
 * The request answers the same whether or not the e-mail has an account (the route says 202
 * either way). The token would be e-mailed; until a mailer exists the service hands it to its
 * caller, and the route passes it only to an optional delivery hook — never to the response or
 * the log.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { hashSecret, passwordProblems, randomToken, sha256hex } from '../auth/passwords.js';
import { AppError } from '../http/errors.js';
import { accounts, passwordResets } from './tables.js';
import { revokeAllSessions } from './sessions.js';
import { nowOf, parseInput, tenantIdBySlug, type ServiceOptions } from './shared.js';
import { passwordResetInput, passwordResetRequestInput } from './schemas.js';

export const RESET_TTL_MS = 30 * 60 * 1000;

const requestSchema = passwordResetRequestInput;

export interface ResetDelivery {
  tenantId: string;
  accountId: string;
  email: string;
  token: string;
  expiresAt: Date;
}

/** Returns what to send to the account's owner, or undefined when there is no such account. */
export async function requestPasswordReset(
  database: Database,
  input: unknown,
  options: ServiceOptions = {},
): Promise<ResetDelivery | undefined> {
  const { tenant, email } = parseInput(requestSchema, input);
  const now = nowOf(options);
  const tenantId = await tenantIdBySlug(database, tenant);
  if (!tenantId) return undefined;
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const [account] = await tx
      .select({ id: accounts.id, status: accounts.status })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.email, email)));
    if (!account || account.status !== 'active') return undefined;
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
    await tx
      .insert(passwordResets)
      .values({ tenantId, accountId: account.id, tokenHash: sha256hex(token), createdAt: now, expiresAt });
    return { tenantId, accountId: account.id, email, token, expiresAt };
  });
}

const resetSchema = passwordResetInput;

const invalidToken = () => new AppError('bad_request', 'The password-reset token is invalid, used or expired.');

/** Sets a new password with a reset token; returns how many sessions were revoked. */
export async function resetPassword(
  database: Database,
  input: unknown,
  options: ServiceOptions = {},
): Promise<{ accountId: string; revokedSessions: number }> {
  const { tenant, token, password } = parseInput(resetSchema, input);
  const problems = passwordProblems(password);
  if (problems.length > 0) throw AppError.validation({ password: problems });
  const now = nowOf(options);
  const tenantId = await tenantIdBySlug(database, tenant);
  if (!tenantId) throw invalidToken();
  const passwordHash = await hashSecret(password);
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    // Claiming the token and checking it is one statement: two concurrent uses cannot both succeed.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tenantId, tenantId),
          eq(passwordResets.tokenHash, sha256hex(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now),
        ),
      )
      .returning({ accountId: passwordResets.accountId });
    if (!claimed) throw invalidToken();
    const { accountId } = claimed;
    const [account] = await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: now, failedAttempts: 0, lockedUntil: null, updatedAt: now })
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId), eq(accounts.status, 'active')))
      .returning({ id: accounts.id });
    if (!account) throw invalidToken();
    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          eq(passwordResets.tenantId, tenantId),
          eq(passwordResets.accountId, accountId),
          isNull(passwordResets.usedAt),
        ),
      );
    return { accountId, revokedSessions: await revokeAllSessions(tx, tenantId, accountId, now) };
  });
}
