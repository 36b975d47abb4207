/**
 * One district, both APIs: data written through the Ed-Fi API appears, written through, in the
 * OneRoster REST API — orgs, academicSessions, courses, classes, users, enrollments, lineItems,
 * results. (The projection's other guarantees: projection.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import {
  GRADEBOOK,
  HIGH,
  ids,
  LEA,
  MIDDLE,
  roster,
  ROSTER,
  SECTION,
  useBothApisDistrict,
} from '../../../test/support/both-apis-district.js';

useBothApisDistrict();

describe('Ed-Fi data served as OneRoster', () => {
  it('Ed-Fi API writes appear in the OneRoster REST API: schools → orgs, sessions → academicSessions, courses/sections → courses/classes', async () => {
    const orgs = await roster<{ sourcedId: string; type: string; identifier: string; parent?: { sourcedId: string } }>(
      `${ROSTER}/orgs?sort=identifier`,
      'orgs',
    );
    expect(orgs.map((o) => [o.sourcedId, o.type, o.identifier])).toEqual([
      [ids.lea, 'district', String(LEA)],
      [ids.high, 'school', String(HIGH)],
      [ids.middle, 'school', String(MIDDLE)],
    ]);
    expect(orgs[1]!.parent?.sourcedId).toBe(ids.lea);

    const sessions = await roster<{
      sourcedId: string;
      type: string;
      parent?: { sourcedId: string };
      schoolYear: string;
    }>(`${ROSTER}/academicSessions`, 'academicSessions');
    const year = sessions.find((s) => s.type === 'schoolYear')!;
    expect(year).toMatchObject({
      title: '2024-2025 School Year',
      startDate: '2024-08-19',
      endDate: '2024-12-20',
      schoolYear: '2025',
    });
    expect(sessions.find((s) => s.sourcedId === ids.fall)).toMatchObject({
      type: 'semester',
      title: SECTION.sessionName,
      parent: { sourcedId: year.sourcedId },
    });

    const [course] = await roster<Record<string, unknown>>(`${ROSTER}/courses`, 'courses');
    expect(course).toMatchObject({
      sourcedId: ids.course,
      title: 'Algebra I',
      courseCode: 'ALG-1',
      subjects: ['Mathematics'],
      org: { sourcedId: ids.lea },
      schoolYear: { sourcedId: year.sourcedId },
    });
    const [klass] = await roster<Record<string, unknown>>(`${ROSTER}/classes`, 'classes');
    expect(klass).toMatchObject({
      sourcedId: ids.section,
      title: 'Algebra I — Period 1',
      classCode: 'ALG-1-01',
      course: { sourcedId: ids.course },
      school: { sourcedId: ids.high },
    });
    // The class runs in its course offering's session (the fall semester), not the whole year.
    expect((klass!.terms as { sourcedId: string }[]).map((t) => t.sourcedId)).toEqual([ids.fall]);
  });

  it('students/staff → users with roles; section associations → enrollments (teacher of record is primary)', async () => {
    const students = await roster<Record<string, unknown>>(`${ROSTER}/students?sort=identifier`, 'users');
    expect(students.map((s) => s.identifier)).toEqual(['604821', '604822']);
    expect(students[0]).toMatchObject({
      sourcedId: ids['604821'],
      givenName: 'Alan',
      familyName: 'Turing',
      grades: ['09'],
      primaryOrg: { sourcedId: ids.high },
      roles: [{ roleType: 'primary', role: 'student', org: { sourcedId: ids.high } }],
    });
    const [teacher] = await roster<Record<string, unknown>>(`${ROSTER}/teachers`, 'users');
    expect(teacher).toMatchObject({
      sourcedId: ids.teacher,
      identifier: 'T0001',
      primaryOrg: { sourcedId: ids.high },
      roles: [{ role: 'teacher', org: { sourcedId: ids.high } }],
    });

    const enrollments = await roster<{ sourcedId: string; role: string; primary: string; user: { sourcedId: string } }>(
      `${ROSTER}/classes/${ids.section}/students`,
      'users',
    );
    expect(enrollments.map((u) => u.sourcedId).sort()).toEqual([ids['604821'], ids['604822']].sort());
    const all = await roster<{ sourcedId: string; role: string; primary: string }>(
      `${ROSTER}/enrollments?sort=role`,
      'enrollments',
    );
    expect(all.map((e) => [e.sourcedId, e.role, e.primary])).toEqual(
      expect.arrayContaining([
        [ids['ssa-604821'], 'student', 'false'],
        [ids.teaching, 'teacher', 'true'],
      ]),
    );
    expect(all).toHaveLength(3);
  });

  it('gradebook entries → lineItems, student gradebook entries → results (the letter grade is the textScore)', async () => {
    const [item] = await roster<Record<string, unknown>>(`${GRADEBOOK}/lineItems`, 'lineItems');
    expect(item).toMatchObject({
      sourcedId: ids.quiz,
      title: 'Quiz 1',
      assignDate: '2024-09-02',
      dueDate: '2024-09-09',
      class: { sourcedId: ids.section },
    });
    const results = await roster<Record<string, unknown>>(`${GRADEBOOK}/classes/${ids.section}/results`, 'results');
    const score = results.find((r) => r.sourcedId === ids.score)!;
    expect(score).toMatchObject({
      score: 93.5,
      scoreStatus: 'fully graded',
      student: { sourcedId: ids['604821'] },
      lineItem: { sourcedId: ids.quiz },
    });
    const letter = results.find((r) => r.sourcedId === ids.letter)!;
    expect(letter).toMatchObject({ scoreStatus: 'fully graded', textScore: 'B+', metadata: { source: 'edfi' } });
    expect(letter.score ?? null).toBeNull();
  });
});
