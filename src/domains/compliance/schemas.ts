/**
 * What the compliance operations accept and answer (zod): retention (policies, legal holds, the dry
 * run), FERPA records requests and the FERPA inspection export. No server-only imports here.
 */
import { z } from 'zod';

const studentUsi = z.coerce
  .number({ message: 'must be a student id' })
  .int()
  .positive()
  .max(2147483647, 'must be a student id');
const uuid = (what: string) => z.uuid({ message: `must be a ${what} id (UUID)` });
const text = (max: number) => z.string().trim().min(1, 'is required').max(max);

export const RETENTION_RULES = {
  /** Rows removed or anonymised per transaction (one audit row each). */
  batchSize: 500,
  /** Batches per policy and run: a daily run never holds the database for long. */
  maxBatchesPerRun: 200,
  /** Row keys listed per policy by a dry run. */
  dryRunSample: 20,
  /** Days in a policy's retention year (2,555 days = 7 years, the classroom data's period). */
  daysPerYear: 365,
} as const;

/**
 * compliance.data_retention_policies.retention_criteria: which rows are due and what anonymising
 * writes. `dateColumn` + the period, or `expiresColumn` (a row's own end of retention, e.g. a
 * classroom session's data_retention_date). `days` overrides the policy's years.
 */
export const retentionCriteria = z.strictObject({
  dateColumn: z.string().min(1).max(63).optional(),
  expiresColumn: z.string().min(1).max(63).optional(),
  days: z.number().int().min(0).max(100_000).optional(),
  /** Only rows whose column holds one of these values. */
  match: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.boolean()])).min(1)).optional(),
  /** anonymize: column → the value written (null clears it). */
  anonymize: z.record(z.string(), z.string().max(200).nullable()).optional(),
});
export type RetentionCriteria = z.infer<typeof retentionCriteria>;

export const retentionPolicyView = z.object({
  id: z.number(),
  dataCategory: z.string(),
  tableName: z.string(),
  disposalMethod: z.string(),
  retentionDays: z.number(),
  /** Where the period comes from: seed 000's retention_policies of the category, the criteria, or the years. */
  periodSource: z.enum(['retention_policies', 'criteria', 'years']),
  legalBasis: z.string(),
  active: z.boolean(),
  problem: z.string().nullable(),
});
export type RetentionPolicyView = z.infer<typeof retentionPolicyView>;

/**
 * The retention-policy form (web app): the compliance.data_retention_policies columns a district edits,
 * with `days` and `dateColumn` going into retention_criteria (other criteria are kept as they are).
 */
export const retentionPolicyForm = z.strictObject({
  dataCategory: text(100),
  tableName: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'must be schema.table'),
  retentionPeriodYears: z
    .number({ message: 'must be a whole number of years' })
    .int('must be a whole number of years')
    .min(0, 'cannot be negative')
    .max(100, 'must be at most 100 years'),
  days: z.number().int('must be a whole number of days').min(0, 'cannot be negative').max(100_000).optional(),
  dateColumn: z
    .string()
    .trim()
    .regex(/^([a-z_][a-z0-9_]*)?$/, 'must be a column name')
    .max(63)
    .optional(),
  disposalMethod: z.enum(['delete', 'anonymize'], { message: 'must be delete or anonymize' }),
  legalBasis: text(2000),
  active: z.boolean(),
});
export type RetentionPolicyForm = z.output<typeof retentionPolicyForm>;

export const retentionPolicyOutcome = z.object({
  policyId: z.number(),
  dataCategory: z.string(),
  tableName: z.string(),
  disposalMethod: z.string(),
  cutoff: z.string().nullable(),
  /** Rows due (dry run) or removed/anonymised (run). */
  rows: z.number(),
  /** Rows due but under legal hold: kept. */
  held: z.number(),
  batches: z.number(),
  sample: z.array(z.string()),
  error: z.string().nullable(),
});
export type RetentionPolicyOutcome = z.infer<typeof retentionPolicyOutcome>;

export const auditPartitionOutcome = z.object({
  partition: z.string(),
  endsBefore: z.string(),
  droppable: z.boolean(),
  reason: z.string().nullable(),
  /** This tenant's rows in the partition. */
  rows: z.number(),
});

export const retentionReport = z.object({
  dryRun: z.boolean(),
  at: z.string(),
  policies: z.array(retentionPolicyOutcome),
  auditPartitions: z.array(auditPartitionOutcome),
});
export type RetentionReport = z.infer<typeof retentionReport>;

/** A retention run started from the web (a background job) and its poll: progress, then the report. */
export const retentionRunParams = z.strictObject({ jobId: uuid('retention run') });
export const retentionRunStarted = z.object({ jobId: z.string() });
export const retentionRunStatus = z.object({
  jobId: z.string(),
  status: z.enum(['pending', 'running', 'completed', 'failed']),
  /** Policies done of all, and rows removed or anonymised so far. */
  progress: z.object({ done: z.number(), total: z.number(), rows: z.number() }).nullable(),
  report: retentionReport.nullable(),
  error: z.string().nullable().optional(),
});

export const legalHoldInput = z.strictObject({
  tableName: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'must be schema.table'),
  /** One row's key (without the tenant; composite keys joined by '|'); absent = the whole table. */
  recordId: text(255).optional(),
  reason: text(2000),
});
export type LegalHoldInput = z.input<typeof legalHoldInput>;

export const legalHoldView = z.object({
  id: z.string(),
  tableName: z.string(),
  recordId: z.string().nullable(),
  reason: z.string(),
  placedBy: z.string(),
  placedAt: z.string(),
  releasedAt: z.string().nullable(),
});
export type LegalHoldView = z.infer<typeof legalHoldView>;
export const legalHoldParams = z.strictObject({ holdId: uuid('legal hold') });
/** Why a hold ends (the hold's audit row keeps it). */
export const legalHoldReleaseInput = z.strictObject({ reason: text(2000) });
export type LegalHoldReleaseInput = z.input<typeof legalHoldReleaseInput>;

// ---- records requests (FERPA amendment and deletion) ----

export const RECORDS_REQUEST_RULES = {
  /** FERPA: an agency acts on a request to amend within a reasonable time; Schola tracks 45 days. */
  responseDays: 45,
} as const;

export const submitRecordsRequestInput = z.strictObject({
  requestType: z.enum(['correction', 'deletion']),
  studentUsi,
  requesterRelationship: z.enum(['parent', 'guardian', 'eligible_student', 'staff']),
  tableName: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, 'must be schema.table')
    .optional(),
  recordId: text(255).optional(),
  fieldName: text(100).optional(),
  currentValue: z.string().max(4000).optional(),
  requestedValue: z.string().max(4000).optional(),
  description: text(4000),
});
export type SubmitRecordsRequestInput = z.input<typeof submitRecordsRequestInput>;

export const decideRecordsRequestInput = z.strictObject({
  decision: z.enum(['approved', 'denied']),
  reason: text(4000),
});
export const completeRecordsRequestInput = z.strictObject({ resolution: text(4000) });
export const recordsRequestParams = z.strictObject({ requestId: uuid('records request') });
export const recordsRequestQuery = z.strictObject({
  status: z.enum(['submitted', 'under_review', 'approved', 'denied', 'completed']).optional(),
  studentUsi: studentUsi.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const recordsRequestView = z.object({
  id: z.string(),
  requestType: z.string(),
  studentUsi: z.number(),
  requestedBy: z.string(),
  requesterRelationship: z.string(),
  tableName: z.string().nullable(),
  recordId: z.string().nullable(),
  fieldName: z.string().nullable(),
  currentValue: z.string().nullable(),
  requestedValue: z.string().nullable(),
  description: z.string(),
  status: z.string(),
  reviewerId: z.string().nullable(),
  decisionReason: z.string().nullable(),
  resolution: z.string().nullable(),
  dueDate: z.string(),
  submittedAt: z.string(),
  decidedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type RecordsRequestView = z.infer<typeof recordsRequestView>;

// ---- FERPA inspection export ----

export const ferpaExportInput = z.strictObject({ studentUsi });
export const ferpaExportParams = z.strictObject({ jobId: uuid('export job') });
export const ferpaExportStarted = z.object({ jobId: z.string() });
export const ferpaExportStatus = z.object({
  jobId: z.string(),
  status: z.string(),
  progress: z.unknown().nullable(),
  summary: z.unknown().nullable(),
  error: z.string().nullable().optional(),
  downloadUrl: z.string().nullable(),
});

// ---- The audit trail of one student's records ----

export const studentAuditParams = z.strictObject({ studentUsi });
export const studentAuditQuery = z.strictObject({
  from: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO date-time' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const studentAuditRow = z.object({
  id: z.number(),
  timestamp: z.string(),
  userId: z.string(),
  actorRole: z.string().nullable(),
  operation: z.string(),
  tableName: z.string(),
  recordId: z.string().nullable(),
  legitimateEducationalInterest: z.boolean().nullable(),
  justification: z.string().nullable(),
});
export const studentAuditView = z.object({
  studentUsi: z.number(),
  /** How many of the student's records (rows in every table that holds them) were looked for. */
  recordCount: z.number(),
  data: z.array(studentAuditRow),
  page: z.object({ limit: z.number(), offset: z.number(), total: z.number() }),
});
export type StudentAuditView = z.infer<typeof studentAuditView>;
