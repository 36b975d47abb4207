/**
 * 2 Hour Learning integration (schema `two_hour_learning`, seed 004 §10): AI tutoring sessions,
 * skill mastery, daily targets, personalisation, NWEA MAP results and life-skills activities.
 *
 * `student_id` is VARCHAR(255) with no stated target: it may hold an Ed-Fi studentUniqueId or a
 * OneRoster sourcedId, so it has no foreign key; every table indexes it (tenant first).
 */
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
  varchar,
} from 'drizzle-orm/pg-core';
import { twoHourLearningSchema } from '../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkRange,
  createdAt,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../platform/db/schema-kit.js';

const studentId = () => varchar('student_id', { length: 255 }).notNull();
const percentage = (name: string) => numeric(name, { precision: 5, scale: 2, mode: 'number' });

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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('mastery_progress', t.tenantId, t.progressId),
    checkRange('mastery_progress_current_level_check', t.currentLevel, 1, 10),
    // "Goal level" on the same 1-10 mastery scale.
    checkRange('mastery_progress_target_level_check', t.targetLevel, 1, 10),
    index('mastery_progress_student_idx').on(t.tenantId, t.studentId, t.subjectId, t.skillId),
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
    index('daily_targets_student_idx').on(t.tenantId, t.studentId, t.targetDate),
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
    checkRange('map_test_results_percentile_check', t.percentile, 0, 100),
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
    checkRange('life_skills_activities_competency_rating_check', t.competencyRating, 1, 5),
    index('life_skills_activities_student_idx').on(t.tenantId, t.studentId, t.activityDate),
  ],
);
