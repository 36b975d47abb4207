/**
 * Ed-Fi child collections (schools.gradeLevels, calendarDates.calendarEvents,
 * studentAssessments.scoreResults, cohorts.programs) end to end: collections replaced by POST and PUT,
 * child validation paths, OpenAPI (shared setup in test/support/edfi-academic-record.ts).
 */
import { describe, expect, it } from 'vitest';
import { MAX_CHILD_ITEMS } from './codec.js';
import {
  D,
  BASE,
  SCHOOL,
  database,
  tenantId,
  call,
  post,
  studentRef,
  assessmentRef,
  CASES,
  useAcademicRecordApi,
} from '../../../test/support/edfi-academic-record.js';

useAcademicRecordApi();

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
