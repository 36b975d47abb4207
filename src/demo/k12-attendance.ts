/**
 * The demo's attendance for every instructional day of the school year before the latest one up to
 * today (that one is the teacher's to take: today on a school day): the last SECTION_DAYS of them taken
 * in Schola, every section's whole roster as the attendance service stores it (present unless marked
 * otherwise) with the school days derived from it by the default rule; the days before as a SIS export
 * holds them, the school days' absences only (a day without a record is a day present). So the rates and
 * the chronic-absence list span the year to date while the seed writes thousands of rows, not a whole
 * roster per section and day (which made the first start minutes longer and grew with every week of
 * the year). All set-based.
 *
 * The mix: most students present; a whole-day absence now and then (3 % of days, 40 % of them excused),
 * a tardy, an early departure or a missed class here and there; the chronically absent students miss
 * about a quarter of their days, so the counsellor's list and its monthly trend have something to show.
 * A school-day absence a SIS export already recorded (k12.ts, the early weeks) is that whole day's mark.
 * Draws are hashes of (seed, student, section, date), so the same seed gives the same record whatever
 * order the database reads rows in.
 *
 * As the service does, each section-day taken is audited (one row per section and date, its marks).
 */
import { sql, type SQL } from 'drizzle-orm';
import { ATTENDANCE_RULES } from '../domains/edfi/index.js';
import { recordAudits } from '../platform/audit/audit.js';
import { rowsOf } from '../platform/db/database.js';
import type { Tx } from '../platform/db/transaction.js';
import { systemPrincipal } from '../platform/service/work.js';
import { ensureDemoDescriptors } from './descriptors.js';
import { timed } from './timed.js';
const timedExecute = (label: string, tx: Tx, q: SQL) => timed(label, () => tx.execute(q));

/** Share of days a chronically absent student misses whole (the threshold is 10 %). */
const CHRONIC_ABSENCE = 0.25;
const WHOLE_DAY_ABSENCE = 0.03;
/** The school days before the latest one on which every section's attendance was taken in Schola. */
export const SECTION_DAYS = 10;

export async function seedSectionAttendance(
  tx: Tx,
  tenantId: string,
  chronic: readonly number[],
  seed: number,
  today: string,
  schoolYear: number,
): Promise<{ sectionAttendanceEvents: number; dailyAttendanceEvents: number; importedAbsences: number }> {
  const category = (await ensureDemoDescriptors(tx)).AttendanceEventCategoryDescriptor;
  // Typed parameters: a bare parameter in a SELECT list or CASE is text to PostgreSQL.
  const int = (n: number) => sql`${n}::int`;
  const [present, unexcused, excused, tardy, early] = [
    category['In Attendance'],
    category['Unexcused Absence'],
    category['Excused Absence'],
    category.Tardy,
    category['Early departure'],
  ].map(int) as [SQL, SQL, SQL, SQL, SQL];
  const tenant = sql`${tenantId}::uuid`;
  /** A uniform draw in [0, 1) from the named values: the same inputs, the same draw. */
  const draw = (...parts: SQL[]) =>
    sql`((hashtext(concat_ws('|', ${String(seed)}::text, ${sql.join(parts, sql`, `)})) & 2147483647)::float8
          / 2147483648)`;
  const chronicList = `{${chronic.join(',')}}`;
  const rate = (usi: SQL) =>
    sql`CASE WHEN ${usi} = ANY(${chronicList}::int[]) THEN ${CHRONIC_ABSENCE}::float8
             ELSE ${WHOLE_DAY_ABSENCE}::float8 END`;
  // Each school's instructional days up to today, numbered back from the latest (1), which stays to be
  // taken: today on a school day, else the last school day (a Friday seen on the weekend).
  const daysBefore = sql`
    SELECT schoolid, date, row_number() OVER (PARTITION BY schoolid ORDER BY date DESC) AS back
      FROM (SELECT DISTINCT e.schoolid, e.date FROM edfi.calendardatecalendarevent e
              JOIN edfi.descriptor d ON d.descriptorid = e.calendareventdescriptorid
             WHERE e.tenant_id = ${tenantId} AND d.codevalue = 'Instructional day' AND e.date <= ${today}::date) x`;
  // Statistics first: PGlite runs no autovacuum, and without them its planner loops over these joins.
  await tx.execute(sql`ANALYZE edfi.studentsectionassociation, edfi.studentschoolattendanceevent,
    edfi.calendardatecalendarevent`);
  // Before the section-attendance weeks: the school days' absences only, as a SIS export holds them
  // (a day without a record is a day present), where no record came with the roster (k12.ts) already.
  const imported = rowsOf<{ n: number }>(
    await timedExecute(
      'school-day absences',
      tx,
      sql`
      WITH absent AS (
        SELECT a.studentusi, a.schoolid, days.date,
               ${draw(sql`a.studentusi::text`, sql`days.date::text`, sql`'why'`)} < 0.4 AS excused
          FROM edfi.studentschoolassociation a
          JOIN (${daysBefore}) days ON days.schoolid = a.schoolid AND days.back > ${int(SECTION_DAYS + 1)}
           AND days.date >= a.entrydate AND (a.exitwithdrawdate IS NULL OR days.date <= a.exitwithdrawdate)
         WHERE a.tenant_id = ${tenantId}
           AND ${draw(sql`a.studentusi::text`, sql`days.date::text`)} < ${rate(sql`a.studentusi`)}
           AND NOT EXISTS (SELECT 1 FROM edfi.studentschoolattendanceevent x WHERE x.tenant_id = a.tenant_id
                  AND x.studentusi = a.studentusi AND x.schoolid = a.schoolid AND x.eventdate = days.date)
      ), written AS (
        INSERT INTO edfi.studentschoolattendanceevent (tenant_id, studentusi, schoolid, schoolyear, eventdate,
               attendanceeventcategorydescriptorid, attendanceeventreason)
        SELECT ${tenant}, studentusi, schoolid, ${int(schoolYear)}, date,
               CASE WHEN excused THEN ${excused} ELSE ${unexcused} END,
               CASE WHEN excused THEN (ARRAY['Illness', 'Appointment', 'Family'])[
                      1 + floor(${draw(sql`studentusi::text`, sql`date::text`, sql`'reason'`)} * 3)::int] END
          FROM absent
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written`,
    ),
  );
  const inserted = rowsOf<{ n: number }>(
    await timedExecute(
      'section marks',
      tx,
      sql`
      WITH days AS (
        SELECT schoolid, date FROM (${daysBefore}) n WHERE back BETWEEN 2 AND ${int(SECTION_DAYS + 1)}
      ), exported AS (
        SELECT e.studentusi, e.schoolid, e.eventdate,
               bool_or(e.attendanceeventcategorydescriptorid = ${unexcused}) AS unexcused,
               max(e.attendanceeventreason) AS reason
          FROM edfi.studentschoolattendanceevent e
         WHERE e.tenant_id = ${tenantId}
           AND e.attendanceeventcategorydescriptorid IN (${unexcused}, ${excused})
         GROUP BY 1, 2, 3
      ), student_days AS (
        SELECT DISTINCT a.studentusi, a.schoolid, days.date,
               CASE
                 WHEN x.studentusi IS NOT NULL THEN CASE WHEN x.unexcused THEN 'U' ELSE 'E' END
                 WHEN ${draw(sql`a.studentusi::text`, sql`days.date::text`)} < ${rate(sql`a.studentusi`)}
                   THEN CASE WHEN ${draw(sql`a.studentusi::text`, sql`days.date::text`, sql`'why'`)} < 0.4
                             THEN 'E' ELSE 'U' END
               END AS away,
               x.reason
          FROM edfi.studentsectionassociation a
          JOIN days ON days.schoolid = a.schoolid AND days.date >= a.begindate
                   AND (a.enddate IS NULL OR days.date <= a.enddate)
          LEFT JOIN exported x ON x.studentusi = a.studentusi AND x.schoolid = a.schoolid AND x.eventdate = days.date
         WHERE a.tenant_id = ${tenantId}
      ), marks AS (
        SELECT a.studentusi, a.sectionidentifier, a.localcoursecode, a.schoolid, a.schoolyear, sd.date,
               coalesce(sd.away, CASE
                 WHEN r.u < 0.02 THEN 'T' WHEN r.u < 0.03 THEN 'D' WHEN r.u < 0.04 THEN 'U' ELSE 'P' END) AS mark,
               CASE WHEN sd.away = 'E' THEN coalesce(sd.reason, (ARRAY['Illness', 'Appointment', 'Family'])[
                      1 + floor(${draw(sql`a.studentusi::text`, sql`sd.date::text`, sql`'reason'`)} * 3)::int])
               END AS reason
          FROM edfi.studentsectionassociation a
          JOIN student_days sd ON sd.studentusi = a.studentusi AND sd.schoolid = a.schoolid
                              AND sd.date >= a.begindate AND (a.enddate IS NULL OR sd.date <= a.enddate)
         CROSS JOIN LATERAL (
               SELECT ${draw(sql`a.studentusi::text`, sql`a.sectionidentifier`, sql`sd.date::text`)} AS u) r
         WHERE a.tenant_id = ${tenantId}
      ), written AS (
        INSERT INTO edfi.studentsectionattendanceevent (tenant_id, studentusi, sectionidentifier, localcoursecode,
               schoolid, schoolyear, eventdate, attendanceeventcategorydescriptorid, attendanceeventreason)
        SELECT ${tenant}, studentusi, sectionidentifier, localcoursecode, schoolid, schoolyear, date,
               CASE mark WHEN 'P' THEN ${present} WHEN 'U' THEN ${unexcused} WHEN 'E' THEN ${excused}
                         WHEN 'T' THEN ${tardy} ELSE ${early} END,
               reason
          FROM marks
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written`,
    ),
  );
  // The school days, derived from the sections taken exactly as the service's default rule derives them
  // (absent from ≥ the threshold share of the day's sections; excused when no absence was unexcused).
  // They replace what a SIS export said about those days: its absences are now in the section marks.
  await tx.execute(sql`ANALYZE edfi.studentsectionattendanceevent`);
  await timedExecute(
    'delete exported',
    tx,
    sql`
    DELETE FROM edfi.studentschoolattendanceevent e
     USING (SELECT DISTINCT studentusi, schoolid, schoolyear, eventdate FROM edfi.studentsectionattendanceevent
             WHERE tenant_id = ${tenantId}) s
     WHERE e.tenant_id = ${tenantId} AND s.studentusi = e.studentusi AND s.schoolid = e.schoolid
       AND s.schoolyear = e.schoolyear AND s.eventdate = e.eventdate`,
  );
  const derived = rowsOf<{ n: number }>(
    await timedExecute(
      'derived days',
      tx,
      sql`
      WITH day AS (
        SELECT studentusi, schoolid, schoolyear, eventdate, count(*) AS taken,
               count(*) FILTER (WHERE attendanceeventcategorydescriptorid IN (${unexcused}, ${excused})) AS missed,
               count(*) FILTER (WHERE attendanceeventcategorydescriptorid = ${unexcused}) AS unexcused
          FROM edfi.studentsectionattendanceevent WHERE tenant_id = ${tenantId}
         GROUP BY 1, 2, 3, 4
      ), written AS (
        INSERT INTO edfi.studentschoolattendanceevent (tenant_id, studentusi, schoolid, schoolyear, eventdate,
               attendanceeventcategorydescriptorid)
        SELECT ${tenant}, studentusi, schoolid, schoolyear, eventdate,
               CASE WHEN missed * 100 < ${int(ATTENDANCE_RULES.dailyAbsentThresholdPercent)} * taken THEN ${present}
                    WHEN unexcused > 0 THEN ${unexcused} ELSE ${excused} END
          FROM day
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM written`,
    ),
  );
  // One audit row per section-day taken, as the service writes for a first submission.
  const taken = rowsOf<{ id: string; date: string; marks: Record<string, string> }>(
    await timedExecute(
      'audit select',
      tx,
      sql`
      SELECT s.id, e.eventdate::text AS date, jsonb_object_agg(e.studentusi::text, lower(d.codevalue)) AS marks
        FROM edfi.studentsectionattendanceevent e
        JOIN edfi.section s ON s.tenant_id = e.tenant_id AND s.sectionidentifier = e.sectionidentifier
         AND s.localcoursecode = e.localcoursecode AND s.schoolid = e.schoolid AND s.schoolyear = e.schoolyear
        JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
       WHERE e.tenant_id = ${tenantId}
       GROUP BY s.id, e.eventdate ORDER BY e.eventdate, s.id`,
    ),
  );
  const principal = systemPrincipal(tenantId, 'demo');
  await timed('audits', () =>
    recordAudits(
      tx,
      taken.map((t) => ({
        principal,
        table: 'edfi.studentsectionattendanceevent',
        recordId: `${t.id}:${t.date}`,
        operation: 'INSERT' as const,
        newValues: t.marks,
      })),
    ),
  );
  return {
    sectionAttendanceEvents: inserted[0]!.n,
    dailyAttendanceEvents: derived[0]!.n,
    importedAbsences: imported[0]!.n,
  };
}
