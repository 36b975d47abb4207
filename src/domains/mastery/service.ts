/**
 * Mastery learning (two-hour learning, seed 004 §10): daily targets, lesson attempts (XP and the
 * mastery score), test-outs and MAP results, applying the rules of rules.ts. `student_id` is the
 * student's Ed-Fi studentUniqueId: an unknown one is refused (422 naming `studentId`).
 *
 * Under concurrency: one skill's attempts are serialised by a transaction-scoped advisory lock on
 * (tenant, student, subject, skill), so each attempt sees the score the previous one left (and only
 * the very first is "first"); a day's targets are planned once (unique index, ON CONFLICT DO NOTHING);
 * progress on a target takes its row lock.
 */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { studentByUniqueId } from '../edfi/index.js';
import { masteryErrors } from './errors.js';
import {
  DAILY_PLAN,
  GRADE_LEVELS,
  dailyPlan,
  lessonXp,
  mapPlacement,
  masteryAfterMiss,
  masteryAfterPass,
  masteryLevel,
  MASTERED_SCORE,
  nextDayLessons,
  PASS_ACCURACY,
  targetCompleted,
  testOutPassed,
} from './rules.js';
import {
  lessonAttemptInput,
  mapResultInput,
  targetProgressInput,
  testOutInput,
  type LessonAttemptInput,
  type MapResultInput,
  type ProgressView,
  type TargetView,
  type TestOutInput,
} from './schemas.js';
import { dailyTargets, mapTestResults, masteryProgress } from './tables.js';

type TargetRow = typeof dailyTargets.$inferSelect;
type ProgressRow = typeof masteryProgress.$inferSelect;

/** The student behind a studentUniqueId, authorized for `action` on `table`; 422 when unknown. */
async function knownStudent(
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

function progressView(row: ProgressRow): ProgressView {
  return {
    studentId: row.studentId,
    subjectId: row.subjectId,
    skillId: row.skillId,
    masteryScore: row.masteryScore,
    currentLevel: row.currentLevel ?? masteryLevel(row.masteryScore),
    mastered: row.masteryDate !== null,
    masteryDate: row.masteryDate?.toISOString() ?? null,
    attemptsCount: row.attemptsCount ?? 0,
    timeSpentMinutes: row.timeSpentMinutes ?? 0,
    lastAssessmentScore: row.lastAssessmentScore,
    xpEarned: row.xpEarned,
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

/** The progress row of one skill, locked for this unit of work (created at score 0 when new). */
async function lockedSkill(work: Work, key: { studentId: string; subjectId: string; skillId: string }) {
  const skillLockKey = `mastery:${work.tenantId}:${key.studentId}:${key.subjectId}:${key.skillId}`;
  await work.tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${skillLockKey}, 0))`);
  const where = and(
    eq(masteryProgress.tenantId, work.tenantId),
    eq(masteryProgress.studentId, key.studentId),
    eq(masteryProgress.subjectId, key.subjectId),
    eq(masteryProgress.skillId, key.skillId),
  );
  const [row] = await work.tx.select().from(masteryProgress).where(where);
  return { row, where };
}

async function saveSkill(
  work: Work,
  key: { studentId: string; subjectId: string; skillId: string },
  before: ProgressRow | undefined,
  values: Partial<typeof masteryProgress.$inferInsert> & { masteryScore: number },
): Promise<ProgressRow> {
  const mastered = before?.masteryDate ?? (values.masteryScore >= MASTERED_SCORE ? work.now : null);
  const set = {
    ...values,
    currentLevel: masteryLevel(values.masteryScore),
    masteryDate: mastered,
    updatedAt: work.now,
  };
  const [after] = before
    ? await work.tx
        .update(masteryProgress)
        .set(set)
        .where(and(eq(masteryProgress.tenantId, work.tenantId), eq(masteryProgress.progressId, before.progressId)))
        .returning()
    : await work.tx
        .insert(masteryProgress)
        .values({ tenantId: work.tenantId, ...key, ...set })
        .returning();
  await work.audit({
    table: masteryProgress,
    recordId: after!.progressId,
    operation: before ? 'UPDATE' : 'INSERT',
    oldValues: before ? progressView(before) : undefined,
    newValues: progressView(after!),
  });
  return after!;
}

/**
 * Records one lesson attempt on a skill: XP by accuracy and whether it is the skill's first attempt;
 * a pass (≥ 80 %) raises the mastery score, a miss lowers it.
 */
export async function recordLessonAttempt(work: Work, input: LessonAttemptInput) {
  const data = parseInput(lessonAttemptInput, input);
  await knownStudent(work, data.studentId, masteryProgress, 'write');
  const { row: before } = await lockedSkill(work, data);
  const firstAttempt = (before?.attemptsCount ?? 0) === 0;
  const xp = lessonXp(data.baseXp, data.accuracy, firstAttempt);
  const passed = data.accuracy >= PASS_ACCURACY;
  const score = before?.masteryScore ?? 0;
  const after = await saveSkill(work, data, before, {
    masteryScore: passed ? masteryAfterPass(score) : masteryAfterMiss(score),
    attemptsCount: (before?.attemptsCount ?? 0) + 1,
    timeSpentMinutes: (before?.timeSpentMinutes ?? 0) + data.minutes,
    lastAssessmentScore: data.accuracy,
    xpEarned: (before?.xpEarned ?? 0) + xp,
  });
  return { ...progressView(after), xp, passed, firstAttempt };
}

/** A test-out: at ≥ 90 the skill is mastered at once (score 100); below, nothing but the attempt is recorded. */
export async function testOut(work: Work, input: TestOutInput) {
  const data = parseInput(testOutInput, input);
  await knownStudent(work, data.studentId, masteryProgress, 'write');
  const { row: before } = await lockedSkill(work, data);
  const testedOut = testOutPassed(data.score);
  const after = await saveSkill(work, data, before, {
    masteryScore: testedOut ? 100 : (before?.masteryScore ?? 0),
    attemptsCount: (before?.attemptsCount ?? 0) + 1,
    lastAssessmentScore: data.score,
  });
  return { ...progressView(after), testedOut };
}

export async function studentProgress(work: Work, studentId: string) {
  await knownStudent(work, studentId, masteryProgress, 'read');
  const rows = await work.tx
    .select()
    .from(masteryProgress)
    .where(and(eq(masteryProgress.tenantId, work.tenantId), eq(masteryProgress.studentId, studentId)))
    .orderBy(masteryProgress.subjectId, masteryProgress.skillId);
  return { studentId, skills: rows.map(progressView) };
}

/** Stores a MAP result (RIT and national percentile) and answers where it places the student. */
export async function recordMapResult(work: Work, input: MapResultInput) {
  const data = parseInput(mapResultInput, input);
  const student = await knownStudent(work, data.studentId, mapTestResults, 'write');
  const [row] = await work.tx
    .insert(mapTestResults)
    .values({
      tenantId: work.tenantId,
      studentId: data.studentId,
      subject: data.subject,
      testDate: data.testDate,
      ritScore: data.ritScore,
      percentile: data.percentile,
      growthProjection: data.growthProjection,
      instructionalAreas: data.instructionalAreas,
    })
    .returning();
  const enrolled = GRADE_LEVELS.findIndex((g) => g.toLowerCase() === student.gradeLevel?.toLowerCase());
  const placed = enrolled < 0 ? null : mapPlacement(enrolled, data.percentile);
  const view = {
    testId: row!.testId,
    studentId: row!.studentId,
    subject: row!.subject,
    testDate: row!.testDate,
    ritScore: row!.ritScore,
    percentile: row!.percentile!,
    placement: placed
      ? {
          enrolledGrade: GRADE_LEVELS[enrolled]!,
          placementGrade: GRADE_LEVELS[placed.grade]!,
          advanced: placed.advanced,
        }
      : null,
  };
  await work.audit({ table: mapTestResults, recordId: view.testId, operation: 'INSERT', newValues: view });
  return view;
}
