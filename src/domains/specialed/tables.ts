/**
 * Special education (schema `specialed`, seed 004 §11): IEPs and their goals, Section 504 plans,
 * and the accommodations granted under either. Student and school FKs are RESTRICT: IEP and 504
 * records carry legal retention obligations.
 */
import { bigint, bigserial, boolean, date, index, integer, numeric, text, varchar } from 'drizzle-orm/pg-core';
import { specialedSchema } from '../../platform/db/pg-schemas.js';
import {
  checkIn,
  checkRange,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
} from '../../platform/db/schema-kit.js';
import { school, student } from '../edfi/tables.js';

const PLAN_STATUSES = ['active', 'draft', 'expired'] as const;

/** Individualized Education Programs. */
// seed: 004_c704a79166da158a.txt §11 specialed
export const iep = specialedSchema.table(
  'iep',
  {
    tenantId: tenantKey(),
    iepId: bigserial('iep_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    schoolId: integer('school_id').notNull(),
    iepNumber: varchar('iep_number', { length: 50 }),
    effectiveDate: date('effective_date').notNull(),
    annualReviewDate: date('annual_review_date'),
    triennialEvaluationDate: date('triennial_evaluation_date'),
    exitDate: date('exit_date'),
    primaryDisability: varchar('primary_disability', { length: 100 }),
    secondaryDisabilities: text('secondary_disabilities').array(),
    placementType: varchar('placement_type', { length: 100 }),
    // Percentage of time with typical peers.
    leastRestrictiveEnvironment: numeric('least_restrictive_environment', { precision: 5, scale: 2, mode: 'number' }),
    iepStatus: varchar('iep_status', { length: 50 }).default('Active'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('iep', t.tenantId, t.iepId),
    tenantUnique('iep_iep_number_key', t.tenantId, t.iepNumber),
    checkRange('iep_least_restrictive_environment_check', t.leastRestrictiveEnvironment, 0, 100),
    // Seed: default 'Active', comment "Active, draft, expired".
    checkIn('iep_iep_status_check', t.iepStatus, PLAN_STATUSES, { caseInsensitive: true }),
    tenantFk('iep_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    tenantFk('iep_school_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('iep_student_idx').on(t.tenantId, t.studentUsi),
    index('iep_school_idx').on(t.tenantId, t.schoolId),
  ],
);

/** Measurable IEP goals. */
// seed: 004_c704a79166da158a.txt §11 specialed
export const iepGoals = specialedSchema.table(
  'iep_goals',
  {
    tenantId: tenantKey(),
    goalId: bigserial('goal_id', { mode: 'number' }).notNull(),
    iepId: bigint('iep_id', { mode: 'number' }).notNull(),
    goalArea: varchar('goal_area', { length: 100 }).notNull(),
    goalDescription: text('goal_description').notNull(),
    measurable: text('measurable'),
    timeline: varchar('timeline', { length: 100 }),
    successCriteria: text('success_criteria'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('iep_goals', t.tenantId, t.goalId),
    // A goal cannot outlive its IEP.
    tenantFk('iep_goals_iep_fkey', [t.tenantId, t.iepId], [iep.tenantId, iep.iepId], 'cascade'),
    index('iep_goals_iep_idx').on(t.tenantId, t.iepId),
  ],
);

/** Section 504 accommodation plans. */
// seed: 004_c704a79166da158a.txt §11 specialed
export const plan504 = specialedSchema.table(
  'plan_504',
  {
    tenantId: tenantKey(),
    plan504Id: bigserial('plan_504_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    schoolId: integer('school_id').notNull(),
    planNumber: varchar('plan_number', { length: 50 }),
    effectiveDate: date('effective_date').notNull(),
    reviewDate: date('review_date'),
    exitDate: date('exit_date'),
    disabilityType: varchar('disability_type', { length: 200 }),
    planStatus: varchar('plan_status', { length: 50 }).default('Active'),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('plan_504', t.tenantId, t.plan504Id),
    tenantUnique('plan_504_plan_number_key', t.tenantId, t.planNumber),
    checkIn('plan_504_plan_status_check', t.planStatus, PLAN_STATUSES, { caseInsensitive: true }),
    tenantFk('plan_504_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    tenantFk('plan_504_school_fkey', [t.tenantId, t.schoolId], [school.tenantId, school.schoolId]),
    index('plan_504_student_idx').on(t.tenantId, t.studentUsi),
    index('plan_504_school_idx').on(t.tenantId, t.schoolId),
  ],
);

/**
 * Accommodations (extended time, preferential seating…) under an IEP or a 504 plan.
 * plan_id is polymorphic (iep.iep_id or plan_504.plan_504_id per plan_type): no FK possible;
 * the application checks it.
 */
// seed: 004_c704a79166da158a.txt §11 specialed
export const accommodations = specialedSchema.table(
  'accommodations',
  {
    tenantId: tenantKey(),
    accommodationId: bigserial('accommodation_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    planType: varchar('plan_type', { length: 20 }).notNull(),
    planId: bigint('plan_id', { mode: 'number' }).notNull(),
    accommodationType: varchar('accommodation_type', { length: 100 }),
    accommodationDescription: text('accommodation_description').notNull(),
    subject: varchar('subject', { length: 100 }),
    setting: varchar('setting', { length: 100 }),
    frequency: varchar('frequency', { length: 100 }),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('accommodations', t.tenantId, t.accommodationId),
    checkIn('accommodations_plan_type_check', t.planType, ['IEP', '504'], { caseInsensitive: true }),
    tenantFk('accommodations_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('accommodations_student_idx').on(t.tenantId, t.studentUsi),
    index('accommodations_plan_idx').on(t.tenantId, t.planType, t.planId),
  ],
);
