import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../../test/support/db.js';
import { importPackage } from './import.js';
import { reportText } from './report.js';
import { basePackage, createTenant, manifest, writeDirectory, zipOf } from '../../../../test/support/oneroster-csv.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await database?.dispose();
});

const q = <R = Record<string, unknown>>(text: string, params: unknown[] = []) => database.query<R>(text, params);
const statusOf = async (table: string, tenantId: string) =>
  Object.fromEntries(
    (
      await q<{ id: string; status: string }>(
        `SELECT sourced_id AS id, status FROM oneroster.${table} WHERE tenant_id = $1 ORDER BY 1`,
        [tenantId],
      )
    ).map((r) => [r.id, r.status]),
  );

describe('importPackage', () => {
  it('imports a 1.2 bulk zip: boolean casings, quoted lists, periods, an audit row per file', async () => {
    const tenantId = await createTenant(database, 'bulk-a');
    const report = await importPackage(database, tenantId, zipOf(basePackage(), { folder: 'export/' }));
    expect(report.ok, reportText(report)).toBe(true);
    expect(report.applied).toBe(true);
    const [u1] = await q<{ enabled_user: boolean; user_ids: unknown; pronouns: string }>(
      `SELECT enabled_user, user_ids, pronouns FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u1'`,
      [tenantId],
    );
    expect(u1).toEqual({
      enabled_user: true,
      user_ids: [
        { type: 'LDAP', identifier: 'jdoe' },
        { type: 'SIS', identifier: 'T-1' },
      ],
      pronouns: 'she/her',
    });
    const [u2] = await q<{ family_name: string; agent_sourced_ids: string[] }>(
      `SELECT family_name, agent_sourced_ids FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u2'`,
      [tenantId],
    );
    expect(u2).toEqual({ family_name: 'Smith "Jr"', agent_sourced_ids: ['u4'] });
    const [u3] = await q<{ enabled_user: boolean }>(
      `SELECT enabled_user FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u3'`,
      [tenantId],
    );
    expect(u3!.enabled_user).toBe(false);
    const [k2] = await q<{ term_sourced_ids: string[]; location: string; periods: string[]; metadata: unknown }>(
      `SELECT term_sourced_ids, location, periods, metadata FROM oneroster.classes WHERE tenant_id = $1 AND ` +
        `sourced_id = 'k2'`,
      [tenantId],
    );
    expect(k2).toEqual({ term_sourced_ids: ['t1', 'y1'], location: 'Room\n102', periods: ['2', '3'], metadata: null });
    const [res1] = await q(
      `SELECT score::text AS score, in_progress, incomplete, late, missing, metadata
        FROM oneroster.results WHERE tenant_id = $1 AND sourced_id = 'res1'`,
      [tenantId],
    );
    // classSourcedId is checked against the line item's class, not stored twice.
    expect(res1).toEqual({
      score: '105.5000',
      in_progress: false,
      incomplete: false,
      late: true,
      missing: false,
      metadata: null,
    });
    const [li1] = await q<{ grading_period_sourced_id: string; description: string }>(
      `SELECT grading_period_sourced_id, description FROM oneroster.line_items WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(li1).toEqual({ grading_period_sourced_id: 't1', description: 'Chapter 1, part "A"' });
    const audits = await q<{ table_name: string; operation: string; new_values: { inserted: number } }>(
      `SELECT table_name, operation, new_values FROM compliance.audit_logs WHERE tenant_id = $1 ORDER BY tenant_seq`,
      [tenantId],
    );
    expect(audits.map((a) => a.table_name)).toContain('oneroster.users');
    expect(audits).toHaveLength(report.files.length);
    expect(audits.find((a) => a.table_name === 'oneroster.users')).toMatchObject({
      operation: 'INSERT',
      new_values: { inserted: 4 },
    });
  });

  it('reads a directory with byte-order marks and an empty (header-only) optional file', async () => {
    const tenantId = await createTenant(database, 'bom-dir');
    const files = basePackage();
    files.manifest = manifest({
      academicSessions: 'bulk',
      orgs: 'bulk',
      courses: 'bulk',
      classes: 'bulk',
      users: 'bulk',
      roles: 'bulk',
      enrollments: 'bulk',
      demographics: 'bulk',
      categories: 'absent',
      lineItems: 'absent',
      results: 'absent',
    });
    files.demographics = files.demographics!.split('\n')[0]!;
    delete files.categories;
    delete files.lineItems;
    delete files.results;
    const report = await importPackage(database, tenantId, writeDirectory(files, { bom: true }));
    expect(report.ok, reportText(report)).toBe(true);
    expect(report.files.find((f) => f.file === 'demographics')).toMatchObject({ rows: 0, inserted: 0 });
    expect(Object.keys(await statusOf('users', tenantId))).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('reads a .zip file from disk with stored (uncompressed) entries', async () => {
    const tenantId = await createTenant(database, 'zip-file');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'or-zip-')), 'package.zip');
    fs.writeFileSync(file, zipOf(basePackage(), { store: true }));
    const report = await importPackage(database, tenantId, file);
    expect(report.ok, reportText(report)).toBe(true);
    expect(Object.keys(await statusOf('classes', tenantId))).toEqual(['k1', 'k2']);
  });

  it('reports every bad row with file, line and column, applies nothing; --partial applies the good rows', async () => {
    const tenantId = await createTenant(database, 'bad-rows');
    const files = basePackage();
    files.users +=
      '\nu5,,,yes,x,,Eve,,,,,,,,,,,,,,s1,' +
      '\nu6,,,true,y,"{bad}",Fay,Lo,,,,,,,,,,,,,nowhere,' +
      '\nu1,,,true,dup,,Dup,Licate,,,,,,,,,,,,,s1,';
    files.enrollments += '\ne9,,,k1,s1,u404,student,true,2026-13-01,\ne10,,,k1,s1,u5,learner,,,';
    const report = await importPackage(database, tenantId, zipOf(files));
    console.log(reportText(report));
    expect(report.ok).toBe(false);
    expect(report.applied).toBe(false);
    const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line}:${i.column}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        'users:6:enabledUser',
        'users:6:familyName',
        'users:7:userIds',
        'users:7:primaryOrgSourcedId',
        'users:8:sourcedId',
        'enrollments:6:userSourcedId',
        'enrollments:6:beginDate',
        'enrollments:7:role',
      ]),
    );
    expect(report.issues.find((i) => i.file === 'users' && i.line === 8)!.reason).toMatch(
      /appears more than once \(first on line 2\)/,
    );
    expect(await statusOf('users', tenantId)).toEqual({});

    const partial = await importPackage(database, tenantId, zipOf(files), { partial: true });
    expect(partial.applied).toBe(true);
    expect(partial.errorCount).toBe(report.errorCount);
    expect(Object.keys(await statusOf('users', tenantId))).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect(Object.keys(await statusOf('enrollments', tenantId))).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(partial.files.find((f) => f.file === 'users')).toMatchObject({ rows: 7, badRows: 3, inserted: 4 });
  });

  it('bulk: rows missing from the next package become tobedeleted; an identical re-run changes nothing', async () => {
    const tenantId = await createTenant(database, 'bulk-twice');
    expect((await importPackage(database, tenantId, zipOf(basePackage()))).ok).toBe(true);
    const before = await q(
      `SELECT sourced_id, date_last_modified FROM oneroster.users WHERE tenant_id = $1 ORDER BY 1`,
      [tenantId],
    );
    const again = await importPackage(database, tenantId, zipOf(basePackage()));
    expect(
      again.files.every(
        (f) => f.inserted === 0 && f.updated === 0 && f.markedToBeDeleted === 0 && f.unchanged === f.rows,
      ),
    ).toBe(true);
    expect(
      await q(`SELECT sourced_id, date_last_modified FROM oneroster.users WHERE tenant_id = $1 ORDER BY 1`, [tenantId]),
    ).toEqual(before);

    const files = basePackage();
    files.enrollments = files
      .enrollments!.split('\n')
      .filter((l) => !l.startsWith('e3,'))
      .join('\n');
    files.users = files.users!.replace('Jane,Doe', 'Janet,Doe');
    const second = await importPackage(database, tenantId, zipOf(files));
    expect(second.ok, reportText(second)).toBe(true);
    expect(await statusOf('enrollments', tenantId)).toEqual({
      e1: 'active',
      e2: 'active',
      e3: 'tobedeleted',
      e4: 'active',
    });
    expect(second.files.find((f) => f.file === 'users')).toMatchObject({ updated: 1, unchanged: 3 });
    // Back in the next bulk file: active again.
    await importPackage(database, tenantId, zipOf(basePackage()));
    expect((await statusOf('enrollments', tenantId)).e3).toBe('active');
  });

  it('delta: applies active and tobedeleted per row and leaves the rest alone', async () => {
    const tenantId = await createTenant(database, 'delta');
    await importPackage(database, tenantId, zipOf(basePackage()));
    const delta = {
      manifest: manifest({ users: 'delta', enrollments: 'delta' }),
      users: [
        basePackage().users!.split('\n')[0],
        'u5,active,2027-01-05T10:00:00Z,true,new,,New,Kid,,S-5,,,,,09,,,,,,s1,',
        'u3,tobedeleted,2027-01-05T10:00:00Z,,,,,,,,,,,,,,,,,,,',
      ].join('\n'),
      enrollments: [
        'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate',
        'e5,active,2027-01-05T10:00:00.000+01:00,k2,s1,u5,student,false,,',
        'e3,tobedeleted,2027-01-05T10:00:00Z,k1,s1,u3,student,false,,',
      ].join('\n'),
    };
    const report = await importPackage(database, tenantId, zipOf(delta));
    expect(report.ok, reportText(report)).toBe(true);
    expect(await statusOf('users', tenantId)).toEqual({
      u1: 'active',
      u2: 'active',
      u3: 'tobedeleted',
      u4: 'active',
      u5: 'active',
    });
    expect(await statusOf('enrollments', tenantId)).toEqual({
      e1: 'active',
      e2: 'active',
      e3: 'tobedeleted',
      e4: 'active',
      e5: 'active',
    });
    const [e5] = await q<{ t: string }>(
      `SELECT to_char(date_last_modified AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS t
        FROM oneroster.enrollments WHERE tenant_id = $1 AND sourced_id = 'e5'`,
      [tenantId],
    );
    expect(e5!.t).toBe('2027-01-05T09:00');
    // A delta row without status/dateLastModified is an error.
    const broken = await importPackage(
      database,
      tenantId,
      zipOf({
        manifest: manifest({ users: 'delta' }),
        users: `${delta.users.split('\n')[0]}\nu6,,,true,x,,A,B,,,,,,,,,,,,,s1,`,
      }),
    );
    expect(broken.issues.map((i) => `${i.line}:${i.column}`)).toEqual(['2:status', '2:dateLastModified']);
  });

  it('maps a 1.1 package: users orgSourcedIds/role → users + roles; lineItems gradingPeriodSourcedId', async () => {
    const tenantId = await createTenant(database, 'v11');
    const files = basePackage();
    files.manifest = manifest(
      {
        academicSessions: 'bulk',
        orgs: 'bulk',
        courses: 'bulk',
        classes: 'bulk',
        users: 'bulk',
        enrollments: 'bulk',
        categories: 'bulk',
        lineItems: 'bulk',
      },
      '1.1',
    );
    files.users = [
      'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,' +
        'middleName,identifier,email,sms,phone,agentSourcedIds,grades,password',
      'u1,,,true,"s1,d1",administrator,jdoe,{LDAP:jdoe},Jane,Doe,,T-1,,,,,,',
      'u2,,,TRUE,s1,student,asmith,,Al,Smith,,S-1,,,,,09,',
      'u3,,,true,s1,student,bkim,,Bo,Kim,,S-2,,,,,10,',
    ].join('\n');
    files.lineItems = [
      'sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,' +
        'gradingPeriodSourcedId,resultValueMin,resultValueMax',
      'li1,,,Quiz 1,,2026-09-01,2026-09-08,k1,cat1,t1,0,100',
    ].join('\n');
    files.enrollments = files.enrollments!.split('\n').slice(0, 5).join('\n');
    delete files.roles;
    delete files.demographics;
    delete files.results;
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(report.ok, reportText(report)).toBe(true);
    expect(report.version).toBe('1.1');
    const roles = await q(
      `SELECT sourced_id, user_sourced_id, role_type, role, org_sourced_id
        FROM oneroster.roles WHERE tenant_id = $1 ORDER BY 1`,
      [tenantId],
    );
    expect(roles).toEqual([
      {
        sourced_id: 'u1-d1',
        user_sourced_id: 'u1',
        role_type: 'secondary',
        role: 'siteAdministrator',
        org_sourced_id: 'd1',
      },
      {
        sourced_id: 'u1-s1',
        user_sourced_id: 'u1',
        role_type: 'primary',
        role: 'siteAdministrator',
        org_sourced_id: 's1',
      },
      { sourced_id: 'u2-s1', user_sourced_id: 'u2', role_type: 'primary', role: 'student', org_sourced_id: 's1' },
      { sourced_id: 'u3-s1', user_sourced_id: 'u3', role_type: 'primary', role: 'student', org_sourced_id: 's1' },
    ]);
    const [u1] = await q(
      `SELECT primary_org_sourced_id FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u1'`,
      [tenantId],
    );
    expect(u1).toEqual({ primary_org_sourced_id: 's1' });
    const [li] = await q(`SELECT grading_period_sourced_id FROM oneroster.line_items WHERE tenant_id = $1`, [tenantId]);
    expect(li).toEqual({ grading_period_sourced_id: 't1' });
  });

  it('stores tabs, backslashes, quotes, line breaks exactly (COPY text); a NUL character is an error', async () => {
    const tenantId = await createTenant(database, 'escapes');
    const files = basePackage();
    const [header, ...users] = files.users!.split('\n');
    const note = (id: string) => (id === 'u2' ? '"line\r\nbreak \\N {x}"' : '');
    files.users = [`${header},ext:note`, ...users.map((line) => `${line},${note(line.split(',')[0]!)}`)]
      .join('\n')
      .replace('Jane,Doe', '"Ja\tne\\",Doe');
    // In a multi-valued cell a quote inside a value is data; a value in quotes may hold a comma.
    files.classes = files.classes!.replace('Algebra I P1,"09,10"', 'Algebra I P1,"9\\,\\\\n, 1\t0 ,x""q"",""a, b"""');
    const report = await importPackage(database, tenantId, zipOf(files));
    expect(report.ok, reportText(report)).toBe(true);
    const [u1] = await q<{ given_name: string }>(
      `SELECT given_name FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u1'`,
      [tenantId],
    );
    expect(u1!.given_name).toBe('Ja\tne\\');
    const [u2] = await q<{ metadata: unknown }>(
      `SELECT metadata FROM oneroster.users WHERE tenant_id = $1 AND sourced_id = 'u2'`,
      [tenantId],
    );
    expect(u2!.metadata).toEqual({ 'ext:note': 'line\r\nbreak \\N {x}' });
    const [k1] = await q<{ grades: string[] }>(
      `SELECT grades FROM oneroster.classes WHERE tenant_id = $1 AND sourced_id = 'k1'`,
      [tenantId],
    );
    expect(k1!.grades).toEqual(['9\\', '\\\\n', '1\t0', 'x"q"', 'a, b']);

    const nul = basePackage();
    nul.users = nul.users!.replace('Jane,Doe', 'Ja\u0000ne,Doe');
    const refused = await importPackage(database, tenantId, zipOf(nul));
    expect(refused.applied).toBe(false);
    expect(
      refused.issues.filter((i) => i.severity === 'error').map((i) => `${i.file}:${i.line}:${i.column}: ${i.reason}`),
    ).toEqual(['users:2:givenName: contains a NUL character, which cannot be stored']);
  });

  it('is all-or-nothing: a failure midway (thrown from onProgress) leaves the previous state intact', async () => {
    const tenantId = await createTenant(database, 'crash');
    await importPackage(database, tenantId, zipOf(basePackage()));
    const snapshot = async () => ({
      users: await q(`SELECT * FROM oneroster.users WHERE tenant_id = $1 ORDER BY sourced_id`, [tenantId]),
      enrollments: await q(`SELECT * FROM oneroster.enrollments WHERE tenant_id = $1 ORDER BY sourced_id`, [tenantId]),
      audits: await q(`SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1`, [tenantId]),
    });
    const before = await snapshot();
    const files = basePackage();
    files.users = files.users!.replace('Jane,Doe', 'Changed,Name');
    files.enrollments = files.enrollments!.split('\n').slice(0, 2).join('\n');
    await expect(
      importPackage(database, tenantId, zipOf(files), {
        onProgress: (p) => {
          if (p.file === 'enrollments' && p.phase === 'applying') throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await snapshot()).toEqual(before);
  });
});
