/**
 * The policy engine's relationship facts: who teaches whom, who attends which school, whose child
 * is whom, whose classroom session is whose. The facts live in domain tables (Ed-Fi enrollment and
 * staffing, classroom sessions) and identity.account_students; each domain describes its facts once,
 * as SQL sets (`RelationshipSets`), and the composition root registers them (src/relationships.ts).
 * From the same sets the platform derives both the single-record answers (`value IN (set)`, here) and
 * the list conditions (policy-guard.ts), so a record is in a list exactly when it may be read alone.
 *
 * "Current" relationships only (`currentOn`): an enrollment, section assignment or school
 * association that ended before the day asked about no longer gives access. Begin dates are not
 * checked, so a teacher can prepare for sections that start next term.
 */
import type { TenantDb } from '../db/engine.js';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../db/database.js';
import type { RelationshipResolver, SectionKey } from './subject-relationship.js';

/** A dated association counts on `day` unless it ended before: the one "current" rule. */
export function currentOn(end: SQL, day: SQL): SQL {
  return sql`(${end} IS NULL OR ${end} >= ${day})`;
}

/** Today, as the SQL the list conditions compare with. */
export const TODAY: SQL = sql`CURRENT_DATE`;

/** Each member is a SELECT of one column (four for sections) within the caller's tenant. */
export interface RelationshipSets {
  /** Ed-Fi student USIs enrolled on `day` in one of the schools. */
  studentsOfSchools(schoolIds: readonly number[], day: SQL): SQL;
  /** Ed-Fi staff USIs associated with one of the schools. */
  staffOfSchools(schoolIds: readonly number[]): SQL;
  /** (sectionidentifier, localcoursecode, schoolid, schoolyear) of the sections a staff member teaches on `day`. */
  sectionsOfStaff(staffUsi: number, day: SQL): SQL;
  /** Ed-Fi student USIs enrolled on `day` in a section the staff member teaches. */
  studentsOfStaff(staffUsi: number, day: SQL): SQL;
  /** Ed-Fi student USIs linked to an account with one of the relations (parent, guardian, self). */
  studentsOfAccount(accountId: string, relations: readonly ('parent' | 'guardian' | 'self')[]): SQL;
  /** Classroom session ids a classroom teacher runs. */
  classroomSessionsOfTeacher(classroomTeacherId: string): SQL;
  /** Classroom student ids grouped into, or participating in, one of the teacher's sessions. */
  classroomStudentsOfTeacher(classroomTeacherId: string): SQL;
}

let registered: RelationshipSets | undefined;

/** Called once by the composition root (src/relationships.ts). */
export function registerRelationshipSets(sets: RelationshipSets): void {
  registered = sets;
}

export function relationshipSets(): RelationshipSets {
  if (!registered) throw new Error('No relationship sets registered: import src/schema.ts first.');
  return registered;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
// A malformed id must answer "no", not abort the caller's transaction with a cast error.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (...ids: string[]) => ids.every((id) => UUID.test(id));
const int4 = (...ns: number[]) => ns.every((n) => Number.isInteger(n) && n >= -2147483648 && n <= 2147483647);
const no = () => Promise.resolve(false);

/**
 * The relationship questions of one unit of work, answered through `db` (row-level security confines
 * them to the tenant) from the registered sets; answers are memoised for the unit of work, since a
 * decision about a list asks the same questions often.
 */
export function createRelationshipResolver(db: TenantDb): RelationshipResolver {
  const sets = relationshipSets();
  const memo = new Map<string, Promise<boolean>>();
  const member = (key: string, value: SQL, set: SQL): Promise<boolean> => {
    let answer = memo.get(key);
    if (!answer) {
      answer = db
        .execute(sql`SELECT ${value} IN (${set}) AS ok`)
        .then((r) => rowsOf<{ ok: boolean | null }>(r)[0]?.ok === true);
      memo.set(key, answer);
    }
    return answer;
  };
  const day = (on: Date) => sql`${isoDate(on)}::date`;

  return {
    studentAttendsSchool(studentUsi, schoolIds, on) {
      if (schoolIds.length === 0 || !int4(studentUsi, ...schoolIds)) return no();
      const key = `attends:${studentUsi}:${[...schoolIds].sort().join(',')}:${isoDate(on)}`;
      return member(key, sql`${studentUsi}::int`, sets.studentsOfSchools(schoolIds, day(on)));
    },
    studentInStaffSections(studentUsi, staffUsi, on) {
      if (!int4(studentUsi, staffUsi)) return no();
      const key = `in-sections:${studentUsi}:${staffUsi}:${isoDate(on)}`;
      return member(key, sql`${studentUsi}::int`, sets.studentsOfStaff(staffUsi, day(on)));
    },
    staffTeachesSection(staffUsi, section: SectionKey, on) {
      if (!int4(staffUsi, section.schoolId) || !Number.isInteger(section.schoolYear)) return no();
      if (Math.abs(section.schoolYear) > 32767) return no();
      const key = `teaches:${staffUsi}:${JSON.stringify(section)}:${isoDate(on)}`;
      const value = sql`(${section.sectionIdentifier}::text, ${section.localCourseCode}::text,
        ${section.schoolId}::int, ${section.schoolYear}::smallint)`;
      return member(key, value, sets.sectionsOfStaff(staffUsi, day(on)));
    },
    accountLinkedToStudent(accountId, studentUsi, relations) {
      if (relations.length === 0 || !uuids(accountId) || !int4(studentUsi)) return no();
      const key = `linked:${accountId}:${studentUsi}:${[...relations].sort().join(',')}`;
      return member(key, sql`${studentUsi}::int`, sets.studentsOfAccount(accountId, relations));
    },
    classroomSessionTaughtBy(sessionId, classroomTeacherId) {
      if (!uuids(sessionId, classroomTeacherId)) return no();
      const key = `session:${sessionId}:${classroomTeacherId}`;
      return member(key, sql`${sessionId}::uuid`, sets.classroomSessionsOfTeacher(classroomTeacherId));
    },
    classroomStudentInTeacherSessions(classroomStudentId, classroomTeacherId) {
      if (!uuids(classroomStudentId, classroomTeacherId)) return no();
      const key = `session-student:${classroomStudentId}:${classroomTeacherId}`;
      return member(key, sql`${classroomStudentId}::uuid`, sets.classroomStudentsOfTeacher(classroomTeacherId));
    },
  };
}
