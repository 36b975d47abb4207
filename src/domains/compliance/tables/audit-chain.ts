/**
 * The head of each tenant's audit hash chain (platform addition, not in the seeds). Writers lock
 * this row (UPDATE … RETURNING) to take the next sequence number and the previous hash, so the
 * chain of compliance.audit_logs stays linear under concurrent writes.
 */
import { bigint, char, timestamp } from 'drizzle-orm/pg-core';
import { complianceSchema } from '../../../platform/db/pg-schemas.js';
import { tenantKey, tenantKeys } from '../../../platform/db/schema-kit.js';

export const auditChainHeads = complianceSchema.table(
  'audit_chain_heads',
  {
    tenantId: tenantKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    lastHash: char('last_hash', { length: 64 }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [...tenantKeys('audit_chain_heads', t.tenantId)],
);
