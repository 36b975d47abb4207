/** The live sessions' HTTP face: thin routes over lifecycle.ts, join.ts, groups.ts and analytics.ts. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { metaOf } from '../../../platform/auth/request.js';
import { route, serviceRoutes } from '../../../platform/service/routes.js';
import { runWork, systemPrincipal } from '../../../platform/service/work.js';
import { sessionAnalytics, teacherSessionsOverTime } from './analytics.js';
import { SESSION_ERROR_CODES } from './errors.js';
import { leaveSession, markGroupReady, moveParticipant, renewParticipantToken, reportGroupStatus } from './groups.js';
import { joinSession, tenantOfAccessCode } from './join.js';
import { listSessions } from './list.js';
import { addGroup } from './group-plans.js';
import {
  archiveSession,
  createSession,
  endSession,
  getSession,
  pauseSession,
  startSession,
  updateSession,
} from './lifecycle.js';
import {
  addGroupInput,
  createSessionInput,
  endSessionInput,
  groupParams,
  groupStatusInput,
  groupView,
  joinInput,
  joinView,
  moveStudentInput,
  sessionCreatedView,
  sessionListView,
  sessionParams,
  sessionView,
  tokenView,
  updateSessionInput,
} from './schemas.js';

const tags = ['classroom'];
const errors = SESSION_ERROR_CODES;
const BASE = '/api/v1/classroom';
export const CLASSROOM_PATHS = {
  sessions: `${BASE}/sessions`,
  join: `${BASE}/join`,
  token: `${BASE}/token`,
  live: `${BASE}/live`,
} as const;
const ONE = `${CLASSROOM_PATHS.sessions}/:id`;

const analyticsView = z.looseObject({ sessionId: z.string(), stored: z.boolean() });
const historyQuery = z.strictObject({
  teacherId: z.uuid({ message: 'must be a classroom teacher id (UUID)' }).optional(),
  from: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
  to: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
});

export function sessionRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  serve({
    method: 'GET',
    url: CLASSROOM_PATHS.sessions,
    summary: 'The live sessions I reach',
    description:
      "A teacher's own sessions, a district administrator's tenant's, a school administrator's schools'; " +
      'open ones first, archived ones left out (at most 100).',
    response: { status: 200, description: 'The sessions', schema: sessionListView },
    run: (work) => listSessions(work),
  });
  serve({
    method: 'POST',
    url: CLASSROOM_PATHS.sessions,
    summary: 'Create a live session',
    description:
      'Topic, goal, subject and a group plan (each group with its leader). ' +
      'Transcription and AI analysis on, recording off, data kept 2,555 days; a 6-character access code.',
    body: createSessionInput,
    response: { status: 201, description: 'The new session', schema: sessionCreatedView },
    run: (work, { body }) => createSession(work, body),
  });
  serve({
    method: 'GET',
    url: ONE,
    summary: 'A live session with its groups',
    params: sessionParams,
    response: { status: 200, description: 'The session', schema: sessionView },
    errors: [],
    run: (work, { params }) => getSession(work, params.id),
  });
  serve({
    method: 'PATCH',
    url: ONE,
    summary: "Change a session's settings (while created or paused)",
    params: sessionParams,
    body: updateSessionInput,
    response: { status: 200, description: 'The session', schema: sessionView },
    run: (work, { params, body }) => updateSession(work, params.id, body),
  });
  serve({
    method: 'DELETE',
    url: ONE,
    summary: 'Archive a session (refused while active; nothing is hard-deleted)',
    params: sessionParams,
    response: { status: 200, description: 'The archived session', schema: sessionView },
    run: (work, { params }) => archiveSession(work, params.id),
  });
  const transition = (action: string, summary: string, fn: typeof startSession) =>
    serve({
      method: 'POST',
      url: `${ONE}/${action}`,
      summary,
      params: sessionParams,
      response: { status: 200, description: 'The session after the change', schema: sessionView },
      run: (work, { params }) => fn(work, params.id),
    });
  transition('start', 'Start (or resume) a session: every group must be ready', startSession);
  transition('pause', 'Pause an active session', pauseSession);
  serve({
    method: 'POST',
    url: `${ONE}/end`,
    summary: 'End a session (from active or paused); it never reopens',
    params: sessionParams,
    body: endSessionInput,
    response: { status: 200, description: 'The ended session', schema: sessionView },
    run: (work, { params, body }) => endSession(work, params.id, body),
  });
  serve({
    method: 'POST',
    url: `${ONE}/groups`,
    summary: 'Add a group (while created or paused)',
    params: sessionParams,
    body: addGroupInput,
    response: { status: 201, description: 'The session with its groups', schema: sessionView },
    run: (work, { params, body }) => addGroup(work, params.id, body),
  });
  serve({
    method: 'POST',
    url: `${ONE}/groups/:groupId/ready`,
    summary: 'The group leader (or the teacher) marks the group ready',
    params: groupParams,
    response: { status: 200, description: 'The group', schema: groupView },
    run: (work, { params }) => markGroupReady(work, params.id, params.groupId),
  });
  serve({
    method: 'POST',
    url: `${ONE}/groups/:groupId/status`,
    summary: 'A member or the teacher reports an issue, or that the group is connected again',
    params: groupParams,
    body: groupStatusInput,
    response: { status: 200, description: 'The group', schema: groupView },
    run: (work, { params, body }) => reportGroupStatus(work, params.id, params.groupId, body),
  });
  serve({
    method: 'POST',
    url: `${ONE}/moves`,
    summary: 'Move a participant to another group (until the session ends)',
    params: sessionParams,
    body: moveStudentInput,
    response: {
      status: 200,
      description: 'Where the participant is now',
      schema: z.object({ participantId: z.string(), groupId: z.string() }),
    },
    run: (work, { params, body }) => moveParticipant(work, params.id, body),
  });
  serve({
    method: 'POST',
    url: `${ONE}/leave`,
    summary: 'A participant leaves the session',
    params: sessionParams,
    response: {
      status: 200,
      description: 'The participant',
      schema: z.object({ participantId: z.string(), isActive: z.boolean() }),
    },
    errors: [],
    run: (work, { params }) => leaveSession(work, params.id),
  });
  serve({
    method: 'GET',
    url: `${ONE}/analytics`,
    summary: 'Analytics of a session and its groups',
    description:
      'Participants, participation rate (active / joined), engagement score 0–100, time in each status, durations; ' +
      'the stored summary once the session ended.',
    params: sessionParams,
    response: { status: 200, description: 'The analytics', schema: analyticsView },
    errors: [],
    run: (work, { params }) => sessionAnalytics(work, params.id),
  });
  serve({
    method: 'GET',
    url: `${BASE}/analytics/sessions`,
    summary: "A teacher's ended sessions over time",
    query: historyQuery,
    response: { status: 200, description: 'Sessions, oldest first', schema: z.looseObject({}) },
    errors: [],
    run: (work, { query }) => teacherSessionsOverTime(work, query),
  });
  route(
    app,
    {
      method: 'POST',
      url: CLASSROOM_PATHS.join,
      summary: 'Join a live session by its access code',
      description:
        'Answers a participant token (15 minutes, renewable while the session lives) ' +
        'scoped to the session and group. `tenant` (slug) is needed only when several schools use the same code.',
      tags,
      public: true,
      body: joinInput.extend({ tenant: z.string().trim().min(1).max(63).optional() }),
      response: { status: 200, description: 'The participant and its token', schema: joinView },
      errors,
    },
    async ({ body, request }) => {
      const tenantId = await tenantOfAccessCode(request.server.database, body.accessCode, body.tenant);
      const env = {
        database: request.server.database,
        access: request.server.access,
        ...(request.server.hasDecorator('realtime') ? { realtime: request.server.realtime } : {}),
      };
      return runWork(env, systemPrincipal(tenantId, 'classroom-join'), metaOf(request), (work) =>
        joinSession(work, body),
      );
    },
  );
  serve({
    method: 'POST',
    url: CLASSROOM_PATHS.token,
    summary: 'Renew a participant token while its session lives',
    response: { status: 200, description: 'A fresh token', schema: tokenView },
    run: (work) => renewParticipantToken(work),
  });
}
