import { GRAND_BEND_SAMPLE } from './sample.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { loadInterchange } from './load.js';
import { reportText, type LoadProgress, type LoadReport } from './report.js';

const FIXTURE = GRAND_BEND_SAMPLE;
const XML = path.join(FIXTURE, 'xml');

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

async function createTenant(slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    id,
    slug,
    slug,
  ]);
  return id;
}

const TABLES = [
  'edfi.educationorganization',
  'edfi.school',
  'edfi.schoolgradelevel',
  'edfi.session',
  'edfi.gradingperiod',
  'edfi.calendardate',
  'edfi.student',
  'edfi.staff',
  'edfi.staffschoolassociation',
  'edfi.course',
  'edfi.courseoffering',
  'edfi.section',
  'edfi.staffsectionassociation',
  'edfi.studentschoolattendanceevent',
  'edfi.gradebookentry',
  'edfi.studentgradebookentry',
  'edfi.disciplineincident',
  'edfi.disciplineaction',
  'edfi.studentdisciplineincidentassociation',
  'edfi.assessment',
  'edfi.studentassessment',
  'edfi.studentassessmentscoreresult',
  'health.immunizations',
];

async function tableCounts(tenantId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE tenant_id = $1`, [
      tenantId,
    ]);
    counts[table] = Number(row!.n);
  }
  return counts;
}

const loadedOf = (report: LoadReport, resource: string) =>
  report.resources.find((r) => r.resource === resource)?.loaded;

describe('loadInterchange (Grand Bend, Ed-Fi 5.2)', () => {
  let tenantId: string;
  let first: LoadReport;
  let firstCounts: Record<string, number>;

  it('loads the whole fixture in dependency order whatever the file order, reporting counts per resource', async () => {
    tenantId = await createTenant('grand-bend');
    const progress: LoadProgress[] = [];
    // Files in reverse order on purpose: the loader orders resources itself.
    const files = [
      ...fs
        .readdirSync(XML)
        .map((f) => path.join(XML, f))
        .reverse(),
      path.join(FIXTURE, 'Descriptors'),
    ];
    first = await loadInterchange(database, 'grand-bend', files, { onProgress: (p) => progress.push(p) });
    console.log(reportText(first));
    expect(first.errors, reportText(first)).toEqual([]);
    expect(first.rejected).toBe(0);
    expect(loadedOf(first, 'descriptors')).toBe(3298);
    expect(loadedOf(first, 'schools')).toBe(3);
    expect(loadedOf(first, 'students')).toBe(960);
    expect(loadedOf(first, 'staff')).toBe(68);
    expect(loadedOf(first, 'sections')).toBe(532);
    expect(loadedOf(first, 'studentSchoolAttendanceEvents')).toBe(1917);
    expect(first.notStored).toMatchObject({
      StudentTransportation: 30,
      Location: 56,
      StaffEducationOrganizationAssignmentAssociation: 69,
    });
    expect(first.notStored).not.toHaveProperty('StudentDisciplineIncidentNonOffenderAssociation');
    expect(loadedOf(first, 'studentDisciplineIncidentNonOffenderAssociations')).toBe(2);
    expect(first.records).toBe(
      first.loaded + first.rejected + Object.values(first.notStored).reduce((a, b) => a + b, 0),
    );
    expect(progress.at(-1)!.records).toBe(first.loaded + first.rejected);

    firstCounts = await tableCounts(tenantId);
    console.log('Grand Bend rows per table:', firstCounts);
    expect(firstCounts).toMatchObject({
      'edfi.educationorganization': 5,
      'edfi.school': 3,
      'edfi.student': 960,
      'edfi.staff': 68,
      'edfi.staffschoolassociation': 56,
      'edfi.section': 532,
      'edfi.staffsectionassociation': 528,
      'edfi.studentschoolattendanceevent': 1917,
      'edfi.studentgradebookentry': 250,
      'edfi.disciplineincident': 21,
      // The fixture's two non-offenders (witnesses) are perpetrators of the same incidents: one row each, as
      // perpetrator.
      'edfi.studentdisciplineincidentassociation': 21,
      'edfi.studentassessment': 34,
      // Keyed with the session: fall and spring offerings are two rows (169 elements; ALG-1's spring
      // offering at 255901001 comes twice, the second an update).
      'edfi.courseoffering': 168,
    });
    const [descriptors] = await database.query<{ n: string }>(`SELECT count(*)::text AS n FROM edfi.descriptor`);
    expect(Number(descriptors!.n)).toBeGreaterThanOrEqual(3298);
    // Descriptor URIs resolved: a school's grade levels point at GradeLevelDescriptor rows.
    const grades = await database.query<{ code: string }>(
      `SELECT d.codevalue AS code FROM edfi.schoolgradelevel g JOIN edfi.descriptor d
        ON d.descriptorid = g.gradeleveldescriptorid
       WHERE g.tenant_id = $1 AND g.schoolid = 255901001 ORDER BY 1`,
      [tenantId],
    );
    expect(grades.map((g) => g.code)).toEqual(['Eleventh grade', 'Ninth grade', 'Tenth grade', 'Twelfth grade']);
    const audits = await database.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM compliance.audit_logs WHERE tenant_id = $1
        AND user_id = 'system:edfi-interchange-load'`,
      [tenantId],
    );
    expect(Number(audits[0]!.n)).toBeGreaterThan(0);
  }, 300_000);

  it('is idempotent: a re-run upserts the same rows (nothing inserted, nothing changed, same counts)', async () => {
    const again = await loadInterchange(database, tenantId, [FIXTURE]);
    expect(again.errors).toEqual([]);
    expect(again.loaded).toBe(first.loaded);
    for (const [table, count] of Object.entries(again.tables)) {
      expect({ table, inserted: count.inserted, updated: count.updated }).toEqual({ table, inserted: 0, updated: 0 });
    }
    expect(await tableCounts(tenantId)).toEqual(firstCounts);
  }, 300_000);

  it('resumes an interrupted load: committed batches are passed over and the result equals an uninterrupted load', async () => {
    const other = await createTenant('grand-bend-resumed');
    let saved = 0;
    // The process "dies" right after a commit, before it could save that commit's checkpoint.
    const interrupted = loadInterchange(database, other, [FIXTURE], {
      batchSize: 400,
      onCommitted: (committed) => {
        if (committed > 6000) throw new Error('killed');
        saved = committed;
      },
    });
    await expect(interrupted).rejects.toThrow('killed');
    expect(saved).toBeGreaterThan(3000);
    const partial = await tableCounts(other);
    expect(partial['edfi.student']).toBe(960);
    expect(partial['edfi.studentschoolattendanceevent']).toBeLessThan(
      firstCounts['edfi.studentschoolattendanceevent']!,
    );

    const resumed = await loadInterchange(database, other, [FIXTURE], { batchSize: 400, resumeFrom: saved });
    expect(resumed.resumedPast).toBe(saved);
    expect(resumed.errors).toEqual([]);
    expect(resumed.loaded).toBeLessThan(first.loaded);
    expect(reportText(resumed)).toContain(`resumed: ${saved} elements`);
    expect(await tableCounts(other)).toEqual(firstCounts);
  }, 300_000);
});

describe('loadInterchange with bad data', () => {
  it('reports each broken element with file, line and reason, and loads the rest', async () => {
    const tenantId = await createTenant('broken');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edfi-broken-'));
    try {
      let students = fs.readFileSync(path.join(XML, 'Student.xml'), 'utf8');
      students = students.replace('<BirthDate>2014-11-13</BirthDate>', '<BirthDate>13/11/2014</BirthDate>');
      fs.writeFileSync(path.join(dir, 'Student.xml'), students);
      let attendance = fs.readFileSync(path.join(XML, 'StudentSchoolAttendance.xml'), 'utf8');
      // First event: an unknown descriptor; second: a school that does not exist (a foreign-key failure
      // caught by the database, so its batch is retried row by row).
      attendance = attendance.replace(
        'AttendanceEventCategoryDescriptor#Excused Absence',
        'AttendanceEventCategoryDescriptor#Nap time',
      );
      const second = attendance.indexOf(
        '<StudentSchoolAttendanceEvent>',
        attendance.indexOf('<StudentSchoolAttendanceEvent>') + 1,
      );
      attendance =
        attendance.slice(0, second) +
        attendance.slice(second).replace('<SchoolId>255901001</SchoolId>', '<SchoolId>999999</SchoolId>');
      fs.writeFileSync(path.join(dir, 'StudentSchoolAttendance.xml'), attendance);
      // A file cut off mid-element: what came before the break still loads.
      const health = fs.readFileSync(path.join(XML, 'StudentHealth.xml'), 'utf8');
      fs.writeFileSync(path.join(dir, 'StudentHealth.xml'), health.slice(0, Math.floor(health.length / 2)));

      const report = await loadInterchange(database, 'broken', [
        path.join(FIXTURE, 'Descriptors'),
        path.join(XML, 'EducationOrganization.xml'),
        path.join(XML, 'EducationOrgCalendar.xml'),
        dir,
      ]);
      console.log(reportText(report));
      const byElement = (element: string) => report.errors.filter((e) => e.element === element);
      expect(byElement('Student')).toEqual([
        {
          file: 'Student.xml',
          element: 'Student',
          line: expect.any(Number),
          reason: 'BirthData/BirthDate is not a date (YYYY-MM-DD)',
        },
      ]);
      const attendanceErrors = byElement('StudentSchoolAttendanceEvent');
      expect(attendanceErrors[0]!.reason).toMatch(
        /unknown descriptor uri:\/\/ed-fi\.org\/AttendanceEventCategoryDescriptor#Nap time/,
      );
      expect(attendanceErrors[1]!.reason).toMatch(/does not exist.*school/);
      // The rest are the rejected student's own events: their reference no longer resolves.
      for (const e of attendanceErrors.slice(2))
        expect(e.reason).toBe('StudentReference does not resolve to a loaded student');
      expect(byElement('(file)')).toEqual([
        {
          file: 'StudentHealth.xml',
          element: '(file)',
          line: expect.any(Number),
          reason: expect.stringMatching(/not well-formed/),
        },
      ]);
      for (const e of report.errors) expect(e.reason.length).toBeGreaterThan(0);

      const [students_] = await database.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM edfi.student WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(Number(students_!.n)).toBe(959);
      const [events] = await database.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM edfi.studentschoolattendanceevent WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(Number(events!.n)).toBe(1917 - attendanceErrors.length);
      const [records] = await database.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM health.student_health_records WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(Number(records!.n)).toBeGreaterThan(0);
      expect(Number(records!.n)).toBeLessThan(71);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
