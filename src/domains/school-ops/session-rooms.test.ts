/**
 * Sessions with their own room (issue 18): a reschedule may move one session to another room, which
 * then counts as booked for that session (from both sides), must seat the students enrolled, and two
 * simultaneous moves into the same room and time let exactly one win.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';
import { farFutureDay } from '../../../test/support/calendar.js';

let h: DomainHarness;
let ls: LanguageSchool;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const post = (url: string, body: unknown = {}) => h.inject(ls.office, { method: 'POST', url, ...json(body) });
const BASE = '/api/v1/school-ops';
let day = 0;
// Far from the demo's term and from class-changes.test.ts's days (each file has its own database anyway).
const nextDay = () => farFutureDay(day++, 6);

async function newClass(roomId: string, max = 10) {
  const res = await post(`${BASE}/classes`, {
    name: `Room test ${Math.random().toString(36).slice(2, 8)}`,
    termId: ls.termId,
    courseTypeId: ls.courseTypeId,
    levelCode: 'B1',
    maxStudents: max,
    teacherId: await ls.addTeacher(),
    roomId,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function newSession(classId: string, date: string, startTime: string, endTime: string) {
  const res = await post(`${BASE}/classes/${classId}/sessions`, { date, startTime, endTime });
  return res;
}

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
});
afterAll(() => h.dispose());

describe('a session in its own room', () => {
  it('moves to another room, which is then booked for it; null takes it back to the class room', async () => {
    const [roomA, roomB] = [await ls.addRoom(20), await ls.addRoom(20)];
    const a = await newClass(roomA);
    const b = await newClass(roomB);
    const date = nextDay();
    const s = (await newSession(a.id, date, '09:00', '10:00')).json() as { id: string };
    const moved = await post(`${BASE}/sessions/${s.id}/reschedule`, {
      date,
      startTime: '09:00',
      endTime: '10:00',
      roomId: roomB,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ roomId: roomB });
    expect(moved.json().notes).toContain('room');
    // Class B (whose own room is B) can no longer meet then; class A's room is free at that time.
    const clash = await newSession(b.id, date, '09:30', '10:30');
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'double_booked', resource: 'room' });
    const c = await newClass(roomA);
    expect((await newSession(c.id, date, '09:00', '10:00')).statusCode).toBe(201);
    // Back to the class's room (A), now taken by class C at that time: refused, naming the time.
    const back = await post(`${BASE}/sessions/${s.id}/reschedule`, {
      date,
      startTime: '09:00',
      endTime: '10:00',
      roomId: null,
    });
    expect(back.statusCode).toBe(409);
    const later = await post(`${BASE}/sessions/${s.id}/reschedule`, {
      date,
      startTime: '11:00',
      endTime: '12:00',
      roomId: null,
    });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ roomId: roomA, startTime: '11:00' });
  });

  it('refuses a room that is unknown, too small for the students enrolled, or taken', async () => {
    const small = await ls.addRoom(2);
    const cls = await newClass(await ls.addRoom(20));
    for (const studentId of await ls.addStudents(3)) {
      expect((await post(`${BASE}/classes/${cls.id}/enrollments`, { studentId })).statusCode).toBe(201);
    }
    const date = nextDay();
    const s = (await newSession(cls.id, date, '15:00', '16:00')).json() as { id: string };
    const url = `${BASE}/sessions/${s.id}/reschedule`;
    const unknown = await post(url, { date, startTime: '15:00', endTime: '16:00', roomId: 'no-such-room' });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().validationErrors)).toEqual(['roomId']);
    const tooSmall = await post(url, { date, startTime: '15:00', endTime: '16:00', roomId: small });
    expect(tooSmall.statusCode).toBe(409);
    expect(tooSmall.json()).toMatchObject({ code: 'room_too_small' });
    expect(Object.keys(tooSmall.json().validationErrors)).toEqual(['roomId']);
    const busy = await ls.addRoom(20);
    const other = await newClass(busy);
    expect((await newSession(other.id, date, '15:00', '16:00')).statusCode).toBe(201);
    const taken = await post(url, { date, startTime: '15:30', endTime: '16:30', roomId: busy });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'double_booked', resource: 'room' });
    expect(Object.keys(taken.json().validationErrors)).toEqual(['roomId']);
    const [row] = await h.database.query<{ room_id: string | null; start_time: string }>(
      'SELECT room_id, start_time::text FROM school_ops.sessions WHERE tenant_id = $1 AND id = $2',
      [ls.tenantId, s.id],
    );
    expect(row).toEqual({ room_id: null, start_time: '15:00:00' });
  });

  it('lets exactly one of two simultaneous moves into the same room and time win', async () => {
    const target = await ls.addRoom(30);
    const date = nextDay();
    const classes = [await newClass(await ls.addRoom(30)), await newClass(await ls.addRoom(30))];
    const sessions = await Promise.all(
      classes.map(async (c, i) => (await newSession(c.id, date, `0${7 + i}:00`, `0${8 + i}:00`)).json()),
    );
    const results = await Promise.all(
      sessions.map((s: { id: string }) =>
        post(`${BASE}/sessions/${s.id}/reschedule`, { date, startTime: '18:00', endTime: '19:00', roomId: target }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes, results.map((r) => r.body).join('\n')).toEqual([200, 409]);
    const [row] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM school_ops.sessions WHERE tenant_id = $1 AND date = $2 AND room_id = $3`,
      [ls.tenantId, date, target],
    );
    expect(row?.n).toBe(1);
  });
});
