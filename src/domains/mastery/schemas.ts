/**
 * What the mastery-learning operations accept and answer (zod). Ranges come from rules.ts, the one
 * declaration tables.ts also turns into CHECK constraints. No server-only imports here.
 */
import { z } from 'zod';
import { MASTERY_RANGES as R } from './rules.js';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
/** The student's Ed-Fi studentUniqueId (what two_hour_learning.student_id holds). */
const studentId = z.string().trim().min(1, 'is required').max(32);
const subjectId = z.string().trim().min(1, 'is required').max(100);
const percent = z.number().min(R.score.min).max(R.score.max);
const minutes = z.number().int().min(0).max(R.minutesPerDay);

export const studentParams = z.strictObject({ studentId });
export const studentDayParams = z.strictObject({ studentId, date: isoDate });
export const targetParams = z.strictObject({ targetId: z.coerce.number().int().positive() });

export const targetProgressInput = z.strictObject({
  actualMinutes: minutes,
  actualLessons: z.number().int().min(0).max(R.maxLessons),
  actualAccuracy: percent.nullable(),
  /** Optional: when given, must agree with the rule (minutes and accuracy targets both met). */
  completed: z.boolean().optional(),
});
export type TargetProgressInput = z.input<typeof targetProgressInput>;

export const lessonAttemptInput = z.strictObject({
  studentId,
  subjectId,
  skillId: z.string().trim().min(1, 'is required').max(200),
  accuracy: percent,
  minutes: minutes.default(0),
  /** The lesson's base XP. */
  baseXp: z.number().int().min(0).max(10_000),
});
export type LessonAttemptInput = z.input<typeof lessonAttemptInput>;

export const testOutInput = z.strictObject({
  studentId,
  subjectId,
  skillId: z.string().trim().min(1, 'is required').max(200),
  score: percent,
});
export type TestOutInput = z.input<typeof testOutInput>;

export const mapResultInput = z.strictObject({
  studentId,
  subject: z.enum(R.mapSubjects, { message: `must be one of ${R.mapSubjects.join(', ')}` }),
  testDate: isoDate,
  ritScore: z.number().int().min(R.rit.min).max(R.rit.max),
  percentile: z.number().int().min(R.percentile.min).max(R.percentile.max),
  growthProjection: z.number().int().min(-100).max(100).optional(),
  instructionalAreas: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
});
export type MapResultInput = z.input<typeof mapResultInput>;

export const targetView = z.object({
  targetId: z.number(),
  studentId: z.string(),
  targetDate: z.string(),
  subjectId: z.string(),
  targetMinutes: z.number(),
  targetLessons: z.number(),
  targetAccuracy: z.number(),
  actualMinutes: z.number().nullable(),
  actualLessons: z.number().nullable(),
  actualAccuracy: z.number().nullable(),
  completed: z.boolean(),
});
export type TargetView = z.infer<typeof targetView>;
export const dayView = z.object({ studentId: z.string(), date: z.string(), targets: z.array(targetView) });

export const progressView = z.object({
  studentId: z.string(),
  subjectId: z.string(),
  skillId: z.string(),
  masteryScore: z.number(),
  currentLevel: z.number(),
  mastered: z.boolean(),
  masteryDate: z.string().nullable(),
  attemptsCount: z.number(),
  timeSpentMinutes: z.number(),
  lastAssessmentScore: z.number().nullable(),
  xpEarned: z.number(),
});
export type ProgressView = z.infer<typeof progressView>;
export const attemptView = progressView.extend({ xp: z.number(), passed: z.boolean(), firstAttempt: z.boolean() });
export const testOutView = progressView.extend({ testedOut: z.boolean() });
export const progressListView = z.object({ studentId: z.string(), skills: z.array(progressView) });

export const mapResultView = z.object({
  testId: z.number(),
  studentId: z.string(),
  subject: z.string(),
  testDate: z.string(),
  ritScore: z.number(),
  percentile: z.number(),
  /** Where the result places the student (null: their grade level is not known). */
  placement: z.object({ enrolledGrade: z.string(), placementGrade: z.string(), advanced: z.boolean() }).nullable(),
});
