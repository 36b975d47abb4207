/**
 * The admin side of CSV import:
 *   POST /admin/oneroster/imports         district_admin; body = the package zip (application/zip,
 *                                         up to 200 MB on this route only) → 202 {jobId}
 *   GET  /admin/oneroster/imports/:jobId  district_admin → {jobId, status, progress, report}
 * Jobs are rows of operational.background_jobs (job_type 'oneroster.import'; parameters and result
 * as JSON text; status pending → running → completed | failed). The import runs in this process
 * right after the response (no queue for this slice): while it runs, its progress is served from
 * memory — on PGlite the import's transaction holds the only connection, so a poll must not wait
 * for the database. A job the process did not finish (restart) stays "running" in the table; the
 * package itself was all-or-nothing, so nothing half-applied remains.
 */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { backgroundJobs } from '../../../domains/operations/tables.js';
import { principalOf, withTenant } from '../../../platform/auth/request.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Database } from '../../../platform/db/database.js';
import { tenantTransaction } from '../../../platform/db/tenant-transaction.js';
import { AppError } from '../../../platform/http/errors.js';
import { importPackage, type ImportProgress } from './import.js';

export const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
const JOB_TYPE = 'oneroster.import';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface LiveJob {
  tenantId: string;
  status: 'pending' | 'running';
  progress?: ImportProgress;
}

function requireDistrictAdmin(principal: Principal): void {
  if (!principal.roles.includes('district_admin')) throw new AppError('forbidden', 'Only a district administrator may import OneRoster packages.');
}

async function finishJob(database: Database, tenantId: string, jobId: string, values: Partial<typeof backgroundJobs.$inferInsert>): Promise<void> {
  await tenantTransaction(database, tenantId, ({ tx }) => tx.update(backgroundJobs).set({ ...values, updatedAt: new Date() }).where(eq(backgroundJobs.id, jobId)));
}

async function runJob(database: Database, principal: Principal, jobId: string, body: Buffer, partial: boolean, live: Map<string, LiveJob>, log: FastifyInstance['log']): Promise<void> {
  const job = live.get(jobId)!;
  try {
    await finishJob(database, principal.tenantId, jobId, { status: 'running', startedAt: new Date() });
    job.status = 'running';
    const report = await importPackage(database, principal.tenantId, body, { partial, principal, onProgress: (p) => void (job.progress = p) });
    await finishJob(database, principal.tenantId, jobId, {
      status: report.applied ? 'completed' : 'failed',
      completedAt: new Date(),
      result: JSON.stringify({ progress: job.progress ?? null, report }),
      errorMessage: report.applied ? null : `${report.errorCount} error(s) in the package: nothing applied`,
    });
  } catch (error) {
    // The message may come from the package (a file name, a zip problem), never from personal data.
    log.error({ err: error, jobId }, 'oneroster import failed');
    const message = error instanceof Error && error.name === 'ZipFormatError' ? error.message : 'the import failed unexpectedly (see the server log)';
    await finishJob(database, principal.tenantId, jobId, { status: 'failed', completedAt: new Date(), errorMessage: message, result: JSON.stringify({ progress: job.progress ?? null }) }).catch((e: unknown) =>
      log.error({ err: e, jobId }, 'could not record the failed import job'),
    );
  } finally {
    live.delete(jobId);
  }
}

export async function onerosterImportRoutes(app: FastifyInstance): Promise<void> {
  const live = new Map<string, LiveJob>();
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

    scope.post('/admin/oneroster/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new AppError('unsupported_media_type', 'Send the package as a zip file (Content-Type: application/zip).');
      const partial = (request.query as { partial?: string }).partial === 'true';
      const body = request.body;
      const [job] = await withTenant(request, ({ tx }) =>
        tx
          .insert(backgroundJobs)
          .values({ tenantId: principal.tenantId, jobType: JOB_TYPE, status: 'pending', retryCount: 0, scheduledAt: new Date(), parameters: JSON.stringify({ partial, bytes: body.length, requestedBy: principal.actorId }) })
          .returning({ id: backgroundJobs.id }),
      );
      live.set(job!.id, { tenantId: principal.tenantId, status: 'pending' });
      setImmediate(() => void runJob(app.database, principal, job!.id, body, partial, live, request.log));
      return reply.status(202).send({ jobId: job!.id });
    });

    scope.get('/admin/oneroster/imports/:jobId', async (request) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const { jobId } = request.params as { jobId: string };
      const running = live.get(jobId);
      if (running && running.tenantId === principal.tenantId) return { jobId, status: running.status, progress: running.progress ?? null, report: null };
      if (!UUID.test(jobId)) throw new AppError('not_found', 'No such import job.');
      const [row] = await withTenant(request, ({ tx }) => tx.select().from(backgroundJobs).where(and(eq(backgroundJobs.id, jobId), eq(backgroundJobs.jobType, JOB_TYPE))));
      if (!row) throw new AppError('not_found', 'No such import job.');
      const result = row.result ? (JSON.parse(row.result) as { progress?: unknown; report?: unknown }) : {};
      return {
        jobId,
        status: row.status,
        createdAt: row.createdAt,
        startedAt: row.startedAt,
        completedAt: row.completedAt,
        error: row.errorMessage,
        progress: result.progress ?? null,
        report: result.report ?? null,
      };
    });
  });
}
