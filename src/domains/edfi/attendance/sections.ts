/** The section attendance is taken for, by id, and how a stored event's category reads as a mark. */
import type { Work } from '../../../platform/service/work.js';
import { findSection, type SectionRow } from '../section-lookup.js';
import { ATTENDANCE_MARKS, MARK_CATEGORY, type AttendanceMark } from './schemas.js';

export { sectionKeysOf, type SectionRow } from '../section-lookup.js';

/** The mark of an AttendanceEventCategoryDescriptor code (any case); undefined for another category. */
export const markOfCode = (code: string): AttendanceMark | undefined =>
  ATTENDANCE_MARKS.find((m) => MARK_CATEGORY[m].toLowerCase() === code.toLowerCase());

/** The section by id (404 when the tenant has none). */
export const sectionById = (work: Work, sectionId: string): Promise<SectionRow> => findSection(work, sectionId);
