/**
 * The sessions a person reaches, for their live view's list (issue 16 web): a teacher their own, a
 * district administrator the tenant's, a school administrator their schools'. Open sessions first
 * (created, active, paused), then the ended ones, newest first; archived sessions are left out.
 */
import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { classroomSessions, schools, studentGroups } from '../tables.js';
import { teacherOf } from './access.js';
import type { SessionSummaryView } from './schemas.js';

const LIMIT = 100;

async function scopeOf(work: Work): Promise<SQL | undefined> {
  const p = work.principal;
  const teacherId = teacherOf(p);
  if (teacherId) return eq(classroomSessions.teacherId, teacherId);
  if (p.roles.includes('district_admin')) return undefined;
  if (p.roles.includes('school_admin') && p.schoolIds?.length) {
    const mine = work.tx
      .select({ id: schools.id })
      .from(schools)
      .where(and(eq(schools.tenantId, work.tenantId), inArray(schools.edfiSchoolId, p.schoolIds)));
    return inArray(classroomSessions.schoolId, mine);
  }
  throw new AppError('forbidden', 'Only teachers and administrators have live sessions.');
}

export async function listSessions(work: Work): Promise<{ sessions: SessionSummaryView[] }> {
  await work.authorize(classroomSessions, 'read');
  const scope = await scopeOf(work);
  const groupCount = work.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(studentGroups)
    .where(and(eq(studentGroups.tenantId, work.tenantId), eq(studentGroups.sessionId, classroomSessions.id)));
  const rows = await work.tx
    .select({
      id: classroomSessions.id,
      title: classroomSessions.title,
      subject: classroomSessions.subject,
      status: classroomSessions.status,
      accessCode: classroomSessions.accessCode,
      scheduledStart: classroomSessions.scheduledStart,
      actualStart: classroomSessions.actualStart,
      actualEnd: classroomSessions.actualEnd,
      engagementScore: classroomSessions.engagementScore,
      groups: sql<number>`(${groupCount})`,
    })
    .from(classroomSessions)
    .where(and(eq(classroomSessions.tenantId, work.tenantId), ne(classroomSessions.status, 'archived'), scope))
    .orderBy(
      sql`CASE WHEN ${classroomSessions.status} IN ('active', 'paused', 'created') THEN 0 ELSE 1 END`,
      desc(sql`coalesce(${classroomSessions.actualStart}, ${classroomSessions.scheduledStart})`),
    )
    .limit(LIMIT);
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    sessions: rows.map((r) => ({
      ...r,
      accessCode: r.status === 'ended' ? null : r.accessCode,
      scheduledStart: iso(r.scheduledStart),
      actualStart: iso(r.actualStart),
      actualEnd: iso(r.actualEnd),
      engagementScore: r.engagementScore === null ? null : Number(r.engagementScore),
      groups: Number(r.groups),
    })),
  };
}
