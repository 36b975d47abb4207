/**
 * Seed 000 `admin.*`: the district record and per-school settings.
 * (`admin.schema_migrations` is platform infrastructure, defined in src/platform/db.)
 */

import { boolean, index, integer, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { adminSchema } from '../../platform/db/pg-schemas.js';
import {
  checkNonNegative,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../platform/db/schema-kit.js';
import { schools } from '../classroom/tables/users.js';

// Seed 000 documents no value lists; only counters are safely known to be >= 0 (checkNonNegative).

/** A school district (contract, subscription tier, headcounts). */
// seed: 000_c57cf13880429c4c.txt §admin.districts
export const districts = adminSchema.table(
  'districts',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    contractDetails: jsonb('contract_details'),
    isActive: boolean('is_active'),
    name: text('name'),
    region: text('region'),
    schoolCount: integer('school_count'),
    state: text('state'),
    studentCount: integer('student_count'),
    subscriptionTier: text('subscription_tier'),
    superintendentName: text('superintendent_name'),
    teacherCount: integer('teacher_count'),
    website: text('website'),
  },
  (t) => [
    ...tenantKeys('districts', t.tenantId, t.id),
    checkNonNegative('districts_school_count_check', t.schoolCount),
    checkNonNegative('districts_student_count_check', t.studentCount),
    checkNonNegative('districts_teacher_count_check', t.teacherCount),
  ],
);

/** A key/value setting of a school; deleted with its school. */
// seed: 000_c57cf13880429c4c.txt §admin.school_settings
export const schoolSettings = adminSchema.table(
  'school_settings',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    description: text('description'),
    isEditable: boolean('is_editable'),
    settingKey: text('setting_key'),
    settingType: text('setting_type'),
    settingValue: text('setting_value'),
  },
  (t) => [
    ...tenantKeys('school_settings', t.tenantId, t.id),
    tenantFk('school_settings_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id], 'cascade'),
    index('school_settings_school_idx').on(t.tenantId, t.schoolId),
  ],
);
