/**
 * Replacing a set of Ed-Fi attendance events so that the Ed-Fi API's view stays true: rows that stay
 * keep their resource id (and change version, unless their reason changed); rows that go are tracked
 * in edfi.deletes_tracking for Change Queries (`/deletes`) by the tables' own delete triggers (migration
 * 0013), as an Ed-Fi API DELETE's are, so each deleted event is tracked exactly once.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Work } from '../../../platform/service/work.js';
import { studentSchoolAttendanceEvent, studentSectionAttendanceEvent } from '../tables.js';

/** One wanted event: the student, the AttendanceEventCategoryDescriptor id, the reason. */
export interface WantedEvent {
  studentUsi: number;
  categoryId: number;
  reason: string | null;
}

export interface SectionDay {
  sectionIdentifier: string;
  localCourseCode: string;
  schoolId: number;
  schoolYear: number;
  date: string;
}

const pairs = (events: readonly WantedEvent[]): SQL =>
  events.length === 0
    ? sql`TRUE`
    : sql`(e.studentusi, e.attendanceeventcategorydescriptorid) NOT IN (${sql.join(
        events.map((w) => sql`(${w.studentUsi}::int, ${w.categoryId}::int)`),
        sql`, `,
      )})`;

/** The conflict update of a kept event: only a changed reason rewrites it (and moves its change version). */
const reasonChange = (reason: AnyPgColumn) => ({
  set: {
    attendanceEventReason: sql`excluded.attendanceeventreason`,
    lastModifiedDate: sql`now()`,
    changeVersion: sql`nextval('edfi.changeversionsequence')`,
  },
  setWhere: sql`${reason} IS DISTINCT FROM excluded.attendanceeventreason`,
});

/** Makes a section's events of one day exactly `wanted` (the whole roster): one statement. */
export async function replaceSectionDay(work: Work, day: SectionDay, wanted: readonly WantedEvent[]): Promise<void> {
  const { sectionIdentifier, localCourseCode, schoolId, schoolYear, date } = day;
  const t = studentSectionAttendanceEvent;
  const { rows, conflict } = wantedUpsert(work, t, wanted, {
    sectionIdentifier,
    localCourseCode,
    schoolId,
    schoolYear,
    eventDate: date,
  });
  const upsert = rows.length === 0 ? undefined : work.tx.insert(t).values(rows).onConflictDoUpdate(conflict);
  await work.tx.execute(
    replaceStatement(
      sql`DELETE FROM edfi.studentsectionattendanceevent e
       WHERE e.tenant_id = ${work.tenantId} AND e.sectionidentifier = ${day.sectionIdentifier}
         AND e.localcoursecode = ${day.localCourseCode} AND e.schoolid = ${day.schoolId}
         AND e.schoolyear = ${day.schoolYear} AND e.eventdate = ${day.date}::date AND ${pairs(wanted)}`,
      upsert,
    ),
  );
}

/** Makes the school-day events of `students` on one day exactly `wanted` (one per student): one statement. */
export async function replaceSchoolDays(
  work: Work,
  day: { schoolId: number; schoolYear: number; date: string },
  students: readonly number[],
  wanted: readonly WantedEvent[],
): Promise<void> {
  if (students.length === 0) return;
  const { schoolId, schoolYear, date } = day;
  const t = studentSchoolAttendanceEvent;
  const { rows, conflict } = wantedUpsert(work, t, wanted, { schoolId, schoolYear, eventDate: date });
  const upsert = rows.length === 0 ? undefined : work.tx.insert(t).values(rows).onConflictDoUpdate(conflict);
  await work.tx.execute(
    replaceStatement(
      sql`DELETE FROM edfi.studentschoolattendanceevent e
       WHERE e.tenant_id = ${work.tenantId} AND e.schoolid = ${day.schoolId} AND e.schoolyear = ${day.schoolYear}
         AND e.eventdate = ${day.date}::date AND e.studentusi IN (${sql.join(
           students.map((s) => sql`${s}::int`),
           sql`, `,
         )}) AND ${pairs(wanted)}`,
      upsert,
    ),
  );
}

type EventTable = typeof studentSectionAttendanceEvent | typeof studentSchoolAttendanceEvent;
/** The key columns of an event table's day, besides the tenant, the student and the category. */
type DayOf<T extends EventTable> = Omit<
  T['$inferInsert'],
  'tenantId' | 'studentUSI' | 'attendanceEventCategoryDescriptorId' | 'attendanceEventReason'
>;

/**
 * The rows and the conflict clause of the upsert of the wanted events of one day into `t` (kept rows change
 * only when their reason does). The conflict target is the table's natural key: tenant, student, the day's
 * key columns (in `day`'s order), category. The caller builds the insert on its concrete table: Drizzle's
 * insert types do not resolve over a generic one.
 */
function wantedUpsert<T extends EventTable>(work: Work, t: T, wanted: readonly WantedEvent[], day: DayOf<T>) {
  const dayColumns = Object.keys(day).map((k) => t[k as keyof T] as AnyPgColumn);
  return {
    // Exactly T's insert shape: DayOf<T> is T's less the four columns named here.
    rows: wanted.map(
      (w) =>
        ({
          tenantId: work.tenantId,
          studentUSI: w.studentUsi,
          ...day,
          attendanceEventCategoryDescriptorId: w.categoryId,
          attendanceEventReason: w.reason,
        }) as T['$inferInsert'],
    ),
    conflict: {
      target: [t.tenantId, t.studentUSI, ...dayColumns, t.attendanceEventCategoryDescriptorId],
      ...reasonChange(t.attendanceEventReason),
    },
  };
}

/**
 * One round trip for a replacement: the delete of the events no longer wanted (`g`) and the upsert of the
 * wanted ones, as data-modifying CTEs of one statement. The delete and the upsert touch disjoint keys (the
 * delete spares every wanted student–category pair), so the one snapshot they share changes nothing.
 */
function replaceStatement(remove: SQL, upsert: SQLWrapper | undefined): SQL {
  return upsert ? sql`WITH g AS (${remove}), kept AS (${upsert.getSQL()}) SELECT 1` : remove;
}

/** Takes transaction-scoped advisory locks on `keys`, in one stable order (no deadlock between takers). */
export async function lockAll(work: Work, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await work.tx.execute(sql`
    SELECT pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtextextended(key, 0) AS k FROM (VALUES ${sql.join(
        keys.map((k) => sql`(${k}::text)`),
        sql`, `,
      )}) AS v(key) ORDER BY 1) AS ordered`);
}
