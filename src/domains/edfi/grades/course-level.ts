/**
 * A course's GPA level (regular, honors, AP): the weighted GPA adds the school's add-on for it
 * (policy.ts) to a passing grade's points. The level lives on the course (edfi.course, a Schola
 * extension); a final grade stamps it on the course transcript row, so it counts for final grades
 * computed (or overridden) from then on — recomputing a section's final grades restamps its rows.
 *
 * A course is in a school's catalog or in its district's. A school administrator may set the level
 * of their school's own courses; a course of the district's catalog is offered by other schools too,
 * so only someone with district-wide reach (the district administrator) may change it.
 *
 * Honors and AP are high-school levels: a weighted level is refused (422, naming `level`) unless every
 * school offering the course — and the school it is set through — serves a grade from 9 to 12 (its Ed-Fi
 * school grade levels). A district course taught in an elementary school stays regular everywhere, since
 * the level lives on the one course row all its schools share. The other way round, an offering of an honors or
 * AP course at a school without such a grade is refused by the database (400 naming `schoolid`).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { course } from '../tables.js';
import { gradesErrors } from './errors.js';
import {
  courseGpaLevelInput,
  HIGH_SCHOOL_GRADE_LEVELS,
  type CourseGpaLevelView,
  type SchoolCoursesView,
} from './schemas.js';

type Level = CourseGpaLevelView['level'];

/** SQL: whether school `schoolIdSql` serves a high-school grade (a correlated condition). */
const servesHighSchoolGrade = (schoolIdSql: ReturnType<typeof sql>) => sql`EXISTS (
  SELECT 1 FROM edfi.schoolgradelevel g JOIN edfi.descriptor d ON d.descriptorid = g.gradeleveldescriptorid
   WHERE g.tenant_id = ${sql.raw('c.tenant_id')} AND g.schoolid = ${schoolIdSql}
     AND d.codevalue IN (${sql.join(
       HIGH_SCHOOL_GRADE_LEVELS.map((x) => sql`${x}`),
       sql`, `,
     )}))`;

/**
 * The schools (the one the level is set through, and every school offering the course) that serve no
 * high-school grade; runs with the course row locked, so the answer holds until the update commits
 * against a concurrent level change. A new offering (Ed-Fi API, interchange) is checked by the database
 * (migration 0039: a trigger reading the course FOR SHARE), so a level change and an offering racing it
 * queue on the course row and never both pass.
 */
async function schoolsWithoutHighSchoolGrades(
  work: Work,
  schoolId: number,
  courseCode: string,
  edorg: number,
): Promise<number[]> {
  const rows = rowsOf<{ schoolid: number }>(
    await work.tx.execute(sql`
      SELECT x.schoolid FROM edfi.course c
       CROSS JOIN LATERAL (
             SELECT ${schoolId}::int AS schoolid
             UNION SELECT o.schoolid FROM edfi.courseoffering o
              WHERE o.tenant_id = c.tenant_id AND o.coursecode = c.coursecode
                AND o.educationorganizationid = c.educationorganizationid) x
       WHERE c.tenant_id = ${work.tenantId} AND c.coursecode = ${courseCode}
         AND c.educationorganizationid = ${edorg}
         AND NOT ${servesHighSchoolGrade(sql.raw('x.schoolid'))}
       ORDER BY x.schoolid`),
  );
  return rows.map((r) => Number(r.schoolid));
}

/** Sets the level of a course the school owns or offers; audited when it changes. */
export async function setCourseGpaLevel(
  work: Work,
  schoolId: number,
  courseCode: string,
  input: unknown,
): Promise<CourseGpaLevelView> {
  const { level } = parseInput(courseGpaLevelInput, input);
  await work.authorize(course, 'write', { schoolId });
  // The school's own course first, else the (district) course it offers; locked until the update.
  const [row] = rowsOf<{ edorg: number; title: string; level: Level }>(
    await work.tx.execute(sql`
      SELECT c.educationorganizationid AS edorg, c.coursetitle AS title, c.gpalevel AS level
        FROM edfi.course c
       WHERE c.tenant_id = ${work.tenantId} AND c.coursecode = ${courseCode}
         AND (c.educationorganizationid = ${schoolId} OR EXISTS (
               SELECT 1 FROM edfi.courseoffering o
                WHERE o.tenant_id = c.tenant_id AND o.schoolid = ${schoolId} AND o.coursecode = c.coursecode
                  AND o.educationorganizationid = c.educationorganizationid))
       ORDER BY (c.educationorganizationid = ${schoolId}) DESC, c.educationorganizationid
       LIMIT 1
         FOR UPDATE OF c`),
  );
  if (!row) throw new AppError('not_found', `School ${schoolId} has no course ${courseCode}.`);
  const edorg = Number(row.edorg);
  if (edorg !== schoolId) {
    try {
      // No school named: only a tenant-wide grant (the district's) passes.
      await work.authorize(course, 'write');
    } catch (error) {
      if (error instanceof AppError && error.code === 'forbidden')
        throw new AppError(
          'forbidden',
          `Course ${courseCode} is in the catalog of education organization ${edorg}, shared by its schools: ` +
            'only a district administrator may change its GPA level.',
        );
      throw error;
    }
  }
  if (level !== 'regular') {
    const elsewhere = await schoolsWithoutHighSchoolGrades(work, schoolId, courseCode, edorg);
    if (elsewhere.length > 0)
      throw gradesErrors.weighted_level_needs_high_school(
        `Course ${courseCode} is offered at school${elsewhere.length > 1 ? 's' : ''} ${elsewhere.join(', ')} ` +
          `with no high-school grade (9–12): it cannot be ${level === 'ap' ? 'AP' : 'honors'}.`,
        { validationErrors: { level: ['honors and AP are for courses offered only at high schools (grades 9–12)'] } },
      );
  }
  const previousLevel = row.level;
  if (previousLevel !== level) {
    await work.tx.execute(sql`
      UPDATE edfi.course SET gpalevel = ${level}, lastmodifieddate = now()
       WHERE tenant_id = ${work.tenantId} AND coursecode = ${courseCode} AND educationorganizationid = ${edorg}`);
    await work.audit({
      table: course,
      recordId: `${edorg}:${courseCode}`,
      operation: 'UPDATE',
      oldValues: { gpaLevel: previousLevel },
      newValues: { gpaLevel: level },
    });
  }
  return { courseCode, educationOrganizationId: edorg, courseTitle: row.title, level, previousLevel };
}

/** Whether the caller may change a course of the district's catalog (a tenant-wide grant). */
async function mayChangeDistrictCourses(work: Work): Promise<boolean> {
  try {
    await work.authorize(course, 'write');
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return false;
    throw error;
  }
}

/** The courses of a school's catalog and the district courses it offers, with their GPA levels. */
export async function courseGpaLevels(work: Work, schoolId: number): Promise<SchoolCoursesView> {
  await work.authorize(course, 'read', { schoolId });
  const mayWrite = await work
    .authorize(course, 'write', { schoolId })
    .then(() => true)
    .catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'forbidden') return false;
      throw error;
    });
  const district = mayWrite && (await mayChangeDistrictCourses(work));
  const [school] = rowsOf<{ high: boolean }>(
    await work.tx.execute(sql`
      SELECT ${servesHighSchoolGrade(sql`${schoolId}`)} AS high
        FROM (SELECT ${work.tenantId}::uuid AS tenant_id) c`),
  );
  const rows = rowsOf<{ code: string; title: string; edorg: number; level: Level; sections: number }>(
    await work.tx.execute(sql`
      SELECT c.coursecode AS code, c.coursetitle AS title, c.educationorganizationid AS edorg, c.gpalevel AS level,
             (SELECT count(*)::int FROM edfi.section s JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id
                 AND o.localcoursecode = s.localcoursecode AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear
                 AND o.sessionname = s.sessionname
               WHERE o.tenant_id = c.tenant_id AND o.schoolid = ${schoolId} AND o.coursecode = c.coursecode
                 AND o.educationorganizationid = c.educationorganizationid) AS sections
        FROM edfi.course c
       WHERE c.tenant_id = ${work.tenantId}
         AND (c.educationorganizationid = ${schoolId} OR EXISTS (
               SELECT 1 FROM edfi.courseoffering o
                WHERE o.tenant_id = c.tenant_id AND o.schoolid = ${schoolId} AND o.coursecode = c.coursecode
                  AND o.educationorganizationid = c.educationorganizationid))
       ORDER BY c.coursetitle, c.coursecode, c.educationorganizationid`),
  );
  return {
    schoolId,
    highSchool: Boolean(school?.high),
    courses: rows.map((r) => {
      const own = Number(r.edorg) === schoolId;
      return {
        courseCode: r.code,
        courseTitle: r.title,
        educationOrganizationId: Number(r.edorg),
        schoolCatalog: own,
        level: r.level,
        sections: Number(r.sections),
        mayChange: own ? mayWrite : district,
      };
    }),
  };
}
