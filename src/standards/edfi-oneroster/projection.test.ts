/**
 * One district, both APIs: data written through the Ed-Fi API appears, written through, in the
 * OneRoster REST API (orgs, academicSessions, courses, classes, users, enrollments, lineItems, results);
 * the full projection is idempotent; removing an Ed-Fi row marks its OneRoster face tobedeleted.
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
import { edfiApiRoutes } from '../edfi/routes.js';
import { oneRosterRoutes } from '../oneroster/plugin.js';
import { changedRows, projectEdfiToOneRoster } from './projection.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
const EDFI = '/data/v3/ed-fi';
const ROSTER = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const LEA = 255901;
const [HIGH, MIDDLE] = [255901001, 255901044];
const SECTION = {
  sectionIdentifier: 'ALG-1-01',
  localCourseCode: 'ALG-1',
  schoolId: HIGH,
  schoolYear: 2025,
  sessionName: '2024-2025 Fall Semester',
};

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
async function post(collection: string, body: unknown): Promise<string> {
  const res = await call('POST', `${EDFI}/${collection}`, body);
  if (res.statusCode >= 300) throw new Error(`${collection}: ${res.statusCode} ${res.body}`);
  return String(res.headers.location).split('/').pop()!;
}
async function roster<T = Record<string, unknown>>(path: string, envelope: string): Promise<T[]> {
  const res = await call('GET', path);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json()[envelope] as T[];
}
const project = () => tenantTransaction(database, tenantId, ({ tx }) => projectEdfiToOneRoster(tx, tenantId));

const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Both APIs ISD', 'district')`,
    [tenantId, `both-${tenantId.slice(0, 8)}`],
  );
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  await ensureDemoDescriptors(database.db);
  const principal: Principal = {
    kind: 'client',
    tenantId,
    actorId: 'sis-client',
    roles: ['api_client'],
    scopes: [
      'https://schola.dev/scope/edfi',
      ...['roster.readonly', 'roster-core.readonly', 'gradebook.readonly'].map((s) => OR + s),
    ],
  };
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
      oneRosterRoutes(),
    ],
  });

  // The SIS writes its district through the Ed-Fi API, one resource at a time.
  ids.lea = await post('localEducationAgencies', {
    localEducationAgencyId: LEA,
    nameOfInstitution: 'Grand Bend ISD',
    localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor', 'Independent'),
  });
  ids.high = await post('schools', {
    schoolId: HIGH,
    nameOfInstitution: 'Grand Bend High School',
    localEducationAgencyReference: { localEducationAgencyId: LEA },
  });
  ids.middle = await post('schools', {
    schoolId: MIDDLE,
    nameOfInstitution: 'Grand Bend Middle School',
    localEducationAgencyReference: { localEducationAgencyId: LEA },
  });
  ids.fall = await post('sessions', {
    sessionName: SECTION.sessionName,
    schoolReference: { schoolId: HIGH },
    schoolYearTypeReference: { schoolYear: 2025 },
    beginDate: '2024-08-19',
    endDate: '2024-12-20',
    termDescriptor: D('TermDescriptor', 'Fall Semester'),
    totalInstructionalDays: 82,
  });
  ids.course = await post('courses', {
    courseCode: 'ALG-1',
    courseTitle: 'Algebra I',
    numberOfParts: 1,
    academicSubjectDescriptor: D('AcademicSubjectDescriptor', 'Mathematics'),
    educationOrganizationReference: { educationOrganizationId: LEA },
  });
  await post('courseOfferings', {
    localCourseCode: 'ALG-1',
    localCourseTitle: 'Algebra I',
    schoolReference: { schoolId: HIGH },
    sessionReference: { schoolId: HIGH, schoolYear: 2025, sessionName: SECTION.sessionName },
    courseReference: { courseCode: 'ALG-1', educationOrganizationId: LEA },
  });
  ids.section = await post('sections', {
    sectionIdentifier: SECTION.sectionIdentifier,
    sectionName: 'Algebra I — Period 1',
    courseOfferingReference: {
      localCourseCode: 'ALG-1',
      schoolId: HIGH,
      schoolYear: 2025,
      sessionName: SECTION.sessionName,
    },
  });
  ids.teacher = await post('staffs', { staffUniqueId: 'T0001', firstName: 'Ada', lastSurname: 'Byron' });
  ids.teaching = await post('staffSectionAssociations', {
    staffReference: { staffUniqueId: 'T0001' },
    sectionReference: SECTION,
    beginDate: '2024-08-19',
    classroomPositionDescriptor: D('ClassroomPositionDescriptor', 'Teacher of Record'),
  });
  for (const [n, first] of [
    ['604821', 'Alan'],
    ['604822', 'Grace'],
  ] as const) {
    ids[n] = await post('students', {
      studentUniqueId: n,
      firstName: first,
      lastSurname: 'Turing',
      birthDate: '2009-06-23',
    });
    await post('studentSchoolAssociations', {
      studentReference: { studentUniqueId: n },
      schoolReference: { schoolId: HIGH },
      entryDate: '2024-08-19',
      entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
    });
    ids[`ssa-${n}`] = await post('studentSectionAssociations', {
      studentReference: { studentUniqueId: n },
      sectionReference: SECTION,
      beginDate: '2024-08-19',
    });
  }
  ids.quiz = await post('gradebookEntries', {
    gradebookEntryIdentifier: 'Q1',
    namespace: 'uri://grandbend.edu',
    title: 'Quiz 1',
    dateAssigned: '2024-09-02',
    dueDate: '2024-09-09',
    sectionReference: SECTION,
  });
  const entry = { gradebookEntryIdentifier: 'Q1', namespace: 'uri://grandbend.edu' };
  ids.score = await post('studentGradebookEntries', {
    studentReference: { studentUniqueId: '604821' },
    gradebookEntryReference: entry,
    numericGradeEarned: 93.5,
    dateFulfilled: '2024-09-08T15:00:00Z',
  });
  ids.letter = await post('studentGradebookEntries', {
    studentReference: { studentUniqueId: '604822' },
    gradebookEntryReference: entry,
    letterGradeEarned: 'B+',
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

describe('Ed-Fi data served as OneRoster', () => {
  it('Ed-Fi API writes appear in the OneRoster REST API: schools → orgs, sessions → academicSessions, courses/sections → courses/classes', async () => {
    const orgs = await roster<{ sourcedId: string; type: string; identifier: string; parent?: { sourcedId: string } }>(
      `${ROSTER}/orgs?sort=identifier`,
      'orgs',
    );
    expect(orgs.map((o) => [o.sourcedId, o.type, o.identifier])).toEqual([
      [ids.lea, 'district', String(LEA)],
      [ids.high, 'school', String(HIGH)],
      [ids.middle, 'school', String(MIDDLE)],
    ]);
    expect(orgs[1]!.parent?.sourcedId).toBe(ids.lea);

    const sessions = await roster<{
      sourcedId: string;
      type: string;
      parent?: { sourcedId: string };
      schoolYear: string;
    }>(`${ROSTER}/academicSessions`, 'academicSessions');
    const year = sessions.find((s) => s.type === 'schoolYear')!;
    expect(year).toMatchObject({
      title: '2024-2025 School Year',
      startDate: '2024-08-19',
      endDate: '2024-12-20',
      schoolYear: '2025',
    });
    expect(sessions.find((s) => s.sourcedId === ids.fall)).toMatchObject({
      type: 'semester',
      title: SECTION.sessionName,
      parent: { sourcedId: year.sourcedId },
    });

    const [course] = await roster<Record<string, unknown>>(`${ROSTER}/courses`, 'courses');
    expect(course).toMatchObject({
      sourcedId: ids.course,
      title: 'Algebra I',
      courseCode: 'ALG-1',
      subjects: ['Mathematics'],
      org: { sourcedId: ids.lea },
      schoolYear: { sourcedId: year.sourcedId },
    });
    const [klass] = await roster<Record<string, unknown>>(`${ROSTER}/classes`, 'classes');
    expect(klass).toMatchObject({
      sourcedId: ids.section,
      title: 'Algebra I — Period 1',
      classCode: 'ALG-1-01',
      course: { sourcedId: ids.course },
      school: { sourcedId: ids.high },
    });
    // The class runs in its course offering's session (the fall semester), not the whole year.
    expect((klass!.terms as { sourcedId: string }[]).map((t) => t.sourcedId)).toEqual([ids.fall]);
  });

  it('students/staff → users with roles; section associations → enrollments (teacher of record is primary)', async () => {
    const students = await roster<Record<string, unknown>>(`${ROSTER}/students?sort=identifier`, 'users');
    expect(students.map((s) => s.identifier)).toEqual(['604821', '604822']);
    expect(students[0]).toMatchObject({
      sourcedId: ids['604821'],
      givenName: 'Alan',
      familyName: 'Turing',
      grades: ['09'],
      primaryOrg: { sourcedId: ids.high },
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: ids.high } }],
    });
    const [teacher] = await roster<Record<string, unknown>>(`${ROSTER}/teachers`, 'users');
    expect(teacher).toMatchObject({
      sourcedId: ids.teacher,
      identifier: 'T0001',
      primaryOrg: { sourcedId: ids.high },
      roles: [{ role: 'teacher', org: { sourcedId: ids.high } }],
    });

    const enrollments = await roster<{ sourcedId: string; role: string; primary: string; user: { sourcedId: string } }>(
      `${ROSTER}/classes/${ids.section}/students`,
      'users',
    );
    expect(enrollments.map((u) => u.sourcedId).sort()).toEqual([ids['604821'], ids['604822']].sort());
    const all = await roster<{ sourcedId: string; role: string; primary: string }>(
      `${ROSTER}/enrollments?sort=role`,
      'enrollments',
    );
    expect(all.map((e) => [e.sourcedId, e.role, e.primary])).toEqual(
      expect.arrayContaining([
        [ids['ssa-604821'], 'student', 'false'],
        [ids.teaching, 'teacher', 'true'],
      ]),
    );
    expect(all).toHaveLength(3);
  });

  it('gradebook entries → lineItems, student gradebook entries → results (the letter grade is the textScore)', async () => {
    const [item] = await roster<Record<string, unknown>>(`${GRADEBOOK}/lineItems`, 'lineItems');
    expect(item).toMatchObject({
      sourcedId: ids.quiz,
      title: 'Quiz 1',
      assignDate: '2024-09-02',
      dueDate: '2024-09-09',
      class: { sourcedId: ids.section },
    });
    const results = await roster<Record<string, unknown>>(`${GRADEBOOK}/classes/${ids.section}/results`, 'results');
    const score = results.find((r) => r.sourcedId === ids.score)!;
    expect(score).toMatchObject({
      score: 93.5,
      scoreStatus: 'fully graded',
      student: { sourcedId: ids['604821'] },
      lineItem: { sourcedId: ids.quiz },
    });
    const letter = results.find((r) => r.sourcedId === ids.letter)!;
    expect(letter).toMatchObject({ scoreStatus: 'fully graded', textScore: 'B+', metadata: { source: 'edfi' } });
    expect(letter.score ?? null).toBeNull();
  });

  it('a full projection after the write-through changes nothing, and a second one neither (dateLastModified stable)', async () => {
    const before = await database.query<{ d: string }>(
      `SELECT max(date_last_modified)::text AS d FROM oneroster.users WHERE tenant_id = $1`,
      [tenantId],
    );
    const first = await project();
    const second = await project();
    console.log(`projection after write-through: ${changedRows(first)} rows changed; again: ${changedRows(second)}`);
    expect(changedRows(first)).toBe(0);
    expect(changedRows(second)).toBe(0);
    const after = await database.query<{ d: string }>(
      `SELECT max(date_last_modified)::text AS d FROM oneroster.users WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(after).toEqual(before);
  });

  it('rows inserted directly into edfi.* appear after `project`; a deleted section association marks its enrollment tobedeleted', async () => {
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
        VALUES ($1, '604823', 'Edsger', 'Dijkstra', '2009-05-11')`,
      [tenantId],
    );
    const report = await project();
    expect(report['oneroster.users']).toEqual({ inserted: 1, updated: 0, retired: 0 });
    expect(changedRows(await project())).toBe(0);

    const deleted = await call('DELETE', `${EDFI}/studentSectionAssociations/${ids['ssa-604822']}`);
    expect(deleted.statusCode).toBe(204);
    const [row] = await database.query<{ status: string }>(
      `SELECT status FROM oneroster.enrollments WHERE tenant_id = $1 AND sourced_id = $2`,
      [tenantId, ids['ssa-604822']],
    );
    expect(row?.status).toBe('tobedeleted');
    const roster1 = await roster<{ sourcedId: string }>(`${ROSTER}/classes/${ids.section}/students`, 'users');
    expect(roster1.map((u) => u.sourcedId)).toEqual([ids['604821']]);
    expect(changedRows(await project())).toBe(0);

    // The association comes back: the same enrollment is active again.
    ids['ssa-604822'] = await post('studentSectionAssociations', {
      studentReference: { studentUniqueId: '604822' },
      sectionReference: SECTION,
      beginDate: '2024-08-19',
    });
    const again = await database.query<{ status: string }>(
      `SELECT status FROM oneroster.enrollments WHERE tenant_id = $1 AND sourced_id = $2`,
      [tenantId, ids['ssa-604822']],
    );
    expect(again[0]?.status).toBe('active');
  });

  it('an Ed-Fi update is written through at once (student renamed → user renamed)', async () => {
    await post('students', {
      studentUniqueId: '604821',
      firstName: 'Alan M.',
      lastSurname: 'Turing',
      birthDate: '2009-06-23',
    });
    const res = await call('GET', `${ROSTER}/users/${ids['604821']}`);
    expect(res.json().user.givenName).toBe('Alan M.');
  });

  it('grading periods are written through under their session; a Year Round session written later becomes the parent', async () => {
    const q1 = await post('gradingPeriods', {
      gradingPeriodDescriptor: D('GradingPeriodDescriptor', 'First Quarter'),
      gradingPeriodName: 'First Quarter',
      schoolReference: { schoolId: HIGH },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-19',
      endDate: '2024-10-18',
      totalInstructionalDays: 44,
    });
    const parentOf = async (id: string) => {
      const res = await call('GET', `${ROSTER}/academicSessions/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().academicSession as { type: string; title: string; parent?: { sourcedId: string } };
    };
    expect(await parentOf(q1)).toMatchObject({
      type: 'gradingPeriod',
      title: 'First Quarter 2024-2025',
      parent: { sourcedId: ids.fall },
    });
    const yearRound = await post('sessions', {
      sessionName: '2024-2025 Year Round',
      schoolReference: { schoolId: HIGH },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-19',
      endDate: '2025-05-30',
      termDescriptor: D('TermDescriptor', 'Year Round'),
      totalInstructionalDays: 170,
    });
    const schoolYear = (await parentOf(ids.fall!)).parent!.sourcedId;
    expect(schoolYear).toBe(yearRound);
    expect(await parentOf(yearRound)).toMatchObject({ type: 'schoolYear', parent: { sourcedId: expect.any(String) } });
    expect((await parentOf(yearRound)).parent!.sourcedId).not.toBe(yearRound);
    expect((await parentOf(q1)).parent!.sourcedId).toBe(ids.fall);
    const below = await roster<{ sourcedId: string }>(
      `${ROSTER}/terms/${yearRound}/gradingPeriods`,
      'academicSessions',
    );
    expect(below.map((g) => g.sourcedId)).toEqual([q1]);
    const terms = await roster<{ sourcedId: string }>(`${ROSTER}/terms`, 'academicSessions');
    expect(terms.map((t) => t.sourcedId)).toEqual([ids.fall]);
    expect(changedRows(await project())).toBe(0);
  });
});
