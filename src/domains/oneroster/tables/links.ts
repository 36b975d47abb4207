/**
 * OneRoster 1.2 link tables the seed omits (CSV binding 1.2.1): learning-objective and score-scale
 * links of line items and results, and the class / course / user resource assignments.
 * Each is a OneRoster object of its own (sourcedId, status, dateLastModified), as in the CSV files;
 * the REST API shows them inside their owner (lineItem.learningObjectiveSet, lineItem.scoreScale,
 * /classes/{id}/resources…).
 */
import { numeric, varchar } from 'drizzle-orm/pg-core';
import { onerosterSchema } from '../../../platform/db/pg-schemas.js';
import { indexedTenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
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
    ...indexedTenantFk(
      'li_learning_objectives_line_item',
      [t.tenantId, t.lineItemSourcedId],
      [lineItems.tenantId, lineItems.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'li_score_scales_line_item',
      [t.tenantId, t.lineItemSourcedId],
      [lineItems.tenantId, lineItems.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk(
      'li_score_scales_score_scale',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'result_learning_objectives_result',
      [t.tenantId, t.resultSourcedId],
      [results.tenantId, results.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'result_score_scales_result',
      [t.tenantId, t.resultSourcedId],
      [results.tenantId, results.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk(
      'result_score_scales_score_scale',
      [t.tenantId, t.scoreScaleSourcedId],
      [scoreScales.tenantId, scoreScales.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'class_resources_class',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk(
      'class_resources_resource',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'course_resources_course',
      [t.tenantId, t.courseSourcedId],
      [courses.tenantId, courses.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk(
      'course_resources_resource',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
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
    ...indexedTenantFk(
      'user_resources_user',
      [t.tenantId, t.userSourcedId],
      [users.tenantId, users.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk('user_resources_org', [t.tenantId, t.orgSourcedId], [orgs.tenantId, orgs.sourcedId]),
    ...indexedTenantFk(
      'user_resources_class',
      [t.tenantId, t.classSourcedId],
      [classes.tenantId, classes.sourcedId],
      'cascade',
    ),
    ...indexedTenantFk(
      'user_resources_resource',
      [t.tenantId, t.resourceSourcedId],
      [resources.tenantId, resources.sourcedId],
      'cascade',
    ),
  ],
);
