/**
 * The Ed-Fi API end to end (fixed principals standing in for OAuth clients): upsert semantics,
 * references and 409s, descriptors, ETags, paging, Change Queries, education-organization authorization.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtClient, edfiServer, edfiTenant } from '../../../test/support/edfi-api.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { ensureDemoDescriptors } from '../../demo/descriptors.js';
import type { Principal } from '../../platform/auth/roles.js';
import { forgetPolicies } from '../../platform/auth/default-policies.js';

const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
const BASE = '/data/v3/ed-fi';

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let principal: Principal;
const district = () => districtClient(tenantId);
const schoolBound = (schoolId: number): Principal => ({
  ...district(),
  actorId: 'school-client',
  schoolIds: [schoolId],
});

const call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function post(collection: string, body: unknown) {
  const res = await call('POST', `${BASE}/${collection}`, body);
  if (res.statusCode >= 300) throw new Error(`${collection}: ${res.statusCode} ${res.body}`);
  return res;
}

const student = (id: string, first = 'Ada') => ({
  studentUniqueId: id,
  firstName: first,
  lastSurname: 'Lovelace',
  birthDate: '2010-05-01',
});
const enrollment = (studentId: string, schoolId: number) => ({
  studentReference: { studentUniqueId: studentId },
  schoolReference: { schoolId },
  entryDate: '2024-08-20',
  entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
});

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = await edfiTenant(database, 'Ed-Fi ISD', 'edfi');
  await ensureDemoDescriptors(database.db);
  principal = district();
  app = await edfiServer(database, () => principal);
  await post('localEducationAgencies', {
    localEducationAgencyId: 255901,
    nameOfInstitution: 'Grand Bend ISD',
    localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor', 'Independent'),
  });
  for (const schoolId of [255901001, 255901002]) {
    await post('schools', {
      schoolId,
      nameOfInstitution: `School ${schoolId}`,
      localEducationAgencyReference: { localEducationAgencyId: 255901 },
    });
  }
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('Ed-Fi API', () => {
  it('POST upserts on the natural key: 201 then 200, same id and Location; GET returns the Ed-Fi shape', async () => {
    const first = await post('students', student('604821'));
    expect(first.statusCode).toBe(201);
    const location = first.headers.location as string;
    expect(location).toMatch(new RegExp(`^${BASE}/students/[0-9a-f-]{36}$`));
    const second = await post('students', student('604821', 'Augusta'));
    expect(second.statusCode).toBe(200);
    expect(second.headers.location).toBe(location);
    const got = await call('GET', location);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      id: location.split('/').pop(),
      studentUniqueId: '604821',
      firstName: 'Augusta',
      birthDate: '2010-05-01',
    });
    expect(got.json()._etag).toBeTruthy();
    expect(got.json()._lastModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(got.headers.etag).toBe(`"${got.json()._etag}"`);
    const school = await call('GET', `${BASE}/schools?schoolId=255901001`);
    expect(school.json()[0]).toMatchObject({
      schoolId: 255901001,
      nameOfInstitution: 'School 255901001',
      localEducationAgencyReference: { localEducationAgencyId: 255901 },
    });
  });

  it('resolves references by natural key; unresolved → 409 naming it; referenced DELETE → 409 dependent-item-exists', async () => {
    await post('students', student('700001'));
    const ok = await post('studentSchoolAssociations', enrollment('700001', 255901001));
    expect(ok.statusCode).toBe(201);
    const read = (await call('GET', ok.headers.location as string)).json();
    expect(read).toMatchObject({
      studentReference: { studentUniqueId: '700001' },
      schoolReference: { schoolId: 255901001 },
      entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
    });

    const missing = await call('POST', `${BASE}/studentSchoolAssociations`, enrollment('999999', 255901001));
    expect(missing.statusCode).toBe(409);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ type: 'urn:ed-fi:api:data-conflict:unresolved-reference', status: 409 });
    expect(missing.json().detail).toContain('studentReference');
    expect(missing.json().correlationId).toBeTruthy();

    const studentId = (await call('GET', `${BASE}/students?studentUniqueId=700001`)).json()[0].id as string;
    const refused = await call('DELETE', `${BASE}/students/${studentId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:ed-fi:api:data-conflict:dependent-item-exists');
  });

  it('validates descriptors case-insensitively and names the field of an unknown one', async () => {
    await post('students', student('700002'));
    const shouting = await post('studentSchoolAssociations', {
      ...enrollment('700002', 255901001),
      entryGradeLevelDescriptor: 'URI://ED-FI.ORG/GRADELEVELDESCRIPTOR#NINTH GRADE',
    });
    expect(shouting.statusCode).toBe(201);
    const unknown = await call('POST', `${BASE}/studentSchoolAssociations`, {
      ...enrollment('700002', 255901002),
      entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Thirteenth grade'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
    expect(Object.keys(unknown.json().validationErrors)).toEqual(['$.entryGradeLevelDescriptor']);
    const missing = await call('POST', `${BASE}/students`, { studentUniqueId: 'x1', firstName: 'No' });
    expect(missing.json().validationErrors).toMatchObject({
      '$.lastSurname': ['is required'],
      '$.birthDate': ['is required'],
    });
    const descriptors = await call('GET', `${BASE}/gradeLevelDescriptors?totalCount=true&codeValue=tenth%20GRADE`);
    expect(descriptors.headers['total-count']).toBe('1');
    expect(descriptors.json()[0]).toMatchObject({
      namespace: 'uri://ed-fi.org/GradeLevelDescriptor',
      codeValue: 'Tenth grade',
    });
    const created = await call('POST', `${BASE}/gradeLevelDescriptors`, {
      namespace: 'uri://grandbend.edu/GradeLevelDescriptor',
      codeValue: 'Thirteenth grade',
      shortDescription: 'Thirteenth grade',
    });
    expect(created.statusCode).toBe(201);
    principal = schoolBound(255901001);
    try {
      const refused = await call('POST', `${BASE}/gradeLevelDescriptors`, {
        namespace: 'uri://grandbend.edu/GradeLevelDescriptor',
        codeValue: 'Other',
        shortDescription: 'Other',
      });
      expect(refused.statusCode).toBe(403);
    } finally {
      principal = district();
    }
  });

  it('ETags: If-None-Match → 304, stale If-Match → 412 on PUT and DELETE, current If-Match succeeds', async () => {
    const location = (await post('students', student('700003'))).headers.location as string;
    const read = await call('GET', location);
    const etag = read.headers.etag as string;
    expect((await call('GET', location, undefined, { 'if-none-match': etag })).statusCode).toBe(304);
    const put = await call('PUT', location, { ...student('700003', 'Grace') }, { 'if-match': etag });
    expect(put.statusCode).toBe(204);
    expect(put.headers.etag).not.toBe(etag);
    const stale = await call('PUT', location, student('700003', 'Stale'), { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toBe('urn:ed-fi:api:optimistic-lock-failed');
    expect((await call('DELETE', location, undefined, { 'if-match': etag })).statusCode).toBe(412);
    const keyChange = await call('PUT', location, student('700099', 'Grace'));
    expect(keyChange.statusCode).toBe(400);
    expect((await call('DELETE', location, undefined, { 'if-match': put.headers.etag as string })).statusCode).toBe(
      204,
    );
    expect((await call('GET', location)).statusCode).toBe(404);
  });

  it('pages with offset/limit (default 25, max 500), totalCount, query fields and pageToken/pageSize', async () => {
    for (let i = 0; i < 30; i++)
      await post('students', { ...student(`P${String(i).padStart(3, '0')}`), lastSurname: 'Pager' });
    const first = await call('GET', `${BASE}/students?lastSurname=Pager&totalCount=true`);
    expect(first.json()).toHaveLength(25);
    expect(first.headers['total-count']).toBe('30');
    const rest = await call('GET', `${BASE}/students?lastSurname=Pager&offset=25&limit=25`);
    expect(rest.json()).toHaveLength(5);
    expect((await call('GET', `${BASE}/students?limit=501`)).statusCode).toBe(400);
    expect((await call('GET', `${BASE}/students?shoeSize=9`)).json().validationErrors).toHaveProperty('shoeSize');
    const seen = new Set<string>();
    let url = `${BASE}/students?lastSurname=Pager&pageSize=12`;
    for (let page = 0; page < 5; page++) {
      const res = await call('GET', url);
      for (const s of res.json() as { id: string }[]) seen.add(s.id);
      const token = res.headers['next-page-token'];
      if (!token) break;
      url = `${BASE}/students?lastSurname=Pager&pageSize=12&pageToken=${token as string}`;
    }
    expect(seen.size).toBe(30);
    console.log(`paging: 30 students in pages of 25 (offset) and 12 (pageToken), ${seen.size} distinct`);
  });

  it('Change Queries: updates bump the change version; minChangeVersion, /deletes and /keyChanges report them', async () => {
    const before = (await call('GET', '/changeQueries/v1/availableChangeVersions')).json()
      .newestChangeVersion as number;
    const location = (await post('students', student('800001'))).headers.location as string;
    await post('students', student('800001', 'Changed'));
    const changed = await call('GET', `${BASE}/students?minChangeVersion=${before + 1}`);
    expect((changed.json() as { studentUniqueId: string }[]).map((s) => s.studentUniqueId)).toEqual(['800001']);
    const newest = (await call('GET', '/changeQueries/v1/availableChangeVersions')).json()
      .newestChangeVersion as number;
    expect(newest).toBeGreaterThan(before + 1);
    await call('DELETE', location);
    const deletes = await call('GET', `${BASE}/students/deletes?minChangeVersion=${newest}`);
    expect(deletes.json()).toEqual([
      { id: location.split('/').pop(), changeVersion: expect.any(Number), keyValues: { studentUniqueId: '800001' } },
    ]);

    await post('sessions', {
      sessionName: 'Fall',
      schoolReference: { schoolId: 255901001 },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-20',
      endDate: '2024-12-20',
      termDescriptor: D('TermDescriptor', 'Fall Semester'),
      totalInstructionalDays: 80,
    });
    const session = (await call('GET', `${BASE}/sessions?sessionName=Fall`)).json()[0];
    const renamed = await call('PUT', `${BASE}/sessions/${session.id as string}`, {
      ...session,
      sessionName: 'Fall 2024',
    });
    expect(renamed.statusCode).toBe(204);
    const keyChanges = await call('GET', `${BASE}/sessions/keyChanges`);
    expect(keyChanges.json()[0]).toMatchObject({
      id: session.id,
      oldKeyValues: { sessionName: 'Fall', schoolId: 255901001, schoolYear: 2025 },
      newKeyValues: { sessionName: 'Fall 2024' },
    });
  });

  it("a school-bound client reaches its own school's students only (403 on another school's student)", async () => {
    await post('students', student('900001'));
    await post('students', student('900002'));
    await post('studentSchoolAssociations', enrollment('900001', 255901001));
    await post('studentSchoolAssociations', enrollment('900002', 255901002));
    const other = (await call('GET', `${BASE}/students?studentUniqueId=900002`)).json()[0].id as string;
    const own = (await call('GET', `${BASE}/students?studentUniqueId=900001`)).json()[0].id as string;
    principal = schoolBound(255901001);
    try {
      expect((await call('GET', `${BASE}/students/${own}`)).statusCode).toBe(200);
      const refused = await call('GET', `${BASE}/students/${other}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().type).toBe('urn:ed-fi:api:security:authorization');
      const listed = (await call('GET', `${BASE}/students?studentUniqueId=900002`)).json();
      expect(listed).toEqual([]);
      const write = await call('POST', `${BASE}/studentSchoolAssociations`, {
        ...enrollment('900002', 255901002),
        entryDate: '2024-09-01',
      });
      expect(write.statusCode).toBe(403);
      expect((await call('PUT', `${BASE}/students/${other}`, student('900002', 'Hacked'))).statusCode).toBe(403);
    } finally {
      principal = district();
    }
  });

  it("school-bound clients read their school's sessions, course offerings and sections; a district client every school's", async () => {
    await post('courses', {
      courseCode: 'ALG-1',
      courseTitle: 'Algebra I',
      numberOfParts: 1,
      academicSubjectDescriptor: D('AcademicSubjectDescriptor', 'Mathematics'),
      educationOrganizationReference: { educationOrganizationId: 255901 },
    });
    const sessionName = '2024-2025 Fall Semester';
    for (const schoolId of [255901001, 255901002]) {
      await post('sessions', {
        sessionName,
        schoolReference: { schoolId },
        schoolYearTypeReference: { schoolYear: 2025 },
        beginDate: '2024-08-19',
        endDate: '2024-12-20',
        termDescriptor: D('TermDescriptor', 'Fall Semester'),
        totalInstructionalDays: 82,
      });
      await post('courseOfferings', {
        localCourseCode: 'ALG-1',
        schoolReference: { schoolId },
        sessionReference: { schoolId, schoolYear: 2025, sessionName },
        courseReference: { courseCode: 'ALG-1', educationOrganizationId: 255901 },
      });
      await post('sections', {
        sectionIdentifier: `ALG-1-${schoolId}`,
        courseOfferingReference: { localCourseCode: 'ALG-1', schoolId, schoolYear: 2025, sessionName },
      });
    }
    const schoolsOf = async (collection: string) => {
      const res = await call('GET', `${BASE}/${collection}`);
      expect(res.statusCode, `${collection}: ${res.body}`).toBe(200);
      const rows = res.json() as {
        id: string;
        schoolReference?: { schoolId: number };
        courseOfferingReference?: { schoolId: number };
      }[];
      return rows.map((r) => ({ id: r.id, school: (r.schoolReference ?? r.courseOfferingReference)?.schoolId }));
    };
    const collections = ['sessions', 'courseOfferings', 'sections'];
    const all: Record<string, { id: string; school?: number }[]> = {};
    for (const c of collections) {
      all[c] = await schoolsOf(c);
      expect(new Set(all[c]!.map((r) => r.school)), c).toEqual(new Set([255901001, 255901002]));
    }
    for (const schoolId of [255901001, 255901002]) {
      principal = schoolBound(schoolId);
      try {
        for (const c of collections) {
          const seen = await schoolsOf(c);
          expect(seen.length, c).toBeGreaterThan(0);
          expect(new Set(seen.map((r) => r.school)), c).toEqual(new Set([schoolId]));
          const other = all[c]!.find((r) => r.school !== schoolId)!;
          const refused = await call('GET', `${BASE}/${c}/${other.id}`);
          expect(refused.statusCode, c).toBe(403);
          const own = all[c]!.find((r) => r.school === schoolId)!;
          expect((await call('GET', `${BASE}/${c}/${own.id}`)).statusCode, c).toBe(200);
        }
      } finally {
        principal = district();
      }
    }
  });

  it('audits every read of sensitive records (discipline) in compliance.audit_logs', async () => {
    // Discipline is sensitive: no default grant for API clients — the district grants this one (as an admin would).
    await database.query(
      `INSERT INTO compliance.data_access_controls (tenant_id, role_name, resource_type, resource_identifier,
        permission_type, educational_interest_required)
       VALUES ($1, 'api_client', 'sensitive_discipline', '*', 'read', false)`,
      [tenantId],
    );
    forgetPolicies(); // written behind the API's back: drop the cached policies
    await database.query(
      `INSERT INTO edfi.disciplineincident (tenant_id, incidentidentifier, schoolid, incidentdate)
        VALUES ($1, 'INC-1', 255901001, '2024-10-01')`,
      [tenantId],
    );
    const reads = async () =>
      (
        await database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'SELECT'
            AND table_name = 'edfi.disciplineincident'`,
          [tenantId],
        )
      )[0]!.n;
    const before = await reads();
    const list = await call('GET', `${BASE}/disciplineIncidents`);
    expect(list.statusCode).toBe(200);
    expect(await reads()).toBe(before + 1);
    expect((await call('GET', `${BASE}/disciplineIncidents/${list.json()[0].id}`)).statusCode).toBe(200);
    expect(await reads()).toBe(before + 2);
    // Directory data (students) is not a sensitive read.
    const students = (
      await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'SELECT'
          AND table_name = 'edfi.student'`,
        [tenantId],
      )
    )[0]!.n;
    expect(students).toBe(0);
  });

  it('serves the discovery document and an OpenAPI document derived from the descriptions', async () => {
    const root = (await call('GET', '/data/v3')).json();
    expect(root.dataModels[0]).toMatchObject({ name: 'Ed-Fi', version: '5.2.0' });
    const openapi = (await call('GET', root.urls.openApiMetadata as string)).json();
    expect(openapi.paths).toHaveProperty(['/data/v3/ed-fi/students/{id}']);
    expect(openapi.components.schemas.edFi_StudentSchoolAssociation.required).toEqual(
      expect.arrayContaining(['entryDate', 'entryGradeLevelDescriptor', 'studentReference', 'schoolReference']),
    );
    console.log(`Ed-Fi resources served: ${(root.resources as unknown[]).length}`);
  });
});
