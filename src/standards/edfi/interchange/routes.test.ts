/**
 * POST /admin/edfi/loads and GET /admin/edfi/loads/:jobId: a zip of Grand Bend interchange files
 * loaded as a job (progress, report, background_jobs row), the data readable through the Ed-Fi API;
 * who may load; bodies that are not a zip or XML; unknown and other tenants' jobs.
 */
import { GRAND_BEND_SAMPLE } from './sample.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { seedDefaultPolicies } from '../../../platform/auth/default-policies.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { buildApp } from '../../../platform/http/app.js';
import { createJobRunner } from '../../../platform/jobs/runner.js';
import { createLogger } from '../../../platform/log/logger.js';
import { writeZip } from '../../oneroster/csv/zip-writer.js';
import { edfiApiRoutes } from '../routes.js';
import type { LoadProgress, LoadReport } from './report.js';
import { edfiLoadRoutes } from './routes.js';

const FIXTURE = GRAND_BEND_SAMPLE;
const LOADS = '/admin/edfi/loads';
const EDFI = 'https://schola.dev/scope/edfi';

let database: TestDatabase;
let app: FastifyInstance;
let tenantA: string;
let tenantB: string;
let principal: Principal | undefined;
let uploadDir: string;
const admin = (tenantId: string): Principal => ({
  kind: 'user',
  tenantId,
  actorId: `admin-${tenantId.slice(0, 4)}`,
  roles: ['district_admin'],
  scopes: [],
});

async function createTenant(slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    id,
    slug,
    slug,
  ]);
  await tenantTransaction(database, id, ({ tx }) => seedDefaultPolicies(tx, id));
  return id;
}

/** Descriptors (in their folder, as in the fixture), the education organizations and the students. */
function grandBendZip(): Buffer {
  const descriptors = fs
    .readdirSync(path.join(FIXTURE, 'Descriptors'))
    .map((f) => ({ name: `Descriptors/${f}`, content: fs.readFileSync(path.join(FIXTURE, 'Descriptors', f)) }));
  const xml = ['EducationOrganization.xml', 'Student.xml'].map((f) => ({
    name: f,
    content: fs.readFileSync(path.join(FIXTURE, 'xml', f)),
  }));
  return writeZip([
    ...descriptors,
    ...xml,
    { name: 'README.txt', content: 'not loaded' },
    { name: '__MACOSX/._Student.xml', content: 'resource fork' },
  ]);
}

const upload = (payload: Buffer | string, contentType: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: LOADS, headers: { 'content-type': contentType, ...headers }, payload });

interface JobView {
  status: string;
  error: string | null;
  progress: (LoadProgress & Record<string, unknown>) | null;
  report: LoadReport | null;
  projection: unknown;
}

async function until(jobId: string): Promise<JobView> {
  for (let i = 0; i < 2400; i++) {
    const res = await app.inject({ method: 'GET', url: `${LOADS}/${jobId}` });
    const body = res.json<JobView>();
    if (body.status === 'completed' || body.status === 'failed') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the load job did not finish');
}

beforeAll(async () => {
  database = await migratedDatabase();
  tenantA = await createTenant('loads-a');
  tenantB = await createTenant('loads-b');
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), 'schola-uploads-'));
  const logger = createLogger('silent');
  app = await buildApp({
    database,
    logger,
    jobs: createJobRunner(database, { logger, uploadDir }),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiLoadRoutes,
      edfiApiRoutes,
    ],
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
  if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
});

describe('POST /admin/edfi/loads', () => {
  let jobId: string;

  it('loads a zip of Grand Bend files as a job: 202 {jobId}, progress while running, the report when completed', async () => {
    principal = admin(tenantA);
    const res = await upload(grandBendZip(), 'application/zip');
    expect(res.statusCode).toBe(202);
    jobId = res.json<{ jobId: string }>().jobId;
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const early = (await app.inject({ method: 'GET', url: `${LOADS}/${jobId}` })).json();
    expect(['pending', 'running', 'completed']).toContain(early.status);

    const done = await until(jobId);
    expect(done.error, JSON.stringify(done.report?.errors.slice(0, 5))).toBeNull();
    expect(done.status).toBe('completed');
    const report = done.report!;
    const loaded = (resource: string) => report.resources.find((r) => r.resource === resource)?.loaded;
    expect(loaded('descriptors')).toBe(3298);
    expect(loaded('schools')).toBe(3);
    expect(loaded('students')).toBe(960);
    expect(report).toMatchObject({ rejected: 0, errors: [] });
    expect(report.files).toContain('Descriptors/GradeLevelDescriptor.xml');
    expect(report.files).toContain('Student.xml');
    expect(report.files).toHaveLength(204);
    expect(done.progress).toMatchObject({
      records: report.loaded + report.rejected,
      resources: expect.arrayContaining([expect.objectContaining({ resource: 'students', loaded: 960 })]),
    });
    expect(done.projection).toBeTruthy();

    const [job] = await database.query<{ job_type: string; status: string; parameters: string }>(
      `SELECT job_type, status, parameters FROM operational.background_jobs WHERE id = $1`,
      [jobId],
    );
    expect(job).toMatchObject({ job_type: 'edfi.interchange-load', status: 'completed' });
    expect(JSON.parse(job!.parameters)).toMatchObject({ kind: 'zip', requestedBy: principal!.actorId });
    const [queued] = await database.query<{ state: string; data: { tenantId: string } }>(
      `SELECT state, data FROM pgboss.job WHERE id = $1`,
      [jobId],
    );
    expect(queued).toMatchObject({ state: 'completed', data: { tenantId: tenantA } });
    expect(fs.readdirSync(uploadDir)).toEqual([]);
    const [audit] = await database.query<{ user_id: string }>(
      `SELECT user_id FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'edfi.student' LIMIT 1`,
      [tenantA],
    );
    expect(audit!.user_id).toBe(principal!.actorId);

    principal = {
      kind: 'client',
      tenantId: tenantA,
      actorId: 'district-client',
      roles: ['api_client'],
      scopes: [EDFI],
    };
    const students = await app.inject({ url: '/data/v3/ed-fi/students?totalCount=true&limit=1' });
    expect(students.statusCode).toBe(200);
    expect(students.headers['total-count']).toBe('960');
    const dyer = await app.inject({ url: '/data/v3/ed-fi/students?studentUniqueId=604821' });
    expect(dyer.json()[0]).toMatchObject({
      studentUniqueId: '604821',
      firstName: 'Tyrone',
      lastSurname: 'Dyer',
      birthDate: '2014-11-13',
    });
  }, 600_000);

  it('takes one XML file (application/xml), named in the report after Content-Disposition; a re-load changes nothing', async () => {
    principal = admin(tenantA);
    const res = await upload(fs.readFileSync(path.join(FIXTURE, 'xml', 'Student.xml')), 'application/xml', {
      'content-disposition': 'attachment; filename="Student.xml"',
    });
    expect(res.statusCode).toBe(202);
    const done = await until(res.json<{ jobId: string }>().jobId);
    expect(done).toMatchObject({ status: 'completed', report: { files: ['Student.xml'], loaded: 960, rejected: 0 } });
    expect(done.report!.tables['edfi.student']).toMatchObject({ inserted: 0, updated: 0 });
  }, 300_000);

  it("a job is 404 for another tenant's administrator, and for an unknown id", async () => {
    principal = admin(tenantB);
    expect((await app.inject({ url: `${LOADS}/${jobId}` })).statusCode).toBe(404);
    principal = admin(tenantA);
    expect((await app.inject({ url: `${LOADS}/${randomUUID()}` })).statusCode).toBe(404);
    expect((await app.inject({ url: `${LOADS}/not-a-job` })).statusCode).toBe(404);
    expect((await app.inject({ url: `${LOADS}/${jobId}` })).statusCode).toBe(200);
  });

  it('refuses non-administrators (403), bodies that are not a zip or XML (400), other content types (415), nobody (401)', async () => {
    principal = { kind: 'user', tenantId: tenantA, actorId: 't-1', roles: ['teacher'], scopes: [] };
    expect((await upload(grandBendZip(), 'application/zip')).statusCode).toBe(403);
    expect((await app.inject({ url: `${LOADS}/${randomUUID()}` })).statusCode).toBe(403);
    principal = admin(tenantA);
    const garbageZip = await upload(Buffer.from('this is not a zip archive'), 'application/zip');
    expect(garbageZip.statusCode).toBe(400);
    expect(garbageZip.json().detail).toMatch(/not a usable zip archive/);
    expect(
      (await upload(writeZip([{ name: 'notes.txt', content: 'hello' }]), 'application/zip')).json().detail,
    ).toMatch(/holds no \.xml/);
    expect((await upload('{"students": []}', 'application/xml')).statusCode).toBe(400);
    expect((await upload('<?xml version="1.0"?><html><body/></html>', 'text/xml')).statusCode).toBe(400);
    expect((await upload(Buffer.alloc(0), 'application/zip')).statusCode).toBe(400);
    expect((await upload('a,b', 'text/csv')).statusCode).toBe(415);
    expect((await upload('{"a":1}', 'application/json')).statusCode).toBe(415);
    const before = await database.query(
      `SELECT count(*)::int AS n FROM operational.background_jobs WHERE tenant_id = $1`,
      [tenantA],
    );
    expect(before).toEqual([{ n: 2 }]);
    principal = undefined;
    expect((await app.inject({ url: `${LOADS}/${randomUUID()}` })).statusCode).toBe(401);
  });

  it('a zip whose entry cannot be inflated: the job fails naming the entry, nothing half-written is left behind', async () => {
    principal = admin(tenantA);
    const zip = writeZip([{ name: 'Broken.xml', content: '<InterchangeStudent>'.padEnd(5000, 'x') }]);
    // Local header (30 bytes) + name: then the deflated data, overwritten with an invalid block type.
    zip.fill(0xff, 30 + 'Broken.xml'.length, 30 + 'Broken.xml'.length + 8);
    const res = await upload(zip, 'application/zip');
    expect(res.statusCode).toBe(202);
    expect(await until(res.json<{ jobId: string }>().jobId)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^Broken\.xml: /),
      report: null,
    });
  });
});
