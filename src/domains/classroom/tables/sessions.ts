/**
 * Seed 000 `sessions.*`: live classroom sessions, their student groups and participants.
 * A session's groups, participants and group memberships cannot outlive it (cascade on delete).
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sessionsSchema } from '../../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkNonNegative,
  checkRange,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { schools, students, teachers } from './users.js';

// Seed 000 documents no value lists; only counters and durations are safely known to be >= 0 (checkNonNegative).

/**
 * A session's lifecycle (issue 16): created → active ⇄ paused → ended → archived. The transitions are
 * the session service's; the list is the CHECK and the generic API's zod rule.
 */
export const SESSION_STATUSES = ['created', 'active', 'paused', 'ended', 'archived'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** Statuses in which the access code still admits students, hence unique per tenant. */
export const OPEN_SESSION_STATUSES = ['created', 'active', 'paused'] as const;
export const END_REASONS = [
  'planned_completion',
  'early_completion',
  'time_constraint',
  'technical_issue',
  'student_behavior',
  'other',
] as const;
export const GROUP_STATUSES = ['connected', 'ready', 'active', 'paused', 'issue', 'waiting'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
/** Six characters of [0-9A-Z]. */
export const ACCESS_CODE_PATTERN = '^[0-9A-Z]{6}$';

/** A live classroom session run by a teacher (recording/AI switches and compliance flags). */
// seed: 000_c57cf13880429c4c.txt §sessions.classroom_sessions
export const classroomSessions = sessionsSchema.table(
  'classroom_sessions',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    title: text('title').notNull(),
    status: text('status').notNull(),
    goal: text('goal'),
    subject: text('subject'),
    description: text('description'),
    plannedDurationMinutes: integer('planned_duration_minutes'),
    teacherId: uuid('teacher_id').notNull(),
    schoolId: uuid('school_id'),
    scheduledStart: timestamp('scheduled_start', { withTimezone: true }),
    actualStart: timestamp('actual_start', { withTimezone: true }),
    actualEnd: timestamp('actual_end', { withTimezone: true }),
    targetGroupSize: integer('target_group_size'),
    maxStudents: integer('max_students'),
    autoGroupEnabled: boolean('auto_group_enabled').notNull(),
    recordingEnabled: boolean('recording_enabled').notNull(),
    transcriptionEnabled: boolean('transcription_enabled').notNull(),
    aiAnalysisEnabled: boolean('ai_analysis_enabled').notNull(),
    ferpaCompliant: boolean('ferpa_compliant').notNull(),
    coppaCompliant: boolean('coppa_compliant').notNull(),
    recordingConsentObtained: boolean('recording_consent_obtained').notNull(),
    dataRetentionDate: timestamp('data_retention_date', { withTimezone: true }),
    totalGroups: integer('total_groups'),
    totalStudents: integer('total_students'),
    accessCode: text('access_code'),
    // Scale unstated in the seed (0-1 or 0-100?): deliberately not range-checked.
    engagementScore: numeric('engagement_score', { mode: 'number' }),
    participationRate: numeric('participation_rate', { mode: 'number' }),
    actualDurationMinutes: integer('actual_duration_minutes'),
    endReason: text('end_reason'),
    teacherNotes: text('teacher_notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('classroom_sessions', t.tenantId, t.id),
    checkIn('classroom_sessions_status_check', t.status, SESSION_STATUSES),
    checkIn('classroom_sessions_end_reason_check', t.endReason, END_REASONS),
    checkSql('classroom_sessions_access_code_check', sql`"access_code" ~ ${sql.raw(`'${ACCESS_CODE_PATTERN}'`)}`),
    // An ended session has its end and its reason.
    checkSql(
      'classroom_sessions_ended_check',
      sql`"status" <> 'ended' OR ("actual_end" IS NOT NULL AND "end_reason" IS NOT NULL)`,
    ),
    checkSql('classroom_sessions_actual_end_check', sql`"actual_end" IS NULL OR "actual_end" >= "actual_start"`),
    checkRange('classroom_sessions_engagement_score_check', t.engagementScore, 0, 100),
    checkRange('classroom_sessions_participation_rate_check', t.participationRate, 0, 1),
    // Students join with the code: it resolves to one session among the tenant's open ones.
    uniqueIndex('classroom_sessions_open_access_code_key')
      .on(t.tenantId, t.accessCode)
      .where(sql`"status" IN ('created', 'active', 'paused')`),
    tenantFk('classroom_sessions_teacher_fkey', [t.tenantId, t.teacherId], [teachers.tenantId, teachers.id]),
    tenantFk('classroom_sessions_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    checkNonNegative('classroom_sessions_planned_duration_check', t.plannedDurationMinutes),
    checkNonNegative('classroom_sessions_target_group_size_check', t.targetGroupSize),
    checkNonNegative('classroom_sessions_max_students_check', t.maxStudents),
    checkNonNegative('classroom_sessions_total_groups_check', t.totalGroups),
    checkNonNegative('classroom_sessions_total_students_check', t.totalStudents),
    checkNonNegative('classroom_sessions_actual_duration_check', t.actualDurationMinutes),
    index('classroom_sessions_teacher_idx').on(t.tenantId, t.teacherId),
    index('classroom_sessions_school_idx').on(t.tenantId, t.schoolId),
    index('classroom_sessions_status_idx').on(t.tenantId, t.status),
    index('classroom_sessions_scheduled_start_idx').on(t.tenantId, t.scheduledStart),
  ],
);

/** A group of students inside a session (breakout discussion group). */
// seed: 000_c57cf13880429c4c.txt §sessions.student_groups
export const studentGroups = sessionsSchema.table(
  'student_groups',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    name: text('name').notNull(),
    groupNumber: integer('group_number'),
    status: text('status'),
    maxSize: integer('max_size'),
    currentSize: integer('current_size'),
    leaderId: uuid('leader_id'),
    isReady: boolean('is_ready').notNull(),
    autoManaged: boolean('auto_managed').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('student_groups', t.tenantId, t.id),
    tenantFk(
      'student_groups_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('student_groups_leader_fkey', [t.tenantId, t.leaderId], [students.tenantId, students.id]),
    checkIn('student_groups_status_check', t.status, GROUP_STATUSES),
    checkRange('student_groups_max_size_check', t.maxSize, 1, 100),
    checkNonNegative('student_groups_current_size_check', t.currentSize),
    // The group limit holds in the database too (joins take a place with a conditional UPDATE).
    checkSql('student_groups_size_limit_check', sql`"current_size" <= "max_size"`),
    index('student_groups_session_idx').on(t.tenantId, t.sessionId),
    index('student_groups_leader_idx').on(t.tenantId, t.leaderId),
  ],
);

/** Someone connected to a session (a student, or an anonymous guest), with speaking/interaction counters. */
// seed: 000_c57cf13880429c4c.txt §sessions.participants
export const participants = sessionsSchema.table(
  'participants',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id'),
    groupId: uuid('group_id'),
    studentId: uuid('student_id'),
    anonymousId: uuid('anonymous_id'),
    displayName: text('display_name'),
    joinTime: timestamp('join_time', { withTimezone: true }),
    leaveTime: timestamp('leave_time', { withTimezone: true }),
    isActive: boolean('is_active'),
    deviceType: text('device_type'),
    browserInfo: text('browser_info'),
    connectionQuality: text('connection_quality'),
    canSpeak: boolean('can_speak'),
    canHear: boolean('can_hear'),
    isMuted: boolean('is_muted'),
    totalSpeakingTimeSeconds: integer('total_speaking_time_seconds'),
    messageCount: integer('message_count'),
    interactionCount: integer('interaction_count'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('participants', t.tenantId, t.id),
    tenantFk(
      'participants_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    // RESTRICT: a group in use cannot be deleted alone; deleting the session still cascades to both.
    tenantFk('participants_group_fkey', [t.tenantId, t.groupId], [studentGroups.tenantId, studentGroups.id]),
    tenantFk('participants_student_fkey', [t.tenantId, t.studentId], [students.tenantId, students.id]),
    checkNonNegative('participants_speaking_time_check', t.totalSpeakingTimeSeconds),
    checkNonNegative('participants_message_count_check', t.messageCount),
    checkNonNegative('participants_interaction_count_check', t.interactionCount),
    index('participants_session_idx').on(t.tenantId, t.sessionId),
    index('participants_group_idx').on(t.tenantId, t.groupId),
    index('participants_student_idx').on(t.tenantId, t.studentId),
    // Joining twice is one participant: a roster student once per session, an anonymous one per key.
    uniqueIndex('participants_session_student_key')
      .on(t.tenantId, t.sessionId, t.studentId)
      .where(sql`"student_id" IS NOT NULL`),
    uniqueIndex('participants_session_anonymous_key')
      .on(t.tenantId, t.sessionId, t.anonymousId)
      .where(sql`"anonymous_id" IS NOT NULL`),
  ],
);

/** Membership of a student in a session's group (one row per student and group). */
// seed: 000_c57cf13880429c4c.txt §sessions.student_group_members
export const studentGroupMembers = sessionsSchema.table(
  'student_group_members',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    groupId: uuid('group_id').notNull(),
    sessionId: uuid('session_id').notNull(),
    studentId: uuid('student_id').notNull(),
    role: text('role'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('student_group_members', t.tenantId, t.id),
    // Also serves the group foreign key (prefix tenant_id, group_id).
    tenantUnique('student_group_members_group_student_key', t.tenantId, t.groupId, t.studentId),
    // A student is in one group of a session at a time (moves update the row).
    uniqueIndex('student_group_members_session_student_key').on(t.tenantId, t.sessionId, t.studentId),
    tenantFk(
      'student_group_members_group_fkey',
      [t.tenantId, t.groupId],
      [studentGroups.tenantId, studentGroups.id],
      'cascade',
    ),
    tenantFk(
      'student_group_members_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('student_group_members_student_fkey', [t.tenantId, t.studentId], [students.tenantId, students.id]),
    index('student_group_members_session_idx').on(t.tenantId, t.sessionId),
    index('student_group_members_student_idx').on(t.tenantId, t.studentId),
  ],
);
