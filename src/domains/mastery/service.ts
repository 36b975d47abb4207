/**
 * Mastery learning (two-hour learning, seed 004 §10): daily targets here; lesson attempts (XP and the
 * mastery score), test-outs and MAP results in skills.ts; the rules in rules.ts. `student_id` is the
 * student's Ed-Fi studentUniqueId: an unknown one is refused (422 naming `studentId`).
 *
 * Under concurrency: one skill's attempts are serialised by a transaction-scoped advisory lock on
 * (tenant, student, subject, skill), so each attempt sees the score the previous one left (and only
 * the very first is "first"); a day's targets are planned once (unique index, ON CONFLICT DO NOTHING);
 * progress on a target takes its row lock.
 */
import { and, desc, eq, lt } from 'drizzle-orm';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { studentByUniqueId } from '../edfi/index.js';
import { masteryErrors } from './errors.js';
import { DAILY_PLAN, dailyPlan, nextDayLessons, targetCompleted } from './rules.js';
import { targetProgressInput, type TargetView } from './schemas.js';
import { dailyTargets, type mapTestResults, type masteryProgress } from './tables.js';

type TargetRow = typeof dailyTargets.$inferSelect;

/** The student behind a studentUniqueId, authorized for `action` on `table`; 422 when unknown. */
export async function knownStudent(
  work: Work,
  studentId: string,
  table: typeof dailyTargets | typeof masteryProgress | typeof mapTestResults,
  action: 'read' | 'write',
) {
  const student = await studentByUniqueId(work.tx, studentId);
  if (!student) {
    throw masteryErrors.unknown_student(`No student with studentUniqueId "${studentId}".`, {
      validationErrors: { studentId: ['is not a known student (Ed-Fi studentUniqueId)'] },
    });
  }
  await work.authorize(table, action, { studentUsi: student.studentUsi });
  return student;
}

function targetView(row: TargetRow): TargetView {
  return {
    targetId: row.targetId,
    studentId: row.studentId,
    targetDate: row.targetDate,
    subjectId: row.subjectId,
    targetMinutes: row.targetMinutes,
    targetLessons: row.targetLessons,
    targetAccuracy: row.targetAccuracy,
    actualMinutes: row.actualMinutes,
    actualLessons: row.actualLessons,
    actualAccuracy: row.actualAccuracy,
    completed: row.completed ?? false,
  };
}

const dayTargets = (work: Work, studentId: string, date: string) =>
  work.tx
    .select()
    .from(dailyTargets)
    .where(
      and(
        eq(dailyTargets.tenantId, work.tenantId),
        eq(dailyTargets.studentId, studentId),
        eq(dailyTargets.targetDate, date),
      ),
    )
    .orderBy(dailyTargets.targetId);

/**
 * Plans a student's day (once; a second call returns the same targets): 4 × 25 minutes of core
 * subjects and a 20-minute block, each subject's lessons moved by its last day's accuracy band.
 */
export async function planDay(work: Work, studentId: string, date: string) {
  await knownStudent(work, studentId, dailyTargets, 'write');
  const plan = dailyPlan();
  const lessons = new Map<string, number>();
  for (const { subjectId } of plan) {
    const [last] = await work.tx
      .select({ lessons: dailyTargets.targetLessons, accuracy: dailyTargets.actualAccuracy })
      .from(dailyTargets)
      .where(
        and(
          eq(dailyTargets.tenantId, work.tenantId),
          eq(dailyTargets.studentId, studentId),
          eq(dailyTargets.subjectId, subjectId),
          lt(dailyTargets.targetDate, date),
        ),
      )
      .orderBy(desc(dailyTargets.targetDate))
      .limit(1);
    lessons.set(subjectId, last ? nextDayLessons(last.lessons, last.accuracy) : DAILY_PLAN.startLessons);
  }
  const created = await work.tx
    .insert(dailyTargets)
    .values(
      plan.map((p) => ({
        tenantId: work.tenantId,
        studentId,
        targetDate: date,
        subjectId: p.subjectId,
        targetMinutes: p.targetMinutes,
        targetLessons: lessons.get(p.subjectId)!,
        targetAccuracy: DAILY_PLAN.targetAccuracy,
        completed: false,
      })),
    )
    .onConflictDoNothing()
    .returning();
  if (created.length > 0) {
    await work.audit({
      table: dailyTargets,
      recordId: `${studentId}:${date}`,
      operation: 'INSERT',
      newValues: created.map(targetView),
    });
  }
  return { studentId, date, targets: (await dayTargets(work, studentId, date)).map(targetView) };
}

export async function dayPlan(work: Work, studentId: string, date: string) {
  await knownStudent(work, studentId, dailyTargets, 'read');
  return { studentId, date, targets: (await dayTargets(work, studentId, date)).map(targetView) };
}

/**
 * Records what a student did on one target. `completed` is derived (minutes and accuracy both met);
 * a caller claiming `completed: true` short of either is refused with 422 naming `completed`.
 */
export async function recordTargetProgress(work: Work, targetId: number, input: unknown): Promise<TargetView> {
  const data = parseInput(targetProgressInput, input);
  const [before] = await work.tx
    .select()
    .from(dailyTargets)
    .where(and(eq(dailyTargets.tenantId, work.tenantId), eq(dailyTargets.targetId, targetId)))
    .for('update');
  if (!before) throw new AppError('not_found', `No daily target ${targetId}.`);
  await knownStudent(work, before.studentId, dailyTargets, 'write');
  const completed = targetCompleted({
    ...data,
    targetMinutes: before.targetMinutes,
    targetAccuracy: before.targetAccuracy,
  });
  if (data.completed === true && !completed) {
    throw masteryErrors.target_not_met(
      `Target ${targetId} is not met: ${data.actualMinutes} of ${before.targetMinutes} minutes, ` +
        `accuracy ${data.actualAccuracy ?? 'none'} of ${before.targetAccuracy} %.`,
      { validationErrors: { completed: ['cannot be true before the minutes and accuracy targets are both met'] } },
    );
  }
  const [after] = await work.tx
    .update(dailyTargets)
    .set({
      actualMinutes: data.actualMinutes,
      actualLessons: data.actualLessons,
      actualAccuracy: data.actualAccuracy,
      completed,
    })
    .where(and(eq(dailyTargets.tenantId, work.tenantId), eq(dailyTargets.targetId, targetId)))
    .returning();
  const view = targetView(after!);
  await work.audit({
    table: dailyTargets,
    recordId: targetId,
    operation: 'UPDATE',
    oldValues: targetView(before),
    newValues: view,
  });
  return view;
}
