/**
 * What a rejected row does to the rest of the package: rows that reference it are rejected with the
 * real reason (the referenced row's file, line and problem, never "neither in the package nor in
 * Schola"), --partial applies everything that does not depend on a bad row, the summary of a run
 * that applied nothing says so without claiming insertions, and no input crashes the import: a bad
 * user with demographics, a corrupt zip entry, something that is not a zip, a header naming a
 * column twice — each is a line of the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { importPackage } from './import.js';
import { reportText, type ImportReport } from './report.js';
import { basePackage, createTenant, manifest, writeDirectory, zipOf } from '../../../../test/support/oneroster-csv.js';
import { writeZip } from './zip-writer.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<R>(text, params);
const idsOf = async (table: string, tenantId: string) =>
  (
    await q<{ id: string }>(`SELECT sourced_id AS id FROM oneroster.${table} WHERE tenant_id = $1 ORDER BY 1`, [
      tenantId,
    ])
  ).map((r) => r.id);
const errors = (report: ImportReport) =>
  report.issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${i.file}:${i.line}${i.column ? ` [${i.column}]` : ''} ${i.reason}`);

describe('rejected rows and what depends on them', () => {
  it('names the real reason down the chain; --partial applies exactly what does not depend on a bad row', async () => {
    const tenantId = await createTenant(database, 'cascade');
    const files = basePackage();
    // The school is rejected for its type; everything at that school depends on it.
    files.orgs = files.orgs!.replace('school,S1,d1', 'campus,S1,d1');
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(report.applied).toBe(false);
    const found = errors(report);
    expect(found).not.toEqual(
      expect.arrayContaining([expect.stringContaining('neither in the package nor in Schola')]),
    );
    const school =
      'which is rejected (orgs.csv:3 [type]: must be one of department, district, local, national, school, state)';
    const s1 = 'references orgs "s1", which is rejected (orgs.csv:3)';
    const rejectedAt = (where: string) => `which is rejected (${where}: ${s1})`;
    expect(found).toEqual(
      expect.arrayContaining([
        'orgs:3 [type] must be one of department, district, local, national, school, state',
        `classes:2 [schoolSourcedId] references orgs "s1", ${school}`,
        `users:2 [primaryOrgSourcedId] references orgs "s1", ${school}`,
        // One level at a time: the user's own reason names the school's row, not its reason again.
        `roles:2 [userSourcedId] references users "u1", ${rejectedAt('users.csv:2 [primaryOrgSourcedId]')}`,
        `enrollments:2 [classSourcedId] references classes "k1", ${rejectedAt('classes.csv:2 [schoolSourcedId]')}`,
        `demographics:2 [sourcedId] references users "u2", ${rejectedAt('users.csv:3 [primaryOrgSourcedId]')}`,
      ]),
    );
    // Nothing applied: the summary says what --partial would do, never "inserted".
    const text = reportText(report);
    expect(text).toMatch(/nothing applied/);
    expect(text).not.toMatch(/\binserted\b/);
    expect(text).toContain(
      'academicSessions.csv (bulk): 2 rows, 0 bad; ' +
        'not applied (--partial would insert 2, update 0, mark 0 tobedeleted)',
    );
    expect(report.files.find((f) => f.file === 'academicSessions')).toMatchObject({
      applied: false,
      inserted: 0,
      wouldApply: { inserted: 2, updated: 0, markedToBeDeleted: 0 },
    });

    const partial = await importPackage(database, tenantId, zipOf(files), { partial: true });
    expect(partial.applied).toBe(true);
    expect(errors(partial)).toEqual(found);
    expect(await idsOf('orgs', tenantId)).toEqual(['d1']);
    expect(await idsOf('academic_sessions', tenantId)).toEqual(['t1', 'y1']);
    expect(await idsOf('courses', tenantId)).toEqual(['c1']);
    expect(await idsOf('categories', tenantId)).toEqual(['cat1']);
    for (const table of ['classes', 'users', 'roles', 'enrollments', 'demographics', 'line_items', 'results'])
      expect(await idsOf(table, tenantId), table).toEqual([]);
    expect(reportText(partial)).toMatch(/orgs\.csv \(bulk\): 2 rows, 1 bad; 1 inserted/);
  });

  it('a bad user who has demographics: reported, no crash; --partial stores the other demographics', async () => {
    const tenantId = await createTenant(database, 'demographics');
    const files = basePackage();
    files.users = files.users!.replace('u2,,,true,', 'u2,,,maybe,');
    files.demographics += '\nu3,,,2011-05-06,female,,,,,,,,,,,';
    files.demographics += '\nu9,,,2011-05-06,female,,,,,,,,,,,';
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(report.applied).toBe(false);
    expect(errors(report)).toEqual(
      expect.arrayContaining([
        'users:3 [enabledUser] must be true or false',
        'demographics:2 [sourcedId] references users "u2", ' +
          'which is rejected (users.csv:3 [enabledUser]: must be true or false)',
        'demographics:4 [sourcedId] references users "u9", which is neither in the package nor in Schola',
      ]),
    );
    const partial = await importPackage(database, tenantId, zipOf(files), { partial: true });
    expect(partial.applied).toBe(true);
    expect(await idsOf('demographics', tenantId)).toEqual(['u3']);
  });

  it('a row withdrawn in the package: its dependants say so', async () => {
    const tenantId = await createTenant(database, 'withdrawn');
    const files = basePackage();
    files.orgs += '\ns2,tobedeleted,,Closed School,school,S2,d1';
    files.classes += '\nk3,,,Closed Class,09,c1,C-3,scheduled,,s2,t1,,,';
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(errors(report)).toEqual([
      // k2's location holds a line break: k3 is on line 5.
      'classes:5 [schoolSourcedId] references orgs "s2", which the package marks tobedeleted (orgs.csv:4)',
    ]);
  });

  it('roles.csv naming a column twice: the column is named and its 7 rows are counted', async () => {
    const tenantId = await createTenant(database, 'roles-header');
    const files = basePackage();
    const [header, ...rows] = files.roles!.split('\n');
    files.roles = [
      `${header},role,`,
      ...[...rows, ...rows.slice(0, 3).map((r) => r.replace(/^r/, 'x'))].map((r) => `${r},teacher,`),
    ].join('\n');
    const report = await importPackage(database, tenantId, zipOf(files), { partial: true });
    expect(report.issues.filter((i) => i.file === 'roles')).toEqual([
      {
        file: 'roles',
        line: 1,
        column: 'role',
        severity: 'error',
        reason: 'the column "role" appears twice in the header (columns 6 and 11)',
      },
      { file: 'roles', line: 1, severity: 'warning', reason: 'column 12 has no name: ignored' },
    ]);
    expect(report.files.find((f) => f.file === 'roles')).toMatchObject({ rows: 7, badRows: 7, applied: false });
    expect(reportText(report)).toContain(
      'roles.csv (bulk): 7 rows, 7 bad; not applied ' +
        '(roles.csv:1 [role]: the column "role" appears twice in the header (columns 6 and 11))',
    );
    expect(await idsOf('roles', tenantId)).toEqual([]);
    expect(await idsOf('users', tenantId)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });
});

describe('no input crashes the import: every failure is a line of the report', () => {
  it('a zip entry that fails its CRC-32, and a body that is not a zip', async () => {
    const tenantId = await createTenant(database, 'corrupt');
    const entries = Object.entries(basePackage()).map(([name, content]) => ({
      name: `${name}.csv`,
      content,
      store: true,
    }));
    const zip = writeZip(entries);
    zip[zip.indexOf('Algebra I P1')] = 'a'.charCodeAt(0);
    const report = await importPackage(database, tenantId, zip, { partial: true });
    expect(errors(report)).toEqual(
      expect.arrayContaining([
        'classes:0 cannot be read from the package: classes.csv: CRC-32 mismatch, the entry is corrupt',
        'enrollments:2 [classSourcedId] references classes "k1", which is not in Schola, and classes.csv was not ' +
          'applied (classes.csv: cannot be read from the package: classes.csv: CRC-32 mismatch, the entry is corrupt)',
      ]),
    );
    expect(await idsOf('classes', tenantId)).toEqual([]);
    expect(await idsOf('users', tenantId)).toEqual(['u1', 'u2', 'u3', 'u4']);

    const notZip = await importPackage(database, tenantId, Buffer.from('sourcedId,name\r\n'));
    expect(notZip).toMatchObject({ ok: false, applied: false, files: [] });
    expect(errors(notZip)).toEqual([
      expect.stringMatching(
        /^package:0 not a usable zip archive: end of central directory record signature not found/i,
      ),
    ]);
  });

  it('a file that cannot be read (broken quoting, bad header, not in the package): its dependants say so', async () => {
    const tenantId = await createTenant(database, 'broken-quote');
    const files = basePackage();
    files.courses = files.courses!.replace('Algebra I', '"Algebra" I');
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(errors(report)).toEqual(
      expect.arrayContaining([
        'courses:2 not valid CSV: text after the closing quote of a field',
        'classes:2 [courseSourcedId] references courses "c1", which is not in Schola, and courses.csv was not ' +
          'applied (courses.csv:2: not valid CSV: text after the closing quote of a field)',
      ]),
    );
    // A file the manifest declares but the package lacks: reported once, and its dependants say so.
    const withoutOrgs = basePackage();
    delete withoutOrgs.orgs;
    const missing = await importPackage(database, tenantId, writeDirectory(withoutOrgs));
    expect(errors(missing)).toEqual(
      expect.arrayContaining([
        'manifest.csv:0 [file.orgs] declared bulk but orgs.csv is not in the package',
        'courses:2 [orgSourcedId] references orgs "d1", which is not in Schola, and orgs.csv was not applied ' +
          '(orgs.csv: declared bulk in manifest.csv but not in the package)',
      ]),
    );
    const manifestOnly = await importPackage(
      database,
      tenantId,
      zipOf({ manifest: manifest({ orgs: 'bulk' }), orgs: 'sourcedId,name\n' }),
    );
    expect(errors(manifestOnly)).toEqual(['orgs:1 [type] required column missing from the header']);
  });
});
