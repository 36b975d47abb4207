/**
 * Shared set-up of the audit trail tests (src/platform/audit/*.test.ts): one migrated database per test file,
 * a fresh tenant per case (so its chain starts fresh), entries of a nurse's request, and the chain's rows and
 * verification report for a tenant.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Principal, RequestMeta } from '../../src/platform/auth/roles.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { recordAudit, type AuditEntry } from '../../src/platform/audit/audit.js';
import { verifyAuditChain } from '../../src/platform/audit/verify.js';
import { migratedDatabase, type TestDatabase } from './db.js';

export function principal(tenantId: string): Principal {
  return { kind: 'user', tenantId, actorId: 'acct-nurse-1', roles: ['nurse'], scopes: [] };
}

export const meta: RequestMeta = {
  ip: '2001:0db8:0000::0001',
  userAgent: 'vitest',
  requestId: 'req-1',
  justification: 'medication check',
};

export function entry(tenantId: string, n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    principal: principal(tenantId),
    meta,
    table: 'health.student_health_records',
    recordId: `rec-${n}`,
    operation: 'UPDATE',
    oldValues: { note: `before ${n}` },
    newValues: { note: `after ${n}` },
    legitimateEducationalInterest: true,
    dataCategories: ['health'],
    ...extra,
  };
}

export interface AuditTrailFixture {
  /** The test file's migrated database (set once `beforeAll` has run). */
  readonly database: TestDatabase;
  newTenant(): Promise<{ id: string; slug: string }>;
  /** Writes `count` audit rows for the tenant, one transaction each, as the app role. */
  writeChain(tenantId: string, count: number): Promise<void>;
  rowsOf(tenantId: string): Promise<{ id: string; seq: string; prev_hash: string | null; row_hash: string }[]>;
  /** The verification report of the tenant's chain. */
  reportFor(tenantId: string): Promise<Awaited<ReturnType<typeof verifyAuditChain>>['tenants'][number]>;
}

/** Registers the database's `beforeAll`/`afterAll` in the calling test file and returns the helpers over it. */
export function auditTrailFixture(): AuditTrailFixture {
  let database: TestDatabase | undefined;
  let slugCounter = 0;
  beforeAll(async () => {
    database = await migratedDatabase();
  });
  afterAll(() => database?.dispose());

  const fixture: AuditTrailFixture = {
    get database() {
      if (!database) throw new Error('the audit trail database is opened in beforeAll');
      return database;
    },
    async newTenant() {
      const id = randomUUID();
      const slug = `audit-t${++slugCounter}`;
      await fixture.database.query(
        `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Audit ISD', 'district')`,
        [id, slug],
      );
      return { id, slug };
    },
    async writeChain(tenantId, count) {
      for (let n = 1; n <= count; n++)
        await tenantTransaction(fixture.database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, n)));
    },
    rowsOf(tenantId) {
      return fixture.database.query<{ id: string; seq: string; prev_hash: string | null; row_hash: string }>(
        `SELECT id::text AS id, tenant_seq::text AS seq, prev_hash, row_hash FROM compliance.audit_logs
          WHERE tenant_id = $1 ORDER BY tenant_seq`,
        [tenantId],
      );
    },
    async reportFor(tenantId) {
      const { tenants } = await verifyAuditChain(fixture.database, { tenantId });
      expect(tenants).toHaveLength(1);
      return tenants[0]!;
    },
  };
  return fixture;
}
