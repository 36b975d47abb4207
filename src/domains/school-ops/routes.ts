/** School operations' HTTP face: thin routes over classes.ts, schedule.ts, attendance.ts, placement.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../platform/service/routes.js';
import { sessionRoster, takeAttendance } from './attendance.js';
import { changeRoutes } from './change-routes.js';
import { createClass, dropEnrollment, enroll, getClass, listClasses, listEnrollments } from './classes.js';
import { SCHOOL_OPS_ERROR_CODES } from './errors.js';
import { placeStudent } from './placement.js';
import { addSchedule, createSession, generateSessions, listSchedules, weekSessions } from './schedule.js';
import {
  attendanceInput,
  classParams,
  classView,
  createClassInput,
  createSessionInput,
  enrollInput,
  enrollmentParams,
  enrollmentView,
  generateSessionsInput,
  generationView,
  isoDate,
  placementInput,
  placementView,
  scheduleInput,
  scheduleView,
  sessionParams,
  sessionRosterView,
  sessionView,
  weekQuery,
} from './schemas.js';

const tags = ['language school: classes'];
const errors = SCHOOL_OPS_ERROR_CODES;
const BASE = '/api/v1/school-ops';

export const SCHOOL_OPS_PATHS = {
  classes: `${BASE}/classes`,
  schedules: `${BASE}/classes/{classId}/schedules`,
  generate: `${BASE}/classes/{classId}/sessions/generate`,
  sessions: `${BASE}/classes/{classId}/sessions`,
  enrollments: `${BASE}/classes/{classId}/enrollments`,
  drop: `${BASE}/enrollments/{enrollmentId}/drop`,
  attendance: `${BASE}/sessions/{sessionId}/attendance`,
  placements: `${BASE}/placements`,
} as const;

export function schoolOpsRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  changeRoutes(app);
  serve({
    method: 'GET',
    url: `${BASE}/classes`,
    summary: "Class groups with seats taken (a teacher sees their own; `mine` narrows the office's list)",
    query: z.strictObject({ mine: z.enum(['true', 'false']).optional() }),
    response: { status: 200, description: 'Classes', schema: z.array(classView) },
    run: (work, { query }) => listClasses(work, { mine: query.mine === 'true' }),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes`,
    summary: 'Open a class group (teacher, room, seats, CEFR level of a course, term)',
    body: createClassInput,
    response: { status: 201, description: 'The class', schema: classView },
    run: (work, { body }) => createClass(work, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/classes/:classId`,
    summary: 'A class group',
    params: classParams,
    response: { status: 200, description: 'The class', schema: classView },
    run: (work, { params }) => getClass(work, params.classId),
  });
  serve({
    method: 'GET',
    url: `${BASE}/classes/:classId/schedules`,
    summary: "A class's weekly meeting times",
    params: classParams,
    response: { status: 200, description: 'Weekly slots', schema: z.array(scheduleView) },
    run: (work, { params }) => listSchedules(work, params.classId),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes/:classId/schedules`,
    summary: 'Add a weekly meeting time (refused if the teacher or room is taken then)',
    params: classParams,
    body: scheduleInput,
    response: { status: 201, description: 'The weekly slot', schema: scheduleView },
    run: (work, { params, body }) => addSchedule(work, params.classId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes/:classId/sessions/generate`,
    summary: "Generate the term's dated sessions from the weekly schedule (holidays skipped; idempotent)",
    description:
      "Holidays: the organization's settings.holidays list plus the request's `holidays`. " +
      'Refused whole with 409 double_booked if any session would clash with the teacher or room.',
    params: classParams,
    body: generateSessionsInput,
    response: { status: 200, description: 'What was generated', schema: generationView },
    run: (work, { params, body }) => generateSessions(work, params.classId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes/:classId/sessions`,
    summary: 'Add one dated session (e.g. a make-up class), never double-booking teacher or room',
    params: classParams,
    body: createSessionInput,
    response: { status: 201, description: 'The session', schema: sessionView },
    run: (work, { params, body }) => createSession(work, params.classId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/calendar`,
    summary: 'The sessions of a week, Monday to Sunday (a teacher sees their own)',
    query: weekQuery,
    response: {
      status: 200,
      description: 'The week',
      schema: z.object({ from: isoDate, to: isoDate, sessions: z.array(sessionView) }),
    },
    run: (work, { query }) => weekSessions(work, query.weekOf),
  });
  serve({
    method: 'GET',
    url: `${BASE}/enrollments`,
    summary: 'Enrolments, newest first',
    query: z.strictObject({ classId: z.string().max(64).optional(), status: z.string().max(20).optional() }),
    response: { status: 200, description: 'Enrolments', schema: z.array(enrollmentView) },
    run: (work, { query }) => listEnrollments(work, query),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes/:classId/enrollments`,
    summary: 'Enrol a student (409 class_full when every seat is taken)',
    params: classParams,
    body: enrollInput,
    response: { status: 201, description: 'The enrolment', schema: enrollmentView },
    run: (work, { params, body }) => enroll(work, params.classId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/enrollments/:enrollmentId/drop`,
    summary: 'Drop an enrolment (frees the seat)',
    params: enrollmentParams,
    response: { status: 200, description: 'The enrolment', schema: enrollmentView },
    run: (work, { params }) => dropEnrollment(work, params.enrollmentId),
  });
  serve({
    method: 'GET',
    url: `${BASE}/sessions/:sessionId/attendance`,
    summary: "A session's register: its enrolled students and their marks (the class's teacher or the office)",
    params: sessionParams,
    response: { status: 200, description: 'The register', schema: sessionRosterView },
    run: (work, { params }) => sessionRoster(work, params.sessionId),
  });
  serve({
    method: 'PUT',
    url: `${BASE}/sessions/:sessionId/attendance`,
    summary: "Take (or retake) a session's attendance: only the class's teacher, only enrolled students",
    params: sessionParams,
    body: attendanceInput,
    response: { status: 200, description: 'The register', schema: sessionRosterView },
    run: (work, { params, body }) => takeAttendance(work, params.sessionId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/placements`,
    summary: "Record a placement test: the student's score places them at a CEFR level",
    body: placementInput,
    response: { status: 201, description: 'The placement', schema: placementView },
    run: (work, { body }) => placeStudent(work, body),
  });
}
