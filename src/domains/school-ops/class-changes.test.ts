/**
 * Class and session changes through their routes against a real database: seats never below the
 * students enrolled, teacher/room changes re-checked against upcoming sessions, reschedules that never
 * double-book (also two at once into the same room and time), cancelled sessions that payroll does not
 * count, and class cancellation that cancels the upcoming sessions and notifies the families.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';
import { farFutureDay } from '../../../test/support/calendar.js';
import type { Principal } from '../../platform/auth/roles.js';
import { createAccount } from '../../platform/identity/accounts.js';
import { taughtSessions } from './taught-sessions.js';

let h: DomainHarness;
let ls: LanguageSchool;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const post = (who: Principal, url: string, body: unknown = {}) => h.inject(who, { method: 'POST', url, ...json(body) });
const patch = (who: Principal, url: string, body: unknown) => h.inject(who, { method: 'PATCH', url, ...json(body) });
const BASE = '/api/v1/school-ops';
// Far enough ahead of the demo's term that nothing of the demo collides, and never in the past.
let day = 0;
const nextDay = () => farFutureDay(day++, 5);

async function newClass(opts: { max?: number; teacherId?: string; roomId?: string } = {}) {
  const res = await post(ls.office, `${BASE}/classes`, {
    name: `Change test ${Math.random().toString(36).slice(2, 8)}`,
    termId: ls.termId,
    courseTypeId: ls.courseTypeId,
    levelCode: 'A2',
    maxStudents: opts.max ?? 10,
    ...(opts.teacherId ? { teacherId: opts.teacherId } : {}),
    ...(opts.roomId ? { roomId: opts.roomId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
}

async function newSession(classId: string, date: string, startTime = '10:00', endTime = '11:00') {
  const res = await post(ls.office, `${BASE}/classes/${classId}/sessions`, { date, startTime, endTime });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
});
afterAll(() => h.dispose());

describe('editing a class', () => {
  it('keeps seats at or above the students enrolled, and within the room', async () => {
    const cls = await newClass({ max: 5 });
    for (const studentId of await ls.addStudents(3)) {
      expect((await post(ls.office, `${BASE}/classes/${cls.id}/enrollments`, { studentId })).statusCode).toBe(201);
    }
    const below = await patch(ls.office, `${BASE}/classes/${cls.id}`, { maxStudents: 2 });
    expect(below.statusCode).toBe(409);
    expect(below.json()).toMatchObject({ code: 'capacity_below_enrolled', enrolled: 3 });
    expect(Object.keys(below.json().validationErrors)).toEqual(['maxStudents']);
    const exact = await patch(ls.office, `${BASE}/classes/${cls.id}`, { maxStudents: 3 });
    expect(exact.statusCode, exact.body).toBe(200);
    expect(exact.json()).toMatchObject({ maxStudents: 3, enrolled: 3 });
    const room = await ls.addRoom(4);
    const tooBig = await patch(ls.office, `${BASE}/classes/${cls.id}`, { roomId: room, maxStudents: 5 });
    expect(tooBig.statusCode).toBe(409);
    expect(tooBig.json()).toMatchObject({ code: 'room_too_small' });
    expect(Object.keys(tooBig.json().validationErrors)).toEqual(['maxStudents']);
    expect((await patch(ls.office, `${BASE}/classes/${cls.id}`, { roomId: room, maxStudents: 4 })).statusCode).toBe(
      200,
    );
    const empty = await patch(ls.office, `${BASE}/classes/${cls.id}`, {});
    expect(empty.statusCode).toBe(400);
    const teacherOnly = await patch(ls.teacher(ls.teachers[0]!), `${BASE}/classes/${cls.id}`, { maxStudents: 9 });
    expect(teacherOnly.statusCode).toBe(403);
  });

  it("re-checks a new teacher or room against the class's upcoming sessions", async () => {
    const [busyTeacher, freeTeacher] = [await ls.addTeacher(), await ls.addTeacher()];
    const busyRoom = await ls.addRoom(30);
    const date = nextDay();
    const other = await newClass({ teacherId: busyTeacher, roomId: busyRoom });
    await newSession(other.id, date, '10:00', '11:00');
    const cls = await newClass({ teacherId: freeTeacher });
    await newSession(cls.id, date, '10:30', '11:30');
    const teacher = await patch(ls.office, `${BASE}/classes/${cls.id}`, { teacherId: busyTeacher });
    expect(teacher.statusCode).toBe(409);
    expect(teacher.json()).toMatchObject({ code: 'double_booked', resource: 'teacher' });
    expect(Object.keys(teacher.json().validationErrors)).toEqual(['teacherId']);
    const room = await patch(ls.office, `${BASE}/classes/${cls.id}`, { roomId: busyRoom });
    expect(room.statusCode).toBe(409);
    expect(Object.keys(room.json().validationErrors)).toEqual(['roomId']);
    // Back-to-back is no clash: a session ending at 10:30 frees the room for one starting then.
    const later = await newClass({ teacherId: await ls.addTeacher() });
    await newSession(later.id, date, '11:00', '12:00');
    expect((await patch(ls.office, `${BASE}/classes/${later.id}`, { roomId: busyRoom })).statusCode).toBe(200);
    const notTeacher = await patch(ls.office, `${BASE}/classes/${cls.id}`, { teacherId: (await ls.addStudents(1))[0] });
    expect(notTeacher.statusCode).toBe(400);
    expect(Object.keys(notTeacher.json().validationErrors)).toEqual(['teacherId']);
  });
});

describe('rescheduling a session', () => {
  it('moves it to a free time, never into the past, over its own class or a taken room', async () => {
    const room = await ls.addRoom(30);
    const a = await newClass({ teacherId: await ls.addTeacher(), roomId: room });
    const b = await newClass({ teacherId: await ls.addTeacher(), roomId: room });
    const date = nextDay();
    const first = await newSession(a.id, date, '08:00', '09:00');
    await newSession(a.id, date, '14:00', '15:00');
    await newSession(b.id, date, '10:00', '11:00');
    const url = `${BASE}/sessions/${first.id}/reschedule`;
    const past = await post(ls.office, url, { date: '2020-01-06', startTime: '08:00', endTime: '09:00' });
    expect(past.statusCode).toBe(409);
    expect(Object.keys(past.json().validationErrors)).toEqual(['date']);
    const roomTaken = await post(ls.office, url, { date, startTime: '10:59', endTime: '11:30' });
    expect(roomTaken.statusCode).toBe(409);
    expect(roomTaken.json()).toMatchObject({ code: 'double_booked', resource: 'room' });
    const ownClass = await post(ls.office, url, { date, startTime: '14:30', endTime: '15:30' });
    expect(ownClass.statusCode).toBe(409);
    expect(ownClass.json()).toMatchObject({ code: 'double_booked', resource: 'class' });
    const badTime = await post(ls.office, url, { date, startTime: '12:00', endTime: '11:00' });
    expect(badTime.statusCode).toBe(400);
    expect(Object.keys(badTime.json().validationErrors)).toEqual(['endTime']);
    const moved = await post(ls.office, url, { date, startTime: '11:00', endTime: '12:00' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ date, startTime: '11:00', endTime: '12:00', status: 'scheduled' });
    expect(moved.json().notes).toContain(`Moved from ${date} 08:00`);
  });

  it('lets exactly one of two simultaneous reschedules into the same room and time win', async () => {
    const room = await ls.addRoom(30);
    const date = nextDay();
    const classes = [
      await newClass({ teacherId: await ls.addTeacher(), roomId: room }),
      await newClass({ teacherId: await ls.addTeacher(), roomId: room }),
    ];
    const sessions = [
      await newSession(classes[0]!.id, date, '07:00', '08:00'),
      await newSession(classes[1]!.id, date, '08:00', '09:00'),
    ];
    const target = { date, startTime: '16:00', endTime: '17:00' };
    const results = await Promise.all(
      sessions.map((s) => post(ls.office, `${BASE}/sessions/${s.id}/reschedule`, target)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes, results.map((r) => r.body).join('\n')).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'double_booked' });
    const [row] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM school_ops.sessions WHERE tenant_id = $1 AND date = $2 AND start_time = '16:00'
         AND class_id = ANY($3)`,
      [ls.tenantId, date, classes.map((c) => c.id)],
    );
    expect(row?.n).toBe(1);
  });
});

describe('cancelling', () => {
  it('a session: with a reason, once, never a held one, and payroll no longer counts it', async () => {
    const teacher = await ls.addTeacher();
    const cls = await newClass({ teacherId: teacher });
    const date = nextDay();
    const [taught, dropped] = [await newSession(cls.id, date, '09:00', '10:00'), await newSession(cls.id, date)];
    const noReason = await post(ls.office, `${BASE}/sessions/${dropped.id}/cancel`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().validationErrors)).toEqual(['reason']);
    const cancelled = await post(ls.office, `${BASE}/sessions/${dropped.id}/cancel`, { reason: 'Teacher ill' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', notes: 'Teacher ill' });
    const again = await post(ls.office, `${BASE}/sessions/${dropped.id}/cancel`, { reason: 'again' });
    expect(again.json()).toMatchObject({ code: 'session_cancelled' });
    const move = await post(ls.office, `${BASE}/sessions/${dropped.id}/reschedule`, {
      date,
      startTime: '18:00',
      endTime: '19:00',
    });
    expect(move.json()).toMatchObject({ code: 'session_cancelled' });
    await h.database.query(`UPDATE school_ops.sessions SET status = 'completed' WHERE tenant_id = $1 AND id = $2`, [
      ls.tenantId,
      taught.id,
    ]);
    const held = await post(ls.office, `${BASE}/sessions/${taught.id}/cancel`, { reason: 'too late' });
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'session_held' });
    const counted = await h.work(ls.as(['finance']), (work) =>
      taughtSessions(work, { teacherId: teacher, from: date, to: date }),
    );
    expect(counted.map((s) => s.sessionId)).toEqual([taught.id]);
  });

  it('a class: upcoming sessions cancelled, no more enrolments, families notified', async () => {
    const cls = await newClass({ teacherId: await ls.addTeacher() });
    const [student] = await ls.addStudents(1);
    expect((await post(ls.office, `${BASE}/classes/${cls.id}/enrollments`, { studentId: student })).statusCode).toBe(
      201,
    );
    await createAccount(h.database, ls.tenantId, {
      email: `cancel.${student!.toLowerCase()}@example.test`,
      displayName: 'Cancel Test',
      roles: ['student'],
      password: 'correct horse battery staple',
      coreUserId: student!,
    });
    const dates = [nextDay(), nextDay()];
    for (const date of dates) await newSession(cls.id, date);
    const res = await post(ls.office, `${BASE}/classes/${cls.id}/cancel`, { reason: 'Too few students' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ class: { isActive: false }, sessionsCancelled: 2, notified: 1 });
    const sessions = await h.inject(ls.office, { method: 'GET', url: `${BASE}/classes/${cls.id}/sessions` });
    expect(sessions.json().map((s: { status: string }) => s.status)).toEqual(['cancelled', 'cancelled']);
    const notes = await h.database.query<{ recipient_count: number }>(
      `SELECT recipient_count FROM notifications.notifications
        WHERE tenant_id = $1 AND template_name = 'school_ops.class_cancelled'`,
      [ls.tenantId],
    );
    expect(notes.map((n) => n.recipient_count)).toEqual([1]);
    const [another] = await ls.addStudents(1);
    const refused = await post(ls.office, `${BASE}/classes/${cls.id}/enrollments`, { studentId: another });
    expect(refused.json()).toMatchObject({ code: 'class_inactive' });
    const twice = await post(ls.office, `${BASE}/classes/${cls.id}/cancel`, { reason: 'again' });
    expect(twice.json()).toMatchObject({ code: 'class_inactive' });
    const edit = await patch(ls.office, `${BASE}/classes/${cls.id}`, { maxStudents: 4 });
    expect(edit.json()).toMatchObject({ code: 'class_inactive' });
  });
});
