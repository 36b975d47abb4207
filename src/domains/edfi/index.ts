/**
 * The Ed-Fi domain's public entry: the K-12 record (Ed-Fi 5.2 tables) as other domains may use it.
 * The standards bindings (src/standards/edfi) serve the same tables over the Ed-Fi API.
 */
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import type { DomainModule } from '../../platform/service/module.js';
import { ATTENDANCE_PATHS, attendanceRoutes } from './attendance/routes.js';
import { DISCIPLINE_PATHS, disciplineRoutes } from './discipline/routes.js';
import { GRADES_PATHS, gradesRoutes } from './grades/routes.js';
import {
  courseTranscript,
  grade,
  gradebookCategory,
  gradebookEntry,
  schoolGradingPolicy,
  studentGradebookEntry,
  disciplineAction,
  disciplineIncident,
  schoolAttendanceRule,
  student,
  studentDisciplineIncidentAssociation,
  studentDisciplineIncidentBehaviorAssociation,
  studentSchoolAttendanceEvent,
  studentSectionAttendanceEvent,
} from './tables.js';

/** The student's birth date (YYYY-MM-DD), null when not recorded, undefined when no such student. */
export async function studentBirthDate(tx: Tx, studentUniqueId: string): Promise<string | null | undefined> {
  const [row] = await tx
    .select({ birthDate: student.birthDate })
    .from(student)
    .where(eq(student.studentUniqueId, studentUniqueId));
  return row ? row.birthDate : undefined;
}

/**
 * A student by their studentUniqueId (the id other systems such as two-hour learning hold): the USI
 * and the grade level (GradeLevelDescriptor code value) of their latest school enrollment, if any.
 */
export async function studentByUniqueId(
  tx: Tx,
  studentUniqueId: string,
): Promise<{ studentUsi: number; gradeLevel: string | null } | undefined> {
  const rows = rowsOf<{ studentusi: number; grade: string | null }>(
    await tx.execute(sql`
      SELECT s.studentusi, (SELECT d.codevalue FROM edfi.studentschoolassociation a
                              JOIN edfi.descriptor d ON d.descriptorid = a.entrygradeleveldescriptorid
                             WHERE a.tenant_id = s.tenant_id AND a.studentusi = s.studentusi
                             ORDER BY a.entrydate DESC LIMIT 1) AS grade
        FROM edfi.student s WHERE s.studentuniqueid = ${studentUniqueId}`),
  );
  const row = rows[0];
  return row ? { studentUsi: Number(row.studentusi), gradeLevel: row.grade } : undefined;
}

/** The student's studentUniqueId by their USI; undefined when no such student. */
export async function studentUniqueIdOf(tx: Tx, studentUsi: number): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: student.studentUniqueId })
    .from(student)
    .where(eq(student.studentUSI, studentUsi));
  return row?.id;
}

export { k12RelationshipSets } from './relationships.js';

export { sectionAttendance, takeSectionAttendance } from './attendance/service.js';
export { attendanceRates, chronicAbsence, setDailyRule, studentAttendance } from './attendance/reports.js';
export { ATTENDANCE_MARKS, ATTENDANCE_RULES, type AttendanceMark } from './attendance/schemas.js';

export { disciplineCounts, disciplineIncidents, recordIncident } from './discipline/service.js';

export { registerGradebookProjection, type GradebookProjector } from './grades/projection-hook.js';
export { classRank, studentGrades } from './grades/gpa.js';
export { setCategories } from './grades/categories.js';
export { createEntry, updateEntry } from './grades/entries.js';
export { sectionGradebook } from './grades/gradebook.js';
export { recordScores } from './grades/scores.js';
export { commentGrade, overrideGrade } from './grades/grade-edits.js';
export { computeGrades, computeSchoolGrades, computeSectionGrades, sectionGrades } from './grades/grades.js';
export { courseGpaLevels, setCourseGpaLevel } from './grades/course-level.js';
export { gradingPolicy, setGradingPolicy } from './grades/policy.js';
export { GRADING_DEFAULTS, HIGH_SCHOOL_GRADE_LEVELS } from './grades/schemas.js';
export { gpa, levelFor, periodGrade } from './grades/rules.js';

const recordIncidentVia = [`POST ${DISCIPLINE_PATHS.incidents}`];

/**
 * The Ed-Fi domain's services (attendance, discipline, gradebook and grades): the tables only they write through
 * /api/v1. The Ed-Fi API (src/standards/edfi) keeps writing the same tables for systems of record (SIS sync).
 */
export const edfiModule: DomainModule = {
  name: 'edfi',
  owns: [
    { table: studentSectionAttendanceEvent, writeVia: [`PUT ${ATTENDANCE_PATHS.sectionDay}`] },
    {
      table: studentSchoolAttendanceEvent,
      writeVia: [`PUT ${ATTENDANCE_PATHS.sectionDay} (derived from section attendance)`],
    },
    { table: schoolAttendanceRule, writeVia: [`PUT ${ATTENDANCE_PATHS.dailyRule}`] },
    ...[
      disciplineIncident,
      studentDisciplineIncidentAssociation,
      studentDisciplineIncidentBehaviorAssociation,
      disciplineAction,
    ].map((table) => ({ table, writeVia: recordIncidentVia })),
    { table: gradebookCategory, writeVia: [`PUT ${GRADES_PATHS.categories}`] },
    {
      table: gradebookEntry,
      writeVia: [`POST ${GRADES_PATHS.entries}`, `PATCH ${GRADES_PATHS.entry}`, 'the Ed-Fi API (gradebookEntries)'],
    },
    {
      table: studentGradebookEntry,
      writeVia: [`PUT ${GRADES_PATHS.scores}`, 'the Ed-Fi API (studentGradebookEntries)'],
    },
    {
      table: grade,
      writeVia: [`POST ${GRADES_PATHS.compute}`, `PUT ${GRADES_PATHS.override}`, `PUT ${GRADES_PATHS.comment}`],
    },
    { table: courseTranscript, writeVia: [`POST ${GRADES_PATHS.compute} (final)`] },
    { table: schoolGradingPolicy, writeVia: [`PUT ${GRADES_PATHS.policy}`] },
  ],
  register(app) {
    attendanceRoutes(app);
    disciplineRoutes(app);
    gradesRoutes(app);
  },
};
