/**
 * The Resources service over the demo district with real OAuth clients: envelopes and headers, the
 * Resource fields, nested reads through active links only, scopes, school-bound confinement, people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES_NESTED } from './resources-service.js';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';

const BASE = '/ims/oneroster/resources/v1p2';
let f: Fixture;
let full: string;
let core: string;
let ids: {
  schoolA: string;
  schoolB: string;
  classA: string;
  classB: string;
  courseA: string;
  studentA: string;
  schoolIdA: number;
};

const sourcedIds = (body: { resources: { sourcedId: string }[] }) => body.resources.map((r) => r.sourcedId).sort();

beforeAll(async () => {
  f = await oneRosterFixture();
  const [a, b] = await f.sql<{ sourced_id: string; identifier: string }>(
    `SELECT sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const [classA] = await f.sql<{ sourced_id: string; course_sourced_id: string }>(
    `SELECT sourced_id, course_sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id ` +
      `LIMIT 1`,
    [a!.sourced_id],
  );
  const [classB] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 AND course_sourced_id <> $2 ORDER BY ` +
      `sourced_id LIMIT 1`,
    [b!.sourced_id, classA!.course_sourced_id],
  );
  const [student] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' ORDER BY ` +
      `user_sourced_id LIMIT 1`,
    [classA!.sourced_id],
  );
  ids = {
    schoolA: a!.sourced_id,
    schoolB: b!.sourced_id,
    classA: classA!.sourced_id,
    classB: classB!.sourced_id,
    courseA: classA!.course_sourced_id,
    studentA: student!.user_sourced_id,
    schoolIdA: Number(a!.identifier),
  };
  const t = f.tenantId;
  await f.sql(
    `INSERT INTO oneroster.resources (tenant_id, sourced_id, status, title, vendor_resource_id, vendor_id, ` +
      `application_id, roles, importance, metadata) VALUES
      ($1, 'res-class', 'active', 'Algebra e-book', 'VR-1', 'vendor-1', 'app-1', '{student,teacher}', 'primary', ` +
      `'{"ext:edition": "3"}'),
      ($1, 'res-course', 'active', 'Course videos', 'VR-2', 'vendor-1', NULL, '{student}', 'secondary', NULL),
      ($1, 'res-user', 'active', 'Reading tutor', 'VR-3', 'vendor-2', NULL, NULL, NULL, NULL),
      ($1, 'res-b', 'active', 'Other school lab', 'VR-4', NULL, NULL, NULL, NULL, NULL),
      ($1, 'res-orphan', 'active', 'Unassigned', 'VR-5', NULL, NULL, NULL, NULL, NULL),
      ($1, 'res-dead-link', 'active', 'Unlinked', 'VR-6', NULL, NULL, NULL, NULL, NULL),
      ($1, 'res-gone', 'tobedeleted', 'Withdrawn', 'VR-7', NULL, NULL, NULL, NULL, NULL)`,
    [t],
  );
  await f.sql(
    `INSERT INTO oneroster.class_resources (tenant_id, sourced_id, status, title, class_sourced_id, ` +
      `resource_sourced_id) VALUES
      ($1, 'cr-1', 'active', 'e-book', $2, 'res-class'), ($1, 'cr-2', 'tobedeleted', NULL, $2, 'res-dead-link'), ` +
      `($1, 'cr-3', 'active', NULL, $2, 'res-gone'), ($1, 'cr-4', 'active', NULL, $3, 'res-b')`,
    [t, ids.classA, ids.classB],
  );
  await f.sql(
    `INSERT INTO oneroster.course_resources (tenant_id, sourced_id, status, course_sourced_id, resource_sourced_id) ` +
      `VALUES ($1, 'kr-1', 'active', $2, 'res-course')`,
    [t, ids.courseA],
  );
  await f.sql(
    `INSERT INTO oneroster.user_resources (tenant_id, sourced_id, status, user_sourced_id, org_sourced_id, ` +
      `resource_sourced_id) VALUES ($1, 'ur-1', 'active', $2, $3, 'res-user')`,
    [t, ids.studentA, ids.schoolA],
  );
  full = await f.token(['resource.readonly', 'resource-core.readonly']);
  core = await f.token(['resource-core.readonly']);
});
afterAll(async () => {
  await f?.close();
});

describe('resources', () => {
  it('lists active resources with X-Total-Count and Link, and serves one with the 1.2 Resource fields', async () => {
    const res = await f.get(`${BASE}/resources?limit=2`, full);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-total-count']).toBe('6');
    expect(res.headers.link).toContain('rel="next"');
    expect(res.json().resources).toHaveLength(2);
    expect(sourcedIds((await f.get(`${BASE}/resources`, full)).json())).not.toContain('res-gone');
    const one = await f.get(`${BASE}/resources/res-class`, full);
    expect(one.statusCode).toBe(200);
    expect(one.json().resource).toEqual({
      sourcedId: 'res-class',
      status: 'active',
      dateLastModified: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      metadata: { 'ext:edition': '3' },
      title: 'Algebra e-book',
      roles: ['student', 'teacher'],
      importance: 'primary',
      vendorResourceId: 'VR-1',
      vendorId: 'vendor-1',
      applicationId: 'app-1',
    });
    const gone = await f.get(`${BASE}/resources/res-gone`, full);
    expect([gone.statusCode, codeMinor(gone)]).toEqual([404, 'unknownobject']);
  });

  it('filters, sorts and selects fields like the other services; bad parameters answer 400 imsx', async () => {
    const primary = await f.get(`${BASE}/resources?filter=${encodeURIComponent("importance='primary'")}`, full);
    expect(sourcedIds(primary.json())).toEqual(['res-class']);
    const byRole = await f.get(
      `${BASE}/resources?filter=${encodeURIComponent("roles='student' AND vendorId='vendor-1'")}`,
      full,
    );
    expect(sourcedIds(byRole.json())).toEqual(['res-class', 'res-course']);
    const sorted = (
      await f.get(`${BASE}/resources?sort=vendorResourceId&orderBy=desc&fields=sourcedId,title`, full)
    ).json().resources;
    expect(sorted[0]).toEqual({ sourcedId: 'res-dead-link', title: 'Unlinked' });
    expect(codeMinor(await f.get(`${BASE}/resources?fields=nope`, full))).toBe('invalid_selection_field');
    expect(codeMinor(await f.get(`${BASE}/resources?filter=${encodeURIComponent("nope='x'")}`, full))).toBe(
      'invalid_filter_field',
    );
    expect(codeMinor(await f.get(`${BASE}/resources?limit=-1`, full))).toBe('invaliddata');
    expect(codeMinor(await f.get(`${BASE}/resources?sort=roles`, full))).toBe('invaliddata');
  });

  it('nested reads list the resources of active links only, and 404 unknownobject for an unknown parent', async () => {
    const values: Record<string, string> = { classId: ids.classA, courseId: ids.courseA, userId: ids.studentA };
    const expected: Record<string, string[]> = {
      classId: ['res-class'],
      courseId: ['res-course'],
      userId: ['res-user'],
    };
    for (const route of RESOURCES_NESTED) {
      const param = /:(\w+)/.exec(route.path)![1]!;
      const res = await f.get(`${BASE}${route.path.replace(`:${param}`, values[param]!)}`, full);
      expect(res.statusCode, route.path).toBe(200);
      expect(sourcedIds(res.json()), route.path).toEqual(expected[param]);
      expect(res.headers['x-total-count'], route.path).toBe('1');
      const missing = await f.get(`${BASE}${route.path.replace(`:${param}`, 'no-such-id')}`, full);
      expect([missing.statusCode, codeMinor(missing)], route.path).toEqual([404, 'unknownobject']);
    }
    expect(sourcedIds((await f.get(`${BASE}/classes/${ids.classB}/resources`, full)).json())).toEqual(['res-b']);
  });
});

describe('scopes and reach', () => {
  it('answers 401 without a principal; core scope reads the catalogue but not the nested reads; other scopes nothing', async () => {
    const anonymous = await f.app.inject({ url: `${BASE}/resources` });
    expect([anonymous.statusCode, codeMinor(anonymous)]).toEqual([401, 'unauthorisedrequest']);
    expect((await f.get(`${BASE}/resources`, core)).statusCode).toBe(200);
    expect((await f.get(`${BASE}/resources/res-user`, core)).statusCode).toBe(200);
    const nested = await f.get(`${BASE}/classes/${ids.classA}/resources`, core);
    expect([nested.statusCode, codeMinor(nested)]).toEqual([403, 'forbidden']);
    const roster = await f.token(['roster.readonly', 'roster-core.readonly', 'gradebook.readonly']);
    expect((await f.get(`${BASE}/resources`, roster)).statusCode).toBe(403);
    expect((await f.get(`${BASE}/users/${ids.studentA}/resources`, roster)).statusCode).toBe(403);
  });

  it('a school-bound client sees the resources linked to its school classes, courses and users only', async () => {
    const bound = await f.token(['resource.readonly'], [ids.schoolIdA]);
    const list = await f.get(`${BASE}/resources?limit=5000`, bound);
    expect(sourcedIds(list.json())).toEqual(['res-class', 'res-course', 'res-user']);
    expect(list.headers['x-total-count']).toBe('3');
    for (const hidden of ['res-b', 'res-orphan', 'res-dead-link'])
      expect((await f.get(`${BASE}/resources/${hidden}`, bound)).statusCode, hidden).toBe(404);
    expect(sourcedIds((await f.get(`${BASE}/users/${ids.studentA}/resources`, bound)).json())).toEqual(['res-user']);
    const other = await f.get(`${BASE}/classes/${ids.classB}/resources`, bound);
    expect([other.statusCode, codeMinor(other)]).toEqual([404, 'unknownobject']);
    const nowhere = await f.token(['resource.readonly'], [999_999_999]);
    expect((await f.get(`${BASE}/resources`, nowhere)).json().resources).toEqual([]);
  });

  it('people: a district admin reads everything; a teacher the assignments of their own sections and students only', async () => {
    const signIn = async (email: string) => {
      const res = await f.app.inject({
        method: 'POST',
        url: '/auth/sign-in',
        payload: { tenant: 'demo-district', email, password: f.demo.credentials.password },
      });
      return res.json().sessionToken as string;
    };
    const admin = await signIn('admin@demo-district.schola.dev');
    expect((await f.get(`${BASE}/resources`, admin)).headers['x-total-count']).toBe('6');
    expect(sourcedIds((await f.get(`${BASE}/users/${ids.studentA}/resources`, admin)).json())).toEqual(['res-user']);

    // The teacher's OneRoster user is their Ed-Fi staff record (relationships.ts).
    const [me] = await f.sql<{ id: string }>(
      `SELECT s.id::text AS id FROM identity.accounts a JOIN edfi.staff s ON s.tenant_id = a.tenant_id AND ` +
        `s.staffusi = a.edfi_staff_usi WHERE a.email = 'teacher@demo-district.schola.dev'`,
    );
    const taught =
      `SELECT s.user_sourced_id FROM oneroster.enrollments s JOIN oneroster.enrollments te ON ` +
      `te.tenant_id = s.tenant_id AND te.class_sourced_id = s.class_sourced_id AND te.role = 'teacher' ` +
      `AND te.user_sourced_id = $1 WHERE s.role = 'student'`;
    const [own] = await f.sql<{ klass: string; student: string }>(
      `SELECT e.class_sourced_id AS klass, s.user_sourced_id AS student FROM oneroster.enrollments e
        JOIN oneroster.enrollments s ON s.tenant_id = e.tenant_id AND s.class_sourced_id = e.class_sourced_id
          AND s.role = 'student'
        WHERE e.user_sourced_id = $1 AND e.role = 'teacher' ORDER BY 1, 2 LIMIT 1`,
      [me!.id],
    );
    const [outsider] = await f.sql<{ id: string }>(
      `SELECT user_sourced_id AS id FROM oneroster.enrollments WHERE role = 'student' AND user_sourced_id NOT IN ` +
        `(${taught}) ORDER BY 1 LIMIT 1`,
      [me!.id],
    );
    const t = f.tenantId;
    await f.sql(
      `INSERT INTO oneroster.resources (tenant_id, sourced_id, title, vendor_resource_id) VALUES ($1, ` +
        `'res-teacher', ` +
        `'Lab kit', 'VR-8')`,
      [t],
    );
    await f.sql(
      `INSERT INTO oneroster.class_resources (tenant_id, sourced_id, class_sourced_id, resource_sourced_id) VALUES ` +
        `($1, 'cr-own', $2, 'res-teacher')`,
      [t, own!.klass],
    );
    await f.sql(
      `INSERT INTO oneroster.user_resources (tenant_id, sourced_id, user_sourced_id, resource_sourced_id) VALUES ` +
        `($1, 'ur-own', $2, 'res-teacher'), ($1, 'ur-outsider', $3, 'res-teacher')`,
      [t, own!.student, outsider!.id],
    );

    const teacher = await signIn('teacher@demo-district.schola.dev');
    expect(sourcedIds((await f.get(`${BASE}/classes/${own!.klass}/resources`, teacher)).json())).toContain(
      'res-teacher',
    );
    expect(sourcedIds((await f.get(`${BASE}/users/${own!.student}/resources`, teacher)).json())).toContain(
      'res-teacher',
    );
    const res = await f.get(`${BASE}/users/${outsider!.id}/resources`, teacher);
    expect([res.statusCode, codeMinor(res)]).toEqual([404, 'unknownobject']);
  });
});

describe('discovery', () => {
  it('serves the Resources OpenAPI document without credentials', async () => {
    const res = await f.app.inject({ url: `${BASE}/discovery/openapi.json` });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/classes/{classId}/resources',
      '/courses/{courseId}/resources',
      '/resources',
      '/resources/{sourcedId}',
      '/users/{userId}/resources',
    ]);
    expect(doc.servers).toEqual([{ url: BASE }]);
    expect(doc.components.schemas.resource.properties.roles).toEqual({ type: 'array', items: { type: 'string' } });
    expect(doc.paths['/resources'].get.security[0].OAuth2CC).toEqual([
      'https://purl.imsglobal.org/spec/or/v1p2/scope/resource-core.readonly',
      'https://purl.imsglobal.org/spec/or/v1p2/scope/resource.readonly',
    ]);
    expect(doc.paths['/users/{userId}/resources'].get.security[0].OAuth2CC).toEqual([
      'https://purl.imsglobal.org/spec/or/v1p2/scope/resource.readonly',
    ]);
  });
});
