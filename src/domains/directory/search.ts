/** The directory's search across students, staff and sections, within the caller's reach. */
import { sql, type SQL } from 'drizzle-orm';
import { auditRead } from '../../platform/audit/audit.js';
import { readsAudited } from '../../platform/auth/classification.js';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { SEARCH_LIMIT, searchQuery, type SearchResult } from './schemas.js';
import { sectionsWhere } from './service.js';
import { all, str, type Row } from './sql-values.js';

/** The caller's reach over `table`, or null when they may not read it (that part of a search is left out). */
async function reachOrNone(work: Work, table: string): Promise<SQL | undefined | null> {
  try {
    return await work.readScope(table);
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') return null;
    throw error;
  }
}

/**
 * Students, staff and sections whose names contain the words typed, within reach; a kind the caller may
 * not read is left out (an auditor finds students only). Reads the classification audits are audited.
 */
export async function search(work: Work, query: unknown): Promise<SearchResult> {
  const { q } = parseInput(searchQuery, query);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [studentReach, staffReach] = await Promise.all([
    reachOrNone(work, 'edfi.student'),
    reachOrNone(work, 'edfi.staff'),
  ]);
  const name = (alias: string) => sql.raw(`(${alias}.firstname || ' ' || ${alias}.lastsurname)`);
  const students =
    studentReach === null
      ? []
      : rowsOf<Row>(
          await work.tx.execute(sql`WITH visible AS (SELECT * FROM edfi.student WHERE ${all(studentReach)})
      SELECT studentusi, studentuniqueid, firstname || ' ' || lastsurname AS name,
             (SELECT eo.nameofinstitution FROM edfi.studentschoolassociation ssa
                JOIN edfi.educationorganization eo ON eo.tenant_id = ssa.tenant_id
                 AND eo.educationorganizationid = ssa.schoolid
               WHERE ssa.tenant_id = st.tenant_id AND ssa.studentusi = st.studentusi
               ORDER BY ssa.exitwithdrawdate IS NULL DESC, ssa.entrydate DESC LIMIT 1) AS school_name
        FROM visible st
       WHERE ${name('st')} ILIKE ${pattern} OR st.studentuniqueid ILIKE ${pattern}
       ORDER BY lastsurname, firstname LIMIT ${SEARCH_LIMIT}`),
        );
  if (students.length > 0 && readsAudited('edfi.student', work.principal.roles))
    await auditRead(work.tx, {
      principal: work.principal,
      meta: work.meta,
      table: 'edfi.student',
      recordIds: students.map((r) => Number(r.studentusi)),
      dataCategories: ['directory_information'],
      legitimateEducationalInterest: true,
    });
  const staff =
    staffReach === null
      ? []
      : rowsOf<Row>(
          await work.tx.execute(sql`WITH visible AS (SELECT * FROM edfi.staff WHERE ${all(staffReach)})
      SELECT staffusi, staffuniqueid, firstname || ' ' || lastsurname AS name FROM visible sf
       WHERE ${name('sf')} ILIKE ${pattern} OR sf.staffuniqueid ILIKE ${pattern}
       ORDER BY lastsurname, firstname LIMIT ${SEARCH_LIMIT}`),
        );
  const sections = (
    await sectionsWhere(
      work,
      sql`(s.sectionname ILIKE ${pattern} OR s.sectionidentifier ILIKE ${pattern}
        OR co.localcoursetitle ILIKE ${pattern})`,
    )
  ).slice(0, SEARCH_LIMIT);
  return {
    students: students.map((r) => ({
      studentUsi: Number(r.studentusi),
      name: String(r.name),
      studentUniqueId: String(r.studentuniqueid),
      schoolName: str(r.school_name),
    })),
    staff: staff.map((r) => ({
      staffUsi: Number(r.staffusi),
      name: String(r.name),
      staffUniqueId: String(r.staffuniqueid),
    })),
    sections: sections.map((s) => ({ id: s.id, name: s.name, schoolName: s.schoolName })),
  };
}
