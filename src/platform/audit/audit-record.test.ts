/**
 * The FERPA audit trail, what one row holds: written in the caller's (tenant-confined) transaction, who, role,
 * request facts and retention stored, secrets masked, values of any shape hashed reproducibly, reads recorded,
 * and rows the app role cannot change. Each case gets its own tenant, so its chain starts fresh.
 */
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dataRetentionPolicies } from '../../domains/compliance/tables/ferpa.js';
import { findPgError } from '../db/pg-errors.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { auditTrailFixture, entry, meta, principal } from '../../../test/support/audit-trail.js';
import { auditRead, MASKED, recordAudit, recordAudits } from './audit.js';

const trail = auditTrailFixture();
const { newTenant, writeChain, rowsOf, reportFor } = trail;

/** Values of awkward shapes that are still plain JSON (numbers, unicode, odd keys, text PostgreSQL would refuse). */
const awkwardJson = {
  z: 1,
  a: [3.14, -0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53 + 2, -123456789.125, true, null, 'x'],
  'ü-é': 'naïve — 😀 中文',
  '': { nested: { deeper: [[], {}, [{ b: 2, a: 1 }]] } },
  nul: 'a\u0000b',
  lone: 'x\uD800y',
};

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
    const committed = await tenantTransaction(trail.database, tenantId, async ({ tx }) => {
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

    const failed = await tenantTransaction(trail.database, tenantId, async ({ tx }) => {
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
      await trail.database.db.select().from(dataRetentionPolicies).where(eq(dataRetentionPolicies.tenantId, tenantId)),
    ).toHaveLength(1);
    expect(await rowsOf(tenantId)).toHaveLength(1);
    const head = await trail.database.query<{ last_seq: string; last_hash: string }>(
      'SELECT last_seq::text AS last_seq, last_hash FROM compliance.audit_chain_heads WHERE tenant_id = $1',
      [tenantId],
    );
    expect(head[0]).toEqual({ last_seq: '1', last_hash: committed.rowHash });

    // The next writer continues the chain right after the committed row.
    const next = await tenantTransaction(trail.database, tenantId, ({ tx }) => recordAudit(tx, entry(tenantId, 3)));
    expect(next.tenantSeq).toBe(2);
    expect((await rowsOf(tenantId))[1]!.prev_hash).toBe(committed.rowHash);
    expect((await reportFor(tenantId)).ok).toBe(true);
  });

  it('stores who, role, request facts, categories and a 7-year retention date, with secrets masked at any depth', async () => {
    const { id: tenantId } = await newTenant();
    const at = new Date('2024-02-29T10:11:12.345Z');
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
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
    const [row] = await trail.database.query<Record<string, unknown>>(
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
    const awkward = { ...awkwardJson, long: 'w'.repeat(5000), nan: Number.NaN, skipped: undefined };
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
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
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
      recordAudit(tx, entry(tenantId, 2, { newValues: 'just text', meta: { ip: 'not an ip' }, dataCategories: [] })),
    );
    // The least an entry can say: no request facts, no values, no categories.
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
      recordAudit(tx, {
        principal: { tenantId, actorId: 'system:retention', roles: [] },
        table: 'health.allergies',
        operation: 'DELETE',
      }),
    );
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 3 });
  });

  it('plain JSON values (written in one walk, stored from the hashed text) read back to the same hash', async () => {
    const { id: tenantId } = await newTenant();
    const plain = {
      ...awkwardJson,
      escapes: '"quoted" \\ \n\t\u0001\u2028',
      'k\u0000ey': 'key without its NUL',
      apiToken: 'masked',
    };
    await tenantTransaction(trail.database, tenantId, ({ tx }) =>
      recordAudits(tx, [
        entry(tenantId, 1, { oldValues: plain, newValues: { ...plain, z: 2 } }),
        entry(tenantId, 2, { oldValues: null, newValues: plain }),
      ]),
    );
    const rows = await trail.database.query<{ old_values: unknown; new_values: Record<string, unknown> }>(
      'SELECT old_values, new_values FROM compliance.audit_logs WHERE tenant_id = $1 ORDER BY tenant_seq',
      [tenantId],
    );
    expect(rows[1]!.old_values).toBeNull();
    expect(rows[1]!.new_values).toMatchObject({ nul: 'ab', lone: 'x\uFFFDy', key: 'key without its NUL' });
    expect(rows[1]!.new_values.apiToken).toBe(MASKED);
    expect(await reportFor(tenantId)).toMatchObject({ ok: true, rows: 2 });
  });

  it('auditRead records a SELECT listing the ids read, capped to the column', async () => {
    const { id: tenantId } = await newTenant();
    const ids = Array.from({ length: 100 }, (_, i) => 100000 + i);
    await tenantTransaction(trail.database, tenantId, async ({ tx }) => {
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
    const rows = await trail.database.query<{ operation: string; record_id: string; new_values: unknown }>(
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
      const error = await tenantTransaction(trail.database, tenantId, ({ tx }) => tx.execute(statement)).catch(
        (e: unknown) => e,
      );
      expect(findPgError(error)?.code).toBe('42501');
    }
    expect(await rowsOf(tenantId)).toHaveLength(1);
  });
});
