/**
 * Consent before the classroom features that process a student's voice or behaviour (COPPA/FERPA):
 * a recording needs `audio_recording` consent, AI guidance computed for a group or session needs
 * `ai_analysis` consent, from every student it concerns. The consent service (compliance domain)
 * answers; a missing consent is a 403 `consent_required` naming it. Runs in the write's transaction,
 * so a revocation committed before takes effect immediately.
 */
import { sql } from 'drizzle-orm';
import { requireConsent } from '../compliance/index.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import type { WriteRule } from '../../platform/api/crud-routes.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (v: unknown) => (typeof v === 'string' && UUID.test(v) ? v : undefined);

/** The classroom students a recording or an AI insight concerns: the participant, else the group, else the session. */
async function studentsConcerned(tx: Tx, row: Record<string, unknown>): Promise<string[]> {
  const participant = id(row.participantId);
  const group = id(row.groupId);
  const session = id(row.sessionId);
  let query;
  if (participant)
    query = sql`SELECT student_id FROM sessions.participants WHERE id = ${participant}::uuid
      AND student_id IS NOT NULL`;
  else if (group) query = sql`SELECT student_id FROM sessions.student_group_members WHERE group_id = ${group}::uuid`;
  else if (session)
    query = sql`SELECT DISTINCT student_id FROM sessions.participants WHERE session_id = ${session}::uuid
      AND student_id IS NOT NULL`;
  else return [];
  return rowsOf<{ student_id: string }>(await tx.execute(query)).map((r) => r.student_id);
}

export const classroomConsentRule: WriteRule = async (tx, resource, row) => {
  const use =
    resource.entry.qualifiedName === 'audio.recordings'
      ? 'audio_recording'
      : resource.entry.qualifiedName === 'ai_insights.teacher_guidance_metrics'
        ? 'ai_analysis'
        : undefined;
  if (!use) return;
  for (const student of await studentsConcerned(tx, row))
    await requireConsent(tx, { use, classroomStudentId: student });
};
