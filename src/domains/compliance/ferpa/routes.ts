/**
 * The FERPA inspection export over HTTP: an administrator starts it for one student (a background
 * job with progress), polls it, and downloads the zip (kept EXPORT_DAYS days).
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { FastifyInstance } from 'fastify';
import type { JobDefinition } from '../../../platform/jobs/runner.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { submitJob } from '../../../platform/jobs/submit.js';
import { AppError } from '../../../platform/http/errors.js';
import { route } from '../../../platform/service/routes.js';
import { requestWork, runWork, type WorkEnvironment } from '../../../platform/service/work.js';
import { complianceErrors, COMPLIANCE_ERROR_CODES } from '../errors.js';
import { ferpaExportInput, ferpaExportParams, ferpaExportStarted, ferpaExportStatus } from '../schemas.js';
import { studentRecordExports } from '../tables.js';
import { collectStudentRecord } from './collect.js';
import { buildPackage } from './package.js';

export const FERPA_EXPORT_PATH = '/api/v1/compliance/ferpa-exports';
export const FERPA_EXPORT_JOB = 'compliance.ferpa-export';
/** How long a finished export can be downloaded (retention then removes it). */
export const EXPORT_DAYS = 7;
const tags = ['compliance'];

export function ferpaExportJob(env: WorkEnvironment): JobDefinition<{ tablesDone: number; tablesTotal: number }> {
  return {
    name: FERPA_EXPORT_JOB,
    interruptedMessage: 'The export was interrupted by a restart; start it again.',
    async run(job) {
      const studentUsi = Number(job.parameters.studentUsi);
      const summary = await runWork(env, job.principal, {}, async (work) => {
        await work.authorize(studentRecordExports, 'write', { studentUsi });
        const record = await collectStudentRecord(work, studentUsi, (done, total) =>
          job.setProgress({ tablesDone: done, tablesTotal: total }),
        );
        const built = buildPackage(record, work.principal.actorId, work.now);
        await work.tx.insert(studentRecordExports).values({
          tenantId: work.tenantId,
          id: job.id,
          studentUsi,
          requestedBy: work.principal.actorId,
          fileName: `ferpa-student-${studentUsi}-${work.now.toISOString().slice(0, 10)}.zip`,
          content: built.zip,
          byteSize: built.zip.length,
          summary: built.summary,
          createdAt: work.now,
          expiresAt: new Date(work.now.getTime() + EXPORT_DAYS * 86_400_000),
        });
        await work.audit({
          table: studentRecordExports,
          recordId: job.id,
          operation: 'INSERT',
          newValues: {
            studentUsi,
            bytes: built.zip.length,
            tables: built.summary.tables.length,
            rows: built.summary.totalRows,
          },
        });
        return built.summary;
      });
      const total = summary.tables.length;
      return {
        status: 'completed',
        result: { progress: { tablesDone: total, tablesTotal: total }, summary },
      };
    },
  };
}

export function ferpaExportRoutes(app: FastifyInstance, env: WorkEnvironment): void {
  app.jobs?.define(ferpaExportJob(env));
  route(
    app,
    {
      method: 'POST',
      url: FERPA_EXPORT_PATH,
      summary: 'Export everything held about one student (FERPA right to inspect)',
      description: 'A background job; poll it, then download the zip (JSON and CSV per table, access log, README).',
      tags,
      body: ferpaExportInput,
      response: { status: 202, description: 'The job started', schema: ferpaExportStarted },
      errors: ['unavailable'],
    },
    async ({ body, request }) => {
      const principal = await requestWork(request, async (work) => {
        await work.authorize(studentRecordExports, 'write', { studentUsi: body.studentUsi });
        // The student must exist (the job would fail late otherwise).
        const found = rowsOf(
          await work.tx.execute(
            sql`SELECT 1 FROM edfi.student WHERE tenant_id = ${work.tenantId} AND studentusi = ${body.studentUsi}`,
          ),
        );
        if (found.length === 0) throw new AppError('not_found', `No student ${body.studentUsi}.`);
        return work.principal;
      });
      return submitJob(app.jobs, FERPA_EXPORT_JOB, { principal, parameters: { studentUsi: body.studentUsi } });
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: `${FERPA_EXPORT_PATH}/:jobId`,
      summary: 'An export job: status, progress (tables done of total), summary and the download link',
      tags,
      params: ferpaExportParams,
      response: { status: 200, description: 'The job', schema: ferpaExportStatus },
    },
    async ({ params, request }) => {
      await requestWork(request, (work) => work.authorize(studentRecordExports, 'read'));
      const status = await jobStatus(request, FERPA_EXPORT_JOB, params.jobId, ['summary'], 'No such export job.');
      const done = status.status === 'completed';
      return { ...status, downloadUrl: done ? `${FERPA_EXPORT_PATH}/${params.jobId}/download` : null };
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: `${FERPA_EXPORT_PATH}/:jobId/download`,
      summary: 'Download a finished export (application/zip)',
      tags,
      params: ferpaExportParams,
      response: { status: 200, description: 'The zip' },
      errors: COMPLIANCE_ERROR_CODES,
    },
    async ({ params, request, reply }) => {
      const row = await requestWork(request, async (work) => {
        await work.authorize(studentRecordExports, 'read');
        const [found] = await work.tx
          .select()
          .from(studentRecordExports)
          .where(and(eq(studentRecordExports.tenantId, work.tenantId), eq(studentRecordExports.id, params.jobId)));
        if (!found)
          throw complianceErrors.export_not_ready(`Export ${params.jobId} is not finished (or does not exist).`);
        if (found.expiresAt <= work.now) throw complianceErrors.export_expired(`Export ${params.jobId} has expired.`);
        return found;
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${row.fileName}"`)
        .header('cache-control', 'no-store')
        .send(row.content);
    },
  );
}
