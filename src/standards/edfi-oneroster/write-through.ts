/**
 * The write-through hook the Ed-Fi API calls after each successful write (POST, PUT, DELETE), in the
 * same transaction: it re-projects only what that one Ed-Fi row feeds — a few index lookups — so
 * the API stays fast. `row` is the written row's column values (after the write; before it for a
 * DELETE), which locate the people and sections an association feeds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { lockAuditChainHead } from '../../platform/audit/audit.js';
import { rowsOf } from '../../platform/db/database.js';
import type { Tx } from '../../platform/db/transaction.js';
import {
  projectEdfiToOneRoster,
  projectionCtes,
  type ProjectionKind,
  type ProjectionReport,
  type SourceName,
} from './projection.js';

type Row = Record<string, unknown>;

interface Effect {
  /** The kinds and, within them, the sources this write can change (roles only when associations move). */
  kinds: ProjectionKind[];
  sources: SourceName[];
  /** Ed-Fi ids of further rows this write changes the projection of (a student behind an association…). */
  related?: (tenantId: string, row: Row) => SQL;
  /**
   * A gradebook row: the write takes the audit chain head before projecting — the order the grades service (it
   * audits first) and the delete triggers of grades and entries take them (drizzle/0041_…); an Ed-Fi write audits
   * last, and projecting first would hold a category that a racing delete holding the head waits for (a deadlock).
   */
  gradebook?: true;
}

const studentOf = (t: string, row: Row) =>
  sql`SELECT id::text AS id FROM edfi.student WHERE tenant_id = ${t} AND studentusi = ${row.studentusi ?? null}`;
const staffOf = (t: string, row: Row) =>
  sql`SELECT id::text AS id FROM edfi.staff WHERE tenant_id = ${t} AND staffusi = ${row.staffusi ?? null}`;

/** Ed-Fi collection → what it feeds (collections not listed feed nothing OneRoster shows). */
const EFFECTS: Record<string, Effect> = {
  localEducationAgencies: { kinds: ['orgs'], sources: ['districts'] },
  schools: { kinds: ['orgs'], sources: ['schools'] },
  // A session may become (or stop being) the parent of its school's other sessions and grading periods.
  sessions: {
    kinds: ['academicSessions'],
    sources: ['schoolYears', 'terms', 'gradingPeriods'],
    related: (t, row) => sql`
      SELECT id::text AS id FROM edfi.session WHERE tenant_id = ${t} AND schoolid = ${row.schoolid ?? null}
        AND schoolyear = ${row.schoolyear ?? null}
      UNION ALL SELECT id::text FROM edfi.gradingperiod WHERE tenant_id = ${t} AND schoolid = ${row.schoolid ?? null}
        AND schoolyear = ${row.schoolyear ?? null}`,
  },
  gradingPeriods: { kinds: ['academicSessions'], sources: ['schoolYears', 'gradingPeriods'] },
  courses: { kinds: ['courses'], sources: ['courses'] },
  // An offering sets its course's school year (maybe a new one) and its sections' titles.
  courseOfferings: {
    kinds: ['academicSessions', 'courses', 'classes'],
    sources: ['schoolYears', 'courses', 'classes'],
    related: (t, row) => sql`
      SELECT id::text AS id FROM edfi.course WHERE tenant_id = ${t} AND coursecode = ${row.coursecode ?? null}
        AND educationorganizationid = ${row.educationorganizationid ?? null}
      UNION ALL SELECT id::text FROM edfi.section WHERE tenant_id = ${t}
        AND localcoursecode = ${row.localcoursecode ?? null} AND schoolid = ${row.schoolid ?? null}
          AND schoolyear = ${row.schoolyear ?? null}`,
  },
  sections: { kinds: ['classes'], sources: ['classes'] },
  students: { kinds: ['users'], sources: ['students'] },
  staffs: { kinds: ['users'], sources: ['staff'] },
  studentSchoolAssociations: { kinds: ['users'], sources: ['students', 'roles'], related: studentOf },
  staffSchoolAssociations: { kinds: ['users'], sources: ['staff'], related: staffOf },
  studentSectionAssociations: { kinds: ['enrollments'], sources: ['enrollments'] },
  staffSectionAssociations: {
    kinds: ['users', 'enrollments'],
    sources: ['staff', 'roles', 'enrollments'],
    related: staffOf,
  },
  // Schola's gradebook categories (written by the grades service, not an Ed-Fi resource).
  gradebookCategories: { kinds: ['lineItems'], sources: ['categories'], gradebook: true },
  gradebookEntries: { kinds: ['lineItems'], sources: ['lineItems'], gradebook: true },
  studentGradebookEntries: { kinds: ['results'], sources: ['results'], gradebook: true },
  // Period and final grades (the grades service, or the Ed-Fi API's /grades): a line item per section and period.
  // (Their categories come with the line items: projection.ts PREREQUISITES.) A deleted grade's or gradebook entry's
  // rows with derived sourcedIds (grade line items and categories, entry-type categories) are retired by the
  // database's delete triggers, whatever deletes it (drizzle/0041_oneroster_retire_deleted_gradebook_faces.sql).
  grades: { kinds: ['lineItems', 'results'], sources: ['gradeLineItems', 'gradeResults'], gradebook: true },
};

/** Re-projects what the Ed-Fi row `id` of `collection` feeds; a no-op for collections OneRoster does not show. */
export function projectEdfiWrite(
  tx: Tx,
  tenantId: string,
  collection: string,
  id: string,
  row: Row = {},
  deleted = false,
): Promise<ProjectionReport | undefined> {
  return projectEdfiWrites(tx, tenantId, collection, [{ id, row }], deleted);
}

/** The same for several rows of one collection written in one transaction (a batch): one projection for all. */
export async function projectEdfiWrites(
  tx: Tx,
  tenantId: string,
  collection: string,
  rows: readonly { id: string; row?: Row }[],
  deleted = false,
): Promise<ProjectionReport | undefined> {
  const effect = EFFECTS[collection];
  if (!effect || rows.length === 0) return undefined;
  if (effect.gradebook) await lockAuditChainHead(tx, tenantId);
  const ids = rows.map((r) => r.id);
  if (effect.related) {
    for (const r of rows)
      ids.push(...rowsOf<{ id: string }>(await tx.execute(effect.related(tenantId, r.row ?? {}))).map((x) => x.id));
  }
  // Retiring is needed when a row went away, or when an association moved (a role may be gone);
  // an upsert of a single resource only inserts or updates its own face.
  const retire = deleted || effect.related !== undefined;
  return projectEdfiToOneRoster(tx, tenantId, {
    only: effect.kinds,
    sources: effect.sources,
    sourceIds: [...new Set(ids)],
    retire,
  });
}

/** The collections whose sources can read the written rows from a CTE of the writing statement: their own table. */
const CTE_SOURCE_TABLES: Record<string, string> = { students: 'edfi.student', staffs: 'edfi.staff' };

/**
 * The write-through of new rows of `collection` as CTEs of the statement that inserts them, reading
 * them from its CTE `inserted` (`INSERT … RETURNING *`): [] when OneRoster shows nothing of the
 * collection, undefined when its write-through cannot be written that way (it needs related rows or
 * retiring): then run `projectEdfiWrites` after the insert.
 */
export function writeThroughCtes(tenantId: string, collection: string, inserted: string): SQL[] | undefined {
  const effect = EFFECTS[collection];
  if (!effect) return [];
  const table = CTE_SOURCE_TABLES[collection];
  if (!table || effect.related) return undefined;
  return projectionCtes(tenantId, {
    only: effect.kinds,
    sources: effect.sources,
    scope: { tenantId, from: { [table]: inserted } },
  });
}
