/**
 * The Ed-Fi resources of resources-academic-record.ts end to end: upsert/GET/PUT/DELETE, unresolved
 * references (409), invalid descriptors (400), queries, change tracking and school-bound scopes.
 * (The child collections are in child-collections.test.ts; the shared setup in
 * test/support/edfi-academic-record.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  D,
  BASE,
  SCHOOL,
  OTHER_SCHOOL,
  database,
  tenantId,
  district,
  call,
  post,
  studentRef,
  gradingPeriodRef,
  stored,
  CASES,
  useAcademicRecordApi,
  sectionKey,
  assessmentRef,
  actAs,
} from '../../../test/support/edfi-academic-record.js';

useAcademicRecordApi();

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
    actAs({ ...district(), actorId: 'school-client', schoolIds: [SCHOOL] });
    try {
      const diplomas = await call('GET', `${BASE}/diplomas`);
      expect(diplomas.statusCode).toBe(200);
      expect((diplomas.json() as { studentReference: unknown }[]).map((x) => x.studentReference)).toEqual([
        studentRef('S1'),
      ]);
      expect((await call('GET', `${BASE}/credentials`)).statusCode).toBe(403);
      expect((await call('GET', `${BASE}/learningStandards`)).statusCode).toBe(200);
    } finally {
      actAs(district());
    }
  });
});
