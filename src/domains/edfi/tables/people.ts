/** Ed-Fi students. Seed 004 references edfi.student(studentusi) without defining it: Ed-Fi 5.2 Student. */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, serial, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { tenantKey, tenantKeys, tenantUnique } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';

// seed: 004 §1-8, §10-13 (`REFERENCES edfi.student(studentusi)`), §14 indexes — Ed-Fi 5.2 Student
/** A student (StudentUSI is the surrogate key; StudentUniqueId the human-readable one). */
export const student = edfiSchema.table(
  'student',
  {
    tenantId: tenantKey(),
    studentUSI: serial('studentusi').notNull(),
    studentUniqueId: varchar('studentuniqueid', { length: 32 }).notNull(),
    personalTitlePrefix: varchar('personaltitleprefix', { length: 30 }),
    firstName: varchar('firstname', { length: 75 }).notNull(),
    middleName: varchar('middlename', { length: 75 }),
    lastSurname: varchar('lastsurname', { length: 75 }).notNull(),
    generationCodeSuffix: varchar('generationcodesuffix', { length: 10 }),
    maidenName: varchar('maidenname', { length: 75 }),
    preferredFirstName: varchar('preferredfirstname', { length: 75 }),
    preferredLastSurname: varchar('preferredlastsurname', { length: 75 }),
    birthDate: date('birthdate').notNull(),
    birthCity: varchar('birthcity', { length: 30 }),
    birthCountryDescriptorId: integer('birthcountrydescriptorid'),
    birthSexDescriptorId: integer('birthsexdescriptorid'),
    birthStateAbbreviationDescriptorId: integer('birthstateabbreviationdescriptorid'),
    citizenshipStatusDescriptorId: integer('citizenshipstatusdescriptorid'),
    dateEnteredUS: date('dateenteredus'),
    multipleBirthStatus: boolean('multiplebirthstatus'),
    // Platform extension data (seed §14 indexes it with GIN).
    metadata: jsonb('metadata'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('student', t.tenantId, t.studentUSI),
    resourceKey('student', t.tenantId, t.id),
    // Seed §14 idx_student_unique_id: the unique key itself serves the lookup.
    tenantUnique('idx_student_unique_id', t.tenantId, t.studentUniqueId),
    index('idx_student_name').on(t.tenantId, t.lastSurname, t.firstName),
    // GIN cannot lead with tenant_id without btree_gin; callers filter tenant_id separately.
    index('idx_student_metadata_gin')
      .using('gin', t.metadata)
      .where(sql`"metadata" IS NOT NULL`),
    ...descriptorRef('student', t.birthCountryDescriptorId),
    ...descriptorRef('student', t.birthSexDescriptorId),
    ...descriptorRef('student', t.birthStateAbbreviationDescriptorId),
    ...descriptorRef('student', t.citizenshipStatusDescriptorId),
  ],
);
