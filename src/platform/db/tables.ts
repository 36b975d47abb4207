/**
 * admin.schema_migrations, exactly as seed 000 defines it: the migration runner's record of every
 * migration it applied (or tried to apply and rolled back). Platform-level, not tenant-owned.
 * The runner creates it before the first migration (see migrator.ts BOOTSTRAP_SQL, which must stay
 * identical to this definition; a test compares them).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { adminSchema } from './pg-schemas.js';

export const MIGRATION_STATUSES = ['applied', 'failed'] as const;

export const schemaMigrations = adminSchema.table(
  'schema_migrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    errorMessage: text('error_message'),
    executedAt: timestamp('executed_at', { withTimezone: true }).defaultNow(),
    executionTimeMs: bigint('execution_time_ms', { mode: 'number' }),
    migrationFile: text('migration_file'),
    migrationName: text('migration_name'),
    sqlHash: text('sql_hash'),
    status: text('status'),
  },
  (t) => [
    check('schema_migrations_status_check', sql`"status" IN ('applied', 'failed')`),
    index('schema_migrations_name_idx').on(t.migrationName),
  ],
);
