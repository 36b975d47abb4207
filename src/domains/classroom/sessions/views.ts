/** Rows → the views the session operations answer. */
import { and, asc, eq } from 'drizzle-orm';
import type { Work } from '../../../platform/service/work.js';
import { studentGroups } from '../tables.js';
import type { SessionRow } from './access.js';
import type { GroupView, SessionView } from './schemas.js';

export type GroupRow = typeof studentGroups.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function groupView(row: GroupRow): GroupView {
  return {
    id: row.id,
    name: row.name,
    groupNumber: row.groupNumber,
    status: row.status,
    isReady: row.isReady,
    leaderId: row.leaderId,
    maxSize: row.maxSize,
    currentSize: row.currentSize ?? 0,
  };
}

export async function groupsOf(work: Work, sessionId: string, options: { lock?: boolean } = {}): Promise<GroupRow[]> {
  const query = work.tx
    .select()
    .from(studentGroups)
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.sessionId, sessionId)))
    .orderBy(asc(studentGroups.groupNumber), asc(studentGroups.id));
  return options.lock ? query.for('update') : query;
}

export function sessionView(row: SessionRow, groups: GroupRow[]): SessionView {
  return {
    id: row.id,
    title: row.title,
    goal: row.goal,
    subject: row.subject,
    status: row.status,
    accessCode: row.accessCode,
    teacherId: row.teacherId,
    recordingEnabled: row.recordingEnabled,
    transcriptionEnabled: row.transcriptionEnabled,
    aiAnalysisEnabled: row.aiAnalysisEnabled,
    dataRetentionDate: iso(row.dataRetentionDate),
    actualStart: iso(row.actualStart),
    actualEnd: iso(row.actualEnd),
    actualDurationMinutes: row.actualDurationMinutes,
    endReason: row.endReason,
    groups: groups.map(groupView),
  };
}
