/**
 * The mastery-learning rules of two-hour learning (seed 004 §10), as pure functions: the daily plan,
 * target completion, XP per lesson, the mastery score per skill, test-out, MAP placement and the
 * accuracy bands that set the next day's target. The service (service.ts) applies them; the value
 * ranges below are declared once and used by tables.ts (CHECK + zod) and schemas.ts (inputs).
 * No server-only imports: the web app may show the same rules.
 */

/** Value ranges of the two_hour_learning tables (seed 004 §10 comments, and NWEA MAP's scales). */
export const MASTERY_RANGES = {
  /** A day has 1,440 minutes: no duration or minutes figure may exceed it. */
  minutesPerDay: 1440,
  /** Lessons in one day or session. */
  maxLessons: 1000,
  /** The 1-10 mastery level of seed 004 ("Current mastery level (1-10)"). */
  level: { min: 1, max: 10 },
  /** Mastery score per skill, and every percentage. */
  score: { min: 0, max: 100 },
  /** NWEA MAP RIT scale scores in practice lie between 100 and 350. */
  rit: { min: 100, max: 350 },
  /** A national percentile rank: 1–99. */
  percentile: { min: 1, max: 99 },
  /** MAP subjects (seed: "Math, Reading, Science"). */
  mapSubjects: ['Math', 'Reading', 'Science'],
  /**
   * Life-skills activity types (seed: "Coding, music, sports")
   * and skill categories ("Technical, creative, physical").
   */
  activityTypes: ['coding', 'music', 'sports'],
  skillCategories: ['technical', 'creative', 'physical'],
  /** Life-skills competency (seed CHECK 1–5). */
  competency: { min: 1, max: 5 },
} as const;

/** The two-hour day: four core subjects of 25 minutes and one 20-minute block (the model's 4 × 25 + 20). */
export const DAILY_PLAN = {
  coreSubjects: ['math', 'reading', 'language', 'science'],
  coreMinutes: 25,
  extraSubject: 'writing',
  extraMinutes: 20,
  /** Lessons a subject starts with, and the bounds the accuracy bands move it within. */
  startLessons: 2,
  minLessons: 1,
  maxLessons: 6,
  /** Accuracy a day's target asks for (seed default 80.0). */
  targetAccuracy: 80,
} as const;

export interface PlannedTarget {
  subjectId: string;
  targetMinutes: number;
}

/** The day's targets: 4 × 25 minutes of core subjects and one 20-minute block — 120 minutes. */
export function dailyPlan(): PlannedTarget[] {
  return [
    ...DAILY_PLAN.coreSubjects.map((subjectId) => ({ subjectId, targetMinutes: DAILY_PLAN.coreMinutes })),
    { subjectId: DAILY_PLAN.extraSubject, targetMinutes: DAILY_PLAN.extraMinutes },
  ];
}

/** A target is completed only when both its minutes and its accuracy are reached. */
export function targetCompleted(t: {
  actualMinutes: number | null;
  targetMinutes: number;
  actualAccuracy: number | null;
  targetAccuracy: number;
}): boolean {
  return (
    t.actualMinutes !== null &&
    t.actualAccuracy !== null &&
    t.actualMinutes >= t.targetMinutes &&
    t.actualAccuracy >= t.targetAccuracy
  );
}

/** A lesson is passed at 80 % accuracy or more (the lowest band that earns XP). */
export const PASS_ACCURACY = 80;

/**
 * XP for a lesson: 100 % on the first attempt → 1.25 × the lesson's base, 100 % later → 1.0 ×;
 * 80–99 % (any accuracy ≥ 80 and < 100) → 1.0 × first, 0.5 × later; below 80 % → nothing.
 * Rounded to whole XP (half up).
 */
export function lessonXp(baseXp: number, accuracy: number, firstAttempt: boolean): number {
  let factor = 0;
  if (accuracy >= 100) factor = firstAttempt ? 1.25 : 1;
  else if (accuracy >= PASS_ACCURACY) factor = firstAttempt ? 1 : 0.5;
  return Math.round(baseXp * factor);
}

/** A pass adds max(4, 14 − ⌊score/10⌋) to a skill's 0–100 mastery score (never above 100). */
export function masteryAfterPass(score: number): number {
  return Math.min(100, score + Math.max(4, 14 - Math.floor(score / 10)));
}

/**
 * A miss subtracts "from 8 at ≥ 90 down to 1 below 20". Our reading, by decile ⌊score/10⌋: one point
 * less per decile below 90 — 90–100 → 8, 80s → 7, 70s → 6, 60s → 5, 50s → 4, 40s → 3, 30s → 2, and
 * the 20s and below 20 → 1 (the scale reaches 1 one decile early, so nothing below 20 loses more).
 * Never below 0.
 */
export function missPenalty(score: number): number {
  return Math.max(1, Math.min(8, Math.floor(score / 10) - 1));
}

export function masteryAfterMiss(score: number): number {
  return Math.max(0, score - missPenalty(score));
}

/** A skill counts as mastered at this score; a test-out at this score or more masters it at once. */
export const MASTERED_SCORE = 90;
export const TEST_OUT_SCORE = 90;

export function testOutPassed(score: number): boolean {
  return score >= TEST_OUT_SCORE;
}

/** The 1–10 level shown for a 0–100 score (its decile, at least 1). */
export function masteryLevel(score: number): number {
  return Math.min(10, Math.max(1, Math.ceil(score / 10)));
}

/** Ed-Fi GradeLevelDescriptor code values in order (K = 0 … 12). */
export const GRADE_LEVELS = [
  'Kindergarten',
  'First grade',
  'Second grade',
  'Third grade',
  'Fourth grade',
  'Fifth grade',
  'Sixth grade',
  'Seventh grade',
  'Eighth grade',
  'Ninth grade',
  'Tenth grade',
  'Eleventh grade',
  'Twelfth grade',
] as const;

/** MAP placement: at the 90th national percentile or above, the grade tested is mastered. */
export const MAP_PLACEMENT_PERCENTILE = 90;

/**
 * Where a MAP result places a student: at ≥ 90th percentile one grade above the grade they are
 * enrolled in (that grade's material is mastered; never above twelfth grade), else at their grade.
 */
export function mapPlacement(enrolledGrade: number, percentile: number): { grade: number; advanced: boolean } {
  const advanced = percentile >= MAP_PLACEMENT_PERCENTILE && enrolledGrade < GRADE_LEVELS.length - 1;
  return { grade: advanced ? enrolledGrade + 1 : enrolledGrade, advanced };
}

export type AccuracyBand = 'too_hard' | 'ideal' | 'on_track' | 'ready_for_more';

/** < 80 % too hard · 80–90 % ideal · above 90 and up to 95 % on track · > 95 % ready for more. */
export function accuracyBand(accuracy: number): AccuracyBand {
  if (accuracy < 80) return 'too_hard';
  if (accuracy <= 90) return 'ideal';
  if (accuracy <= 95) return 'on_track';
  return 'ready_for_more';
}

/**
 * The next day's lesson target for a subject from the day's accuracy: one lesson fewer when too
 * hard, one more when ready for more, the same otherwise (within DAILY_PLAN's bounds); no accuracy
 * (nothing done) keeps the target.
 */
export function nextDayLessons(lessons: number, accuracy: number | null): number {
  if (accuracy === null) return lessons;
  const band = accuracyBand(accuracy);
  const next = band === 'too_hard' ? lessons - 1 : band === 'ready_for_more' ? lessons + 1 : lessons;
  return Math.min(DAILY_PLAN.maxLessons, Math.max(DAILY_PLAN.minLessons, next));
}
