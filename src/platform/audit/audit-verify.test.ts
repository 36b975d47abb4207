/**
 * Verifying the FERPA audit trail: `verifyAuditChain` accepts intact chains and names the first edited, deleted
 * or inserted row, per tenant; `schola audit verify` prints it and sets the exit code. Each tampering case gets its
 * own tenant, so its chain starts fresh.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerAuditCommands } from '../../cli/commands/audit.js';
import type { Database } from '../db/database.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { auditTrailFixture, entry } from '../../../test/support/audit-trail.js';
import { recordAudit } from './audit.js';
import { verifyAuditChain } from './verify.js';

const trail = auditTrailFixture();
const { newTenant, writeChain, rowsOf, reportFor } = trail;

describe('verifyAuditChain', () => {
  it('accepts intact chains read in small pages, and a row in the DEFAULT partition before and after it is moved', async () => {
    const { id: tenantId } = await newTenant();
    await writeChain(tenantId, 6);
    const future = new Date('2300-07-15T08:00:00.123Z');
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
      recordAudit(tx, entry(tenantId, 7, { timestamp: future })),
    );
    await writeChain(tenantId, 2);
    const [where] = await trail.database.query<{ part: string }>(
      `SELECT tableoid::regclass::text AS part FROM compliance.audit_logs
        WHERE tenant_id = $1 AND "timestamp" > '2299-01-01'`,
      [tenantId],
    );
    expect(where!.part).toBe('compliance.audit_logs_default');
    for (const pageSize of [1000, 2, 3]) {
      const { tenants } = await verifyAuditChain(trail.database, { tenantId, pageSize });
      expect(tenants).toEqual([{ tenantId, slug: expect.any(String) as string, rows: 9, ok: true }]);
    }
    // The partition job moves the far-future row into its own month: the chain is unchanged.
    await trail.database.query(`SELECT compliance.ensure_audit_log_partitions('2300-07-01'::date, 0)`);
    const [moved] = await trail.database.query<{ part: string }>(
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
    await trail.database.query(
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
    await trail.database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq = 3', [middle]);
    expect(await reportFor(middle)).toMatchObject({ ok: false, rows: 4, problem: { kind: 'deleted', seq: 3 } });

    const { id: end } = await newTenant();
    await writeChain(end, 5);
    await trail.database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq >= 4', [end]);
    expect(await reportFor(end)).toMatchObject({
      ok: false,
      rows: 3,
      problem: { kind: 'truncated', seq: 4, rowId: null },
    });
  });

  it('names a forged row that re-uses a seq or takes a seq the chain never issued', async () => {
    const forge = async (tenantId: string, seq: number, prevHash: string | null, at: string) => {
      const [row] = await trail.database.query<{ id: string }>(
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
    await trail.database.query(
      `UPDATE compliance.audit_logs SET user_id = 'someone-else' WHERE tenant_id = $1 AND tenant_seq = 1`,
      [broken.id],
    );
    const { tenants } = await verifyAuditChain(trail.database);
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
      // The command closes the trail.database it opens: hand it a view whose close() keeps ours open.
      const view = { ...trail.database, close: async () => undefined } as Database;
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
    await trail.database.query('DELETE FROM compliance.audit_logs WHERE tenant_id = $1 AND tenant_seq = 2', [bad.id]);
    const broken = await runCli(['--tenant', bad.slug]);
    expect(broken.out[0]).toMatch(new RegExp(`^${bad.slug}: BROKEN: deleted at seq 2 \\(row id \\d+\\): `));
    expect(broken.exitCode).toBe(1);

    const all = await runCli([]);
    expect(all.out).toContain(`${good.slug}: ok: 3 rows`);
    expect(all.exitCode).toBe(1);

    expect(await runCli(['--tenant', 'no-such-tenant'])).toMatchObject({ out: [], exitCode: 2 });
  });
});
