/**
 * Attendance rates and the chronic-absence list against a hand computation, on a small school built
 * here: a calendar of 13 weekdays (one a holiday, so 12 instructional days), five students entering
 * and leaving at different dates, and their school-day absences (some on days that must not count).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { attendanceRates, chronicAbsence } from './reports.js';

let h: DomainHarness;
let tenant: string;
const SCHOOL = 999_001;
const RANGE = { from: '2026-10-01', to: '2026-11-30' };
const usi: Record<string, number> = {};

const OCTOBER = ['05', '06', '07', '08', '09', '12', '13', '14', '15', '16'].map((d) => `2026-10-${d}`);
const NOVEMBER = ['02', '03', '04'].map((d) => `2026-11-${d}`);
const HOLIDAY = '2026-10-09';

const counselor = () => h.principal(['counselor'], { schoolIds: [SCHOOL] });

beforeAll(async () => {
  h = await domainHarness({ students: 12, schools: 1, sectionsPerSchool: 2 });
  tenant = h.demo.districtTenantId;
  const q = (text: string, params: unknown[] = []) => h.database.query<Record<string, number>>(text, params);
  const descriptor = async (type: string, code: string) =>
    (
      await q('SELECT descriptorid AS id FROM edfi.descriptor WHERE descriptortype = $1 AND codevalue = $2', [
        type,
        code,
      ])
    )[0]!.id!;
  const instructional = await descriptor('CalendarEventDescriptor', 'Instructional day');
  const holiday = await descriptor('CalendarEventDescriptor', 'Holiday');
  const grade9 = await descriptor('GradeLevelDescriptor', 'Ninth grade');
  const grade10 = await descriptor('GradeLevelDescriptor', 'Tenth grade');
  const unexcused = await descriptor('AttendanceEventCategoryDescriptor', 'Unexcused Absence');
  const excused = await descriptor('AttendanceEventCategoryDescriptor', 'Excused Absence');
  const tardy = await descriptor('AttendanceEventCategoryDescriptor', 'Tardy');
  const calendarType = await descriptor('CalendarTypeDescriptor', 'Student Specific');

  await q(
    `INSERT INTO edfi.educationorganization (tenant_id, educationorganizationid, nameofinstitution, discriminator)
     VALUES ($1, $2, 'Hand Count High School', 'School')`,
    [tenant, SCHOOL],
  );
  await q('INSERT INTO edfi.school (tenant_id, schoolid) VALUES ($1, $2)', [tenant, SCHOOL]);
  await q(
    `INSERT INTO edfi.calendar (tenant_id, calendarcode, schoolid, schoolyear, calendartypedescriptorid)
     VALUES ($1, 'HAND', $2, 2027, $3)`,
    [tenant, SCHOOL, calendarType],
  );
  for (const date of [...OCTOBER, ...NOVEMBER]) {
    await q(
      `INSERT INTO edfi.calendardate (tenant_id, calendarcode, date, schoolid, schoolyear)
       VALUES ($1, 'HAND', $2, $3, 2027)`,
      [tenant, date, SCHOOL],
    );
    await q(
      `INSERT INTO edfi.calendardatecalendarevent
         (tenant_id, calendarcode, date, schoolid, schoolyear, calendareventdescriptorid)
       VALUES ($1, 'HAND', $2, $3, 2027, $4)`,
      [tenant, date, SCHOOL, date === HOLIDAY ? holiday : instructional],
    );
  }
  const students: [name: string, grade: number, entry: string, exit: string | null][] = [
    ['A', grade9, '2026-08-17', null],
    ['B', grade9, '2026-10-12', null],
    ['C', grade10, '2026-08-17', '2026-11-03'],
    ['D', grade10, '2026-10-07', null],
    ['E', grade10, '2026-08-17', null],
  ];
  for (const [name, grade, entry, exit] of students) {
    const [row] = await q(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
       VALUES ($1, $2, $3, 'Counted', '2012-01-01') RETURNING studentusi`,
      [tenant, `HAND-${name}`, name],
    );
    usi[name] = row!.studentusi!;
    await q(
      `INSERT INTO edfi.studentschoolassociation
         (tenant_id, studentusi, schoolid, entrydate, entrygradeleveldescriptorid, exitwithdrawdate, schoolyear,
          calendarcode)
       VALUES ($1, $2, $3, $4, $5, $6, 2027, 'HAND')`,
      [tenant, usi[name], SCHOOL, entry, grade, exit],
    );
  }
  const events: [name: string, date: string, category: number][] = [
    ['A', '2026-10-06', unexcused],
    ['A', HOLIDAY, unexcused], // not an instructional day: does not count
    ['A', '2026-11-03', excused],
    ['B', '2026-10-05', unexcused], // before B's entry: does not count
    ['B', '2026-10-12', unexcused],
    ['C', '2026-10-07', excused],
    ['C', '2026-11-04', unexcused], // after C's exit: does not count
    ['D', '2026-10-08', unexcused],
    ['E', '2026-10-05', tardy], // attended, late
  ];
  for (const [name, date, category] of events) {
    await q(
      `INSERT INTO edfi.studentschoolattendanceevent
         (tenant_id, studentusi, schoolid, schoolyear, eventdate, attendanceeventcategorydescriptorid)
       VALUES ($1, $2, $3, 2027, $4, $5)`,
      [tenant, usi[name], SCHOOL, date, category],
    );
  }
});
afterAll(() => h.dispose());

// Hand count (12 instructional days: 9 in October, 3 in November):
//   A 12 days, 2 missed (16.7 %) · B enters 10-12: 5 + 3 = 8 days, 1 missed (12.5 %)
//   C leaves 11-03: 9 + 2 = 11 days, 1 missed (9.09 %)
//   D enters 10-07: 10-07, 10-08, 10-12…10-16 = 7 October days + 3 in November = 10 days, 1 missed (10 % exactly)
//   E 12 days, 0 missed (a tardy is not an absence)
describe('attendance rates', () => {
  it('per student, grade level and school, counting only enrolled instructional days', async () => {
    const rates = (by: 'student' | 'grade' | 'school') =>
      h.work(counselor(), (w) => attendanceRates(w, SCHOOL, { ...RANGE, by }));
    const students = Object.fromEntries(
      (await rates('student')).rows.map((r) => [r.label.split(' ')[0], [r.enrolledDays, r.absentDays]]),
    );
    expect(students).toEqual({ A: [12, 2], B: [8, 1], C: [11, 1], D: [10, 1], E: [12, 0] });
    const grades = (await rates('grade')).rows.map((r) => [r.key, r.enrolledDays, r.absentDays]);
    expect(grades).toEqual([
      ['Ninth grade', 20, 3],
      ['Tenth grade', 33, 2],
    ]);
    const [school] = (await rates('school')).rows;
    expect(school).toMatchObject({ enrolledDays: 53, absentDays: 5 });
    expect(school!.rate).toBeCloseTo(48 / 53, 10);
  });

  it('narrows to the range asked', async () => {
    const { rows } = await h.work(counselor(), (w) =>
      attendanceRates(w, SCHOOL, { from: '2026-11-01', to: '2026-11-30', by: 'student' }),
    );
    const a = rows.find((r) => r.key === String(usi.A))!;
    expect([a.enrolledDays, a.absentDays]).toEqual([3, 1]);
  });

  it("per section, counting only days of the student's section enrollment that are instructional", async () => {
    const q = (text: string, params: unknown[] = []) => h.database.query<Record<string, number>>(text, params);
    const [term] = await q(
      `SELECT descriptorid AS id FROM edfi.descriptor WHERE descriptortype = 'TermDescriptor' LIMIT 1`,
    );
    const [course] = await q(
      'SELECT coursecode AS code, educationorganizationid AS edorg FROM edfi.course WHERE tenant_id = $1 LIMIT 1',
      [tenant],
    );
    await q(
      `INSERT INTO edfi.session (tenant_id, sessionname, schoolid, schoolyear, begindate, enddate, termdescriptorid,
         totalinstructionaldays) VALUES ($1, 'Hand year', $2, 2027, '2026-08-17', '2027-05-28', $3, 12)`,
      [tenant, SCHOOL, term!.id],
    );
    await q(
      `INSERT INTO edfi.courseoffering (tenant_id, localcoursecode, schoolid, schoolyear, coursecode,
         educationorganizationid, sessionname) VALUES ($1, 'HAND-1', $2, 2027, $3, $4, 'Hand year')`,
      [tenant, SCHOOL, course!.code, course!.edorg],
    );
    await q(
      `INSERT INTO edfi.section (tenant_id, sectionidentifier, localcoursecode, schoolid, schoolyear, sessionname,
         sectionname) VALUES ($1, 'HAND-S1', 'HAND-1', $2, 2027, 'Hand year', 'Hand counting P1')`,
      [tenant, SCHOOL],
    );
    // A the whole range; B joins the section on 10-13 (after entering the school on 10-12).
    for (const [name, begin] of [
      ['A', '2026-08-17'],
      ['B', '2026-10-13'],
    ] as const) {
      await q(
        `INSERT INTO edfi.studentsectionassociation (tenant_id, studentusi, sectionidentifier, localcoursecode,
           schoolid, schoolyear, begindate) VALUES ($1, $2, 'HAND-S1', 'HAND-1', $3, 2027, $4)`,
        [tenant, usi[name], SCHOOL, begin],
      );
    }
    const category = async (code: string) =>
      (
        await q(
          `SELECT descriptorid AS id FROM edfi.descriptor
            WHERE descriptortype = 'AttendanceEventCategoryDescriptor' AND codevalue = $1`,
          [code],
        )
      )[0]!.id!;
    const events: [name: string, date: string, code: string][] = [
      ['A', '2026-10-06', 'Unexcused Absence'],
      ['A', HOLIDAY, 'Unexcused Absence'], // not an instructional day
      ['A', '2026-10-07', 'Tardy'], // attended
      ['A', '2026-11-02', 'Excused Absence'],
      ['B', '2026-10-12', 'Unexcused Absence'], // before B's section enrollment
      ['B', '2026-10-14', 'Excused Absence'],
    ];
    for (const [name, date, code] of events) {
      await q(
        `INSERT INTO edfi.studentsectionattendanceevent (tenant_id, studentusi, sectionidentifier, localcoursecode,
           schoolid, schoolyear, eventdate, attendanceeventcategorydescriptorid)
         VALUES ($1, $2, 'HAND-S1', 'HAND-1', $3, 2027, $4, $5)`,
        [tenant, usi[name], SCHOOL, date, await category(code)],
      );
    }
    const { rows } = await h.work(counselor(), (w) => attendanceRates(w, SCHOOL, { ...RANGE, by: 'section' }));
    // A: 12 instructional days, 2 missed; B from 10-13: 10-13…10-16 and 3 in November = 7 days, 1 missed.
    expect(rows).toEqual([
      { key: 'HAND-S1', label: 'Hand counting P1', enrolledDays: 19, absentDays: 3, rate: 16 / 19 },
    ]);
  });

  it("confines a teacher's figures to the students they teach", async () => {
    const teacher = h.principal(['teacher'], { schoolIds: [SCHOOL], person: { edfiStaffUSI: 1 } });
    const { rows } = await h.work(teacher, (w) => attendanceRates(w, SCHOOL, { ...RANGE, by: 'student' }));
    expect(rows).toEqual([]);
  });
});

describe('chronic absence', () => {
  it('lists students at or above 10 % of enrolled days missed (excused or not), most absent first, with trend', async () => {
    const list = await h.work(counselor(), (w) => chronicAbsence(w, SCHOOL, RANGE));
    expect(list.thresholdPercent).toBe(10);
    expect(list.students.map((s) => s.name.split(' ')[0])).toEqual(['A', 'B', 'D']); // C at 9.09 % is not
    const a = list.students[0]!;
    expect(a).toMatchObject({ enrolledDays: 12, absentDays: 2, excusedDays: 1, absentPercent: 16.67 });
    expect(a.trend).toEqual([
      { month: '2026-10', enrolledDays: 9, absentDays: 1 },
      { month: '2026-11', enrolledDays: 3, absentDays: 1 },
    ]);
    expect(list.students[2]).toMatchObject({ enrolledDays: 10, absentDays: 1, absentPercent: 10 });
    const stricter = await h.work(counselor(), (w) => chronicAbsence(w, SCHOOL, { ...RANGE, thresholdPercent: 13 }));
    expect(stricter.students.map((s) => s.name.split(' ')[0])).toEqual(['A']);
  });

  it('is for counsellors and administrators of the school only', async () => {
    for (const principal of [
      h.principal(['teacher'], { schoolIds: [SCHOOL], person: { edfiStaffUSI: 1 } }),
      h.principal(['parent']),
      h.principal(['counselor'], { schoolIds: [SCHOOL + 1] }),
    ]) {
      await expect(h.work(principal, (w) => chronicAbsence(w, SCHOOL, RANGE))).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    const res = await h.inject(h.principal(['school_admin'], { schoolIds: [SCHOOL] }), {
      url: `/api/v1/schools/${SCHOOL}/attendance/chronic-absence?from=${RANGE.from}&to=${RANGE.to}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().students).toHaveLength(3);
    const backwards = await h.inject(counselor(), {
      url: `/api/v1/schools/${SCHOOL}/attendance/chronic-absence?from=2026-11-30&to=2026-10-01`,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().validationErrors).toHaveProperty('to');
  });
});
