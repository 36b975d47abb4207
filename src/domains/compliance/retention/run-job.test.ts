/**
 * Retention run now, from the web (a background job), against the demo district: the demo's classroom
 * transcripts past the district's 120 days (seed 000 rule) are listed by the dry run and removed by the
 * run, with progress, a per-table report (held rows kept) and one audit row per batch naming who asked;
 * only a district administrator starts it, only the tenant's own runs are found; two runs and the daily
 * task at once never dispose a row twice. And the classroom service that writes those transcript lines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { DEMO_TRANSCRIPT_DAYS } from '../../../demo/compliance.js';
import { recordTranscriptLines } from '../../classroom/index.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { systemPrincipal } from '../../../platform/service/work.js';
import type { RetentionReport } from '../schemas.js';
import { runRetention } from './run.js';

let h: DomainHarness;
let admin: Principal;
let tenant: string;
const RUNS = '/api/v1/compliance/retention/runs';

interface RunStatus {
  jobId: string;
  status: string;
  progress: { done: number; total: number; rows: number } | null;
  report: RetentionReport | null;
  error?: string | null;
}

async function start(who: Principal): Promise<string> {
  const res = await h.inject(who, { method: 'POST', url: RUNS });
  expect(res.statusCode, res.body).toBe(202);
  return res.json<{ jobId: string }>().jobId;
}

async function finished(jobId: string): Promise<RunStatus> {
  for (let i = 0; i < 600; i++) {
    const res = await h.inject(admin, { method: 'GET', url: `${RUNS}/${jobId}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<RunStatus>();
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('retention run did not finish');
}

const transcriptLines = async () =>
  (
    await h.database.query<{ old: string | number; recent: string | number }>(
      `SELECT count(*) FILTER (WHERE event_time < now() - make_interval(days => $2)) AS old,
              count(*) FILTER (WHERE event_time >= now() - make_interval(days => $2)) AS recent
         FROM analytics.session_events WHERE tenant_id = $1 AND event_type = 'transcript.line'`,
      [tenant, DEMO_TRANSCRIPT_DAYS],
    )
  ).map((r) => ({ old: Number(r.old), recent: Number(r.recent) }))[0]!;

beforeAll(async () => {
  h = await domainHarness(
    { students: 12, schools: 1, sectionsPerSchool: 1, languageSchoolStudents: 2 },
    { jobs: true },
  );
  tenant = h.demo.districtTenantId;
  admin = h.principal(['district_admin']);
});
afterAll(() => h.dispose());

describe('retention run from the web', () => {
  it("removes the demo's transcripts past 120 days with progress, a report and an audit row per batch", async () => {
    const policies = await h.inject(admin, { method: 'GET', url: '/api/v1/compliance/retention/policies' });
    const transcripts = policies
      .json<{ id: number; dataCategory: string; retentionDays: number; periodSource: string }[]>()
      .find((p) => p.dataCategory === 'classroom_transcripts');
    expect(transcripts).toMatchObject({ retentionDays: DEMO_TRANSCRIPT_DAYS, periodSource: 'retention_policies' });
    // 24 transcribed recordings, 31–192 days old, 3 lines each: 11 recordings are past 120 days.
    expect(await transcriptLines()).toEqual({ old: 33, recent: 39 });

    const dry = (
      await h.inject(admin, { method: 'POST', url: '/api/v1/compliance/retention/dry-run' })
    ).json<RetentionReport>();
    expect(dry.policies.find((p) => p.policyId === transcripts!.id)).toMatchObject({ rows: 33, held: 0 });
    expect(await transcriptLines()).toEqual({ old: 33, recent: 39 });

    const jobId = await start(admin);
    const done = await finished(jobId);
    expect(done.status, done.error ?? '').toBe('completed');
    const report = done.report!;
    expect(report.dryRun).toBe(false);
    const byTable = (table: string) => report.policies.find((p) => p.tableName === table && !p.error);
    expect(report.policies.find((p) => p.policyId === transcripts!.id)).toMatchObject({ rows: 33, held: 0 });
    expect(byTable('audio.recordings')).toMatchObject({ rows: 24, held: 0 });
    expect(byTable('operational.api_metrics')).toMatchObject({ rows: 150, held: 0 });
    // The student under the demo's legal hold keeps their two old discipline actions.
    expect(byTable('edfi.disciplineaction')).toMatchObject({ rows: 4, held: 2 });
    const removed = report.policies.reduce((n, p) => n + p.rows, 0);
    expect(done.progress).toEqual({ done: done.progress!.total, total: done.progress!.total, rows: removed });
    expect(await transcriptLines()).toEqual({ old: 0, recent: 39 });

    const audits = await h.database.query<{ user_id: string; old_values: Record<string, unknown> }>(
      `SELECT user_id, old_values FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'analytics.session_events' AND old_values->>'job' = $2`,
      [tenant, jobId],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      user_id: 'system:retention',
      old_values: { retention: 'deleted', dataCategory: 'classroom_transcripts', rows: 33, requestedBy: admin.actorId },
    });

    // Nothing is due any more: a second run removes nothing.
    const again = await finished(await start(admin));
    expect(again.report!.policies.reduce((n, p) => n + p.rows, 0)).toBe(0);
  }, 120_000);

  it('only a district administrator starts a run; a run is found only in its own tenant', async () => {
    for (const roles of [['teacher'], ['auditor'], ['school_admin']] as const) {
      const res = await h.inject(h.principal([...roles]), { method: 'POST', url: RUNS });
      expect(res.statusCode, roles[0]).toBe(403);
    }
    const jobId = await start(admin);
    await finished(jobId);
    const other = h.principal(['district_admin'], { tenantId: h.demo.languageSchoolTenantId });
    expect((await h.inject(other, { method: 'GET', url: `${RUNS}/${jobId}` })).statusCode).toBe(404);
    const bad = await h.inject(admin, { method: 'GET', url: `${RUNS}/not-a-job` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().validationErrors).toHaveProperty('jobId');
    const unknown = await h.inject(admin, { method: 'GET', url: `${RUNS}/00000000-0000-4000-8000-000000000000` });
    expect(unknown.statusCode).toBe(404);
  }, 60_000);

  it('two runs from the web and the daily task at once dispose each row once', async () => {
    await h.database.query(`UPDATE compliance.data_retention_policies SET active = false WHERE tenant_id = $1`, [
      tenant,
    ]);
    const [policy] = await h.database.query<{ id: number }>(
      `INSERT INTO compliance.data_retention_policies
         (tenant_id, data_category, table_name, retention_period_years, retention_criteria, legal_basis,
          disposal_method)
       VALUES ($1, 'operational', 'operational.api_metrics', 1, $2::jsonb, 'district records schedule', 'delete')
       RETURNING id`,
      [tenant, JSON.stringify({ dateColumn: 'timestamp', match: { endpoint: ['/race-web'] } })],
    );
    await h.database.query(
      `INSERT INTO operational.api_metrics (tenant_id, endpoint, method, "timestamp")
       SELECT $1, '/race-web', 'GET', now() - make_interval(days => 400 + g) FROM generate_series(1, 40) g`,
      [tenant],
    );
    const [first, second] = await Promise.all([start(admin), start(admin)]);
    const [daily] = await Promise.all([
      runRetention(h.env, { tenantId: tenant, batchSize: 3 }),
      finished(first),
      finished(second),
    ]);
    const reports = [daily.get(tenant)!, (await finished(first)).report!, (await finished(second)).report!];
    const total = reports.reduce((n, r) => n + r.policies.reduce((m, p) => m + p.rows, 0), 0);
    expect(total).toBe(40);
    const left = await h.database.query(
      `SELECT 1 FROM operational.api_metrics WHERE tenant_id = $1 AND endpoint = $2`,
      [tenant, '/race-web'],
    );
    expect(left).toHaveLength(0);
    const keys = (
      await h.database.query<{ keys: string[] }>(
        `SELECT old_values->'keys' AS keys FROM compliance.audit_logs
          WHERE tenant_id = $1 AND user_id = 'system:retention' AND table_name = 'operational.api_metrics'
            AND operation = 'DELETE' AND old_values->>'policyId' = $2`,
        [tenant, String(policy!.id)],
      )
    ).flatMap((r) => r.keys);
    expect(keys).toHaveLength(40);
    expect(new Set(keys).size).toBe(40);
  }, 120_000);

  it('the classroom service keeps transcript lines only for a session that transcribes; bad lines change nothing', async () => {
    const pipeline = systemPrincipal(tenant, 'transcription');
    const [session] = await h.database.query<{ id: string }>(
      `SELECT id::text FROM sessions.classroom_sessions WHERE tenant_id = $1 AND status = 'ended' ORDER BY id LIMIT 1`,
      [tenant],
    );
    const id = session!.id;
    const count = async () =>
      Number(
        (
          await h.database.query<{ n: string | number }>(
            `SELECT count(*) AS n FROM analytics.session_events
              WHERE tenant_id = $1 AND event_type = 'transcript.line'`,
            [tenant],
          )
        )[0]!.n,
      );
    const before = await count();
    const line = { at: new Date().toISOString(), speaker: 'Student', text: 'I agree with Maya.' };
    await expect(
      h.work(pipeline, (work) =>
        recordTranscriptLines(work, id, { lines: [{ ...line, at: 'yesterday', speaker: ' ' }] }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      extras: { validationErrors: { 'lines.0.at': ['must be a date-time'], 'lines.0.speaker': ['is required'] } },
    });
    await expect(h.work(pipeline, (work) => recordTranscriptLines(work, id, { lines: [] }))).rejects.toMatchObject({
      status: 400,
    });
    // A teacher who does not run the session may not write its transcript.
    await expect(
      h.work(h.principal(['teacher']), (work) => recordTranscriptLines(work, id, { lines: [line] })),
    ).rejects.toMatchObject({ status: 403 });
    await h.database.query(`UPDATE sessions.classroom_sessions SET transcription_enabled = false WHERE id = $1`, [id]);
    await expect(h.work(pipeline, (work) => recordTranscriptLines(work, id, { lines: [line] }))).rejects.toMatchObject({
      status: 409,
      code: 'transcription_disabled',
    });
    await h.database.query(`UPDATE sessions.classroom_sessions SET transcription_enabled = true WHERE id = $1`, [id]);
    expect(await count()).toBe(before);
    expect(await h.work(pipeline, (work) => recordTranscriptLines(work, id, { lines: [line] }))).toBe(1);
    expect(await count()).toBe(before + 1);
  }, 60_000);
});
