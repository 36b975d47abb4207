/**
 * Retention against a real database: the dry run lists what would go and changes nothing; a run
 * deletes or anonymises due rows in batches with one audit row per batch, keeps rows under legal
 * hold, never disposes a row twice under concurrent runs; seed 000's category period (2,555 days for
 * classroom data) overrides the years; audit-log partitions past retention are dropped, except under
 * legal hold, and the hash chain still verifies afterwards.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { farFutureDay } from '../../../../test/support/calendar.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { pruneAuditPartitions } from '../../../platform/audit/prune.js';
import { verifyAuditChain } from '../../../platform/audit/verify.js';
import type { RetentionReport } from '../schemas.js';
import { enforceRetention } from './engine.js';
import { runRetention } from './run.js';

let h: DomainHarness;
let admin: Principal;
let tenant: string;
const DAY = 86_400_000;

async function policy(
  tableName: string,
  category: string,
  disposal: string,
  years: number,
  criteria: object,
): Promise<number> {
  const [row] = await h.database.query<{ id: number }>(
    `INSERT INTO compliance.data_retention_policies
       (tenant_id, data_category, table_name, retention_period_years, retention_criteria, legal_basis, disposal_method)
     VALUES ($1, $2, $3, $4, $5::jsonb, 'district records schedule', $6) RETURNING id`,
    [tenant, category, tableName, years, JSON.stringify(criteria), disposal],
  );
  return row!.id;
}

async function metric(ageDays: number, endpoint: string): Promise<string> {
  const [row] = await h.database.query<{ id: string }>(
    `INSERT INTO operational.api_metrics (tenant_id, endpoint, method, ip_address, user_agent, "timestamp")
     VALUES ($1, $2, 'GET', '10.0.0.7', 'Firefox', now() - make_interval(days => $3)) RETURNING id::text`,
    [tenant, endpoint, ageDays],
  );
  return row!.id;
}

const metrics = (endpoint: string) =>
  h.database.query<{ id: string; ip_address: string | null; user_agent: string | null }>(
    `SELECT id::text, ip_address, user_agent FROM operational.api_metrics
      WHERE tenant_id = $1 AND endpoint = $2 ORDER BY id`,
    [tenant, endpoint],
  );

const deactivateAll = () =>
  h.database.query(`UPDATE compliance.data_retention_policies SET active = false WHERE tenant_id = $1`, [tenant]);

beforeAll(async () => {
  h = await domainHarness({ students: 12, schools: 1, sectionsPerSchool: 1, languageSchoolStudents: 2 });
  tenant = h.demo.districtTenantId;
  admin = h.principal(['district_admin']);
});
afterAll(() => h.dispose());

describe('retention of rows', () => {
  it('dry run lists due rows (not the held one) and changes nothing; the run deletes them, one audit row per batch', async () => {
    await deactivateAll();
    const id = await policy('operational.api_metrics', 'operational', 'delete', 1, { dateColumn: 'timestamp' });
    const old = [await metric(800, '/dry'), await metric(700, '/dry'), await metric(400, '/dry')];
    const recent = await metric(10, '/dry');
    const hold = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/compliance/legal-holds',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ tableName: 'operational.api_metrics', recordId: old[0], reason: 'litigation' }),
    });
    expect(hold.statusCode).toBe(201);

    const dry = await h.inject(admin, { method: 'POST', url: '/api/v1/compliance/retention/dry-run' });
    expect(dry.statusCode).toBe(200);
    const report = dry.json<RetentionReport>();
    expect(report.dryRun).toBe(true);
    const outcome = report.policies.find((p) => p.policyId === id)!;
    expect(outcome).toMatchObject({ rows: 2, held: 1, error: null, tableName: 'operational.api_metrics' });
    expect(outcome.sample.sort()).toEqual([old[1], old[2]].sort());
    expect(await metrics('/dry')).toHaveLength(4);

    const [done] = await enforceRetention(h.env, tenant, { batchSize: 1 });
    expect(done).toMatchObject({ policyId: id, rows: 2, held: 1, batches: 2 });
    expect((await metrics('/dry')).map((m) => m.id).sort()).toEqual([old[0], recent].sort());
    const audits = await h.database.query<{ record_id: string; operation: string; old_values: { keys: string[] } }>(
      `SELECT record_id, operation, old_values FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'operational.api_metrics' AND user_id = 'system:retention'
        ORDER BY tenant_seq`,
      [tenant],
    );
    expect(audits).toHaveLength(2);
    expect(audits.every((a) => a.operation === 'DELETE')).toBe(true);
    expect(audits.flatMap((a) => a.old_values.keys).sort()).toEqual([old[1], old[2]].sort());

    // Released, the hold no longer keeps the row.
    const release = await h.inject(admin, {
      method: 'POST',
      url: `/api/v1/compliance/legal-holds/${hold.json<{ id: string }>().id}/release`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'litigation settled' }),
    });
    expect(release.statusCode).toBe(200);
    const again = await h.inject(admin, {
      method: 'POST',
      url: `/api/v1/compliance/legal-holds/${hold.json<{ id: string }>().id}/release`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'litigation settled' }),
    });
    expect(again.json()).toMatchObject({ status: 409, code: 'hold_released' });
    const [last] = await enforceRetention(h.env, tenant);
    expect(last).toMatchObject({ rows: 1, held: 0 });
    expect((await metrics('/dry')).map((m) => m.id)).toEqual([recent]);
  });

  it("a hold on a student keeps that student's rows in every table naming them; released, they go", async () => {
    await deactivateAll();
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    await policy('edfi.disciplineaction', 'discipline', 'delete', 3, {
      dateColumn: 'enddate',
      match: { disciplineactionidentifier: ids },
    });
    const students = await h.database.query<{ usi: number; school: number }>(
      `SELECT studentusi AS usi, schoolid AS school FROM edfi.studentschoolassociation s
        WHERE tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM compliance.legal_holds h WHERE h.tenant_id = s.tenant_id
          AND h.table_name = 'edfi.student' AND h.record_id = s.studentusi::text)
        ORDER BY studentusi LIMIT 2`,
      [tenant],
    );
    const [held, other] = students as [{ usi: number; school: number }, { usi: number; school: number }];
    for (const [i, [student, years]] of [
      [held, 5],
      [held, 4],
      [other, 6],
    ].entries() as IterableIterator<[number, [typeof held, number]]>) {
      const date = new Date(Date.now() - years * 366 * DAY).toISOString().slice(0, 10);
      await h.database.query(
        `INSERT INTO edfi.disciplineaction (tenant_id, disciplineactionidentifier, studentusi, disciplinedate, enddate,
           responsibilityschoolid) VALUES ($1, $2, $3, $4::date, $4::date, $5)`,
        [tenant, ids[i], student.usi, date, student.school],
      );
    }
    const hold = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/compliance/legal-holds',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ tableName: 'edfi.student', recordId: String(held.usi), reason: 'due process hearing' }),
    });
    expect(hold.statusCode).toBe(201);
    const [dry] = await enforceRetention(h.env, tenant, { dryRun: true });
    expect(dry).toMatchObject({ tableName: 'edfi.disciplineaction', rows: 1, held: 2 });
    const missing = await h.inject(admin, {
      method: 'POST',
      url: `/api/v1/compliance/legal-holds/${hold.json<{ id: string }>().id}/release`,
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().validationErrors).toHaveProperty('reason');
    const release = await h.inject(admin, {
      method: 'POST',
      url: `/api/v1/compliance/legal-holds/${hold.json<{ id: string }>().id}/release`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ reason: 'hearing concluded' }),
    });
    expect(release.statusCode).toBe(200);
    const [audit] = await h.database.query<{ new_values: { releaseReason?: string } }>(
      `SELECT new_values FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'compliance.legal_holds'
        AND record_id = $2 AND operation = 'UPDATE'`,
      [tenant, hold.json<{ id: string }>().id],
    );
    expect(audit?.new_values.releaseReason).toBe('hearing concluded');
    const [after] = await enforceRetention(h.env, tenant, { dryRun: true });
    expect(after).toMatchObject({ rows: 3, held: 0 });
  });

  it('anonymises instead of deleting when the policy says so, once', async () => {
    await deactivateAll();
    await policy('operational.api_metrics', 'operational', 'anonymize', 1, {
      dateColumn: 'timestamp',
      days: 30,
      match: { endpoint: ['/anon'] },
      anonymize: { ip_address: null, user_agent: '[anonymised]' },
    });
    const due = [await metric(60, '/anon'), await metric(90, '/anon')];
    await metric(5, '/anon');
    const [first] = await enforceRetention(h.env, tenant);
    expect(first).toMatchObject({ rows: 2, disposalMethod: 'anonymize' });
    const rows = await metrics('/anon');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const anonymised = due.includes(row.id);
      expect(row.ip_address).toBe(anonymised ? null : '10.0.0.7');
      expect(row.user_agent).toBe(anonymised ? '[anonymised]' : 'Firefox');
    }
    const [second] = await enforceRetention(h.env, tenant);
    expect(second).toMatchObject({ rows: 0 });
    const [audit] = await h.database.query<{ operation: string; new_values: unknown }>(
      `SELECT operation, new_values FROM compliance.audit_logs WHERE tenant_id = $1 AND user_id = 'system:retention'
        AND operation = 'UPDATE' ORDER BY tenant_seq DESC LIMIT 1`,
      [tenant],
    );
    expect(audit).toEqual({ operation: 'UPDATE', new_values: { ip_address: null, user_agent: '[anonymised]' } });
  });

  it('never disposes a row twice under concurrent runs', async () => {
    await deactivateAll();
    await policy('operational.api_metrics', 'operational', 'delete', 1, {
      dateColumn: 'timestamp',
      match: { endpoint: ['/race'] },
    });
    for (let i = 0; i < 30; i++) await metric(500 + i, '/race');
    const runs = await Promise.all([1, 2, 3].map(() => enforceRetention(h.env, tenant, { batchSize: 4 })));
    expect(runs.reduce((n, [outcome]) => n + outcome!.rows, 0)).toBe(30);
    expect(await metrics('/race')).toHaveLength(0);
    const keys = (
      await h.database.query<{ keys: string[] }>(
        `SELECT old_values->'keys' AS keys FROM compliance.audit_logs
          WHERE tenant_id = $1 AND user_id = 'system:retention' AND old_values->>'policyId' IS NOT NULL
            AND "timestamp" > now() - interval '1 minute' AND table_name = 'operational.api_metrics'
            AND operation = 'DELETE'`,
        [tenant],
      )
    ).flatMap((r) => r.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("takes the category's period in days from seed 000's retention policies (2,555 days for classroom data)", async () => {
    await deactivateAll();
    const id = await policy('sessions.classroom_sessions', 'classroom', 'delete', 1, { dateColumn: 'created_at' });
    await h.database.query(
      `INSERT INTO compliance.retention_policies
         (tenant_id, policy_type, retention_days, auto_delete_enabled, legal_basis)
       VALUES ($1, 'classroom', 2555, true, 'FERPA: seven years')`,
      [tenant],
    );
    const res = await h.inject(admin, { method: 'GET', url: '/api/v1/compliance/retention/policies' });
    expect(res.statusCode).toBe(200);
    const view = res.json<{ id: number; retentionDays: number; periodSource: string }[]>().find((p) => p.id === id);
    expect(view).toMatchObject({ retentionDays: 2555, periodSource: 'retention_policies' });
    const teacher = await h.inject(h.principal(['teacher']), {
      method: 'POST',
      url: '/api/v1/compliance/retention/dry-run',
    });
    expect(teacher.statusCode).toBe(403);
  });
});

describe('retention of the audit trail', () => {
  it('drops audit-log partitions past retention (not under legal hold); the chain still verifies', async () => {
    const other = randomUUID();
    await h.database.query(
      `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Old district', 'district')`,
      [other, `old-${other.slice(0, 8)}`],
    );
    await h.database.query(`SELECT compliance.ensure_audit_log_partitions('2016-03-01'::date, 1)`);
    const write = (at: string, retentionDate: string) =>
      h.database.db.transaction((tx) =>
        recordAudit(tx, {
          principal: { tenantId: other, actorId: 'registrar', roles: ['district_admin'] },
          table: 'edfi.student',
          recordId: 1,
          operation: 'UPDATE',
          timestamp: new Date(at),
          retentionDate,
        }),
      );
    await write('2016-03-05T10:00:00Z', '2023-03-05');
    await write('2016-03-20T10:00:00Z', '2023-03-20');
    await write('2016-04-02T10:00:00Z', '2099-04-02');
    // Kept years past today, whatever today is: the current partition must never be droppable.
    await write(new Date(Date.now() - DAY).toISOString(), farFutureDay(0, 7));

    await h.database.query(
      `INSERT INTO compliance.legal_holds (tenant_id, table_name, reason, placed_by)
       VALUES ($1, 'compliance.audit_logs', 'audit', 'x')`,
      [other],
    );
    const held = await runRetention(h.env, { dryRun: false });
    const heldVerdict = held.get(other)!.auditPartitions.find((p) => p.partition === 'audit_logs_y2016m03');
    expect(heldVerdict).toMatchObject({ droppable: false, rows: 2 });
    expect(heldVerdict!.reason).toMatch(/legal hold/);

    await h.database.query(`UPDATE compliance.legal_holds SET released_at = now() WHERE tenant_id = $1`, [other]);
    const dry = await runRetention(h.env, { tenantId: other, dryRun: true });
    expect(dry.get(other)!.auditPartitions[0]).toMatchObject({ partition: 'audit_logs_y2016m03', droppable: true });
    const stillThere = await h.database.query(`SELECT to_regclass('compliance.audit_logs_y2016m03') AS t`);
    expect(stillThere[0]).toEqual({ t: 'compliance.audit_logs_y2016m03' });

    const reports = await runRetention(h.env);
    expect(reports.get(other)!.auditPartitions.slice(0, 2)).toMatchObject([
      { partition: 'audit_logs_y2016m03', droppable: true, rows: 2 },
      { partition: 'audit_logs_y2016m04', droppable: false, reason: 'rows are kept until 2099-04-02', rows: 1 },
    ]);
    const gone = await h.database.query(`SELECT to_regclass('compliance.audit_logs_y2016m03') AS t`);
    expect(gone[0]).toEqual({ t: null });
    const [dropAudit] = await h.database.query<{ record_id: string; old_values: { rows: number; seqTo: number } }>(
      `SELECT record_id, old_values FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'DELETE'`,
      [other],
    );
    expect(dropAudit).toMatchObject({ record_id: 'audit_logs_y2016m03', old_values: { rows: 2, seqTo: 2 } });
    const { tenants } = await verifyAuditChain(h.database, { tenantId: other });
    expect(tenants[0]).toMatchObject({ ok: true, rows: 3 });
    // Nothing left to drop: a second pass changes nothing.
    const again = await pruneAuditPartitions(h.database);
    expect(again.every((v) => v.partition !== 'audit_logs_y2016m03')).toBe(true);
  });
});
