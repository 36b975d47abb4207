/**
 * The admin side of the interchange loader (what `schola edfi load` does, over HTTP):
 *   POST /admin/edfi/loads         district_admin; body = a zip of interchange XML files
 *                                  (application/zip) or one XML file (application/xml), up to
 *                                  200 MB on this route only → 202 {jobId}; 400 for a body that is
 *                                  neither a readable zip holding .xml files nor an interchange document
 *   GET  /admin/edfi/loads/:jobId  district_admin → {jobId, status, progress, report, projection}
 * Exactly like the OneRoster CSV import jobs (src/standards/oneroster/csv/routes.ts): rows of
 * operational.background_jobs (job_type 'edfi.interchange-load'; parameters and result as JSON text;
 * pending → running → completed | failed), run by the background-job runner (src/platform/jobs:
 * pg-boss; the upload waits on disk in the upload directory, not in the queue), and while a load runs
 * its progress is served from the memory of the process running it (on PGlite a load's transaction
 * holds the only connection, so a poll must not wait for the database). The loader skips bad
 * elements and loads the rest, so a load with rejected elements is `completed` with each rejection
 * in its report; `failed` means the upload could not be read or the load stopped. After the load the
 * tenant's OneRoster face is projected, as the CLI does. Another tenant's job, like an unknown one, is
 * 404. A load interrupted by a stop of its process is recorded as failed at the next start: the
 * batches committed before stay loaded, and loading the files again completes it (a re-load changes
 * only what differs). Without a runner (tests that do not exercise jobs) POST answers 503.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { DocumentedOperation } from '../../../platform/http/operations.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { principalOf } from '../../../platform/auth/request.js';
import type { Principal } from '../../../platform/auth/roles.js';
import { AppError } from '../../../platform/http/errors.js';
import type { JobDefinition } from '../../../platform/jobs/runner.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { acceptUploads, submitJob } from '../../../platform/jobs/submit.js';
import { projectTenant } from '../../edfi-oneroster/run.js';
import { loadInterchange } from './load.js';
import type { LoadProgress, LoadReport } from './report.js';
import { checkUpload, unpackUpload, type UploadKind } from './upload.js';

export const LOAD_BODY_LIMIT = 200 * 1024 * 1024;
const JOB_TYPE = 'edfi.interchange-load';
const CONTENT_TYPES: Record<string, UploadKind> = {
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

function requireDistrictAdmin(principal: Principal): void {
  if (!principal.roles.includes('district_admin'))
    throw new AppError('forbidden', 'Only a district administrator may load Ed-Fi interchange files.');
}

/** `Content-Disposition: …; filename="Student.xml"` → 'Student.xml' (the name the report shows). */
function uploadFileName(request: FastifyRequest): string | undefined {
  const match = /filename="?([^";]+)"?/i.exec(String(request.headers['content-disposition'] ?? ''));
  const name = match?.[1] ? path.basename(match[1].replace(/\\/g, '/')) : undefined;
  return name?.toLowerCase().endsWith('.xml') ? name : undefined;
}

/** The report names files as the upload did (relative to the temporary directory). */
function withUploadNames(report: LoadReport, root: string): LoadReport {
  return { ...report, files: report.files.map((f) => path.relative(root, f).split(path.sep).join('/')) };
}

export const edfiLoadJob: JobDefinition<LoadProgress> = {
  name: JOB_TYPE,
  interruptedMessage:
    'the server stopped while the load was running: the batches committed before it stopped stay loaded and the ' +
    'OneRoster projection did not run; load the files again (a re-load changes only what differs)',
  async run(job) {
    const kind = job.parameters.kind === 'xml' ? 'xml' : 'zip';
    const fileName = typeof job.parameters.fileName === 'string' ? job.parameters.fileName : undefined;
    let root: string | undefined;
    let report: LoadReport | undefined;
    try {
      root = await unpackUpload(kind, job.uploadPath, fileName);
      report = withUploadNames(
        await loadInterchange(job.database, job.tenantId, [root], {
          principal: job.principal,
          onProgress: (p) => job.setProgress(p),
        }),
        root,
      );
      const projection = await projectTenant(job.database, job.tenantId);
      return { status: 'completed', result: { progress: job.progress ?? null, report, projection } };
    } catch (error) {
      // The message may name a zip entry, never personal data.
      job.log.error({ err: error }, 'edfi interchange load failed');
      const message =
        error instanceof Error && error.name === 'ZipFormatError'
          ? error.message
          : report
            ? 'the files were loaded, but the OneRoster projection failed (see the server log)'
            : 'the load failed unexpectedly (see the server log)';
      return { status: 'failed', error: message, result: { progress: job.progress ?? null, report: report ?? null } };
    } finally {
      if (root) await fs.promises.rm(root, { recursive: true, force: true }).catch(() => undefined);
    }
  },
};

const jobId = z.object({ jobId: z.string() });

/** The OpenAPI description of the load endpoints (served by hand: binary bodies up to 200 MB). */
const LOAD_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'POST',
    url: '/admin/edfi/loads',
    summary: 'Load Ed-Fi 5.2 XML interchange files as a background job (district administrator)',
    description:
      'Body: a zip of XML files (application/zip) or one XML file (application/xml, named by Content-Disposition). ' +
      'Poll GET /admin/edfi/loads/{jobId}.',
    tags: ['admin jobs'],
    bodyTypes: Object.keys(CONTENT_TYPES),
    response: { status: 202, description: 'Queued', schema: jobId },
    errors: ['unsupported_media_type', 'unavailable'],
  },
  {
    method: 'GET',
    url: '/admin/edfi/loads/:jobId',
    summary: 'A load job: status (pending, running, completed, failed), progress, report, OneRoster projection',
    tags: ['admin jobs'],
    params: jobId,
    response: { status: 200, description: 'The job' },
    errors: ['not_found'],
  },
];

export async function edfiLoadRoutes(app: FastifyInstance): Promise<void> {
  app.jobs?.define(edfiLoadJob);
  app.operations.push(...LOAD_OPERATIONS);
  await app.register(async (scope) => {
    acceptUploads(scope, Object.keys(CONTENT_TYPES), LOAD_BODY_LIMIT);

    scope.post('/admin/edfi/loads', { bodyLimit: LOAD_BODY_LIMIT }, async (request, reply) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const kind =
        CONTENT_TYPES[
          String(request.headers['content-type'] ?? '')
            .split(';')[0]!
            .trim()
            .toLowerCase()
        ];
      if (!kind || !Buffer.isBuffer(request.body))
        throw new AppError(
          'unsupported_media_type',
          'Send a zip of interchange XML files (Content-Type: application/zip) or one XML file (application/xml).',
        );
      const body = request.body;
      await checkUpload(kind, body);
      const fileName = uploadFileName(request);
      const queued = await submitJob(app.jobs, JOB_TYPE, {
        principal,
        parameters: { kind, bytes: body.length, fileName: fileName ?? null, requestedBy: principal.actorId },
        upload: body,
      });
      return reply.status(202).send(queued);
    });

    scope.get('/admin/edfi/loads/:jobId', async (request) => {
      requireDistrictAdmin(principalOf(request));
      return jobStatus(
        request,
        JOB_TYPE,
        (request.params as { jobId: string }).jobId,
        ['report', 'projection'],
        'No such load job.',
      );
    });
  });
}
