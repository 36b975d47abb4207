/**
 * Seed 004 §12 `compliance.*`: FERPA compliance log, tamper-evident audit log, retention policies,
 * privacy consents and data-access controls of the K-12 (Ed-Fi/OneRoster) platform.
 */
import {
  bigserial,
  boolean,
  date,
  index,
  inet,
  integer,
  jsonb,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { complianceSchema } from '../../../platform/db/pg-schemas.js';
import { checkIn, createdAt, tenantKey, tenantKeys, updatedAt } from '../../../platform/db/schema-kit.js';

/** FERPA compliance tracking: one compliance evaluation of one record. */
// seed: 004_c704a79166da158a.txt §12 compliance.ferpa_compliance_log
export const ferpaComplianceLog = complianceSchema.table(
  'ferpa_compliance_log',
  {
    tenantId: tenantKey(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    entityType: varchar('entity_type', { length: 50 }).notNull(),
    entityId: varchar('entity_id', { length: 255 }).notNull(),
    dataClassification: varchar('data_classification', { length: 20 }).notNull(),
    complianceRule: varchar('compliance_rule', { length: 100 }).notNull(),
    complianceStatus: varchar('compliance_status', { length: 20 }).notNull(),
    violationDetails: jsonb('violation_details'),
    remediationAction: text('remediation_action'),
    reviewDate: timestamp('review_date', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('ferpa_compliance_log', t.tenantId, t.id),
    checkIn(
      'ferpa_compliance_log_data_classification_check',
      t.dataClassification,
      ['public', 'directory', 'private'],
      {
        caseInsensitive: true,
      },
    ),
    checkIn('ferpa_compliance_log_compliance_status_check', t.complianceStatus, ['compliant', 'violation'], {
      caseInsensitive: true,
    }),
    // A record's compliance history.
    index('ferpa_compliance_log_entity_idx').on(t.tenantId, t.entityType, t.entityId),
  ],
);

/** Data retention policy: how long a category of data is kept and how it is disposed of. */
// seed: 004_c704a79166da158a.txt §12 compliance.data_retention_policies
export const dataRetentionPolicies = complianceSchema.table(
  'data_retention_policies',
  {
    tenantId: tenantKey(),
    id: serial('id').notNull(),
    dataCategory: varchar('data_category', { length: 100 }).notNull(),
    tableName: varchar('table_name', { length: 100 }).notNull(),
    retentionPeriodYears: integer('retention_period_years').notNull(),
    retentionCriteria: jsonb('retention_criteria'),
    legalBasis: text('legal_basis').notNull(),
    disposalMethod: varchar('disposal_method', { length: 50 }).notNull(),
    reviewFrequencyMonths: integer('review_frequency_months').default(12),
    lastReviewDate: date('last_review_date'),
    nextReviewDate: date('next_review_date'),
    active: boolean('active').default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('data_retention_policies', t.tenantId, t.id),
    checkIn('data_retention_policies_disposal_method_check', t.disposalMethod, ['delete', 'archive', 'anonymize'], {
      caseInsensitive: true,
    }),
  ],
);

/**
 * Privacy consent of a student (or their parent/guardian) for one use of their data.
 * student_id / parent_guardian_id are VARCHAR(255) external identifiers in the seed (not the
 * integer Ed-Fi StudentUSI): no FK.
 */
// seed: 004_c704a79166da158a.txt §12 compliance.privacy_consents
export const privacyConsents = complianceSchema.table(
  'privacy_consents',
  {
    tenantId: tenantKey(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    studentId: varchar('student_id', { length: 255 }).notNull(),
    parentGuardianId: varchar('parent_guardian_id', { length: 255 }),
    consentType: varchar('consent_type', { length: 50 }).notNull(),
    consentStatus: varchar('consent_status', { length: 20 }).notNull(),
    consentDate: timestamp('consent_date', { withTimezone: true }).notNull(),
    expirationDate: timestamp('expiration_date', { withTimezone: true }),
    withdrawalDate: timestamp('withdrawal_date', { withTimezone: true }),
    consentMethod: varchar('consent_method', { length: 50 }),
    ipAddress: inet('ip_address'),
    consentDetails: jsonb('consent_details'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('privacy_consents', t.tenantId, t.id),
    checkIn('privacy_consents_consent_status_check', t.consentStatus, ['granted', 'denied', 'withdrawn'], {
      caseInsensitive: true,
    }),
    checkIn('privacy_consents_consent_method_check', t.consentMethod, ['online', 'paper', 'verbal'], {
      caseInsensitive: true,
    }),
    // "May we use this student's data for X?" is asked per student.
    index('privacy_consents_student_idx').on(t.tenantId, t.studentId, t.consentType),
  ],
);
