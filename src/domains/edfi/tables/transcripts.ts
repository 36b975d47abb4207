/** Ed-Fi course transcripts (a student's final record of each course) and the grading scales behind GPA. */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, smallint, timestamp, varchar } from 'drizzle-orm/pg-core';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import { checkRange, checkSql, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { educationOrganization, school } from './education-organizations.js';
import { student } from './people.js';
import { course } from './teaching-learning.js';

// Ed-Fi 5.2 CourseTranscript (not in seed 004): a student's final record of a course in a term.
/** A course a student took in a school's term: final grade, credits attempted and earned (GPA's input). */
export const courseTranscript = edfiSchema.table(
  'coursetranscript',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    courseCode: varchar('coursecode', { length: 60 }).notNull(),
    courseEducationOrganizationId: integer('courseeducationorganizationid').notNull(),
    educationOrganizationId: integer('educationorganizationid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    termDescriptorId: integer('termdescriptorid').notNull(),
    courseTitle: varchar('coursetitle', { length: 60 }),
    attemptedCredits: numeric('attemptedcredits', { precision: 9, scale: 3, mode: 'number' }).notNull(),
    earnedCredits: numeric('earnedcredits', { precision: 9, scale: 3, mode: 'number' }).notNull(),
    finalLetterGradeEarned: varchar('finallettergradeearned', { length: 20 }),
    finalNumericGradeEarned: numeric('finalnumericgradeearned', { precision: 9, scale: 2, mode: 'number' }),
    // Schola extension: the grade points of the letter on the school's scale, and the course's GPA level then.
    gradePoints: numeric('gradepoints', { precision: 4, scale: 2, mode: 'number' }),
    gpaLevel: varchar('gpalevel', { length: 20 }).notNull().default('regular'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys(
      'coursetranscript',
      t.tenantId,
      t.studentUSI,
      t.courseCode,
      t.courseEducationOrganizationId,
      t.educationOrganizationId,
      t.schoolYear,
      t.termDescriptorId,
    ),
    resourceKey('coursetranscript', t.tenantId, t.id),
    tenantFk('coursetranscript_studentusi_fkey', [t.tenantId, t.studentUSI], [student.tenantId, student.studentUSI]),
    tenantFk(
      'coursetranscript_course_fkey',
      [t.tenantId, t.courseCode, t.courseEducationOrganizationId],
      [course.tenantId, course.courseCode, course.educationOrganizationId],
    ),
    index('coursetranscript_course_idx').on(t.tenantId, t.courseCode, t.courseEducationOrganizationId),
    tenantFk(
      'coursetranscript_educationorganizationid_fkey',
      [t.tenantId, t.educationOrganizationId],
      [educationOrganization.tenantId, educationOrganization.educationOrganizationId],
    ),
    index('coursetranscript_educationorganizationid_idx').on(t.tenantId, t.educationOrganizationId, t.schoolYear),
    ...descriptorRef('coursetranscript', t.termDescriptorId),
    checkSql('coursetranscript_credits_check', sql`attemptedcredits >= 0 AND earnedcredits >= 0`),
    checkRange('coursetranscript_gradepoints_check', t.gradePoints, 0, 6),
  ],
);

// Schola extension (not Ed-Fi): how a school turns percentages into letters and letters into grade points.
/**
 * A school's grading policy: its letter scale (highest first: letter, minimum percent, grade points,
 * passing) and the weighted-GPA add-ons for honors and AP courses. A school without a row uses the
 * default A–F scale (GRADING_DEFAULTS in src/domains/edfi/grades/schemas.ts).
 */
export const schoolGradingPolicy = edfiSchema.table(
  'schoolgradingpolicy',
  {
    tenantId: tenantKey(),
    schoolId: integer('schoolid').notNull(),
    scale: jsonb('scale').notNull(),
    honorsAddOn: numeric('honorsaddon', { precision: 3, scale: 2, mode: 'number' }).notNull().default(0.5),
    apAddOn: numeric('apaddon', { precision: 3, scale: 2, mode: 'number' }).notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: varchar('updated_by', { length: 255 }),
  },
  (t) => [
    ...tenantKeys('schoolgradingpolicy', t.tenantId, t.schoolId),
    tenantFk(
      'schoolgradingpolicy_schoolid_fkey',
      [t.tenantId, t.schoolId],
      [school.tenantId, school.schoolId],
      'cascade',
    ),
    checkRange('schoolgradingpolicy_honorsaddon_check', t.honorsAddOn, 0, 2),
    checkRange('schoolgradingpolicy_apaddon_check', t.apAddOn, 0, 2),
  ],
);
