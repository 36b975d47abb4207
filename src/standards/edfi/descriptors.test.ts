/**
 * Descriptor writes through the Ed-Fi API: PUT (ETag, If-Match, fixed identity), DELETE (409 while
 * referenced, tracked in /deletes for every Ed-Fi tenant), who may write, case-insensitive URIs.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { ensureDemoDescriptors } from '../../demo/descriptors.js';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import type { Principal } from '../../platform/auth/roles.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { edfiApiRoutes } from './routes.js';

const EDFI = 'https://schola.dev/scope/edfi';
const BASE = '/data/v3/ed-fi';
const GRADES = `${BASE}/gradeLevelDescriptors`;
const LOCAL = 'uri://grandbend.edu/GradeLevelDescriptor';

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let otherTenantId: string;
let principal: Principal;
const district = (tenant = tenantId): Principal => ({
  kind: 'client',
  tenantId: tenant,
  actorId: 'district-client',
  roles: ['api_client'],
  scopes: [EDFI],
});

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function post(url: string, body: unknown) {
  const res = await call('POST', url, body);
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
}

async function createTenant(): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Ed-Fi ISD', 'district')`, [
    id,
    `edfi-${id.slice(0, 8)}`,
  ]);
  await tenantTransaction(database, id, ({ tx }) => seedDefaultPolicies(tx, id));
  return id;
}

/** A fresh local grade level; returns its location and current ETag. */
async function localGrade(codeValue: string): Promise<{ url: string; etag: string }> {
  const res = await post(GRADES, { namespace: LOCAL, codeValue, shortDescription: codeValue });
  return { url: res.headers.location as string, etag: res.headers.etag as string };
}

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = await createTenant();
  otherTenantId = await createTenant();
  await ensureDemoDescriptors(database.db);
  principal = district();
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
    ],
  });
  await post(`${BASE}/localEducationAgencies`, {
    localEducationAgencyId: 255901,
    nameOfInstitution: 'Grand Bend ISD',
    localEducationAgencyCategoryDescriptor: 'uri://ed-fi.org/LocalEducationAgencyCategoryDescriptor#Independent',
  });
  await post(`${BASE}/schools`, {
    schoolId: 255901001,
    nameOfInstitution: 'Grand Bend High School',
    localEducationAgencyReference: { localEducationAgencyId: 255901 },
  });
  await post(`${BASE}/students`, {
    studentUniqueId: '604821',
    firstName: 'Tyrone',
    lastSurname: 'Dyer',
    birthDate: '2014-11-13',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('PUT /{x}Descriptors/{id}', () => {
  it('updates shortDescription: 204 with a new ETag, and GET shows the change under that ETag', async () => {
    principal = district();
    const { url, etag } = await localGrade('Pre-K 3');
    expect(etag).toMatch(/^"[^"]+"$/);
    const put = await call(
      'PUT',
      url,
      {
        namespace: LOCAL,
        codeValue: 'Pre-K 3',
        shortDescription: 'Pre-kindergarten (age 3)',
        effectiveBeginDate: '2024-07-01',
      },
      { 'if-match': etag },
    );
    expect(put.statusCode).toBe(204);
    expect(put.headers.etag).toBeTruthy();
    expect(put.headers.etag).not.toBe(etag);
    const got = await call('GET', url);
    expect(got.json()).toMatchObject({
      codeValue: 'Pre-K 3',
      namespace: LOCAL,
      shortDescription: 'Pre-kindergarten (age 3)',
      effectiveBeginDate: '2024-07-01',
    });
    expect(got.headers.etag).toBe(put.headers.etag);
    expect((await call('GET', url, undefined, { 'if-none-match': put.headers.etag as string })).statusCode).toBe(304);
  });

  it('a stale If-Match is 412 optimistic-lock-failed and changes nothing', async () => {
    const { url, etag } = await localGrade('Pre-K 4');
    expect(
      (await call('PUT', url, { namespace: LOCAL, codeValue: 'Pre-K 4', shortDescription: 'first' })).statusCode,
    ).toBe(204);
    const stale = await call(
      'PUT',
      url,
      { namespace: LOCAL, codeValue: 'Pre-K 4', shortDescription: 'second' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: 'urn:ed-fi:api:optimistic-lock-failed', status: 412 });
    expect((await call('GET', url)).json().shortDescription).toBe('first');
  });

  it('the identity is fixed: another codeValue or namespace is 400; a change of letter case alone is the same key', async () => {
    const { url } = await localGrade('Grade 13');
    const renamed = await call('PUT', url, { namespace: LOCAL, codeValue: 'Grade Thirteen', shortDescription: 'x' });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json()).toMatchObject({
      type: 'urn:ed-fi:api:bad-request',
      detail: expect.stringContaining('cannot be changed'),
    });
    expect(
      (
        await call('PUT', url, {
          namespace: 'uri://other.edu/GradeLevelDescriptor',
          codeValue: 'Grade 13',
          shortDescription: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call('PUT', url, { namespace: LOCAL.toUpperCase(), codeValue: 'GRADE 13', shortDescription: 'Same key' }))
        .statusCode,
    ).toBe(204);
    expect((await call('GET', url)).json()).toMatchObject({
      namespace: LOCAL,
      codeValue: 'Grade 13',
      shortDescription: 'Same key',
    });
  });

  it('validates the body (naming the field), the id in the body, and answers 404 for unknown ids or another type', async () => {
    const { url } = await localGrade('Grade 14');
    const invalid = await call('PUT', url, {
      namespace: LOCAL,
      codeValue: 'Grade 14',
      effectiveBeginDate: '2024-09-01',
      effectiveEndDate: '2024-08-01',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().validationErrors).toEqual({
      '$.shortDescription': ['is required'],
      '$.effectiveEndDate': ['must not be before effectiveBeginDate'],
    });
    expect(
      (
        await call('PUT', url, { id: randomUUID(), namespace: LOCAL, codeValue: 'Grade 14', shortDescription: 'x' })
      ).json().validationErrors,
    ).toEqual({ '$.id': ['does not match the resource id in the URL'] });
    expect(
      (
        await call('PUT', `${GRADES}/${randomUUID()}`, {
          namespace: LOCAL,
          codeValue: 'Grade 14',
          shortDescription: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call('PUT', url.replace('gradeLevelDescriptors', 'termDescriptors'), {
          namespace: LOCAL,
          codeValue: 'Grade 14',
          shortDescription: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect((await call('DELETE', `${GRADES}/not-a-uuid`)).statusCode).toBe(404);
  });
});

describe('DELETE /{x}Descriptors/{id}', () => {
  it('an unused descriptor: 204, gone, and listed in /deletes with its change version for every Ed-Fi tenant', async () => {
    principal = district();
    const { url, etag } = await localGrade('Grade 15');
    const id = url.split('/').pop()!;
    const before = (await call('GET', '/changeQueries/v1/availableChangeVersions')).json<{
      newestChangeVersion: number;
    }>().newestChangeVersion;
    expect((await call('DELETE', url, undefined, { 'if-match': '"stale"' })).statusCode).toBe(412);
    expect((await call('DELETE', url, undefined, { 'if-match': etag })).statusCode).toBe(204);
    expect((await call('GET', url)).statusCode).toBe(404);
    expect((await call('DELETE', url)).statusCode).toBe(404);

    const deletes = await call('GET', `${GRADES}/deletes?minChangeVersion=${before + 1}&totalCount=true`);
    expect(deletes.statusCode).toBe(200);
    expect(deletes.json()).toEqual([
      { id, changeVersion: expect.any(Number), keyValues: { namespace: LOCAL, codeValue: 'Grade 15' } },
    ]);
    expect(deletes.headers['total-count']).toBe('1');
    const changeVersion = deletes.json()[0].changeVersion as number;
    expect(changeVersion).toBeGreaterThan(before);
    expect((await call('GET', `${GRADES}/deletes?minChangeVersion=${changeVersion + 1}`)).json()).toEqual([]);
    expect((await call('GET', `${BASE}/termDescriptors/deletes`)).json()).toEqual([]);
    expect((await call('GET', `${GRADES}/keyChanges`)).json()).toEqual([]);
    expect((await call('GET', `${GRADES}/deletes?schoolId=1`)).statusCode).toBe(400);

    // Descriptors are global: the other district learns of the delete too, with the same change version.
    principal = district(otherTenantId);
    expect((await call('GET', `${GRADES}/deletes`)).json()).toContainEqual({
      id,
      changeVersion,
      keyValues: { namespace: LOCAL, codeValue: 'Grade 15' },
    });
    principal = district();
  });

  it('a descriptor still referenced (a studentSchoolAssociation entry grade) is 409 dependent-item-exists and stays', async () => {
    await post(`${BASE}/studentSchoolAssociations`, {
      studentReference: { studentUniqueId: '604821' },
      schoolReference: { schoolId: 255901001 },
      entryDate: '2024-08-20',
      entryGradeLevelDescriptor: 'uri://ed-fi.org/GradeLevelDescriptor#Ninth grade',
    });
    const ninth = (await call('GET', `${GRADES}?codeValue=Ninth%20grade`)).json()[0] as { id: string };
    const refused = await call('DELETE', `${GRADES}/${ninth.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      type: 'urn:ed-fi:api:data-conflict:dependent-item-exists',
      detail: expect.stringContaining('studentschoolassociation'),
    });
    expect((await call('GET', `${GRADES}/${ninth.id}`)).statusCode).toBe(200);
    expect((await call('GET', `${GRADES}/deletes`)).json().map((d: { id: string }) => d.id)).not.toContain(ninth.id);
  });
});

describe('who may write descriptors', () => {
  it('a school-bound client gets 403 on POST, PUT and DELETE; a signed-in person too; reads stay open', async () => {
    principal = district();
    const { url } = await localGrade('Grade 16');
    const body = { namespace: LOCAL, codeValue: 'Grade 16', shortDescription: 'school says' };
    principal = { ...district(), actorId: 'school-client', schoolIds: [255901001] };
    for (const res of [await call('PUT', url, body), await call('DELETE', url), await call('POST', GRADES, body)]) {
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('urn:ed-fi:api:security:authorization');
    }
    expect((await call('GET', url)).json().shortDescription).toBe('Grade 16');
    expect((await call('GET', `${GRADES}/deletes`)).statusCode).toBe(200);
    principal = { kind: 'user', tenantId, actorId: 'admin-1', roles: ['district_admin'], scopes: [EDFI] };
    expect((await call('PUT', url, body)).statusCode).toBe(403);
    principal = district();
  });
});

describe('descriptor URIs stay case-insensitive after writes', () => {
  it('an updated descriptor is found by list queries and resolved in references whatever the case', async () => {
    principal = district();
    const { url } = await localGrade('Grade 17');
    expect(
      (await call('PUT', url, { namespace: LOCAL, codeValue: 'Grade 17', shortDescription: 'Seventeen' })).statusCode,
    ).toBe(204);
    const found = await call(
      'GET',
      `${GRADES}?namespace=${encodeURIComponent(LOCAL.toUpperCase())}&codeValue=grade%2017&totalCount=true`,
    );
    expect(found.headers['total-count']).toBe('1');
    expect(found.json()[0]).toMatchObject({ id: url.split('/').pop(), shortDescription: 'Seventeen' });
    await post(`${BASE}/students`, {
      studentUniqueId: '604822',
      firstName: 'Lisa',
      lastSurname: 'Woods',
      birthDate: '2008-09-13',
    });
    const enrolled = await call('POST', `${BASE}/studentSchoolAssociations`, {
      studentReference: { studentUniqueId: '604822' },
      schoolReference: { schoolId: 255901001 },
      entryDate: '2024-08-20',
      entryGradeLevelDescriptor: `${LOCAL.toUpperCase()}#GRADE 17`,
    });
    expect(enrolled.statusCode).toBe(201);
    expect((await call('GET', enrolled.headers.location as string)).json().entryGradeLevelDescriptor).toBe(
      `${LOCAL}#Grade 17`,
    );
    expect((await call('DELETE', url)).statusCode).toBe(409);
  });

  it('every …descriptorid column is a foreign key to edfi.descriptor (what makes a referenced DELETE a 409)', async () => {
    const unguarded = await database.query<{ col: string }>(`
      SELECT c.table_schema || '.' || c.table_name || '.' || c.column_name AS col
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        AND t.table_type = 'BASE TABLE'
      WHERE c.column_name LIKE '%descriptorid' AND NOT (c.table_schema = 'edfi' AND c.table_name = 'descriptor'
        AND c.column_name = 'descriptorid')
        AND NOT EXISTS (
          SELECT 1 FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
          WHERE k.contype = 'f' AND k.confrelid = 'edfi.descriptor'::regclass
            AND k.conrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
              AND a.attname = c.column_name)`);
    expect(unguarded.map((r) => r.col)).toEqual([]);
  });
});
