/**
 * The directory's reads. Every list goes through the caller's reach (`work.readScope`) over the table
 * that names the people or sections, applied inside a CTE over that one table (as the generic API
 * confines its lists): a teacher sees the students of their sections, a parent their children, a
 * school administrator their schools, a district administrator the tenant. A student or section out
 * of reach answers 404, exactly like one that does not exist.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Work } from '../../platform/service/work.js';
import type { SectionSummary, StudentProfile } from './schemas.js';
import { all, str, type Row } from './sql-values.js';

/** Sections (already confined by `where`) with school, course, roster size and teachers. */
export async function sectionsWhere(work: Work, where: SQL): Promise<SectionSummary[]> {
  const reach = await work.readScope('edfi.section');
  const result = await work.tx.execute(sql`
    WITH visible AS (SELECT * FROM edfi.section WHERE ${all(reach)})
    SELECT s.id, s.sectionidentifier, s.sectionname, s.schoolid, s.sessionname, co.localcoursetitle,
           eo.nameofinstitution AS school_name,
           (SELECT count(*)::int FROM edfi.studentsectionassociation a
             WHERE a.tenant_id = s.tenant_id AND a.sectionidentifier = s.sectionidentifier
               AND a.localcoursecode = s.localcoursecode AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear)
             AS student_count,
           ARRAY(SELECT st.firstname || ' ' || st.lastsurname FROM edfi.staffsectionassociation t
                   JOIN edfi.staff st ON st.tenant_id = t.tenant_id AND st.staffusi = t.staffusi
                  WHERE t.tenant_id = s.tenant_id AND t.sectionidentifier = s.sectionidentifier
                    AND t.localcoursecode = s.localcoursecode AND t.schoolid = s.schoolid
                    AND t.schoolyear = s.schoolyear
                  ORDER BY st.lastsurname, st.firstname) AS teachers
      FROM visible s
      LEFT JOIN edfi.courseoffering co ON co.tenant_id = s.tenant_id AND co.localcoursecode = s.localcoursecode
           AND co.schoolid = s.schoolid AND co.schoolyear = s.schoolyear AND co.sessionname = s.sessionname
      LEFT JOIN edfi.educationorganization eo ON eo.tenant_id = s.tenant_id AND eo.educationorganizationid = s.schoolid
     WHERE ${where}
     ORDER BY eo.nameofinstitution, s.sectionname, s.sectionidentifier`);
  return rowsOf<Row>(result).map((r) => ({
    id: String(r.id),
    sectionIdentifier: String(r.sectionidentifier),
    name: String(r.sectionname ?? r.localcoursetitle ?? r.sectionidentifier),
    courseTitle: str(r.localcoursetitle),
    schoolId: Number(r.schoolid),
    schoolName: String(r.school_name ?? r.schoolid),
    sessionName: String(r.sessionname),
    studentCount: Number(r.student_count),
    teachers: (r.teachers as string[] | null) ?? [],
  }));
}

/** The sections a student is enrolled in. */
const sectionsOfStudent = (usi: number) => sql`EXISTS (SELECT 1 FROM edfi.studentsectionassociation a
  WHERE a.tenant_id = s.tenant_id AND a.studentusi = ${usi} AND a.sectionidentifier = s.sectionidentifier
    AND a.localcoursecode = s.localcoursecode AND a.schoolid = s.schoolid AND a.schoolyear = s.schoolyear)`;

/** The signed-in teacher's sections (their Ed-Fi staff record's section assignments). */
export async function mySections(work: Work): Promise<SectionSummary[]> {
  const staffUsi = work.principal.person?.edfiStaffUSI;
  if (staffUsi === undefined) return [];
  return sectionsWhere(
    work,
    sql`EXISTS (SELECT 1 FROM edfi.staffsectionassociation t WHERE t.tenant_id = s.tenant_id
      AND t.staffusi = ${staffUsi}
      AND t.sectionidentifier = s.sectionidentifier AND t.localcoursecode = s.localcoursecode
      AND t.schoolid = s.schoolid AND t.schoolyear = s.schoolyear)`,
  );
}

/** The signed-in student's classes. */
export async function myClasses(work: Work): Promise<SectionSummary[]> {
  const usi = work.principal.person?.edfiStudentUSI;
  return usi === undefined ? [] : sectionsWhere(work, sectionsOfStudent(usi));
}

/** Students within reach, with their current school and grade (`where` on `st`). */
async function studentsWhere(work: Work, where: SQL, limit = 5000): Promise<Row[]> {
  const reach = await work.readScope('edfi.student');
  const result = await work.tx.execute(sql`
    WITH visible AS (SELECT * FROM edfi.student WHERE ${all(reach)})
    SELECT st.studentusi, st.studentuniqueid, st.firstname, st.lastsurname, st.birthdate::text AS birthdate,
           enr.schoolid, enr.school_name, enr.grade_level
      FROM visible st
      LEFT JOIN LATERAL (
        SELECT ssa.schoolid, eo.nameofinstitution AS school_name, d.codevalue AS grade_level
          FROM edfi.studentschoolassociation ssa
          LEFT JOIN edfi.educationorganization eo ON eo.tenant_id = ssa.tenant_id
            AND eo.educationorganizationid = ssa.schoolid
          LEFT JOIN edfi.descriptor d ON d.descriptorid = ssa.entrygradeleveldescriptorid
         WHERE ssa.tenant_id = st.tenant_id AND ssa.studentusi = st.studentusi
         ORDER BY ssa.exitwithdrawdate IS NULL DESC, ssa.entrydate DESC
         LIMIT 1) enr ON TRUE
     WHERE ${where}
     ORDER BY st.lastsurname, st.firstname, st.studentusi
     LIMIT ${limit}`);
  return rowsOf<Row>(result);
}

/** A section's roster, when the caller may see the section. */
export async function sectionRoster(work: Work, sectionId: string) {
  const [section] = await sectionsWhere(work, sql`s.id = ${sectionId}::uuid`);
  if (!section) throw new AppError('not_found', 'No such section.');
  const rows = await studentsWhere(
    work,
    sql`EXISTS (SELECT 1 FROM edfi.studentsectionassociation a JOIN edfi.section x ON x.tenant_id = a.tenant_id
          AND x.sectionidentifier = a.sectionidentifier AND x.localcoursecode = a.localcoursecode
          AND x.schoolid = a.schoolid AND x.schoolyear = a.schoolyear
        WHERE a.tenant_id = st.tenant_id AND a.studentusi = st.studentusi AND x.id = ${sectionId}::uuid)`,
  );
  return {
    section,
    students: rows.map((r) => ({
      studentUsi: Number(r.studentusi),
      studentUniqueId: String(r.studentuniqueid),
      firstName: String(r.firstname),
      lastSurname: String(r.lastsurname),
      gradeLevel: str(r.grade_level),
    })),
  };
}

async function profiles(work: Work, rows: Row[]): Promise<StudentProfile[]> {
  const out: StudentProfile[] = [];
  for (const r of rows) {
    const usi = Number(r.studentusi);
    out.push({
      studentUsi: usi,
      studentUniqueId: String(r.studentuniqueid),
      firstName: String(r.firstname),
      lastSurname: String(r.lastsurname),
      birthDate: String(r.birthdate),
      gradeLevel: str(r.grade_level),
      schoolId: r.schoolid == null ? null : Number(r.schoolid),
      schoolName: str(r.school_name),
      sections: await sectionsWhere(work, sectionsOfStudent(usi)),
    });
  }
  return out;
}

/** One student's profile (school, grade, sections), when within the caller's reach. */
export async function studentProfile(work: Work, studentUsi: number): Promise<StudentProfile> {
  const [profile] = await profiles(work, await studentsWhere(work, sql`st.studentusi = ${studentUsi}`, 1));
  if (!profile) throw new AppError('not_found', 'No such student.');
  return profile;
}

/** A parent's children: the students their account is linked to (the policy engine's "own children"). */
export async function myChildren(work: Work): Promise<StudentProfile[]> {
  if (!work.principal.roles.includes('parent')) return [];
  return profiles(work, await studentsWhere(work, sql`TRUE`, 20));
}
