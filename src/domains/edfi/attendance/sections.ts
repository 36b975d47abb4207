/** The section attendance is taken for, by id, and how a stored event's category reads as a mark. */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { ATTENDANCE_MARKS, MARK_CATEGORY, type AttendanceMark } from './schemas.js';

export interface SectionRow {
  id: string;
  sectionIdentifier: string;
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  sectionName: string | null;
}

export const sectionKeysOf = (s: SectionRow) => ({
  sectionIdentifier: s.sectionIdentifier,
  localCourseCode: s.localCourseCode,
  schoolId: s.schoolId,
  schoolYear: s.schoolYear,
});

/** The mark of an AttendanceEventCategoryDescriptor code (any case); undefined for another category. */
export const markOfCode = (code: string): AttendanceMark | undefined =>
  ATTENDANCE_MARKS.find((m) => MARK_CATEGORY[m].toLowerCase() === code.toLowerCase());

export async function sectionById(work: Work, sectionId: string): Promise<SectionRow> {
  const [row] = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`
      SELECT id, sectionidentifier, localcoursecode, schoolid, schoolyear, sectionname FROM edfi.section
       WHERE tenant_id = ${work.tenantId} AND id = ${sectionId}::uuid`),
  );
  if (!row) throw new AppError('not_found', `No section ${sectionId}.`);
  return {
    id: String(row.id),
    sectionIdentifier: String(row.sectionidentifier),
    localCourseCode: String(row.localcoursecode),
    schoolId: Number(row.schoolid),
    schoolYear: Number(row.schoolyear),
    sectionName: (row.sectionname as string | null) ?? null,
  };
}
