/**
 * Clubs and extracurricular activities (schema `activities`, seed 004 §11).
 */
import { bigserial, boolean, date, index, integer, numeric, serial, text, varchar } from 'drizzle-orm/pg-core';
import { activitiesSchema } from '../../platform/db/pg-schemas.js';
import { checkIn, createdAt, tenantFk, tenantKey, tenantKeys } from '../../platform/db/schema-kit.js';
import { staff, student } from '../edfi/tables.js';

/** Clubs and extracurriculars ("Chess Club", "Drama"). */
// seed: 004_c704a79166da158a.txt §11 activities
export const activities = activitiesSchema.table(
  'activities',
  {
    tenantId: tenantKey(),
    activityId: serial('activity_id').notNull(),
    activityName: varchar('activity_name', { length: 200 }).notNull(),
    activityType: varchar('activity_type', { length: 50 }),
    description: text('description'),
    advisorName: varchar('advisor_name', { length: 200 }),
    advisorStaffUsi: integer('advisor_staff_usi'),
    meetingSchedule: varchar('meeting_schedule', { length: 200 }),
    location: varchar('location', { length: 200 }),
    maxParticipants: integer('max_participants'),
    registrationFee: numeric('registration_fee', { precision: 10, scale: 2, mode: 'number' }),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('activities', t.tenantId, t.activityId),
    // Seed: "Staff reference" → edfi.staff.
    tenantFk('activities_advisor_staff_fkey', [t.tenantId, t.advisorStaffUsi], [staff.tenantId, staff.staffUSI]),
    index('activities_advisor_staff_idx').on(t.tenantId, t.advisorStaffUsi),
  ],
);

/** A student's participation in an activity. */
// seed: 004_c704a79166da158a.txt §11 activities
export const studentActivityParticipation = activitiesSchema.table(
  'student_activity_participation',
  {
    tenantId: tenantKey(),
    participationId: bigserial('participation_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    activityId: integer('activity_id').notNull(),
    joinDate: date('join_date').notNull(),
    leaveDate: date('leave_date'),
    role: varchar('role', { length: 100 }),
    participationStatus: varchar('participation_status', { length: 20 }).default('Active'),
    registrationPaid: boolean('registration_paid').default(false),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('student_activity_participation', t.tenantId, t.participationId),
    // Seed: default 'Active', comment "Active, inactive".
    checkIn('student_activity_participation_status_check', t.participationStatus, ['active', 'inactive'], {
      caseInsensitive: true,
    }),
    tenantFk(
      'student_activity_participation_student_fkey',
      [t.tenantId, t.studentUsi],
      [student.tenantId, student.studentUSI],
    ),
    // Activities are retired with is_active; participation is history, so RESTRICT.
    tenantFk(
      'student_activity_participation_activity_fkey',
      [t.tenantId, t.activityId],
      [activities.tenantId, activities.activityId],
    ),
    index('student_activity_participation_student_idx').on(t.tenantId, t.studentUsi),
    index('student_activity_participation_activity_idx').on(t.tenantId, t.activityId),
  ],
);
