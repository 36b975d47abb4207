/**
 * Accounts: created by the CLI and the demo seed (self-registration is not a thing in a school
 * district), linked to the seeds' people, to a parent's children and to external identity
 * providers' subjects.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { hashSecret, passwordProblems } from '../auth/passwords.js';
import { ROLES } from '../auth/roles.js';
import { AppError } from '../http/errors.js';
import { accountStudents, accounts, externalIdentities } from './tables.js';
import { accountView, parseInput, type AccountView } from './shared.js';

/** People's roles: every role except api_client, which only OAuth clients act as. */
const PERSON_ROLES = ROLES.filter((r) => r !== 'api_client') as [string, ...string[]];

const createAccountSchema = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email('is not an e-mail address').max(320, 'is too long')),
  displayName: z.string().trim().min(1, 'must not be empty').max(200, 'is too long').optional(),
  roles: z
    .array(z.enum(PERSON_ROLES, { message: `must be one of ${PERSON_ROLES.join(', ')}` }))
    .min(1, 'at least one role is required')
    .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a role'),
  /** Omit for the whole tenant; given, at least one school. */
  schoolIds: z
    .array(z.number().int().positive('must be a positive school id'))
    .min(1, 'omit it for the whole tenant, or name at least one school')
    .optional(),
  password: z.string().optional(),
  edfiStaffUsi: z.number().int().positive().optional(),
  edfiStudentUsi: z.number().int().positive().optional(),
  onerosterUserSourcedId: z.string().min(1).max(255).optional(),
  classroomTeacherId: z.uuid().optional(),
  classroomStudentId: z.uuid().optional(),
  coreUserId: z.string().min(1).max(64).optional(),
});

export type CreateAccountInput = z.input<typeof createAccountSchema>;

/**
 * Creates an account. Without a password the account can sign in only through a linked external
 * identity (or after a password reset). A repeated e-mail in the tenant → 409 duplicate_key.
 */
export async function createAccount(
  database: Database,
  tenantId: string,
  input: CreateAccountInput,
): Promise<AccountView> {
  const data = parseInput(createAccountSchema, input);
  if (data.password !== undefined) {
    const problems = passwordProblems(data.password);
    if (problems.length > 0) throw AppError.validation({ password: problems });
  }
  // Hash outside the transaction: argon2 takes tens of milliseconds and needs no connection.
  const passwordHash = data.password !== undefined ? await hashSecret(data.password) : null;
  const { password: _password, displayName, ...rest } = data;
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const [row] = await tx
      .insert(accounts)
      .values({
        ...rest,
        tenantId,
        displayName: displayName ?? data.email.split('@')[0]!,
        passwordHash,
        passwordChangedAt: passwordHash ? new Date() : null,
        schoolIds: data.schoolIds ?? null,
      })
      .returning();
    return accountView(row!);
  });
}

export async function listAccounts(database: Database, tenantId: string): Promise<AccountView[]> {
  return tenantTransaction(database, tenantId, async ({ tx }) =>
    (await tx.select().from(accounts).where(eq(accounts.tenantId, tenantId)).orderBy(asc(accounts.email))).map(
      accountView,
    ),
  );
}

/** A parent (or guardian) account reaches the students linked here: their own children. */
export async function linkStudent(
  database: Database,
  tenantId: string,
  accountId: string,
  studentUsi: number,
  relation: 'parent' | 'guardian' | 'self' = 'parent',
): Promise<void> {
  await tenantTransaction(database, tenantId, async ({ tx }) => {
    await tx.insert(accountStudents).values({ tenantId, accountId, studentUsi, relation }).onConflictDoNothing();
  });
}

const externalIdentitySchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/, message: 'must be the provider’s issuer URL (OIDC iss)' }).max(500),
  subject: z.string().min(1, 'is required').max(255, 'is too long'),
  email: z.string().trim().toLowerCase().max(320).optional(),
});

/**
 * Links a subject at an external identity provider (any OIDC issuer; seed 002 stores Clerk ids)
 * to an account, so `signInExternal(tenant, issuer, subject)` can open a session for it.
 * One (issuer, subject) maps to one account per tenant (409 duplicate_key otherwise).
 */
export async function linkExternalIdentity(
  database: Database,
  tenantId: string,
  accountId: string,
  input: z.input<typeof externalIdentitySchema>,
): Promise<{ id: string }> {
  const data = parseInput(externalIdentitySchema, input);
  return tenantTransaction(database, tenantId, async ({ tx }) => {
    const [account] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), eq(accounts.id, accountId)));
    if (!account) throw new AppError('not_found', 'No such account in this tenant.');
    const [row] = await tx
      .insert(externalIdentities)
      .values({ tenantId, accountId, issuer: data.issuer, subject: data.subject, email: data.email ?? null })
      .returning({ id: externalIdentities.id });
    return row!;
  });
}
