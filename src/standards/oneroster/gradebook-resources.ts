/**
 * The OneRoster 1.2 gradebook entities over oneroster.categories, line_items, results and
 * score_scales, each described once as a model (model.ts: the REST entity and the CSV file are derived
 * from it), and the zod schemas of the PUT/POST bodies.
 *
 * Mapping decisions: lineItem `academicSession` (1.2; 1.1's `gradingPeriod` is accepted on writes) is
 * grading_period_sourced_id; lineItem `school` is school_sourced_id when stored (POST
 * /schools/{id}/lineItems, a PUT naming it, the CSV), else the class's school; result `class` is the
 * line item's (not stored twice); assignDate/dueDate are dates (a date-time sent is cut to its date);
 * scoreScale `title` is score_scales.name, `scoreScaleValue` the scale_values JSON array, and its
 * owner `class`/`course`/`org` (the CSV's classSourcedId/courseSourcedId/orgSourcedId; `org` is an
 * extension of the REST object, `school` is accepted for it on writes). lineItem/result `scoreScale`
 * and `learningObjectiveSet` live in the link tables (gradebook-links.ts). Result booleans
 * (inProgress, incomplete, late, missing) are the binding's "true"/"false" strings.
 * Scores are stored exactly as sent (numeric(10,4)): a score above resultValueMax is kept — extra
 * credit is real — and `exempt` results keep their status.
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import * as or from '../../domains/oneroster/tables.js';
import { type Entity, classInSchools } from './entity-kit.js';
import {
  lineItemObjectivesField,
  lineItemScoreScaleField,
  objectiveScoreSetIn,
  objectiveSetIn,
  resultObjectivesField,
  resultScoreScaleField,
} from './gradebook-links.js';
import { base, bool, computed, date, entityOf, field, model, num, oneOf, refTo, str } from './model.js';
import { relateCategories, relateLineItems, relateResults } from './relationships.js';

/**
 * A category's `school` and `class` (extensions of the 1.2 object, like scoreScale `org`) say which
 * classes may use it: neither = every class of the tenant, a school = its classes, a class = that one.
 */
export const categoryModel = model(or.categories, {
  file: 'categories',
  rest: {
    singular: 'category',
    plural: 'categories',
    // Tenant-wide categories are every school's; scoped ones belong to their school or class's school.
    confine: (schools) =>
      sql`((t.school_sourced_id IS NULL AND t.class_sourced_id IS NULL)
      OR t.school_sourced_id IN ${schools}
      OR ${classInSchools('t.class_sourced_id', schools)})`,
    relate: relateCategories,
  },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    num('weight', 'weight'),
    // REST extensions: categories.csv has no school or class column.
    refTo('school', 'schoolSourcedId', 'orgs', { csv: undefined }),
    refTo('class', 'classSourcedId', 'classes', { csv: undefined }),
  ],
});
export const category: Entity = entityOf(categoryModel);

/** The categories a class may use (SQL over `t` = oneroster.categories, `classId` a bound class sourcedId). */
export const categoriesOfClass = (classId: SQL) =>
  sql`(t.class_sourced_id = ${classId}
    OR (t.class_sourced_id IS NULL AND (t.school_sourced_id IS NULL
      OR t.school_sourced_id = (SELECT c.school_sourced_id FROM oneroster.classes c
                                 WHERE c.tenant_id = t.tenant_id AND c.sourced_id = ${classId})))
    OR t.sourced_id IN (SELECT li.category_sourced_id FROM oneroster.line_items li
                         WHERE li.tenant_id = t.tenant_id AND li.class_sourced_id = ${classId}
                           AND li.status = 'active'))`;

export const SCORE_STATUSES = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'] as const;

export const lineItemModel = model(or.lineItems, {
  file: 'lineItems',
  rest: {
    singular: 'lineItem',
    plural: 'lineItems',
    confine: (schools) => classInSchools('t.class_sourced_id', schools),
    relate: relateLineItems,
  },
  fields: [
    ...base(),
    str('title', 'title', { required: true }),
    str('description', 'description'),
    date('assignDate', 'assignDate'),
    date('dueDate', 'dueDate'),
    refTo('class', 'classSourcedId', 'classes', { required: true }),
    refTo('category', 'categorySourcedId', 'categories'),
    refTo('academicSession', 'gradingPeriodSourcedId', 'academicSessions'),
    // REST only: the link tables (lineItemScoreScales.csv, lineItemLearningObjectiveIds.csv) nested.
    computed('scoreScale', lineItemScoreScaleField),
    num('resultValueMin', 'resultValueMin'),
    num('resultValueMax', 'resultValueMax'),
    computed('learningObjectiveSet', lineItemObjectivesField),
    // The CSV carries the stored school; REST falls back to the class's school when none is stored.
    refTo('school', 'schoolSourcedId', 'orgs', {
      restAs: {
        sql: `coalesce(t.school_sourced_id, (SELECT c.school_sourced_id FROM oneroster.classes c
                                             WHERE c.tenant_id = t.tenant_id AND c.sourced_id = t.class_sourced_id))`,
      },
    }),
  ],
});
export const lineItem: Entity = entityOf(lineItemModel);

const LINE_ITEM_CLASS =
  '(SELECT li.class_sourced_id FROM oneroster.line_items li ' +
  'WHERE li.tenant_id = t.tenant_id AND li.sourced_id = t.line_item_sourced_id)';

export const resultModel = model(or.results, {
  file: 'results',
  rest: {
    singular: 'result',
    plural: 'results',
    confine: (schools) => classInSchools(LINE_ITEM_CLASS, schools),
    relate: relateResults,
  },
  fields: [
    ...base(),
    refTo('lineItem', 'lineItemSourcedId', 'lineItems', { required: true }),
    refTo('student', 'studentSourcedId', 'users', { required: true }),
    oneOf('scoreStatus', 'scoreStatus', SCORE_STATUSES, true),
    num('score', 'score'),
    field('scoreDate', 'scoreDate', 'dateOrDatetime'),
    str('comment', 'comment'),
    str('textScore', 'textScore'),
    // Not stored twice: a result's class is its line item's (the CSV import checks a row agrees).
    {
      rest: 'class',
      csv: 'classSourcedId',
      kind: 'id',
      ref: 'classes',
      derived: { sql: LINE_ITEM_CLASS, what: "the line item's class", staged: '_class_sourced_id' },
    },
    bool('inProgress', 'inProgress'),
    bool('incomplete', 'incomplete'),
    bool('late', 'late'),
    bool('missing', 'missing'),
    // REST only: the link tables (resultScoreScales.csv, resultLearningObjectiveIds.csv) nested.
    computed('scoreScale', resultScoreScaleField),
    computed('learningObjectiveSet', resultObjectivesField),
  ],
});
export const result: Entity = entityOf(resultModel);

export const scoreScaleModel = model(or.scoreScales, {
  file: 'scoreScales',
  rest: { singular: 'scoreScale', plural: 'scoreScales' },
  fields: [
    ...base(),
    str('title', 'name', { required: true }),
    str('type', 'type'),
    refTo('org', 'orgSourcedId', 'orgs'),
    refTo('course', 'courseSourcedId', 'courses'),
    refTo('class', 'classSourcedId', 'classes'),
    field('scoreScaleValue', 'scaleValues', 'scoreScaleValue', { required: true }),
  ],
});
export const scoreScale: Entity = entityOf(scoreScaleModel);

// Writes ------------------------------------------------------------------------------------------

export const refIn = z.object({ sourcedId: z.string().min(1).max(255) });
const dateIn = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date (YYYY-MM-DD) or date-time')
  .refine((v) => !Number.isNaN(Date.parse(v.slice(0, 10))), 'is not a calendar date')
  .transform((v) => v.slice(0, 10));
/** OneRoster's TrueFalseEnum ("true"/"false", any case); a JSON boolean is taken as well. */
export const trueFalseIn = z
  .preprocess(
    (v) => (typeof v === 'boolean' ? String(v) : typeof v === 'string' ? v.toLowerCase() : v),
    z.enum(['true', 'false']),
  )
  .transform((v) => v === 'true');
export const dateTimeIn = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date-time')
  .transform((v) => new Date(v));
export const common = {
  sourcedId: z.string().min(1).max(255).optional(),
  status: z.enum(['active', 'tobedeleted']).optional(),
  dateLastModified: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
};
/** numeric(p, s): the column's range, so a too-large value is a 400, not a database error. */
export const numeric = (max: number) =>
  z
    .number()
    .finite()
    .refine((v) => Math.abs(v) < max, `must be smaller than ${max} in magnitude`);

/** Each writable entity: the body schema (unknown fields — extensions — are ignored) and its columns. */
export const WRITES = {
  category: {
    schema: z.object({
      ...common,
      title: z.string().min(1).max(255),
      weight: numeric(1e6).nullable().optional(),
      school: refIn.nullable().optional(),
      class: refIn.nullable().optional(),
    }),
  },
  lineItem: {
    schema: z.object({
      ...common,
      title: z.string().min(1).max(255),
      description: z.string().max(10_000).nullable().optional(),
      assignDate: dateIn.nullable().optional(),
      dueDate: dateIn.nullable().optional(),
      class: refIn,
      school: refIn.nullable().optional(),
      category: refIn.nullable().optional(),
      academicSession: refIn.nullable().optional(),
      gradingPeriod: refIn.nullable().optional(),
      scoreScale: refIn.nullable().optional(),
      resultValueMin: numeric(1e8).nullable().optional(),
      resultValueMax: numeric(1e8).nullable().optional(),
      learningObjectiveSet: objectiveSetIn.nullable().optional(),
    }),
  },
  result: {
    schema: z.object({
      ...common,
      lineItem: refIn,
      student: refIn,
      class: refIn.nullable().optional(),
      scoreScale: refIn.nullable().optional(),
      scoreStatus: z.enum(SCORE_STATUSES),
      score: numeric(1e6).nullable().optional(),
      textScore: z.string().max(255).nullable().optional(),
      scoreDate: dateTimeIn.nullable().optional(),
      comment: z.string().max(10_000).nullable().optional(),
      learningObjectiveSet: objectiveScoreSetIn.nullable().optional(),
      inProgress: trueFalseIn.nullable().optional(),
      incomplete: trueFalseIn.nullable().optional(),
      late: trueFalseIn.nullable().optional(),
      missing: trueFalseIn.nullable().optional(),
    }),
  },
  scoreScale: {
    schema: z.object({
      ...common,
      title: z.string().min(1).max(255),
      type: z.string().max(255).nullable().optional(),
      class: refIn.nullable().optional(),
      course: refIn.nullable().optional(),
      org: refIn.nullable().optional(),
      school: refIn.nullable().optional(),
      scoreScaleValue: z
        .array(z.object({ itemValueLHS: z.string().max(255), itemValueRHS: z.string().max(255) }).passthrough())
        .max(1000),
    }),
  },
};

export type LineItemIn = z.infer<typeof WRITES.lineItem.schema>;
export type ResultIn = z.infer<typeof WRITES.result.schema>;
export type CategoryIn = z.infer<typeof WRITES.category.schema>;
export type ScoreScaleIn = z.infer<typeof WRITES.scoreScale.schema>;
