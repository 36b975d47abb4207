/**
 * The Ed-Fi resources of resources-academic-record.ts and the child collections (schools.gradeLevels,
 * calendarDates.calendarEvents, studentAssessments.scoreResults, cohorts.programs), end to end:
 * upsert/GET/PUT/DELETE, unresolved references (409), invalid descriptors (400), collections replaced
 * by POST and PUT, child validation paths, OpenAPI.
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
import { MAX_CHILD_ITEMS } from './codec.js';
import { edfiApiRoutes } from './routes.js';
import { forgetPolicies } from '../../platform/auth/default-policies.js';

const EDFI = 'https://schola.dev/scope/edfi';
const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
const BASE = '/data/v3/ed-fi';
const SCHOOL = 255901001;
const OTHER_SCHOOL = 255901002;
const EXTRA_DESCRIPTORS: Record<string, string[]> = {
  GradingPeriodDescriptor: ['First Six Weeks', 'Second Six Weeks'],
  GradeTypeDescriptor: ['Grading Period', 'Final'],
  DiplomaTypeDescriptor: ['Regular diploma'],
  DiplomaLevelDescriptor: ['Honors'],
  AchievementCategoryDescriptor: ['Diploma'],
  CompetencyLevelDescriptor: ['Proficient', 'Advanced'],
  CohortTypeDescriptor: ['Academic Intervention'],
  CohortScopeDescriptor: ['School'],
  ProgramTypeDescriptor: ['Athletics', 'Gifted and Talented'],
  DisciplineIncidentParticipationCodeDescriptor: ['Victim', 'Witness'],
  DisciplineActionLengthDifferenceReasonDescriptor: ['No Difference'],
  StateAbbreviationDescriptor: ['TX'],
  CredentialTypeDescriptor: ['Certification'],
  CredentialFieldDescriptor: ['Mathematics'],
  AssessmentReportingMethodDescriptor: ['Raw score', 'Scale score'],
  ResultDatatypeTypeDescriptor: ['Integer'],
};

let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let principal: Principal;
const district = (): Principal => ({
  kind: 'client',
  tenantId,
  actorId: 'district-client',
  roles: ['api_client'],
  scopes: [EDFI],
});

const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

async function post(collection: string, body: unknown) {
  const res = await call('POST', `${BASE}/${collection}`, body);
  if (res.statusCode >= 300) throw new Error(`${collection}: ${res.statusCode} ${res.body}`);
  return res;
}

const studentRef = (id = 'S1') => ({ studentUniqueId: id });
const gradingPeriodRef = (code = 'First Six Weeks') => ({
  gradingPeriodDescriptor: D('GradingPeriodDescriptor', code),
  gradingPeriodName: code,
  schoolId: SCHOOL,
  schoolYear: 2025,
});
const sectionKey = {
  localCourseCode: 'ALG-1',
  schoolId: SCHOOL,
  schoolYear: 2025,
  sectionIdentifier: 'ALG-1-01',
  sessionName: 'Fall',
};
const assessmentRef = { assessmentIdentifier: 'STAAR-ALG', namespace: 'uri://tea.texas.gov/Assessment' };

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Ed-Fi ISD', 'district')`, [
    tenantId,
    `edfi-more-${tenantId.slice(0, 8)}`,
  ]);
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  // Discipline is sensitive: no default grant for API clients — the district grants this one.
  for (const permission of ['read', 'write', 'delete']) {
    await database.query(
      `INSERT INTO compliance.data_access_controls (tenant_id, role_name, resource_type, resource_identifier,
        permission_type, educational_interest_required)
       VALUES ($1, 'api_client', 'sensitive_discipline', '*', $2, false)`,
      [tenantId, permission],
    );
    forgetPolicies(); // written behind the API's back: drop the cached policies
  }
  await ensureDemoDescriptors(database.db);
  for (const [type, codes] of Object.entries(EXTRA_DESCRIPTORS)) {
    for (const code of codes) {
      await database.query(
        `INSERT INTO edfi.descriptor (namespace, codevalue, shortdescription, descriptortype) VALUES ($1, $2, $2, $3)
          ON CONFLICT DO NOTHING`,
        [`uri://ed-fi.org/${type}`, code, type],
      );
    }
  }
  principal = district();
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
    ],
  });
  await post('localEducationAgencies', {
    localEducationAgencyId: 255901,
    nameOfInstitution: 'Grand Bend ISD',
    localEducationAgencyCategoryDescriptor: D('LocalEducationAgencyCategoryDescriptor', 'Independent'),
  });
  for (const schoolId of [SCHOOL, OTHER_SCHOOL])
    await post('schools', {
      schoolId,
      nameOfInstitution: `School ${schoolId}`,
      localEducationAgencyReference: { localEducationAgencyId: 255901 },
    });
  for (const id of ['S1', 'S2'])
    await post('students', { studentUniqueId: id, firstName: 'Ada', lastSurname: 'Lovelace', birthDate: '2010-05-01' });
  await post('staffs', { staffUniqueId: 'T1', firstName: 'Grace', lastSurname: 'Hopper' });
  for (const code of ['First Six Weeks', 'Second Six Weeks']) {
    await post('gradingPeriods', {
      gradingPeriodDescriptor: D('GradingPeriodDescriptor', code),
      gradingPeriodName: code,
      schoolReference: { schoolId: SCHOOL },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-20',
      endDate: '2024-10-01',
      totalInstructionalDays: 30,
    });
  }
  await post('sessions', {
    sessionName: 'Fall',
    schoolReference: { schoolId: SCHOOL },
    schoolYearTypeReference: { schoolYear: 2025 },
    beginDate: '2024-08-20',
    endDate: '2024-12-20',
    termDescriptor: D('TermDescriptor', 'Fall Semester'),
    totalInstructionalDays: 80,
  });
  await post('courses', {
    courseCode: 'ALG-1',
    courseTitle: 'Algebra I',
    educationOrganizationReference: { educationOrganizationId: 255901 },
  });
  await post('courseOfferings', {
    localCourseCode: 'ALG-1',
    schoolReference: { schoolId: SCHOOL },
    sessionReference: { schoolId: SCHOOL, schoolYear: 2025, sessionName: 'Fall' },
    courseReference: { courseCode: 'ALG-1', educationOrganizationId: 255901 },
  });
  await post('sections', {
    sectionIdentifier: 'ALG-1-01',
    courseOfferingReference: { localCourseCode: 'ALG-1', schoolId: SCHOOL, schoolYear: 2025, sessionName: 'Fall' },
  });
  await post('studentSectionAssociations', {
    studentReference: studentRef(),
    sectionReference: {
      sectionIdentifier: 'ALG-1-01',
      localCourseCode: 'ALG-1',
      schoolId: SCHOOL,
      schoolYear: 2025,
      sessionName: 'Fall',
    },
    beginDate: '2024-08-20',
  });
  await post('assessments', { ...assessmentRef, assessmentTitle: 'STAAR Algebra I' });
  await post('disciplineIncidents', {
    incidentIdentifier: 'INC-1',
    schoolReference: { schoolId: SCHOOL },
    incidentDate: '2024-10-01',
  });
  await post('cohorts', {
    cohortIdentifier: 'C-MATH',
    educationOrganizationReference: { educationOrganizationId: SCHOOL },
    cohortTypeDescriptor: D('CohortTypeDescriptor', 'Academic Intervention'),
  });
  await post('calendars', {
    calendarCode: 'MAIN',
    schoolReference: { schoolId: SCHOOL },
    schoolYearTypeReference: { schoolYear: 2025 },
    calendarTypeDescriptor: D('CalendarTypeDescriptor', 'Student Specific'),
  });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

/** The body without what the data model does not store (5.2 key parts it has no column for). */
function stored(value: unknown, unstored: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => stored(v, unstored));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !unstored.includes(k))
      .map(([k, v]) => [k, stored(v, unstored)]),
  );
}

interface Case {
  collection: string;
  body: Record<string, unknown>;
  /** A change of a non-key field, for the upsert and the PUT. */
  change: Record<string, unknown>;
  unstored?: string[];
}

const CASES: Case[] = [
  {
    collection: 'reportCards',
    body: {
      studentReference: studentRef(),
      educationOrganizationReference: { educationOrganizationId: SCHOOL },
      gradingPeriodReference: gradingPeriodRef(),
      numberOfDaysAbsent: 2,
      numberOfDaysTardy: 1,
    },
    change: { numberOfDaysAbsent: 3.5, gpaCumulative: 3.25 },
    unstored: ['gradingPeriodName'],
  },
  {
    collection: 'grades',
    body: {
      studentSectionAssociationReference: { ...sectionKey, beginDate: '2024-08-20', studentUniqueId: 'S1' },
      gradingPeriodReference: gradingPeriodRef(),
      gradeTypeDescriptor: D('GradeTypeDescriptor', 'Grading Period'),
      letterGradeEarned: 'B',
    },
    change: { letterGradeEarned: 'A', numericGradeEarned: 93.5 },
    unstored: ['gradingPeriodName', 'sessionName'],
  },
  {
    collection: 'diplomas',
    body: {
      studentReference: studentRef(),
      diplomaTypeDescriptor: D('DiplomaTypeDescriptor', 'Regular diploma'),
      diplomaAwardDate: '2025-06-01',
    },
    change: { diplomaLevelDescriptor: D('DiplomaLevelDescriptor', 'Honors'), cteCompleter: true },
  },
  {
    collection: 'studentCompetencyObjectives',
    body: {
      studentReference: studentRef(),
      gradingPeriodReference: gradingPeriodRef(),
      objectiveCompetencyObjectiveReference: {
        educationOrganizationId: SCHOOL,
        objective: 'Linear equations',
        objectiveGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
      },
      competencyLevelDescriptor: D('CompetencyLevelDescriptor', 'Proficient'),
    },
    change: { competencyLevelDescriptor: D('CompetencyLevelDescriptor', 'Advanced'), diagnosticStatement: 'Solid' },
    unstored: ['gradingPeriodName'],
  },
  {
    collection: 'objectiveAssessments',
    body: { assessmentReference: assessmentRef, identificationCode: 'ALG-RC1', maxRawScore: 20 },
    change: { description: 'Reporting category 1', percentOfAssessment: 0.25 },
  },
  {
    collection: 'cohorts',
    body: {
      cohortIdentifier: 'C-READ',
      educationOrganizationReference: { educationOrganizationId: SCHOOL },
      cohortTypeDescriptor: D('CohortTypeDescriptor', 'Academic Intervention'),
    },
    change: { cohortDescription: 'Reading intervention', cohortScopeDescriptor: D('CohortScopeDescriptor', 'School') },
  },
  {
    collection: 'studentCohortAssociations',
    body: {
      studentReference: studentRef(),
      cohortReference: { cohortIdentifier: 'C-MATH', educationOrganizationId: SCHOOL },
      beginDate: '2024-09-01',
    },
    change: { endDate: '2025-01-15' },
  },
  {
    collection: 'studentDisciplineIncidentAssociations',
    body: {
      studentReference: studentRef(),
      disciplineIncidentReference: { incidentIdentifier: 'INC-1', schoolId: SCHOOL },
      studentParticipationCodeDescriptor: D('DisciplineIncidentParticipationCodeDescriptor', 'Victim'),
    },
    change: { studentParticipationCodeDescriptor: D('DisciplineIncidentParticipationCodeDescriptor', 'Witness') },
  },
  {
    collection: 'disciplineActions',
    body: {
      disciplineActionIdentifier: 'DA-1',
      disciplineDate: '2024-10-02',
      studentReference: studentRef(),
      responsibilitySchoolReference: { schoolId: SCHOOL },
    },
    change: {
      disciplineActionLength: 3,
      assignmentSchoolReference: { schoolId: OTHER_SCHOOL },
      relatedToZeroTolerancePolicy: false,
    },
  },
  {
    collection: 'credentials',
    body: {
      credentialIdentifier: 'CERT-1',
      stateOfIssueStateAbbreviationDescriptor: D('StateAbbreviationDescriptor', 'TX'),
      credentialTypeDescriptor: D('CredentialTypeDescriptor', 'Certification'),
      issuanceDate: '2020-06-01',
      namespace: 'uri://tea.texas.gov',
    },
    change: { expirationDate: '2030-06-01', credentialFieldDescriptor: D('CredentialFieldDescriptor', 'Mathematics') },
    unstored: ['namespace'],
  },
  {
    collection: 'learningStandards',
    body: {
      learningStandardId: 'TEKS.111.39.c.5',
      description: 'Linear functions',
      namespace: 'uri://tea.texas.gov/LearningStandard',
    },
    change: { learningStandardItemCode: '5A', courseTitle: 'Algebra I' },
  },
  {
    collection: 'learningObjectives',
    body: {
      learningObjectiveId: 'LO-1',
      namespace: 'uri://grandbend.edu/LearningObjective',
      objective: 'Solve linear equations',
    },
    change: { nomenclature: 'Objective', successCriteria: '8 of 10' },
  },
];

describe('Ed-Fi API: the remaining resources', () => {
  it('serves each new resource: POST 201 then upsert 200 on the natural key, GET, PUT 204, DELETE 204', async () => {
    for (const c of CASES) {
      const label = c.collection;
      const created = await call('POST', `${BASE}/${c.collection}`, c.body);
      expect(created.statusCode, `${label}: ${created.body}`).toBe(201);
      const location = created.headers.location as string;
      const upserted = await call('POST', `${BASE}/${c.collection}`, { ...c.body, ...c.change });
      expect(upserted.statusCode, `${label}: ${upserted.body}`).toBe(200);
      expect(upserted.headers.location, label).toBe(location);
      const read = await call('GET', location);
      expect(read.statusCode, label).toBe(200);
      expect(read.json(), label).toMatchObject(stored({ ...c.body, ...c.change }, c.unstored ?? []) as object);
      const put = await call('PUT', location, c.body);
      expect(put.statusCode, `${label}: ${put.body}`).toBe(204);
      const reread = (await call('GET', location)).json();
      expect(reread, label).toMatchObject(stored(c.body, c.unstored ?? []) as object);
      for (const field of Object.keys(c.change))
        if (!(field in c.body)) expect(reread, `${label}.${field}`).not.toHaveProperty(field);
      const totalCount = (await call('GET', `${BASE}/${c.collection}?totalCount=true`)).headers['total-count'];
      expect(totalCount, label).toBe(c.collection === 'cohorts' ? '2' : '1');
      expect((await call('DELETE', location)).statusCode, label).toBe(204);
      expect((await call('GET', location)).statusCode, label).toBe(404);
    }
    console.log(`new resources exercised: ${CASES.length}`);
  });

  it('answers 409 unresolved-reference naming the reference that does not resolve', async () => {
    const byCollection = Object.fromEntries(CASES.map((c) => [c.collection, c.body]));
    const unresolved: [string, Record<string, unknown>, string][] = [
      ['reportCards', { ...byCollection.reportCards, studentReference: studentRef('NOBODY') }, '$.studentReference'],
      [
        'reportCards',
        { ...byCollection.reportCards, gradingPeriodReference: { ...gradingPeriodRef(), schoolId: OTHER_SCHOOL } },
        '$.gradingPeriodReference',
      ],
      // S2 is a student, but not enrolled in the section.
      [
        'grades',
        {
          ...byCollection.grades,
          studentSectionAssociationReference: { ...sectionKey, beginDate: '2024-08-20', studentUniqueId: 'S2' },
        },
        '$.studentSectionAssociationReference',
      ],
      [
        'grades',
        {
          ...byCollection.grades,
          studentSectionAssociationReference: { ...sectionKey, beginDate: '2024-08-20', studentUniqueId: 'NOBODY' },
        },
        '$.studentSectionAssociationReference',
      ],
      [
        'studentCompetencyObjectives',
        {
          ...byCollection.studentCompetencyObjectives,
          objectiveCompetencyObjectiveReference: {
            educationOrganizationId: 999,
            objective: 'x',
            objectiveGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
          },
        },
        '$.objectiveCompetencyObjectiveReference',
      ],
      [
        'objectiveAssessments',
        {
          ...byCollection.objectiveAssessments,
          assessmentReference: { ...assessmentRef, assessmentIdentifier: 'NONE' },
        },
        '$.assessmentReference',
      ],
      [
        'objectiveAssessments',
        {
          ...byCollection.objectiveAssessments,
          parentObjectiveAssessmentReference: { ...assessmentRef, identificationCode: 'NONE' },
        },
        '$.parentObjectiveAssessmentReference',
      ],
      [
        'studentCohortAssociations',
        {
          studentReference: studentRef(),
          cohortReference: { cohortIdentifier: 'NONE', educationOrganizationId: SCHOOL },
          beginDate: '2024-09-01',
        },
        '$.cohortReference',
      ],
      [
        'studentDisciplineIncidentAssociations',
        {
          ...byCollection.studentDisciplineIncidentAssociations,
          disciplineIncidentReference: { incidentIdentifier: 'INC-404', schoolId: SCHOOL },
        },
        '$.disciplineIncidentReference',
      ],
      [
        'disciplineActions',
        { ...byCollection.disciplineActions, responsibilitySchoolReference: { schoolId: 999 } },
        '$.responsibilitySchoolReference',
      ],
      [
        'cohorts',
        {
          ...byCollection.cohorts,
          programs: [
            {
              programReference: {
                educationOrganizationId: 999,
                programName: 'Band',
                programTypeDescriptor: D('ProgramTypeDescriptor', 'Athletics'),
              },
            },
          ],
        },
        '$.programs[0].programReference',
      ],
    ];
    for (const [collection, body, path] of unresolved) {
      const res = await call('POST', `${BASE}/${collection}`, body);
      expect(res.statusCode, `${collection} ${path}: ${res.body}`).toBe(409);
      expect(res.json().type).toBe('urn:ed-fi:api:data-conflict:unresolved-reference');
      expect(Object.keys(res.json().validationErrors), collection).toEqual([path]);
    }
    const cohorts = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM edfi.cohort WHERE tenant_id = $1 AND cohortidentifier = 'C-READ'`,
      [tenantId],
    );
    expect(cohorts[0]!.n).toBe(0);
  });

  it('answers 400 with validationErrors for unknown or mistyped descriptors, top-level and inside references', async () => {
    const byCollection = Object.fromEntries(CASES.map((c) => [c.collection, c.body]));
    const invalid: [string, Record<string, unknown>, string][] = [
      [
        'grades',
        { ...byCollection.grades, gradeTypeDescriptor: D('GradeTypeDescriptor', 'Vibes') },
        '$.gradeTypeDescriptor',
      ],
      [
        'reportCards',
        { ...byCollection.reportCards, gradingPeriodReference: gradingPeriodRef('Seventh Six Weeks') },
        '$.gradingPeriodReference.gradingPeriodDescriptor',
      ],
      ['diplomas', { ...byCollection.diplomas, diplomaTypeDescriptor: 'not a uri' }, '$.diplomaTypeDescriptor'],
      [
        'studentCompetencyObjectives',
        {
          ...byCollection.studentCompetencyObjectives,
          competencyLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
        },
        '$.competencyLevelDescriptor',
      ],
      [
        'cohorts',
        { ...byCollection.cohorts, cohortTypeDescriptor: D('CohortTypeDescriptor', 'Nope') },
        '$.cohortTypeDescriptor',
      ],
      [
        'studentDisciplineIncidentAssociations',
        {
          ...byCollection.studentDisciplineIncidentAssociations,
          studentParticipationCodeDescriptor: D('DisciplineIncidentParticipationCodeDescriptor', 'Bystander'),
        },
        '$.studentParticipationCodeDescriptor',
      ],
      [
        'disciplineActions',
        {
          ...byCollection.disciplineActions,
          disciplineActionLengthDifferenceReasonDescriptor: D(
            'DisciplineActionLengthDifferenceReasonDescriptor',
            'Whim',
          ),
        },
        '$.disciplineActionLengthDifferenceReasonDescriptor',
      ],
      [
        'credentials',
        { ...byCollection.credentials, credentialTypeDescriptor: D('GradeLevelDescriptor', 'Ninth grade') },
        '$.credentialTypeDescriptor',
      ],
    ];
    for (const [collection, body, path] of invalid) {
      const res = await call('POST', `${BASE}/${collection}`, body);
      expect(res.statusCode, `${collection} ${path}: ${res.body}`).toBe(400);
      expect(res.json().type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
      expect(Object.keys(res.json().validationErrors), collection).toEqual([path]);
    }
    const mistyped = await call('POST', `${BASE}/credentials`, invalid.at(-1)![1]);
    expect(mistyped.json().validationErrors['$.credentialTypeDescriptor'][0]).toMatch(
      /is a GradeLevelDescriptor, not a CredentialTypeDescriptor/,
    );
    const missing = await call('POST', `${BASE}/grades`, { gradingPeriodReference: gradingPeriodRef() });
    expect(missing.json().validationErrors).toMatchObject({
      '$.gradeTypeDescriptor': ['is required'],
      '$.studentSectionAssociationReference': ['is required'],
    });
  });

  it('queries by reference keys (descriptor and unique-id keys included), tracks deletes, refuses deleting a referenced cohort', async () => {
    const grade = CASES.find((c) => c.collection === 'grades')!.body;
    const location = (await post('grades', grade)).headers.location as string;
    const byStudent = await call(
      'GET',
      `${BASE}/grades?studentUniqueId=S1&gradingPeriodDescriptor=` +
        encodeURIComponent(D('GradingPeriodDescriptor', 'first six weeks')),
    );
    expect(byStudent.statusCode, byStudent.body).toBe(200);
    expect(byStudent.json()).toHaveLength(1);
    expect(byStudent.json()[0].studentSectionAssociationReference).toEqual({
      beginDate: '2024-08-20',
      localCourseCode: 'ALG-1',
      schoolId: SCHOOL,
      schoolYear: 2025,
      sectionIdentifier: 'ALG-1-01',
      studentUniqueId: 'S1',
    });
    expect((await call('GET', `${BASE}/grades?studentUniqueId=S2`)).json()).toEqual([]);
    await call('DELETE', location);
    const deletes = (await call('GET', `${BASE}/grades/deletes`)).json();
    expect(deletes.at(-1).keyValues).toMatchObject({
      studentUniqueId: 'S1',
      gradingPeriodDescriptor: D('GradingPeriodDescriptor', 'First Six Weeks'),
      gradeTypeDescriptor: D('GradeTypeDescriptor', 'Grading Period'),
      beginDate: '2024-08-20',
    });

    const cohort = (await post('cohorts', CASES.find((c) => c.collection === 'cohorts')!.body)).headers
      .location as string;
    const membership = await post('studentCohortAssociations', {
      studentReference: studentRef(),
      cohortReference: { cohortIdentifier: 'C-READ', educationOrganizationId: SCHOOL },
      beginDate: '2024-09-01',
    });
    expect(membership.statusCode).toBe(201);
    const refused = await call('DELETE', cohort);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:ed-fi:api:data-conflict:dependent-item-exists');
    expect((await call('DELETE', membership.headers.location as string)).statusCode).toBe(204);
    expect((await call('DELETE', cohort)).statusCode).toBe(204);
  });

  it('school-bound clients: student records scoped by enrollment; credentials (no school, staff or student column) refused', async () => {
    await post('studentSchoolAssociations', {
      studentReference: studentRef('S1'),
      schoolReference: { schoolId: SCHOOL },
      entryDate: '2024-08-20',
      entryGradeLevelDescriptor: D('GradeLevelDescriptor', 'Ninth grade'),
    });
    for (const id of ['S1', 'S2'])
      await post('diplomas', {
        studentReference: studentRef(id),
        diplomaTypeDescriptor: D('DiplomaTypeDescriptor', 'Regular diploma'),
        diplomaAwardDate: '2025-06-01',
      });
    await post('credentials', CASES.find((c) => c.collection === 'credentials')!.body);
    principal = { ...district(), actorId: 'school-client', schoolIds: [SCHOOL] };
    try {
      const diplomas = await call('GET', `${BASE}/diplomas`);
      expect(diplomas.statusCode).toBe(200);
      expect((diplomas.json() as { studentReference: unknown }[]).map((x) => x.studentReference)).toEqual([
        studentRef('S1'),
      ]);
      expect((await call('GET', `${BASE}/credentials`)).statusCode).toBe(403);
      expect((await call('GET', `${BASE}/learningStandards`)).statusCode).toBe(200);
    } finally {
      principal = district();
    }
  });
});

describe('Ed-Fi API: child collections', () => {
  const gradeLevels = (...codes: string[]) =>
    codes.map((code) => ({ gradeLevelDescriptor: D('GradeLevelDescriptor', code) }));
  const schoolBody = (levels?: unknown) => ({
    schoolId: 255901003,
    nameOfInstitution: 'Grand Bend Elementary',
    localEducationAgencyReference: { localEducationAgencyId: 255901 },
    ...(levels === undefined ? {} : { gradeLevels: levels }),
  });
  const rowsOf = async (sql: string) => (await database.query<{ code: string }>(sql, [tenantId])).map((r) => r.code);

  it('school gradeLevels: POST stores them, GET returns them ordered, PUT and POST replace the list', async () => {
    const created = await call('POST', `${BASE}/schools`, schoolBody(gradeLevels('Tenth grade', 'Ninth grade')));
    expect(created.statusCode, created.body).toBe(201);
    const location = created.headers.location as string;
    const first = (await call('GET', location)).json();
    expect(first.gradeLevels).toEqual(gradeLevels('Ninth grade', 'Tenth grade'));
    const put = await call('PUT', location, {
      ...schoolBody(gradeLevels('Eleventh grade', 'Ninth grade')),
      id: first.id,
    });
    expect(put.statusCode, put.body).toBe(204);
    expect((await call('GET', location)).json().gradeLevels).toEqual(gradeLevels('Eleventh grade', 'Ninth grade'));
    expect(
      await rowsOf(
        `SELECT d.codevalue AS code FROM edfi.schoolgradelevel g JOIN edfi.descriptor d ON d.descriptorid = ` +
          `g.gradeleveldescriptorid WHERE g.tenant_id = $1 AND g.schoolid = 255901003 ORDER BY 1`,
      ),
    ).toEqual(['Eleventh grade', 'Ninth grade']);
    const listed = (await call('GET', `${BASE}/schools?schoolId=255901003`)).json();
    expect(listed[0].gradeLevels).toEqual(gradeLevels('Eleventh grade', 'Ninth grade'));
    expect((await call('GET', `${BASE}/schools?schoolId=${SCHOOL}`)).json()[0].gradeLevels).toEqual([]);
    // A POST (upsert) is a whole resource too: without gradeLevels, the school has none.
    expect((await call('POST', `${BASE}/schools`, schoolBody())).statusCode).toBe(200);
    expect((await call('GET', location)).json().gradeLevels).toEqual([]);
    expect((await call('POST', `${BASE}/schools`, schoolBody(gradeLevels('Twelfth grade')))).statusCode).toBe(200);
    expect((await call('GET', location)).json().gradeLevels).toEqual(gradeLevels('Twelfth grade'));
  });

  it('validates child items with their JSON paths (descriptors, duplicates, shape) and changes nothing on failure', async () => {
    const bad = await call(
      'POST',
      `${BASE}/schools`,
      schoolBody([
        ...gradeLevels('Ninth grade'),
        { gradeLevelDescriptor: D('GradeLevelDescriptor', 'Thirteenth grade') },
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toBe('urn:ed-fi:api:bad-request:data-validation-failed');
    expect(Object.keys(bad.json().validationErrors)).toEqual(['$.gradeLevels[1].gradeLevelDescriptor']);
    const wrongType = await call(
      'POST',
      `${BASE}/schools`,
      schoolBody([{ gradeLevelDescriptor: D('TermDescriptor', 'Fall Semester') }]),
    );
    expect(wrongType.json().validationErrors).toEqual({
      '$.gradeLevels[0].gradeLevelDescriptor': [
        expect.stringMatching(/is a TermDescriptor, not a GradeLevelDescriptor/),
      ],
    });
    const duplicate = await call(
      'POST',
      `${BASE}/schools`,
      schoolBody([
        ...gradeLevels('Ninth grade', 'Tenth grade'),
        { gradeLevelDescriptor: 'URI://ED-FI.ORG/GRADELEVELDESCRIPTOR#NINTH GRADE' },
      ]),
    );
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().validationErrors).toEqual({
      '$.gradeLevels[2]': ['duplicates $.gradeLevels[0] (same key)'],
    });
    expect(
      (await call('POST', `${BASE}/schools`, schoolBody({ gradeLevelDescriptor: 'x' }))).json().validationErrors,
    ).toEqual({ '$.gradeLevels': ['must be an array'] });
    const many = Array.from({ length: MAX_CHILD_ITEMS + 1 }, (_, i) => ({
      gradeLevelDescriptor: D('GradeLevelDescriptor', `Grade ${i}`),
    }));
    expect((await call('POST', `${BASE}/schools`, schoolBody(many))).json().validationErrors).toEqual({
      '$.gradeLevels': [`must have at most ${MAX_CHILD_ITEMS} items`],
    });
    expect((await call('POST', `${BASE}/schools`, schoolBody(['Ninth grade', {}]))).json().validationErrors).toEqual({
      '$.gradeLevels[0]': ['must be an object'],
      '$.gradeLevels[1].gradeLevelDescriptor': ['is required'],
    });
    // The school still has the grade level of the previous test.
    expect((await call('GET', `${BASE}/schools?schoolId=255901003`)).json()[0].gradeLevels).toEqual(
      gradeLevels('Twelfth grade'),
    );
  });

  it('calendarDates.calendarEvents and studentAssessments.scoreResults round-trip and are replaced', async () => {
    const calendarReference = { calendarCode: 'MAIN', schoolId: SCHOOL, schoolYear: 2025 };
    const events = (...codes: string[]) =>
      codes.map((code) => ({ calendarEventDescriptor: D('CalendarEventDescriptor', code) }));
    const day = await post('calendarDates', {
      date: '2024-09-02',
      calendarReference,
      calendarEvents: events('Instructional day', 'Holiday'),
    });
    expect((await call('GET', day.headers.location as string)).json()).toMatchObject({
      date: '2024-09-02',
      calendarReference,
      calendarEvents: events('Holiday', 'Instructional day'),
    });
    const id = (await call('GET', day.headers.location as string)).json().id as string;
    expect(
      (
        await call('PUT', day.headers.location as string, {
          id,
          date: '2024-09-02',
          calendarReference,
          calendarEvents: events('Instructional day'),
        })
      ).statusCode,
    ).toBe(204);
    expect((await call('GET', day.headers.location as string)).json().calendarEvents).toEqual(
      events('Instructional day'),
    );

    const score = (method: string, result: string) => ({
      assessmentReportingMethodDescriptor: D('AssessmentReportingMethodDescriptor', method),
      result,
      resultDatatypeTypeDescriptor: D('ResultDatatypeTypeDescriptor', 'Integer'),
    });
    const administration = {
      studentAssessmentIdentifier: 'SA-1',
      studentReference: studentRef(),
      assessmentReference: assessmentRef,
      administrationDate: '2025-04-10T09:00:00Z',
    };
    const sa = await post('studentAssessments', {
      ...administration,
      scoreResults: [score('Scale score', '1520'), score('Raw score', '41')],
    });
    expect((await call('GET', sa.headers.location as string)).json().scoreResults).toEqual([
      score('Raw score', '41'),
      score('Scale score', '1520'),
    ]);
    expect(
      (await post('studentAssessments', { ...administration, scoreResults: [score('Raw score', '44')] })).statusCode,
    ).toBe(200);
    expect((await call('GET', sa.headers.location as string)).json().scoreResults).toEqual([score('Raw score', '44')]);
    const missing = await call('POST', `${BASE}/studentAssessments`, {
      ...administration,
      scoreResults: [
        score('Raw score', '44'),
        { assessmentReportingMethodDescriptor: D('AssessmentReportingMethodDescriptor', 'Scale score') },
      ],
    });
    expect(missing.json().validationErrors).toEqual({
      '$.scoreResults[1].result': ['is required'],
      '$.scoreResults[1].resultDatatypeTypeDescriptor': ['is required'],
    });
    // Deleting the administration takes its scores with it.
    expect((await call('DELETE', sa.headers.location as string)).statusCode).toBe(204);
    expect(await rowsOf(`SELECT result AS code FROM edfi.studentassessmentscoreresult WHERE tenant_id = $1`)).toEqual(
      [],
    );
  });

  it('cohorts.programs: program references with a descriptor key round-trip; OpenAPI documents every child collection', async () => {
    const program = (name: string, type: string) => ({
      programReference: {
        educationOrganizationId: SCHOOL,
        programName: name,
        programTypeDescriptor: D('ProgramTypeDescriptor', type),
      },
    });
    const cohort = CASES.find((c) => c.collection === 'cohorts')!.body;
    const created = await post('cohorts', {
      ...cohort,
      programs: [program('Gifted', 'Gifted and Talented'), program('Band', 'Athletics')],
    });
    expect((await call('GET', created.headers.location as string)).json().programs).toEqual([
      program('Band', 'Athletics'),
      program('Gifted', 'Gifted and Talented'),
    ]);
    const badType = await call('POST', `${BASE}/cohorts`, {
      ...cohort,
      programs: [
        program('Band', 'Athletics'),
        {
          programReference: {
            ...program('X', 'Athletics').programReference,
            programTypeDescriptor: D('ProgramTypeDescriptor', 'Chess'),
          },
        },
      ],
    });
    expect(Object.keys(badType.json().validationErrors)).toEqual([
      '$.programs[1].programReference.programTypeDescriptor',
    ]);

    const openapi = (await call('GET', '/metadata/data/v3/resources/swagger.json')).json();
    const schemas = openapi.components.schemas;
    expect(schemas.edFi_School.properties.gradeLevels).toMatchObject({
      type: 'array',
      items: { type: 'object', required: ['gradeLevelDescriptor'] },
    });
    expect(schemas.edFi_CalendarDate.properties.calendarEvents.items.properties).toHaveProperty(
      'calendarEventDescriptor',
    );
    expect(schemas.edFi_StudentAssessment.properties.scoreResults.items.required).toEqual(
      expect.arrayContaining(['result', 'assessmentReportingMethodDescriptor', 'resultDatatypeTypeDescriptor']),
    );
    expect(
      schemas.edFi_Cohort.properties.programs.items.properties.programReference.properties.programTypeDescriptor,
    ).toMatchObject({ type: 'string' });
    expect(schemas.edFi_Grade.properties.gradingPeriodReference.properties.gradingPeriodDescriptor).toMatchObject({
      type: 'string',
      maxLength: 306,
    });
    for (const c of CASES) expect(openapi.paths, c.collection).toHaveProperty([`/data/v3/ed-fi/${c.collection}/{id}`]);
  });
});
