/**
 * The Ed-Fi API accepts its own output: over the Grand Bend sample, for every resource (and descriptor
 * type) with data, an item is read, PUT back unchanged (204) and POSTed back unchanged (200, the same
 * natural key), and reads back the same. Dates are `YYYY-MM-DD`, date-times ISO 8601 (`…T…Z`). And what the
 * interchange files hold reaches the API: assessment details, performance levels, school years, durations;
 * what has no room in the data model is listed by the load report, path by path.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtClient, edfiServer, edfiTenant } from '../../../test/support/edfi-api.js';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { forgetPolicies } from '../../platform/auth/default-policies.js';
import { descriptorCollection } from './descriptor-json.js';
import { loadInterchange } from './interchange/load.js';
import { notStoredReason } from './interchange/not-stored.js';
import { reportText, type LoadReport } from './interchange/report.js';
import { GRAND_BEND_SAMPLE } from './interchange/sample.js';
import { servedResources } from './resources.js';
import { allResources } from '../../platform/api/registry.js';
import { apiApp, districtAdmin } from '../../../test/support/api.js';

const BASE = '/data/v3/ed-fi';
let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;
let report: LoadReport;

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = await edfiTenant(database, 'Grand Bend', 'round-trip');
  // Discipline and staff leave have no default grant for API clients — the district grants this one.
  for (const classification of ['sensitive_discipline', 'operational'])
    for (const permission of ['read', 'write'])
      await database.query(
        `INSERT INTO compliance.data_access_controls (tenant_id, role_name, resource_type, resource_identifier,
          permission_type, educational_interest_required)
         VALUES ($1, 'api_client', $2, '*', $3, false)`,
        [tenantId, classification, permission],
      );
  forgetPolicies();
  report = await loadInterchange(database, tenantId, [GRAND_BEND_SAMPLE]);
  expect(report.errors).toEqual([]);
  const principal = districtClient(tenantId);
  app = await edfiServer(database, () => principal);
}, 600_000);
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Every string that looks like a date or an instant, at any depth, with its path. */
function temporalValues(value: unknown, path = '$'): [string, string][] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => temporalValues(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => temporalValues(v, `${path}.${k}`));
  return [];
}

const content = (item: Record<string, unknown>) => {
  const { _etag: _e, _lastModifiedDate: _l, ...rest } = item;
  return rest;
};

/** GET one item of the collection, PUT it back and POST it back unchanged; it must read back the same. */
async function roundTrip(collection: string, put: 204, post: 200): Promise<string | undefined> {
  const list = await app.inject({ url: `${BASE}/${collection}?limit=1` });
  expect(list.statusCode, `${collection}: ${list.body}`).toBe(200);
  const [first] = list.json() as { id: string }[];
  if (!first) return undefined;
  const location = `${BASE}/${collection}/${first.id}`;
  const item = (await app.inject({ url: location })).json() as Record<string, unknown>;
  for (const [path, value] of temporalValues(item))
    expect(DATE.test(value) || DATE_TIME.test(value), `${collection} ${path} = ${value}`).toBe(true);
  const putBack = await app.inject({ method: 'PUT', url: location, payload: item });
  expect(putBack.statusCode, `PUT ${collection}: ${putBack.body}`).toBe(put);
  const postBack = await app.inject({ method: 'POST', url: `${BASE}/${collection}`, payload: item });
  expect(postBack.statusCode, `POST ${collection}: ${postBack.body}`).toBe(post);
  expect(postBack.headers.location).toBe(location);
  const after = (await app.inject({ url: location })).json() as Record<string, unknown>;
  expect(content(after), collection).toEqual(content(item));
  return collection;
}

describe('Ed-Fi API round trip over the Grand Bend sample', () => {
  it('every resource with data: GET an item, PUT and POST it back unchanged → 2xx, reads back the same', async () => {
    const tried: string[] = [];
    for (const model of servedResources()) {
      const done = await roundTrip(model.collection, 204, 200);
      if (done) tried.push(done);
    }
    // What the sample holds (a resource missing here means the sample or the loader changed).
    expect(tried).toEqual(
      expect.arrayContaining([
        'schools',
        'students',
        'studentAssessments',
        'assessments',
        'sessions',
        'sections',
        'calendarDates',
        'studentSchoolAttendanceEvents',
        'disciplineActions',
        'gradebookEntries',
      ]),
    );
    console.log(`round-tripped ${tried.length} resources: ${tried.join(', ')}`);
  }, 600_000);

  it('every descriptor type with data: GET one, PUT and POST it back unchanged', async () => {
    const types = await database.query<{ type: string }>(
      `SELECT DISTINCT descriptortype AS type FROM edfi.descriptor ORDER BY 1`,
    );
    expect(types.length).toBeGreaterThan(50);
    for (const { type } of types) expect(await roundTrip(descriptorCollection(type), 204, 200)).toBeDefined();
  }, 600_000);
});

describe('generic API round trip over the Grand Bend sample', () => {
  it('every writable Ed-Fi table with rows: GET a row, PUT and PATCH it back unchanged → 200, same row', async () => {
    const generic = await apiApp(database, { principal: () => districtAdmin(tenantId) });
    try {
      const tried: string[] = [];
      for (const resource of allResources().filter((r) => r.name.startsWith('edfi/') && r.writable && !r.ownedBy)) {
        const list = await generic.inject({ url: `${resource.path}?limit=1` });
        expect(list.statusCode, `${resource.name}: ${list.body}`).toBe(200);
        const [row] = list.json().data as Record<string, unknown>[];
        if (!row) continue;
        const url = `${resource.path}/${resource.key.map((k) => encodeURIComponent(String(row[k]))).join('/')}`;
        const item = (await generic.inject({ url })).json() as Record<string, unknown>;
        for (const [path, value] of temporalValues(item))
          expect(
            DATE.test(value) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value),
            `${resource.name} ${path}`,
          ).toBe(true);
        for (const method of ['PUT', 'PATCH'] as const) {
          const back = await generic.inject({ method, url, payload: item });
          expect(back.statusCode, `${method} ${resource.name}: ${back.body}`).toBe(200);
        }
        const stored = (body: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(body).filter(([k]) => !resource.readOnly.has(k)));
        expect(stored((await generic.inject({ url })).json()), resource.name).toEqual(stored(item));
        tried.push(resource.name);
      }
      expect(tried).toEqual(expect.arrayContaining(['edfi/studentassessment', 'edfi/student', 'edfi/school']));
    } finally {
      await generic.close();
    }
  }, 600_000);
});

describe('interchange fidelity over the Grand Bend sample', () => {
  const D = (type: string, code: string) => `uri://ed-fi.org/${type}Descriptor#${code}`;
  const first = async (collection: string, query: string) => {
    const res = await app.inject({ url: `${BASE}/${collection}?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as Record<string, unknown>[])[0]!;
  };

  it('student assessments carry their school year, performance levels and scores', async () => {
    const [{ n }] = (await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM edfi.studentassessment WHERE tenant_id = $1 AND schoolyear IS NULL`,
      [tenantId],
    )) as [{ n: number }];
    expect(n).toBe(0);
    const item = await first(
      'studentAssessments',
      'studentAssessmentIdentifier=EGpd3cZBHPxREn439BE8EhXEwEF515twfzRBpGCm',
    );
    expect(item.schoolYearTypeReference).toEqual({ schoolYear: expect.any(Number) });
    expect(item.administrationDate).toBe('2021-04-01T16:00:00Z');
    expect(item.performanceLevels).toEqual([
      {
        assessmentReportingMethodDescriptor: D('AssessmentReportingMethod', 'Raw score'),
        performanceLevelDescriptor: D('PerformanceLevel', 'Did Not Meet Standard'),
        performanceLevelIndicatorName: 'Math Level Indicator',
      },
    ]);
    expect(item.scoreResults).toHaveLength(2);
  });

  it('assessments carry subjects, grade levels, identification codes, scores and performance levels', async () => {
    const item = await first('assessments', 'assessmentIdentifier=SA-2011-Mathematics-Eighth%20grade');
    expect(item.academicSubjects).toEqual([{ academicSubjectDescriptor: D('AcademicSubject', 'Mathematics') }]);
    expect(item.assessedGradeLevels).toEqual([{ gradeLevelDescriptor: D('GradeLevel', 'Eighth grade') }]);
    expect(item.identificationCodes).toEqual([
      {
        assessmentIdentificationSystemDescriptor: D('AssessmentIdentificationSystem', 'State'),
        identificationCode: 'SA2011Math8',
        assigningOrganizationIdentificationCode: 'Texas Education Agency',
      },
      {
        assessmentIdentificationSystemDescriptor: D('AssessmentIdentificationSystem', 'Test Contractor'),
        identificationCode: 'State Assessment 8th Grade Mathematics',
        assigningOrganizationIdentificationCode: 'STAAR',
      },
    ]);
    expect(item.scores).toEqual([
      {
        assessmentReportingMethodDescriptor: D('AssessmentReportingMethod', 'Raw score'),
        minimumScore: '0',
        maximumScore: '50',
        resultDatatypeTypeDescriptor: D('ResultDatatypeType', 'Integer'),
      },
      {
        assessmentReportingMethodDescriptor: D('AssessmentReportingMethod', 'Vertical score'),
        minimumScore: '100',
        maximumScore: '950',
        resultDatatypeTypeDescriptor: D('ResultDatatypeType', 'Integer'),
      },
    ]);
    expect(item.performanceLevels).toHaveLength(3);
    expect(item.performanceLevels).toContainEqual({
      assessmentReportingMethodDescriptor: D('AssessmentReportingMethod', 'Raw score'),
      performanceLevelDescriptor: D('PerformanceLevel', 'Advanced'),
      minimumScore: '45',
      maximumScore: '50',
      resultDatatypeTypeDescriptor: D('ResultDatatypeType', 'Integer'),
    });
    expect(item.platforms).toEqual([]);
  });

  it('attendance events keep their duration', async () => {
    const [{ n }] = (await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM edfi.studentschoolattendanceevent WHERE tenant_id = $1
        AND schoolattendanceduration IS NOT NULL`,
      [tenantId],
    )) as [{ n: number }];
    expect(n).toBe(67);
    const res = await app.inject({ url: `${BASE}/studentSchoolAttendanceEvents?limit=500` });
    expect((res.json() as { schoolAttendanceDuration?: number }[]).some((e) => e.schoolAttendanceDuration! > 0)).toBe(
      true,
    );
  });

  it('the load report lists every value it did not store, by element path, and none it stored', () => {
    const paths = report.notStoredValues;
    for (const stored of [
      'StudentAssessment/SchoolYear',
      'StudentAssessment/PerformanceLevel/PerformanceLevel',
      'Assessment/AcademicSubject',
      'Assessment/AssessedGradeLevel',
      'Assessment/AssessmentScore/MinimumScore',
      'Assessment/AssessmentPerformanceLevel/PerformanceLevel',
      'Assessment/AssessmentIdentificationCode/IdentificationCode',
      'StudentSchoolAttendanceEvent/SchoolAttendanceDuration',
    ])
      expect(paths, stored).not.toHaveProperty([stored]);
    expect(paths).toMatchObject({
      'Assessment/ContentStandard/Title': 4,
      'Assessment/AssessmentPeriod/BeginDate': 4,
      'StudentAssessment/StudentObjectiveAssessment/ScoreResult/Result': 160,
    });
    expect(reportText(report)).toContain('Assessment/ContentStandard/Title: 4');
    // Issue 12: ContentStandard is listed as deliberately not stored, with the reason.
    expect(notStoredReason('Assessment/ContentStandard/Title')).toMatch(/^deliberately not stored: /);
    expect(notStoredReason('Assessment/AssessmentPeriod/BeginDate')).toMatch(/administration windows/);
    expect(notStoredReason('Assessment/NoSuchElement')).toBeUndefined();
    expect(reportText(report)).toContain(
      `Assessment/ContentStandard/Title: 4 (${notStoredReason('Assessment/ContentStandard/Title')})`,
    );
    // The report and the declaration agree: every value the load dropped is declared, with its reason.
    expect(Object.keys(paths).filter((p) => !notStoredReason(p))).toEqual([]);
  });

  it("stores a discipline action's discipline and incident (the first of each)", async () => {
    const dropped = Object.keys(report.notStoredValues);
    for (const stored of [
      'DisciplineAction/Discipline',
      'DisciplineAction/StaffReference/StaffIdentity/StaffUniqueId',
      'DisciplineAction/StudentDisciplineIncidentBehaviorAssociationReference/' +
        'StudentDisciplineIncidentBehaviorAssociationIdentity/DisciplineIncidentReference/DisciplineIncidentIdentity/' +
        'IncidentIdentifier',
    ])
      expect(dropped).not.toContain(stored);
    const [counts] = await database.query<{ actions: number; discipline: number; staff: number; incident: number }>(
      `SELECT count(*)::int AS actions, count(disciplinedescriptorid)::int AS discipline,
         count(assignedbystaffusi)::int AS staff, count(incidentidentifier)::int AS incident
       FROM edfi.disciplineaction WHERE tenant_id = $1`,
      [tenantId],
    );
    // Grand Bend's actions name no assigning staff member (xsd-coverage.test.ts shows StaffReference is read).
    expect(counts).toEqual({ actions: 25, discipline: 25, staff: 0, incident: 25 });
  });

  it('serves and takes back gradebook points (maxPoints, pointsEarned); a maximum of 0 points is a 400', async () => {
    /** The first item of a collection, without its server-kept fields: a body to PUT back. */
    const first = async (collection: string) => {
      const item = (
        (await app.inject({ url: `${BASE}/${collection}?limit=1` })).json() as Record<string, unknown>[]
      )[0]!;
      const body = { ...item };
      for (const key of ['id', '_etag', '_lastModifiedDate']) delete body[key];
      return { url: `${BASE}/${collection}/${String(item.id)}`, body };
    };
    const entry = await first('gradebookEntries');
    const put = (url: string, payload: object) => app.inject({ method: 'PUT', url, payload });
    expect((await put(entry.url, { ...entry.body, maxPoints: 12.5 })).statusCode).toBe(204);
    expect((await app.inject({ url: entry.url })).json()).toMatchObject({ maxPoints: 12.5 });
    expect((await put(entry.url, { ...entry.body, maxPoints: 0 })).statusCode).toBe(400);

    const result = await first('studentGradebookEntries');
    expect((await put(result.url, { ...result.body, pointsEarned: 9.75 })).statusCode).toBe(204);
    expect((await app.inject({ url: result.url })).json()).toMatchObject({ pointsEarned: 9.75 });
  });
});
