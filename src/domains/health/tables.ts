/**
 * Student health (schema `health`, seed 004 §11): health records, immunizations, medications,
 * allergies; and the nurse's office visits (a Schola addition: seed 004 has no visits table). Every
 * row belongs to an Ed-Fi student; the student FK is RESTRICT because health records are subject
 * to retention rules and must not vanish with an accidental student delete.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { healthSchema } from '../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../platform/db/schema-kit.js';
import { student } from '../edfi/tables.js';
import { VISIT_ACTIONS } from './schemas.js';

/** General health information (physicals, screenings, injuries). */
// seed: 004_c704a79166da158a.txt §11 health
export const studentHealthRecords = healthSchema.table(
  'student_health_records',
  {
    tenantId: tenantKey(),
    recordId: bigserial('record_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    recordType: varchar('record_type', { length: 50 }).notNull(),
    recordDate: date('record_date').notNull(),
    provider: varchar('provider', { length: 200 }),
    notes: text('notes'),
    createdBy: varchar('created_by', { length: 100 }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('student_health_records', t.tenantId, t.recordId),
    tenantFk('student_health_records_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('student_health_records_student_idx').on(t.tenantId, t.studentUsi, t.recordDate),
  ],
);

/** Vaccination records. */
// seed: 004_c704a79166da158a.txt §11 health
export const immunizations = healthSchema.table(
  'immunizations',
  {
    tenantId: tenantKey(),
    immunizationId: bigserial('immunization_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    vaccineType: varchar('vaccine_type', { length: 100 }).notNull(),
    doseNumber: integer('dose_number'),
    dateAdministered: date('date_administered').notNull(),
    expirationDate: date('expiration_date'),
    administeredBy: varchar('administered_by', { length: 200 }),
    lotNumber: varchar('lot_number', { length: 50 }),
    isCompliant: boolean('is_compliant').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('immunizations', t.tenantId, t.immunizationId),
    tenantFk('immunizations_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('immunizations_student_idx').on(t.tenantId, t.studentUsi),
  ],
);

/** Current and past medications. */
// seed: 004_c704a79166da158a.txt §11 health
export const medications = healthSchema.table(
  'medications',
  {
    tenantId: tenantKey(),
    medicationId: bigserial('medication_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    medicationName: varchar('medication_name', { length: 200 }).notNull(),
    dosage: varchar('dosage', { length: 100 }),
    frequency: varchar('frequency', { length: 100 }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    prescribedBy: varchar('prescribed_by', { length: 200 }),
    administrationInstructions: text('administration_instructions'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('medications', t.tenantId, t.medicationId),
    tenantFk('medications_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('medications_student_idx').on(t.tenantId, t.studentUsi),
  ],
);

/** Student allergies. */
// seed: 004_c704a79166da158a.txt §11 health
export const allergies = healthSchema.table(
  'allergies',
  {
    tenantId: tenantKey(),
    allergyId: bigserial('allergy_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    allergenName: varchar('allergen_name', { length: 200 }).notNull(),
    allergyType: varchar('allergy_type', { length: 50 }),
    severity: varchar('severity', { length: 50 }),
    reaction: text('reaction'),
    treatmentPlan: text('treatment_plan'),
    dateIdentified: date('date_identified'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('allergies', t.tenantId, t.allergyId),
    // Seed comment: "Mild, moderate, severe".
    checkIn('allergies_severity_check', t.severity, ['mild', 'moderate', 'severe'], { caseInsensitive: true }),
    tenantFk('allergies_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('allergies_student_idx').on(t.tenantId, t.studentUsi),
  ],
);

/**
 * A student's visit to the nurse's office (Schola addition): in at `time_in`, out at `time_out` (null
 * while the student is still there) with the action taken. A uuid key: the app role is granted the
 * sequences that existed when row-level security was set up, not ones added later.
 */
export const nurseVisits = healthSchema.table(
  'nurse_visits',
  {
    tenantId: tenantKey(),
    visitId: uuid('visit_id').notNull().defaultRandom(),
    studentUsi: integer('student_usi').notNull(),
    timeIn: timestamp('time_in', { withTimezone: true }).notNull(),
    timeOut: timestamp('time_out', { withTimezone: true }),
    reason: varchar('reason', { length: 200 }).notNull(),
    assessment: text('assessment'),
    actionTaken: varchar('action_taken', { length: 30 }),
    recordedBy: varchar('recorded_by', { length: 255 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('nurse_visits', t.tenantId, t.visitId),
    tenantFk('nurse_visits_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    checkIn('nurse_visits_action_check', t.actionTaken, VISIT_ACTIONS),
    checkSql('nurse_visits_time_out_check', sql`"time_out" IS NULL OR "time_out" >= "time_in"`),
    // A visit is closed with what was done: both or neither.
    checkSql('nurse_visits_closed_check', sql`("time_out" IS NULL) = ("action_taken" IS NULL)`),
    // One open visit per student (the service checks first under a lock, to say so clearly).
    uniqueIndex('nurse_visits_one_open_key')
      .on(t.tenantId, t.studentUsi)
      .where(sql`"time_out" IS NULL`),
    index('nurse_visits_time_in_idx').on(t.tenantId, t.timeIn),
  ],
);
