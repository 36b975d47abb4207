import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { registerOneRosterCommands } from '../../../cli/commands/oneroster.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../../demo/seed.js';
import { FILES } from './files.js';
import { readCsv } from './csv-reader.js';
import { createTenant } from '../../../../test/support/oneroster-csv.js';

let database: TestDatabase;
let demoTenant: string;
beforeAll(async () => {
  database = await migratedDatabase();
  demoTenant = (
    await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 40,
      schools: 2,
      sectionsPerSchool: 4,
      languageSchoolStudents: 4,
    })
  ).districtTenantId;
  await addGradebookAndLinks(demoTenant);
});

/** The demo projects no gradebook: one of every gradebook object and 1.2 link, with every new column set. */
async function addGradebookAndLinks(tenantId: string): Promise<void> {
  const [k] = await database.query<{ sourced_id: string; course_sourced_id: string; school_sourced_id: string }>(
    `SELECT sourced_id, course_sourced_id, school_sourced_id
      FROM oneroster.classes WHERE tenant_id = $1 ORDER BY sourced_id LIMIT 1`,
    [tenantId],
  );
  const [student] = await database.query<{ user_sourced_id: string }>(
    `SELECT user_sourced_id
      FROM oneroster.enrollments
      WHERE tenant_id = $1 AND class_sourced_id = $2 AND role = 'student' ORDER BY 1 LIMIT 1`,
    [tenantId, k!.sourced_id],
  );
  const [t, klass, course, school, user] = [
    tenantId,
    k!.sourced_id,
    k!.course_sourced_id,
    k!.school_sourced_id,
    student!.user_sourced_id,
  ];
  const statements: [string, unknown[]][] = [
    [
      `INSERT INTO oneroster.categories (tenant_id, sourced_id, title, weight) VALUES ($1, 'cat-rt', 'Homework', 0.25)`,
      [t],
    ],
    [
      `INSERT INTO oneroster.line_items
        (tenant_id, sourced_id, title, assign_date, due_date, class_sourced_id, category_sourced_id, school_sourced_id,
         result_value_min, result_value_max)
        VALUES ($1, 'li-rt', 'Quiz', '2026-09-01', '2026-09-08', $2, 'cat-rt', $3, 0, 100)`,
      [t, klass, school],
    ],
    [
      `INSERT INTO oneroster.results
        (tenant_id, sourced_id, line_item_sourced_id, student_sourced_id, score_status, score, score_date, text_score,
         in_progress, incomplete, late, missing)
        VALUES ($1, 'res-rt', 'li-rt', $2, 'fully graded', 88.5, '2026-09-09T10:00:00Z', 'B+',
         false, false, true, false)`,
      [t, user],
    ],
    [
      `INSERT INTO oneroster.score_scales
        (tenant_id, sourced_id, name, scale_values, type, org_sourced_id, course_sourced_id, class_sourced_id)
        VALUES ($1, 'ss-rt', 'Letter', '[{"itemValueLHS": "A", "itemValueRHS": "90-100"}]', 'letter', $2, $3, $4)`,
      [t, school, course, klass],
    ],
    [
      `INSERT INTO oneroster.resources
        (tenant_id, sourced_id, title, vendor_resource_id, vendor_id, application_id, roles, importance)
        VALUES ($1, 'rs-rt', 'E-book', 'VR-1', 'vendor', 'app', '{student,teacher}', 'primary')`,
      [t],
    ],
    [
      `INSERT INTO oneroster.line_item_learning_objectives
        (tenant_id, sourced_id, line_item_sourced_id, source, learning_objective_id)
        VALUES ($1, 'lilo-rt', 'li-rt', 'CASE', 'LO-1')`,
      [t],
    ],
    [
      `INSERT INTO oneroster.line_item_score_scales
        (tenant_id, sourced_id, title, line_item_sourced_id, score_scale_sourced_id)
        VALUES ($1, 'liss-rt', 'Letter', 'li-rt', 'ss-rt')`,
      [t],
    ],
    [
      `INSERT INTO oneroster.result_learning_objectives
        (tenant_id, sourced_id, result_sourced_id, source, learning_objective_id, score, text_score)
        VALUES ($1, 'rlo-rt', 'res-rt', 'CASE', 'LO-1', 3.25, 'Proficient')`,
      [t],
    ],
    [
      `INSERT INTO oneroster.result_score_scales (tenant_id, sourced_id, result_sourced_id, score_scale_sourced_id)
        VALUES ($1, 'rss-rt', 'res-rt', 'ss-rt')`,
      [t],
    ],
    [
      `INSERT INTO oneroster.class_resources (tenant_id, sourced_id, title, class_sourced_id, resource_sourced_id)
        VALUES ($1, 'cr-rt', 'E-book', $2, 'rs-rt')`,
      [t, klass],
    ],
    [
      `INSERT INTO oneroster.course_resources (tenant_id, sourced_id, course_sourced_id, resource_sourced_id)
        VALUES ($1, 'kr-rt', $2, 'rs-rt')`,
      [t, course],
    ],
    [
      `INSERT INTO oneroster.user_resources
        (tenant_id, sourced_id, user_sourced_id, org_sourced_id, class_sourced_id, resource_sourced_id)
        VALUES ($1, 'ur-rt', $2, $3, $4, 'rs-rt')`,
      [t, user, school, klass],
    ],
  ];
  for (const [text, params] of statements) await database.query(text, params);
}
afterAll(async () => {
  await database?.dispose();
});

/** The REST-visible content of every OneRoster table: rows by sourcedId, every field but the tenant and timestamps. */
async function content(tenantId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const spec of FILES.filter((f) => f.tableName)) {
    const rows = await database.query<{ j: Record<string, unknown> }>(
      `SELECT to_jsonb(t) - 'tenant_id' - 'date_last_modified' AS j
        FROM ${spec.tableName} t WHERE tenant_id = $1 ORDER BY sourced_id`,
      [tenantId],
    );
    // metadata.source marks rows the Ed-Fi projection (or the demo) owns: Schola's bookkeeping, not
    // OneRoster data. A category's school/class scope is Schola's extension: categories.csv has no
    // column for it (a scoped category is exported, and re-imported, as the tenant's).
    // Projected grades' gradeType/gradingPeriod/letter keys are that bookkeeping too: the 1.2 files have no
    // column for them, and the projection writes them again from Ed-Fi.
    out[spec.name] = rows.map((r) => {
      const metadata = (r.j.metadata ?? {}) as Record<string, unknown>;
      const { source, ...own } = metadata;
      const rest = source === undefined ? own : {};
      const { school_sourced_id: _school, class_sourced_id: _class, ...row } = r.j;
      return { ...(spec.name === 'categories' ? row : r.j), metadata: Object.keys(rest).length ? rest : null };
    });
  }
  return out;
}

/** The CLI in-process: main.ts's helpers, on the test database (closing it is the test's job). */
async function schola(...args: string[]): Promise<{ exitCode: number; stdout: string }> {
  const program = new Command('schola').exitOverride();
  registerOneRosterCommands(program, {
    run: (fn) => fn(),
    openDatabase: async () => ({ ...database, close: async () => undefined }),
  });
  const logged: string[] = [];
  const log = console.log;
  const previous = process.exitCode;
  process.exitCode = 0;
  console.log = (...parts: unknown[]) => void logged.push(parts.join(' '));
  try {
    await program.parseAsync(['node', 'schola', ...args]);
    return { exitCode: Number(process.exitCode ?? 0), stdout: logged.join('\n') };
  } finally {
    console.log = log;
    process.exitCode = previous;
  }
}

describe('OneRoster CSV export and import round trip (CLI)', () => {
  it('exports the demo district as a 1.2 bulk package; imported into a fresh tenant: identical data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'or-export-'));
    const exported = await schola('oneroster', 'export', dir, '--tenant', 'demo-district');
    expect(exported.exitCode).toBe(0);
    console.log(exported.stdout);
    const files = fs.readdirSync(dir).sort();
    const gradebook = [
      'categories',
      'lineItems',
      'results',
      'scoreScales',
      'resources',
      'lineItemLearningObjectiveIds',
      'lineItemScoreScales',
      'resultLearningObjectiveIds',
      'resultScoreScales',
      'classResources',
      'courseResources',
      'userResources',
    ];
    expect(files).toEqual(
      ['academicSessions', 'classes', 'courses', 'enrollments', 'manifest', 'orgs', 'roles', 'users', ...gradebook]
        .map((f) => `${f}.csv`)
        .sort(),
    );
    // Header order exactly as the standard (shared/standards/oneroster-1.2.md).
    const HEADERS: Record<string, string> = {
      users:
        'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,' +
        'identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,' +
        'preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
      categories: 'sourcedId,status,dateLastModified,title,weight',
      lineItems:
        'sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,' +
        'categorySourcedId,academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId',
      results:
        'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,' +
        'comment,textScore,classSourcedId,inProgress,incomplete,late,missing',
      scoreScales:
        'sourcedId,status,dateLastModified,title,type,orgSourcedId,courseSourcedId,classSourcedId,scoreScaleValue',
      resources: 'sourcedId,status,dateLastModified,vendorResourceId,title,roles,importance,vendorId,applicationId',
      lineItemLearningObjectiveIds: 'sourcedId,status,dateLastModified,lineItemSourcedId,source,learningObjectiveId',
      lineItemScoreScales: 'sourcedId,status,dateLastModified,title,lineItemSourcedId,scoreScaleSourcedId',
      resultLearningObjectiveIds:
        'sourcedId,status,dateLastModified,resultSourcedId,source,learningObjectiveId,score,textScore',
      resultScoreScales: 'sourcedId,status,dateLastModified,title,resultSourcedId,scoreScaleSourcedId',
      classResources: 'sourcedId,status,dateLastModified,title,classSourcedId,resourceSourcedId',
      courseResources: 'sourcedId,status,dateLastModified,title,courseSourcedId,resourceSourcedId',
      userResources: 'sourcedId,status,dateLastModified,userSourcedId,orgSourcedId,classSourcedId,resourceSourcedId',
    };
    const firstLines: Record<string, string[]> = {};
    for (const [name, header] of Object.entries(HEADERS)) {
      const records: string[][] = [];
      for await (const record of readCsv(fs.createReadStream(path.join(dir, `${name}.csv`))))
        records.push(record.fields);
      expect(records[0]!.join(','), name).toBe(header);
      expect(
        FILES.find((f) => f.name === name)!
          .columns.map((c) => c.csv)
          .join(','),
        name,
      ).toBe(header);
      // The row this test added (the demo's own categories come before or after it by sourcedId).
      firstLines[name] = records.find((r) => r[0]?.endsWith('-rt')) ?? records[1]!;
    }
    // Derived and new columns are written: a result's class is its line item's.
    const klass = (
      await database.query<{ class_sourced_id: string }>(
        `SELECT class_sourced_id FROM oneroster.line_items WHERE tenant_id = $1 AND sourced_id = 'li-rt'`,
        [demoTenant],
      )
    )[0]!.class_sourced_id;
    expect(firstLines.results).toEqual([
      'res-rt',
      '',
      '',
      'li-rt',
      expect.any(String),
      'fully graded',
      '88.5',
      '2026-09-09T10:00:00.000Z',
      '',
      'B+',
      klass,
      'false',
      'false',
      'true',
      'false',
    ]);
    expect(firstLines.categories).toEqual(['cat-rt', '', '', 'Homework', '0.25']);
    expect(fs.readFileSync(path.join(dir, 'manifest.csv'), 'utf8')).toMatch(
      /file\.users,bulk\r\nfile\.userProfiles,absent/,
    );

    const fresh = await createTenant(database, 'round-trip');
    const reportFile = path.join(dir, '..', `report-${path.basename(dir)}.json`);
    const imported = await schola('oneroster', 'import', dir, '--tenant', 'round-trip', '--report', reportFile);
    expect(imported.exitCode, imported.stdout).toBe(0);
    expect(JSON.parse(fs.readFileSync(reportFile, 'utf8'))).toMatchObject({ ok: true, applied: true, errorCount: 0 });
    const [a, b] = [await content(demoTenant), await content(fresh)];
    expect(a.users!.length).toBeGreaterThan(40);
    // Nothing is lost, values with commas inside multi-valued cells included ("Physical, Health, …").
    expect(JSON.stringify(a.courses)).toContain('Physical, Health, and Safety Education');
    expect(b).toEqual(a);
    // The demo's gradebooks and the rows added here all made the trip (b equals a above).
    for (const name of gradebook.filter((n) => n !== 'categories')) expect(b[name]!.length, name).toBeGreaterThan(0);
    // Categories: the demo district's (tenant-wide, and one per high school) and the one added here.
    expect(b.categories!.length).toBeGreaterThan(1);
    expect(b.users).toEqual(a.users);
    expect(b.enrollments).toEqual(a.enrollments);
  });

  it('import: exit code 1 with the bad rows listed and nothing applied; 2 for an unknown tenant', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'or-bad-'));
    fs.writeFileSync(
      path.join(dir, 'manifest.csv'),
      'propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\nfile.orgs,bulk\n',
    );
    fs.writeFileSync(
      path.join(dir, 'orgs.csv'),
      'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\no1,,,Org,school,,\no2,,,Org 2,' +
        'planet,,\n',
    );
    const tenantId = await createTenant(database, 'cli-bad');
    const bad = await schola('oneroster', 'import', dir, '--tenant', 'cli-bad');
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toMatch(/ERROR orgs\.csv:3 \[type\]: must be one of/);
    expect(await database.query(`SELECT 1 FROM oneroster.orgs WHERE tenant_id = $1`, [tenantId])).toEqual([]);
    const partial = await schola('oneroster', 'import', dir, '--tenant', 'cli-bad', '--partial');
    expect(partial.exitCode).toBe(1);
    expect(await database.query(`SELECT sourced_id FROM oneroster.orgs WHERE tenant_id = $1`, [tenantId])).toEqual([
      { sourced_id: 'o1' },
    ]);
    expect((await schola('oneroster', 'import', dir, '--tenant', 'no-such-tenant')).exitCode).toBe(2);
  });
});
