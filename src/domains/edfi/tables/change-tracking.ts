/**
 * Ed-Fi Change Queries support (the Ed-Fi API's `/deletes` and `/keyChanges`): the natural keys of
 * deleted resources and the old/new natural keys of key changes, each stamped with the change version
 * taken from edfi.changeversionsequence at the moment of the change. Written by the Ed-Fi API
 * (src/standards/edfi) in the same transaction as the delete or the key change.
 */
import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';

const nextChangeVersion = () =>
  bigint('changeversion', { mode: 'number' })
    .notNull()
    .default(sql`nextval('edfi.changeversionsequence')`);

// Ed-Fi API Change Queries — tracked deletes
/** A deleted resource: its id and natural key, in change-version order per resource. */
export const deletesTracking = edfiSchema.table(
  'deletes_tracking',
  {
    tenantId: tenantKey(),
    // The Ed-Fi resource collection, e.g. 'students'.
    resource: varchar('resource', { length: 128 }).notNull(),
    changeVersion: nextChangeVersion(),
    id: uuid('id').notNull(),
    keyValues: jsonb('keyvalues').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantKeys('deletes_tracking', t.tenantId, t.resource, t.changeVersion),
    index('deletes_tracking_id_idx').on(t.tenantId, t.id),
  ],
);

// Ed-Fi API Change Queries — tracked key changes
/** A natural-key change of a resource (PUT on a resource that allows it). */
export const keyChangesTracking = edfiSchema.table(
  'keychanges_tracking',
  {
    tenantId: tenantKey(),
    resource: varchar('resource', { length: 128 }).notNull(),
    changeVersion: nextChangeVersion(),
    id: uuid('id').notNull(),
    oldKeyValues: jsonb('oldkeyvalues').notNull(),
    newKeyValues: jsonb('newkeyvalues').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantKeys('keychanges_tracking', t.tenantId, t.resource, t.changeVersion),
    index('keychanges_tracking_id_idx').on(t.tenantId, t.id),
  ],
);
