/**
 * Columns and constraints every OneRoster table shares (seed 004 §9): the sourcedId key, the
 * `status` / `dateLastModified` pair that drives delta CSV and `dateLastModified>` REST filters,
 * and the free-form `metadata` bag. Not re-exported by ../tables.ts: it declares no table.
 */
import { index, jsonb, timestamp, varchar, type PgColumn } from 'drizzle-orm/pg-core';
import { checkIn, constraintName } from '../../../platform/db/schema-kit.js';

/** OneRoster 1.2 `status` vocabulary (delta files: active | tobedeleted). */
export const OR_STATUSES = ['active', 'tobedeleted'] as const;

export const sourcedId = (name = 'sourced_id') => varchar(name, { length: 255 });
export const orStatus = () => varchar('status', { length: 20 }).notNull().default('active');
// Nullable as in the seed (bulk CSV files leave it empty); defaults to the insert instant.
export const orDateLastModified = () => timestamp('date_last_modified', { withTimezone: true }).defaultNow();
export const orMetadata = () => jsonb('metadata');

/**
 * The status CHECK and the (tenant_id, date_last_modified) index that serves delta sync
 * (`filter=dateLastModified>'…'`) on every OneRoster table.
 */
export function orCommon(table: string, t: { tenantId: PgColumn; status: PgColumn; dateLastModified: PgColumn }) {
  return [
    checkIn(`${table}_status_check`, t.status, OR_STATUSES),
    index(constraintName(`${table}_date_last_modified_idx`)).on(t.tenantId, t.dateLastModified),
  ] as const;
}
