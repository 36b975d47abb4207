/**
 * The platform's tenants: a district (K-12, seeds 000/004), a single school, or a language-school
 * organisation (seed 002). Every tenant-owned row in Schola carries `tenant_id` → tenants.id.
 */
import { sql } from 'drizzle-orm';
import { check, pgSchema, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const platformSchema = pgSchema('platform');

export const TENANT_KINDS = ['district', 'school', 'language_school'] as const;

export const tenants = platformSchema.table(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: TENANT_KINDS }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('tenants_slug_key').on(t.slug),
    check('tenants_kind_check', sql`${t.kind} IN ('district', 'school', 'language_school')`),
    check('tenants_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
  ],
);
