/** Test helpers: a tenant, a small valid 1.2 package, and packages as directories or zips. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../../platform/db/database.js';
import { writeZip } from './zip-writer.js';

export type PackageFiles = Record<string, string>;

export async function createTenant(database: Database, slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [id, slug, slug]);
  return id;
}

export function manifest(modes: Record<string, 'bulk' | 'delta' | 'absent'>, version = '1.2'): string {
  return ['propertyName,value', 'manifest.version,1.0', `oneroster.version,${version}`, ...Object.entries(modes).map(([f, m]) => `file.${f},${m}`)].join('\r\n') + '\r\n';
}

/** A small, valid 1.2 bulk district: 2 orgs, 2 sessions, 1 course, 2 classes, 4 users, gradebook. */
export function basePackage(): PackageFiles {
  return {
    manifest: manifest({ academicSessions: 'bulk', orgs: 'bulk', courses: 'bulk', classes: 'bulk', users: 'bulk', roles: 'bulk', enrollments: 'bulk', demographics: 'bulk', categories: 'bulk', lineItems: 'bulk', results: 'bulk' }),
    orgs: ['sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', 'd1,,,Demo District,district,D1,', 's1,,,"North High, Main Campus",school,S1,d1'].join('\r\n'),
    academicSessions: [
      'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear',
      't1,,,Fall,term,2026-08-15,2026-12-20,y1,2027',
      'y1,,,2026-27,schoolYear,2026-08-15,2027-06-10,,2027',
    ].join('\n'),
    courses: ['sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes', 'c1,,,y1,Algebra I,ALG1,"09,10",d1,Math,'].join('\n'),
    classes: [
      'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods',
      'k1,,,Algebra I P1,"09,10",c1,ALG1-1,scheduled,Room 101,s1,t1,Math,,1',
      'k2,,,Algebra I P2,09,c1,ALG1-2,scheduled,"Room\n102",s1,"t1,y1",Math,,"2,3"',
    ].join('\n'),
    users: [
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
      'u1,,,TRUE,jdoe,"{LDAP:jdoe},{SIS:T-1}",Jane,Doe,,T-1,jdoe@example.org,,,,,,,,,,s1,she/her',
      'u2,,,true,asmith,,Al,"Smith ""Jr""",,S-1,,,,u4,09,,,Ali,,,s1,',
      'u3,,,False,bkim,,Bo,Kim,,S-2,,,,,10,,,,,,s1,',
      'u4,,,true,pkim,,Pat,Smith,,P-1,,,,,,,,,,,s1,',
    ].join('\n'),
    roles: [
      'sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId',
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
      'sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus',
      'u2,,,2012-03-04,male,false,TRUE,false,false,False,false,true,US,TX,Austin,',
    ].join('\n'),
    categories: ['sourcedId,status,dateLastModified,title,weight', 'cat1,,,Homework,0.4'].join('\n'),
    lineItems: [
      'sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId',
      'li1,,,Quiz 1,"Chapter 1, part ""A""",2026-09-01,2026-09-08,k1,cat1,t1,0,100,s1',
    ].join('\n'),
    results: [
      'sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment,textScore,classSourcedId,inProgress,incomplete,late,missing',
      'res1,,,li1,u2,fully graded,105.5,2026-09-09,Extra credit,,k1,false,false,TRUE,false',
      'res2,,,li1,u3,exempt,,,,,k1,,,,',
    ].join('\n'),
  };
}

export function writeDirectory(files: PackageFiles, options: { bom?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroster-csv-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, `${name}.csv`), `${options.bom ? '\uFEFF' : ''}${text}`);
  return dir;
}

export function zipOf(files: PackageFiles, options: { folder?: string; store?: boolean } = {}): Buffer {
  return writeZip(Object.entries(files).map(([name, content]) => ({ name: `${options.folder ?? ''}${name}.csv`, content, store: options.store })));
}
