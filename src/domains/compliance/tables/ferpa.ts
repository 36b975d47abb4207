/**
 * Seed 004 §12 `compliance.*`: FERPA compliance log, tamper-evident audit log, retention policies,
 * privacy consents and data-access controls of the K-12 (Ed-Fi/OneRoster) platform.
 */
import {
  bigint,
  bigserial,
  boolean,
  char,
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
import { checkIn, createdAt, tenantKey, tenantKeys, tenantUnique, updatedAt } from '../../../platform/db/schema-kit.js';

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

/**
 * Comprehensive audit log: every change (and every audited read of sensitive data) to the data.
 * The seed declares it `PARTITION BY RANGE (timestamp)` with monthly partitions; drizzle cannot
 * express partitioning, so the lead adds it to the generated migration. A partitioned table's
 * primary key and unique constraints must contain the partition key: hence the PK
 * (tenant_id, id, timestamp) and `timestamp` NOT NULL DEFAULT now() (the seed has it nullable).
 */
// seed: 004_c704a79166da158a.txt §12 compliance.audit_logs, §14 (idx_audit_recent, idx_audit_user_ops)
export const auditLogs = complianceSchema.table(
  'audit_logs',
  {
    tenantId: tenantKey(),
    id: bigserial('id', { mode: 'number' }).notNull(),
    userId: varchar('user_id', { length: 255 }).notNull(),
    sessionId: varchar('session_id', { length: 255 }),
    tableName: varchar('table_name', { length: 100 }).notNull(),
    recordId: varchar('record_id', { length: 255 }),
    operation: varchar('operation', { length: 20 }).notNull(),
    oldValues: jsonb('old_values'),
    newValues: jsonb('new_values'),
    ipAddress: inet('ip_address'),
    userAgent: text('user_agent'),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull().defaultNow(),
    legitimateEducationalInterest: boolean('legitimate_educational_interest').default(false),
    justification: text('justification'),
    dataCategories: text('data_categories').array(),
    retentionDate: date('retention_date'),
    // Platform additions (not in the seed): hash chaining for tamper evidence. Each tenant's rows
    // form a chain ordered by tenant_seq; row_hash = sha256(prev_hash || canonical row), so any
    // edited, deleted or inserted-out-of-order row breaks verification of the chain.
    actorRole: varchar('actor_role', { length: 50 }),
    tenantSeq: bigint('tenant_seq', { mode: 'number' }).notNull(),
    prevHash: char('prev_hash', { length: 64 }),
    rowHash: char('row_hash', { length: 64 }).notNull(),
  },
  (t) => [
    ...tenantKeys('audit_logs', t.tenantId, t.id, t.timestamp),
    // One row per chain position (timestamp included because the table is partitioned by it).
    tenantUnique('audit_logs_tenant_seq_key', t.tenantId, t.tenantSeq, t.timestamp),
    // SELECT = an audited read of sensitive data (FERPA access logging), beyond the seed's list.
    checkIn('audit_logs_operation_check', t.operation, ['INSERT', 'UPDATE', 'DELETE', 'SELECT']),
    // A user's audit trail.
    index('idx_audit_user_ops').on(t.tenantId, t.userId, t.operation, t.timestamp),
    // The seed's `WHERE timestamp > CURRENT_TIMESTAMP - 30 days` predicate is volatile, which
    // PostgreSQL forbids in an index. Plain index instead: monthly partitions already confine
    // "recent" queries to the last partitions (partition pruning), so each partition's index stays small.
    index('idx_audit_recent').on(t.tenantId, t.timestamp),
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

/** Data access control: which role may read/write/delete which resource, under which conditions. */
// seed: 004_c704a79166da158a.txt §12 compliance.data_access_controls
export const dataAccessControls = complianceSchema.table(
  'data_access_controls',
  {
    tenantId: tenantKey(),
    id: serial('id').notNull(),
    roleName: varchar('role_name', { length: 100 }).notNull(),
    resourceType: varchar('resource_type', { length: 100 }).notNull(),
    resourceIdentifier: varchar('resource_identifier', { length: 255 }).notNull(),
    permissionType: varchar('permission_type', { length: 20 }).notNull(),
    conditions: jsonb('conditions'),
    educationalInterestRequired: boolean('educational_interest_required').default(true),
    approvalRequired: boolean('approval_required').default(false),
    approverRole: varchar('approver_role', { length: 100 }),
    active: boolean('active').default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('data_access_controls', t.tenantId, t.id),
    // One rule per role, resource and permission; also serves lookups by role.
    tenantUnique(
      'data_access_controls_rule_key',
      t.tenantId,
      t.roleName,
      t.resourceType,
      t.resourceIdentifier,
      t.permissionType,
    ),
    checkIn('data_access_controls_permission_type_check', t.permissionType, ['read', 'write', 'delete'], {
      caseInsensitive: true,
    }),
  ],
);
