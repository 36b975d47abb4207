/**
 * The admin side of the interchange loader (what `schola edfi load` does, over HTTP):
 *   POST /admin/edfi/loads         district_admin; body = a zip of interchange XML files
 *                                  (application/zip) or one XML file (application/xml), up to
 *                                  200 MB on this route only → 202 {jobId}; 400 for a body that is
 *                                  neither a readable zip holding .xml files nor an interchange document
 *   GET  /admin/edfi/loads/:jobId  district_admin → {jobId, status, progress, report, projection}
 * Exactly like the OneRoster CSV import jobs (src/standards/oneroster/csv/routes.ts): rows of
 * operational.background_jobs (job_type 'edfi.interchange-load'; parameters and result as JSON text;
 * pending → running → completed | failed), the load runs in this process right after the response,
 * and while it runs its progress is served from memory (on PGlite a load's transaction holds the only
 * connection, so a poll must not wait for the database). The loader skips bad elements and loads the
 * rest, so a load with rejected elements is `completed` with each rejection in its report; `failed`
 * means the upload could not be read or the load stopped. After the load the tenant's OneRoster face
 * is projected, as the CLI does. Another tenant's job, like an unknown one, is 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { backgroundJobs } from '../../../domains/operations/tables.js';
import { principalOf, withTenant } from '../../../platform/auth/request.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Database } from '../../../platform/db/database.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { AppError } from '../../../platform/http/errors.js';
import { projectTenant } from '../../edfi-oneroster/run.js';
import { loadInterchange } from './load.js';
import type { LoadProgress, LoadReport } from './report.js';
import { checkUpload, unpackUpload, type UploadKind } from './upload.js';

export const LOAD_BODY_LIMIT = 200 * 1024 * 1024;
const JOB_TYPE = 'edfi.interchange-load';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTENT_TYPES: Record<string, UploadKind> = { 'application/zip': 'zip', 'application/x-zip-compressed': 'zip', 'application/xml': 'xml', 'text/xml': 'xml' };

interface LiveJob {
  tenantId: string;
  status: 'pending' | 'running';
  progress?: LoadProgress;
}

function requireDistrictAdmin(principal: Principal): void {
  if (!principal.roles.includes('district_admin')) throw new AppError('forbidden', 'Only a district administrator may load Ed-Fi interchange files.');
}

/** `Content-Disposition: …; filename="Student.xml"` → 'Student.xml' (the name the report shows). */
function uploadFileName(request: FastifyRequest): string | undefined {
  const match = /filename="?([^";]+)"?/i.exec(String(request.headers['content-disposition'] ?? ''));
  const name = match?.[1] ? path.basename(match[1].replace(/\\/g, '/')) : undefined;
  return name?.toLowerCase().endsWith('.xml') ? name : undefined;
}

async function updateJob(database: Database, tenantId: string, jobId: string, values: Partial<typeof backgroundJobs.$inferInsert>): Promise<void> {
  await tenantTransaction(database, tenantId, ({ tx }) => tx.update(backgroundJobs).set({ ...values, updatedAt: new Date() }).where(eq(backgroundJobs.id, jobId)));
}

/** The report names files as the upload did (relative to the temporary directory). */
function withUploadNames(report: LoadReport, root: string): LoadReport {
  return { ...report, files: report.files.map((f) => path.relative(root, f).split(path.sep).join('/')) };
}

interface JobInput {
  jobId: string;
  kind: UploadKind;
  body: Buffer;
  fileName?: string;
}

async function runJob(database: Database, principal: Principal, input: JobInput, live: Map<string, LiveJob>, log: FastifyInstance['log']): Promise<void> {
  const job = live.get(input.jobId)!;
  let root: string | undefined;
  let report: LoadReport | undefined;
  try {
    await updateJob(database, principal.tenantId, input.jobId, { status: 'running', startedAt: new Date() });
    job.status = 'running';
    root = await unpackUpload(input.kind, input.body, input.fileName);
    report = withUploadNames(await loadInterchange(database, principal.tenantId, [root], { principal, onProgress: (p) => void (job.progress = p) }), root);
    const projection = await projectTenant(database, principal.tenantId);
    await updateJob(database, principal.tenantId, input.jobId, { status: 'completed', completedAt: new Date(), result: JSON.stringify({ progress: job.progress ?? null, report, projection }) });
  } catch (error) {
    // The message may name a zip entry, never personal data.
    log.error({ err: error, jobId: input.jobId }, 'edfi interchange load failed');
    const message =
      error instanceof Error && error.name === 'ZipFormatError'
        ? error.message
        : report
          ? 'the files were loaded, but the OneRoster projection failed (see the server log)'
          : 'the load failed unexpectedly (see the server log)';
    await updateJob(database, principal.tenantId, input.jobId, { status: 'failed', completedAt: new Date(), errorMessage: message, result: JSON.stringify({ progress: job.progress ?? null, report: report ?? null }) }).catch(
      (e: unknown) => log.error({ err: e, jobId: input.jobId }, 'could not record the failed load job'),
    );
  } finally {
    live.delete(input.jobId);
    if (root) await fs.promises.rm(root, { recursive: true, force: true }).catch(() => undefined);
  }
}

export async function edfiLoadRoutes(app: FastifyInstance): Promise<void> {
  const live = new Map<string, LiveJob>();
  await app.register(async (scope) => {
    scope.addContentTypeParser(Object.keys(CONTENT_TYPES), { parseAs: 'buffer', bodyLimit: LOAD_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post('/admin/edfi/loads', { bodyLimit: LOAD_BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const kind = CONTENT_TYPES[String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
      if (!kind || !Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', 'Send a zip of interchange XML files (Content-Type: application/zip) or one XML file (application/xml).');
      const body = request.body;
      await checkUpload(kind, body);
      const fileName = uploadFileName(request);
      const [job] = await withTenant(request, ({ tx }) =>
        tx
          .insert(backgroundJobs)
          .values({ tenantId: principal.tenantId, jobType: JOB_TYPE, status: 'pending', retryCount: 0, scheduledAt: new Date(), parameters: JSON.stringify({ kind, bytes: body.length, fileName: fileName ?? null, requestedBy: principal.actorId }) })
          .returning({ id: backgroundJobs.id }),
      );
      const jobId = job!.id;
      live.set(jobId, { tenantId: principal.tenantId, status: 'pending' });
      setImmediate(() => void runJob(app.database, principal, { jobId, kind, body, fileName }, live, request.log));
      return reply.status(202).send({ jobId });
    });

    scope.get('/admin/edfi/loads/:jobId', async (request) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const { jobId } = request.params as { jobId: string };
      const running = live.get(jobId);
      if (running && running.tenantId === principal.tenantId) return { jobId, status: running.status, progress: running.progress ?? null, report: null, projection: null };
      if (!UUID.test(jobId)) throw new AppError('not_found', 'No such load job.');
      const [row] = await withTenant(request, ({ tx }) => tx.select().from(backgroundJobs).where(and(eq(backgroundJobs.id, jobId), eq(backgroundJobs.jobType, JOB_TYPE))));
      if (!row) throw new AppError('not_found', 'No such load job.');
      const result = row.result ? (JSON.parse(row.result) as { progress?: unknown; report?: unknown; projection?: unknown }) : {};
      return {
        jobId,
        status: row.status,
        createdAt: row.createdAt,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        error: row.errorMessage,
        progress: result.progress ?? null,
        report: result.report ?? null,
        projection: result.projection ?? null,
      };
    });
  });
}
