/**
 * Read for payroll (finance): the class sessions a teacher actually taught in a period — sessions of
 * the classes they teach, dated in the period, marked completed — with their length and how many
 * students attended (present or late).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Work } from '../../platform/service/work.js';

export interface TaughtSession {
  sessionId: string;
  classId: string;
  className: string | null;
  date: string;
  hours: number;
  studentsPresent: number;
}

export async function taughtSessions(
  work: Work,
  query: { teacherId: string; from: string; to: string; organizationId?: string },
): Promise<TaughtSession[]> {
  const result = await work.tx.execute(sql`
    SELECT s.id AS session_id, c.id AS class_id, c.name AS class_name, s.date::text AS date,
           coalesce(extract(epoch FROM (s.end_time - s.start_time)) / 3600.0, 0)::float8 AS hours,
           (SELECT count(*) FROM school_ops.attendance a
             WHERE a.tenant_id = s.tenant_id AND a.session_id = s.id AND a.status IN ('present', 'late'))::int
             AS students_present
      FROM school_ops.sessions s
      JOIN school_ops.classes c ON c.tenant_id = s.tenant_id AND c.id = s.class_id
     WHERE s.tenant_id = ${work.tenantId} AND c.teacher_id = ${query.teacherId}
       AND s.status = 'completed' AND s.date BETWEEN ${query.from} AND ${query.to}
       ${query.organizationId ? sql`AND c.organization_id = ${query.organizationId}` : sql``}
     ORDER BY s.date, s.start_time`);
  return rowsOf<{
    session_id: string;
    class_id: string;
    class_name: string | null;
    date: string;
    hours: number;
    students_present: number;
  }>(result).map((r) => ({
    sessionId: r.session_id,
    classId: r.class_id,
    className: r.class_name,
    date: r.date,
    hours: Number(r.hours),
    studentsPresent: Number(r.students_present),
  }));
}
