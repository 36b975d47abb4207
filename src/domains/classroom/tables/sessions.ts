/**
 * Seed 000 `sessions.*`: live classroom sessions, their student groups and participants.
 * A session's groups, participants and group memberships cannot outlive it (cascade on delete).
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, numeric, text, timestamp, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { sessionsSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { schools, students, teachers } from './users.js';

/** Seed 000 documents no value lists; only counters and durations are safely known to be >= 0. */
const nonNegative = (name: string, column: PgColumn) => checkSql(name, sql`${bare(column)} >= 0`);

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
    // Students join with the code, so it must resolve to one session per tenant (NULLs are distinct).
    tenantUnique('classroom_sessions_access_code_key', t.tenantId, t.accessCode),
    tenantFk('classroom_sessions_teacher_fkey', [t.tenantId, t.teacherId], [teachers.tenantId, teachers.id]),
    tenantFk('classroom_sessions_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    nonNegative('classroom_sessions_planned_duration_check', t.plannedDurationMinutes),
    nonNegative('classroom_sessions_target_group_size_check', t.targetGroupSize),
    nonNegative('classroom_sessions_max_students_check', t.maxStudents),
    nonNegative('classroom_sessions_total_groups_check', t.totalGroups),
    nonNegative('classroom_sessions_total_students_check', t.totalStudents),
    nonNegative('classroom_sessions_actual_duration_check', t.actualDurationMinutes),
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
    nonNegative('student_groups_max_size_check', t.maxSize),
    nonNegative('student_groups_current_size_check', t.currentSize),
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
    nonNegative('participants_speaking_time_check', t.totalSpeakingTimeSeconds),
    nonNegative('participants_message_count_check', t.messageCount),
    nonNegative('participants_interaction_count_check', t.interactionCount),
    index('participants_session_idx').on(t.tenantId, t.sessionId),
    index('participants_group_idx').on(t.tenantId, t.groupId),
    index('participants_student_idx').on(t.tenantId, t.studentId),
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
