/** Ed-Fi core gradebook (seed 004 §1): a section's gradebook entries, students' scores, Schola's categories. */
import { boolean, date, index, integer, numeric, smallint, time, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { edfiSchema } from '../../../platform/db/pg-schemas.js';
import {
  checkRange,
  checkSql,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
} from '../../../platform/db/schema-kit.js';
import { createDate, descriptorRef, resourceColumns, resourceKey } from './descriptors.js';
import { gradingPeriod } from './calendar.js';
import { student } from './people.js';
import { section } from './teaching-learning.js';

// Schola extension (not Ed-Fi): a section's gradebook categories and their weights.
/**
 * A gradebook category of a section (homework, quizzes, tests…): its weight in the period grade (percent;
 * a section's weights need not add up to 100 — the grade renormalises over the categories that have scores)
 * and how many of its lowest scores are dropped. OneRoster's categories are its face.
 */
export const gradebookCategory = edfiSchema.table(
  'gradebookcategory',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    name: varchar('name', { length: 60 }).notNull(),
    weightPercent: numeric('weightpercent', { precision: 5, scale: 2, mode: 'number' }).notNull(),
    dropLowest: smallint('droplowest').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...tenantKeys('gradebookcategory', t.tenantId, t.id),
    tenantUnique(
      'gradebookcategory_section_name_key',
      t.tenantId,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
      t.name,
    ),
    tenantFk(
      'gradebookcategory_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
      'cascade',
    ),
    checkRange('gradebookcategory_weight_check', t.weightPercent, 0, 100),
    checkRange('gradebookcategory_droplowest_check', t.dropLowest, 0, 10),
  ],
);

// seed: 004 §1 GradebookEntry
/** An assignment/assessment in a section's gradebook. */
export const gradebookEntry = edfiSchema.table(
  'gradebookentry',
  {
    tenantId: tenantKey(),
    gradebookEntryIdentifier: varchar('gradebookentryidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    description: varchar('description', { length: 1024 }),
    dateAssigned: date('dateassigned').notNull(),
    dueDate: date('duedate'),
    dueTime: time('duetime'),
    gradebookEntryTypeDescriptorId: integer('gradebookentrytypedescriptorid'),
    sectionIdentifier: varchar('sectionidentifier', { length: 255 }).notNull(),
    localCourseCode: varchar('localcoursecode', { length: 60 }).notNull(),
    schoolId: integer('schoolid').notNull(),
    schoolYear: smallint('schoolyear').notNull(),
    // Ed-Fi 5.2 GradebookEntry.maxPoints; null = scores are percentages (out of 100).
    maxPoints: numeric('maxpoints', { precision: 9, scale: 2, mode: 'number' }),
    // Ed-Fi 5.2 gradingPeriodReference (the section's school and year).
    gradingPeriodDescriptorId: integer('gradingperioddescriptorid'),
    // Schola extension: the category it counts in (null: not counted in the period grade).
    categoryId: uuid('categoryid'),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('gradebookentry', t.tenantId, t.gradebookEntryIdentifier, t.namespace),
    resourceKey('gradebookentry', t.tenantId, t.id),
    tenantFk(
      'gradebookentry_section_fkey',
      [t.tenantId, t.sectionIdentifier, t.localCourseCode, t.schoolId, t.schoolYear],
      [section.tenantId, section.sectionIdentifier, section.localCourseCode, section.schoolId, section.schoolYear],
    ),
    index('gradebookentry_section_idx').on(
      t.tenantId,
      t.sectionIdentifier,
      t.localCourseCode,
      t.schoolId,
      t.schoolYear,
    ),
    ...descriptorRef('gradebookentry', t.gradebookEntryTypeDescriptorId),
    ...descriptorRef('gradebookentry', t.gradingPeriodDescriptorId),
    tenantFk(
      'gradebookentry_gradingperiod_fkey',
      [t.tenantId, t.gradingPeriodDescriptorId, t.schoolId, t.schoolYear],
      [
        gradingPeriod.tenantId,
        gradingPeriod.gradingPeriodDescriptorId,
        gradingPeriod.schoolId,
        gradingPeriod.schoolYear,
      ],
    ),
    tenantFk(
      'gradebookentry_category_fkey',
      [t.tenantId, t.categoryId],
      [gradebookCategory.tenantId, gradebookCategory.id],
    ),
    index('gradebookentry_category_idx').on(t.tenantId, t.categoryId),
    checkSql('gradebookentry_maxpoints_check', sql`maxpoints IS NULL OR maxpoints > 0`),
  ],
);

// seed: 004 §1 StudentGradebookEntry
/** A student's score on a gradebook entry. */
export const studentGradebookEntry = edfiSchema.table(
  'studentgradebookentry',
  {
    tenantId: tenantKey(),
    studentUSI: integer('studentusi').notNull(),
    gradebookEntryIdentifier: varchar('gradebookentryidentifier', { length: 60 }).notNull(),
    namespace: varchar('namespace', { length: 255 }).notNull(),
    dateFulfilled: timestamp('datefulfilled', { withTimezone: true }),
    letterGradeEarned: varchar('lettergradeearned', { length: 20 }),
    numericGradeEarned: numeric('numericgradeearned', { precision: 9, scale: 2, mode: 'number' }),
    diagnosticStatement: varchar('diagnosticstatement', { length: 1024 }),
    // Ed-Fi 5.2 StudentGradebookEntry.pointsEarned (out of the entry's maxPoints).
    pointsEarned: numeric('pointsearned', { precision: 9, scale: 2, mode: 'number' }),
    // Schola extension: excused from the item (not counted), turned in late, not turned in (counts as 0).
    exempt: boolean('exempt').notNull().default(false),
    late: boolean('late').notNull().default(false),
    missing: boolean('missing').notNull().default(false),
    createDate: createDate(),
    ...resourceColumns(),
  },
  (t) => [
    ...tenantKeys('studentgradebookentry', t.tenantId, t.studentUSI, t.gradebookEntryIdentifier, t.namespace),
    resourceKey('studentgradebookentry', t.tenantId, t.id),
    tenantFk(
      'studentgradebookentry_studentusi_fkey',
      [t.tenantId, t.studentUSI],
      [student.tenantId, student.studentUSI],
    ),
    tenantFk(
      'studentgradebookentry_gradebookentry_fkey',
      [t.tenantId, t.gradebookEntryIdentifier, t.namespace],
      [gradebookEntry.tenantId, gradebookEntry.gradebookEntryIdentifier, gradebookEntry.namespace],
    ),
    index('studentgradebookentry_gradebookentry_idx').on(t.tenantId, t.gradebookEntryIdentifier, t.namespace),
    checkSql('studentgradebookentry_pointsearned_check', sql`pointsearned IS NULL OR pointsearned >= 0`),
  ],
);
