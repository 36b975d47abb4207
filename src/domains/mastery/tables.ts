/**
 * 2 Hour Learning integration (schema `two_hour_learning`, seed 004 §10): AI tutoring sessions,
 * skill mastery, daily targets, personalisation, NWEA MAP results and life-skills activities.
 *
 * `student_id` is VARCHAR(255) with no stated target: it may hold an Ed-Fi studentUniqueId or a
 * OneRoster sourcedId, so it has no foreign key; every table indexes it (tenant first).
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  serial,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';
import { twoHourLearningSchema } from '../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkRange,
  checkSql,
  createdAt,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../platform/db/schema-kit.js';
import { MASTERY_RANGES as R } from './rules.js';

const studentId = () => varchar('student_id', { length: 255 }).notNull();
const percentage = (name: string) => numeric(name, { precision: 5, scale: 2, mode: 'number' });
/** Minutes of one day (0–1,440). */
const minutesRule = (name: string, column: Parameters<typeof checkRange>[1]) =>
  checkRange(name, column, 0, R.minutesPerDay);
const lessonsRule = (name: string, column: Parameters<typeof checkRange>[1]) =>
  checkRange(name, column, 0, R.maxLessons);

/** AI learning sessions: the daily 2-hour learning blocks. */
// seed: 004_c704a79166da158a.txt §10
export const aiLearningSessions = twoHourLearningSchema.table(
  'ai_learning_sessions',
  {
    tenantId: tenantKey(),
    sessionId: bigserial('session_id', { mode: 'number' }).notNull(),
    studentId: studentId(),
    subjectId: varchar('subject_id', { length: 100 }).notNull(),
    sessionDate: date('session_date').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }),
    totalMinutes: integer('total_minutes'),
    targetAchieved: boolean('target_achieved').default(false),
    masteryPercentage: percentage('mastery_percentage'),
    accuracyPercentage: percentage('accuracy_percentage'),
    lessonCount: integer('lesson_count'),
    aiTutorType: varchar('ai_tutor_type', { length: 50 }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('ai_learning_sessions', t.tenantId, t.sessionId),
    checkRange('ai_learning_sessions_mastery_percentage_check', t.masteryPercentage, 0, 100),
    checkRange('ai_learning_sessions_accuracy_percentage_check', t.accuracyPercentage, 0, 100),
    minutesRule('ai_learning_sessions_total_minutes_check', t.totalMinutes),
    lessonsRule('ai_learning_sessions_lesson_count_check', t.lessonCount),
    checkSql('ai_learning_sessions_end_time_check', sql`"end_time" IS NULL OR "end_time" >= "start_time"`),
    index('ai_learning_sessions_student_idx').on(t.tenantId, t.studentId, t.sessionDate),
  ],
);

/** Skill mastery progress per student, subject and skill. */
// seed: 004_c704a79166da158a.txt §10
export const masteryProgress = twoHourLearningSchema.table(
  'mastery_progress',
  {
    tenantId: tenantKey(),
    progressId: bigserial('progress_id', { mode: 'number' }).notNull(),
    studentId: studentId(),
    subjectId: varchar('subject_id', { length: 100 }).notNull(),
    skillId: varchar('skill_id', { length: 200 }).notNull(),
    currentLevel: integer('current_level'),
    targetLevel: integer('target_level'),
    masteryDate: timestamp('mastery_date', { withTimezone: true }),
    attemptsCount: integer('attempts_count').default(0),
    timeSpentMinutes: integer('time_spent_minutes').default(0),
    lastAssessmentScore: numeric('last_assessment_score', { precision: 5, scale: 2, mode: 'number' }),
    // Schola additions (not in the seed): the 0–100 mastery score the rules move (rules.ts), of which
    // current_level is the decile, and the XP earned on the skill.
    masteryScore: integer('mastery_score').notNull().default(0),
    xpEarned: integer('xp_earned').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('mastery_progress', t.tenantId, t.progressId),
    checkRange('mastery_progress_current_level_check', t.currentLevel, 1, 10),
    // "Goal level" on the same 1-10 mastery scale.
    checkRange('mastery_progress_target_level_check', t.targetLevel, 1, 10),
    checkRange('mastery_progress_attempts_count_check', t.attemptsCount, 0, 1_000_000),
    checkRange('mastery_progress_time_spent_minutes_check', t.timeSpentMinutes, 0, 10_000_000),
    checkRange('mastery_progress_last_assessment_score_check', t.lastAssessmentScore, R.score.min, R.score.max),
    checkRange('mastery_progress_mastery_score_check', t.masteryScore, R.score.min, R.score.max),
    checkRange('mastery_progress_xp_earned_check', t.xpEarned, 0, 2_000_000_000),
    // One progress record per student and skill (the service upserts it).
    uniqueIndex('mastery_progress_skill_key').on(t.tenantId, t.studentId, t.subjectId, t.skillId),
  ],
);

/** Daily learning targets (per subject share of the 2-hour goal). */
// seed: 004_c704a79166da158a.txt §10
export const dailyTargets = twoHourLearningSchema.table(
  'daily_targets',
  {
    tenantId: tenantKey(),
    targetId: bigserial('target_id', { mode: 'number' }).notNull(),
    studentId: studentId(),
    targetDate: date('target_date').notNull(),
    subjectId: varchar('subject_id', { length: 100 }).notNull(),
    targetMinutes: integer('target_minutes').notNull().default(25),
    targetLessons: integer('target_lessons').notNull(),
    targetAccuracy: percentage('target_accuracy').notNull().default(80.0),
    actualMinutes: integer('actual_minutes'),
    actualLessons: integer('actual_lessons'),
    actualAccuracy: percentage('actual_accuracy'),
    completed: boolean('completed').default(false),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('daily_targets', t.tenantId, t.targetId),
    checkRange('daily_targets_target_accuracy_check', t.targetAccuracy, 0, 100),
    checkRange('daily_targets_actual_accuracy_check', t.actualAccuracy, 0, 100),
    checkRange('daily_targets_target_minutes_check', t.targetMinutes, 1, R.minutesPerDay),
    checkRange('daily_targets_target_lessons_check', t.targetLessons, 0, R.maxLessons),
    minutesRule('daily_targets_actual_minutes_check', t.actualMinutes),
    lessonsRule('daily_targets_actual_lessons_check', t.actualLessons),
    // "Target met?": completed only when the minutes and the accuracy targets are both reached.
    checkSql(
      'daily_targets_completed_check',
      sql`"completed" IS NOT TRUE OR ("actual_minutes" >= "target_minutes" AND "actual_accuracy" >= "target_accuracy")`,
    ),
    // One target per student, day and subject.
    uniqueIndex('daily_targets_student_day_subject_key').on(t.tenantId, t.studentId, t.targetDate, t.subjectId),
  ],
);

/** AI personalisation profile: one per student. */
// seed: 004_c704a79166da158a.txt §10
export const personalizationProfiles = twoHourLearningSchema.table(
  'personalization_profiles',
  {
    tenantId: tenantKey(),
    profileId: serial('profile_id').notNull(),
    studentId: studentId(),
    learningStyle: varchar('learning_style', { length: 50 }),
    preferredDifficultyProgression: varchar('preferred_difficulty_progression', { length: 20 }),
    optimalSessionLengthMinutes: integer('optimal_session_length_minutes'),
    motivationalPreferences: jsonb('motivational_preferences'),
    engagementPatterns: jsonb('engagement_patterns'),
    knowledgeGaps: jsonb('knowledge_gaps'),
    lastUpdated: timestamp('last_updated', { withTimezone: true }).defaultNow(),
  },
  (t) => [
    ...tenantKeys('personalization_profiles', t.tenantId, t.profileId),
    // Also serves lookups by student.
    tenantUnique('personalization_profiles_student_id_key', t.tenantId, t.studentId),
    // Seed comments list these capitalised ("Visual, auditory, kinesthetic").
    checkIn('personalization_profiles_learning_style_check', t.learningStyle, ['visual', 'auditory', 'kinesthetic'], {
      caseInsensitive: true,
    }),
    checkIn(
      'personalization_profiles_difficulty_check',
      t.preferredDifficultyProgression,
      ['gradual', 'moderate', 'aggressive'],
      { caseInsensitive: true },
    ),
    checkRange('personalization_profiles_session_length_check', t.optimalSessionLengthMinutes, 1, R.minutesPerDay),
  ],
);

/** NWEA MAP test results (RIT scores). */
// seed: 004_c704a79166da158a.txt §10
export const mapTestResults = twoHourLearningSchema.table(
  'map_test_results',
  {
    tenantId: tenantKey(),
    testId: bigserial('test_id', { mode: 'number' }).notNull(),
    studentId: studentId(),
    subject: varchar('subject', { length: 50 }).notNull(),
    testDate: date('test_date').notNull(),
    ritScore: integer('rit_score').notNull(),
    percentile: integer('percentile'),
    growthProjection: integer('growth_projection'),
    instructionalAreas: jsonb('instructional_areas'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('map_test_results', t.tenantId, t.testId),
    checkRange('map_test_results_percentile_check', t.percentile, R.percentile.min, R.percentile.max),
    checkRange('map_test_results_rit_score_check', t.ritScore, R.rit.min, R.rit.max),
    checkIn('map_test_results_subject_check', t.subject, R.mapSubjects, { caseInsensitive: true }),
    index('map_test_results_student_idx').on(t.tenantId, t.studentId, t.testDate),
  ],
);

/** Life-skills activities beyond academics (coding, music, sports…). */
// seed: 004_c704a79166da158a.txt §10
export const lifeSkillsActivities = twoHourLearningSchema.table(
  'life_skills_activities',
  {
    tenantId: tenantKey(),
    activityId: bigserial('activity_id', { mode: 'number' }).notNull(),
    studentId: studentId(),
    activityType: varchar('activity_type', { length: 100 }).notNull(),
    activityDate: date('activity_date').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    skillCategory: varchar('skill_category', { length: 50 }),
    instructorId: varchar('instructor_id', { length: 255 }),
    progressNotes: text('progress_notes'),
    competencyRating: integer('competency_rating'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('life_skills_activities', t.tenantId, t.activityId),
    checkRange(
      'life_skills_activities_competency_rating_check',
      t.competencyRating,
      R.competency.min,
      R.competency.max,
    ),
    checkRange('life_skills_activities_duration_minutes_check', t.durationMinutes, 1, R.minutesPerDay),
    checkIn('life_skills_activities_activity_type_check', t.activityType, R.activityTypes, { caseInsensitive: true }),
    checkIn('life_skills_activities_skill_category_check', t.skillCategory, R.skillCategories, {
      caseInsensitive: true,
    }),
    index('life_skills_activities_student_idx').on(t.tenantId, t.studentId, t.activityDate),
  ],
);
