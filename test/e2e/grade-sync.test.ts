/**
 * A grade-sync client on a freshly seeded demo district, as Google Classroom's OneRoster 1.2 flow
 * runs it, over a real HTTP server with a real OAuth client-credentials token: find the teacher by
 * e-mail → their classes → a class's students → the categories the class may use → the grading
 * periods of the class's term → PUT a lineItem → PUT results (a graded edit, extra credit, an exempt
 * student) → DELETE. Each step asserts what the next one relies on.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { DEMO_CATEGORIES, HIGH_SCHOOL_CATEGORY } from '../../src/demo/oneroster-face.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createClient } from '../../src/platform/identity/service.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
const ROSTER = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const SCOPES = [
  'roster-core.readonly',
  'roster.readonly',
  'gradebook.readonly',
  'gradebook.createput',
  'gradebook.delete',
];

let database: TestDatabase;
let app: FastifyInstance;
let base: string;
let token: string;
let teacherEmail: string;

interface Ref {
  sourcedId: string;
  type: string;
}

async function call(method: 'GET' | 'PUT' | 'DELETE', path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}
async function get<T>(path: string, envelope: string): Promise<T> {
  const res = await call('GET', path);
  expect(res.status, `GET ${path}: ${res.text}`).toBe(200);
  return res.json[envelope] as T;
}

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, DEFAULT_DEMO_SIZE);
  app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  // The district grants the grade-sync tool a client; the tool asks the token endpoint for its scopes.
  const client = await createClient(database, demo.districtTenantId, { name: 'Google Classroom', scopes: SCOPES });
  const tokenRes = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      scope: SCOPES.map((s) => OR + s).join(' '),
    }),
  });
  expect(tokenRes.status).toBe(200);
  token = ((await tokenRes.json()) as { access_token: string }).access_token;
  // The teacher types their school address into the tool: the first teacher of the demo district.
  const [row] = await database.query<{ email: string }>(
    `SELECT u.email FROM oneroster.users u JOIN oneroster.roles r ON r.tenant_id = u.tenant_id
      AND r.user_sourced_id = u.sourced_id
      WHERE u.tenant_id = $1 AND r.role = 'teacher' ORDER BY u.identifier LIMIT 1`,
    [demo.districtTenantId],
  );
  teacherEmail = row!.email;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('grade sync on the demo district (Google Classroom flow, OneRoster 1.2)', () => {
  it('finds the teacher by e-mail, reads roster, categories and grading periods, writes and deletes grades', async () => {
    // 1. The teacher by e-mail (one user; every demo teacher, student and parent has a realistic address).
    expect(teacherEmail).toMatch(/^[a-z]+\.[a-z]+\d*@demo-district\.schola\.dev$/);
    const found = await get<{ sourcedId: string; email: string; roles: { role: string }[] }[]>(
      `${ROSTER}/users?filter=${encodeURIComponent(`email='${teacherEmail}'`)}`,
      'users',
    );
    expect(found).toHaveLength(1);
    const teacher = found[0]!;
    expect(teacher.roles.map((r) => r.role)).toContain('teacher');

    // 2. Their classes (both nested reads agree).
    const classes = await get<{ sourcedId: string; terms: Ref[]; school: Ref }[]>(
      `${ROSTER}/teachers/${teacher.sourcedId}/classes`,
      'classes',
    );
    expect(classes.length).toBeGreaterThan(0);
    const viaUsers = await get<{ sourcedId: string }[]>(`${ROSTER}/users/${teacher.sourcedId}/classes`, 'classes');
    expect(viaUsers.map((c) => c.sourcedId).sort()).toEqual(classes.map((c) => c.sourcedId).sort());
    const klass = classes[0]!;

    // 3. The class's students, each with a school address; each has a parent with a personal one.
    const students = await get<{ sourcedId: string; email: string; agents: Ref[] }[]>(
      `${ROSTER}/classes/${klass.sourcedId}/students`,
      'users',
    );
    expect(students.length).toBeGreaterThanOrEqual(3);
    for (const s of students) expect(s.email).toMatch(/^[a-z]+\d+@students\.demo-district\.schola\.dev$/);
    const parent = await get<{ email: string; roles: { role: string }[]; agents: Ref[] }>(
      `${ROSTER}/users/${students[0]!.agents[0]!.sourcedId}`,
      'user',
    );
    expect(parent.email).toMatch(/@example\.net$/);
    expect(parent.roles.map((r) => r.role)).toEqual(['parent']);
    expect(parent.agents.map((a) => a.sourcedId)).toEqual([students[0]!.sourcedId]);

    // 4. The categories the class may use: the district's, before any line item exists.
    // The demo gradebooks may already hold this class's own items: remember them, the sync adds and removes its own.
    const before = (
      await get<{ sourcedId: string }[]>(`${GRADEBOOK}/classes/${klass.sourcedId}/lineItems`, 'lineItems')
    ).map((l) => l.sourcedId);
    const categories = await get<{ sourcedId: string; title: string; weight: number }[]>(
      `${GRADEBOOK}/classes/${klass.sourcedId}/categories`,
      'categories',
    );
    expect(categories.map((c) => c.title).filter((t) => t !== HIGH_SCHOOL_CATEGORY.title)).toEqual(
      expect.arrayContaining(DEMO_CATEGORIES.map((c) => c.title)),
    );
    const homework = categories.find((c) => c.title === 'Homework')!;

    // 5. The grading periods of the class's term: the quarters below it.
    expect(klass.terms).toHaveLength(1);
    const periods = await get<{ sourcedId: string; type: string; title: string; startDate: string; endDate: string }[]>(
      `${ROSTER}/terms/${klass.terms[0]!.sourcedId}/gradingPeriods`,
      'academicSessions',
    );
    expect(periods.map((p) => p.type)).toEqual(['gradingPeriod', 'gradingPeriod', 'gradingPeriod', 'gradingPeriod']);
    const quarter = [...periods].sort((a, b) => a.startDate.localeCompare(b.startDate))[0]!;
    expect(quarter.title).toMatch(/^First Quarter/);

    // 6. PUT a lineItem (Classroom names the class's school; leaving it out would store the same).
    const lineItemId = `gc-coursework-${klass.sourcedId}`;
    const lineItem = {
      sourcedId: lineItemId,
      status: 'active',
      title: 'Fractions worksheet',
      description: 'Chapter 3, exercises 1-20',
      assignDate: quarter.startDate,
      dueDate: quarter.endDate,
      class: { sourcedId: klass.sourcedId, type: 'class' },
      school: { sourcedId: klass.school.sourcedId, type: 'org' },
      category: { sourcedId: homework.sourcedId, type: 'category' },
      gradingPeriod: { sourcedId: quarter.sourcedId, type: 'academicSession' },
      resultValueMin: 0,
      resultValueMax: 100,
    };
    const created = await call('PUT', `${GRADEBOOK}/lineItems/${lineItemId}`, { lineItem });
    expect(created.status, created.text).toBe(201);
    expect(created.json.lineItem).toMatchObject({
      category: { sourcedId: homework.sourcedId },
      academicSession: { sourcedId: quarter.sourcedId },
      school: { sourcedId: klass.school.sourcedId },
    });
    const renamed = await call('PUT', `${GRADEBOOK}/lineItems/${lineItemId}`, {
      lineItem: { ...lineItem, title: 'Fractions worksheet (revised)' },
    });
    expect(renamed.status, renamed.text).toBe(200);

    // 7. PUT results: a grade then its edit, extra credit above the maximum, an exempt student.
    const [graded, extra, exempt] = students;
    const result = (student: string, fields: Record<string, unknown>) => ({
      result: {
        lineItem: { sourcedId: lineItemId, type: 'lineItem' },
        student: { sourcedId: student, type: 'user' },
        scoreDate: '2026-10-01T15:00:00.000Z',
        ...fields,
      },
    });
    const resultId = (s: { sourcedId: string }) => `gc-submission-${lineItemId}-${s.sourcedId}`;
    const puts: [typeof graded, Record<string, unknown>, number][] = [
      [graded, { scoreStatus: 'fully graded', score: 78 }, 201],
      [graded, { scoreStatus: 'fully graded', score: 85, comment: 'Regraded after review' }, 200],
      [extra, { scoreStatus: 'fully graded', score: 105 }, 201],
      [exempt, { scoreStatus: 'exempt' }, 201],
    ];
    for (const [student, fields, status] of puts) {
      const res = await call('PUT', `${GRADEBOOK}/results/${resultId(student!)}`, result(student!.sourcedId, fields));
      expect(res.status, res.text).toBe(status);
    }
    const stored = await get<{ sourcedId: string; score?: number; scoreStatus: string; comment?: string }[]>(
      `${GRADEBOOK}/classes/${klass.sourcedId}/lineItems/${lineItemId}/results?sort=sourcedId`,
      'results',
    );
    const byId = new Map(stored.map((r) => [r.sourcedId, r]));
    expect(byId.get(resultId(graded!))).toMatchObject({ score: 85, comment: 'Regraded after review' });
    expect(byId.get(resultId(extra!))).toMatchObject({ score: 105, scoreStatus: 'fully graded' });
    expect(byId.get(resultId(exempt!))).toMatchObject({ scoreStatus: 'exempt' });
    expect(byId.get(resultId(exempt!))!.score).toBeUndefined();

    // 8. DELETE: a result, then the line item; both leave the class's lists.
    expect((await call('DELETE', `${GRADEBOOK}/results/${resultId(graded!)}`)).status).toBe(204);
    expect((await call('DELETE', `${GRADEBOOK}/lineItems/${lineItemId}`)).status).toBe(204);
    expect((await call('GET', `${GRADEBOOK}/lineItems/${lineItemId}`)).status).toBe(404);
    const after = await get<{ sourcedId: string }[]>(`${GRADEBOOK}/classes/${klass.sourcedId}/lineItems`, 'lineItems');
    expect(after.map((l) => l.sourcedId)).toEqual(before);
    // The categories stay offered to the class once its last line item is gone.
    expect(
      (await get<{ sourcedId: string }[]>(`${GRADEBOOK}/classes/${klass.sourcedId}/categories`, 'categories')).map(
        (c) => c.sourcedId,
      ),
    ).toContain(homework.sourcedId);
  });
});
