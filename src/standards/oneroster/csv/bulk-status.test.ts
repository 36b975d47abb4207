/**
 * Bulk rows' status and dateLastModified are honoured as in delta: a tobedeleted row is withdrawn
 * (not served by REST, not exported), a given dateLastModified is stored, and invalid values of
 * either are errors naming the cell.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OR_SCOPE, oneRosterFixture, type Fixture } from '../../../../test/support/oneroster-fixture.js';
import { exportPackage } from './export.js';
import { importPackage } from './import.js';
import { reportText } from './report.js';
import { manifest, zipOf } from '../../../../test/support/oneroster-csv.js';

let f: Fixture;
let token: string;
beforeAll(async () => {
  f = await oneRosterFixture();
  token = await f.token([`${OR_SCOPE}gradebook.readonly`]);
});
afterAll(async () => {
  await f?.close();
});

const CATEGORIES = 'sourcedId,status,dateLastModified,title,weight';
const categories = (...rows: string[]) => ({
  manifest: manifest({ categories: 'bulk' }),
  categories: [CATEGORIES, ...rows].join('\r\n'),
});
// The rows these packages carry (the demo district's own categories are withdrawn by the first bulk import).
const stored = () =>
  f.sql<{ id: string; status: string; modified: string }>(
    `SELECT sourced_id AS id, status,
       to_char(date_last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') AS modified
     FROM oneroster.categories WHERE tenant_id = $1 AND sourced_id LIKE 'cat-%' ORDER BY 1`,
    [f.tenantId],
  );
const rest = (id: string) => f.get(`/ims/oneroster/gradebook/v1p2/categories/${id}`, token);

describe('bulk status and dateLastModified', () => {
  it('a tobedeleted bulk row is withdrawn (not served, not exported); dateLastModified is kept', async () => {
    const first = await importPackage(
      f.database,
      f.tenantId,
      zipOf(
        categories('cat-a,,,Homework,0.5', 'cat-b,active,2026-09-01T08:00:00Z,Tests,0.5', 'cat-c,tobedeleted,,Old,'),
      ),
    );
    expect(first.issues, reportText(first)).toEqual([]);
    // cat-c was never in Schola: there is nothing to withdraw, and nothing is inserted.
    expect(await stored()).toEqual([
      { id: 'cat-a', status: 'active', modified: expect.any(String) },
      { id: 'cat-b', status: 'active', modified: '2026-09-01T08:00:00' },
    ]);
    expect((await rest('cat-c')).statusCode).toBe(404);

    const second = await importPackage(
      f.database,
      f.tenantId,
      zipOf(categories('cat-a,,,Homework,0.5', 'cat-b,tobedeleted,2026-10-01T00:00:00Z,Tests,0.5')),
    );
    expect(second.issues, reportText(second)).toEqual([]);
    expect(second.files[0]).toMatchObject({ rows: 2, badRows: 0, unchanged: 1, markedToBeDeleted: 1 });
    expect(await stored()).toEqual([
      { id: 'cat-a', status: 'active', modified: expect.any(String) },
      { id: 'cat-b', status: 'tobedeleted', modified: '2026-10-01T00:00:00' },
    ]);
    expect((await rest('cat-a')).statusCode).toBe(200);
    expect((await rest('cat-b')).statusCode).toBe(404);
    const list = await f.get('/ims/oneroster/gradebook/v1p2/categories', token);
    expect((list.json() as { categories: { sourcedId: string }[] }).categories.map((c) => c.sourcedId)).toEqual([
      'cat-a',
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'or-bulk-status-'));
    expect((await exportPackage(f.database, f.tenantId, dir)).files.categories).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'categories.csv'), 'utf8')).not.toContain('cat-b');
  });

  it('reports an invalid status or dateLastModified of a bulk row with line and column, and stores none', async () => {
    const report = await importPackage(
      f.database,
      f.tenantId,
      zipOf(categories('cat-x,deleted,,Projects,', 'cat-y,,yesterday,Labs,', 'cat-z,Active,,Quizzes,')),
      { partial: true },
    );
    expect(report.issues.map((i) => `${i.file}:${i.line} [${i.column}] ${i.reason}`)).toEqual([
      'categories:2 [status] must be active or tobedeleted',
      'categories:3 [dateLastModified] must be an ISO 8601 date-time with a time zone (2025-01-31T12:00:00Z)',
      'categories:4 [status] must be active or tobedeleted',
    ]);
    expect(report.files[0]).toMatchObject({ rows: 3, badRows: 3, inserted: 0 });
    expect((await stored()).map((r) => r.id)).not.toContain('cat-x');
  });
});
