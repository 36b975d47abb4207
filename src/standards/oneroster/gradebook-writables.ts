/**
 * The gradebook's four writable entities (category, score scale, line item, result): each a `Writable`, its
 * body schema and how a body becomes columns, link rows and the class or school it belongs to. The machinery
 * that writes any `Writable` (policy, references, audit) is gradebook-writes.ts.
 */
import * as tables from '../../domains/oneroster/tables.js';
import { LINKS, objectiveRows, objectiveScoreRows, replaceLinks, scaleRows } from './gradebook-links.js';
import * as g from './gradebook-resources.js';
import { invalidData } from './imsx-errors.js';
import { academicSession, course, klass, org } from './rostering-resources.js';
import { user } from './rostering-users.js';
import { columnOf, mustExist, type Writable, type WriteContext } from './gradebook-writes.js';

const classOfLineItem = (ctx: WriteContext, lineItemId: string) =>
  columnOf(ctx, 'oneroster.line_items', 'class_sourced_id', lineItemId);

const quote = (id: string | undefined) => (id === undefined ? 'none' : `"${id.slice(0, 100)}"`);

const categoryWrites: Writable<g.CategoryIn> = {
  table: tables.categories,
  entity: g.category,
  schema: g.WRITES.category.schema,
  async columns(ctx, b) {
    // Scope: a class (its school, if sent, must be the class's), else a school, else the tenant.
    await mustExist(ctx, klass, b.class?.sourcedId, 'class');
    await mustExist(ctx, org, b.school?.sourcedId, 'school');
    if (b.class && b.school) {
      const classSchool = await columnOf(ctx, 'oneroster.classes', 'school_sourced_id', b.class.sourcedId);
      if (classSchool !== b.school.sourcedId)
        throw invalidData(
          `school: class "${b.class.sourcedId.slice(0, 100)}" belongs to school ${quote(classSchool)}, ` +
            `not "${b.school.sourcedId.slice(0, 100)}".`,
        );
    }
    return {
      classId: b.class?.sourcedId,
      schoolOrgId: b.class ? undefined : b.school?.sourcedId,
      values: {
        title: b.title,
        weight: b.weight ?? null,
        schoolSourcedId: b.class ? null : (b.school?.sourcedId ?? null),
        classSourcedId: b.class?.sourcedId ?? null,
        metadata: b.metadata ?? null,
      },
    };
  },
  classOfRow: async (_ctx, row) => (row.classSourcedId ? String(row.classSourcedId) : undefined),
  schoolOfRow: async (_ctx, row) => (row.schoolSourcedId ? String(row.schoolSourcedId) : undefined),
};

const scoreScaleWrites: Writable<g.ScoreScaleIn> = {
  table: tables.scoreScales,
  entity: g.scoreScale,
  schema: g.WRITES.scoreScale.schema,
  async columns(ctx, b) {
    if (b.org && b.school && b.org.sourcedId !== b.school.sourcedId)
      throw invalidData('org and school name different orgs: send one of them.');
    const owner = b.org ?? b.school;
    await mustExist(ctx, klass, b.class?.sourcedId, 'class');
    await mustExist(ctx, course, b.course?.sourcedId, 'course');
    await mustExist(ctx, org, owner?.sourcedId, b.org ? 'org' : 'school');
    return {
      values: {
        name: b.title,
        scaleValues: b.scoreScaleValue,
        type: b.type ?? null,
        classSourcedId: b.class?.sourcedId ?? null,
        courseSourcedId: b.course?.sourcedId ?? null,
        orgSourcedId: owner?.sourcedId ?? null,
        metadata: b.metadata ?? null,
      },
    };
  },
};

const lineItemWrites: Writable<g.LineItemIn> = {
  table: tables.lineItems,
  entity: g.lineItem,
  schema: g.WRITES.lineItem.schema,
  async columns(ctx, b, sourcedId) {
    const session = b.academicSession ?? b.gradingPeriod;
    await mustExist(ctx, klass, b.class.sourcedId, 'class');
    await mustExist(ctx, g.category, b.category?.sourcedId, 'category');
    if (session) await mustExist(ctx, academicSession, session.sourcedId, 'academicSession');
    await mustExist(ctx, g.scoreScale, b.scoreScale?.sourcedId, 'scoreScale');
    if (b.school) {
      // The only school a line item can have is its class's (what leaving `school` out stores): that
      // one is accepted whatever its org type (a CSV may place classes under a district or local org),
      // any other is refused — existing or not.
      const classSchool = await columnOf(ctx, 'oneroster.classes', 'school_sourced_id', b.class.sourcedId);
      if (classSchool !== b.school.sourcedId)
        throw invalidData(
          `school: class "${b.class.sourcedId.slice(0, 100)}" belongs to school ${quote(classSchool)}, ` +
            `not "${b.school.sourcedId.slice(0, 100)}"; send that school or leave school out.`,
        );
    }
    const { tx, access } = ctx;
    return {
      classId: b.class.sourcedId,
      values: {
        title: b.title,
        description: b.description ?? null,
        assignDate: b.assignDate ?? null,
        dueDate: b.dueDate ?? null,
        classSourcedId: b.class.sourcedId,
        schoolSourcedId: b.school?.sourcedId ?? null,
        categorySourcedId: b.category?.sourcedId ?? null,
        gradingPeriodSourcedId: session?.sourcedId ?? null,
        resultValueMin: b.resultValueMin ?? null,
        resultValueMax: b.resultValueMax ?? null,
        metadata: b.metadata ?? null,
      },
      afterWrite: async () => {
        await replaceLinks(
          tx,
          access.tenantId,
          LINKS.lineItemObjectives,
          sourcedId,
          objectiveRows(b.learningObjectiveSet),
        );
        await replaceLinks(tx, access.tenantId, LINKS.lineItemScoreScales, sourcedId, scaleRows(b.scoreScale));
      },
    };
  },
  classOfRow: async (_ctx, row) => String(row.classSourcedId),
  links: [LINKS.lineItemObjectives, LINKS.lineItemScoreScales],
};

const resultWrites: Writable<g.ResultIn> = {
  table: tables.results,
  entity: g.result,
  schema: g.WRITES.result.schema,
  async columns(ctx, b, sourcedId) {
    await mustExist(ctx, g.lineItem, b.lineItem.sourcedId, 'lineItem');
    await mustExist(ctx, user, b.student.sourcedId, 'student');
    await mustExist(ctx, g.scoreScale, b.scoreScale?.sourcedId, 'scoreScale');
    const classId = await classOfLineItem(ctx, b.lineItem.sourcedId);
    if (b.class && b.class.sourcedId !== classId)
      throw invalidData(
        `class: lineItem "${b.lineItem.sourcedId.slice(0, 100)}" belongs to class ${quote(classId)}, ` +
          `not "${b.class.sourcedId.slice(0, 100)}".`,
      );
    const { tx, access } = ctx;
    return {
      classId,
      values: {
        lineItemSourcedId: b.lineItem.sourcedId,
        studentSourcedId: b.student.sourcedId,
        scoreStatus: b.scoreStatus,
        score: b.score ?? null,
        textScore: b.textScore ?? null,
        scoreDate: b.scoreDate ?? null,
        comment: b.comment ?? null,
        inProgress: b.inProgress ?? null,
        incomplete: b.incomplete ?? null,
        late: b.late ?? null,
        missing: b.missing ?? null,
        metadata: b.metadata ?? null,
      },
      afterWrite: async () => {
        await replaceLinks(
          tx,
          access.tenantId,
          LINKS.resultObjectives,
          sourcedId,
          objectiveScoreRows(b.learningObjectiveSet),
        );
        await replaceLinks(tx, access.tenantId, LINKS.resultScoreScales, sourcedId, scaleRows(b.scoreScale));
      },
    };
  },
  classOfRow: (ctx, row) => classOfLineItem(ctx, String(row.lineItemSourcedId)),
  links: [LINKS.resultObjectives, LINKS.resultScoreScales],
};

export const GRADEBOOK_WRITES = {
  category: categoryWrites,
  lineItem: lineItemWrites,
  result: resultWrites,
  scoreScale: scoreScaleWrites,
};
