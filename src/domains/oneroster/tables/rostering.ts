/**
 * OneRoster rostering: academic sessions, courses, classes and enrollments (seed 004 §9, §14).
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, text, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { orCommon, orDateLastModified, orMetadata, orStatus, sourcedId } from './common.js';
import { orgs, users } from './people.js';

/** Terms and years: school years, semesters, terms, grading periods (term → year via parent). */
// seed: 004_c704a79166da158a.txt §9
export const academicSessions = onerosterSchema.table(
  'academic_sessions',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    type: varchar('type', { length: 50 }).notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    parentSourcedId: sourcedId('parent_sourced_id'),
    schoolYear: varchar('school_year', { length: 10 }),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('academic_sessions', t.tenantId, t.sourcedId),
    ...orCommon('academic_sessions', t),
    checkIn('academic_sessions_type_check', t.type, ['gradingPeriod', 'semester', 'schoolYear', 'term']),
    tenantFk('academic_sessions_parent_sourced_id_fkey', [t.tenantId, t.parentSourcedId], [t.tenantId, t.sourcedId]),
    index('academic_sessions_parent_sourced_id_idx').on(t.tenantId, t.parentSourcedId),
  ],
);

/** Course templates offered by a school or district for a school year. */
// seed: 004_c704a79166da158a.txt §9
export const courses = onerosterSchema.table(
  'courses',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    // Optional in OneRoster 1.2 (CSV binding 1.2.1), although seed 004 declares it NOT NULL.
    schoolYearSourcedId: sourcedId('school_year_sourced_id'),
    courseCode: varchar('course_code', { length: 100 }),
    grades: text('grades').array(),
    subjects: text('subjects').array(),
    // OneRoster 1.2 course.subjectCodes (SCED codes); not in the seed.
    subjectCodes: text('subject_codes').array(),
    orgSourcedId: sourcedId('org_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('courses', t.tenantId, t.sourcedId),
    ...orCommon('courses', t),
    tenantFk(
      'courses_school_year_sourced_id_fkey',
      [t.tenantId, t.schoolYearSourcedId],
      [academicSessions.tenantId, academicSessions.sourcedId],
    ),
    tenantFk('courses_org_sourced_id_fkey', [t.tenantId, t.orgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    index('courses_school_year_sourced_id_idx').on(t.tenantId, t.schoolYearSourcedId),
    index('courses_org_sourced_id_idx').on(t.tenantId, t.orgSourcedId),
  ],
);

/** Classes: the actual sections of a course at a school. */
// seed: 004_c704a79166da158a.txt §9, indexes §14
export const classes = onerosterSchema.table(
  'classes',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    classCode: varchar('class_code', { length: 100 }),
    classType: varchar('class_type', { length: 50 }).default('scheduled'),
    location: varchar('location', { length: 255 }),
    grades: text('grades').array(),
    subjects: text('subjects').array(),
    // OneRoster 1.2 class.subjectCodes and class.periods; not in the seed.
    subjectCodes: text('subject_codes').array(),
    periods: text('periods').array(),
    courseSourcedId: sourcedId('course_sourced_id').notNull(),
    schoolSourcedId: sourcedId('school_sourced_id').notNull(),
    // Array of academic_sessions sourcedIds: PostgreSQL cannot enforce FKs on array elements.
    termSourcedIds: text('term_sourced_ids').array().notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('classes', t.tenantId, t.sourcedId),
    ...orCommon('classes', t),
    checkIn('classes_class_type_check', t.classType, ['homeroom', 'scheduled']),
    tenantFk('classes_course_sourced_id_fkey', [t.tenantId, t.courseSourcedId], [courses.tenantId, courses.sourcedId]),
    tenantFk('classes_school_sourced_id_fkey', [t.tenantId, t.schoolSourcedId], [orgs.tenantId, orgs.sourcedId]),
    // §14: the school's active classes.
    index('idx_or_classes_school')
      .on(t.tenantId, t.schoolSourcedId)
      .where(sql`"status" = 'active'`),
    // §14: GIN cannot lead with the uuid tenant_id without btree_gin; queries add tenant_id anyway.
    index('idx_or_metadata_gin')
      .using('gin', t.metadata)
      .where(sql`"metadata" IS NOT NULL`),
    // Full (non-partial) FK indexes: FK checks and delta listings also reach tobedeleted rows.
    index('classes_school_sourced_id_idx').on(t.tenantId, t.schoolSourcedId),
    index('classes_course_sourced_id_idx').on(t.tenantId, t.courseSourcedId),
    index('classes_term_sourced_ids_idx').using('gin', t.termSourcedIds),
  ],
);

/** User ↔ class membership (students, teachers, proctors, administrators). */
// seed: 004_c704a79166da158a.txt §9, indexes §14
export const enrollments = onerosterSchema.table(
  'enrollments',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    userSourcedId: sourcedId('user_sourced_id').notNull(),
    classSourcedId: sourcedId('class_sourced_id').notNull(),
    schoolSourcedId: sourcedId('school_sourced_id').notNull(),
    role: varchar('role', { length: 50 }).notNull(),
    primaryEnrollment: boolean('primary_enrollment').default(true),
    beginDate: date('begin_date'),
    endDate: date('end_date'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('enrollments', t.tenantId, t.sourcedId),
    ...orCommon('enrollments', t),
    // OneRoster 1.2 enrollment roles (the seed's "aide" is a 1.2 user role, not an enrollment role).
    checkIn('enrollments_role_check', t.role, ['administrator', 'proctor', 'student', 'teacher']),
    tenantFk(
      'enrollments_user_sourced_id_fkey',
      [t.tenantId, t.userSourcedId],
      [users.tenantId, users.sourcedId],
      'cascade',
    ),
    tenantFk(
      'enrollments_class_sourced_id_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    tenantFk('enrollments_school_sourced_id_fkey', [t.tenantId, t.schoolSourcedId], [orgs.tenantId, orgs.sourcedId]),
    // §14: a user's active classes and a class's active roster.
    index('idx_or_enrollments_user')
      .on(t.tenantId, t.userSourcedId)
      .where(sql`"status" = 'active'`),
    index('idx_or_enrollments_class')
      .on(t.tenantId, t.classSourcedId)
      .where(sql`"status" = 'active'`),
    // Full (non-partial) FK indexes: cascades and delta listings also reach tobedeleted rows.
    index('enrollments_user_sourced_id_idx').on(t.tenantId, t.userSourcedId),
    index('enrollments_class_sourced_id_idx').on(t.tenantId, t.classSourcedId),
    index('enrollments_school_sourced_id_idx').on(t.tenantId, t.schoolSourcedId),
  ],
);
