/**
 * Every PostgreSQL schema Schola owns, declared once (drizzle-kit emits one CREATE SCHEMA each).
 * Seed 004 (Ed-Fi/OneRoster K-12), seed 000 (live classroom sessions), seed 002 (language school).
 */
import { pgSchema } from 'drizzle-orm/pg-core';

// Seed 004
export const edfiSchema = pgSchema('edfi');
export const onerosterSchema = pgSchema('oneroster');
export const twoHourLearningSchema = pgSchema('two_hour_learning');
export const healthSchema = pgSchema('health');
export const transportationSchema = pgSchema('transportation');
export const specialedSchema = pgSchema('specialed');
export const cafeteriaSchema = pgSchema('cafeteria');
export const librarySchema = pgSchema('library');
export const activitiesSchema = pgSchema('activities');
// Seeds 004 and 000 both define tables in `compliance`.
export const complianceSchema = pgSchema('compliance');

// Platform: sign-in accounts, sessions, OAuth clients (not in the seeds; links to the seeds' people)
export const identitySchema = pgSchema('identity');

// Seed 000
export const adminSchema = pgSchema('admin');
export const aiInsightsSchema = pgSchema('ai_insights');
export const analyticsSchema = pgSchema('analytics');
export const audioSchema = pgSchema('audio');
export const communicationSchema = pgSchema('communication');
export const notificationsSchema = pgSchema('notifications');
export const operationalSchema = pgSchema('operational');
export const sessionsSchema = pgSchema('sessions');
export const usersSchema = pgSchema('users');

// Seed 002 (one schema per group of its table index; payroll and accounting live in finance)
export const coreSchema = pgSchema('core');
export const curriculumSchema = pgSchema('curriculum');
export const toolboxSchema = pgSchema('toolbox');
export const schoolOpsSchema = pgSchema('school_ops');
export const financeSchema = pgSchema('finance');
export const crmSchema = pgSchema('crm');
export const aiMemorySchema = pgSchema('ai_memory');
export const supervisionSchema = pgSchema('supervision');
