/** Report cards and transcripts over HTTP: previews, PDFs, and a whole school's report cards as a background job. */
import fs from 'node:fs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../../platform/auth/request.js';
import { AppError } from '../../../platform/http/errors.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { submitJob } from '../../../platform/jobs/submit.js';
import { route, serviceRoutes } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
import { reportCard as reportCardTable } from '../tables.js';
import { GRADES_ERROR_CODES } from './errors.js';
import { REPORT_CARD_JOB, reportCardsJob } from './jobs.js';
import { periodRef, reportCardData, reportCardPdf, transcriptPdf } from './report-cards.js';
import { schoolParams, studentParams } from './schemas.js';

const tags = ['grades'];
const errors = GRADES_ERROR_CODES;

/** Who may make a whole school's report cards (besides the policy engine's reach over the school). */
export const SCHOOL_REPORT_CARD_ROLES = ['school_admin', 'district_admin', 'counselor'] as const;

const reportCardQuery = z.strictObject({
  schoolId: z.coerce.number({ message: 'must be a school id' }).int().positive().max(2147483647),
  gradingPeriod: z.string().trim().min(1).max(100),
});
const pdfResponse = { status: 200, description: 'The PDF (application/pdf)' };

/** A PDF of a student's records: never kept by a cache; shown in the browser under its name when it has one. */
function sendPdf(reply: FastifyReply, pdf: Uint8Array, filename?: string) {
  reply.type('application/pdf').header('cache-control', 'no-store');
  if (filename) reply.header('content-disposition', `inline; filename="${filename}"`);
  return reply.send(pdf);
}

export function reportCardRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  app.jobs?.define(reportCardsJob);
  serve({
    method: 'GET',
    url: '/api/v1/students/:studentUsi/report-card',
    summary: "A student's report card for a grading period (what the PDF shows), for previews",
    params: studentParams,
    query: reportCardQuery,
    response: { status: 200, description: 'The report card', schema: z.looseObject({}) },
    run: async (w, { params, query }) => {
      await w.authorize(reportCardTable, 'read', { studentUsi: params.studentUsi });
      return reportCardData(w, params.studentUsi, await periodRef(w, query.schoolId, query.gradingPeriod));
    },
  });
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/students/:studentUsi/report-card.pdf',
      summary: "A student's report card for a grading period as PDF (grades, comments, GPA, attendance)",
      tags,
      params: studentParams,
      query: reportCardQuery,
      response: pdfResponse,
      errors,
    },
    async ({ params, query, request, reply }) => {
      const pdf = await requestWork(request, (w) =>
        reportCardPdf(w, params.studentUsi, query.schoolId, query.gradingPeriod),
      );
      return sendPdf(reply, pdf, `report-card-${params.studentUsi}.pdf`);
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/students/:studentUsi/transcript.pdf',
      summary: "A student's official transcript as PDF (courses by term, credits, GPA, class rank)",
      tags,
      params: studentParams,
      response: pdfResponse,
      errors,
    },
    async ({ params, request, reply }) => {
      const pdf = await requestWork(request, (w) => transcriptPdf(w, params.studentUsi));
      return sendPdf(reply, pdf, `transcript-${params.studentUsi}.pdf`);
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/schools/:schoolId/report-cards/:gradingPeriod',
      summary: "Make a whole school's report cards for a grading period (a background job; poll it)",
      description: `For ${SCHOOL_REPORT_CARD_ROLES.join(', ')}. Poll GET /api/v1/report-card-jobs/{jobId}.`,
      tags,
      params: schoolParams.extend({ gradingPeriod: z.string().trim().min(1).max(100) }),
      response: { status: 202, description: 'Queued', schema: z.object({ jobId: z.string() }) },
      errors: [...errors, 'unavailable'],
    },
    async ({ params, request }) => {
      const principal = principalOf(request);
      if (!principal.roles.some((r) => (SCHOOL_REPORT_CARD_ROLES as readonly string[]).includes(r)))
        throw new AppError('forbidden', `A school's report cards are for ${SCHOOL_REPORT_CARD_ROLES.join(', ')}.`);
      // Checked now (reach over the school, a known period), so the job does not fail for it later.
      await requestWork(request, async (w) => {
        await w.authorize(reportCardTable, 'read', { schoolId: params.schoolId });
        await periodRef(w, params.schoolId, params.gradingPeriod);
      });
      const parameters = { schoolId: params.schoolId, gradingPeriod: params.gradingPeriod };
      return submitJob(app.jobs, REPORT_CARD_JOB, {
        principal,
        parameters,
        upload: Buffer.from(JSON.stringify(parameters)),
      });
    },
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/report-card-jobs/:jobId',
      summary: 'A report-card job: status, progress (students done of total) and pages',
      tags,
      params: z.strictObject({ jobId: z.uuid() }),
      response: {
        status: 200,
        description: 'The job',
        schema: z.looseObject({ jobId: z.string(), status: z.string(), progress: z.unknown() }),
      },
      errors,
    },
    ({ params, request }) => jobStatus(request, REPORT_CARD_JOB, params.jobId, ['pages'], 'No such report-card job.'),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/report-card-jobs/:jobId/pdf',
      summary: "A finished report-card job's PDF (one page per student)",
      tags,
      params: z.strictObject({ jobId: z.uuid() }),
      response: pdfResponse,
      errors,
    },
    async ({ params, request, reply }) => {
      const job = await jobStatus(request, REPORT_CARD_JOB, params.jobId, ['file'], 'No such report-card job.');
      if (job.status !== 'completed' || typeof job.file !== 'string')
        throw new AppError('not_found', `Report-card job ${params.jobId} has no PDF (status ${String(job.status)}).`);
      return sendPdf(reply, await fs.promises.readFile(job.file));
    },
  );
}
