/**
 * Tenants: creating one gives it the default access policies, so it is usable (deny-by-default
 * with sensible grants) from its first request.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { seedDefaultPolicies } from '../auth/default-policies.js';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { AppError, validationErrorsOf } from '../http/errors.js';
import { TENANT_KINDS, tenants } from './tables.js';

export const createTenantSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'must be 2 to 63 lower-case letters, digits or hyphens' }),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(TENANT_KINDS),
});

export type TenantView = typeof tenants.$inferSelect;

export async function createTenant(database: Database, input: z.input<typeof createTenantSchema>): Promise<TenantView> {
  const parsed = createTenantSchema.safeParse(input);
  if (!parsed.success) {
    throw AppError.validation(validationErrorsOf(parsed.error));
  }
  // Platform-level table, written as the owner: no tenant exists yet to confine the work to.
  const existing = await database.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, parsed.data.slug));
  if (existing.length > 0)
    throw new AppError('duplicate_key', `A tenant with slug "${parsed.data.slug}" already exists.`, { key: ['slug'] });
  const [tenant] = await database.db
    .insert(tenants)
    .values({ id: randomUUID(), ...parsed.data })
    .returning();
  await tenantTransaction(database, tenant!.id, ({ tx }) => seedDefaultPolicies(tx, tenant!.id));
  return tenant!;
}

export async function listTenants(database: Database): Promise<TenantView[]> {
  return database.db.select().from(tenants).orderBy(tenants.slug);
}
