/**
 * A real-world-shaped 1.2 package the import had never seen (test/fixtures/oneroster-csv/lakeside-1.2, written by hand
 * from the CSV binding 1.2.1 as an SIS exports it: zipped inside a folder, CRLF, byte-order marks,
 * booleans in any casing, quoted commas, an empty optional file, files declared absent, withdrawn
 * bulk rows) imports with exactly the expected report, and again with nothing to change.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { importPackage } from './import.js';
import type { FileSummary, ImportReport } from './report.js';
import { createTenant } from '../../../../test/support/oneroster-csv.js';
import { writeZip } from './zip-writer.js';

const FIXTURE = new URL('../../../../test/fixtures/oneroster-csv/lakeside-1.2/', import.meta.url);

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<R>(text, params);

/** The package as the SIS ships it: every CSV, byte for byte, in a dated folder of one zip. */
function lakesideZip(): Buffer {
  const names = fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.csv'));
  return writeZip(
    names.map((name) => ({
      name: `Lakeside_OneRoster_2026-09-20/${name}`,
      content: fs.readFileSync(new URL(name, FIXTURE)),
    })),
  );
}

const inserted = (file: string, rows: number, insertedRows = rows): FileSummary => ({
  file,
  mode: 'bulk',
  stored: true,
  rows,
  badRows: 0,
  applied: true,
  inserted: insertedRows,
  updated: 0,
  unchanged: 0,
  markedToBeDeleted: 0,
});

const EXPECTED: ImportReport = {
  version: '1.2',
  ok: true,
  applied: true,
  partial: false,
  errorCount: 0,
  warningCount: 0,
  issuesOmitted: 0,
  files: [
    inserted('academicSessions', 4),
    inserted('orgs', 3),
    inserted('courses', 3),
    inserted('classes', 3),
    // Withdrawn rows (tobedeleted) of a student Schola never had: counted, nothing to withdraw.
    inserted('users', 5, 4),
    inserted('roles', 6, 5),
    inserted('enrollments', 6, 5),
    inserted('demographics', 0),
    inserted('categories', 1),
    inserted('lineItems', 1),
    inserted('results', 1),
  ],
  issues: [],
};

describe('a real-world-shaped OneRoster 1.2 package', () => {
  it('imports with exactly the expected report and stores what it says', async () => {
    const tenantId = await createTenant(database, 'lakeside');
    expect(await importPackage(database, tenantId, lakesideZip())).toEqual(EXPECTED);

    expect(
      await q(
        `SELECT sourced_id, enabled_user, family_name, user_ids, grades, metadata,
           date_last_modified IS NOT NULL AS dated
         FROM oneroster.users WHERE tenant_id = $1 ORDER BY sourced_id`,
        [tenantId],
      ),
    ).toEqual([
      {
        sourced_id: 'usr-p-1',
        enabled_user: true,
        family_name: 'Smith',
        user_ids: null,
        grades: null,
        metadata: null,
        dated: true,
      },
      {
        sourced_id: 'usr-s-1',
        enabled_user: true,
        family_name: 'Smith, Jr.',
        user_ids: [{ type: 'SIS', identifier: 'S2001' }],
        grades: ['09'],
        metadata: { 'ext:house': 'Heron, Blue' },
        dated: true,
      },
      {
        sourced_id: 'usr-s-2',
        enabled_user: false,
        family_name: 'Okafor',
        user_ids: [{ type: 'SIS', identifier: 'S2002' }],
        grades: ['07'],
        metadata: null,
        dated: true,
      },
      {
        sourced_id: 'usr-t-1',
        enabled_user: true,
        family_name: 'Garcia',
        user_ids: [
          { type: 'SIS', identifier: 'T1001' },
          { type: 'LDAP', identifier: 'mgarcia' },
        ],
        grades: null,
        metadata: null,
        dated: true,
      },
    ]);
    const [teacher] = await q<{ modified: string }>(
      `SELECT to_char(date_last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS modified
       FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'usr-t-1'`,
      [tenantId],
    );
    expect(teacher!.modified).toBe('2026-08-01T12:00:00');
    expect(
      await q(
        `SELECT sourced_id, title, location, term_sourced_ids, periods, metadata FROM oneroster.classes
         WHERE tenant_id = $1 ORDER BY sourced_id`,
        [tenantId],
      ),
    ).toEqual([
      {
        sourced_id: 'cls-alg1-p1',
        title: 'Algebra I, Period 1',
        location: 'Room 214, Building B',
        term_sourced_ids: ['sem-1', 'sem-2'],
        periods: ['1'],
        metadata: null,
      },
      {
        sourced_id: 'cls-hr-9',
        title: 'Homeroom 9',
        location: null,
        term_sourced_ids: ['sem-1'],
        periods: null,
        metadata: null,
      },
      {
        sourced_id: 'cls-pe-a',
        title: 'PE 6/7/8 A',
        location: 'Gym',
        term_sourced_ids: ['sem-1'],
        periods: ['2', '3'],
        metadata: null,
      },
    ]);
    expect(
      await q(
        `SELECT sourced_id, title, school_year_sourced_id, grades FROM oneroster.courses
         WHERE tenant_id = $1 AND sourced_id = 'crs-pe'`,
        [tenantId],
      ),
    ).toEqual([
      {
        sourced_id: 'crs-pe',
        title: 'Physical, Health, and Safety Education',
        school_year_sourced_id: null,
        grades: ['06', '07', '08'],
      },
    ]);
    expect(
      await q(
        `SELECT e.sourced_id, e.primary_enrollment FROM oneroster.enrollments e WHERE e.tenant_id = $1 ORDER BY 1`,
        [tenantId],
      ),
    ).toEqual([
      { sourced_id: 'enr-1', primary_enrollment: true },
      { sourced_id: 'enr-2', primary_enrollment: false },
      { sourced_id: 'enr-3', primary_enrollment: true },
      { sourced_id: 'enr-4', primary_enrollment: false },
      // primary left empty: not stated.
      { sourced_id: 'enr-6', primary_enrollment: null },
    ]);
    expect(
      await q(`SELECT comment, score::float8 AS score, late FROM oneroster.results WHERE tenant_id = $1`, [tenantId]),
    ).toEqual([{ comment: 'Good work, check #4', score: 18.5, late: false }]);
    expect(
      await q(`SELECT name FROM oneroster.orgs WHERE tenant_id = $1 AND sourced_id = 'org-hs'`, [tenantId]),
    ).toEqual([{ name: 'Lakeside High School, North Campus' }]);

    // The next night's identical export changes nothing.
    const again = await importPackage(database, tenantId, lakesideZip());
    expect(again.issues).toEqual([]);
    expect(again.files.map((f) => [f.file, f.inserted, f.updated, f.unchanged, f.markedToBeDeleted])).toEqual(
      EXPECTED.files.map((f) => [f.file, 0, 0, f.inserted, 0]),
    );
  });
});
