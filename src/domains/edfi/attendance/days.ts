/**
 * The days a section's attendance can be taken: instructional days of the school calendar on which
 * students are enrolled in the section, latest first, each saying whether attendance was taken. The
 * teacher's screen opens on the latest one (today on a school day) and lists the recent ones.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { studentSectionAttendanceEvent } from '../tables.js';
import { ATTENDANCE_RULES, attendanceDaysQuery } from './schemas.js';
import { sectionById, sectionKeysOf } from './sections.js';

export async function attendanceDays(work: Work, sectionId: string, query: unknown) {
  const { onOrBefore, limit } = parseInput(attendanceDaysQuery, query);
  const section = await sectionById(work, sectionId);
  await work.authorize(studentSectionAttendanceEvent, 'read', { sectionKeys: sectionKeysOf(section) });
  const rows = rowsOf<{ date: string; enrolled: number | string; taken: boolean }>(
    await work.tx.execute(sql`
      WITH instructional AS (
        SELECT DISTINCT e.date FROM edfi.calendardatecalendarevent e
          JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
         WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${section.schoolId}
           AND e.schoolyear = ${section.schoolYear} AND e.date <= ${onOrBefore}::date
           AND lower(d.codevalue) IN (${sql.join(
             ATTENDANCE_RULES.instructionalEvents.map((c) => sql`${c.toLowerCase()}`),
             sql`, `,
           )})),
      counted AS (
        SELECT i.date,
               (SELECT count(DISTINCT ssa.studentusi) FROM edfi.studentsectionassociation ssa
                 WHERE ssa.tenant_id = ${work.tenantId} AND ssa.sectionidentifier = ${section.sectionIdentifier}
                   AND ssa.localcoursecode = ${section.localCourseCode} AND ssa.schoolid = ${section.schoolId}
                   AND ssa.schoolyear = ${section.schoolYear}
                   AND ssa.begindate <= i.date AND (ssa.enddate IS NULL OR ssa.enddate >= i.date)) AS enrolled,
               EXISTS (SELECT 1 FROM edfi.studentsectionattendanceevent a
                 WHERE a.tenant_id = ${work.tenantId} AND a.sectionidentifier = ${section.sectionIdentifier}
                   AND a.localcoursecode = ${section.localCourseCode} AND a.schoolid = ${section.schoolId}
                   AND a.schoolyear = ${section.schoolYear} AND a.eventdate = i.date) AS taken
          FROM instructional i)
      SELECT date::text AS date, enrolled, taken FROM counted WHERE enrolled > 0 ORDER BY date DESC LIMIT ${limit}`),
  );
  return {
    sectionId: section.id,
    days: rows.map((r) => ({ date: r.date, enrolled: Number(r.enrolled), taken: Boolean(r.taken) })),
  };
}
