/**
 * Schola additions to the compliance schema (not in the seeds): legal holds that stop retention,
 * FERPA correction and deletion requests (34 CFR 99.20–99.22), and the FERPA inspection exports.
 */
import { sql } from 'drizzle-orm';
import { customType, date, index, integer, jsonb, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { complianceSchema } from '../../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkSql,
  bare,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { student } from '../../edfi/tables/people.js';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * A legal hold: rows retention must not remove. `record_id` names one row (its key without the
 * tenant, as text; composite keys joined by '|'); null holds the whole table. Released, it stops holding.
 */
export const legalHolds = complianceSchema.table(
  'legal_holds',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    tableName: varchar('table_name', { length: 100 }).notNull(),
    recordId: varchar('record_id', { length: 255 }),
    reason: text('reason').notNull(),
    placedBy: varchar('placed_by', { length: 255 }).notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: varchar('released_by', { length: 255 }),
  },
  (t) => [
    ...tenantKeys('legal_holds', t.tenantId, t.id),
    index('legal_holds_table_idx').on(t.tenantId, t.tableName, t.recordId),
  ],
);

export const RECORDS_REQUEST_TYPES = ['correction', 'deletion'] as const;
export const RECORDS_REQUEST_STATUSES = ['submitted', 'under_review', 'approved', 'denied', 'completed'] as const;

/** A request to amend (correct) or delete part of a student's education record, tracked to its end. */
export const recordsRequests = complianceSchema.table(
  'records_requests',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    requestType: varchar('request_type', { length: 20 }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    requestedBy: varchar('requested_by', { length: 255 }).notNull(),
    requesterRelationship: varchar('requester_relationship', { length: 30 }).notNull(),
    tableName: varchar('table_name', { length: 100 }),
    recordId: varchar('record_id', { length: 255 }),
    fieldName: varchar('field_name', { length: 100 }),
    currentValue: text('current_value'),
    requestedValue: text('requested_value'),
    description: text('description').notNull(),
    status: varchar('status', { length: 20 }).notNull().default('submitted'),
    reviewerId: varchar('reviewer_id', { length: 255 }),
    decisionReason: text('decision_reason'),
    resolution: text('resolution'),
    dueDate: date('due_date').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewStartedAt: timestamp('review_started_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('records_requests', t.tenantId, t.id),
    tenantFk('records_requests_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    checkIn('records_requests_request_type_check', t.requestType, [...RECORDS_REQUEST_TYPES]),
    checkIn('records_requests_status_check', t.status, [...RECORDS_REQUEST_STATUSES]),
    checkIn('records_requests_requester_relationship_check', t.requesterRelationship, [
      'parent',
      'guardian',
      'eligible_student',
      'staff',
    ]),
    // A decision always carries its reason.
    checkSql(
      'records_requests_decision_reason_check',
      sql`${bare(t.status)} NOT IN ('approved', 'denied') OR ${bare(t.decisionReason)} IS NOT NULL`,
    ),
    index('records_requests_student_idx').on(t.tenantId, t.studentUsi),
    index('records_requests_status_idx').on(t.tenantId, t.status, t.dueDate),
  ],
);

/** A FERPA inspection export of everything held about one student: the zip, kept for a while. */
export const studentRecordExports = complianceSchema.table(
  'student_record_exports',
  {
    tenantId: tenantKey(),
    /** The background job's id. */
    id: uuid('id').notNull(),
    studentUsi: integer('student_usi').notNull(),
    requestedBy: varchar('requested_by', { length: 255 }).notNull(),
    fileName: varchar('file_name', { length: 200 }).notNull(),
    content: bytea('content').notNull(),
    byteSize: integer('byte_size').notNull(),
    summary: jsonb('summary').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    ...tenantKeys('student_record_exports', t.tenantId, t.id),
    tenantFk(
      'student_record_exports_student_fkey',
      [t.tenantId, t.studentUsi],
      [student.tenantId, student.studentUSI],
      'cascade',
    ),
    index('student_record_exports_student_idx').on(t.tenantId, t.studentUsi),
  ],
);
