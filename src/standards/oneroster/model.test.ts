/**
 * The entity models (model.ts) are the one description of each OneRoster entity; this checks them against what
 * they are derived from and for: the 1.2 CSV binding's files (header names, order, required columns — written
 * out here from the standard, not from the models), the Drizzle tables (every stored column is described by a
 * field, every column a REST field's SQL reads exists) and REST (every CSV column of an entity REST serves is
 * one of its fields).
 */
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as assessment from './assessment-resources.js';
import { FILES } from './csv/files.js';
import * as gradebook from './gradebook-resources.js';
import * as links from './link-models.js';
import * as or from '../../domains/oneroster/tables.js';
import { entityOf, model, str, type Model } from './model.js';
import * as rostering from './rostering-resources.js';
import * as rosteringUsers from './rostering-users.js';
import * as service from './resources-service.js';

const isModel = (v: unknown): v is Model =>
  typeof v === 'object' && v !== null && 'fields' in v && 'table' in v && Array.isArray(v.fields);
const models = [rostering, rosteringUsers, gradebook, assessment, service, links]
  .flatMap((m) => Object.values(m))
  .flatMap((v: unknown) => (Array.isArray(v) ? v : [v]))
  .filter(isModel);

/** OneRoster 1.2 CSV binding (1.2.1): each file's header in order; `*` = required. */
const CSV_1_2: Record<string, string> = {
  academicSessions:
    'sourcedId*,status,dateLastModified,title*,type*,startDate*,endDate*,parentSourcedId,' + 'schoolYear*',
  orgs: 'sourcedId*,status,dateLastModified,name*,type*,identifier,parentSourcedId',
  courses:
    'sourcedId*,status,dateLastModified,schoolYearSourcedId,title*,courseCode,grades,' +
    'orgSourcedId*,subjects,subjectCodes',
  classes:
    'sourcedId*,status,dateLastModified,title*,grades,courseSourcedId*,classCode,classType*,' +
    'location,schoolSourcedId*,termSourcedIds*,subjects,subjectCodes,periods',
  users:
    'sourcedId*,status,dateLastModified,enabledUser*,username,userIds,givenName*,familyName*,' +
    'middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,' +
    'preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
  userProfiles:
    'sourcedId*,status,dateLastModified,userSourcedId*,profileType*,vendorId*,applicationId,' +
    'description,credentialType*,username*,password',
  roles:
    'sourcedId*,status,dateLastModified,userSourcedId*,roleType*,role*,beginDate,endDate,' +
    'orgSourcedId*,userProfileSourcedId',
  enrollments:
    'sourcedId*,status,dateLastModified,classSourcedId*,schoolSourcedId*,userSourcedId*,role*,' +
    'primary,beginDate,endDate',
  demographics:
    'sourcedId*,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,' +
    'blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,' +
    'demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,' +
    'stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus',
  categories: 'sourcedId*,status,dateLastModified,title*,weight',
  lineItems:
    'sourcedId*,status,dateLastModified,title*,description,assignDate,dueDate,classSourcedId*,' +
    'categorySourcedId,academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId',
  results:
    'sourcedId*,status,dateLastModified,lineItemSourcedId*,studentSourcedId*,scoreStatus*,score,' +
    'scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing',
  scoreScales:
    'sourcedId*,status,dateLastModified,title*,type,orgSourcedId,courseSourcedId,classSourcedId,' + 'scoreScaleValue*',
  resources: 'sourcedId*,status,dateLastModified,vendorResourceId*,title,roles,importance,vendorId,' + 'applicationId',
  lineItemLearningObjectiveIds: 'sourcedId*,status,dateLastModified,lineItemSourcedId*,source*,learningObjectiveId*',
  lineItemScoreScales: 'sourcedId*,status,dateLastModified,title,lineItemSourcedId*,scoreScaleSourcedId*',
  resultLearningObjectiveIds:
    'sourcedId*,status,dateLastModified,resultSourcedId*,source*,learningObjectiveId*,score,' + 'textScore',
  resultScoreScales: 'sourcedId*,status,dateLastModified,title,resultSourcedId*,scoreScaleSourcedId*',
  classResources: 'sourcedId*,status,dateLastModified,title,classSourcedId*,resourceSourcedId*',
  courseResources: 'sourcedId*,status,dateLastModified,title,courseSourcedId*,resourceSourcedId*',
  userResources:
    'sourcedId*,status,dateLastModified,userSourcedId*,orgSourcedId,classSourcedId,' + 'resourceSourcedId*',
};

describe('OneRoster entity models', () => {
  it('derive exactly the 1.2 CSV files: names, header order and required columns', () => {
    const derived = Object.fromEntries(
      FILES.map((f) => [f.name, f.columns.map((c) => c.csv + (c.required ? '*' : '')).join(',')]),
    );
    expect(derived).toEqual(CSV_1_2);
    expect(FILES.map((f) => f.name).sort()).toEqual(models.flatMap((m) => (m.file ? [m.file] : [])).sort());
  });

  it('name only columns their table has (checked by the compiler)', () => {
    // @ts-expect-error: orgs has no column `nmae`; tsc fails if this line ever compiles.
    const typo = model(or.orgs, { fields: [str('name', 'nmae')] });
    expect(() => entityOf({ ...typo, rest: { singular: 'org', plural: 'orgs' } })).toThrow(/no column nmae/);
  });

  it('describe every stored column of their tables (the tenant key aside)', () => {
    for (const m of models) {
      const described = new Set(m.fields.map((f) => f.column));
      const missing = Object.keys(getTableColumns(m.table)).filter((c) => c !== 'tenantId' && !described.has(c));
      expect(missing, `${getTableConfig(m.table).name}: columns no field describes`).toEqual([]);
    }
  });

  it('REST fields read only columns of the Drizzle tables', () => {
    for (const m of models.filter((m) => m.rest)) {
      const columns = new Set(getTableConfig(m.table).columns.map((c) => c.name));
      for (const [name, f] of Object.entries(entityOf(m).fields))
        for (const [, column] of f.sql.matchAll(/\bt\.([a-z_]+)/g))
          expect(columns.has(column!), `${m.rest!.plural}.${name}: t.${column}`).toBe(true);
    }
  });

  it('serve every CSV column of an entity REST serves as one of its REST fields', () => {
    for (const m of models.filter((m) => m.rest && m.file)) {
      const csvOnly = m.fields.filter((f) => f.csv && !f.rest).map((f) => f.csv);
      expect(csvOnly, `${m.file}: CSV columns REST does not serve`).toEqual([]);
    }
  });
});
