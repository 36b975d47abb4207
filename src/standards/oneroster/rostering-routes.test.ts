/**
 * The Rostering service over the demo district with real OAuth clients: envelopes and headers of every
 * collection and nested read, scopes, field traps, school-bound isolation, tobedeleted rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';
import { ROSTERING_COLLECTIONS, ROSTERING_NESTED } from './rostering-routes.js';

const BASE = '/ims/oneroster/rostering/v1p2';
let f: Fixture;
let full: string;
let core: string;
let ids: {
  school: string;
  otherSchool: string;
  klass: string;
  course: string;
  student: string;
  teacher: string;
  year: string;
  term: string;
  gp: string;
};

beforeAll(async () => {
  f = await oneRosterFixture();
  const [school, otherSchool] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const [klass] = await f.sql<{ sourced_id: string; course_sourced_id: string }>(
    `SELECT sourced_id, course_sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id ` +
      `LIMIT 1`,
    [school!.sourced_id],
  );
  const [student] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' LIMIT 1`,
    [klass!.sourced_id],
  );
  const [teacher] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'teacher' LIMIT 1`,
    [klass!.sourced_id],
  );
  const [year] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.academic_sessions WHERE type = 'schoolYear'`,
  );
  // A term and a grading period (the demo calendar has semesters only), linked to the class.
  const t = f.tenantId;
  await f.sql(
    `INSERT INTO oneroster.academic_sessions (tenant_id, sourced_id, title, type, start_date, end_date, ` +
      `parent_sourced_id, school_year) VALUES ($1, 'term-1', 'Term 1', 'term', '2026-08-17', '2026-10-30', $2, ` +
      `'2027'), ($1, 'gp-1', 'GP 1', 'gradingPeriod', '2026-08-17', '2026-09-30', 'term-1', '2027')`,
    [t, year!.sourced_id],
  );
  await f.sql(
    `UPDATE oneroster.classes SET term_sourced_ids = term_sourced_ids || '{term-1}'::text[] WHERE sourced_id = $1`,
    [klass!.sourced_id],
  );
  await f.sql(
    `UPDATE oneroster.users SET phone = '555-0100', sms = '555-0101', password = 'pw', preferred_first_name = ` +
      `'Sunny' WHERE sourced_id = $1`,
    [student!.user_sourced_id],
  );
  await f.sql(
    `INSERT INTO oneroster.demographics (tenant_id, sourced_id, birth_date, sex, white) VALUES ($1, $2, ` +
      `'2012-03-04', 'female', true)`,
    [t, student!.user_sourced_id],
  );
  await f.sql(
    `INSERT INTO oneroster.user_profiles (tenant_id, sourced_id, user_sourced_id, profile_type, vendor_id, ` +
      `application_id, credential_type, username, password) VALUES ($1, 'prof-1', $2, 'lms', 'acme', 'reader', ` +
      `'username', 'sunny', 'secret')`,
    [t, student!.user_sourced_id],
  );
  ids = {
    school: school!.sourced_id,
    otherSchool: otherSchool!.sourced_id,
    klass: klass!.sourced_id,
    course: klass!.course_sourced_id,
    student: student!.user_sourced_id,
    teacher: teacher!.user_sourced_id,
    year: year!.sourced_id,
    term: 'term-1',
    gp: 'gp-1',
  };
  full = await f.token(['roster.readonly', 'roster-core.readonly', 'roster-demographics.readonly']);
  core = await f.token(['roster-core.readonly']);
});
afterAll(async () => {
  await f?.close();
});

describe('rostering collections', () => {
  it('every collection answers its plural envelope with X-Total-Count and Link, and /{sourcedId} its singular', async () => {
    const facts: string[] = [];
    for (const c of ROSTERING_COLLECTIONS) {
      const res = await f.get(`${BASE}/${c.segment}`, full);
      expect(res.statusCode, c.segment).toBe(200);
      const list = res.json()[c.entity.plural] as { sourcedId: string }[];
      expect(Array.isArray(list), c.segment).toBe(true);
      expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(list.length);
      expect(res.headers.link).toContain('rel="first"');
      expect(res.headers.link).toContain('rel="last"');
      facts.push(`${c.segment}=${res.headers['x-total-count']}`);
      expect(list.length, c.segment).toBeGreaterThan(0);
      const one = await f.get(`${BASE}/${c.segment}/${encodeURIComponent(list[0]!.sourcedId)}`, full);
      expect(one.statusCode, c.segment).toBe(200);
      expect(one.json()[c.entity.singular].sourcedId).toBe(list[0]!.sourcedId);
    }
    console.log(`rostering totals: ${facts.join(' ')}`);
    expect((await f.get(`${BASE}/students`, full)).json().users).toBeDefined();
    expect((await f.get(`${BASE}/teachers/${ids.teacher}`, full)).json().user.sourcedId).toBe(ids.teacher);
    expect((await f.get(`${BASE}/schools/${ids.school}`, full)).json().org.type).toBe('school');
  });

  it('every nested read answers 200 with its envelope, and 404 unknownobject for an unknown parent', async () => {
    const values: Record<string, string> = {
      classId: ids.klass,
      courseId: ids.course,
      schoolId: ids.school,
      userId: ids.student,
      termId: ids.term,
    };
    for (const route of ROSTERING_NESTED) {
      let url = route.path.replace(/:(\w+)/g, (_, name: string) => values[name]!);
      if (route.path.startsWith('/teachers/')) url = url.replace(ids.student, ids.teacher);
      const res = await f.get(`${BASE}${url}`, full);
      expect(res.statusCode, route.path).toBe(200);
      expect(Array.isArray(res.json()[route.entity.plural]), route.path).toBe(true);
      expect(res.headers['x-total-count'], route.path).toBeDefined();
      const missing = await f.get(`${BASE}${route.path.replace(/:(\w+)/g, 'no-such-id')}`, full);
      expect([missing.statusCode, codeMinor(missing)], route.path).toEqual([404, 'unknownobject']);
    }
    const students = (await f.get(`${BASE}/classes/${ids.klass}/students`, full)).json().users as {
      sourcedId: string;
    }[];
    expect(students.map((s) => s.sourcedId)).toContain(ids.student);
    const gps = (await f.get(`${BASE}/terms/${ids.term}/gradingPeriods`, full)).json().academicSessions as {
      sourcedId: string;
    }[];
    expect(gps.map((g) => g.sourcedId)).toEqual([ids.gp]);
    const termClasses = (await f.get(`${BASE}/terms/${ids.term}/classes`, full)).json().classes as {
      sourcedId: string;
    }[];
    expect(termClasses.map((c) => c.sourcedId)).toEqual([ids.klass]);
  });

  it('serialises users with the REST field names: preferredFirstName, enabledUser "true", roles[] with org refs', async () => {
    const res = await f.get(`${BASE}/users/${ids.student}`, full);
    const u = res.json().user;
    expect(u.preferredFirstName).toBe('Sunny');
    expect(u.preferredGivenName).toBeUndefined();
    expect(u.enabledUser).toBe('true');
    expect(u.roles).toEqual([
      expect.objectContaining({
        roleType: 'primary',
        role: 'student',
        org: { href: expect.stringContaining(`${BASE}/orgs/${ids.school}`), sourcedId: ids.school, type: 'org' },
      }),
    ]);
    expect(u.primaryOrg).toMatchObject({ sourcedId: ids.school, type: 'org' });
    expect(u.dateLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect([u.phone, u.sms, u.password]).toEqual(['555-0100', '555-0101', 'pw']);
    expect(u.userProfiles).toEqual([
      {
        profileId: 'prof-1',
        profileType: 'lms',
        vendorId: 'acme',
        applicationId: 'reader',
        credentials: [{ type: 'username', username: 'sunny', password: 'secret' }],
      },
    ]);
    const klass = (await f.get(`${BASE}/classes/${ids.klass}`, full)).json().class;
    expect(klass.school).toMatchObject({ sourcedId: ids.school, type: 'org' });
    expect(klass.terms.map((t: { sourcedId: string }) => t.sourcedId)).toContain(ids.term);
    const enrollment = (await f.get(`${BASE}/enrollments?limit=1`, full)).json().enrollments[0];
    expect(['true', 'false']).toContain(enrollment.primary);
  });

  it('serves classes.subjectCodes/periods and courses.subjectCodes as fields (1.2), not inside metadata', async () => {
    await f.sql(`UPDATE oneroster.classes SET subject_codes = '{27101}', periods = '{1,2}' WHERE sourced_id = $1`, [
      ids.klass,
    ]);
    await f.sql(`UPDATE oneroster.courses SET subject_codes = '{27101,27102}' WHERE sourced_id = $1`, [ids.course]);
    const klass = (await f.get(`${BASE}/classes/${ids.klass}`, full)).json().class;
    expect([klass.subjectCodes, klass.periods]).toEqual([['27101'], ['1', '2']]);
    expect(klass.metadata ?? {}).not.toHaveProperty('periods');
    const course = (await f.get(`${BASE}/courses/${ids.course}`, full)).json().course;
    expect(course.subjectCodes).toEqual(['27101', '27102']);
    expect(course.metadata ?? {}).not.toHaveProperty('subjectCodes');
    const selected = await f.get(
      `${BASE}/classes?fields=sourcedId,periods&limit=1&filter=sourcedId='${ids.klass}'`,
      full,
    );
    expect(selected.json().classes).toEqual([{ sourcedId: ids.klass, periods: ['1', '2'] }]);
  });
});

describe('scopes', () => {
  it('answers 401 imsx without a principal', async () => {
    const res = await f.app.inject({ url: `${BASE}/users` });
    expect([res.statusCode, codeMinor(res)]).toEqual([401, 'unauthorisedrequest']);
    expect(res.json()).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
  });

  it('core scope: reads core collections, never password/phone/sms, no nested reads, no demographics', async () => {
    const u = (await f.get(`${BASE}/users/${ids.student}`, core)).json().user;
    expect(u.sourcedId).toBe(ids.student);
    expect(u).not.toHaveProperty('phone');
    expect(u).not.toHaveProperty('sms');
    expect(u).not.toHaveProperty('password');
    expect(u).not.toHaveProperty('userProfiles');
    const list = (await f.get(`${BASE}/users?limit=5000`, core)).json().users as Record<string, unknown>[];
    expect(list.some((x) => 'phone' in x || 'password' in x || 'sms' in x)).toBe(false);
    for (const url of [`${BASE}/users?fields=sourcedId,phone`])
      expect(codeMinor(await f.get(url, core))).toBe('invalid_selection_field');
    expect(codeMinor(await f.get(`${BASE}/users?filter=${encodeURIComponent("phone='555-0100'")}`, core))).toBe(
      'invalid_filter_field',
    );
    const nested = await f.get(`${BASE}/classes/${ids.klass}/students`, core);
    expect([nested.statusCode, codeMinor(nested)]).toEqual([403, 'forbidden']);
    expect((await f.get(`${BASE}/demographics`, core)).statusCode).toBe(403);
    const demo = await f.get(`${BASE}/demographics/${ids.student}`, full);
    expect(demo.json().demographics).toMatchObject({ birthDate: '2012-03-04', sex: 'female', white: 'true' });
  });

  it('a gradebook-only client reads no roster', async () => {
    const token = await f.token(['gradebook.readonly']);
    expect((await f.get(`${BASE}/users`, token)).statusCode).toBe(403);
  });
});

describe('school-bound clients', () => {
  it('see only their school, its district, its classes, enrollments and people', async () => {
    const schoolId =
      f.demo.credentials &&
      (
        await f.sql<{ identifier: string }>(`SELECT identifier FROM oneroster.orgs WHERE sourced_id = $1`, [ids.school])
      )[0]!.identifier;
    const bound = await f.token(['roster.readonly', 'roster-core.readonly'], [Number(schoolId)]);
    const orgs = (await f.get(`${BASE}/orgs`, bound)).json().orgs as { sourcedId: string; type: string }[];
    expect(orgs.map((o) => o.type).sort()).toEqual(['district', 'school']);
    expect(orgs.map((o) => o.sourcedId)).toContain(ids.school);
    const classes = (await f.get(`${BASE}/classes?limit=5000`, bound)).json().classes as {
      school: { sourcedId: string };
    }[];
    expect(classes.length).toBeGreaterThan(0);
    expect(classes.every((c) => c.school.sourcedId === ids.school)).toBe(true);
    const enrollments = (await f.get(`${BASE}/enrollments?limit=5000`, bound)).json().enrollments as {
      school: { sourcedId: string };
    }[];
    expect(enrollments.every((e) => e.school.sourcedId === ids.school)).toBe(true);
    const users = (await f.get(`${BASE}/users?limit=5000`, bound)).json().users as {
      roles: { org: { sourcedId: string } }[];
    }[];
    expect(users.every((u) => u.roles.some((r) => r.org.sourcedId === ids.school))).toBe(true);
    expect((await f.get(`${BASE}/schools/${ids.otherSchool}`, bound)).statusCode).toBe(404);
    expect((await f.get(`${BASE}/schools/${ids.otherSchool}/classes`, bound)).statusCode).toBe(404);
    const other = (
      await f.sql<{ sourced_id: string }>(
        `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 LIMIT 1`,
        [ids.otherSchool],
      )
    )[0]!.sourced_id;
    expect((await f.get(`${BASE}/classes/${other}`, bound)).statusCode).toBe(404);
    expect((await f.get(`${BASE}/classes/${other}/students`, bound)).statusCode).toBe(404);
    console.log(`school-bound client: ${orgs.length} orgs, ${classes.length} classes, ${users.length} users`);
  });
});

describe('tobedeleted rows', () => {
  it('never appear in listings or by id', async () => {
    const [victim] = await f.sql<{ sourced_id: string }>(
      `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id DESC LIMIT 1`,
      [ids.otherSchool],
    );
    const before = Number((await f.get(`${BASE}/classes`, full)).headers['x-total-count']);
    await f.sql(`UPDATE oneroster.classes SET status = 'tobedeleted' WHERE sourced_id = $1`, [victim!.sourced_id]);
    const res = await f.get(`${BASE}/classes?limit=5000`, full);
    expect(Number(res.headers['x-total-count'])).toBe(before - 1);
    expect((res.json().classes as { sourcedId: string }[]).some((c) => c.sourcedId === victim!.sourced_id)).toBe(false);
    expect((await f.get(`${BASE}/classes/${victim!.sourced_id}`, full)).statusCode).toBe(404);
    expect(
      (await f.get(`${BASE}/classes?filter=${encodeURIComponent("status='tobedeleted'")}`, full)).json().classes,
    ).toEqual([]);
  });
});

describe('discovery', () => {
  it('each service serves its OpenAPI document, generated from the descriptions, without credentials', async () => {
    for (const [base, path, schema] of [
      [BASE, '/classes/{classId}/students', 'user'],
      ['/ims/oneroster/gradebook/v1p2', '/lineItems/{lineItemId}/results', 'lineItem'],
    ] as const) {
      const res = await f.app.inject({ url: `${base}/discovery/openapi.json` });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toBe('3.0.3');
      expect(doc.paths[path]).toBeDefined();
      expect(doc.components.schemas[schema]).toBeDefined();
      console.log(`${base} discovery: ${Object.keys(doc.paths).length} paths`);
    }
    const doc = (await f.app.inject({ url: `${BASE}/discovery/openapi.json` })).json();
    expect(doc.components.schemas.user.properties.enabledUser).toEqual({ type: 'string', enum: ['true', 'false'] });
    expect(doc.paths['/users'].get.security[0].OAuth2CC).toContain(
      'https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly',
    );
  });
});

describe('people signed in', () => {
  const signIn = async (email: string) => {
    const res = await f.app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: { tenant: 'demo-district', email, password: f.demo.credentials.password },
    });
    return res.json().sessionToken as string;
  };
  it('a district admin reads everything; a school admin their school; a teacher their own sections (relationship-scopes.test.ts)', async () => {
    const admin = await signIn('admin@demo-district.schola.dev');
    // 40 students, their 40 parents, 4 teachers.
    expect(Number((await f.get(`${BASE}/users`, admin)).headers['x-total-count'])).toBe(84);
    const schoolAdmin = await signIn('school-admin@demo-district.schola.dev');
    const classes = (await f.get(`${BASE}/classes?limit=5000`, schoolAdmin)).json().classes as {
      school: { sourcedId: string };
    }[];
    expect(classes.length).toBeGreaterThan(0);
    expect(new Set(classes.map((c) => c.school.sourcedId)).size).toBe(1);
    const teacher = await signIn('teacher@demo-district.schola.dev');
    const res = await f.get(`${BASE}/users`, teacher);
    expect(res.statusCode).toBe(200);
    expect(Number(res.headers['x-total-count'])).toBeGreaterThan(0);
    expect(Number(res.headers['x-total-count'])).toBeLessThan(44);
  });
});
