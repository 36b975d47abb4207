/**
 * Taking attendance through the service and its routes: who may take it (own sections, enrolled
 * students, instructional days), replacement, concurrent submissions, the derived school day, and
 * the generic API refusing writes to the tables this service owns. Rates and the chronic-absence
 * threshold are in rates.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { demoSchoolDays, demoSchoolWeeks, daysAfter } from '../../../../test/support/calendar.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { attendanceDays } from './days.js';
import { setDailyRule, studentAttendance } from './reports.js';
import { sectionAttendance, takeSectionAttendance } from './service.js';

let h: DomainHarness;
let tenant: string;

interface Section {
  id: string;
  sectionidentifier: string;
  schoolid: number;
  staffusi: number;
}
let section: Section;
let otherSection: Section;
let teacher: Principal;
let roster: number[];

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
// Three full school weeks of the demo year (it follows today), whose attendance beforeAll clears: the
// demo takes the days before the latest school day, and late in the year these weeks are among them.
const [WEEK, NEXT_WEEK, WEEK_AFTER] = demoSchoolWeeks(3) as [string[], string[], string[]];
const [MONDAY, TUESDAY, WEDNESDAY] = WEEK as [string, string, string];
const SATURDAY = daysAfter(MONDAY, 5);
/** The school day before the week (a Friday, or the last day before a break). */
const DAY_BEFORE = demoSchoolDays()
  .filter((d) => d < MONDAY)
  .at(-1)!;
const FIRST_DAY = demoSchoolDays()[0]!;
const SEPTEMBER = `${FIRST_DAY.slice(0, 4)}-09`;

const sectionRows = (where = '') =>
  h.database.query<Section>(
    `SELECT s.id, s.sectionidentifier, s.schoolid, st.staffusi FROM edfi.section s
       JOIN edfi.staffsectionassociation st ON st.tenant_id = s.tenant_id AND st.sectionidentifier = s.sectionidentifier
        AND st.localcoursecode = s.localcoursecode AND st.schoolid = s.schoolid AND st.schoolyear = s.schoolyear
      WHERE s.tenant_id = $1 ${where} ORDER BY s.sectionidentifier`,
    [tenant],
  );

const rosterOf = async (s: Section) =>
  (
    await h.database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.studentsectionassociation
        WHERE tenant_id = $1 AND sectionidentifier = $2 ORDER BY 1`,
      [tenant, s.sectionidentifier],
    )
  ).map((r) => r.studentusi);

const storedMarks = (s: Section, date: string) =>
  h.database.query<{ studentusi: number; code: string }>(
    `SELECT e.studentusi, d.codevalue AS code FROM edfi.studentsectionattendanceevent e
       JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
      WHERE e.tenant_id = $1 AND e.sectionidentifier = $2 AND e.eventdate = $3 ORDER BY 1, 2`,
    [tenant, s.sectionidentifier, date],
  );

const teacherOf = (s: Section) =>
  h.principal(['teacher'], { schoolIds: [s.schoolid], person: { edfiStaffUSI: s.staffusi } });

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  const sections = await sectionRows();
  section = sections[0]!;
  otherSection = sections.find((s) => s.staffusi !== section.staffusi && s.schoolid === section.schoolid)!;
  teacher = teacherOf(section);
  roster = await rosterOf(section);
  expect(roster.length).toBeGreaterThan(3);
  // The weeks start not taken, whatever the date (see WEEK).
  const dates = [...WEEK, ...NEXT_WEEK, ...WEEK_AFTER];
  for (const table of ['studentsectionattendanceevent', 'studentschoolattendanceevent'])
    await h.database.query(`DELETE FROM edfi.${table} WHERE tenant_id = $1 AND eventdate = ANY($2::date[])`, [
      tenant,
      dates,
    ]);
});
afterAll(() => h.dispose());

describe('taking attendance', () => {
  it('stores the whole roster, present unless marked, and derives the school day', async () => {
    const [absent, tardy] = roster as [number, number];
    const taken = await h.work(teacher, (w) =>
      takeSectionAttendance(w, section.id, MONDAY, {
        exceptions: [
          { studentUsi: absent, mark: 'absent', reason: 'Illness' },
          { studentUsi: tardy, mark: 'tardy' },
        ],
      }),
    );
    expect(taken.taken).toBe(true);
    expect(taken.roster).toHaveLength(roster.length);
    expect(taken.counts).toMatchObject({ absent: 1, tardy: 1, present: roster.length - 2 });
    const rows = await storedMarks(section, MONDAY);
    expect(rows).toHaveLength(roster.length);
    expect(rows.find((r) => r.studentusi === absent)!.code).toBe('Unexcused Absence');
    expect(rows.find((r) => r.studentusi === tardy)!.code).toBe('Tardy');
    // The absent student's only section that day → absent for the day; the tardy one attended.
    expect(taken.daily!.find((d) => d.studentUsi === absent)!.status).toBe('absent');
    expect(taken.daily!.find((d) => d.studentUsi === tardy)!.status).toBe('present');
    const read = await h.work(teacher, (w) => sectionAttendance(w, section.id, MONDAY));
    expect(read.roster.find((r) => r.studentUsi === absent)).toMatchObject({ mark: 'absent', reason: 'Illness' });
  });

  it("replaces the day's marks on re-submission (no leftovers), tracked for Ed-Fi change queries", async () => {
    const [first, second] = roster as [number, number];
    const trackedOnTuesday = async () =>
      (
        await h.database.query<{ keyvalues: { eventDate: string } }>(
          `SELECT keyvalues FROM edfi.deletes_tracking
            WHERE tenant_id = $1 AND resource = 'studentSectionAttendanceEvents'`,
          [tenant],
        )
      ).filter((t) => t.keyvalues.eventDate === TUESDAY).length;
    await h.work(teacher, (w) =>
      takeSectionAttendance(w, section.id, TUESDAY, { exceptions: [{ studentUsi: first, mark: 'excused' }] }),
    );
    const trackedBefore = await trackedOnTuesday();
    await h.work(teacher, (w) =>
      takeSectionAttendance(w, section.id, TUESDAY, { exceptions: [{ studentUsi: second, mark: 'early_departure' }] }),
    );
    const rows = await storedMarks(section, TUESDAY);
    expect(rows).toHaveLength(roster.length);
    expect(rows.find((r) => r.studentusi === first)!.code).toBe('In Attendance');
    expect(rows.find((r) => r.studentusi === second)!.code).toBe('Early departure');
    // Two marks changed category (a new key each): each old event is tracked once, as one Ed-Fi DELETE would be.
    expect((await trackedOnTuesday()) - trackedBefore).toBe(2);
    const audit = await h.database.query<{ operation: string }>(
      `SELECT operation FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'edfi.studentsectionattendanceevent'
          AND record_id = $2 ORDER BY tenant_seq`,
      [tenant, `${section.id}:${TUESDAY}`],
    );
    expect(audit.map((a) => a.operation)).toEqual(['INSERT', 'UPDATE']);
  });

  it('leaves exactly one of two concurrent submissions for the same section-day', async () => {
    const date = WEDNESDAY;
    const a = roster.slice(0, 2).map((studentUsi) => ({ studentUsi, mark: 'absent' as const }));
    const b = roster.slice(2, 4).map((studentUsi) => ({ studentUsi, mark: 'tardy' as const }));
    await Promise.all(
      [a, b, a, b].map((exceptions) =>
        h.work(teacher, (w) => takeSectionAttendance(w, section.id, date, { exceptions })),
      ),
    );
    const rows = await storedMarks(section, date);
    expect(rows).toHaveLength(roster.length);
    const notPresent = rows.filter((r) => r.code !== 'In Attendance').map((r) => [r.studentusi, r.code]);
    const asA = a.map((e) => [e.studentUsi, 'Unexcused Absence']);
    const asB = b.map((e) => [e.studentUsi, 'Tardy']);
    expect([asA, asB]).toContainEqual(notPresent);
  });

  it("refuses sections the teacher does not teach, days they were not assigned, and other students' marks", async () => {
    await expect(
      h.work(teacher, (w) => takeSectionAttendance(w, otherSection.id, MONDAY, { exceptions: [] })),
    ).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    await expect(h.work(teacher, (w) => sectionAttendance(w, otherSection.id, MONDAY))).rejects.toMatchObject({
      code: 'forbidden',
    });
    // The assignment begins on the year's first day: the Friday before, the teacher did not teach it.
    await expect(
      h.work(teacher, (w) => takeSectionAttendance(w, section.id, daysAfter(FIRST_DAY, -3), { exceptions: [] })),
    ).rejects.toMatchObject({ code: 'not_teaching_section', status: 403 });
    const [{ studentusi: stranger }] = (await h.database.query<{ studentusi: number }>(
      'SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid <> $2 LIMIT 1',
      [tenant, section.schoolid],
    )) as [{ studentusi: number }];
    const refused = await h
      .work(teacher, (w) =>
        takeSectionAttendance(w, section.id, MONDAY, { exceptions: [{ studentUsi: stranger, mark: 'absent' }] }),
      )
      .catch((e: { code: string; status: number; extras: { validationErrors: Record<string, string[]> } }) => e);
    expect(refused).toMatchObject({ code: 'student_not_enrolled', status: 422 });
    expect(Object.keys((refused as { extras: { validationErrors: object } }).extras.validationErrors)).toEqual([
      'exceptions.0.studentUsi',
    ]);
    for (const roles of [['parent'], ['student']] as const) {
      await expect(
        h.work(h.principal([...roles]), (w) => takeSectionAttendance(w, section.id, MONDAY, { exceptions: [] })),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses students whose section enrollment ended before the day, and non-instructional days', async () => {
    const leaver = roster[roster.length - 1]!;
    await h.database.query(
      `UPDATE edfi.studentsectionassociation SET enddate = $4
        WHERE tenant_id = $1 AND studentusi = $2 AND sectionidentifier = $3`,
      [tenant, leaver, section.sectionidentifier, NEXT_WEEK[4]],
    );
    const october = await h.work(teacher, (w) =>
      takeSectionAttendance(w, section.id, WEEK_AFTER[0]!, { exceptions: [] }),
    );
    expect(october.roster.map((r) => r.studentUsi)).not.toContain(leaver);
    await expect(
      h.work(teacher, (w) =>
        takeSectionAttendance(w, section.id, WEEK_AFTER[0]!, { exceptions: [{ studentUsi: leaver, mark: 'absent' }] }),
      ),
    ).rejects.toMatchObject({ code: 'student_not_enrolled' });
    await expect(
      h.work(teacher, (w) => takeSectionAttendance(w, section.id, SATURDAY, { exceptions: [] })),
    ).rejects.toMatchObject({ code: 'not_instructional_day', status: 422 });
    // The day's read says so first (the page warns before the teacher fills it in).
    const saturday = await h.work(teacher, (w) => sectionAttendance(w, section.id, SATURDAY));
    expect(saturday).toMatchObject({ instructional: false, calendarEvents: [] });
    const monday = await h.work(teacher, (w) => sectionAttendance(w, section.id, MONDAY));
    expect(monday).toMatchObject({ instructional: true, calendarEvents: ['Instructional day'] });
  });

  it("derives the school day from the day's sections by the school's rule", async () => {
    const admin = h.principal(['school_admin'], { schoolIds: [section.schoolid] });
    // A student in two sections of the school: absent from one of the two on the day.
    const [pair] = await h.database.query<{ studentusi: number; ids: string[] }>(
      `SELECT ssa.studentusi, array_agg(s.id::text ORDER BY s.sectionidentifier) AS ids
         FROM edfi.studentsectionassociation ssa JOIN edfi.section s ON s.tenant_id = ssa.tenant_id
          AND s.sectionidentifier = ssa.sectionidentifier AND s.localcoursecode = ssa.localcoursecode
        WHERE ssa.tenant_id = $1 AND ssa.schoolid = $2 AND ssa.enddate IS NULL
        GROUP BY ssa.studentusi HAVING count(*) >= 2 ORDER BY 1 LIMIT 1`,
      [tenant, section.schoolid],
    );
    const [one, two] = pair!.ids as [string, string];
    const date = NEXT_WEEK[0]!;
    const day = async () =>
      (
        await h.database.query<{ code: string }>(
          `SELECT d.codevalue AS code FROM edfi.studentschoolattendanceevent e
             JOIN edfi.descriptor d ON d.descriptorid = e.attendanceeventcategorydescriptorid
            WHERE e.tenant_id = $1 AND e.studentusi = $2 AND e.eventdate = $3`,
          [tenant, pair!.studentusi, date],
        )
      ).map((r) => r.code);
    await h.work(admin, (w) =>
      takeSectionAttendance(w, one, date, { exceptions: [{ studentUsi: pair!.studentusi, mark: 'excused' }] }),
    );
    expect(await day()).toEqual(['Excused Absence']); // 1 of 1 taken section
    await h.work(admin, (w) => takeSectionAttendance(w, two, date, { exceptions: [] }));
    expect(await day()).toEqual(['Excused Absence']); // 1 of 2 = 50 % ≥ 50 %
    await h.work(admin, (w) => setDailyRule(w, section.schoolid, { absentThresholdPercent: 60 }));
    await h.work(admin, (w) => takeSectionAttendance(w, two, date, { exceptions: [] }));
    expect(await day()).toEqual(['In Attendance']); // 50 % < 60 %
    await expect(
      h.work(teacher, (w) => setDailyRule(w, section.schoolid, { absentThresholdPercent: 10 })),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("lets parents read their children's attendance and students their own, nobody else's", async () => {
    const parentAccount = h.demo.credentials.accounts.find((a) => a.roles.includes('parent'))!;
    const [child] = await h.database.query<{ student_usi: number }>(
      'SELECT student_usi FROM identity.account_students WHERE tenant_id = $1 AND account_id = $2',
      [tenant, parentAccount.accountId],
    );
    const parent = h.principal(['parent'], { actorId: parentAccount.accountId });
    const range = { from: `${SEPTEMBER}-01`, to: `${SEPTEMBER}-30` };
    const mine = await h.work(parent, (w) => studentAttendance(w, child!.student_usi, range));
    expect(mine.studentUsi).toBe(child!.student_usi);
    expect(mine.enrolledDays).toBeGreaterThan(15);
    const someoneElse = roster.find((s) => s !== child!.student_usi)!;
    await expect(h.work(parent, (w) => studentAttendance(w, someoneElse, range))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const student = h.principal(['student'], { person: { edfiStudentUSI: someoneElse } });
    expect((await h.work(student, (w) => studentAttendance(w, someoneElse, range))).studentUsi).toBe(someoneElse);
    await expect(h.work(student, (w) => studentAttendance(w, child!.student_usi, range))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('attendance over HTTP', () => {
  it('takes attendance with PUT, answers bad input with field-named 400/422s', async () => {
    const url = `/api/v1/sections/${section.id}/attendance/${NEXT_WEEK[1]}`;
    const bad = await h.inject(teacher, {
      method: 'PUT',
      url,
      ...json({ exceptions: [{ studentUsi: roster[0], mark: 'asleep' }], extra: 1 }),
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors).sort()).toEqual(['exceptions.0.mark', 'extra']);
    const twice = await h.inject(teacher, {
      method: 'PUT',
      url,
      ...json({
        exceptions: [
          { studentUsi: roster[0], mark: 'tardy' },
          { studentUsi: roster[0], mark: 'absent' },
        ],
      }),
    });
    expect(Object.keys(twice.json().validationErrors)).toEqual(['exceptions.1.studentUsi']);
    const weekend = await h.inject(teacher, { method: 'PUT', url: url.replace(NEXT_WEEK[1]!, SATURDAY), ...json({}) });
    expect(weekend.statusCode).toBe(422);
    expect(weekend.json().validationErrors).toHaveProperty('date');
    const ok = await h.inject(teacher, {
      method: 'PUT',
      url,
      ...json({ exceptions: [{ studentUsi: roster[0], mark: 'absent' }] }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().counts.absent).toBe(1);
  });

  it('refuses generic writes to the attendance tables, naming the endpoint', async () => {
    const admin = h.principal(['district_admin']);
    const res = await h.inject(admin, {
      method: 'POST',
      url: '/api/v1/edfi/studentsectionattendanceevent',
      ...json({ studentUSI: roster[0] }),
    });
    expect(res.statusCode).toBe(405);
    expect(res.json().detail).toContain('PUT /api/v1/sections/{sectionId}/attendance/{date}');
  });
});

describe('the days attendance can be taken', () => {
  it('lists instructional days with enrolled students, latest first, saying which were taken', async () => {
    const listed = await h.work(teacher, (w) => attendanceDays(w, section.id, { onOrBefore: SATURDAY, limit: 6 }));
    // The Saturday is skipped; the week's Monday was taken above, its Friday not.
    expect(listed.days.map((d) => d.date)).toEqual([...[...WEEK].reverse(), DAY_BEFORE]);
    expect(listed.days.find((d) => d.date === MONDAY)!.taken).toBe(true);
    expect(listed.days[0]!.taken).toBe(false);
    for (const day of listed.days) expect(day.enrolled).toBeGreaterThan(0);
    // Before the school year's first day there is none.
    const summer = await h.work(teacher, (w) =>
      attendanceDays(w, section.id, { onOrBefore: daysAfter(FIRST_DAY, -1) }),
    );
    expect(summer.days).toEqual([]);
  });

  it('answers over HTTP, refusing bad dates and other sections', async () => {
    const url = (id: string, query: string) => `/api/v1/sections/${id}/attendance/days?${query}`;
    const ok = await h.inject(teacher, { url: url(section.id, `onOrBefore=${TUESDAY}&limit=2`) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().days.map((d: { date: string }) => d.date)).toEqual([TUESDAY, MONDAY]);
    const bad = await h.inject(teacher, { url: url(section.id, 'onOrBefore=yesterday&limit=0') });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors).sort()).toEqual(['limit', 'onOrBefore']);
    const other = await h.inject(teacher, { url: url(otherSection.id, `onOrBefore=${TUESDAY}`) });
    expect(other.statusCode).toBe(403);
  });
});
