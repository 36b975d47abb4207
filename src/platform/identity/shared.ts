/**
 * What the identity services share: the clock option, input parsing into field-named 400s, the
 * tenant-by-slug lookup and the public view of an account (never its hash or lockout state).
 */
import { type z } from 'zod';
import type { Database } from '../db/database.js';
import { AppError, validationErrorsOf } from '../http/errors.js';
import type { accounts } from './tables.js';

export interface ServiceOptions {
  /** The clock; tests pass their own to move through lockout and expiry windows. */
  now?: () => Date;
}

export const nowOf = (options: ServiceOptions = {}): Date => (options.now ?? (() => new Date()))();

/** Parses with zod; any problem → 400 validation_failed naming each field and its reasons. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw AppError.validation(validationErrorsOf(result.error));
}

export { emailSchema, tenantSlugSchema } from './schemas.js';

/**
 * Sign-in, password reset and the CLI arrive with a tenant slug and no tenant yet, so the tenant
 * cannot be set for row-level security: this one lookup runs as the connection owner, reading only
 * the id of the tenant named.
 */
export async function tenantIdBySlug(database: Database, slug: string): Promise<string | undefined> {
  const rows = await database.query<{ id: string }>('SELECT id FROM platform.tenants WHERE slug = $1', [slug]);
  return rows[0]?.id;
}

export async function requireTenantId(database: Database, slug: string): Promise<string> {
  const id = await tenantIdBySlug(database, slug);
  if (!id) throw AppError.validation({ tenant: [`no tenant with slug "${slug}"`] });
  return id;
}

export interface AccountView {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  roles: string[];
  schoolIds: number[] | null;
  status: string;
  lastSignInAt: string | null;
  person: {
    edfiStaffUSI?: number;
    edfiStudentUSI?: number;
    onerosterUserSourcedId?: string;
    classroomTeacherId?: string;
    classroomStudentId?: string;
    coreUserId?: string;
  };
}

export function accountView(row: typeof accounts.$inferSelect): AccountView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    schoolIds: row.schoolIds ?? null,
    status: row.status,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    person: {
      ...(row.edfiStaffUsi != null ? { edfiStaffUSI: row.edfiStaffUsi } : {}),
      ...(row.edfiStudentUsi != null ? { edfiStudentUSI: row.edfiStudentUsi } : {}),
      ...(row.onerosterUserSourcedId ? { onerosterUserSourcedId: row.onerosterUserSourcedId } : {}),
      ...(row.classroomTeacherId ? { classroomTeacherId: row.classroomTeacherId } : {}),
      ...(row.classroomStudentId ? { classroomStudentId: row.classroomStudentId } : {}),
      ...(row.coreUserId ? { coreUserId: row.coreUserId } : {}),
    },
  };
}
