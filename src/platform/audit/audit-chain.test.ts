/**
 * The FERPA audit trail's hash chain: gap-free under concurrent writers of one tenant, batches appended in order
 * with one head lock, and one tenant per batch. Each case gets its own tenant, so its chain starts fresh.
 */
import { describe, expect, it } from 'vitest';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { auditTrailFixture, entry } from '../../../test/support/audit-trail.js';
import { sql } from 'drizzle-orm';
import { rowsOf as resultRows } from '../db/database.js';
import { auditAppendCtes, ensureAuditChainHead, MASKED, recordAudit, recordAudits } from './audit.js';

const trail = auditTrailFixture();
const { newTenant, writeChain, rowsOf, reportFor } = trail;

describe('recordAudit chain', () => {
  it('concurrent writers of one tenant produce one gap-free chain', async () => {
    const { id: tenantId } = await newTenant();
    const writers = 20;
    await Promise.all(
      Array.from({ length: writers }, (_, n) =>
        tenantTransaction(trail.database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, n))),
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
      tenantTransaction(trail.database, tenantId, ({ tx }) => recordAudits(tx, batch)),
      tenantTransaction(trail.database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, 6))),
    ]);
    const seqs = recorded.map((r) => r.tenantSeq);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(seqs[2]).toBe(seqs[0]! + 2);
    expect([...seqs, again.tenantSeq].sort((a, b) => a - b)).toEqual([3, 4, 5, 6]);
    const rows = await trail.database.query<{
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
    expect(await tenantTransaction(trail.database, tenantId, ({ tx }) => recordAudits(tx, []))).toEqual([]);
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 6 });
  });

  it('recordAudits refuses entries of several tenants', async () => {
    const { id: a } = await newTenant();
    const { id: b } = await newTenant();
    await expect(
      tenantTransaction(trail.database, a, ({ tx }) => recordAudits(tx, [entry(a, 1), entry(b, 2)])),
    ).rejects.toThrow(/one tenant/);
  });

  it('a large batch is hashed in one pass: the walk reads the batch once, not once per row', async () => {
    const { id: tenantId } = await newTenant();
    const size = 1500;
    const recorded = await tenantTransaction(trail.database, tenantId, ({ tx }) =>
      recordAudits(
        tx,
        Array.from({ length: size }, (_, n) => entry(tenantId, n)),
      ),
    );
    expect(recorded.map((r) => r.tenantSeq)).toEqual(Array.from({ length: size }, (_, i) => i + 1));
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: size });
    // The plan, not a timing: joining each recursive step to the batch made an append of N rows scan
    // N rows N times (3,348 rows took 16 s). Every scan of the batch must run once.
    const plan = await tenantTransaction(trail.database, tenantId, async ({ tx }) => {
      await ensureAuditChainHead(tx, tenantId);
      const entries = Array.from({ length: 40 }, (_, n) => entry(tenantId, n));
      const statement = sql`EXPLAIN (ANALYZE, FORMAT JSON) WITH RECURSIVE ${auditAppendCtes(entries)}
        SELECT count(*) FROM audit_appended`;
      const [row] = resultRows<Record<string, unknown>>(await tx.execute(statement));
      return JSON.stringify(Object.values(row!)[0]);
    });
    const scans = [...plan.matchAll(/"CTE Name":\s*"audit_input"[^{}]*?"Actual Loops":\s*(\d+)/g)];
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.map((m) => Number(m[1])).filter((loops) => loops > 1)).toEqual([]);
  });
});
