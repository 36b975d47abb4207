/**
 * OneRoster gradebook and resources: categories, line items, results, score scales, resources
 * (seed 004 §9).
 */
import { boolean, date, index, jsonb, numeric, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { orCommon, orDateLastModified, orMetadata, orStatus, sourcedId } from './common.js';
import { orgs, users } from './people.js';
import { academicSessions, classes, courses } from './rostering.js';

/** Grade categories ("Homework", "Tests", "Quizzes"). */
// seed: 004_c704a79166da158a.txt §9
export const categories = onerosterSchema.table(
  'categories',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    // OneRoster 1.2 category weight (share of the class grade); not in the seed.
    weight: numeric('weight', { precision: 10, scale: 4, mode: 'number' }),
    // Which classes may use the category (not in the seed): neither = every class of the tenant, a
    // school = that school's classes, a class = that class only.
    schoolSourcedId: sourcedId('school_sourced_id'),
    classSourcedId: sourcedId('class_sourced_id'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('categories', t.tenantId, t.sourcedId),
    ...orCommon('categories', t),
    tenantFk('categories_school_sourced_id_fkey', [t.tenantId, t.schoolSourcedId], [orgs.tenantId, orgs.sourcedId]),
    tenantFk(
      'categories_class_sourced_id_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    index('categories_school_sourced_id_idx').on(t.tenantId, t.schoolSourcedId),
    index('categories_class_sourced_id_idx').on(t.tenantId, t.classSourcedId),
  ],
);

/** Gradebook assignments of a class. */
// seed: 004_c704a79166da158a.txt §9
export const lineItems = onerosterSchema.table(
  'line_items',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    description: text('description'),
    assignDate: date('assign_date'),
    dueDate: date('due_date'),
    classSourcedId: sourcedId('class_sourced_id').notNull(),
    categorySourcedId: sourcedId('category_sourced_id'),
    // OneRoster 1.1 gradingPeriodSourcedId = 1.2 academicSessionSourcedId.
    gradingPeriodSourcedId: sourcedId('grading_period_sourced_id'),
    // OneRoster 1.2 lineItem.school: set by POST /schools/{id}/lineItems and the CSV's
    // schoolSourcedId; when empty, the class's school is the line item's school.
    schoolSourcedId: sourcedId('school_sourced_id'),
    resultValueMin: numeric('result_value_min', { precision: 10, scale: 2, mode: 'number' }),
    resultValueMax: numeric('result_value_max', { precision: 10, scale: 2, mode: 'number' }),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('line_items', t.tenantId, t.sourcedId),
    ...orCommon('line_items', t),
    tenantFk(
      'line_items_class_sourced_id_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    tenantFk(
      'line_items_category_sourced_id_fkey',
      [t.tenantId, t.categorySourcedId],
      [categories.tenantId, categories.sourcedId],
    ),
    tenantFk(
      'line_items_grading_period_sourced_id_fkey',
      [t.tenantId, t.gradingPeriodSourcedId],
      [academicSessions.tenantId, academicSessions.sourcedId],
    ),
    index('line_items_class_sourced_id_idx').on(t.tenantId, t.classSourcedId),
    index('line_items_category_sourced_id_idx').on(t.tenantId, t.categorySourcedId),
    index('line_items_grading_period_sourced_id_idx').on(t.tenantId, t.gradingPeriodSourcedId),
    tenantFk('line_items_school_sourced_id_fkey', [t.tenantId, t.schoolSourcedId], [orgs.tenantId, orgs.sourcedId]),
    index('line_items_school_sourced_id_idx').on(t.tenantId, t.schoolSourcedId),
  ],
);

/** A student's score on a line item. */
// seed: 004_c704a79166da158a.txt §9
export const results = onerosterSchema.table(
  'results',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    lineItemSourcedId: sourcedId('line_item_sourced_id').notNull(),
    studentSourcedId: sourcedId('student_sourced_id').notNull(),
    scoreStatus: varchar('score_status', { length: 50 }),
    score: numeric('score', { precision: 10, scale: 4, mode: 'number' }),
    scoreDate: timestamp('score_date', { withTimezone: true }),
    comment: text('comment'),
    // OneRoster 1.2 result fields the seed omits.
    textScore: varchar('text_score', { length: 255 }),
    inProgress: boolean('in_progress'),
    incomplete: boolean('incomplete'),
    late: boolean('late'),
    missing: boolean('missing'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('results', t.tenantId, t.sourcedId),
    ...orCommon('results', t),
    // OneRoster 1.2 scoreStatus vocabulary (the seed's "graded" is 1.2's "fully graded").
    checkIn('results_score_status_check', t.scoreStatus, [
      'exempt',
      'fully graded',
      'not submitted',
      'partially graded',
      'submitted',
    ]),
    tenantFk(
      'results_line_item_sourced_id_fkey',
      [t.tenantId, t.lineItemSourcedId],
      [lineItems.tenantId, lineItems.sourcedId],
      'cascade',
    ),
    tenantFk(
      'results_student_sourced_id_fkey',
      [t.tenantId, t.studentSourcedId],
      [users.tenantId, users.sourcedId],
      'cascade',
    ),
    index('results_line_item_sourced_id_idx').on(t.tenantId, t.lineItemSourcedId),
    index('results_student_sourced_id_idx').on(t.tenantId, t.studentSourcedId),
  ],
);

/** Grading scales (A=90-100, B=80-89…). */
// seed: 004_c704a79166da158a.txt §9
export const scoreScales = onerosterSchema.table(
  'score_scales',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    name: varchar('name', { length: 255 }).notNull(),
    scaleValues: jsonb('scale_values').notNull(),
    // OneRoster 1.2 scoreScale type and owner (org, course or class); not in the seed.
    type: varchar('type', { length: 255 }),
    orgSourcedId: sourcedId('org_sourced_id'),
    courseSourcedId: sourcedId('course_sourced_id'),
    classSourcedId: sourcedId('class_sourced_id'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('score_scales', t.tenantId, t.sourcedId),
    ...orCommon('score_scales', t),
    tenantFk('score_scales_org_sourced_id_fkey', [t.tenantId, t.orgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    tenantFk(
      'score_scales_course_sourced_id_fkey',
      [t.tenantId, t.courseSourcedId],
      [courses.tenantId, courses.sourcedId],
    ),
    tenantFk(
      'score_scales_class_sourced_id_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    index('score_scales_org_sourced_id_idx').on(t.tenantId, t.orgSourcedId),
    index('score_scales_course_sourced_id_idx').on(t.tenantId, t.courseSourcedId),
    index('score_scales_class_sourced_id_idx').on(t.tenantId, t.classSourcedId),
  ],
);

/** Learning materials offered by vendors/applications. */
// seed: 004_c704a79166da158a.txt §9
export const resources = onerosterSchema.table(
  'resources',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    // Optional in OneRoster 1.2 (Resource.title; CSV binding 1.2.1), although seed 004 declares it NOT NULL.
    title: varchar('title', { length: 255 }),
    vendorResourceId: varchar('vendor_resource_id', { length: 255 }),
    vendorId: varchar('vendor_id', { length: 255 }),
    applicationId: varchar('application_id', { length: 255 }),
    roles: text('roles').array(),
    importance: varchar('importance', { length: 50 }),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('resources', t.tenantId, t.sourcedId),
    ...orCommon('resources', t),
    checkIn('resources_importance_check', t.importance, ['primary', 'secondary']),
  ],
);
