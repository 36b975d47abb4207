/**
 * Seed 000 `ai_insights.*`: AI prompts suggested to teachers during sessions and their aggregated
 * effectiveness. Scores, ratings and confidences have no stated scale: no range CHECKs.
 */

import { index, integer, jsonb, numeric, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { aiInsightsSchema } from '../../../platform/db/pg-schemas.js';
import {
  checkNonNegative,
  createdAt,
  markGlobal,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { classroomSessions, studentGroups } from './sessions.js';
import { teachers } from './users.js';

// Seed 000 documents no value lists; only counters and durations are safely known to be >= 0 (checkNonNegative).

/** Version marker of the ai_insights schema: global (one row per applied version, no tenant). */
// seed: 000_c57cf13880429c4c.txt §ai_insights.dev_schema_version
export const devSchemaVersion = markGlobal(
  aiInsightsSchema.table(
    'dev_schema_version',
    {
      version: integer('version').notNull(),
      appliedAt: timestamp('applied_at', { withTimezone: true }),
    },
    (t) => [primaryKey({ name: 'dev_schema_version_pkey', columns: [t.version] })],
  ),
);

/** One AI guidance prompt shown to a teacher in a session, and how the teacher reacted to it. */
// seed: 000_c57cf13880429c4c.txt §ai_insights.teacher_guidance_metrics
export const teacherGuidanceMetrics = aiInsightsSchema.table(
  'teacher_guidance_metrics',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    teacherId: uuid('teacher_id').notNull(),
    // No prompt table exists in the seeds: plain identifier, no FK.
    promptId: uuid('prompt_id').notNull(),
    promptCategory: text('prompt_category').notNull(),
    priorityLevel: text('priority_level').notNull(),
    promptMessage: text('prompt_message').notNull(),
    promptContext: text('prompt_context'),
    suggestedTiming: text('suggested_timing'),
    sessionPhase: text('session_phase'),
    subjectArea: text('subject_area'),
    targetMetric: text('target_metric'),
    learningObjectives: jsonb('learning_objectives'),
    groupId: uuid('group_id'),
    generatedAt: timestamp('generated_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    usedAt: timestamp('used_at', { withTimezone: true }),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    feedbackRating: numeric('feedback_rating', { mode: 'number' }),
    feedbackText: text('feedback_text'),
    responseTimeSeconds: integer('response_time_seconds'),
    contextReason: text('context_reason'),
    contextPriorTopic: text('context_prior_topic'),
    contextCurrentTopic: text('context_current_topic'),
    contextTransitionIdea: text('context_transition_idea'),
    contextSupportingLines: jsonb('context_supporting_lines'),
    contextConfidence: numeric('context_confidence', { mode: 'number' }),
    bridgingPrompt: text('bridging_prompt'),
    onTrackSummary: text('on_track_summary'),
    effectivenessScore: numeric('effectiveness_score', { mode: 'number' }),
    impactConfidence: numeric('impact_confidence', { mode: 'number' }),
    educationalPurpose: text('educational_purpose'),
    complianceBasis: text('compliance_basis'),
    dataRetentionDate: timestamp('data_retention_date', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('teacher_guidance_metrics', t.tenantId, t.id),
    // session_id is NOT NULL: the prompts exist only in the context of their session.
    tenantFk(
      'teacher_guidance_metrics_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('teacher_guidance_metrics_teacher_fkey', [t.tenantId, t.teacherId], [teachers.tenantId, teachers.id]),
    tenantFk(
      'teacher_guidance_metrics_group_fkey',
      [t.tenantId, t.groupId],
      [studentGroups.tenantId, studentGroups.id],
    ),
    checkNonNegative('teacher_guidance_metrics_response_time_check', t.responseTimeSeconds),
    index('teacher_guidance_metrics_session_idx').on(t.tenantId, t.sessionId),
    index('teacher_guidance_metrics_teacher_idx').on(t.tenantId, t.teacherId),
    index('teacher_guidance_metrics_group_idx').on(t.tenantId, t.groupId),
  ],
);

/** Aggregated effectiveness of prompts per category/subject/phase/priority over a period. */
// seed: 000_c57cf13880429c4c.txt §ai_insights.teacher_prompt_effectiveness
export const teacherPromptEffectiveness = aiInsightsSchema.table(
  'teacher_prompt_effectiveness',
  {
    tenantId: tenantKey(),
    // text in the seed (an aggregate key chosen by the app): no DB default.
    id: text('id').notNull(),
    promptCategory: text('prompt_category').notNull(),
    subjectArea: text('subject_area'),
    sessionPhase: text('session_phase'),
    priorityLevel: text('priority_level'),
    totalGenerated: integer('total_generated').notNull(),
    totalAcknowledged: integer('total_acknowledged').notNull(),
    totalUsed: integer('total_used').notNull(),
    totalDismissed: integer('total_dismissed').notNull(),
    avgEffectivenessScore: numeric('avg_effectiveness_score', { mode: 'number' }),
    avgFeedbackRating: numeric('avg_feedback_rating', { mode: 'number' }),
    avgResponseTimeSeconds: integer('avg_response_time_seconds'),
    avgLearningImpact: numeric('avg_learning_impact', { mode: 'number' }),
    dataPoints: integer('data_points').notNull(),
    calculationPeriodStart: timestamp('calculation_period_start', { withTimezone: true }),
    calculationPeriodEnd: timestamp('calculation_period_end', { withTimezone: true }),
    lastCalculated: timestamp('last_calculated', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('teacher_prompt_effectiveness', t.tenantId, t.id),
    checkNonNegative('teacher_prompt_effectiveness_generated_check', t.totalGenerated),
    checkNonNegative('teacher_prompt_effectiveness_acknowledged_check', t.totalAcknowledged),
    checkNonNegative('teacher_prompt_effectiveness_used_check', t.totalUsed),
    checkNonNegative('teacher_prompt_effectiveness_dismissed_check', t.totalDismissed),
    checkNonNegative('teacher_prompt_effectiveness_response_time_check', t.avgResponseTimeSeconds),
    checkNonNegative('teacher_prompt_effectiveness_data_points_check', t.dataPoints),
  ],
);
