/**
 * Routes of class and session changes (class-changes.ts, session-changes.ts) and the owner's cash read
 * (cash-months.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../platform/service/routes.js';
import { cashMonths } from './cash-months.js';
import { cancelClass, cancellationPreview, updateClass } from './class-changes.js';
import { cancelSession, classSessions, rescheduleSession } from './session-changes.js';
import { transferEnrollment } from './transfers.js';
import { SCHOOL_OPS_ERROR_CODES } from './errors.js';
import { getSession } from './schedule.js';
import {
  cancellationPreviewView,
  cancelInput,
  enrollmentParams,
  enrollmentView,
  transferInput,
  cashMonthsQuery,
  cashMonthsView,
  classCancellationView,
  classParams,
  classSessionsQuery,
  classView,
  rescheduleSessionInput,
  sessionParams,
  sessionView,
  updateClassInput,
} from './schemas.js';

const tags = ['language school: classes'];
const errors = SCHOOL_OPS_ERROR_CODES;
const BASE = '/api/v1/school-ops';

export const CHANGE_PATHS = {
  classCancel: `${BASE}/classes/{classId}/cancel`,
  transfer: `${BASE}/enrollments/{enrollmentId}/transfer`,
  class: `${BASE}/classes/{classId}`,
  reschedule: `${BASE}/sessions/{sessionId}/reschedule`,
  sessionCancel: `${BASE}/sessions/{sessionId}/cancel`,
} as const;

export function changeRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'PATCH',
    url: `${BASE}/classes/:classId`,
    summary: "Change a class's name, teacher, room or seats",
    description:
      'Seats never below the students enrolled (409 capacity_below_enrolled) nor above the room (409 ' +
      'room_too_small); a new teacher or room is checked against every upcoming session (409 double_booked).',
    params: classParams,
    body: updateClassInput,
    response: { status: 200, description: 'The class', schema: classView },
    run: (work, { params, body }) => updateClass(work, params.classId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/classes/:classId/cancel`,
    summary: 'Cancel a class: upcoming sessions cancelled, students and families notified',
    params: classParams,
    body: cancelInput,
    response: { status: 200, description: 'The cancellation', schema: classCancellationView },
    run: (work, { params, body }) => cancelClass(work, params.classId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/classes/:classId/cancellation-preview`,
    summary: 'What cancelling a class would do: sessions cancelled, enrolments ended, invoices cancelled, credit',
    params: classParams,
    response: { status: 200, description: 'The consequences, nothing changed', schema: cancellationPreviewView },
    run: (work, { params }) => cancellationPreview(work, params.classId),
  });
  serve({
    method: 'POST',
    url: `${BASE}/enrollments/:enrollmentId/transfer`,
    summary: 'Transfer an enrolment (active, or ended by a class cancellation) to another class of the course',
    description: "The old enrolment becomes transferred; the target's seats are checked (409 class_full).",
    params: enrollmentParams,
    body: transferInput,
    response: {
      status: 200,
      description: 'The old enrolment and the new one',
      schema: z.object({ from: z.object({ id: z.string(), status: z.string() }), to: enrollmentView }),
    },
    run: (work, { params, body }) => transferEnrollment(work, params.enrollmentId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/classes/:classId/sessions`,
    summary: "A class's sessions from a date on (default today, or the current term's start when outside it)",
    params: classParams,
    query: classSessionsQuery,
    response: { status: 200, description: 'Sessions', schema: z.array(sessionView) },
    run: (work, { params, query }) => classSessions(work, params.classId, query.from),
  });
  serve({
    method: 'GET',
    url: `${BASE}/sessions/:sessionId`,
    summary: 'One class session',
    params: sessionParams,
    response: { status: 200, description: 'The session', schema: sessionView },
    run: (work, { params }) => getSession(work, params.sessionId),
  });
  serve({
    method: 'POST',
    url: `${BASE}/sessions/:sessionId/reschedule`,
    summary: 'Move one session to another date and time (409 double_booked when teacher or room is taken)',
    params: sessionParams,
    body: rescheduleSessionInput,
    response: { status: 200, description: 'The session', schema: sessionView },
    run: (work, { params, body }) => rescheduleSession(work, params.sessionId, body),
  });
  serve({
    method: 'POST',
    url: `${BASE}/sessions/:sessionId/cancel`,
    summary: 'Cancel one session with a reason (payroll no longer counts it)',
    params: sessionParams,
    body: cancelInput,
    response: { status: 200, description: 'The session', schema: sessionView },
    run: (work, { params, body }) => cancelSession(work, params.sessionId, body),
  });
  serve({
    method: 'GET',
    url: `${BASE}/cash-months`,
    summary: 'Money in (payments less refunds) and out (payroll paid) per month, integer cents (owner overview)',
    query: cashMonthsQuery,
    response: { status: 200, description: 'Cash by month', schema: cashMonthsView },
    run: (work, { query }) => cashMonths(work, query),
  });
}
