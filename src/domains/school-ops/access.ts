/**
 * Who may run the school's operations. The policy engine decides the table and action (default
 * policies: admissions and school administrators keep classes, schedules and enrolments; teachers
 * write attendance); what it cannot see — which language-school user (core.users) a signed-in
 * account is, and so which classes are "theirs" — is checked here from `principal.person.coreUserId`.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/http/errors.js';
import type { Work } from '../../platform/service/work.js';

/** Roles that run the whole school (front desk, owner, district office). */
const OFFICE_ROLES = new Set(['district_admin', 'school_admin', 'admissions']);

export function isOffice(work: Work): boolean {
  return work.principal.kind === 'system' || work.principal.roles.some((r) => OFFICE_ROLES.has(r));
}

/** The language-school user (core.users id) the principal is, if any. */
export function coreUserOf(work: Work): string | undefined {
  return work.principal.person?.coreUserId;
}

/** A transaction-scoped advisory lock: the holders of one key run one at a time. */
export async function lockKey(work: Work, key: string): Promise<void> {
  await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${work.tenantId}:${key}`}, 0))`);
}

export function notFound(what: string, id: string): AppError {
  return new AppError('not_found', `No ${what} ${id}.`);
}
