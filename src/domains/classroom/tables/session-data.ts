/**
 * Seed 000 data produced during a classroom session: `audio.recordings`, `analytics.session_events`,
 * `communication.messages`. Each row is a child of its session and is deleted with it (cascade).
 */

import { bigint, boolean, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { analyticsSchema, audioSchema, communicationSchema } from '../../../platform/db/pg-schemas.js';
import { checkNonNegative, createdAt, tenantFk, tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';
import { classroomSessions, participants, studentGroups } from './sessions.js';
import { teachers } from './users.js';

// Seed 000 documents no value lists; only counters, sizes and durations are safely known to be >= 0 (checkNonNegative).

/** An audio recording of a session, a group or one participant, and its transcription state. */
// seed: 000_c57cf13880429c4c.txt §audio.recordings
export const recordings = audioSchema.table(
  'recordings',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id'),
    createdAt: createdAt(),
    channels: integer('channels'),
    codec: text('codec'),
    durationSeconds: integer('duration_seconds'),
    filePath: text('file_path'),
    fileSizeBytes: bigint('file_size_bytes', { mode: 'number' }),
    format: text('format'),
    groupId: uuid('group_id'),
    isProcessed: boolean('is_processed'),
    lastError: text('last_error'),
    participantId: uuid('participant_id'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    processingAttempts: integer('processing_attempts'),
    sampleRate: integer('sample_rate'),
    transcriptionStatus: text('transcription_status'),
  },
  (t) => [
    ...tenantKeys('recordings', t.tenantId, t.id),
    tenantFk(
      'recordings_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('recordings_group_fkey', [t.tenantId, t.groupId], [studentGroups.tenantId, studentGroups.id]),
    tenantFk('recordings_participant_fkey', [t.tenantId, t.participantId], [participants.tenantId, participants.id]),
    checkNonNegative('recordings_duration_seconds_check', t.durationSeconds),
    checkNonNegative('recordings_file_size_bytes_check', t.fileSizeBytes),
    checkNonNegative('recordings_processing_attempts_check', t.processingAttempts),
    index('recordings_session_idx').on(t.tenantId, t.sessionId),
    index('recordings_group_idx').on(t.tenantId, t.groupId),
    index('recordings_participant_idx').on(t.tenantId, t.participantId),
    // The transcription worker polls by state.
    index('recordings_transcription_status_idx').on(t.tenantId, t.transcriptionStatus),
  ],
);

/** An analytics event emitted during a session (free-form payload). */
// seed: 000_c57cf13880429c4c.txt §analytics.session_events
export const sessionEvents = analyticsSchema.table(
  'session_events',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id').notNull(),
    teacherId: uuid('teacher_id'),
    eventType: text('event_type').notNull(),
    eventTime: timestamp('event_time', { withTimezone: true }),
    payload: jsonb('payload'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('session_events', t.tenantId, t.id),
    tenantFk(
      'session_events_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('session_events_teacher_fkey', [t.tenantId, t.teacherId], [teachers.tenantId, teachers.id]),
    // A session's timeline; also serves the session foreign key.
    index('session_events_session_time_idx').on(t.tenantId, t.sessionId, t.eventTime),
    index('session_events_teacher_idx').on(t.tenantId, t.teacherId),
  ],
);

/** A message exchanged in a session. Sender and recipient may be a teacher or a student: no FK. */
// seed: 000_c57cf13880429c4c.txt §communication.messages
export const messages = communicationSchema.table(
  'messages',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id'),
    createdAt: createdAt(),
    content: text('content'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    isArchived: boolean('is_archived'),
    isDeleted: boolean('is_deleted'),
    isRead: boolean('is_read'),
    messageType: text('message_type'),
    metadata: jsonb('metadata'),
    readAt: timestamp('read_at', { withTimezone: true }),
    recipientId: uuid('recipient_id'),
    recipientType: text('recipient_type'),
    senderId: uuid('sender_id'),
    senderType: text('sender_type'),
    subject: text('subject'),
  },
  (t) => [
    ...tenantKeys('messages', t.tenantId, t.id),
    tenantFk(
      'messages_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    index('messages_session_idx').on(t.tenantId, t.sessionId),
    // A user's inbox.
    index('messages_recipient_idx').on(t.tenantId, t.recipientId),
  ],
);
