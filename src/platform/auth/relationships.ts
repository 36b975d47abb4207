/**
 * The policy engine's relationship questions, answered from the Ed-Fi enrollment and staffing tables,
 * the classroom sessions of seed 000 and identity.account_students. Every query runs in the caller's
 * tenantTransaction (`tx`), so row-level security confines it to the tenant; answers are memoised for
 * the life of the resolver (one unit of work), since a list decision asks the same questions often.
 *
 * "Current" relationships only: an enrollment, section assignment or school association that ended
 * (end/exit date before `on`) no longer gives access. Begin dates are not checked, so a teacher can
 * prepare for sections that start next term.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/database.js';
import type { Tx } from '../db/transaction.js';
import type { RelationshipResolver, SectionKey } from './policy.js';

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
// A malformed id must answer "no", not abort the caller's transaction with a cast error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (...ids: string[]) => ids.every((id) => UUID.test(id));
const int4 = (...ns: number[]) => ns.every((n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647);
const no = () => Promise.resolve(false);

export function createRelationshipResolver(tx: Tx): RelationshipResolver {
  const memo = new Map<string, Promise<boolean>>();
  const exists = (key: string, query: SQL): Promise<boolean> => {
    let answer = memo.get(key);
    if (!answer) {
      answer = tx.execute(sql`SELECT EXISTS (${query}) AS ok`).then((r) => rowsOf<{ ok: boolean }>(r)[0]?.ok === true);
      memo.set(key, answer);
    }
    return answer;
  };

  return {
    studentAttendsSchool(studentUsi, schoolIds, on) {
      if (schoolIds.length === 0 || !int4(studentUsi, ...schoolIds)) return no();
      const day = isoDate(on);
      return exists(
        `attends:${studentUsi}:${[...schoolIds].sort().join(',')}:${day}`,
        sql`SELECT 1 FROM edfi.studentschoolassociation
             WHERE studentusi = ${studentUsi}
               AND schoolid IN (${sql.join(
                 schoolIds.map((id) => sql`${id}`),
                 sql`, `,
               )})
               AND (exitwithdrawdate IS NULL OR exitwithdrawdate >= ${day}::date)`,
      );
    },

    studentInStaffSections(studentUsi, staffUsi, on) {
      if (!int4(studentUsi, staffUsi)) return no();
      const day = isoDate(on);
      return exists(
        `in-sections:${studentUsi}:${staffUsi}:${day}`,
        sql`SELECT 1 FROM edfi.studentsectionassociation ssa
              JOIN edfi.staffsectionassociation sta
                ON sta.tenant_id = ssa.tenant_id AND sta.sectionidentifier = ssa.sectionidentifier
               AND sta.localcoursecode = ssa.localcoursecode AND sta.schoolid = ssa.schoolid AND sta.schoolyear = ssa.schoolyear
             WHERE ssa.studentusi = ${studentUsi} AND sta.staffusi = ${staffUsi}
               AND (ssa.enddate IS NULL OR ssa.enddate >= ${day}::date)
               AND (sta.enddate IS NULL OR sta.enddate >= ${day}::date)`,
      );
    },

    staffTeachesSection(staffUsi, section: SectionKey, on) {
      if (
        !int4(staffUsi, section.schoolId) ||
        !Number.isInteger(section.schoolYear) ||
        Math.abs(section.schoolYear) > 32767
      )
        return no();
      const day = isoDate(on);
      return exists(
        `teaches:${staffUsi}:${section.sectionIdentifier}:${section.localCourseCode}:${section.schoolId}:${section.schoolYear}:${day}`,
        sql`SELECT 1 FROM edfi.staffsectionassociation
             WHERE staffusi = ${staffUsi} AND sectionidentifier = ${section.sectionIdentifier}
               AND localcoursecode = ${section.localCourseCode} AND schoolid = ${section.schoolId} AND schoolyear = ${section.schoolYear}
               AND (enddate IS NULL OR enddate >= ${day}::date)`,
      );
    },

    accountLinkedToStudent(accountId, studentUsi, relations) {
      if (relations.length === 0 || !uuids(accountId) || !int4(studentUsi)) return no();
      return exists(
        `linked:${accountId}:${studentUsi}:${[...relations].sort().join(',')}`,
        sql`SELECT 1 FROM identity.account_students
             WHERE account_id = ${accountId}::uuid AND student_usi = ${studentUsi}
               AND relation IN (${sql.join(
                 relations.map((r) => sql`${r}`),
                 sql`, `,
               )})`,
      );
    },

    classroomSessionTaughtBy(sessionId, classroomTeacherId) {
      if (!uuids(sessionId, classroomTeacherId)) return no();
      return exists(
        `session:${sessionId}:${classroomTeacherId}`,
        sql`SELECT 1 FROM sessions.classroom_sessions WHERE id = ${sessionId}::uuid AND teacher_id = ${classroomTeacherId}::uuid`,
      );
    },

    classroomStudentInTeacherSessions(classroomStudentId, classroomTeacherId) {
      if (!uuids(classroomStudentId, classroomTeacherId)) return no();
      // A student is in a session when grouped into it or recorded as a participant.
      return exists(
        `session-student:${classroomStudentId}:${classroomTeacherId}`,
        sql`SELECT 1 FROM sessions.classroom_sessions cs
             WHERE cs.teacher_id = ${classroomTeacherId}::uuid
               AND (EXISTS (SELECT 1 FROM sessions.student_group_members m
                             WHERE m.tenant_id = cs.tenant_id AND m.session_id = cs.id AND m.student_id = ${classroomStudentId}::uuid)
                 OR EXISTS (SELECT 1 FROM sessions.participants p
                             WHERE p.tenant_id = cs.tenant_id AND p.session_id = cs.id AND p.student_id = ${classroomStudentId}::uuid))`,
      );
    },
  };
}
