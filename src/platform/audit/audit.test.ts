/**
 * The FERPA audit trail: rows written in the caller's (tenant-confined) transaction, secrets masked,
 * a gap-free hash chain under concurrent writers, and `verifyAuditChain` naming the first edited,
 * deleted or inserted row. Each tampering case gets its own tenant, so its chain starts fresh.
 */
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataRetentionPolicies } from '../../domains/compliance/tables/ferpa.js';
import { registerAuditCommands } from '../../cli/commands/audit.js';
import type { Principal, RequestMeta } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { findPgError } from '../db/pg-errors.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { auditRead, MASKED, recordAudit, recordAudits, type AuditEntry } from './audit.js';
import { verifyAuditChain } from './verify.js';

let database: TestDatabase;
let slugCounter = 0;

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(() => database.dispose());

async function newTenant(): Promise<{ id: string; slug: string }> {
  const id = randomUUID();
  const slug = `audit-t${++slugCounter}`;
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Audit ISD', 'district')`, [
    id,
    slug,
  ]);
  return { id, slug };
}

function principal(tenantId: string): Principal {
  return { kind: 'user', tenantId, actorId: 'acct-nurse-1', roles: ['nurse'], scopes: [] };
}

const meta: RequestMeta = {
  ip: '2001:0db8:0000::0001',
  userAgent: 'vitest',
  requestId: 'req-1',
  justification: 'medication check',
};

function entry(tenantId: string, n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
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

/** Writes `count` audit rows for the tenant, one transaction each, as the app role. */
async function writeChain(tenantId: string, count: number): Promise<void> {
  for (let n = 1; n <= count; n++)
    await tenantTransaction(database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, n)));
}

async function rowsOf(tenantId: string) {
  return database.query<{ id: string; seq: string; prev_hash: string | null; row_hash: string }>(
    `SELECT id::text AS id, tenant_seq::text AS seq, prev_hash, row_hash FROM compliance.audit_logs
      WHERE tenant_id = $1 ORDER BY tenant_seq`,
    [tenantId],
  );
}

async function reportFor(tenantId: string) {
  const { tenants } = await verifyAuditChain(database, { tenantId });
  expect(tenants).toHaveLength(1);
  return tenants[0]!;
}

describe('recordAudit', () => {
  it("writes the row in the caller's transaction: kept with a committed change, gone (chain not advanced) on rollback", async () => {
    const { id: tenantId } = await newTenant();
    const policy = (name: string) => ({
      tenantId,
      dataCategory: name,
      tableName: 'health.student_health_records',
      retentionPeriodYears: 7,
      legalBasis: 'FERPA',
      disposalMethod: 'delete',
    });
    const committed = await tenantTransaction(database, tenantId, async ({ tx }) => {
      const [row] = await tx.insert(dataRetentionPolicies).values(policy('kept')).returning();
      return recordAudit(
        tx,
        entry(tenantId, 1, {
          table: 'compliance.data_retention_policies',
          recordId: row!.id,
          operation: 'INSERT',
          oldValues: null,
          newValues: row,
        }),
      );
    });
    expect(committed.tenantSeq).toBe(1);

    const failed = await tenantTransaction(database, tenantId, async ({ tx }) => {
      const [row] = await tx.insert(dataRetentionPolicies).values(policy('rolled-back')).returning();
      await recordAudit(
        tx,
        entry(tenantId, 2, {
          table: 'compliance.data_retention_policies',
          recordId: row!.id,
          operation: 'INSERT',
          newValues: row,
        }),
      );
      throw new Error('the change failed after it was audited');
    }).catch((e: unknown) => e);
    expect((failed as Error).message).toMatch(/change failed/);

    expect(
      await database.db.select().from(dataRetentionPolicies).where(eq(dataRetentionPolicies.tenantId, tenantId)),
    ).toHaveLength(1);
    expect(await rowsOf(tenantId)).toHaveLength(1);
    const head = await database.query<{ last_seq: string; last_hash: string }>(
      'SELECT last_seq::text AS last_seq, last_hash FROM compliance.audit_chain_heads WHERE tenant_id = $1',
      [tenantId],
    );
    expect(head[0]).toEqual({ last_seq: '1', last_hash: committed.rowHash });

    // The next writer continues the chain right after the committed row.
    const next = await tenantTransaction(database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, 3)));
    expect(next.tenantSeq).toBe(2);
    expect((await rowsOf(tenantId))[1]!.prev_hash).toBe(committed.rowHash);
    expect((await reportFor(tenantId)).ok).toBe(true);
  });

  it('stores who, role, request facts, categories and a 7-year retention date, with secrets masked at any depth', async () => {
    const { id: tenantId } = await newTenant();
    const at = new Date('2024-02-29T10:11:12.345Z');
    await tenantTransaction(database, tenantId, ({ tx }) =>
      recordAudit(tx, {
        ...entry(tenantId, 1, { timestamp: at }),
        principal: { ...principal(tenantId), roles: ['nurse', 'counselor'] },
        oldValues: {
          email: 'a@b.c',
          passwordHash: '$argon2id$x',
          pin: '1234',
          shipping: 'kept',
          profile: { apiToken: 't', nested: [{ client_secret: 's', pinCode: 9 }] },
          resetToken: null,
        },
        newValues: { at: new Date('2024-01-01T00:00:00Z'), big: 12345678901234567890n, access_token: 'tok' },
      }),
    );
    const [row] = await database.query<Record<string, unknown>>(
      `SELECT user_id, actor_role, session_id, table_name, record_id, operation, old_values, new_values,
              format('%s', ip_address) AS ip, user_agent, legitimate_educational_interest, justification,
              data_categories, to_char(retention_date, 'YYYY-MM-DD') AS retention,
              to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ts
         FROM compliance.audit_logs WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(row).toMatchObject({
      user_id: 'acct-nurse-1',
      actor_role: 'nurse,counselor',
      session_id: 'req-1',
      table_name: 'health.student_health_records',
      record_id: 'rec-1',
      operation: 'UPDATE',
      ip: '2001:db8::1',
      user_agent: 'vitest',
      legitimate_educational_interest: true,
      justification: 'medication check',
      data_categories: ['health'],
      retention: '2031-03-01',
      ts: '2024-02-29T10:11:12.345000',
    });
    expect(row!.old_values).toEqual({
      email: 'a@b.c',
      passwordHash: MASKED,
      pin: MASKED,
      shipping: 'kept',
      profile: { apiToken: MASKED, nested: [{ client_secret: MASKED, pinCode: MASKED }] },
      resetToken: null,
    });
    expect(row!.new_values).toEqual({
      at: '2024-01-01T00:00:00.000Z',
      big: '12345678901234567890',
      access_token: MASKED,
    });
    expect((await reportFor(tenantId)).ok).toBe(true);
  });

  it('values of any shape read back to the same hash (numbers, unicode, odd keys, text PostgreSQL would refuse)', async () => {
    const { id: tenantId } = await newTenant();
    const awkward = {
      z: 1,
      a: [3.14, -0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 + 2, -123456789.125, true, null, 'x'],
      'ü-é': 'naïve — 😀 中文',
      '': { nested: { deeper: [[], {}, [{ b: 2, a: 1 }]] } },
      nul: 'a\u0000b',
      lone: 'x\uD800y',
      long: 'w'.repeat(5000),
      nan: Number.NaN,
      skipped: undefined,
    };
    await tenantTransaction(database, tenantId, ({ tx }) =>
      recordAudit(
        tx,
        entry(tenantId, 1, {
          oldValues: awkward,
          newValues: ['top', 'level', 'array'],
          recordId: 42,
          meta: { ip: '::ffff:10.0.0.1', userAgent: 'ua\u0000' },
        }),
      ),
    );
    await tenantTransaction(database, tenantId, ({ tx }) =>
      recordAudit(tx, entry(tenantId, 2, { newValues: 'just text', meta: { ip: 'not an ip' }, dataCategories: [] })),
    );
    // The least an entry can say: no request facts, no values, no categories.
    await tenantTransaction(database, tenantId, ({ tx }) =>
      recordAudit(tx, {
        principal: { tenantId, actorId: 'system:retention', roles: [] },
        table: 'health.allergies',
        operation: 'DELETE',
      }),
    );
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 3 });
  });

  it('auditRead records a SELECT listing the ids read, capped to the column', async () => {
    const { id: tenantId } = await newTenant();
    const ids = Array.from({ length: 100 }, (_, i) => 100000 + i);
    await tenantTransaction(database, tenantId, async ({ tx }) => {
      await auditRead(tx, {
        principal: principal(tenantId),
        meta,
        table: 'health.allergies',
        recordIds: [7, 8],
        dataCategories: ['health'],
      });
      await auditRead(tx, {
        principal: principal(tenantId),
        meta,
        table: 'health.allergies',
        recordIds: ids,
        dataCategories: ['health'],
      });
    });
    const rows = await database.query<{ operation: string; record_id: string; new_values: unknown }>(
      'SELECT operation, record_id, new_values FROM compliance.audit_logs WHERE tenant_id = $1 ORDER BY tenant_seq',
      [tenantId],
    );
    expect(rows[0]).toEqual({ operation: 'SELECT', record_id: '7,8', new_values: { recordCount: 2 } });
    expect(rows[1]!.record_id.length).toBeLessThanOrEqual(255);
    expect(rows[1]!.record_id).toMatch(/^100000,100001,.*,\+\d+ more$/);
    const listed = rows[1]!.record_id.split(',').slice(0, -1).length;
    expect(rows[1]!.record_id).toContain(`+${100 - listed} more`);
    expect(rows[1]!.new_values).toEqual({ recordCount: 100 });
    expect((await reportFor(tenantId)).ok).toBe(true);
  });

  it('the app role may add audit rows but not change or remove them', async () => {
    const { id: tenantId } = await newTenant();
    await writeChain(tenantId, 1);
    for (const statement of [
      sql`UPDATE compliance.audit_logs SET new_values = '{}'`,
      sql`DELETE FROM compliance.audit_logs`,
    ]) {
      const error = await tenantTransaction(database, tenantId, ({ tx }) => tx.execute(statement)).catch(
        (e: unknown) => e,
      );
      expect(findPgError(error)?.code).toBe('42501');
    }
    expect(await rowsOf(tenantId)).toHaveLength(1);
  });

  it('concurrent writers of one tenant produce one gap-free chain', async () => {
    const { id: tenantId } = await newTenant();
    const writers = 20;
    await Promise.all(
      Array.from({ length: writers }, (_, n) =>
        tenantTransaction(database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, n))),
      ),
    );
    const rows = await rowsOf(tenantId);
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.row_hash);
    console.log(`audit: ${writers} concurrent writers, chain of ${rows.length} rows, seq 1..${rows.length}`);
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: writers });
  });

  it('recordAudits appends a batch in order with one head lock, interleaving with single writers', async () => {
    const { id: tenantId } = await newTenant();
    await writeChain(tenantId, 2);
    const batch = [
      entry(tenantId, 3, { meta: { ip: '::ffff:10.0.0.7', requestId: 'req-a' } }),
      entry(tenantId, 4, {
        oldValues: undefined,
        newValues: { nested: { password: 'x', list: [1, 2.5, 'é'] } },
        dataCategories: [],
      }),
      entry(tenantId, 5, { meta: {}, operation: 'DELETE', newValues: null }),
    ];
    const [recorded, again] = await Promise.all([
      tenantTransaction(database, tenantId, ({ tx }) => recordAudits(tx, batch)),
      tenantTransaction(database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, 6))),
    ]);
    const seqs = recorded.map((r) => r.tenantSeq);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(seqs[2]).toBe(seqs[0]! + 2);
    expect([...seqs, again.tenantSeq].sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
    const rows = await database.query<{
      seq: string;
      record_id: string;
      row_hash: string;
      new_values: unknown;
      old_values: unknown;
    }>(
      `SELECT tenant_seq::text AS seq, record_id, row_hash, old_values, new_values FROM compliance.audit_logs
        WHERE tenant_id = $1`,
      [tenantId],
    );
    const stored = rows.find((r) => Number(r.seq) === seqs[1])!;
    expect(stored).toMatchObject({
      record_id: 'rec-4',
      row_hash: recorded[1]!.rowHash,
      old_values: null,
      new_values: { nested: { password: MASKED, list: [1, 2.5, 'é'] } },
    });
    expect(rows.find((r) => Number(r.seq) === seqs[2])).toMatchObject({ record_id: 'rec-5', new_values: null });
    expect(await tenantTransaction(database, tenantId, ({ tx }) => recordAudits(tx, []))).toEqual([]);
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 6 });
  });

  it('recordAudits refuses entries of several tenants', async () => {
    const { id: a } = await newTenant();
    const { id: b } = await newTenant();
    await expect(
      tenantTransaction(database, a, ({ tx }) => recordAudits(tx, [entry(a, 1), entry(b, 2)])),
    ).rejects.toThrow(/one tenant/);
  });
});

describe('verifyAuditChain', () => {
  it('accepts intact chains read in small pages, and a row in the DEFAULT partition before and after it is moved', async () => {
    const { id: tenantId } = await newTenant();
    await writeChain(tenantId, 6);
    const future = new Date('2300-07-15T08:00:00.123Z');
    await tenantTransaction(database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, 7, { timestamp: future })));
    await writeChain(tenantId, 2);
    const [where] = await database.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM compliance.audit_logs
        WHERE tenant_id = $1 AND "timestamp" > '2299-01-01'`,
      [tenantId],
    );
    expect(where!.part).toBe('compliance.audit_logs_default');
    for (const pageSize of [1000, 2, 3]) {
      const { tenants } = await verifyAuditChain(database, { tenantId, pageSize });
      expect(tenants).toEqual([{ tenantId, slug: expect.any(String) as string, rows: 9, ok: true }]);
    }
    // The partition job moves the far-future row into its own month: the chain is unchanged.
    await database.query(`SELECT compliance.ensure_audit_log_partitions('2300-07-01'::date, 0)`);
    const [moved] = await database.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM compliance.audit_logs
        WHERE tenant_id = $1 AND "timestamp" > '2299-01-01'`,
      [tenantId],
    );
    expect(moved!.part).toBe('compliance.audit_logs_y2300m07');
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 9 });
  });

  it('names an edited row', async () => {
    const { id: tenantId } = await newTenant();
    await writeChain(tenantId, 5);
    const target = (await rowsOf(tenantId))[2]!;
    await database.query(
      `UPDATE compliance.audit_logs SET new_values = '{"note": "nothing happened"}'
        WHERE tenant_id = $1 AND tenant_seq = 3`,
      [tenantId],
    );
    expect(await reportFor(tenantId)).toMatchObject({
      ok: false,
      rows: 5,
      problem: { kind: 'edited', seq: 3, rowId: Number(target.id) },
    });
  });

  it('names a deleted row in the middle, and rows cut off at the end', async () => {
    const { id: middle } = await newTenant();
    await writeChain(middle, 5);
    await database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq = 3', [middle]);
    expect(await reportFor(middle)).toMatchObject({ ok: false, rows: 4, problem: { kind: 'deleted', seq: 3 } });

    const { id: end } = await newTenant();
    await writeChain(end, 5);
    await database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq >= 4', [end]);
    expect(await reportFor(end)).toMatchObject({
      ok: false,
      rows: 3,
      problem: { kind: 'truncated', seq: 4, rowId: null },
    });
  });

  it('names a forged row that re-uses a seq or takes a seq the chain never issued', async () => {
    const forge = async (tenantId: string, seq: number, prevHash: string | null, at: string) => {
      const [row] = await database.query<{ id: string }>(
        `INSERT INTO compliance.audit_logs
           (tenant_id, user_id, table_name, record_id, operation, new_values, "timestamp", tenant_seq, prev_hash,
            row_hash)
         VALUES ($1, 'intruder', 'health.student_health_records', 'rec-2', 'UPDATE', '{"note": "forged"}',
                 $2, $3, $4, repeat('ab', 32))
         RETURNING id::text AS id`,
        [tenantId, at, seq, prevHash],
      );
      return Number(row!.id);
    };

    const { id: reused } = await newTenant();
    await writeChain(reused, 4);
    const genuine = await rowsOf(reused);
    // Placed before the genuine seq 2 in time, with seq 2's prev_hash copied: still not chained.
    const forgedId = await forge(reused, 2, genuine[1]!.prev_hash, '2000-01-01T00:00:00Z');
    expect(await reportFor(reused)).toMatchObject({
      ok: false,
      rows: 5,
      problem: { kind: 'inserted', seq: 2, rowId: forgedId },
    });

    const { id: appended } = await newTenant();
    await writeChain(appended, 4);
    const last = (await rowsOf(appended))[3]!;
    const appendedId = await forge(appended, 5, last.row_hash, new Date().toISOString());
    expect(await reportFor(appended)).toMatchObject({
      ok: false,
      rows: 5,
      problem: { kind: 'inserted', seq: 5, rowId: appendedId },
    });
  });

  it('reports each tenant: a broken chain does not hide the others', async () => {
    const intact = await newTenant();
    const broken = await newTenant();
    await writeChain(intact.id, 2);
    await writeChain(broken.id, 2);
    await database.query(
      `UPDATE compliance.audit_logs SET user_id = 'someone-else' WHERE tenant_id = $1 AND tenant_seq = 1`,
      [broken.id],
    );
    const { tenants } = await verifyAuditChain(database);
    expect(tenants.find((t) => t.tenantId === intact.id)).toMatchObject({ ok: true, rows: 2 });
    expect(tenants.find((t) => t.tenantId === broken.id)).toMatchObject({
      ok: false,
      problem: { kind: 'edited', seq: 1 },
    });
  });
});

describe('schola audit verify', () => {
  async function runCli(args: string[]): Promise<{ out: string[]; err: string[]; exitCode: number | undefined }> {
    const out: string[] = [];
    const err: string[] = [];
    const [log, error, previousExit] = [console.log, console.error, process.exitCode];
    console.log = (line: string) => void out.push(line);
    console.error = (line: string) => void err.push(line);
    try {
      const program = new Command('schola').exitOverride();
      // The command closes the database it opens: hand it a view whose close() keeps ours open.
      const view = { ...database, close: async () => undefined } as Database;
      registerAuditCommands(program, { run: (fn) => fn(), openDatabase: async () => view });
      await program.parseAsync(['node', 'schola', 'audit', 'verify', ...args]);
      return { out, err, exitCode: process.exitCode === undefined ? undefined : Number(process.exitCode) };
    } finally {
      console.log = log;
      console.error = error;
      process.exitCode = previousExit;
    }
  }

  it('prints one line per tenant and exits 1 when a chain is broken', async () => {
    const good = await newTenant();
    await writeChain(good.id, 3);
    const ok = await runCli(['--tenant', good.slug]);
    expect(ok).toEqual({ out: [`${good.slug}: ok: 3 rows`], err: [], exitCode: undefined });

    const bad = await newTenant();
    await writeChain(bad.id, 3);
    await database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq = 2', [bad.id]);
    const broken = await runCli(['--tenant', bad.slug]);
    expect(broken.out[0]).toMatch(new RegExp(`^${bad.slug}: BROKEN: deleted at seq 2 \\(row id \\d+\\): `));
    expect(broken.exitCode).toBe(1);

    const all = await runCli([]);
    expect(all.out).toContain(`${good.slug}: ok: 3 rows`);
    expect(all.exitCode).toBe(1);

    expect(await runCli(['--tenant', 'no-such-tenant'])).toMatchObject({ out: [], exitCode: 2 });
  });
});
