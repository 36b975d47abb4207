/** What every grades operation needs about a section: its keys, who may write it, its roster and periods. */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import { findSection, sectionKeysOf, type SectionRow as SectionLookupRow } from '../section-lookup.js';
import { gradebookEntry } from '../tables.js';
import { gradesErrors } from './errors.js';

/** A section with what grading needs of its course offering and course. */
export interface SectionRow extends SectionLookupRow {
  sessionName: string;
  courseCode: string;
  courseEdOrgId: number;
  courseTitle: string;
  credits: number | null;
}

export { sectionKeysOf };

/** SQL matching `alias`'s section key columns to the section. */
export const sameSection = (tenantId: string, s: SectionRow, alias: string) =>
  sql`${sql.raw(alias)}.tenant_id = ${tenantId}
    AND ${sql.raw(alias)}.sectionidentifier = ${s.sectionIdentifier}
    AND ${sql.raw(alias)}.localcoursecode = ${s.localCourseCode}
    AND ${sql.raw(alias)}.schoolid = ${s.schoolId} AND ${sql.raw(alias)}.schoolyear = ${s.schoolYear}`;

export function sectionById(work: Work, sectionId: string): Promise<SectionRow> {
  return findSection(work, sectionId, {
    query: sql`
        SELECT s.id, s.sectionidentifier, s.localcoursecode, s.schoolid, s.schoolyear, s.sectionname, s.sessionname,
               o.coursecode, o.educationorganizationid AS courseedorg,
               coalesce(o.localcoursetitle, c.coursetitle) AS title, s.availablecredits AS credits
          FROM edfi.section s
          JOIN edfi.courseoffering o ON o.tenant_id = s.tenant_id AND o.localcoursecode = s.localcoursecode
           AND o.schoolid = s.schoolid AND o.schoolyear = s.schoolyear AND o.sessionname = s.sessionname
          JOIN edfi.course c ON c.tenant_id = o.tenant_id AND c.coursecode = o.coursecode
           AND c.educationorganizationid = o.educationorganizationid
         WHERE s.tenant_id = ${work.tenantId} AND s.id = ${sectionId}::uuid`,
    more: (row) => ({
      sessionName: String(row.sessionname),
      courseCode: String(row.coursecode),
      courseEdOrgId: Number(row.courseedorg),
      courseTitle: String(row.title),
      credits: row.credits === null ? null : Number(row.credits),
    }),
  });
}

/**
 * The caller may keep the section's gradebook: the policy engine's decision, and for a teacher an
 * assignment to the section today.
 */
export async function authorizeGradebookWrite(work: Work, section: SectionRow, table: PgTable = gradebookEntry) {
  const decision = await work.authorize(table, 'write', { sectionKeys: sectionKeysOf(section) });
  if (decision.scope !== 'own_sections') return;
  const staff = work.principal.person?.edfiStaffUSI;
  const today = work.now.toISOString().slice(0, 10);
  const [row] =
    staff === undefined
      ? []
      : rowsOf(
          await work.tx.execute(sql`
            SELECT 1 FROM edfi.staffsectionassociation st
             WHERE ${sameSection(work.tenantId, section, 'st')} AND st.staffusi = ${staff}
               AND st.begindate <= ${today}::date AND (st.enddate IS NULL OR st.enddate >= ${today}::date)`),
        );
  if (!row) throw gradesErrors.not_teaching_section(`You are not assigned to section ${section.sectionIdentifier}.`);
}

export interface RosterStudent {
  studentUsi: number;
  studentUniqueId: string;
  name: string;
  /** The enrollment's begin date (the Ed-Fi Grade key). */
  beginDate: string;
}

/** The students enrolled in the section at some time in [from, to] (their latest enrollment). */
export async function rosterBetween(work: Work, section: SectionRow, from: string, to: string) {
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT DISTINCT ON (s.studentusi) s.studentusi, s.studentuniqueid, s.firstname, s.lastsurname,
             a.begindate::text AS begindate
        FROM edfi.studentsectionassociation a
        JOIN edfi.student s ON s.tenant_id = a.tenant_id AND s.studentusi = a.studentusi
       WHERE ${sameSection(work.tenantId, section, 'a')}
         AND a.begindate <= ${to}::date AND (a.enddate IS NULL OR a.enddate >= ${from}::date)
       ORDER BY s.studentusi, a.begindate DESC`),
  );
  return rows
    .map((r): RosterStudent => ({
      studentUsi: Number(r.studentusi),
      studentUniqueId: String(r.studentuniqueid),
      name: `${String(r.firstname)} ${String(r.lastsurname)}`,
      beginDate: String(r.begindate),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.studentUsi - b.studentUsi);
}

export interface PeriodRow {
  descriptorId: number;
  code: string;
  beginDate: string;
  endDate: string;
  sequence: number | null;
}

/** The grading periods of the section's school and year, in order. */
export async function gradingPeriodsOf(work: Work, section: SectionRow): Promise<PeriodRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT g.gradingperioddescriptorid AS id, d.codevalue AS code, g.begindate::text AS b, g.enddate::text AS e,
             g.periodsequence AS seq
        FROM edfi.gradingperiod g JOIN edfi.descriptor d ON d.descriptorid = g.gradingperioddescriptorid
       WHERE g.tenant_id = ${work.tenantId} AND g.schoolid = ${section.schoolId}
         AND g.schoolyear = ${section.schoolYear}
       ORDER BY g.begindate, g.periodsequence`),
  );
  return rows.map((r) => ({
    descriptorId: Number(r.id),
    code: String(r.code),
    beginDate: String(r.b),
    endDate: String(r.e),
    sequence: r.seq === null ? null : Number(r.seq),
  }));
}

export async function gradingPeriodOf(work: Work, section: SectionRow, code: string, field = 'gradingPeriod') {
  const periods = await gradingPeriodsOf(work, section);
  const period = periods.find((p) => p.code.toLowerCase() === code.toLowerCase());
  if (!period) {
    throw gradesErrors.unknown_grading_period(
      `School ${section.schoolId} has no grading period "${code}" in ${section.schoolYear}.`,
      { validationErrors: { [field]: [`must be one of ${periods.map((p) => p.code).join(', ') || '(none)'}`] } },
    );
  }
  return period;
}

/** A descriptor's id by type and code value (Ed-Fi's namespace preferred). */
export async function descriptorId(work: Work, type: string, code: string): Promise<number> {
  const [row] = rowsOf<{ id: number }>(
    await work.tx.execute(sql`
      SELECT descriptorid AS id FROM edfi.descriptor
       WHERE descriptortype = ${type} AND lower(codevalue) = ${code.toLowerCase()}
       ORDER BY (namespace LIKE 'uri://ed-fi.org/%') DESC, descriptorid LIMIT 1`),
  );
  if (!row) throw gradesErrors.grade_descriptor_not_loaded(`${type} "${code}" is not loaded.`);
  return Number(row.id);
}
