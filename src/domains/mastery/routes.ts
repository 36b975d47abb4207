/** Mastery learning's HTTP face: thin routes over service.ts (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { serviceRoutes } from '../../platform/service/routes.js';
import { MASTERY_ERROR_CODES } from './errors.js';
import {
  attemptView,
  dayView,
  lessonAttemptInput,
  mapResultInput,
  mapResultView,
  progressListView,
  studentDayParams,
  studentParams,
  targetParams,
  targetProgressInput,
  targetView,
  testOutInput,
  testOutView,
} from './schemas.js';
import { dayPlan, planDay, recordTargetProgress } from './service.js';
import { recordLessonAttempt, recordMapResult, studentProgress, testOut } from './skills.js';

const tags = ['mastery learning'];
const errors = MASTERY_ERROR_CODES;

export const MASTERY_PATHS = {
  day: '/api/v1/mastery/students/{studentId}/days/{date}',
  target: '/api/v1/mastery/daily-targets/{targetId}',
  attempts: '/api/v1/mastery/attempts',
  testOuts: '/api/v1/mastery/test-outs',
  mapResults: '/api/v1/mastery/map-results',
} as const;

export function masteryRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'POST',
    url: '/api/v1/mastery/students/:studentId/days/:date',
    summary: "Plan a student's two-hour day (4 × 25 min core subjects + 20 min), once",
    description:
      "Each subject's lesson target follows its last day's accuracy band; a second call returns the same plan.",
    params: studentDayParams,
    response: { status: 201, description: "The day's targets", schema: dayView },
    run: (work, { params }) => planDay(work, params.studentId, params.date),
  });
  serve({
    method: 'GET',
    url: '/api/v1/mastery/students/:studentId/days/:date',
    summary: "A student's targets of a day",
    params: studentDayParams,
    response: { status: 200, description: "The day's targets", schema: dayView },
    run: (work, { params }) => dayPlan(work, params.studentId, params.date),
  });
  serve({
    method: 'PATCH',
    url: '/api/v1/mastery/daily-targets/:targetId',
    summary: 'Record progress on a daily target (completed only when minutes and accuracy are both met)',
    params: targetParams,
    body: targetProgressInput,
    response: { status: 200, description: 'The target', schema: targetView },
    run: (work, { params, body }) => recordTargetProgress(work, params.targetId, body),
  });
  serve({
    method: 'POST',
    url: MASTERY_PATHS.attempts,
    summary: 'Record a lesson attempt on a skill (XP and mastery score)',
    body: lessonAttemptInput,
    response: { status: 201, description: "The skill's progress, with the XP earned", schema: attemptView },
    run: (work, { body }) => recordLessonAttempt(work, body),
  });
  serve({
    method: 'POST',
    url: MASTERY_PATHS.testOuts,
    summary: 'Record a test-out of a skill (mastered at ≥ 90)',
    body: testOutInput,
    response: { status: 201, description: "The skill's progress", schema: testOutView },
    run: (work, { body }) => testOut(work, body),
  });
  serve({
    method: 'GET',
    url: '/api/v1/mastery/students/:studentId/progress',
    summary: "A student's mastery per skill",
    params: studentParams,
    response: { status: 200, description: 'Skills', schema: progressListView },
    run: (work, { params }) => studentProgress(work, params.studentId),
  });
  serve({
    method: 'POST',
    url: MASTERY_PATHS.mapResults,
    summary: 'Record an NWEA MAP result (RIT and national percentile) and place the student',
    body: mapResultInput,
    response: { status: 201, description: 'The result and the placement', schema: mapResultView },
    run: (work, { body }) => recordMapResult(work, body),
  });
}
