/**
 * School operations through their routes against a real database: CEFR levels, seats never exceeded
 * under concurrent enrolments, schedule generation with holidays, no double booking under concurrent
 * requests, attendance by the class's teacher only and for enrolled students only, placements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';
import type { Principal } from '../../platform/auth/roles.js';
import { CEFR_LEVELS } from '../curriculum/index.js';
import { CEFR_LEVELS as OPS_CEFR } from './schemas.js';

let h: DomainHarness;
let ls: LanguageSchool;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const post = (who: Principal, url: string, body: unknown = {}) => h.inject(who, { method: 'POST', url, ...json(body) });
const put = (who: Principal, url: string, body: unknown) => h.inject(who, { method: 'PUT', url, ...json(body) });

async function newClass(opts: { max?: number; teacherId?: string; roomId?: string; name?: string } = {}) {
  const res = await post(ls.office, '/api/v1/school-ops/classes', {
    name: opts.name ?? `Test class ${Math.random().toString(36).slice(2, 8)}`,
    termId: ls.termId,
    courseTypeId: ls.courseTypeId,
    levelCode: 'B1',
    maxStudents: opts.max ?? 10,
    ...(opts.teacherId ? { teacherId: opts.teacherId } : {}),
    ...(opts.roomId ? { roomId: opts.roomId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; maxStudents: number };
}

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
});
afterAll(() => h.dispose());

describe('class groups', () => {
  it('accept only CEFR level codes and seats within the room', async () => {
    expect(OPS_CEFR).toEqual(CEFR_LEVELS);
    const z9 = await post(ls.office, '/api/v1/school-ops/classes', {
      name: 'Z',
      termId: ls.termId,
      courseTypeId: ls.courseTypeId,
      levelCode: 'Z9',
      maxStudents: 5,
    });
    expect(z9.statusCode).toBe(400);
    expect(Object.keys(z9.json().validationErrors)).toEqual(['levelCode']);
    const room = await ls.addRoom(6);
    const big = await post(ls.office, '/api/v1/school-ops/classes', {
      name: 'Big',
      termId: ls.termId,
      courseTypeId: ls.courseTypeId,
      levelCode: 'A1',
      maxStudents: 7,
      roomId: room,
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().validationErrors).toHaveProperty('maxStudents');
    // the database refuses it too, whatever the path
    await expect(
      h.database.query(
        `INSERT INTO curriculum.levels (tenant_id, id, course_type_id, code) VALUES ($1, 'zz', $2, 'Z9')`,
        [ls.tenantId, ls.courseTypeId],
      ),
    ).rejects.toThrow(/levels_code_check/);
  });

  it('never exceed capacity: 20 parallel enrolments into a class of 7 → exactly 7', async () => {
    const cls = await newClass({ max: 7 });
    const students = await ls.addStudents(20);
    const results = await Promise.all(
      students.map((studentId) => post(ls.office, `/api/v1/school-ops/classes/${cls.id}/enrollments`, { studentId })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(7);
    expect(codes.filter((c) => c === 409)).toHaveLength(13);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().code).toBe('class_full');
    const [row] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM school_ops.enrollments
        WHERE tenant_id = $1 AND class_id = $2 AND status = 'active'`,
      [ls.tenantId, cls.id],
    );
    expect(row!.n).toBe(7);
    // a dropped seat is free again; the same student twice is refused
    const enrolled = results.find((r) => r.statusCode === 201)!.json();
    const again = await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/enrollments`, {
      studentId: enrolled.studentId,
    });
    expect(again.json().code).toBe('already_enrolled');
    expect((await post(ls.office, `/api/v1/school-ops/enrollments/${enrolled.id}/drop`)).statusCode).toBe(200);
    const late = await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/enrollments`, { studentId: students[19] });
    expect([201, 409]).toContain(late.statusCode);
  });

  it('are written only through the service (the generic API refuses)', async () => {
    const res = await post(ls.as(['district_admin']), '/api/v1/school_ops/enrollments', { id: 'x' });
    expect(res.statusCode).toBe(405);
    expect(res.json().detail).toContain('/api/v1/school-ops/classes/{classId}/enrollments');
  });
});

describe('schedules and sessions', () => {
  it('generate the weekly sessions between dates, skipping the school holidays, once', async () => {
    const cls = await newClass({ teacherId: await ls.addTeacher(), roomId: await ls.addRoom() });
    for (const dayOfWeek of [1, 3]) {
      const r = await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/schedules`, {
        dayOfWeek,
        startTime: '14:00',
        endTime: '15:30',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    await h.database.query(
      `UPDATE core.organizations SET settings = coalesce(settings, '{}'::jsonb)
          || '{"holidays": ["2026-04-06", {"date": "2026-04-15", "name": "x"}]}'::jsonb
        WHERE tenant_id = $1`,
      [ls.tenantId],
    );
    const url = `/api/v1/school-ops/classes/${cls.id}/sessions/generate`;
    const body = { from: '2026-04-01', to: '2026-04-17', holidays: ['2026-04-08'] };
    const first = await post(ls.office, url, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().holidaysSkipped).toEqual(['2026-04-06', '2026-04-08', '2026-04-15']);
    expect(first.json().sessions.map((s: { date: string }) => s.date)).toEqual(['2026-04-01', '2026-04-13']);
    expect(first.json().created).toBe(2);
    const again = await post(ls.office, url, body);
    expect(again.json()).toMatchObject({ created: 0, existing: 2 });
    // outside the term: nothing before its start
    const term = await post(ls.office, url, { from: '2025-01-01', to: '2026-02-04' });
    expect(term.json().sessions.every((s: { date: string }) => s.date >= '2026-02-02')).toBe(true);
  });

  it('never double-book a teacher, also under concurrent requests', async () => {
    const teacherId = await ls.addTeacher();
    const classes = [];
    for (let i = 0; i < 8; i++) classes.push(await newClass({ teacherId, roomId: await ls.addRoom() }));
    const results = await Promise.all(
      classes.map((c) =>
        post(ls.office, `/api/v1/school-ops/classes/${c.id}/sessions`, {
          date: '2026-05-05',
          startTime: '08:00',
          endTime: '09:00',
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.json()).toMatchObject({ code: 'double_booked', resource: 'teacher' });
    // touching times do not overlap
    const next = await post(ls.office, `/api/v1/school-ops/classes/${classes[1]!.id}/sessions`, {
      date: '2026-05-05',
      startTime: '09:00',
      endTime: '10:00',
    });
    expect(next.statusCode).toBe(201);
  });

  it('never double-book a room, for sessions and weekly slots alike, also concurrently', async () => {
    const roomId = await ls.addRoom();
    const classes = [];
    for (let i = 0; i < 6; i++) classes.push(await newClass({ teacherId: await ls.addTeacher(), roomId }));
    const sessions = await Promise.all(
      classes.map((c) =>
        post(ls.office, `/api/v1/school-ops/classes/${c.id}/sessions`, {
          date: '2026-05-06',
          startTime: '10:00',
          endTime: '11:00',
        }),
      ),
    );
    expect(sessions.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(sessions.filter((r) => r.statusCode === 409).every((r) => r.json().resource === 'room')).toBe(true);
    const weekly = await Promise.all(
      classes.map((c) =>
        post(ls.office, `/api/v1/school-ops/classes/${c.id}/schedules`, {
          dayOfWeek: 5,
          startTime: '16:00',
          endTime: '17:00',
        }),
      ),
    );
    expect(weekly.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(weekly.filter((r) => r.statusCode === 409)).toHaveLength(5);
  });

  it('refuse bad times naming the field', async () => {
    const cls = await newClass();
    const res = await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/schedules`, {
      dayOfWeek: 9,
      startTime: '25:00',
      endTime: '9am',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().validationErrors).sort()).toEqual(['dayOfWeek', 'endTime', 'startTime']);
  });
});

describe('attendance', () => {
  it("is taken by the class's teacher only, for enrolled students only; a resubmission replaces it", async () => {
    const teacherId = await ls.addTeacher();
    const otherTeacher = await ls.addTeacher();
    const cls = await newClass({ teacherId, roomId: await ls.addRoom() });
    const [a, b, c, outsider] = await ls.addStudents(4);
    for (const studentId of [a, b, c])
      expect(
        (await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/enrollments`, { studentId })).statusCode,
      ).toBe(201);
    const session = await post(ls.office, `/api/v1/school-ops/classes/${cls.id}/sessions`, {
      date: '2026-03-10',
      startTime: '18:00',
      endTime: '19:00',
    });
    const url = `/api/v1/school-ops/sessions/${session.json().id}/attendance`;
    const marks = [
      { studentId: a, status: 'present' },
      { studentId: b, status: 'late' },
      { studentId: c, status: 'absent' },
    ];
    const foreign = await put(ls.teacher(otherTeacher), url, { entries: marks });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('not_your_class');
    expect((await put(ls.as(['teacher']), url, { entries: marks })).statusCode).toBe(403);
    const notEnrolled = await put(ls.teacher(teacherId), url, {
      entries: [...marks, { studentId: outsider, status: 'present' }],
    });
    expect(notEnrolled.statusCode).toBe(400);
    expect(Object.keys(notEnrolled.json().validationErrors)).toEqual(['entries.3.studentId']);
    const taken = await put(ls.teacher(teacherId), url, { entries: marks });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json().session.status).toBe('completed');
    const retaken = await put(ls.teacher(teacherId), url, { entries: [{ studentId: a, status: 'excused' }] });
    expect(
      retaken
        .json()
        .students.map((s: { status: string | null }) => s.status)
        .sort(),
    ).toEqual(['excused', null, null].sort());
    const rows = await h.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM school_ops.attendance WHERE tenant_id = $1 AND session_id = $2',
      [ls.tenantId, session.json().id],
    );
    expect(rows[0]!.n).toBe(1);
    // the teacher's own classes and calendar
    const mine = await h.inject(ls.teacher(teacherId), { url: '/api/v1/school-ops/classes' });
    expect(mine.json().map((x: { id: string }) => x.id)).toEqual([cls.id]);
    const week = await h.inject(ls.teacher(teacherId), { url: '/api/v1/school-ops/calendar?weekOf=2026-03-12' });
    expect(week.json()).toMatchObject({ from: '2026-03-09', to: '2026-03-15' });
    expect(week.json().sessions).toHaveLength(1);
  });
});

describe('placements', () => {
  it('place a student at a CEFR level of a course; Z9 is refused', async () => {
    const [student] = await ls.addStudents(1);
    const bad = await post(ls.office, '/api/v1/school-ops/placements', {
      studentId: student,
      courseTypeId: ls.courseTypeId,
      levelCode: 'Z9',
      score: 50,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors)).toEqual(['levelCode']);
    const ok = await post(ls.office, '/api/v1/school-ops/placements', {
      studentId: student,
      courseTypeId: ls.courseTypeId,
      levelCode: 'A2',
      score: 62,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ levelCode: 'A2', score: 62 });
  });
});
