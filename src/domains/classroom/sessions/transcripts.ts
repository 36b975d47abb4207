/**
 * A session's transcript: the lines the transcription of its recordings produced, kept in the
 * session's timeline (analytics.session_events, event type `transcript.line`, the live event's name)
 * at the time each was spoken. They are classroom data under retention: a district policy on
 * analytics.session_events matching that event type removes them when due (compliance domain).
 * Written by the transcription pipeline (a system principal) or the session's own teacher, and only
 * for a session with transcription on.
 */
import type { Work } from '../../../platform/service/work.js';
import { parseInput } from '../../../platform/service/routes.js';
import { sessionEvents } from '../tables.js';
import { loadSession, requireControl } from './access.js';
import { sessionErrors } from './errors.js';
import { CLASSROOM_EVENTS } from './events.js';
import { transcriptLinesInput, type TranscriptLinesInput } from './schemas.js';

/** The event type of a transcript line in the session's timeline. */
export const TRANSCRIPT_EVENT = CLASSROOM_EVENTS.transcriptLine;

/** Records lines of a session's transcript; how many. */
export async function recordTranscriptLines(
  work: Work,
  sessionId: string,
  input: TranscriptLinesInput,
): Promise<number> {
  const { lines } = parseInput(transcriptLinesInput, input);
  const session = await loadSession(work, sessionId);
  if (work.principal.kind !== 'system') await requireControl(work, session);
  await work.authorize(sessionEvents, 'write', { classroomSessionId: session.id });
  if (!session.transcriptionEnabled)
    throw sessionErrors.transcription_disabled(`Session ${session.id} does not transcribe: no transcript is kept.`);
  await work.tx.insert(sessionEvents).values(
    lines.map((line) => ({
      tenantId: work.tenantId,
      sessionId: session.id,
      teacherId: session.teacherId,
      eventType: TRANSCRIPT_EVENT,
      eventTime: line.at,
      payload: {
        speaker: line.speaker,
        text: line.text,
        participantId: line.participantId ?? null,
        groupId: line.groupId ?? null,
        recordingId: line.recordingId ?? null,
      },
    })),
  );
  // What a child said is student data: who recorded it is in the audit trail (the lines are not copied).
  await work.audit({
    table: sessionEvents,
    recordId: session.id,
    operation: 'INSERT',
    newValues: { transcriptLines: lines.length },
  });
  return lines.length;
}
