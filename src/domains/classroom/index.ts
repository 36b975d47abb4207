/**
 * The classroom (live discussion) domain's public entry: the live-session module (lifecycle, join by
 * code, groups, realtime channels, analytics) and the consent rules other parts of the server apply.
 */
import type { FastifyInstance } from 'fastify';
import type { DomainModule } from '../../platform/service/module.js';
import { classroomChannels } from './sessions/live.js';
import { CLASSROOM_PATHS, sessionRoutes } from './sessions/routes.js';
import { classroomSessions, participants, studentGroupMembers, studentGroups } from './tables.js';

export { classroomConsentRule } from './consent-rules.js';
export { recordParentalConsent, refreshConsentFlags, revokeParentalConsent } from './consent.js';
export { classroomRelationshipSets } from './relationships.js';
export { CLASSROOM_PATHS } from './sessions/routes.js';
export { CLASSROOM_EVENTS } from './sessions/events.js';
export { summarizeEndedSessions } from './sessions/analytics.js';
export { recordTranscriptLines, TRANSCRIPT_EVENT } from './sessions/transcripts.js';

/** The realtime endpoint's description in /openapi.json (a WebSocket is described in words). */
export const CLASSROOM_LIVE_DESCRIPTION =
  'WebSocket. Authenticate with the session cookie, a bearer token, or a participant token (header or ?token=). ' +
  'Send {"type":"subscribe","channel":"session:<id>"} (teacher, administrators) or ' +
  '{"type":"subscribe","channel":"group:<sessionId>:<groupId>"} (also the participants of that group); the answer ' +
  '{"type":"subscribed","snapshot":…} carries the current state, then {"type":"event","event":…,"data":…,"at":…} ' +
  'frames follow: session.status, group.status, participant.joined, participant.left, and (reserved) ' +
  'transcript.line, teacher.prompt, alert, analytics. {"type":"ping"} → {"type":"pong"}.';

const S = CLASSROOM_PATHS.sessions;

export const classroomModule: DomainModule = {
  name: 'classroom',
  owns: [
    {
      table: classroomSessions,
      writeVia: [
        `POST ${S}`,
        `PATCH ${S}/{id}`,
        `POST ${S}/{id}/start`,
        `POST ${S}/{id}/pause`,
        `POST ${S}/{id}/end`,
        `DELETE ${S}/{id} (archives)`,
      ],
    },
    {
      table: studentGroups,
      writeVia: [`POST ${S}`, `POST ${S}/{id}/groups`, `POST ${S}/{id}/groups/{groupId}/ready`],
    },
    { table: studentGroupMembers, writeVia: [`POST ${S}`, `POST ${S}/{id}/groups`, `POST ${S}/{id}/moves`] },
    {
      table: participants,
      writeVia: [`POST ${CLASSROOM_PATHS.join}`, `POST ${S}/{id}/moves`, `POST ${S}/{id}/leave`],
    },
  ],
  register(app: FastifyInstance) {
    sessionRoutes(app);
    if (app.hasDecorator('realtime')) for (const family of classroomChannels(app)) app.realtime.defineChannels(family);
  },
};
