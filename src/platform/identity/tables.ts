/**
 * Sign-in for people and systems. Accounts link to the seeds' people (Ed-Fi staff/students, the
 * classroom subsystem's teachers/students, the language school's users); secrets are stored only
 * as hashes (argon2id for passwords, SHA-256 for random tokens).
 */
import { sql } from 'drizzle-orm';
import { index, inet, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from '../db/pg-schemas.js';
import {
  checkIn,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../db/schema-kit.js';
import { ROLES } from '../auth/roles.js';

/** A person's sign-in account within a tenant. */
export const accounts = identitySchema.table(
  'accounts',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    /** Lower-cased; unique per tenant. */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string; null for accounts that only sign in through an identity provider. */
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    /** Ed-Fi school ids the account is limited to (school staff); null = the whole tenant. */
    schoolIds: integer('school_ids').array(),
    status: text('status').notNull().default('active'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    edfiStaffUsi: integer('edfi_staff_usi'),
    edfiStudentUsi: integer('edfi_student_usi'),
    onerosterUserSourcedId: text('oneroster_user_sourced_id'),
    classroomTeacherId: uuid('classroom_teacher_id'),
    classroomStudentId: uuid('classroom_student_id'),
    coreUserId: text('core_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('accounts', t.tenantId, t.id),
    tenantUnique('accounts_email_key', t.tenantId, t.email),
    checkIn('accounts_status_check', t.status, ['active', 'disabled']),
    checkSql(
      'accounts_roles_check',
      sql`"roles" <@ ARRAY[${sql.raw(ROLES.map((r) => `'${r}'`).join(', '))}]::text[] AND cardinality("roles") > 0`,
    ),
    checkSql('accounts_email_lower_check', sql`"email" = lower("email")`),
    checkSql('accounts_failed_attempts_check', sql`"failed_attempts" >= 0`),
  ],
);

/** Which students a parent (guardian) account may see: their own children. */
export const accountStudents = identitySchema.table(
  'account_students',
  {
    tenantId: tenantKey(),
    accountId: uuid('account_id').notNull(),
    studentUsi: integer('student_usi').notNull(),
    relation: text('relation').notNull().default('parent'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('account_students', t.tenantId, t.accountId, t.studentUsi),
    tenantFk('account_students_account_fkey', [t.tenantId, t.accountId], [accounts.tenantId, accounts.id], 'cascade'),
    index('account_students_student_idx').on(t.tenantId, t.studentUsi),
    checkIn('account_students_relation_check', t.relation, ['parent', 'guardian', 'self']),
  ],
);

/** Signed-in sessions; the token (cookie or bearer) is stored only as its SHA-256. */
export const sessions = identitySchema.table(
  'sessions',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    ...tenantKeys('sessions', t.tenantId, t.id),
    tenantUnique('sessions_token_hash_key', t.tenantId, t.tokenHash),
    tenantFk('sessions_account_fkey', [t.tenantId, t.accountId], [accounts.tenantId, accounts.id], 'cascade'),
    index('sessions_account_idx').on(t.tenantId, t.accountId),
  ],
);

/** Single-use, expiring password-reset tokens (stored as SHA-256). */
export const passwordResets = identitySchema.table(
  'password_resets',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantKeys('password_resets', t.tenantId, t.id),
    tenantUnique('password_resets_token_hash_key', t.tenantId, t.tokenHash),
    tenantFk('password_resets_account_fkey', [t.tenantId, t.accountId], [accounts.tenantId, accounts.id], 'cascade'),
    index('password_resets_account_idx').on(t.tenantId, t.accountId),
  ],
);

/** Subjects at external identity providers (any OIDC issuer; seed 002 stores Clerk ids). */
export const externalIdentities = identitySchema.table(
  'external_identities',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    /** The provider's issuer URL (OIDC `iss`), e.g. https://clerk.example.com */
    issuer: text('issuer').notNull(),
    /** The provider's stable subject (OIDC `sub`, a Clerk user id, …). */
    subject: text('subject').notNull(),
    email: text('email'),
    linkedAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('external_identities', t.tenantId, t.id),
    tenantUnique('external_identities_subject_key', t.tenantId, t.issuer, t.subject),
    tenantFk(
      'external_identities_account_fkey',
      [t.tenantId, t.accountId],
      [accounts.tenantId, accounts.id],
      'cascade',
    ),
    index('external_identities_account_idx').on(t.tenantId, t.accountId),
  ],
);

/**
 * OAuth 2.0 client-credentials clients (learning tools, SIS integrations). `client_id` is globally
 * unique (the token endpoint learns the tenant from it); the secret is stored as argon2id.
 */
export const oauthClients = identitySchema.table(
  'oauth_clients',
  {
    tenantId: tenantKey(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    /** Ed-Fi education-organization claims; null = district-wide. */
    schoolIds: integer('school_ids').array(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [...tenantKeys('oauth_clients', t.tenantId, t.clientId), index('oauth_clients_client_id_idx').on(t.clientId)],
);

/** Revoked access tokens (by `jti`) until they would have expired anyway. */
export const revokedTokens = identitySchema.table(
  'revoked_tokens',
  {
    tenantId: tenantKey(),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: createdAt(),
  },
  (t) => [...tenantKeys('revoked_tokens', t.tenantId, t.jti)],
);
