/** Test helpers: a tenant, a small valid 1.2 package, and packages as directories or zips. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.js';
import { writeZip } from '../../src/standards/oneroster/csv/zip-writer.js';

export type PackageFiles = Record<string, string>;

export async function createTenant(database: Database, slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    id,
    slug,
    slug,
  ]);
  return id;
}

export function manifest(modes: Record<string, 'bulk' | 'delta' | 'absent'>, version = '1.2'): string {
  return (
    [
      'propertyName,value',
      'manifest.version,1.0',
      `oneroster.version,${version}`,
      ...Object.entries(modes).map(([f, m]) => `file.${f},${m}`),
    ].join('\r\n') + '\r\n'
  );
}

/** A small, valid 1.2 bulk district: 2 orgs, 2 sessions, 1 course, 2 classes, 4 users, gradebook. */
export function basePackage(): PackageFiles {
  return {
    manifest: manifest({
      academicSessions: 'bulk',
      orgs: 'bulk',
      courses: 'bulk',
      classes: 'bulk',
      users: 'bulk',
      roles: 'bulk',
      enrollments: 'bulk',
      demographics: 'bulk',
      categories: 'bulk',
      lineItems: 'bulk',
      results: 'bulk',
    }),
    orgs: [
      'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
      'd1,,,Demo District,district,D1,',
      's1,,,"North High, Main Campus",school,S1,d1',
    ].join('\r\n'),
    academicSessions: [
      'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
      't1,,,Fall,term,2026-08-15,2026-12-20,y1,2027',
      'y1,,,2026-27,schoolYear,2026-08-15,2027-06-10,,2027',
    ].join('\n'),
    courses: [
      'sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,' +
        'subjectCodes',
      'c1,,,y1,Algebra I,ALG1,"09,10",d1,Math,',
    ].join('\n'),
    classes: [
      'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,' +
        'schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
      'k1,,,Algebra I P1,"09,10",c1,ALG1-1,scheduled,Room 101,s1,t1,Math,,1',
      'k2,,,Algebra I P2,09,c1,ALG1-2,scheduled,"Room\n102",s1,"t1,y1",Math,,"2,3"',
    ].join('\n'),
    users: [
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,' +
        'identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,' +
        'preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
      'u1,,,TRUE,jdoe,"{LDAP:jdoe},{SIS:T-1}",Jane,Doe,,T-1,jdoe@example.org,,,,,,,,,,s1,she/her',
      'u2,,,true,asmith,,Al,"Smith ""Jr""",,S-1,,,,u4,09,,,Ali,,,s1,',
      'u3,,,False,bkim,,Bo,Kim,,S-2,,,,,10,,,,,,s1,',
      'u4,,,true,pkim,,Pat,Smith,,P-1,,,,,,,,,,,s1,',
    ].join('\n'),
    roles: [
      'sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,' +
        'userProfileSourcedId',
      'r1,,,u1,primary,teacher,,,s1,',
      'r2,,,u2,primary,student,2026-08-15,,s1,',
      'r3,,,u3,primary,student,,,s1,',
      'r4,,,u4,primary,parent,,,s1,',
    ].join('\n'),
    enrollments: [
      'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
      'e1,,,k1,s1,u1,teacher,TRUE,2026-08-15,',
      'e2,,,k1,s1,u2,student,false,,',
      'e3,,,k1,s1,u3,student,False,,',
      'e4,,,k2,s1,u2,student,,,',
    ].join('\n'),
    demographics: [
      'sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,' +
        'blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,' +
        'hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,' +
        'publicSchoolResidenceStatus',
      'u2,,,2012-03-04,male,false,TRUE,false,false,False,false,true,US,TX,Austin,',
    ].join('\n'),
    categories: ['sourcedId,status,dateLastModified,title,weight', 'cat1,,,Homework,0.4'].join('\n'),
    lineItems: [
      'sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,' +
        'academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId',
      'li1,,,Quiz 1,"Chapter 1, part ""A""",2026-09-01,2026-09-08,k1,cat1,t1,0,100,s1',
    ].join('\n'),
    results: [
      'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,' +
        'comment,textScore,classSourcedId,inProgress,incomplete,late,missing',
      'res1,,,li1,u2,fully graded,105.5,2026-09-09,Extra credit,,k1,false,false,TRUE,false',
      'res2,,,li1,u3,exempt,,,,,k1,,,,',
    ].join('\n'),
  };
}

/** The link files of 1.2 and what they link (score scales, resources), two rows each, over basePackage(). */
export const LINK_FILES = [
  'lineItemLearningObjectiveIds',
  'lineItemScoreScales',
  'resultLearningObjectiveIds',
  'resultScoreScales',
  'classResources',
  'courseResources',
  'userResources',
] as const;

export function linkedPackage(): PackageFiles {
  const base = basePackage();
  const modes = Object.fromEntries(
    [...base.manifest!.matchAll(/file\.(\w+),(\w+)/g)].map((m) => [m[1]!, m[2] as 'bulk']),
  );
  return {
    ...base,
    results: base.results!.replace('Extra credit,,k1', 'Extra credit,B+,k1'),
    manifest: manifest({
      ...modes,
      scoreScales: 'bulk',
      resources: 'bulk',
      ...Object.fromEntries(LINK_FILES.map((f) => [f, 'bulk' as const])),
    }),
    scoreScales: [
      'sourcedId,status,dateLastModified,title,type,orgSourcedId,courseSourcedId,classSourcedId,scoreScaleValue',
      'ss1,,,Letter grades,letter,d1,c1,k1,"{A:90-100},{B:80-89}"',
      'ss2,,,Pass/fail,,,,,{P:pass}',
    ].join('\n'),
    resources: [
      'sourcedId,status,dateLastModified,vendorResourceId,title,roles,importance,vendorId,applicationId',
      'rs1,,,VR-1,Algebra e-book,"student,teacher",primary,vendor-1,app-1',
      'rs2,,,VR-2,Videos,,secondary,,',
    ].join('\n'),
    lineItemLearningObjectiveIds: [
      'sourcedId,status,dateLastModified,lineItemSourcedId,source,learningObjectiveId',
      'lilo1,,,li1,CASE,6b0c1f9e-0001',
      'lilo2,,,li1,Unknown,LO-2',
    ].join('\n'),
    lineItemScoreScales: [
      'sourcedId,status,dateLastModified,title,lineItemSourcedId,scoreScaleSourcedId',
      'liss1,,,Letter,li1,ss1',
      'liss2,,,,li1,ss2',
    ].join('\n'),
    resultLearningObjectiveIds: [
      'sourcedId,status,dateLastModified,resultSourcedId,source,learningObjectiveId,score,textScore',
      'rlo1,,,res1,CASE,6b0c1f9e-0001,3.5,Proficient',
      'rlo2,,,res2,Unknown,LO-2,,',
    ].join('\n'),
    resultScoreScales: [
      'sourcedId,status,dateLastModified,title,resultSourcedId,scoreScaleSourcedId',
      'rss1,,,Letter,res1,ss1',
      'rss2,,,,res2,ss2',
    ].join('\n'),
    classResources: [
      'sourcedId,status,dateLastModified,title,classSourcedId,resourceSourcedId',
      'cr1,,,E-book,k1,rs1',
      'cr2,,,,k2,rs2',
    ].join('\n'),
    courseResources: [
      'sourcedId,status,dateLastModified,title,courseSourcedId,resourceSourcedId',
      'kr1,,,Videos,c1,rs2',
      'kr2,,,,c1,rs1',
    ].join('\n'),
    userResources: [
      'sourcedId,status,dateLastModified,userSourcedId,orgSourcedId,classSourcedId,resourceSourcedId',
      'ur1,,,u2,s1,k1,rs1',
      'ur2,,,u3,,,rs2',
    ].join('\n'),
  };
}

export function writeDirectory(files: PackageFiles, options: { bom?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroster-csv-'));
  for (const [name, text] of Object.entries(files))
    fs.writeFileSync(path.join(dir, `${name}.csv`), `${options.bom ? '\uFEFF' : ''}${text}`);
  return dir;
}

export function zipOf(files: PackageFiles, options: { folder?: string; store?: boolean } = {}): Buffer {
  return writeZip(
    Object.entries(files).map(([name, content]) => ({
      name: `${options.folder ?? ''}${name}.csv`,
      content,
      store: options.store,
    })),
  );
}
