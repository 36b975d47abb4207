/**
 * A newcomer's first load: `schola edfi load samples/edfi-grand-bend/xml --tenant new` into a fresh
 * database (no descriptors) must not reject records for want of descriptors — the loader loads the
 * standard Ed-Fi descriptors first, once per database.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { loadInterchange } from './load.js';
import { reportText, type LoadReport } from './report.js';
import { GRAND_BEND_SAMPLE } from './sample.js';
import { missingStandardDescriptors } from './standard-descriptors.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

async function createTenant(slug: string): Promise<void> {
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    randomUUID(),
    slug,
    slug,
  ]);
}

const descriptorRejections = (report: LoadReport) => report.errors.filter((e) => /descriptor/i.test(e.reason));

describe('standard Ed-Fi descriptors on first use', () => {
  it('a fresh database lacks them; loading the sample interchange files loads them first and rejects nothing for want of one', async () => {
    expect(await missingStandardDescriptors(database)).toBeGreaterThan(3000);
    await createTenant('new');
    const report = await loadInterchange(database, 'new', [path.join(GRAND_BEND_SAMPLE, 'xml')]);
    console.log(reportText(report, 10));
    expect(report.standardDescriptors).toEqual({ loaded: 3298, rejected: 0 });
    expect(reportText(report)).toMatch(/^standard Ed-Fi descriptors were missing: loaded 3298 first \(0 rejected\)/);
    expect(descriptorRejections(report)).toEqual([]);
    expect(report.rejected).toBe(0);
    const notStored = Object.values(report.notStored).reduce((a, b) => a + b, 0);
    expect(report.loaded).toBe(report.records - notStored);
    expect(await missingStandardDescriptors(database)).toBe(0);
  });

  it('a second tenant finds them present (global reference data): they are not loaded again', async () => {
    await createTenant('second');
    const report = await loadInterchange(database, 'second', [
      path.join(GRAND_BEND_SAMPLE, 'xml', 'EducationOrganization.xml'),
    ]);
    expect(report.standardDescriptors).toBeUndefined();
    expect(report.rejected).toBe(0);
    expect(report.loaded).toBeGreaterThan(0);
  });
});
