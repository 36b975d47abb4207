/**
 * Cafeteria (schema `cafeteria`, seed 004 §11): meal plans, students' meal accounts and meal
 * transactions. Student FKs are RESTRICT: meal accounts and transactions are financial records.
 */
import { bigserial, boolean, date, index, integer, numeric, serial, text, time, varchar } from 'drizzle-orm/pg-core';
import { cafeteriaSchema } from '../../platform/db/pg-schemas.js';
import { checkIn, createdAt, tenantFk, tenantKey, tenantKeys } from '../../platform/db/schema-kit.js';
import { student } from '../edfi/tables.js';

const money = (name: string) => numeric(name, { precision: 10, scale: 2, mode: 'number' });

/** Meal pricing options ("Standard", "Reduced", "Free"). */
// seed: 004_c704a79166da158a.txt §11 cafeteria
export const mealPlans = cafeteriaSchema.table(
  'meal_plans',
  {
    tenantId: tenantKey(),
    mealPlanId: serial('meal_plan_id').notNull(),
    planName: varchar('plan_name', { length: 100 }).notNull(),
    description: text('description'),
    dailyRate: money('daily_rate'),
    weeklyRate: money('weekly_rate'),
    monthlyRate: money('monthly_rate'),
    yearlyRate: money('yearly_rate'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [...tenantKeys('meal_plans', t.tenantId, t.mealPlanId)],
);

/** A student's meal account on a plan. */
// seed: 004_c704a79166da158a.txt §11 cafeteria
export const studentMealPlans = cafeteriaSchema.table(
  'student_meal_plans',
  {
    tenantId: tenantKey(),
    assignmentId: bigserial('assignment_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    mealPlanId: integer('meal_plan_id').notNull(),
    effectiveDate: date('effective_date').notNull(),
    endDate: date('end_date'),
    freeReducedStatus: varchar('free_reduced_status', { length: 20 }),
    accountBalance: money('account_balance').default(0.0),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('student_meal_plans', t.tenantId, t.assignmentId),
    // Seed comment: "Free, reduced, paid".
    checkIn('student_meal_plans_free_reduced_status_check', t.freeReducedStatus, ['free', 'reduced', 'paid'], {
      caseInsensitive: true,
    }),
    tenantFk('student_meal_plans_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    // Plans are retired with is_active; accounts keep their history, so RESTRICT.
    tenantFk(
      'student_meal_plans_meal_plan_fkey',
      [t.tenantId, t.mealPlanId],
      [mealPlans.tenantId, mealPlans.mealPlanId],
    ),
    index('student_meal_plans_student_idx').on(t.tenantId, t.studentUsi),
    index('student_meal_plans_meal_plan_idx').on(t.tenantId, t.mealPlanId),
  ],
);

/** Meal purchases. */
// seed: 004_c704a79166da158a.txt §11 cafeteria
export const mealTransactions = cafeteriaSchema.table(
  'meal_transactions',
  {
    tenantId: tenantKey(),
    transactionId: bigserial('transaction_id', { mode: 'number' }).notNull(),
    studentUsi: integer('student_usi').notNull(),
    transactionDate: date('transaction_date').notNull(),
    transactionTime: time('transaction_time').notNull(),
    mealType: varchar('meal_type', { length: 20 }).notNull(),
    amount: money('amount').notNull(),
    paymentMethod: varchar('payment_method', { length: 20 }),
    accountBalance: money('account_balance'),
    cashierId: varchar('cashier_id', { length: 100 }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantKeys('meal_transactions', t.tenantId, t.transactionId),
    // Seed comment: "Breakfast, lunch, snack".
    checkIn('meal_transactions_meal_type_check', t.mealType, ['breakfast', 'lunch', 'snack'], {
      caseInsensitive: true,
    }),
    tenantFk('meal_transactions_student_fkey', [t.tenantId, t.studentUsi], [student.tenantId, student.studentUSI]),
    index('meal_transactions_student_idx').on(t.tenantId, t.studentUsi, t.transactionDate),
  ],
);
