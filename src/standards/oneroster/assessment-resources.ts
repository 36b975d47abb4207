/**
 * The OneRoster 1.2 assessment entities of the Gradebook service — assessmentLineItems and
 * assessmentResults over oneroster.assessment_line_items / assessment_results — described once for
 * reads and writes.
 *
 * Mapping decisions: `parentAssessmentLineItem` is parent_sourced_id (a cycle is refused);
 * `learningObjectiveSet` is stored as sent (validated: [{source, learningObjectiveIds}] on line items,
 * [{source, learningObjectiveResults: [{learningObjectiveId, score?, textScore?}]}] on results) —
 * the CSV binding has no file for them, so no link tables; the booleans are "true"/"false" strings;
 * `scoreDate` is a date-time like result.scoreDate; `scorePercentile` is 0–100. Scores are kept as sent
 * (above resultValueMax included) and `exempt` keeps its status.
 * School confinement: a line item with a class belongs to the class's school; one without a class
 * (a district or state assessment) is reference data every school sees; a result follows its line
 * item's class, or, for a class-less line item, its student (roles, primary org or enrollments).
 * Relationship scopes (relationships.ts): a teacher, parent or student sees the line items of their
 * classes and the class-less ones; results of their learners (self, children) and, for a teacher,
 * every result of an assessment of a class they teach (as for gradebook results).
 * Writes pass the class's Ed-Fi school as the policy subject, so school-bound clients cannot write
 * class-less assessments (no school to check).
 */
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import * as tables from '../../domains/oneroster/tables.js';
import { rowsOf } from '../../platform/db/database.js';
import { type Entity, classInSchools } from './entity-kit.js';
import { objectiveScoreSetIn, objectiveSetIn } from './gradebook-links.js';
import { common, dateTimeIn, numeric, refIn, SCORE_STATUSES, scoreScale, trueFalseIn } from './gradebook-resources.js';
import { columnOf, mustExist, type Writable, type WriteContext } from './gradebook-writes.js';
import { invalidData } from './imsx-errors.js';
import { base, bool, entityOf, field, model, num, refTo, str } from './model.js';
import type { RelationSql } from './relationships.js';
import { klass } from './rostering-resources.js';
import { user } from './rostering-users.js';

const studentInSchools = (schools: SQL) =>
  sql`(t.student_sourced_id IN (SELECT r.user_sourced_id FROM oneroster.roles r WHERE r.tenant_id = t.tenant_id
    AND r.org_sourced_id IN ${schools})
    OR t.student_sourced_id IN (SELECT u.sourced_id FROM oneroster.users u WHERE u.tenant_id = t.tenant_id
      AND u.primary_org_sourced_id IN ${schools})
    OR t.student_sourced_id IN (SELECT e.user_sourced_id FROM oneroster.enrollments e WHERE e.tenant_id = t.tenant_id
      AND e.school_sourced_id IN ${schools}))`;

// The CSV binding has no file for assessments: REST only, so no `file` and no CSV names.
export const assessmentLineItemModel = model(tables.assessmentLineItems, {
  rest: {
    singular: 'assessmentLineItem',
    plural: 'assessmentLineItems',
    confine: (schools) => sql`(t.class_sourced_id IS NULL OR ${classInSchools('t.class_sourced_id', schools)})`,
    relate: (r: RelationSql) => sql`(t.class_sourced_id IS NULL OR t.class_sourced_id IN (${r.classes}))`,
  },
  fields: [
    ...base(),
    str('title', 'title'),
    str('description', 'description'),
    refTo('class', 'classSourcedId', 'classes'),
    refTo('parentAssessmentLineItem', 'parentSourcedId', 'assessmentLineItems'),
    refTo('scoreScale', 'scoreScaleSourcedId', 'scoreScales'),
    num('resultValueMin', 'resultValueMin'),
    num('resultValueMax', 'resultValueMax'),
    field('learningObjectiveSet', 'learningObjectiveSet', 'json'),
  ],
});
export const assessmentLineItem: Entity = entityOf(assessmentLineItemModel);

const LINE_ITEM_CLASS =
  '(SELECT a.class_sourced_id FROM oneroster.assessment_line_items a WHERE a.tenant_id = t.tenant_id AND ' +
  'a.sourced_id = t.assessment_line_item_sourced_id)';

export const assessmentResultModel = model(tables.assessmentResults, {
  rest: {
    singular: 'assessmentResult',
    plural: 'assessmentResults',
    confine: (schools) =>
      sql`(CASE WHEN ${sql.raw(LINE_ITEM_CLASS)} IS NULL THEN ${studentInSchools(schools)}
      ELSE ${classInSchools(LINE_ITEM_CLASS, schools)} END)`,
    relate: (r: RelationSql) =>
      sql`(t.student_sourced_id IN ${r.learners}
      OR t.assessment_line_item_sourced_id IN (SELECT a.sourced_id FROM oneroster.assessment_line_items a
        WHERE a.tenant_id = ${r.tenant} AND a.class_sourced_id IN (${r.taughtClasses})))`,
  },
  fields: [
    ...base(),
    refTo('assessmentLineItem', 'assessmentLineItemSourcedId', 'assessmentLineItems'),
    refTo('student', 'studentSourcedId', 'users'),
    num('score', 'score'),
    str('textScore', 'textScore'),
    field('scoreDate', 'scoreDate', 'datetime'),
    refTo('scoreScale', 'scoreScaleSourcedId', 'scoreScales'),
    num('scorePercentile', 'scorePercentile'),
    str('scoreStatus', 'scoreStatus'),
    str('comment', 'comment'),
    field('learningObjectiveSet', 'learningObjectiveSet', 'json'),
    bool('inProgress', 'inProgress'),
    bool('incomplete', 'incomplete'),
    bool('late', 'late'),
    bool('missing', 'missing'),
  ],
});
export const assessmentResult: Entity = entityOf(assessmentResultModel);

// Writes ------------------------------------------------------------------------------------------

const lineItemIn = z.object({
  ...common,
  title: z.string().min(1).max(255),
  description: z.string().max(10_000).nullable().optional(),
  class: refIn.nullable().optional(),
  parentAssessmentLineItem: refIn.nullable().optional(),
  scoreScale: refIn.nullable().optional(),
  resultValueMin: numeric(1e6).nullable().optional(),
  resultValueMax: numeric(1e6).nullable().optional(),
  learningObjectiveSet: objectiveSetIn.nullable().optional(),
});

const resultIn = z.object({
  ...common,
  assessmentLineItem: refIn,
  student: refIn,
  score: numeric(1e6).nullable().optional(),
  textScore: z.string().max(255).nullable().optional(),
  scoreDate: dateTimeIn.nullable().optional(),
  scoreScale: refIn.nullable().optional(),
  scorePercentile: z.number().finite().min(0).max(100).nullable().optional(),
  scoreStatus: z.enum(SCORE_STATUSES),
  comment: z.string().max(10_000).nullable().optional(),
  learningObjectiveSet: objectiveScoreSetIn.nullable().optional(),
  inProgress: trueFalseIn.nullable().optional(),
  incomplete: trueFalseIn.nullable().optional(),
  late: trueFalseIn.nullable().optional(),
  missing: trueFalseIn.nullable().optional(),
});

type LineItemIn = z.infer<typeof lineItemIn>;
type ResultIn = z.infer<typeof resultIn>;

/** Stored as the REST object shows it: a score or textScore sent as null is left out, like every null. */
const withoutNulls = (sets: ResultIn['learningObjectiveSet']) =>
  sets?.map((s) => ({
    source: s.source,
    learningObjectiveResults: s.learningObjectiveResults.map((r) =>
      Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== undefined)),
    ),
  })) ?? null;

const lineItemWrites: Writable<LineItemIn> = {
  table: tables.assessmentLineItems,
  entity: assessmentLineItem,
  schema: lineItemIn,
  async columns(ctx, b, sourcedId) {
    const parent = b.parentAssessmentLineItem?.sourcedId;
    await mustExist(ctx, klass, b.class?.sourcedId, 'class');
    await mustExist(ctx, assessmentLineItem, parent, 'parentAssessmentLineItem');
    await mustExist(ctx, scoreScale, b.scoreScale?.sourcedId, 'scoreScale');
    if (parent !== undefined) {
      // UNION (not UNION ALL) stops at a cycle already stored.
      const loop = rowsOf(
        await ctx.tx.execute(sql`WITH RECURSIVE up(id, parent) AS (
            SELECT sourced_id, parent_sourced_id FROM oneroster.assessment_line_items
              WHERE tenant_id = ${ctx.access.tenantId}::uuid AND sourced_id = ${parent}
            UNION SELECT a.sourced_id, a.parent_sourced_id FROM oneroster.assessment_line_items a JOIN up
              ON a.tenant_id = ${ctx.access.tenantId}::uuid AND a.sourced_id = up.parent)
          SELECT 1 FROM up WHERE id = ${sourcedId}`),
      );
      if (loop.length)
        throw invalidData(
          `parentAssessmentLineItem: "${parent.slice(0, 100)}" is this assessment line item or one of its parts (a ` +
            `cycle).`,
        );
    }
    return {
      classId: b.class?.sourcedId,
      values: {
        title: b.title,
        description: b.description ?? null,
        classSourcedId: b.class?.sourcedId ?? null,
        parentSourcedId: parent ?? null,
        scoreScaleSourcedId: b.scoreScale?.sourcedId ?? null,
        resultValueMin: b.resultValueMin ?? null,
        resultValueMax: b.resultValueMax ?? null,
        learningObjectiveSet: b.learningObjectiveSet ?? null,
        metadata: b.metadata ?? null,
      },
    };
  },
  classOfRow: async (_ctx, row) => (row.classSourcedId as string | null) ?? undefined,
};

const classOfAssessment = (ctx: WriteContext, id: string) =>
  columnOf(ctx, 'oneroster.assessment_line_items', 'class_sourced_id', id);

const resultWrites: Writable<ResultIn> = {
  table: tables.assessmentResults,
  entity: assessmentResult,
  schema: resultIn,
  async columns(ctx, b) {
    await mustExist(ctx, assessmentLineItem, b.assessmentLineItem.sourcedId, 'assessmentLineItem');
    await mustExist(ctx, user, b.student.sourcedId, 'student');
    await mustExist(ctx, scoreScale, b.scoreScale?.sourcedId, 'scoreScale');
    return {
      classId: await classOfAssessment(ctx, b.assessmentLineItem.sourcedId),
      values: {
        assessmentLineItemSourcedId: b.assessmentLineItem.sourcedId,
        studentSourcedId: b.student.sourcedId,
        score: b.score ?? null,
        textScore: b.textScore ?? null,
        scoreDate: b.scoreDate ?? null,
        scoreScaleSourcedId: b.scoreScale?.sourcedId ?? null,
        scorePercentile: b.scorePercentile ?? null,
        scoreStatus: b.scoreStatus,
        comment: b.comment ?? null,
        learningObjectiveSet: withoutNulls(b.learningObjectiveSet),
        inProgress: b.inProgress ?? null,
        incomplete: b.incomplete ?? null,
        late: b.late ?? null,
        missing: b.missing ?? null,
        metadata: b.metadata ?? null,
      },
    };
  },
  classOfRow: (ctx, row) => classOfAssessment(ctx, String(row.assessmentLineItemSourcedId)),
};

export const ASSESSMENT_WRITES = { assessmentLineItem: lineItemWrites, assessmentResult: resultWrites };
