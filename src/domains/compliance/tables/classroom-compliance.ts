/**
 * Seed 000 `compliance.*`: the live-classroom product's audit log, COPPA records, parental consents
 * and retention policies (same PostgreSQL schema as seed 004's compliance tables).
 */

import { boolean, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { complianceSchema } from '../../../platform/db/pg-schemas.js';
import {
  checkNonNegative,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { classroomSessions } from '../../classroom/tables/sessions.js';
import { schools, students } from '../../classroom/tables/users.js';

// Seed 000 documents no value lists; only durations are safely known to be >= 0 (checkNonNegative).

/**
 * Audit event of the classroom product (who accessed what, on which basis).
 * Session and school FKs RESTRICT: an audit trail must never disappear with the audited rows.
 */
// seed: 000_c57cf13880429c4c.txt §compliance.audit_log
export const auditLog = complianceSchema.table(
  'audit_log',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    sessionId: uuid('session_id'),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    // Polymorphic actor (teacher, student, system): no FK.
    actorId: uuid('actor_id'),
    actorType: text('actor_type'),
    // A single uuid in the seed despite the plural name; kept as typed, no FK.
    affectedStudentIds: uuid('affected_student_ids'),
    complianceBasis: text('compliance_basis'),
    dataAccessed: text('data_accessed'),
    description: text('description'),
    eventCategory: text('event_category'),
    eventTimestamp: timestamp('event_timestamp', { withTimezone: true }),
    eventType: text('event_type'),
    ipAddress: text('ip_address'),
    resourceId: uuid('resource_id'),
    resourceType: text('resource_type'),
    userAgent: text('user_agent'),
  },
  (t) => [
    ...tenantKeys('audit_log', t.tenantId, t.id),
    tenantFk('audit_log_session_fkey', [t.tenantId, t.sessionId], [classroomSessions.tenantId, classroomSessions.id]),
    tenantFk('audit_log_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    index('audit_log_session_idx').on(t.tenantId, t.sessionId),
    index('audit_log_school_idx').on(t.tenantId, t.schoolId),
    index('audit_log_event_timestamp_idx').on(t.tenantId, t.eventTimestamp),
  ],
);

/** COPPA record of a student: age verification, data-collection limits, deletion requests. */
// seed: 000_c57cf13880429c4c.txt §compliance.coppa_compliance
export const coppaCompliance = complianceSchema.table(
  'coppa_compliance',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ageVerificationMethod: text('age_verification_method'),
    ageVerifiedAt: timestamp('age_verified_at', { withTimezone: true }),
    autoDeleteEnabled: boolean('auto_delete_enabled'),
    birthYear: integer('birth_year'),
    dataCollectionLimited: boolean('data_collection_limited'),
    deleteAfterDays: integer('delete_after_days'),
    deletionCompletedAt: timestamp('deletion_completed_at', { withTimezone: true }),
    deletionRequestedAt: timestamp('deletion_requested_at', { withTimezone: true }),
    isUnder13: boolean('is_under_13'),
    noBehavioralTargeting: boolean('no_behavioral_targeting'),
    noThirdPartySharing: boolean('no_third_party_sharing'),
    parentAccessEnabled: boolean('parent_access_enabled'),
    parentLastReviewed: timestamp('parent_last_reviewed', { withTimezone: true }),
    studentId: uuid('student_id'),
  },
  (t) => [
    ...tenantKeys('coppa_compliance', t.tenantId, t.id),
    // RESTRICT: the compliance record is evidence; removing it must be a deliberate step.
    tenantFk('coppa_compliance_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    tenantFk('coppa_compliance_student_fkey', [t.tenantId, t.studentId], [students.tenantId, students.id]),
    checkNonNegative('coppa_compliance_delete_after_days_check', t.deleteAfterDays),
    index('coppa_compliance_school_idx').on(t.tenantId, t.schoolId),
    index('coppa_compliance_student_idx').on(t.tenantId, t.studentId),
  ],
);

/** A parent's consent for a student (type, text version, verification, revocation). */
// seed: 000_c57cf13880429c4c.txt §compliance.parental_consents
export const parentalConsents = complianceSchema.table(
  'parental_consents',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    consentDate: timestamp('consent_date', { withTimezone: true }),
    consentGiven: boolean('consent_given'),
    consentTextVersion: text('consent_text_version'),
    consentType: text('consent_type'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    ipAddress: text('ip_address'),
    parentEmail: text('parent_email'),
    parentName: text('parent_name'),
    relationship: text('relationship'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    studentId: uuid('student_id'),
    userAgent: text('user_agent'),
    verificationMethod: text('verification_method'),
    verificationToken: text('verification_token'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [
    ...tenantKeys('parental_consents', t.tenantId, t.id),
    tenantFk('parental_consents_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    tenantFk('parental_consents_student_fkey', [t.tenantId, t.studentId], [students.tenantId, students.id]),
    index('parental_consents_school_idx').on(t.tenantId, t.schoolId),
    index('parental_consents_student_idx').on(t.tenantId, t.studentId),
  ],
);

/** Retention policy of a school for one type of data (archive/delete after N days). */
// seed: 000_c57cf13880429c4c.txt §compliance.retention_policies
export const retentionPolicies = complianceSchema.table(
  'retention_policies',
  {
    tenantId: tenantKey(),
    id: uuid('id').notNull().defaultRandom(),
    schoolId: uuid('school_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    archiveAfterDays: integer('archive_after_days'),
    autoDeleteEnabled: boolean('auto_delete_enabled'),
    deleteAfterDays: integer('delete_after_days'),
    legalBasis: text('legal_basis'),
    policyType: text('policy_type'),
    retentionDays: integer('retention_days'),
  },
  (t) => [
    ...tenantKeys('retention_policies', t.tenantId, t.id),
    tenantFk('retention_policies_school_fkey', [t.tenantId, t.schoolId], [schools.tenantId, schools.id]),
    checkNonNegative('retention_policies_archive_after_days_check', t.archiveAfterDays),
    checkNonNegative('retention_policies_delete_after_days_check', t.deleteAfterDays),
    checkNonNegative('retention_policies_retention_days_check', t.retentionDays),
    index('retention_policies_school_idx').on(t.tenantId, t.schoolId),
  ],
);
