/** The gradebook, grades and report cards over HTTP: gradebook-routes.ts, grade-routes.ts, report-card-routes.ts. */
import type { FastifyInstance } from 'fastify';
import { gradeRoutes } from './grade-routes.js';
import { gradebookRoutes } from './gradebook-routes.js';
import { reportCardRoutes } from './report-card-routes.js';

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

/** In this order: the OpenAPI document (and the web app's generated client) lists them so. */
export function gradesRoutes(app: FastifyInstance): void {
  gradebookRoutes(app);
  gradeRoutes(app);
  reportCardRoutes(app);
}
