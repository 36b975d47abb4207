/**
 * The platform's audit tables: the FERPA audit log (seed 004 §12, written only by the audit module,
 * hash-chained per tenant) and the head of each tenant's chain.
 */
import {
  bigint,
  bigserial,
  boolean,
  char,
  date,
  index,
  inet,
  jsonb,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { complianceSchema } from '../db/pg-schemas.js';
import { checkIn, markAppendOnly, tenantKey, tenantKeys, tenantUnique } from '../db/schema-kit.js';

/**
 * Comprehensive audit log: every change (and every audited read of sensitive data) to the data.
 * The seed declares it `PARTITION BY RANGE (timestamp)` with monthly partitions; drizzle cannot
 * express partitioning, so the lead adds it to the generated migration. A partitioned table's
 * primary key and unique constraints must contain the partition key: hence the PK
 * (tenant_id, id, timestamp) and `timestamp` NOT NULL DEFAULT now() (the seed has it nullable).
 */
// seed: 004_c704a79166da158a.txt §12 compliance.audit_logs, §14 (idx_audit_recent, idx_audit_user_ops)
export const auditLogs = markAppendOnly(
  complianceSchema.table(
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
  ),
);

/**
 * The head of each tenant's audit hash chain (platform addition, not in the seeds). Writers lock
 * this row (UPDATE … RETURNING) to take the next sequence number and the previous hash, so the
 * chain of compliance.audit_logs stays linear under concurrent writes.
 */
export const auditChainHeads = complianceSchema.table(
  'audit_chain_heads',
  {
    tenantId: tenantKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastHash: char('last_hash', { length: 64 }),
    // Retention dropped the chain's oldest rows (whole audit-log partitions) up to this position:
    // verification starts after it, chained to this hash (platform addition).
    prunedSeq: bigint('pruned_seq', { mode: 'number' }).notNull().default(0),
    prunedHash: char('pruned_hash', { length: 64 }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [...tenantKeys('audit_chain_heads', t.tenantId)],
);
