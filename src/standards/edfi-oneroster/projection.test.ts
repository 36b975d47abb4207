/**
 * One district, both APIs: the full projection after the write-through is idempotent; rows inserted
 * directly into edfi.* appear after it; removing an Ed-Fi row marks its OneRoster face tobedeleted;
 * updates and grading periods are written through at once. (What each Ed-Fi resource becomes in
 * OneRoster: edfi-as-oneroster.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  call,
  D,
  database,
  EDFI,
  HIGH,
  ids,
  post,
  project,
  roster,
  ROSTER,
  SECTION,
  tenantId,
  useBothApisDistrict,
} from '../../../test/support/both-apis-district.js';
import { changedRows } from './projection.js';

useBothApisDistrict();

describe('Ed-Fi data kept in step in OneRoster: projection and write-through', () => {
  it('a full projection after the write-through changes nothing, and a second one neither (dateLastModified stable)', async () => {
    const before = await database.query<{ d: string }>(
      `SELECT max(date_last_modified)::text AS d FROM oneroster.users WHERE tenant_id = $1`,
      [tenantId],
    );
    const first = await project();
    const second = await project();
    console.log(`projection after write-through: ${changedRows(first)} rows changed; again: ${changedRows(second)}`);
    expect(changedRows(first)).toBe(0);
    expect(changedRows(second)).toBe(0);
    const after = await database.query<{ d: string }>(
      `SELECT max(date_last_modified)::text AS d FROM oneroster.users WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(after).toEqual(before);
  });

  it('rows inserted directly into edfi.* appear after `project`; a deleted section association marks its enrollment tobedeleted', async () => {
    await database.query(
      `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
        VALUES ($1, '604823', 'Edsger', 'Dijkstra', '2009-05-11')`,
      [tenantId],
    );
    const report = await project();
    expect(report['oneroster.users']).toEqual({ inserted: 1, updated: 0, retired: 0 });
    expect(changedRows(await project())).toBe(0);

    const deleted = await call('DELETE', `${EDFI}/studentSectionAssociations/${ids['ssa-604822']}`);
    expect(deleted.statusCode).toBe(204);
    const [row] = await database.query<{ status: string }>(
      `SELECT status FROM oneroster.enrollments WHERE tenant_id = $1 AND sourced_id = $2`,
      [tenantId, ids['ssa-604822']],
    );
    expect(row?.status).toBe('tobedeleted');
    const roster1 = await roster<{ sourcedId: string }>(`${ROSTER}/classes/${ids.section}/students`, 'users');
    expect(roster1.map((u) => u.sourcedId)).toEqual([ids['604821']]);
    expect(changedRows(await project())).toBe(0);

    // The association comes back: the same enrollment is active again.
    ids['ssa-604822'] = await post('studentSectionAssociations', {
      studentReference: { studentUniqueId: '604822' },
      sectionReference: SECTION,
      beginDate: '2024-08-19',
    });
    const again = await database.query<{ status: string }>(
      `SELECT status FROM oneroster.enrollments WHERE tenant_id = $1 AND sourced_id = $2`,
      [tenantId, ids['ssa-604822']],
    );
    expect(again[0]?.status).toBe('active');
  });

  it('an Ed-Fi update is written through at once (student renamed → user renamed)', async () => {
    await post('students', {
      studentUniqueId: '604821',
      firstName: 'Alan M.',
      lastSurname: 'Turing',
      birthDate: '2009-06-23',
    });
    const res = await call('GET', `${ROSTER}/users/${ids['604821']}`);
    expect(res.json().user.givenName).toBe('Alan M.');
  });

  it('grading periods are written through under their session; a Year Round session written later becomes the parent', async () => {
    const q1 = await post('gradingPeriods', {
      gradingPeriodDescriptor: D('GradingPeriodDescriptor', 'First Quarter'),
      gradingPeriodName: 'First Quarter',
      schoolReference: { schoolId: HIGH },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-19',
      endDate: '2024-10-18',
      totalInstructionalDays: 44,
    });
    const parentOf = async (id: string) => {
      const res = await call('GET', `${ROSTER}/academicSessions/${id}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().academicSession as { type: string; title: string; parent?: { sourcedId: string } };
    };
    expect(await parentOf(q1)).toMatchObject({
      type: 'gradingPeriod',
      title: 'First Quarter 2024-2025',
      parent: { sourcedId: ids.fall },
    });
    const yearRound = await post('sessions', {
      sessionName: '2024-2025 Year Round',
      schoolReference: { schoolId: HIGH },
      schoolYearTypeReference: { schoolYear: 2025 },
      beginDate: '2024-08-19',
      endDate: '2025-05-30',
      termDescriptor: D('TermDescriptor', 'Year Round'),
      totalInstructionalDays: 170,
    });
    const schoolYear = (await parentOf(ids.fall!)).parent!.sourcedId;
    expect(schoolYear).toBe(yearRound);
    expect(await parentOf(yearRound)).toMatchObject({ type: 'schoolYear', parent: { sourcedId: expect.any(String) } });
    expect((await parentOf(yearRound)).parent!.sourcedId).not.toBe(yearRound);
    expect((await parentOf(q1)).parent!.sourcedId).toBe(ids.fall);
    const below = await roster<{ sourcedId: string }>(
      `${ROSTER}/terms/${yearRound}/gradingPeriods`,
      'academicSessions',
    );
    expect(below.map((g) => g.sourcedId)).toEqual([q1]);
    const terms = await roster<{ sourcedId: string }>(`${ROSTER}/terms`, 'academicSessions');
    expect(terms.map((t) => t.sourcedId)).toEqual([ids.fall]);
    expect(changedRows(await project())).toBe(0);
  });
});
