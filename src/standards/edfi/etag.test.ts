/**
 * The Ed-Fi `_etag` covers the whole resource: references and child collections included. A change
 * to either (here made behind the API's back, lastModifiedDate kept) changes it, a stale If-Match is
 * 412, and two PUTs holding the same ETag cannot both win.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtClient, edfiServer, edfiTenant } from '../../../test/support/edfi-api.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { ensureDemoDescriptors } from '../../demo/descriptors.js';

const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
const BASE = '/data/v3/ed-fi';
const SCHOOL = 255901001;

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let location: string;

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const gradeLevels = (...codes: string[]) =>
  codes.map((code) => ({ gradeLevelDescriptor: D('GradeLevelDescriptor', code) }));
const school = (name: string, levels = gradeLevels('Ninth grade')) => ({
  schoolId: SCHOOL,
  nameOfInstitution: name,
  localEducationAgencyReference: { localEducationAgencyId: 255901 },
  gradeLevels: levels,
});
const descriptorId = async (code: string) =>
  (
    await database.query<{ id: number }>(
      `SELECT descriptorid AS id FROM edfi.descriptor WHERE descriptortype = 'GradeLevelDescriptor' AND codevalue = $1`,
      [code],
    )
  )[0]!.id;

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = await edfiTenant(database, 'Ed-Fi ISD', 'edfi-etag');
  await ensureDemoDescriptors(database.db);
  const principal = districtClient(tenantId);
  app = await edfiServer(database, () => principal);
  for (const id of [255901, 255902]) {
    const lea = await call('POST', `${BASE}/localEducationAgencies`, {
      localEducationAgencyId: id,
      nameOfInstitution: `LEA ${id}`,
      localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor', 'Independent'),
    });
    expect(lea.statusCode, lea.body).toBe(201);
  }
  const created = await call('POST', `${BASE}/schools`, school('Grand Bend High'));
  expect(created.statusCode, created.body).toBe(201);
  location = created.headers.location as string;
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('Ed-Fi _etag', () => {
  it('changes when a child collection element changes, and a stale If-Match is then 412', async () => {
    const before = (await call('GET', location)).json();
    await database.query(
      `UPDATE edfi.schoolgradelevel SET gradeleveldescriptorid = $1 WHERE tenant_id = $2 AND schoolid = $3`,
      [await descriptorId('Tenth grade'), tenantId, SCHOOL],
    );
    // The child's change touched the parent's lastModifiedDate: put it back, so only the child item differs.
    await database.query(`UPDATE edfi.school SET lastmodifieddate = $1 WHERE tenant_id = $2 AND schoolid = $3`, [
      before._lastModifiedDate,
      tenantId,
      SCHOOL,
    ]);
    const after = await call('GET', location, undefined, { 'if-none-match': `"${before._etag}"` });
    expect(after.statusCode).toBe(200);
    expect(after.json().gradeLevels).toEqual(gradeLevels('Tenth grade'));
    expect(after.json()._lastModifiedDate).toBe(before._lastModifiedDate);
    expect(after.json()._etag).not.toBe(before._etag);
    const stale = await call('PUT', location, school('Stale'), { 'if-match': `"${before._etag}"` });
    expect(stale.statusCode).toBe(412);
  });

  it('changes when a reference changes', async () => {
    const before = (await call('GET', location)).json();
    await database.query(
      `UPDATE edfi.school SET localeducationagencyid = 255902, lastmodifieddate = $1 WHERE tenant_id = $2
        AND schoolid = $3`,
      [before._lastModifiedDate, tenantId, SCHOOL],
    );
    const after = (await call('GET', location)).json();
    expect(after.localEducationAgencyReference).toEqual({ localEducationAgencyId: 255902 });
    expect(after._lastModifiedDate).toBe(before._lastModifiedDate);
    expect(after._etag).not.toBe(before._etag);
  });

  it('two concurrent PUTs with the same If-Match: exactly one wins, the other is 412', async () => {
    const { _etag: etag, id } = (await call('GET', location)).json();
    const results = await Promise.all(
      ['One', 'Two'].map((name) => call('PUT', location, { ...school(name), id }, { 'if-match': `"${etag}"` })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([204, 412]);
    const winner = results.findIndex((r) => r.statusCode === 204);
    expect((await call('GET', location)).json().nameOfInstitution).toBe(['One', 'Two'][winner]);
  });
});
