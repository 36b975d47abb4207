/**
 * The Ed-Fi academic-record API suites' shared setup (academic-record-api.test.ts, child-collections.test.ts
 * in src/standards/edfi): a tenant with the demo and extra descriptors, the Ed-Fi API served to a district
 * client, the request helpers and the cases of resources-academic-record.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { districtClient, EDFI_SCOPE, edfiServer, edfiTenant } from './edfi-api.js';
import { migratedDatabase, type TestDatabase } from './db.js';
import { ensureDemoDescriptors } from '../../src/demo/descriptors.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { forgetPolicies } from '../../src/platform/auth/default-policies.js';

export const EDFI = EDFI_SCOPE;
export const D = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
export const BASE = '/data/v3/ed-fi';
export const SCHOOL = 255901001;
export const OTHER_SCHOOL = 255901002;
export const EXTRA_DESCRIPTORS: Record<string, string[]> = {
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

export let database: TestDatabase;
export let app: FastifyInstance;
export let tenantId: string;
export let principal: Principal;
/** The caller of the following requests (the district client unless a test changes it). */
export function actAs(who: Principal): void {
  principal = who;
}
export const district = (): Principal => districtClient(tenantId);

export const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

export async function post(collection: string, body: unknown) {
  const res = await call('POST', `${BASE}/${collection}`, body);
  if (res.statusCode >= 300) throw new Error(`${collection}: ${res.statusCode} ${res.body}`);
  return res;
}

export const studentRef = (id = 'S1') => ({ studentUniqueId: id });
export const gradingPeriodRef = (code = 'First Six Weeks') => ({
  gradingPeriodDescriptor: D('GradingPeriodDescriptor', code),
  gradingPeriodName: code,
  schoolId: SCHOOL,
  schoolYear: 2025,
});
export const sectionKey = {
  localCourseCode: 'ALG-1',
  schoolId: SCHOOL,
  schoolYear: 2025,
  sectionIdentifier: 'ALG-1-01',
  sessionName: 'Fall',
};
export const assessmentRef = { assessmentIdentifier: 'STAAR-ALG', namespace: 'uri://tea.texas.gov/Assessment' };

/** Registers the suite's setup: a migrated database, a tenant with descriptors, the Ed-Fi API as a district client. */
export function useAcademicRecordApi(): void {
  beforeAll(async () => {
    database = await migratedDatabase();
    tenantId = await edfiTenant(database, 'Ed-Fi ISD', 'edfi-more');
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
    app = await edfiServer(database, () => principal);
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
      await post('students', {
        studentUniqueId: id,
        firstName: 'Ada',
        lastSurname: 'Lovelace',
        birthDate: '2010-05-01',
      });
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
}

/** The body without what the data model does not store (5.2 key parts it has no column for). */
export function stored(value: unknown, unstored: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => stored(v, unstored));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => !unstored.includes(k))
      .map(([k, v]) => [k, stored(v, unstored)]),
  );
}

export interface Case {
  collection: string;
  body: Record<string, unknown>;
  /** A change of a non-key field, for the upsert and the PUT. */
  change: Record<string, unknown>;
  unstored?: string[];
}

export const CASES: Case[] = [
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
