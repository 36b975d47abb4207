/** Checks that a class's OneRoster gradebook face agrees with its Ed-Fi gradebook (tests of the write-through). */
import type { TestDatabase } from './db.js';

export const ENTRY_TYPES = 'uri://ed-fi.org/GradebookEntryTypeDescriptor';

/**
 * The Ed-Fi body of a gradebook entry in the section, as a client without Schola categories writes it (dated in
 * 2000, outside the demo's grading periods), of an entry type or of none.
 */
export async function edfiEntryBodies(database: TestDatabase, tenantId: string, sectionId: string) {
  const [s] = await database.query<{
    sectionidentifier: string;
    localcoursecode: string;
    schoolid: number;
    schoolyear: number;
  }>(
    `SELECT sectionidentifier, localcoursecode, schoolid, schoolyear FROM edfi.section
      WHERE tenant_id = $1 AND id = $2::uuid`,
    [tenantId, sectionId],
  );
  return (identifier: string, type?: string): Record<string, unknown> => ({
    gradebookEntryIdentifier: identifier,
    namespace: 'uri://schola.test/gradebook',
    title: identifier,
    dateAssigned: '2000-01-03',
    ...(type ? { gradebookEntryTypeDescriptor: `${ENTRY_TYPES}#${type}` } : {}),
    sectionReference: {
      sectionIdentifier: s!.sectionidentifier,
      localCourseCode: s!.localcoursecode,
      schoolId: s!.schoolid,
      schoolYear: s!.schoolyear,
    },
  });
}

/**
 * What is wrong with the class's OneRoster gradebook face ([] when nothing): every grade has an active result, no
 * active grade line item is left without a result, no active grade or entry-type category without a line item, and
 * no active line item sits in a retired category, nor an active result under a retired line item.
 */
export function gradebookFaceProblems(database: TestDatabase, tenantId: string, classId: string) {
  return database.query<{ sourced_id: string; problem: string }>(
    `SELECT li.sourced_id, 'item without result' AS problem FROM oneroster.line_items li
      WHERE li.tenant_id = $1 AND li.class_sourced_id = $2 AND li.status = 'active' AND li.metadata ? 'gradeType'
        AND NOT EXISTS (SELECT 1 FROM oneroster.results r WHERE r.tenant_id = li.tenant_id
          AND r.line_item_sourced_id = li.sourced_id AND r.status = 'active')
     UNION ALL
     SELECT c.sourced_id, 'category without item' FROM oneroster.categories c
      WHERE c.tenant_id = $1 AND c.class_sourced_id = $2 AND c.status = 'active'
        AND (c.metadata ? 'gradeCategory' OR c.metadata ? 'gradebookEntryType')
        AND NOT EXISTS (SELECT 1 FROM oneroster.line_items li WHERE li.tenant_id = c.tenant_id
          AND li.category_sourced_id = c.sourced_id AND li.status = 'active')
     UNION ALL
     SELECT li.sourced_id, 'active item in retired category' FROM oneroster.line_items li
       JOIN oneroster.categories c ON c.tenant_id = li.tenant_id AND c.sourced_id = li.category_sourced_id
      WHERE li.tenant_id = $1 AND li.class_sourced_id = $2 AND li.status = 'active' AND c.status <> 'active'
     UNION ALL
     SELECT r.sourced_id, 'result under retired item' FROM oneroster.results r
       JOIN oneroster.line_items li ON li.tenant_id = r.tenant_id AND li.sourced_id = r.line_item_sourced_id
      WHERE r.tenant_id = $1 AND li.class_sourced_id = $2 AND r.status = 'active' AND li.status <> 'active'
     UNION ALL
     SELECT r.sourced_id, 'result without grade' FROM oneroster.results r
       JOIN oneroster.line_items li ON li.tenant_id = r.tenant_id AND li.sourced_id = r.line_item_sourced_id
      WHERE r.tenant_id = $1 AND li.class_sourced_id = $2 AND r.status = 'active' AND li.metadata ? 'gradeType'
        AND NOT EXISTS (SELECT 1 FROM edfi.grade g WHERE g.tenant_id = r.tenant_id AND g.id::text = r.sourced_id)
     UNION ALL
     SELECT g.id::text, 'grade without result' FROM edfi.grade g
       JOIN edfi.section se ON se.tenant_id = g.tenant_id AND se.sectionidentifier = g.sectionidentifier
        AND se.localcoursecode = g.localcoursecode AND se.schoolid = g.schoolid AND se.schoolyear = g.schoolyear
      WHERE g.tenant_id = $1 AND se.id = $2::uuid AND NOT EXISTS (SELECT 1 FROM oneroster.results r
        WHERE r.tenant_id = g.tenant_id AND r.sourced_id = g.id::text AND r.status = 'active')`,
    [tenantId, classId],
  );
}
