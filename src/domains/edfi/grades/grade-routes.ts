/** Grades' HTTP face: period and final grades, overrides, comments, GPA, class rank, the school's grading policy. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { courseGpaLevels, setCourseGpaLevel } from './course-level.js';
import { GRADES_ERROR_CODES } from './errors.js';
import { classRank, studentGrades } from './gpa.js';
import { commentGrade, overrideGrade } from './grade-edits.js';
import { computeGrades, sectionGrades } from './grades.js';
import { gradingPolicy, setGradingPolicy } from './policy.js';
import {
  classRankView,
  commentInput,
  courseGpaLevelInput,
  courseGpaLevelView,
  courseParams,
  gradingPolicyInput,
  gradingPolicyView,
  overrideInput,
  periodGradesView,
  periodGradeView,
  periodParams,
  schoolCoursesView,
  schoolParams,
  studentGradesView,
  studentParams,
  studentPeriodParams,
} from './schemas.js';

const PERIOD_NOTE = 'gradingPeriod is a GradingPeriodDescriptor code value ("First Quarter") or `final`.';

export function gradeRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags: ['grades'], errors: GRADES_ERROR_CODES });
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
}
