/**
 * The K-12 relationship facts of the Ed-Fi record, described once for the policy engine (see
 * src/platform/auth/relationships.ts): who attends which school, who works at which school, who
 * teaches which section, and so which students a teacher teaches. Current associations only.
 */
import { sql, type SQL } from 'drizzle-orm';
import { currentOn, type RelationshipSets } from '../../platform/auth/relationships.js';

const ints = (values: readonly number[]) => sql.raw(values.map((v) => String(Math.trunc(v))).join(', ') || 'NULL');

export const k12RelationshipSets: Pick<
  RelationshipSets,
  'studentsOfSchools' | 'staffOfSchools' | 'sectionsOfStaff' | 'studentsOfStaff'
> = {
  studentsOfSchools: (schoolIds, day) =>
    sql`SELECT ssa.studentusi FROM edfi.studentschoolassociation ssa
         WHERE ssa.schoolid IN (${ints(schoolIds)}) AND ${currentOn(sql`ssa.exitwithdrawdate`, day)}`,
  staffOfSchools: (schoolIds) =>
    sql`SELECT s.staffusi FROM edfi.staffschoolassociation s WHERE s.schoolid IN (${ints(schoolIds)})`,
  sectionsOfStaff: (staffUsi, day) => sectionsOf(staffUsi, day),
  studentsOfStaff: (staffUsi, day) =>
    sql`SELECT ssa.studentusi FROM edfi.studentsectionassociation ssa
         WHERE (ssa.sectionidentifier, ssa.localcoursecode, ssa.schoolid, ssa.schoolyear) IN
           (${sectionsOf(staffUsi, day)})
           AND ${currentOn(sql`ssa.enddate`, day)}`,
};

function sectionsOf(staffUsi: number, day: SQL): SQL {
  return sql`SELECT st.sectionidentifier, st.localcoursecode, st.schoolid, st.schoolyear
               FROM edfi.staffsectionassociation st
              WHERE st.staffusi = ${Math.trunc(staffUsi)} AND ${currentOn(sql`st.enddate`, day)}`;
}
