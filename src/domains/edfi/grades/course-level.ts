/**
 * A course's GPA level (regular, honors, AP): the weighted GPA adds the school's add-on for it
 * (policy.ts) to a passing grade's points. The level lives on the course (edfi.course, a Schola
 * extension); a final grade stamps it on the course transcript row, so it counts for final grades
 * computed (or overridden) from then on — recomputing a section's final grades restamps its rows.
 *
 * A course is in a school's catalog or in its district's. A school administrator may set the level
 * of their school's own courses; a course of the district's catalog is offered by other schools too,
 * so only someone with district-wide reach (the district administrator) may change it.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { course } from '../tables.js';
import { courseGpaLevelInput, type CourseGpaLevelView, type SchoolCoursesView } from './schemas.js';

type Level = CourseGpaLevelView['level'];

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
