/**
 * A section as the K-12 services (attendance, grades) address it: by its id, carrying its natural key, which
 * the policy engine's relationship rules and the Ed-Fi child tables match on.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Work } from '../../platform/service/work.js';

export interface SectionKeys {
  sectionIdentifier: string;
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
}

export interface SectionRow extends SectionKeys {
  id: string;
  sectionName: string | null;
}

/** Only the natural key (what `work.authorize` takes as `sectionKeys`, and what child rows repeat). */
export const sectionKeysOf = (s: SectionKeys): SectionKeys => ({
  sectionIdentifier: s.sectionIdentifier,
  localCourseCode: s.localCourseCode,
  schoolId: s.schoolId,
  schoolYear: s.schoolYear,
});

type Row = Record<string, unknown>;

/**
 * The tenant's section `sectionId`, or 404 `not_found`. By default only edfi.section's own columns are read;
 * `extended` reads more in one query whose row still has the columns id, sectionidentifier, localcoursecode,
 * schoolid, schoolyear and sectionname, and `more` picks its additions from that row.
 */
export async function findSection<T extends object = object>(
  work: Work,
  sectionId: string,
  extended?: { query: SQL; more: (row: Row) => T },
): Promise<SectionRow & T> {
  const query =
    extended?.query ??
    sql`SELECT id, sectionidentifier, localcoursecode, schoolid, schoolyear, sectionname FROM edfi.section
         WHERE tenant_id = ${work.tenantId} AND id = ${sectionId}::uuid`;
  const [row] = rowsOf<Row>(await work.tx.execute(query));
  if (!row) throw new AppError('not_found', `No section ${sectionId}.`);
  return {
    id: String(row.id),
    sectionIdentifier: String(row.sectionidentifier),
    localCourseCode: String(row.localcoursecode),
    schoolId: Number(row.schoolid),
    schoolYear: Number(row.schoolyear),
    sectionName: (row.sectionname as string | null) ?? null,
    ...(extended ? extended.more(row) : ({} as T)),
  };
}
