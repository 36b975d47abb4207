/**
 * A student's skills: lesson attempts (XP and the mastery score), test-outs, their progress, and MAP
 * results with the placement they give, applying the rules of rules.ts. One skill's attempts are
 * serialised by a transaction-scoped advisory lock on (tenant, student, subject, skill).
 */
import { and, eq, sql } from 'drizzle-orm';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { knownStudent } from './service.js';
import {
  GRADE_LEVELS,
  lessonXp,
  mapPlacement,
  masteryAfterMiss,
  masteryAfterPass,
  masteryLevel,
  MASTERED_SCORE,
  PASS_ACCURACY,
  testOutPassed,
} from './rules.js';
import {
  lessonAttemptInput,
  mapResultInput,
  testOutInput,
  type LessonAttemptInput,
  type MapResultInput,
  type ProgressView,
  type TestOutInput,
} from './schemas.js';
import { mapTestResults, masteryProgress } from './tables.js';

type ProgressRow = typeof masteryProgress.$inferSelect;

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
