/**
 * The live session's realtime events and timeline. Every status change is kept in the session's
 * timeline (analytics.session_events: the analytics read time in each status from it) and published,
 * after commit, to the realtime channels: `session:<id>` (the teacher's view of the whole session) and
 * `group:<sessionId>:<groupId>` (a student's view of their group). A group's events go to its own
 * channel and the session's; a session's status goes to every channel of the session.
 */
import type { Work } from '../../../platform/service/work.js';
import { sessionEvents } from '../tables.js';

export const sessionChannel = (sessionId: string) => `session:${sessionId}`;
export const groupChannel = (sessionId: string, groupId: string) => `group:${sessionId}:${groupId}`;

/** Event types on the live channels; the last four are reserved for the next issue (audio and AI). */
export const CLASSROOM_EVENTS = {
  sessionStatus: 'session.status',
  groupStatus: 'group.status',
  participantJoined: 'participant.joined',
  participantLeft: 'participant.left',
  participantMoved: 'participant.moved',
  /** A participant's message to its group (sent over the WebSocket; the teacher sees it too). */
  groupMessage: 'group.message',
  transcriptLine: 'transcript.line',
  teacherPrompt: 'teacher.prompt',
  alert: 'alert',
  analytics: 'analytics',
} as const;

/** Timeline entries the analytics read (event_type of analytics.session_events). */
export const TIMELINE = {
  sessionStatus: 'session.status',
  groupStatus: 'group.status',
  summary: 'session.summary',
} as const;

export async function recordTimeline(
  work: Work,
  session: { id: string; teacherId: string },
  eventType: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await work.tx.insert(sessionEvents).values({
    tenantId: work.tenantId,
    sessionId: session.id,
    teacherId: session.teacherId,
    eventType,
    eventTime: work.now,
    payload,
  });
}

export async function sessionStatusChanged(
  work: Work,
  session: { id: string; teacherId: string },
  from: string | null,
  to: string,
  groupIds: readonly string[],
): Promise<void> {
  await recordTimeline(work, session, TIMELINE.sessionStatus, { from, to });
  work.publish({
    channels: [sessionChannel(session.id), ...groupIds.map((g) => groupChannel(session.id, g))],
    type: CLASSROOM_EVENTS.sessionStatus,
    data: { sessionId: session.id, from, status: to },
  });
}

export async function groupStatusChanged(
  work: Work,
  session: { id: string; teacherId: string },
  groupId: string,
  from: string | null,
  to: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (from === to) return;
  await recordTimeline(work, session, TIMELINE.groupStatus, { groupId, from, to });
  work.publish({
    channels: [sessionChannel(session.id), groupChannel(session.id, groupId)],
    type: CLASSROOM_EVENTS.groupStatus,
    data: { sessionId: session.id, groupId, from, status: to, ...extra },
  });
}

export function participantEvent(
  work: Work,
  sessionId: string,
  groupId: string,
  type: (typeof CLASSROOM_EVENTS)['participantJoined' | 'participantLeft'],
  participant: { id: string; displayName: string | null },
): void {
  work.publish({
    channels: [sessionChannel(sessionId), groupChannel(sessionId, groupId)],
    type,
    data: { sessionId, groupId, participantId: participant.id, displayName: participant.displayName },
  });
}
