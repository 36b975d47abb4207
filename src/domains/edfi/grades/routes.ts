/** The gradebook, grades and GPA HTTP face: thin routes over gradebook.ts, grades.ts, gpa.ts, policy.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
import { GRADES_ERROR_CODES } from './errors.js';
import { classRank, studentGrades } from './gpa.js';
import { createEntry, recordScores, sectionGradebook, setCategories } from './gradebook.js';
import { commentGrade, computeGrades, overrideGrade, sectionGrades } from './grades.js';
import { gradingPolicy, setGradingPolicy } from './policy.js';
import {
  categoriesInput,
  categoryView,
  classRankView,
  commentInput,
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
  scores: '/api/v1/sections/{sectionId}/gradebook/entries/{entryId}/scores',
  compute: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/compute',
  override: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/override',
  comment: '/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/comment',
  policy: '/api/v1/schools/{schoolId}/grading-policy',
} as const;

const PERIOD_NOTE = 'gradingPeriod is a GradingPeriodDescriptor code value ("First Quarter") or `final`.';

export function gradesRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/sections/:sectionId/gradebook',
      summary: "A section's gradebook: categories, entries, roster and scores",
      tags,
      params: sectionParams,
      query: gradebookQuery,
      response: { status: 200, description: 'The gradebook', schema: gradebookView },
      errors,
    },
    ({ params, query, request }) => requestWork(request, (w) => sectionGradebook(w, params.sectionId, query)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sections/:sectionId/gradebook/categories',
      summary: "Set a section's gradebook categories (weights, drop-lowest); unlisted unused ones are removed",
      tags,
      params: sectionParams,
      body: categoriesInput,
      response: {
        status: 200,
        description: 'The categories',
        schema: z.object({ sectionId: z.string(), categories: z.array(categoryView) }),
      },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (w) => setCategories(w, params.sectionId, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/sections/:sectionId/gradebook/entries',
      summary: 'Add an assignment to a section’s gradebook (an Ed-Fi gradebook entry, a OneRoster lineItem)',
      tags,
      params: sectionParams,
      body: entryInput,
      response: { status: 201, description: 'The entry', schema: entryView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (w) => createEntry(w, params.sectionId, body)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sections/:sectionId/gradebook/entries/:entryId/scores',
      summary: 'Record students’ scores on an entry (points, exempt, late, missing, comment)',
      description: 'Each listed student is saved (upsert); others are untouched. Points null clears a score.',
      tags,
      params: entryParams,
      body: scoresInput,
      response: {
        status: 200,
        description: 'Saved',
        schema: z.object({ entryId: z.string(), saved: z.number() }),
      },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (w) => recordScores(w, params.sectionId, params.entryId, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/sections/:sectionId/grades/:gradingPeriod',
      summary: "A section's stored grades for a grading period (or final)",
      description: PERIOD_NOTE,
      tags,
      params: periodParams,
      response: { status: 200, description: 'The grades', schema: periodGradesView },
      errors,
    },
    ({ params, request }) => requestWork(request, (w) => sectionGrades(w, params.sectionId, params.gradingPeriod)),
  );
  route(
    app,
    {
      method: 'POST',
      url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/compute',
      summary: 'Compute a section’s period grades (or final grades and course transcripts) from its gradebook',
      description: `${PERIOD_NOTE} Overridden letters are kept.`,
      tags,
      params: periodParams,
      response: { status: 200, description: 'The grades with their category breakdown', schema: periodGradesView },
      errors,
    },
    ({ params, request }) => requestWork(request, (w) => computeGrades(w, params.sectionId, params.gradingPeriod)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/students/:studentUsi/override',
      summary: "Override a student's letter grade with a reason (letter null: back to the computed letter)",
      description: PERIOD_NOTE,
      tags,
      params: studentPeriodParams,
      body: overrideInput,
      response: { status: 200, description: 'The grade', schema: periodGradeView },
      errors,
    },
    ({ params, body, request }) =>
      requestWork(request, (w) => overrideGrade(w, params.sectionId, params.gradingPeriod, params.studentUsi, body)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/sections/:sectionId/grades/:gradingPeriod/students/:studentUsi/comment',
      summary: "The teacher's comment on a student's grade (printed on the report card)",
      tags,
      params: studentPeriodParams,
      body: commentInput,
      response: { status: 200, description: 'The grade', schema: periodGradeView },
      errors,
    },
    ({ params, body, request }) =>
      requestWork(request, (w) => commentGrade(w, params.sectionId, params.gradingPeriod, params.studentUsi, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/students/:studentUsi/grades',
      summary: "A student's grades, course transcript and GPA (per term and cumulative, unweighted and weighted)",
      description: 'Parents see their children, students themselves, teachers the students of their sections.',
      tags,
      params: studentParams,
      response: { status: 200, description: 'Grades and GPA', schema: studentGradesView },
      errors,
    },
    ({ params, request }) => requestWork(request, (w) => studentGrades(w, params.studentUsi)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/class-rank',
      summary: "A school's students ranked by cumulative weighted GPA",
      tags,
      params: schoolParams,
      query: z.strictObject({ gradeLevel: z.string().trim().min(1).max(60).optional() }),
      response: { status: 200, description: 'Ranked students', schema: classRankView },
      errors,
    },
    ({ params, query, request }) => requestWork(request, (w) => classRank(w, params.schoolId, query.gradeLevel)),
  );
  route(
    app,
    {
      method: 'GET',
      url: '/api/v1/schools/:schoolId/grading-policy',
      summary: "A school's grading scale and weighted-GPA add-ons",
      tags,
      params: schoolParams,
      response: { status: 200, description: 'The policy', schema: gradingPolicyView },
      errors,
    },
    ({ params, request }) => requestWork(request, (w) => gradingPolicy(w, params.schoolId)),
  );
  route(
    app,
    {
      method: 'PUT',
      url: '/api/v1/schools/:schoolId/grading-policy',
      summary: "Set a school's grading scale (letter, minimum %, grade points, passing) and honors/AP add-ons",
      tags,
      params: schoolParams,
      body: gradingPolicyInput,
      response: { status: 200, description: 'The policy', schema: gradingPolicyView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (w) => setGradingPolicy(w, params.schoolId, body)),
  );
}
