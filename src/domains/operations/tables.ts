/**
 * Seed 000 `operational.*`: API request metrics, background jobs and system events.
 * user_id columns may identify a teacher or a student: no FK.
 */

import { index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { operationalSchema } from '../../platform/db/pg-schemas.js';
import { checkNonNegative, createdAt, tenantFk, tenantKey, tenantKeys } from '../../platform/db/schema-kit.js';
import { classroomSessions } from '../classroom/tables/sessions.js';
import { schools } from '../classroom/tables/users.js';

// Seed 000 documents no value lists; only counters and durations are safely known to be >= 0 (checkNonNegative).

/** One API request (endpoint, status, latency) for monitoring. */
// seed: 000_c57cf13880429c4c.txt §operational.api_metrics
export const apiMetrics = operationalSchema.table(
  'api_metrics',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id'),
    endpoint: text('endpoint'),
    ipAddress: text('ip_address'),
    method: text('method'),
    responseTimeMs: integer('response_time_ms'),
    statusCode: integer('status_code'),
    timestamp: timestamp('timestamp', { withTimezone: true }),
    userAgent: text('user_agent'),
    userId: uuid('user_id'),
  },
  (t) => [
    ...tenantKeys('api_metrics', t.tenantId, t.id),
    tenantFk('api_metrics_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    checkNonNegative('api_metrics_response_time_check', t.responseTimeMs),
    index('api_metrics_school_idx').on(t.tenantId, t.schoolId),
    index('api_metrics_timestamp_idx').on(t.tenantId, t.timestamp),
  ],
);

/** A system event (component, severity, error details), optionally tied to a session or school. */
// seed: 000_c57cf13880429c4c.txt §operational.system_events
export const systemEvents = operationalSchema.table(
  'system_events',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id'),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    component: text('component'),
    errorDetails: jsonb('error_details'),
    eventType: text('event_type'),
    message: text('message'),
    severity: text('severity'),
    userId: uuid('user_id'),
  },
  (t) => [
    ...tenantKeys('system_events', t.tenantId, t.id),
    // Session events go with their session (retention purge); a school is never deleted implicitly.
    tenantFk(
      'system_events_session_fkey',
      [t.tenantId, t.sessionId],
      [classroomSessions.tenantId, classroomSessions.id],
      'cascade',
    ),
    tenantFk('system_events_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    index('system_events_session_idx').on(t.tenantId, t.sessionId),
    index('system_events_school_idx').on(t.tenantId, t.schoolId),
    index('system_events_created_at_idx').on(t.tenantId, t.createdAt),
  ],
);
