/**
 * Who may do what with a live session (issue 16):
 * - the teacher who runs it (account linked to users.teachers) controls it: lifecycle, settings, groups;
 * - a district administrator sees every session of the tenant; a school administrator those of their
 *   schools (users.schools.edfi_school_id ∈ their Ed-Fi school ids); both read only;
 * - a participant token reaches its own session (read) and acts in its own group only;
 * - everyone else (parents included) reaches nothing live.
 * The policy engine is asked first for the table (role × classification × relationship), so the
 * tenant's access policies still decide; the rules above narrow what it allows.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Work } from '../../../platform/service/work.js';
import { classroomSessions, schools } from '../tables.js';

export type SessionRow = typeof classroomSessions.$inferSelect;
export type Reach = 'control' | 'read' | 'participant';

const notFound = (id: string) => new AppError('not_found', `No classroom session ${id}.`);

export async function loadSession(work: Work, id: string, options: { lock?: boolean } = {}): Promise<SessionRow> {
  const query = work.tx
    .select()
    .from(classroomSessions)
    .where(and(eq(classroomSessions.tenantId, work.tenantId), eq(classroomSessions.id, id)));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound(id);
  return row;
}

/** The caller's reach over `session`, or 403 (404 for a participant of another session: it learns nothing). */
export async function reachOf(work: Work, session: SessionRow): Promise<Reach> {
  const p = work.principal;
  if (p.participant) {
    if (p.participant.sessionId !== session.id) throw notFound(session.id);
    return 'participant';
  }
  if (p.roles.includes('teacher') && p.person?.classroomTeacherId === session.teacherId) {
    await work.authorize(classroomSessions, 'write', { classroomSessionId: session.id });
    return 'control';
  }
  if (p.roles.includes('district_admin')) {
    await work.authorize(classroomSessions, 'read', { classroomSessionId: session.id });
    return 'read';
  }
  if (p.roles.includes('school_admin') && session.schoolId && p.schoolIds) {
    await work.authorize(classroomSessions, 'read');
    const [school] = await work.tx
      .select({ edfiSchoolId: schools.edfiSchoolId })
      .from(schools)
      .where(and(eq(schools.tenantId, work.tenantId), eq(schools.id, session.schoolId)));
    if (school?.edfiSchoolId != null && p.schoolIds.includes(school.edfiSchoolId)) return 'read';
  }
  throw new AppError('forbidden', 'Only the teacher who runs this session (or an administrator, to read) reaches it.');
}

/** 403 unless the caller controls the session (its teacher). */
export async function requireControl(work: Work, session: SessionRow): Promise<void> {
  if ((await reachOf(work, session)) !== 'control')
    throw new AppError('forbidden', 'Only the teacher who runs this session may change it.');
}

/** The classroom teacher the caller is, for creating sessions. */
export function teacherOf(principal: Principal): string | undefined {
  return principal.roles.includes('teacher') ? principal.person?.classroomTeacherId : undefined;
}
