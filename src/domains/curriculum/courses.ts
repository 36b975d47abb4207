/**
 * Courses → levels → modules → lessons. Lessons keep a dense order 1…n within their module: adding,
 * moving and removing a lesson lock the module's row first, so concurrent edits never give two
 * lessons one place.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { tenantOrganization } from '../core/index.js';
import { curriculumErrors } from './errors.js';
import { CEFR_LEVELS, type CefrLevel } from './levels.js';
import {
  createCourseInput,
  createLevelInput,
  createModuleInput,
  lessonInput,
  moveLessonInput,
  updateLessonInput,
  type CourseView,
  type CreateCourseInput,
  type CreateModuleInput,
  type LessonInput,
  type LessonView,
  type UpdateLessonInput,
} from './schemas.js';
import { courseTypes, lessons, levels, modules } from './tables.js';

const CEFR_NAMES: Record<CefrLevel, string> = {
  A1: 'Beginner',
  A2: 'Elementary',
  B1: 'Intermediate',
  B2: 'Upper intermediate',
  C1: 'Advanced',
  C2: 'Proficient',
};
const notFound = (what: string, id: string) => new AppError('not_found', `No ${what} ${id}.`);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function lessonView(r: typeof lessons.$inferSelect): LessonView {
  return {
    id: r.id,
    moduleId: r.moduleId,
    title: r.title ?? '',
    contentMdx: r.contentMdx ?? '',
    order: r.order ?? 0,
    points: r.points ?? 0,
    estimatedMinutes: r.estimatedMinutes ?? null,
    objectives: strings(r.objectives),
    tasks: strings(r.tasks),
  };
}

export async function createCourse(work: Work, input: CreateCourseInput): Promise<CourseView> {
  const data = parseInput(createCourseInput, input);
  await work.authorize(courseTypes, 'write');
  const organizationId = await tenantOrganization(work);
  const id = ulid();
  const inserted = await work.tx
    .insert(courseTypes)
    .values({
      tenantId: work.tenantId,
      id,
      organizationId,
      code: data.code,
      name: data.name,
      description: data.description ?? null,
      color: data.color ?? null,
      isActive: true,
    })
    .onConflictDoNothing()
    .returning({ id: courseTypes.id });
  if (inserted.length === 0) throw curriculumErrors.course_code_taken(`A course "${data.code}" already exists.`);
  for (const code of new Set(data.levels)) await addLevel(work, id, { code });
  await work.audit({ table: courseTypes, recordId: id, operation: 'INSERT', newValues: data });
  return courseTree(work, id);
}

export async function addLevel(work: Work, courseTypeId: string, input: { code: string; name?: string }) {
  const data = parseInput(createLevelInput, input);
  await work.authorize(levels, 'write');
  const id = ulid();
  const inserted = await work.tx
    .insert(levels)
    .values({
      tenantId: work.tenantId,
      id,
      courseTypeId,
      code: data.code,
      name: data.name ?? CEFR_NAMES[data.code],
      order: CEFR_LEVELS.indexOf(data.code) + 1,
    })
    .onConflictDoNothing()
    .returning({ id: levels.id });
  if (inserted.length === 0) throw curriculumErrors.level_exists(`The course already has level ${data.code}.`);
  await work.audit({ table: levels, recordId: id, operation: 'INSERT', newValues: { courseTypeId, ...data } });
  return { id, code: data.code };
}

export async function addModule(work: Work, levelId: string, input: CreateModuleInput) {
  const data = parseInput(createModuleInput, input);
  await work.authorize(modules, 'write');
  const [level] = await work.tx
    .select()
    .from(levels)
    .where(and(eq(levels.tenantId, work.tenantId), eq(levels.id, levelId)))
    .for('update');
  if (!level) throw notFound('level', levelId);
  const [max] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT coalesce(max("order"), 0)::int AS n FROM curriculum.modules
      WHERE tenant_id = ${work.tenantId} AND level_id = ${levelId}`),
  );
  const id = ulid();
  const row = {
    tenantId: work.tenantId,
    id,
    levelId,
    code: data.code ?? null,
    name: data.name,
    description: data.description ?? null,
    order: (max?.n ?? 0) + 1,
    pointsRequired: data.pointsRequired ?? null,
    badgeId: data.badgeId ?? null,
  };
  await work.tx.insert(modules).values(row);
  await work.audit({ table: modules, recordId: id, operation: 'INSERT', newValues: row });
  return { id, levelId, code: row.code, name: row.name, order: row.order, lessons: [] as LessonView[] };
}

async function lockModule(work: Work, moduleId: string) {
  const [mod] = await work.tx
    .select()
    .from(modules)
    .where(and(eq(modules.tenantId, work.tenantId), eq(modules.id, moduleId)))
    .for('update');
  if (!mod) throw notFound('module', moduleId);
  return mod;
}

async function moduleLessons(work: Work, moduleId: string) {
  return work.tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.tenantId, work.tenantId), eq(lessons.moduleId, moduleId)))
    .orderBy(asc(lessons.order), asc(lessons.id));
}

/** Writes order 1…n in the given sequence. */
async function renumber(work: Work, ordered: { id: string }[]) {
  for (const [i, l] of ordered.entries()) {
    await work.tx
      .update(lessons)
      .set({ order: i + 1 })
      .where(and(eq(lessons.tenantId, work.tenantId), eq(lessons.id, l.id)));
  }
}

export async function addLesson(work: Work, moduleId: string, input: LessonInput): Promise<LessonView> {
  const data = parseInput(lessonInput, input);
  await work.authorize(lessons, 'write');
  await lockModule(work, moduleId);
  const existing = await moduleLessons(work, moduleId);
  const [row] = await work.tx
    .insert(lessons)
    .values({ tenantId: work.tenantId, id: ulid(), moduleId, ...data, order: existing.length + 1 })
    .returning();
  const view = lessonView(row!);
  await work.audit({ table: lessons, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}

async function lessonRow(work: Work, lessonId: string) {
  const [row] = await work.tx
    .select()
    .from(lessons)
    .where(and(eq(lessons.tenantId, work.tenantId), eq(lessons.id, lessonId)));
  if (!row) throw notFound('lesson', lessonId);
  return row;
}

export async function updateLesson(work: Work, lessonId: string, input: UpdateLessonInput): Promise<LessonView> {
  const data = parseInput(updateLessonInput, input);
  await work.authorize(lessons, 'write');
  const before = lessonView(await lessonRow(work, lessonId));
  const [row] = await work.tx
    .update(lessons)
    .set(data)
    .where(and(eq(lessons.tenantId, work.tenantId), eq(lessons.id, lessonId)))
    .returning();
  const view = lessonView(row!);
  await work.audit({ table: lessons, recordId: lessonId, operation: 'UPDATE', oldValues: before, newValues: view });
  return view;
}

/** Moves a lesson to `position` (1-based) in its module; the others shift. */
export async function moveLesson(work: Work, lessonId: string, input: { position: number }): Promise<LessonView[]> {
  const { position } = parseInput(moveLessonInput, input);
  await work.authorize(lessons, 'write');
  const lesson = await lessonRow(work, lessonId);
  await lockModule(work, lesson.moduleId);
  const list = (await moduleLessons(work, lesson.moduleId)).filter((l) => l.id !== lessonId);
  list.splice(Math.min(position, list.length + 1) - 1, 0, lesson);
  await renumber(work, list);
  await work.audit({ table: lessons, recordId: lessonId, operation: 'UPDATE', newValues: { position } });
  return (await moduleLessons(work, lesson.moduleId)).map(lessonView);
}

export async function removeLesson(work: Work, lessonId: string): Promise<void> {
  await work.authorize(lessons, 'delete');
  const lesson = await lessonRow(work, lessonId);
  await lockModule(work, lesson.moduleId);
  await work.tx.delete(lessons).where(and(eq(lessons.tenantId, work.tenantId), eq(lessons.id, lessonId)));
  await renumber(work, await moduleLessons(work, lesson.moduleId));
  await work.audit({ table: lessons, recordId: lessonId, operation: 'DELETE', oldValues: lessonView(lesson) });
}

/** A course with its levels (CEFR order), modules and lessons (their order). */
export async function courseTree(work: Work, courseTypeId: string): Promise<CourseView> {
  await work.authorize(courseTypes, 'read');
  const [course] = await work.tx
    .select()
    .from(courseTypes)
    .where(and(eq(courseTypes.tenantId, work.tenantId), eq(courseTypes.id, courseTypeId)));
  if (!course) throw notFound('course', courseTypeId);
  const lv = await work.tx
    .select()
    .from(levels)
    .where(and(eq(levels.tenantId, work.tenantId), eq(levels.courseTypeId, courseTypeId)))
    .orderBy(asc(levels.order));
  const mods = rowsOf<typeof modules.$inferSelect & Record<string, unknown>>(
    await work.tx.execute(sql`SELECT m.id, m.level_id AS "levelId", m.code, m.name, m."order" FROM curriculum.modules m
      JOIN curriculum.levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id
     WHERE m.tenant_id = ${work.tenantId} AND l.course_type_id = ${courseTypeId} ORDER BY m."order", m.id`),
  );
  const ls = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`SELECT ls.* FROM curriculum.lessons ls
      JOIN curriculum.modules m ON m.tenant_id = ls.tenant_id AND m.id = ls.module_id
      JOIN curriculum.levels l ON l.tenant_id = m.tenant_id AND l.id = m.level_id
     WHERE ls.tenant_id = ${work.tenantId} AND l.course_type_id = ${courseTypeId} ORDER BY ls."order", ls.id`),
  );
  const lessonsOf = (moduleId: string) =>
    ls
      .filter((l) => l.module_id === moduleId)
      .map((l) =>
        lessonView({
          tenantId: work.tenantId,
          id: String(l.id),
          moduleId,
          title: l.title as string | null,
          contentMdx: l.content_mdx as string | null,
          order: l.order as number | null,
          points: l.points as number | null,
          estimatedMinutes: l.estimated_minutes as number | null,
          objectives: l.objectives,
          tasks: l.tasks,
        }),
      );
  return {
    id: course.id,
    code: course.code ?? '',
    name: course.name ?? '',
    levels: lv.map((l) => ({
      id: l.id,
      code: l.code ?? '',
      name: l.name,
      order: l.order ?? 0,
      modules: mods
        .filter((m) => m.levelId === l.id)
        .map((m) => ({
          id: m.id,
          levelId: l.id,
          code: m.code ?? null,
          name: m.name ?? '',
          order: Number(m.order ?? 0),
          lessons: lessonsOf(m.id),
        })),
    })),
  };
}

export async function listCourses(work: Work) {
  await work.authorize(courseTypes, 'read');
  const rows = await work.tx
    .select()
    .from(courseTypes)
    .where(eq(courseTypes.tenantId, work.tenantId))
    .orderBy(asc(courseTypes.name));
  return rows.map((r) => ({ id: r.id, code: r.code ?? '', name: r.name ?? '', isActive: r.isActive ?? true }));
}
