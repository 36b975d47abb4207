/**
 * Relationship scopes on the OneRoster services, with people signed in as the demo district's
 * accounts (and a student, a link-less teacher and a teacher-administrator created the same way):
 * a teacher reads their own sections, a student themself, a parent their child; another person's
 * object is 404 like an object outside a school-bound caller's schools; a district admin sees all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, linkStudent } from '../../platform/identity/service.js';
import { relationCondition, relationSql } from './relationships.js';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';

const ROSTER = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
let f: Fixture;
const tokens: Record<
  'admin' | 'teacher' | 'parent' | 'student' | 'unlinked' | 'teacherAdmin' | 'teacherParent',
  string
> = { admin: '', teacher: '', parent: '', student: '', unlinked: '', teacherAdmin: '', teacherParent: '' };
let ids: {
  teacher: string;
  ownClasses: string[];
  otherClass: string;
  farClass: string;
  outsiderClasses: string[];
  student: string;
  classmate: string;
  outsider: string;
  child: string;
  childClasses: string[];
  studentClasses: string[];
};

const idsOf = (list: { sourcedId: string }[]) => list.map((x) => x.sourcedId).sort();
const sorted = (list: string[]) => [...new Set(list)].sort();
// This test's own gradebook rows (the demo's gradebooks add more, confined by the same rules).
const fixtureIds = (list: { sourcedId: string }[]) => idsOf(list).filter((id) => /^(r|li)-/.test(id));

async function signIn(email: string): Promise<string> {
  const res = await f.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { tenant: 'demo-district', email, password: f.demo.credentials.password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} answered ${res.statusCode}: ${res.body}`);
  return res.json().sessionToken as string;
}

/** GET a list and its objects (the whole list: limit=5000). */
async function list(url: string, token: string, plural: string): Promise<{ sourcedId: string }[]> {
  const res = await f.get(`${url}${url.includes('?') ? '&' : '?'}limit=5000`, token);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json()[plural] as { sourcedId: string }[];
}

const classesOf = async (user: string, role: string) =>
  (
    await f.sql<{ id: string }>(
      `SELECT class_sourced_id AS id FROM oneroster.enrollments WHERE user_sourced_id = $1 AND role = $2 AND status ` +
        `= 'active'`,
      [user, role],
    )
  ).map((r) => r.id);

beforeAll(async () => {
  f = await oneRosterFixture();
  const t = f.tenantId;
  const [teacher] = await f.sql<{ id: string; school: string }>(
    `SELECT s.id::text AS id, o.sourced_id AS school FROM identity.accounts a JOIN edfi.staff s ON s.tenant_id = ` +
      `a.tenant_id AND s.staffusi = a.edfi_staff_usi
       JOIN oneroster.orgs o ON o.tenant_id = a.tenant_id AND o.identifier = a.school_ids[1]::text WHERE a.email = ` +
      `'teacher@demo-district.schola.dev'`,
  );
  const ownClasses = await classesOf(teacher!.id, 'teacher');
  const [otherClass] = await f.sql<{ id: string }>(
    `SELECT sourced_id AS id FROM oneroster.classes WHERE school_sourced_id = $1 AND NOT (sourced_id = ` +
      `ANY($2::text[])) ORDER BY sourced_id LIMIT 1`,
    [teacher!.school, ownClasses],
  );
  const [child] = await f.sql<{ id: string }>(
    `SELECT s.id::text AS id FROM identity.account_students l JOIN identity.accounts a ON a.tenant_id = l.tenant_id ` +
      `AND a.id = l.account_id
       JOIN edfi.student s ON s.tenant_id = l.tenant_id AND s.studentusi = l.student_usi WHERE a.email = ` +
      `'parent@demo-district.schola.dev'`,
  );
  const inOwn = await f.sql<{ id: string }>(
    `SELECT user_sourced_id AS id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' AND ` +
      `user_sourced_id <> $2 ORDER BY user_sourced_id`,
    [ownClasses[0], child!.id],
  );
  const [outsider] = await f.sql<{ id: string }>(
    `SELECT e.user_sourced_id AS id FROM oneroster.enrollments e WHERE e.role = 'student' AND e.user_sourced_id <> $1
        AND NOT EXISTS (SELECT 1 FROM oneroster.enrollments x WHERE x.user_sourced_id = e.user_sourced_id AND ` +
      `x.class_sourced_id = ANY($2::text[])) ORDER BY 1 LIMIT 1`,
    [child!.id, ownClasses],
  );
  ids = {
    teacher: teacher!.id,
    ownClasses,
    otherClass: otherClass!.id,
    student: inOwn[0]!.id,
    classmate: inOwn[1]!.id,
    outsider: outsider!.id,
    outsiderClasses: await classesOf(outsider!.id, 'student'),
    farClass: '',
    child: child!.id,
    childClasses: await classesOf(child!.id, 'student'),
    studentClasses: await classesOf(inOwn[0]!.id, 'student'),
  };

  // Every student of the small demo takes every section of their school: the outsider is at the other school.
  ids.farClass = ids.outsiderClasses[0]!;
  // A gradebook: a line item (and category) in the teacher's class, in another class and in the child's class.
  // cat-other belongs to the other class only (a tenant-wide category would be every teacher's).
  await f.sql(
    `INSERT INTO oneroster.categories (tenant_id, sourced_id, title, class_sourced_id) VALUES ($1, 'cat-own', ` +
      `'Homework', NULL), ($1, 'cat-other', 'Labs', $2)`,
    [t, otherClass!.id],
  );
  await f.sql(
    `INSERT INTO oneroster.line_items (tenant_id, sourced_id, title, class_sourced_id, category_sourced_id) VALUES
       ($1, 'li-own', 'Essay', $2, 'cat-own'), ($1, 'li-other', 'Lab report', $3, 'cat-other'), ($1, 'li-child', ` +
      `'Quiz', $4, NULL), ($1, 'li-far', 'Test', $5, NULL)`,
    [t, ownClasses[0], otherClass!.id, ids.childClasses[0], ids.farClass],
  );
  await f.sql(
    `INSERT INTO oneroster.results (tenant_id, sourced_id, line_item_sourced_id, student_sourced_id, score_status, ` +
      `score) VALUES
       ($1, 'r-student', 'li-own', $2, 'fully graded', 91), ($1, 'r-classmate', 'li-own', $3, 'fully graded', 77),
       ($1, 'r-outsider', 'li-other', $4, 'fully graded', 60), ($1, 'r-child', 'li-child', $5, 'fully graded', 88)`,
    [t, ids.student, ids.classmate, ids.outsider, ids.child],
  );

  // A student account linked to an Ed-Fi student (no school claims: the relationship alone confines it).
  const [studentUsi] = await f.sql<{ usi: number }>(`SELECT studentusi AS usi FROM edfi.student WHERE id::text = $1`, [
    ids.student,
  ]);
  const password = f.demo.credentials.password;
  await createAccount(f.database, t, {
    email: 'scoped-student@demo-district.schola.dev',
    roles: ['student'],
    password,
    edfiStudentUsi: studentUsi!.usi,
  });
  await createAccount(f.database, t, {
    email: 'unlinked-teacher@demo-district.schola.dev',
    roles: ['teacher'],
    password,
  });
  const [staff] = await f.sql<{ usi: number; schools: number[] }>(
    `SELECT edfi_staff_usi AS usi, school_ids AS schools FROM identity.accounts WHERE email = ` +
      `'teacher@demo-district.schola.dev'`,
  );
  await createAccount(f.database, t, {
    email: 'teacher-admin@demo-district.schola.dev',
    roles: ['teacher', 'school_admin'],
    password,
    edfiStaffUsi: staff!.usi,
    schoolIds: staff!.schools,
  });
  // A teacher who is also a parent reads their sections and their child.
  const both = await createAccount(f.database, t, {
    email: 'teacher-parent@demo-district.schola.dev',
    roles: ['teacher', 'parent'],
    password,
    edfiStaffUsi: staff!.usi,
  });
  await linkStudent(
    f.database,
    t,
    both.id,
    Number(
      (
        await f.sql<{ usi: number }>(`SELECT studentusi AS usi FROM edfi.student WHERE id::text = $1`, [ids.outsider])
      )[0]!.usi,
    ),
    'parent',
  );
  for (const [key, email] of [
    ['admin', 'admin@'],
    ['teacher', 'teacher@'],
    ['parent', 'parent@'],
    ['student', 'scoped-student@'],
    ['unlinked', 'unlinked-teacher@'],
    ['teacherAdmin', 'teacher-admin@'],
    ['teacherParent', 'teacher-parent@'],
  ] as const) {
    tokens[key] = await signIn(`${email}demo-district.schola.dev`);
  }
});
afterAll(async () => {
  await f?.close();
});

describe('a teacher (own sections)', () => {
  it('lists only the classes they teach, their enrollments, people, line items, results and categories', async () => {
    expect(ids.ownClasses.length).toBeGreaterThan(0);
    expect(idsOf(await list(`${ROSTER}/classes`, tokens.teacher, 'classes'))).toEqual(sorted(ids.ownClasses));
    const enrollments = (await list(`${ROSTER}/enrollments`, tokens.teacher, 'enrollments')) as unknown as {
      class: { sourcedId: string };
      user: { sourcedId: string };
    }[];
    expect(sorted(enrollments.map((e) => e.class.sourcedId))).toEqual(sorted(ids.ownClasses));
    const people = [ids.teacher, ...enrollments.map((e) => e.user.sourcedId)];
    expect(idsOf(await list(`${ROSTER}/users`, tokens.teacher, 'users'))).toEqual(sorted(people));
    expect(idsOf(await list(`${ROSTER}/teachers`, tokens.teacher, 'users'))).toContain(ids.teacher);
    // Every line item of their classes (the demo gradebooks' and this test's), nobody else's.
    const ownItems = await f.sql<{ sourced_id: string }>(
      `SELECT sourced_id FROM oneroster.line_items WHERE class_sourced_id = ANY($1::text[])`,
      [ids.ownClasses],
    );
    const lineItems = idsOf(await list(`${GRADEBOOK}/lineItems`, tokens.teacher, 'lineItems'));
    expect(lineItems).toEqual(sorted(ownItems.map((r) => r.sourced_id)));
    expect(lineItems).toContain('li-own');
    expect(fixtureIds(await list(`${GRADEBOOK}/results`, tokens.teacher, 'results'))).toEqual(
      expect.arrayContaining(['r-classmate', 'r-student']),
    );
    expect(idsOf(await list(`${GRADEBOOK}/results`, tokens.teacher, 'results'))).not.toContain('r-outsider');
    // The categories their classes use or may use (the district's are every class's), not another class's.
    const categories = idsOf(await list(`${GRADEBOOK}/categories`, tokens.teacher, 'categories'));
    expect(categories).toContain('cat-own');
    expect(categories).not.toContain('cat-other');
    const districtWide = await f.sql<{ sourced_id: string }>(
      `SELECT sourced_id FROM oneroster.categories WHERE school_sourced_id IS NULL AND class_sourced_id IS NULL AND ` +
        `sourced_id NOT LIKE 'cat-%'`,
    );
    expect(districtWide.length).toBeGreaterThan(0);
    expect(categories).toEqual(expect.arrayContaining(districtWide.map((c) => c.sourced_id)));
    const orgs = (await list(`${ROSTER}/orgs`, tokens.teacher, 'orgs')) as unknown as { type: string }[];
    expect(orgs.map((o) => o.type).sort()).toEqual(['district', 'school']);
    const courses = await f.sql<{ id: string }>(
      `SELECT DISTINCT course_sourced_id AS id FROM oneroster.classes WHERE sourced_id = ANY($1::text[])`,
      [ids.ownClasses],
    );
    expect(idsOf(await list(`${ROSTER}/courses`, tokens.teacher, 'courses'))).toEqual(sorted(courses.map((c) => c.id)));
    expect((await list(`${ROSTER}/academicSessions`, tokens.teacher, 'academicSessions')).length).toBeGreaterThan(0);
  });

  it("answers 404 unknownobject for another teacher's class, by id and as the parent of a nested read", async () => {
    for (const url of [
      `${ROSTER}/classes/${ids.otherClass}`,
      `${ROSTER}/classes/${ids.otherClass}/students`,
      `${GRADEBOOK}/classes/${ids.otherClass}/results`,
      `${GRADEBOOK}/results/r-outsider`,
      `${ROSTER}/users/${ids.outsider}`,
    ]) {
      const res = await f.get(url, tokens.teacher);
      expect([res.statusCode, codeMinor(res)], url).toEqual([404, 'unknownobject']);
    }
    const students = await list(`${ROSTER}/classes/${ids.ownClasses[0]}/students`, tokens.teacher, 'users');
    expect(idsOf(students)).toEqual(expect.arrayContaining([ids.student, ids.classmate]));
    // The child's line item may be in the same class (the demo's sourcedIds are random uuids).
    const childHere = ids.childClasses[0] === ids.ownClasses[0] ? ['r-child'] : [];
    expect(
      fixtureIds(await list(`${GRADEBOOK}/classes/${ids.ownClasses[0]}/results`, tokens.teacher, 'results')),
    ).toEqual([...childHere, 'r-classmate', 'r-student']);
  });

  it('still cannot write the gradebook (people get no write scopes)', async () => {
    const res = await f.app.inject({
      method: 'PUT',
      url: `${GRADEBOOK}/categories/cat-new`,
      headers: { authorization: `Bearer ${tokens.teacher}`, 'content-type': 'application/json' },
      payload: { category: { title: 'X' } },
    });
    expect([res.statusCode, codeMinor(res)]).toEqual([403, 'forbidden']);
  });

  it('a teacher with no OneRoster user gets 200 and empty lists', async () => {
    for (const [url, plural] of [
      [`${ROSTER}/classes`, 'classes'],
      [`${ROSTER}/users`, 'users'],
      [`${ROSTER}/enrollments`, 'enrollments'],
      [`${ROSTER}/orgs`, 'orgs'],
      [`${GRADEBOOK}/results`, 'results'],
    ] as const) {
      const res = await f.get(url, tokens.unlinked);
      expect([res.statusCode, res.json()[plural], res.headers['x-total-count']], url).toEqual([200, [], '0']);
    }
  });

  it('a teacher who is also a school admin reads the school, as the broader role allows', async () => {
    const school = await f.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM oneroster.classes c JOIN oneroster.classes own ON own.school_sourced_id = ` +
        `c.school_sourced_id WHERE own.sourced_id = $1 AND c.status = 'active'`,
      [ids.ownClasses[0]],
    );
    expect((await list(`${ROSTER}/classes`, tokens.teacherAdmin, 'classes')).length).toBe(school[0]!.n);
    expect(school[0]!.n).toBeGreaterThan(ids.ownClasses.length);
  });

  it('a teacher who is also a parent reads their sections and their child, together', async () => {
    const users = idsOf(await list(`${ROSTER}/users`, tokens.teacherParent, 'users'));
    expect(users).toEqual(expect.arrayContaining([ids.teacher, ids.student, ids.outsider]));
    expect(fixtureIds(await list(`${GRADEBOOK}/results`, tokens.teacherParent, 'results'))).toEqual(
      expect.arrayContaining(['r-classmate', 'r-outsider', 'r-student']),
    );
    expect(idsOf(await list(`${ROSTER}/classes`, tokens.teacherParent, 'classes'))).toEqual(
      sorted([...ids.ownClasses, ...ids.outsiderClasses]),
    );
  });
});

describe('a student (self)', () => {
  it('sees only themself, their classes, enrollments, own results and the line items of their classes', async () => {
    expect(idsOf(await list(`${ROSTER}/users`, tokens.student, 'users'))).toEqual([ids.student]);
    expect(idsOf(await list(`${ROSTER}/students`, tokens.student, 'users'))).toEqual([ids.student]);
    expect(idsOf(await list(`${ROSTER}/classes`, tokens.student, 'classes'))).toEqual(sorted(ids.studentClasses));
    const enrollments = (await list(`${ROSTER}/enrollments`, tokens.student, 'enrollments')) as unknown as {
      user: { sourcedId: string };
    }[];
    expect(enrollments.length).toBe(ids.studentClasses.length);
    expect(enrollments.every((e) => e.user.sourcedId === ids.student)).toBe(true);
    expect(fixtureIds(await list(`${GRADEBOOK}/results`, tokens.student, 'results'))).toEqual(['r-student']);
    const lineItems = await f.sql<{ id: string }>(
      `SELECT sourced_id AS id FROM oneroster.line_items WHERE class_sourced_id = ANY($1::text[])`,
      [ids.studentClasses],
    );
    expect(idsOf(await list(`${GRADEBOOK}/lineItems`, tokens.student, 'lineItems'))).toEqual(
      sorted(lineItems.map((l) => l.id)),
    );
    expect(idsOf(await list(`${GRADEBOOK}/lineItems`, tokens.student, 'lineItems'))).not.toContain('li-far');
    expect((await list(`${ROSTER}/orgs`, tokens.student, 'orgs')).length).toBeGreaterThan(0);
  });

  it('never reads another student, their results or a class they do not attend (404)', async () => {
    for (const url of [
      `${ROSTER}/users/${ids.classmate}`,
      `${GRADEBOOK}/results/r-classmate`,
      `${ROSTER}/classes/${ids.farClass}`,
      `${GRADEBOOK}/lineItems/li-far`,
    ]) {
      const res = await f.get(url, tokens.student);
      expect([res.statusCode, codeMinor(res)], url).toEqual([404, 'unknownobject']);
    }
    expect((await f.get(`${ROSTER}/users/${ids.student}`, tokens.student)).json().user.sourcedId).toBe(ids.student);
    expect(
      idsOf(
        await list(
          `${GRADEBOOK}/results?filter=${encodeURIComponent(`student.sourcedId='${ids.classmate}'`)}`,
          tokens.student,
          'results',
        ),
      ),
    ).toEqual([]);
  });
});

describe('a parent (own children)', () => {
  it("sees their child, the child's classes, enrollments and results, and no other student", async () => {
    expect(idsOf(await list(`${ROSTER}/users`, tokens.parent, 'users'))).toEqual([ids.child]);
    expect(idsOf(await list(`${ROSTER}/classes`, tokens.parent, 'classes'))).toEqual(sorted(ids.childClasses));
    const enrollments = (await list(`${ROSTER}/enrollments`, tokens.parent, 'enrollments')) as unknown as {
      user: { sourcedId: string };
    }[];
    expect(enrollments.length).toBe(ids.childClasses.length);
    expect(enrollments.every((e) => e.user.sourcedId === ids.child)).toBe(true);
    expect(fixtureIds(await list(`${GRADEBOOK}/results`, tokens.parent, 'results'))).toEqual(['r-child']);
    const res = await f.get(`${ROSTER}/users/${ids.student}`, tokens.parent);
    expect([res.statusCode, codeMinor(res)]).toEqual([404, 'unknownobject']);
  });
});

describe('a district admin', () => {
  it('still sees every user, class and result', async () => {
    const [counts] = await f.sql<{ users: number; classes: number }>(
      `SELECT (SELECT count(*)::int FROM oneroster.users WHERE status = 'active') AS users, (SELECT count(*)::int ` +
        `FROM oneroster.classes WHERE status = 'active') AS classes`,
    );
    expect((await list(`${ROSTER}/users`, tokens.admin, 'users')).length).toBe(counts!.users);
    expect((await list(`${ROSTER}/classes`, tokens.admin, 'classes')).length).toBe(counts!.classes);
    expect(fixtureIds(await list(`${GRADEBOOK}/results`, tokens.admin, 'results'))).toEqual([
      'r-child',
      'r-classmate',
      'r-outsider',
      'r-student',
    ]);
    expect(fixtureIds(await list(`${GRADEBOOK}/lineItems`, tokens.admin, 'lineItems')).length).toBe(4);
  });
});

describe('entities without a relationship hook', () => {
  it("reference data is not narrowed; people's records are refused rather than shown whole", () => {
    const relation = relationSql('00000000-0000-0000-0000-000000000000', { own: ['me'], teaches: ['me'], learns: [] });
    const bare = (table: string) => ({ singular: 'x', plural: 'xs', table, fields: {} });
    expect(relationCondition(bare('oneroster.score_scales'), relation)).toBeUndefined();
    expect(() => relationCondition(bare('oneroster.assessment_results'), relation)).toThrow(/cannot be applied to xs/);
  });
});
