/**
 * OneRoster 1.2 Assessment Results (the gradebook's assessmentLineItems / assessmentResults): scores
 * of assessments that need not belong to a class (state tests, benchmarks), possibly nested (a test
 * and its sub-tests through parentAssessmentLineItem). Not in the seed; the CSV binding has no file
 * for them, so their learning-objective sets are kept as JSON (REST shape) instead of link tables.
 */
import { boolean, index, jsonb, numeric, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { orCommon, orDateLastModified, orMetadata, orStatus, sourcedId } from './common.js';
import { scoreScales } from './gradebook.js';
import { users } from './people.js';
import { classes } from './rostering.js';

/** An assessment (or one part of it) results are recorded against. */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 AssessmentLineItem
export const assessmentLineItems = onerosterSchema.table(
  'assessment_line_items',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    title: varchar('title', { length: 255 }).notNull(),
    description: text('description'),
    classSourcedId: sourcedId('class_sourced_id'),
    parentSourcedId: sourcedId('parent_sourced_id'),
    scoreScaleSourcedId: sourcedId('score_scale_sourced_id'),
    resultValueMin: numeric('result_value_min', { precision: 10, scale: 4, mode: 'number' }),
    resultValueMax: numeric('result_value_max', { precision: 10, scale: 4, mode: 'number' }),
    // [{source, learningObjectiveIds: [..]}], as REST sends it.
    learningObjectiveSet: jsonb('learning_objective_set'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('assessment_line_items', t.tenantId, t.sourcedId),
    ...orCommon('assessment_line_items', t),
    tenantFk(
      'assessment_line_items_class_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    // A part of an assessment (sub-test) names the whole it belongs to.
    tenantFk('assessment_line_items_parent_fkey', [t.tenantId, t.parentSourcedId], [t.tenantId, t.sourcedId]),
    tenantFk(
      'assessment_line_items_score_scale_fkey',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
    ),
    index('assessment_line_items_class_idx').on(t.tenantId, t.classSourcedId),
    index('assessment_line_items_parent_idx').on(t.tenantId, t.parentSourcedId),
    index('assessment_line_items_score_scale_idx').on(t.tenantId, t.scoreScaleSourcedId),
  ],
);

/** A student's result on an assessment line item. */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 AssessmentResult
export const assessmentResults = onerosterSchema.table(
  'assessment_results',
  {
    tenantId: tenantKey(),
    sourcedId: sourcedId().notNull(),
    status: orStatus(),
    dateLastModified: orDateLastModified(),
    assessmentLineItemSourcedId: sourcedId('assessment_line_item_sourced_id').notNull(),
    studentSourcedId: sourcedId('student_sourced_id').notNull(),
    score: numeric('score', { precision: 10, scale: 4, mode: 'number' }),
    textScore: varchar('text_score', { length: 255 }),
    scoreDate: timestamp('score_date', { withTimezone: true }),
    scoreScaleSourcedId: sourcedId('score_scale_sourced_id'),
    scorePercentile: numeric('score_percentile', { precision: 7, scale: 4, mode: 'number' }),
    scoreStatus: varchar('score_status', { length: 50 }).notNull(),
    comment: text('comment'),
    learningObjectiveSet: jsonb('learning_objective_set'),
    inProgress: boolean('in_progress'),
    incomplete: boolean('incomplete'),
    late: boolean('late'),
    missing: boolean('missing'),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('assessment_results', t.tenantId, t.sourcedId),
    ...orCommon('assessment_results', t),
    checkIn('assessment_results_score_status_check', t.scoreStatus, [
      'exempt',
      'fully graded',
      'not submitted',
      'partially graded',
      'submitted',
    ]),
    tenantFk(
      'assessment_results_line_item_fkey',
      [t.tenantId, t.assessmentLineItemSourcedId],
      [assessmentLineItems.tenantId, assessmentLineItems.sourcedId],
      'cascade',
    ),
    tenantFk(
      'assessment_results_student_fkey',
      [t.tenantId, t.studentSourcedId],
      [users.tenantId, users.sourcedId],
      'cascade',
    ),
    tenantFk(
      'assessment_results_score_scale_fkey',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
    ),
    index('assessment_results_line_item_idx').on(t.tenantId, t.assessmentLineItemSourcedId),
    index('assessment_results_student_idx').on(t.tenantId, t.studentSourcedId),
    index('assessment_results_score_scale_idx').on(t.tenantId, t.scoreScaleSourcedId),
  ],
);
