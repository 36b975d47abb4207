/**
 * Ed-Fi descriptors (global reference data), the change-version sequence and the column helpers
 * every Ed-Fi table shares (the Ed-Fi API's resource columns and the plain FK to a descriptor).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  primaryKey,
  serial,
  unique,
  uniqueIndex,
  smallint,
  boolean,
  timestamp,
  uuid,
  varchar,
  type PgColumn,
} from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { constraintName, markGlobal, tenantUnique } from '../../../platform/db/schema-kit.js';

/** Ed-Fi's change-tracking counter: one sequence for the whole schema, as in the ODS/API. */
export const changeVersionSequence = edfiSchema.sequence('changeversionsequence');

/** The Ed-Fi API's resource columns (id, lastmodifieddate, changeversion); spread last. */
export const resourceColumns = () => ({
  id: uuid('id').notNull().defaultRandom(),
  lastModifiedDate: timestamp('lastmodifieddate', { withTimezone: true }).notNull().defaultNow(),
  changeVersion: bigint('changeversion', { mode: 'number' })
    .notNull()
    .default(sql`nextval('edfi.changeversionsequence')`),
});

/** The seed's `CreateDate TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP` (stored as timestamptz). */
export const createDate = () => timestamp('createdate', { withTimezone: true }).notNull().defaultNow();

/** The resource id is unique per tenant (the API addresses resources by it). */
export function resourceKey(table: string, tenant: PgColumn, id: PgColumn) {
  return tenantUnique(`${table}_id_key`, tenant, id);
}

// seed: 004 §1-8 (every ...DescriptorId column) — Ed-Fi 5.2 Descriptor
/** Every Ed-Fi descriptor (code value within a namespace), whatever its type; shared by all tenants. */
export const descriptor = markGlobal(
  edfiSchema.table(
    'descriptor',
    {
      descriptorId: serial('descriptorid').notNull(),
      namespace: varchar('namespace', { length: 255 }).notNull(),
      codeValue: varchar('codevalue', { length: 50 }).notNull(),
      shortDescription: varchar('shortdescription', { length: 75 }).notNull(),
      description: varchar('description', { length: 1024 }),
      effectiveBeginDate: date('effectivebegindate'),
      effectiveEndDate: date('effectiveenddate'),
      // e.g. 'GradeLevelDescriptor': the last path segment of the namespace URI
      descriptorType: varchar('descriptortype', { length: 128 }).notNull(),
      priorDescriptorId: integer('priordescriptorid'),
      ...resourceColumns(),
    },
    (t) => [
      primaryKey({ name: 'descriptor_pkey', columns: [t.descriptorId] }),
      unique('descriptor_namespace_codevalue_key').on(t.namespace, t.codeValue),
      unique('descriptor_id_key').on(t.id),
      // Descriptor URIs compare case-insensitively in the Ed-Fi API.
      uniqueIndex('descriptor_uri_ci_key').on(sql`lower(${t.namespace})`, sql`lower(${t.codeValue})`),
      index('descriptor_descriptortype_idx').on(t.descriptorType),
      // Not composite (global table), so 'set null' only clears the link.
      foreignKey({
        name: 'descriptor_priordescriptorid_fkey',
        columns: [t.priorDescriptorId],
        foreignColumns: [t.descriptorId],
      }).onDelete('set null'),
      index('descriptor_priordescriptorid_idx').on(t.priorDescriptorId),
    ],
  ),
);

/**
 * A `...DescriptorId` column's plain FK to edfi.descriptor plus the index serving it (as the Ed-Fi
 * ODS does: deleting or re-typing a descriptor must not scan every table). Spread in the table's extras.
 */
export function descriptorRef(table: string, column: PgColumn) {
  return [
    foreignKey({
      name: constraintName(`${table}_${column.name}_fkey`),
      columns: [column],
      foreignColumns: [descriptor.descriptorId],
    }).onDelete('restrict'),
    index(constraintName(`${table}_${column.name}_idx`)).on(column),
  ] as const;
}

// seed: 004 (SchoolYear columns of §1-8) — Ed-Fi 5.2 SchoolYearType
/** The school years known to the platform (Ed-Fi's SchoolYearType); shared by all tenants. */
export const schoolYearType = markGlobal(
  edfiSchema.table(
    'schoolyeartype',
    {
      schoolYear: smallint('schoolyear').notNull(),
      schoolYearDescription: varchar('schoolyeardescription', { length: 50 }).notNull(),
      currentSchoolYear: boolean('currentschoolyear').notNull(),
      createDate: createDate(),
      ...resourceColumns(),
    },
    (t) => [
      primaryKey({ name: 'schoolyeartype_pkey', columns: [t.schoolYear] }),
      unique('schoolyeartype_id_key').on(t.id),
    ],
  ),
);
