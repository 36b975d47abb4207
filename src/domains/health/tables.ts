/**
 * Student health (schema `health`, seed 004 §11): health records, immunizations, medications,
 * allergies. Every row belongs to an Ed-Fi student; the student FK is RESTRICT because health
 * records are subject to retention rules and must not vanish with an accidental student delete.
 */
import { bigserial, boolean, date, index, integer, text, varchar } from 'drizzle-orm/pg-core';
import { healthSchema } from '../../platform/db/pg-schemas.js';
import { checkIn, createdAt, tenantFk, tenantKey, tenantKeys } from '../../platform/db/schema-kit.js';
import { student } from '../edfi/tables.js';

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
