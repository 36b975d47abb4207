/**
 * One district, both APIs (src/standards/edfi-oneroster/*.test.ts): a tenant whose SIS writes its
 * district through the Ed-Fi API one resource at a time — an LEA, two schools, a fall session, a
 * course offered as one section, its teacher, two students enrolled, a gradebook entry scored twice —
 * served by the Ed-Fi and OneRoster routes together. `useBothApisDistrict()` builds it for the calling
 * test file; `database`, `app` and `tenantId` are live bindings, set once it is built, and `ids` holds
 * the Ed-Fi ids of what was written.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { ensureDemoDescriptors } from '../../src/demo/descriptors.js';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { edfiApiRoutes } from '../../src/standards/edfi/routes.js';
import { projectEdfiToOneRoster } from '../../src/standards/edfi-oneroster/projection.js';
import { oneRosterRoutes } from '../../src/standards/oneroster/plugin.js';
import { migratedDatabase, type TestDatabase } from './db.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
export const EDFI = '/data/v3/ed-fi';
export const ROSTER = '/ims/oneroster/rostering/v1p2';
export const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
export const LEA = 255901;
export const [HIGH, MIDDLE] = [255901001, 255901044];
export const SECTION = {
  sectionIdentifier: 'ALG-1-01',
  localCourseCode: 'ALG-1',
  schoolId: HIGH,
  schoolYear: 2025,
  sessionName: '2024-2025 Fall Semester',
};

export let database: TestDatabase;
export let app: FastifyInstance;
export let tenantId: string;
export const ids: Record<string, string> = {};

export const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
export async function post(collection: string, body: unknown): Promise<string> {
  const res = await call('POST', `${EDFI}/${collection}`, body);
  if (res.statusCode >= 300) throw new Error(`${collection}: ${res.statusCode} ${res.body}`);
  return String(res.headers.location).split('/').pop()!;
}
export async function roster<T = Record<string, unknown>>(path: string, envelope: string): Promise<T[]> {
  const res = await call('GET', path);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json()[envelope] as T[];
}
export const project = () => tenantTransaction(database, tenantId, ({ tx }) => projectEdfiToOneRoster(tx, tenantId));

export function useBothApisDistrict(): void {
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
}
