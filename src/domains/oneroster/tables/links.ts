/**
 * OneRoster 1.2 link tables the seed omits (CSV binding 1.2.1): learning-objective and score-scale
 * links of line items and results, and the class / course / user resource assignments.
 * Each is a OneRoster object of its own (sourcedId, status, dateLastModified), as in the CSV files;
 * the REST API shows them inside their owner (lineItem.learningObjectiveSet, lineItem.scoreScale,
 * /classes/{id}/resources…).
 */
import { index, numeric, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { orCommon, orDateLastModified, orMetadata, orStatus, sourcedId } from './common.js';
import { lineItems, resources, results, scoreScales } from './gradebook.js';
import { orgs, users } from './people.js';
import { classes, courses } from './rostering.js';

const objectColumns = () => ({
  tenantId: tenantKey(),
  sourcedId: sourcedId().notNull(),
  status: orStatus(),
  dateLastModified: orDateLastModified(),
});

/** A learning objective a line item assesses (lineItemLearningObjectiveIds.csv). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 lineItemLearningObjectiveIds
export const lineItemLearningObjectives = onerosterSchema.table(
  'line_item_learning_objectives',
  {
    ...objectColumns(),
    lineItemSourcedId: sourcedId('line_item_sourced_id').notNull(),
    // The framework the identifier belongs to: 'CASE' or 'Unknown' (1.2 vocabulary, open).
    source: varchar('source', { length: 255 }).notNull(),
    learningObjectiveId: varchar('learning_objective_id', { length: 255 }).notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('line_item_learning_objectives', t.tenantId, t.sourcedId),
    ...orCommon('line_item_learning_objectives', t),
    tenantFk(
      'li_learning_objectives_line_item_fkey',
      [t.tenantId, t.lineItemSourcedId],
      [lineItems.tenantId, lineItems.sourcedId],
      'cascade',
    ),
    index('li_learning_objectives_line_item_idx').on(t.tenantId, t.lineItemSourcedId),
  ],
);

/** A score scale a line item is graded on (lineItemScoreScales.csv). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 lineItemScoreScales
export const lineItemScoreScales = onerosterSchema.table(
  'line_item_score_scales',
  {
    ...objectColumns(),
    title: varchar('title', { length: 255 }),
    lineItemSourcedId: sourcedId('line_item_sourced_id').notNull(),
    scoreScaleSourcedId: sourcedId('score_scale_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('line_item_score_scales', t.tenantId, t.sourcedId),
    ...orCommon('line_item_score_scales', t),
    tenantFk(
      'li_score_scales_line_item_fkey',
      [t.tenantId, t.lineItemSourcedId],
      [lineItems.tenantId, lineItems.sourcedId],
      'cascade',
    ),
    tenantFk(
      'li_score_scales_score_scale_fkey',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
      'cascade',
    ),
    index('li_score_scales_line_item_idx').on(t.tenantId, t.lineItemSourcedId),
    index('li_score_scales_score_scale_idx').on(t.tenantId, t.scoreScaleSourcedId),
  ],
);

/** A student's score on one learning objective of a result (resultLearningObjectiveIds.csv). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 resultLearningObjectiveIds
export const resultLearningObjectives = onerosterSchema.table(
  'result_learning_objectives',
  {
    ...objectColumns(),
    resultSourcedId: sourcedId('result_sourced_id').notNull(),
    source: varchar('source', { length: 255 }).notNull(),
    learningObjectiveId: varchar('learning_objective_id', { length: 255 }).notNull(),
    score: numeric('score', { precision: 10, scale: 4, mode: 'number' }),
    textScore: varchar('text_score', { length: 255 }),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('result_learning_objectives', t.tenantId, t.sourcedId),
    ...orCommon('result_learning_objectives', t),
    tenantFk(
      'result_learning_objectives_result_fkey',
      [t.tenantId, t.resultSourcedId],
      [results.tenantId, results.sourcedId],
      'cascade',
    ),
    index('result_learning_objectives_result_idx').on(t.tenantId, t.resultSourcedId),
  ],
);

/** The score scale a result is expressed on (resultScoreScales.csv). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 resultScoreScales
export const resultScoreScales = onerosterSchema.table(
  'result_score_scales',
  {
    ...objectColumns(),
    title: varchar('title', { length: 255 }),
    resultSourcedId: sourcedId('result_sourced_id').notNull(),
    scoreScaleSourcedId: sourcedId('score_scale_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('result_score_scales', t.tenantId, t.sourcedId),
    ...orCommon('result_score_scales', t),
    tenantFk(
      'result_score_scales_result_fkey',
      [t.tenantId, t.resultSourcedId],
      [results.tenantId, results.sourcedId],
      'cascade',
    ),
    tenantFk(
      'result_score_scales_score_scale_fkey',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
      'cascade',
    ),
    index('result_score_scales_result_idx').on(t.tenantId, t.resultSourcedId),
    index('result_score_scales_score_scale_idx').on(t.tenantId, t.scoreScaleSourcedId),
  ],
);

/** A resource assigned to a class (classResources.csv; REST /classes/{id}/resources). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 classResources
export const classResources = onerosterSchema.table(
  'class_resources',
  {
    ...objectColumns(),
    title: varchar('title', { length: 255 }),
    classSourcedId: sourcedId('class_sourced_id').notNull(),
    resourceSourcedId: sourcedId('resource_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('class_resources', t.tenantId, t.sourcedId),
    ...orCommon('class_resources', t),
    tenantFk(
      'class_resources_class_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    tenantFk(
      'class_resources_resource_fkey',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
    index('class_resources_class_idx').on(t.tenantId, t.classSourcedId),
    index('class_resources_resource_idx').on(t.tenantId, t.resourceSourcedId),
  ],
);

/** A resource assigned to a course (courseResources.csv; REST /courses/{id}/resources). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 courseResources
export const courseResources = onerosterSchema.table(
  'course_resources',
  {
    ...objectColumns(),
    title: varchar('title', { length: 255 }),
    courseSourcedId: sourcedId('course_sourced_id').notNull(),
    resourceSourcedId: sourcedId('resource_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('course_resources', t.tenantId, t.sourcedId),
    ...orCommon('course_resources', t),
    tenantFk(
      'course_resources_course_fkey',
      [t.tenantId, t.courseSourcedId],
      [courses.tenantId, courses.sourcedId],
      'cascade',
    ),
    tenantFk(
      'course_resources_resource_fkey',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
    index('course_resources_course_idx').on(t.tenantId, t.courseSourcedId),
    index('course_resources_resource_idx').on(t.tenantId, t.resourceSourcedId),
  ],
);

/** A resource assigned to a user, optionally within an org or class (userResources.csv; REST /users/{id}/resources). */
// seed: 004_c704a79166da158a.txt §9 (not in the seed) — OneRoster 1.2 userResources
export const userResources = onerosterSchema.table(
  'user_resources',
  {
    ...objectColumns(),
    userSourcedId: sourcedId('user_sourced_id').notNull(),
    orgSourcedId: sourcedId('org_sourced_id'),
    classSourcedId: sourcedId('class_sourced_id'),
    resourceSourcedId: sourcedId('resource_sourced_id').notNull(),
    metadata: orMetadata(),
  },
  (t) => [
    ...tenantKeys('user_resources', t.tenantId, t.sourcedId),
    ...orCommon('user_resources', t),
    tenantFk('user_resources_user_fkey', [t.tenantId, t.userSourcedId], [users.tenantId, users.sourcedId], 'cascade'),
    tenantFk('user_resources_org_fkey', [t.tenantId, t.orgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    tenantFk(
      'user_resources_class_fkey',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    tenantFk(
      'user_resources_resource_fkey',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
    index('user_resources_user_idx').on(t.tenantId, t.userSourcedId),
    index('user_resources_org_idx').on(t.tenantId, t.orgSourcedId),
    index('user_resources_class_idx').on(t.tenantId, t.classSourcedId),
    index('user_resources_resource_idx').on(t.tenantId, t.resourceSourcedId),
  ],
);
