/**
 * Optional in the OneRoster 1.2.1 CSV binding means optional here: a package that fills only the
 * columns the binding requires imports, whether the optional cells are empty or their columns are
 * left out of the header. And a value with a comma inside a multi-valued cell survives a round
 * trip (export → import) whole.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { readCsv } from './csv-reader.js';
import { exportPackage } from './export.js';
import { FILES } from './files.js';
import { importPackage } from './import.js';
import { reportText } from './report.js';
import {
  createTenant,
  manifest,
  writeDirectory,
  zipOf,
  type PackageFiles,
} from '../../../../test/support/oneroster-csv.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<R>(text, params);

/** The columns the 1.2.1 CSV binding marks required (besides sourcedId); every other one is optional. */
const BINDING_REQUIRED: Record<string, string[]> = {
  academicSessions: ['title', 'type', 'startDate', 'endDate', 'schoolYear'],
  orgs: ['name', 'type'],
  courses: ['title', 'orgSourcedId'],
  classes: ['title', 'courseSourcedId', 'classType', 'schoolSourcedId', 'termSourcedIds'],
  users: ['enabledUser', 'username', 'givenName', 'familyName'],
  userProfiles: ['userSourcedId', 'profileType', 'vendorId', 'credentialType', 'username'],
  roles: ['userSourcedId', 'roleType', 'role', 'orgSourcedId'],
  enrollments: ['classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
  demographics: [],
  categories: ['title'],
  lineItems: ['title', 'assignDate', 'dueDate', 'classSourcedId', 'categorySourcedId', 'academicSessionSourcedId'],
  results: ['lineItemSourcedId', 'studentSourcedId', 'scoreStatus', 'scoreDate'],
  scoreScales: ['title', 'type', 'classSourcedId', 'scoreScaleValue'],
  resources: ['vendorResourceId'],
  lineItemLearningObjectiveIds: ['lineItemSourcedId', 'source', 'learningObjectiveId'],
  lineItemScoreScales: ['lineItemSourcedId', 'scoreScaleSourcedId'],
  resultLearningObjectiveIds: ['resultSourcedId', 'source', 'learningObjectiveId'],
  resultScoreScales: ['resultSourcedId', 'scoreScaleSourcedId'],
  classResources: ['classSourcedId', 'resourceSourcedId'],
  courseResources: ['courseSourcedId', 'resourceSourcedId'],
  userResources: ['userSourcedId', 'resourceSourcedId'],
};

/** One row per 1.2 file with the binding's required cells filled and every optional cell empty. */
function requiredOnly(): PackageFiles {
  const rows: Record<string, string> = {
    academicSessions: 'y1,,,2026-27,schoolYear,2026-08-15,2027-06-10,,2027',
    orgs: 'd1,,,Demo District,district,,',
    courses: 'c1,,,,Algebra I,,,d1,,',
    classes: 'k1,,,Algebra I P1,,c1,,scheduled,,d1,y1,,,',
    users: 'u1,,,true,jdoe,,Jane,Doe,,,,,,,,,,,,,,',
    userProfiles: 'p1,,,u1,lti,vendor-1,,,password,jdoe,',
    roles: 'r1,,,u1,primary,teacher,,,d1,',
    enrollments: 'e1,,,k1,d1,u1,teacher,,,',
    demographics: 'u1,,,,,,,,,,,,,,,',
    categories: 'cat1,,,Homework,',
    lineItems: 'li1,,,Quiz 1,,2026-09-01,2026-09-08,k1,cat1,y1,,,',
    results: 'res1,,,li1,u1,fully graded,,2026-09-09,,,,,,,',
    scoreScales: 'ss1,,,Letters,letter,,,k1,{A:90-100}',
    resources: 'rs1,,,VR-1,,,,,',
    lineItemLearningObjectiveIds: 'lilo1,,,li1,CASE,LO-1',
    lineItemScoreScales: 'liss1,,,,li1,ss1',
    resultLearningObjectiveIds: 'rlo1,,,res1,CASE,LO-1,,',
    resultScoreScales: 'rss1,,,,res1,ss1',
    classResources: 'cr1,,,,k1,rs1',
    courseResources: 'kr1,,,,c1,rs1',
    userResources: 'ur1,,,u1,,,rs1',
  };
  const files: PackageFiles = {
    manifest: manifest(Object.fromEntries(FILES.map((f) => [f.name, 'bulk' as const]))),
  };
  for (const spec of FILES) files[spec.name] = `${spec.columns.map((c) => c.csv).join(',')}\r\n${rows[spec.name]}\r\n`;
  return files;
}

describe('optional columns (CSV binding 1.2.1)', () => {
  it('Schola requires no column the binding leaves optional', () => {
    for (const spec of FILES) {
      const required = spec.columns.filter((c) => c.csv !== 'sourcedId' && c.required).map((c) => c.csv);
      expect(
        required.filter((c) => !BINDING_REQUIRED[spec.name]!.includes(c)),
        spec.name,
      ).toEqual([]);
    }
  });

  it('imports every 1.2 file with only the required cells filled (a course without a school year…)', async () => {
    const tenantId = await createTenant(database, 'required-only');
    const report = await importPackage(database, tenantId, zipOf(requiredOnly()));
    expect(report.issues, reportText(report)).toEqual([]);
    expect(report.applied).toBe(true);
    for (const spec of FILES)
      expect(
        report.files.find((f) => f.file === spec.name),
        spec.name,
      ).toMatchObject({ rows: 1, badRows: 0, inserted: 1 });
    expect(
      await q(`SELECT school_year_sourced_id, course_code FROM oneroster.courses WHERE tenant_id = $1`, [tenantId]),
    ).toEqual([{ school_year_sourced_id: null, course_code: null }]);
    expect(await q(`SELECT title FROM oneroster.resources WHERE tenant_id = $1`, [tenantId])).toEqual([
      { title: null },
    ]);
  });

  it('reads an optional column left out of the header as empty (a warning, not an error)', async () => {
    const tenantId = await createTenant(database, 'no-school-year-column');
    const files = requiredOnly();
    files.manifest = manifest({ academicSessions: 'bulk', orgs: 'bulk', courses: 'bulk' });
    files.courses =
      'sourcedId,status,dateLastModified,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\n' +
      'c1,,,Algebra I,ALG1,,d1,,\r\n';
    for (const name of Object.keys(files))
      if (!['manifest', 'academicSessions', 'orgs', 'courses'].includes(name)) delete files[name];
    const report = await importPackage(database, tenantId, writeDirectory(files));
    expect(report.applied, reportText(report)).toBe(true);
    expect(report.issues).toEqual([
      {
        file: 'courses',
        line: 1,
        column: 'schoolYearSourcedId',
        severity: 'warning',
        reason: 'column missing from the header: read as empty',
      },
    ]);
    expect(
      await q(`SELECT course_code, school_year_sourced_id FROM oneroster.courses WHERE tenant_id = $1`, [tenantId]),
    ).toEqual([{ course_code: 'ALG1', school_year_sourced_id: null }]);
  });
});

describe('a comma inside one value of a multi-valued cell', () => {
  it('is quoted by the export and read back whole by the import', async () => {
    const source = await createTenant(database, 'comma-source');
    const subject = 'Physical, Health, and Safety Education';
    await q(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, 'd1', 'North, South', 'district')`,
      [source],
    );
    await q(
      `INSERT INTO oneroster.academic_sessions (tenant_id, sourced_id, title, type, start_date, end_date, school_year)
       VALUES ($1, 'y1', '2026-27', 'schoolYear', '2026-08-15', '2027-06-10', '2027')`,
      [source],
    );
    await q(
      `INSERT INTO oneroster.courses
         (tenant_id, sourced_id, title, org_sourced_id, school_year_sourced_id, subjects, grades, subject_codes)
       VALUES ($1, 'c1', $2, 'd1', 'y1', $3, '{09,10}', $4)`,
      [source, subject, [subject, 'Math', 'say "hi"'], ['PE, 01', '02']],
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'or-comma-'));
    const summary = await exportPackage(database, source, dir);
    expect(summary.files).toMatchObject({ academicSessions: 1, orgs: 1, courses: 1 });
    const text = fs.readFileSync(path.join(dir, 'courses.csv'), 'utf8');
    // Each value with a comma or a quote is quoted inside the cell; the cell is quoted as a whole.
    expect(text.split('\r\n')[1]).toBe(
      'c1,,,y1,"Physical, Health, and Safety Education",,"09,10",d1,' +
        '"""Physical, Health, and Safety Education"",Math,""say """"hi""""""","""PE, 01"",02"',
    );
    const records: string[][] = [];
    for await (const r of readCsv(fs.createReadStream(path.join(dir, 'courses.csv')))) records.push(r.fields);
    expect(records[1]![8]).toBe('"Physical, Health, and Safety Education",Math,"say ""hi"""');

    const target = await createTenant(database, 'comma-target');
    const report = await importPackage(database, target, dir);
    expect(
      report.issues.filter((i) => i.severity === 'error'),
      reportText(report),
    ).toEqual([]);
    expect(
      await q(`SELECT title, subjects, grades, subject_codes FROM oneroster.courses WHERE tenant_id = $1`, [target]),
    ).toEqual([
      {
        title: subject,
        subjects: [subject, 'Math', 'say "hi"'],
        grades: ['09', '10'],
        subject_codes: ['PE, 01', '02'],
      },
    ]);
    expect(await q(`SELECT name FROM oneroster.orgs WHERE tenant_id = $1`, [target])).toEqual([
      { name: 'North, South' },
    ]);
  });
});
