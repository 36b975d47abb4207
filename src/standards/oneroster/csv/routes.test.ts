import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { buildApp } from '../../../platform/http/app.js';
import { createJobRunner } from '../../../platform/jobs/runner.js';
import { createLogger } from '../../../platform/log/logger.js';
import { onerosterImportRoutes } from './routes.js';
import { basePackage, createTenant, zipOf } from '../../../../test/support/oneroster-csv.js';

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let principal: Principal | undefined;
let uploadDir: string;

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = await createTenant(database, 'jobs');
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-uploads-'));
  const logger = createLogger('silent');
  app = await buildApp({
    database,
    logger,
    jobs: createJobRunner(database, { logger, uploadDir }),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      (a) => onerosterImportRoutes(a),
    ],
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
  if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
});

async function until(jobId: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i++) {
    const res = await app.inject({ method: 'GET', url: `/admin/oneroster/imports/${jobId}` });
    const body = res.json<Record<string, unknown>>();
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the job did not finish');
}

describe('POST /admin/oneroster/imports', () => {
  it('accepts a zip from a district admin, answers 202 {jobId}, runs the import, reports through the job', async () => {
    principal = { kind: 'user', tenantId, actorId: 'admin-1', roles: ['district_admin'], scopes: [] };
    const res = await app.inject({
      method: 'POST',
      url: '/admin/oneroster/imports',
      headers: { 'content-type': 'application/zip' },
      payload: zipOf(basePackage()),
    });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json<{ jobId: string }>();
    const done = await until(jobId);
    expect(done).toMatchObject({ status: 'completed', report: { ok: true, applied: true }, progress: { rows: 24 } });
    expect(
      await database.query(`SELECT count(*)::int AS n FROM oneroster.users WHERE tenant_id = $1`, [tenantId]),
    ).toEqual([{ n: 4 }]);
    const [job] = await database.query<{ job_type: string; status: string; parameters: string }>(
      `SELECT job_type, status, parameters FROM operational.background_jobs WHERE id = $1`,
      [jobId],
    );
    expect(job).toMatchObject({ job_type: 'oneroster.import', status: 'completed' });
    expect(JSON.parse(job!.parameters)).toMatchObject({ partial: false, requestedBy: 'admin-1' });
    // The queue's job has the row's id and carries the tenant and the upload's file, not its bytes; the upload is gone.
    const [queued] = await database.query<{ state: string; data: { tenantId: string; upload: string } }>(
      `SELECT state, data FROM pgboss.job WHERE id = $1`,
      [jobId],
    );
    expect(queued).toMatchObject({ state: 'completed', data: { tenantId, upload: `${jobId}.upload` } });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    const [audit] = await database.query<{ user_id: string }>(
      `SELECT user_id FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'oneroster.users'`,
      [tenantId],
    );
    expect(audit!.user_id).toBe('admin-1');
  });

  it('a package with errors: job failed, report lists the bad rows, nothing applied', async () => {
    const files = basePackage();
    files.orgs += '\ns9,,,Bad,galaxy,,d1';
    const res = await app.inject({
      method: 'POST',
      url: '/admin/oneroster/imports',
      headers: { 'content-type': 'application/zip' },
      payload: zipOf(files),
    });
    const done = await until(res.json<{ jobId: string }>().jobId);
    expect(done).toMatchObject({
      status: 'failed',
      report: { applied: false, issues: [{ file: 'orgs', line: 4, column: 'type' }] },
    });
  });

  it('refuses other roles (403), other content types (415), no principal (401), and unknown jobs (404)', async () => {
    principal = { kind: 'user', tenantId, actorId: 't-1', roles: ['teacher'], scopes: [] };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/admin/oneroster/imports',
          headers: { 'content-type': 'application/zip' },
          payload: zipOf(basePackage()),
        })
      ).statusCode,
    ).toBe(403);
    principal = { kind: 'user', tenantId, actorId: 'admin-1', roles: ['district_admin'], scopes: [] };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/admin/oneroster/imports',
          headers: { 'content-type': 'text/csv' },
          payload: 'a,b',
        })
      ).statusCode,
    ).toBe(415);
    expect(
      (await app.inject({ method: 'GET', url: '/admin/oneroster/imports/00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/admin/oneroster/imports/nope' })).statusCode).toBe(404);
    const notZip = await app.inject({
      method: 'POST',
      url: '/admin/oneroster/imports',
      headers: { 'content-type': 'application/zip' },
      payload: Buffer.from('not a zip'),
    });
    expect(await until(notZip.json<{ jobId: string }>().jobId)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^not a usable zip archive: /),
    });
    principal = undefined;
    expect((await app.inject({ method: 'GET', url: '/admin/oneroster/imports/nope' })).statusCode).toBe(401);
  });
});
