/**
 * Seed 000 `users.*`: the schools, students and teachers of the live-classroom product.
 * Every row belongs to a tenant (a district or a school).
 */
import { boolean, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { usersSchema } from '../../../platform/db/pg-schemas.js';
import { createdAt, tenantFk, tenantKey, tenantKeys, updatedAt } from '../../../platform/db/schema-kit.js';
import { school as edfiSchool } from '../../edfi/tables.js';

/** A school of the tenant (the target of every seed-000 `school_id`). */
// seed: 000_c57cf13880429c4c.txt §users.schools
export const schools = usersSchema.table(
  'schools',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    domain: text('domain'),
    /**
     * Not in seed 000: the Ed-Fi school this is, where the district keeps both. School administrators
     * (bound to Ed-Fi school ids) reach the live sessions of their schools through it.
     */
    edfiSchoolId: integer('edfi_school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('schools', t.tenantId, t.id),
    tenantFk('schools_edfi_school_fkey', [t.tenantId, t.edfiSchoolId], [edfiSchool.tenantId, edfiSchool.schoolId]),
  ],
);

/** A student, with the consent flags FERPA/COPPA require before recording or sharing. */
// seed: 000_c57cf13880429c4c.txt §users.students
export const students = usersSchema.table(
  'students',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name'),
    displayName: text('display_name'),
    email: text('email'),
    schoolId: uuid('school_id'),
    gradeLevel: text('grade_level'),
    status: text('status'),
    hasParentalConsent: boolean('has_parental_consent'),
    consentDate: timestamp('consent_date', { withTimezone: true }),
    parentEmail: text('parent_email'),
    emailConsent: boolean('email_consent'),
    coppaCompliant: boolean('coppa_compliant'),
    teacherVerifiedAge: boolean('teacher_verified_age'),
    dataSharingConsent: boolean('data_sharing_consent'),
    audioRecordingConsent: boolean('audio_recording_consent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('students', t.tenantId, t.id),
    tenantFk('students_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    index('students_school_idx').on(t.tenantId, t.schoolId),
  ],
);

/** A teacher (the owner of classroom sessions). */
// seed: 000_c57cf13880429c4c.txt §users.teachers
export const teachers = usersSchema.table(
  'teachers',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    email: text('email'),
    name: text('name'),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('teachers', t.tenantId, t.id),
    tenantFk('teachers_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    index('teachers_school_idx').on(t.tenantId, t.schoolId),
  ],
);
