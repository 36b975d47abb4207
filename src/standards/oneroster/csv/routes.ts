/**
 * The admin side of CSV import:
 *   POST /admin/oneroster/imports         district_admin; body = the package zip (application/zip,
 *                                         up to 200 MB on this route only) → 202 {jobId}
 *   GET  /admin/oneroster/imports/:jobId  district_admin → {jobId, status, progress, report}
 *   GET  /admin/oneroster/export          district_admin → the tenant as a OneRoster 1.2 CSV package (zip)
 * Jobs are rows of operational.background_jobs (job_type 'oneroster.import'; parameters and result
 * as JSON text; status pending → running → completed | failed), run by the background-job runner
 * (src/platform/jobs: pg-boss; the package waits on disk in the upload directory, not in the queue).
 * While an import runs, its progress is served from the memory of the process running it — on
 * PGlite the import's transaction holds the only connection, so a poll must not wait for the
 * database. An import interrupted by a stop of its process is recorded as failed at the next start;
 * the package was all-or-nothing, so nothing of it was applied. Without a runner (tests that do not
 * exercise jobs) POST answers 503.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { DocumentedOperation } from '../../../platform/http/operations.js';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../../platform/auth/request.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/http/errors.js';
import type { JobDefinition } from '../../../platform/jobs/runner.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { acceptUploads, submitJob } from '../../../platform/jobs/submit.js';
import { importPackage, type ImportProgress } from './import.js';
import { exportPackage } from './export.js';
import { writeZip } from './zip-writer.js';

export const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
const JOB_TYPE = 'oneroster.import';

function requireDistrictAdmin(principal: Principal): void {
  if (!principal.roles.includes('district_admin'))
    throw new AppError('forbidden', 'Only a district administrator may import OneRoster packages.');
}

export const onerosterImportJob: JobDefinition<ImportProgress> = {
  name: JOB_TYPE,
  interruptedMessage:
    'the server stopped while the import was running: nothing of the package was applied; send it again',
  // The message may come from the package (a file name, a zip problem), never from personal data.
  describeError: (error) =>
    error instanceof Error && error.name === 'ZipFormatError'
      ? error.message
      : 'the import failed unexpectedly (see the server log)',
  async run(job) {
    const report = await importPackage(job.database, job.tenantId, job.uploadPath, {
      partial: job.parameters.partial === true,
      principal: job.principal,
      onProgress: (p) => job.setProgress(p),
    });
    // A package that could not be opened says why; otherwise the report lists the errors.
    const unusable = report.issues.find((i) => i.file === 'package' && i.severity === 'error');
    return {
      status: report.applied ? 'completed' : 'failed',
      result: { progress: job.progress ?? null, report },
      error: report.applied
        ? null
        : (unusable?.reason ?? `${report.errorCount} error(s) in the package: nothing applied`),
    };
  },
};

const jobId = z.object({ jobId: z.string() });

/** The OpenAPI description of the import endpoints (served by hand: a zip body). */
const IMPORT_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'POST',
    url: '/admin/oneroster/imports',
    summary: 'Import a OneRoster 1.1/1.2 CSV package (zip) as a background job (district administrator)',
    description:
      'All or nothing, or `?partial=true` to apply the good rows. Poll GET /admin/oneroster/imports/{jobId}.',
    tags: ['admin jobs'],
    query: z.object({ partial: z.enum(['true', 'false']).optional() }),
    bodyTypes: ['application/zip'],
    response: { status: 202, description: 'Queued', schema: jobId },
    errors: ['unsupported_media_type', 'unavailable'],
  },
  {
    method: 'GET',
    url: '/admin/oneroster/imports/:jobId',
    summary: 'An import job: status (pending, running, completed, failed), progress and report',
    tags: ['admin jobs'],
    params: jobId,
    response: { status: 200, description: 'The job' },
    errors: ['not_found'],
  },
];

export async function onerosterImportRoutes(app: FastifyInstance): Promise<void> {
  app.jobs?.define(onerosterImportJob);
  app.operations.push(...IMPORT_OPERATIONS);
  await app.register(async (scope) => {
    acceptUploads(scope, 'application/zip', IMPORT_BODY_LIMIT);

    scope.post('/admin/oneroster/imports', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new AppError('unsupported_media_type', 'Send the package as a zip file (Content-Type: application/zip).');
      const partial = (request.query as { partial?: string }).partial === 'true';
      const body = request.body;
      const queued = await submitJob(app.jobs, JOB_TYPE, {
        principal,
        parameters: { partial, bytes: body.length, requestedBy: principal.actorId },
        upload: body,
      });
      return reply.status(202).send(queued);
    });

    // The whole tenant, written to a temporary directory, zipped in memory (a district's CSVs are a few MB).
    scope.get('/admin/oneroster/export', async (request, reply) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const directory = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'schola-oneroster-export-'));
      try {
        await exportPackage(app.database, principal.tenantId, directory);
        const names = (await fs.promises.readdir(directory)).filter((n) => n.endsWith('.csv')).sort();
        const files = await Promise.all(
          names.map(async (name) => ({ name, content: await fs.promises.readFile(path.join(directory, name)) })),
        );
        return reply
          .type('application/zip')
          .header('content-disposition', 'attachment; filename="oneroster-1.2.zip"')
          .header('cache-control', 'no-store')
          .send(writeZip(files));
      } finally {
        await fs.promises.rm(directory, { recursive: true, force: true });
      }
    });

    scope.get('/admin/oneroster/imports/:jobId', async (request) => {
      requireDistrictAdmin(principalOf(request));
      return jobStatus(
        request,
        JOB_TYPE,
        (request.params as { jobId: string }).jobId,
        ['report'],
        'No such import job.',
      );
    });
  });
}
