/** The gradebook, grades and GPA HTTP face: thin routes over gradebook.ts, grades.ts, gpa.ts, policy.ts. */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route, serviceRoutes } from '../../../platform/service/routes.js';
import { reportCard as reportCardTable } from '../tables.js';
import { requestWork } from '../../../platform/service/work.js';
import { AppError } from '../../../platform/http/errors.js';
import { jobStatus } from '../../../platform/jobs/status.js';
import { principalOf } from '../../../platform/auth/request.js';
import { GRADES_ERROR_CODES } from './errors.js';
import { REPORT_CARD_JOB, reportCardsJob } from './jobs.js';
import { periodRef, reportCardData, reportCardPdf, transcriptPdf } from './report-cards.js';
import { classRank, studentGrades } from './gpa.js';
import { setCategories } from './categories.js';
import { createEntry, updateEntry } from './entries.js';
import { sectionGradebook } from './gradebook.js';
import { recordScores } from './scores.js';
import { commentGrade, computeGrades, overrideGrade, sectionGrades } from './grades.js';
import { gradingPolicy, setGradingPolicy } from './policy.js';
import { courseGpaLevels, setCourseGpaLevel } from './course-level.js';
import {
  categoriesInput,
  categoryView,
  classRankView,
  commentInput,
  courseGpaLevelInput,
  courseGpaLevelView,
  courseParams,
  entryChange,
  entryInput,
  entryParams,
  entryView,
  gradebookQuery,
  gradebookView,
  gradingPolicyInput,
  gradingPolicyView,
  overrideInput,
  periodGradesView,
  periodGradeView,
  periodParams,
  schoolCoursesView,
  schoolParams,
  scoresInput,
  sectionParams,
  studentGradesView,
  studentParams,
  studentPeriodParams,
} from './schemas.js';

const tags = ['grades'];
const errors = GRADES_ERROR_CODES;

export const GRADES_PATHS = {
  categories: '/api/v1/sections/{sectionId}/gradebook/categories',
  entries: '/api/v1/sections/{sectionId}/gradebook/entries',
  entry: '/api/v1/sections/{sectionId}/gradebook/entries/{entryId}',
  scores: '/api/v1/sections/{sectionId}/gradebook/entries/{entryId}/scores',
  compute: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/compute',
  override: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/override',
  comment: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/comment',
  policy: '/api/v1/schools/{schoolId}/grading-policy',
  courseGpaLevel: '/api/v1/schools/{schoolId}/courses/{courseCode}/gpa-level',
} as const;

const PERIOD_NOTE = 'gradingPeriod is a GradingPeriodDescriptor code value ("First Quarter") or `final`.';

/** Who may make a whole school's report cards (besides the policy engine's reach over the school). */
export const SCHOOL_REPORT_CARD_ROLES = ['school_admin', 'district_admin', 'counselor'] as const;

const reportCardQuery = z.strictObject({
  schoolId: z.coerce.number({ message: 'must be a school id' }).int().positive().max(2147483647),
  gradingPeriod: z.string().trim().min(1).max(100),
});
const pdfResponse = { status: 200, description: 'The PDF (application/pdf)' };

export function gradesRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  app.jobs?.define(reportCardsJob);
  serve({
    method: 'GET',
    url: '/api/v1/sections/:sectionId/gradebook',
    summary: "A section's gradebook: categories, entries, roster and scores",
    params: sectionParams,
    query: gradebookQuery,
    response: { status: 200, description: 'The gradebook', schema: gradebookView },
    run: (w, { params, query }) => sectionGradebook(w, params.sectionId, query),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/gradebook/categories',
    summary: "Set a section's gradebook categories (weights, drop-lowest); unlisted unused ones are removed",
    params: sectionParams,
    body: categoriesInput,
    response: {
      status: 200,
      description: 'The categories',
      schema: z.object({ sectionId: z.string(), categories: z.array(categoryView) }),
    },
    run: (w, { params, body }) => setCategories(w, params.sectionId, body),
  });
  serve({
    method: 'POST',
    url: '/api/v1/sections/:sectionId/gradebook/entries',
    summary: 'Add an assignment to a section’s gradebook (an Ed-Fi gradebook entry, a OneRoster lineItem)',
    params: sectionParams,
    body: entryInput,
    response: { status: 201, description: 'The entry', schema: entryView },
    run: (w, { params, body }) => createEntry(w, params.sectionId, body),
  });
  serve({
    method: 'PATCH',
    url: '/api/v1/sections/:sectionId/gradebook/entries/:entryId',
    summary: 'Change a gradebook entry (title, dates, max points, category)',
    description:
      'Only the fields given change. A category files an entry an Ed-Fi client wrote (filed by its entry type ' +
      'until then) under one of the section’s categories, in both APIs.',
    params: entryParams,
    body: entryChange,
    response: { status: 200, description: 'The entry', schema: entryView },
    run: (w, { params, body }) => updateEntry(w, params.sectionId, params.entryId, body),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/gradebook/entries/:entryId/scores',
    summary: 'Record students’ scores on an entry (points, exempt, late, missing, comment)',
    description: 'Each listed student is saved (upsert); others are untouched. Points null clears a score.',
    params: entryParams,
    body: scoresInput,
    response: {
      status: 200,
      description: 'Saved',
      schema: z.object({ entryId: z.string(), saved: z.number() }),
    },
    run: (w, { params, body }) => recordScores(w, params.sectionId, params.entryId, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/sections/:sectionId/grades/:gradingPeriod',
    summary: "A section's stored grades for a grading period (or final)",
    description: PERIOD_NOTE,
    params: periodParams,
    response: { status: 200, description: 'The grades', schema: periodGradesView },
    run: (w, { params }) => sectionGrades(w, params.sectionId, params.gradingPeriod),
  });
  serve({
    method: 'POST',
    url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/compute',
    summary: 'Compute a section’s period grades (or final grades and course transcripts) from its gradebook',
    description: `${PERIOD_NOTE} Overridden letters are kept.`,
    params: periodParams,
    response: { status: 200, description: 'The grades with their category breakdown', schema: periodGradesView },
    run: (w, { params }) => computeGrades(w, params.sectionId, params.gradingPeriod),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/students/:studentUsi/override',
    summary: "Override a student's letter grade with a reason (letter null: back to the computed letter)",
    description: PERIOD_NOTE,
    params: studentPeriodParams,
    body: overrideInput,
    response: { status: 200, description: 'The grade', schema: periodGradeView },
    run: (w, { params, body }) => overrideGrade(w, params.sectionId, params.gradingPeriod, params.studentUsi, body),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/students/:studentUsi/comment',
    summary: "The teacher's comment on a student's grade (printed on the report card)",
    params: studentPeriodParams,
    body: commentInput,
    response: { status: 200, description: 'The grade', schema: periodGradeView },
    run: (w, { params, body }) => commentGrade(w, params.sectionId, params.gradingPeriod, params.studentUsi, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/students/:studentUsi/grades',
    summary: "A student's grades, course transcript and GPA (per term and cumulative, unweighted and weighted)",
    description: 'Parents see their children, students themselves, teachers the students of their sections.',
    params: studentParams,
    response: { status: 200, description: 'Grades and GPA', schema: studentGradesView },
    run: (w, { params }) => studentGrades(w, params.studentUsi),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/class-rank',
    summary: "A school's students ranked by cumulative weighted GPA",
    params: schoolParams,
    query: z.strictObject({ gradeLevel: z.string().trim().min(1).max(60).optional() }),
    response: { status: 200, description: 'Ranked students', schema: classRankView },
    run: (w, { params, query }) => classRank(w, params.schoolId, query.gradeLevel),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/grading-policy',
    summary: "A school's grading scale and weighted-GPA add-ons",
    params: schoolParams,
    response: { status: 200, description: 'The policy', schema: gradingPolicyView },
    run: (w, { params }) => gradingPolicy(w, params.schoolId),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/schools/:schoolId/grading-policy',
    summary: "Set a school's grading scale (letter, minimum %, grade points, passing) and honors/AP add-ons",
    params: schoolParams,
    body: gradingPolicyInput,
    response: { status: 200, description: 'The policy', schema: gradingPolicyView },
    run: (w, { params, body }) => setGradingPolicy(w, params.schoolId, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/schools/:schoolId/courses',
    summary: "A school's courses (its own catalog and the district courses it offers) with their GPA levels",
    params: schoolParams,
    response: { status: 200, description: 'The courses', schema: schoolCoursesView },
    run: (w, { params }) => courseGpaLevels(w, params.schoolId),
  });
  serve({
    method: 'PUT',
    url: '/api/v1/schools/:schoolId/courses/:courseCode/gpa-level',
    summary: "Set a course's GPA level (regular, honors, ap): the weighted GPA adds the school's add-on for it",
    description:
      "The course of the school's catalog, else the district course the school offers (district administrators " +
      'only). Final grades computed or overridden from then on carry the level to the transcript.',
    params: courseParams,
    body: courseGpaLevelInput,
    response: { status: 200, description: 'The course and its level', schema: courseGpaLevelView },
    run: (w, { params, body }) => setCourseGpaLevel(w, params.schoolId, params.courseCode, body),
  });
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
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="report-card-${params.studentUsi}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
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
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="transcript-${params.studentUsi}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
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
      if (!app.jobs) throw new AppError('unavailable', 'Background jobs are not running in this server process.');
      const parameters = { schoolId: params.schoolId, gradingPeriod: params.gradingPeriod };
      const jobId = await app.jobs.submit(REPORT_CARD_JOB, {
        principal,
        parameters,
        upload: Buffer.from(JSON.stringify(parameters)),
      });
      return { jobId };
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
      const file = job.file;
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .send(await fs.promises.readFile(file));
    },
  );
}
