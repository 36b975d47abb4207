// EXAMPLE ONLY (deleted before commit): the pattern every table module follows.
import { bigserial, boolean, date, integer, numeric, text, varchar } from 'drizzle-orm/pg-core';
import { healthSchema } from '../../platform/db/pg-schemas.js';
import { checkIn, checkRange, createdAt, tenantFk, tenantKey, tenantKeys, tenantUnique } from '../../platform/db/schema-kit.js';

export const things = healthSchema.table(
  'things',
  {
    tenantId: tenantKey(),
    thingId: bigserial('thing_id', { mode: 'number' }).notNull(),
    code: varchar('code', { length: 20 }).notNull(),
    severity: varchar('severity', { length: 50 }),
    rating: integer('rating'),
    score: numeric('score', { precision: 5, scale: 2, mode: 'number' }),
    parentId: integer('parent_id'),
    effectiveDate: date('effective_date').notNull(),
    isActive: boolean('is_active').default(true),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('things', t.tenantId, t.thingId),
    tenantUnique('things_code_key', t.tenantId, t.code),
    checkIn('things_severity_check', t.severity, ['mild', 'moderate', 'severe'], { caseInsensitive: true }),
    checkRange('things_rating_check', t.rating, 1, 5),
    tenantFk('things_parent_fkey', [t.tenantId, t.parentId], [t.tenantId, t.thingId]),
  ],
);
