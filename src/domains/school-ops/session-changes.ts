/**
 * Changes to one session of a running class (the front office): rescheduling it (date, time, room for
 * that session only) or cancelling it, and the class's upcoming sessions a trial can be booked into.
 * The session row is locked first and the teacher and room advisory locks are taken before any
 * double-booking check, as for class changes (class-changes.ts).
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { notFound } from './access.js';
import { today, withField } from './class-changes.js';
import { activeEnrollmentCount } from './classes.js';
import { schoolOpsErrors } from './errors.js';
import { assertFree, classRow, dayOf, hhmm, lockResources, SESSION_SELECT, sessionView } from './booking.js';
import { defaultWeek, getSession } from './schedule.js';
import {
  cancelInput,
  rescheduleSessionInput,
  type CancelInput,
  type RescheduleSessionInput,
  type SessionView,
} from './schemas.js';
import { rooms, sessions } from './tables.js';

type SessionRow = typeof sessions.$inferSelect;

async function lockSession(work: Work, sessionId: string): Promise<SessionRow> {
  const [row] = await work.tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.tenantId, work.tenantId), eq(sessions.id, sessionId)))
    .for('update');
  if (!row) throw notFound('class session', sessionId);
  if (row.status === 'cancelled') throw schoolOpsErrors.session_cancelled('The session is cancelled.');
  if (row.status === 'completed' || row.status === 'in_progress')
    throw schoolOpsErrors.session_held(`The session of ${dayOf(row.date)} is ${row.status}: it cannot change.`);
  return row;
}

/** The room a session is moved into: one of the school's, with a seat for each student enrolled. */
async function checkSessionRoom(work: Work, classId: string, roomId: string): Promise<void> {
  const [room] = await work.tx
    .select()
    .from(rooms)
    .where(and(eq(rooms.tenantId, work.tenantId), eq(rooms.id, roomId)));
  if (!room || room.isActive === false) throw AppError.validation({ roomId: ['is not a room of this school'] });
  const enrolled = await activeEnrollmentCount(work, classId);
  if (room.capacity != null && enrolled > room.capacity)
    throw schoolOpsErrors.room_too_small(`${room.name} seats ${room.capacity}; ${enrolled} students are enrolled.`, {
      validationErrors: { roomId: [`must seat the ${enrolled} students enrolled`] },
    });
}

/**
 * Moves one session to another date and time, and optionally another room (for that session only):
 * never into the past, never over another session of the same class, nor over the teacher's or the
 * room's other sessions (409 `double_booked`). Both the class's room and the new one are locked first,
 * so two moves into the same room and time run one after the other.
 */
export async function rescheduleSession(
  work: Work,
  sessionId: string,
  input: RescheduleSessionInput,
): Promise<SessionView> {
  const data = parseInput(rescheduleSessionInput, input);
  await work.authorize(sessions, 'write');
  const row = await lockSession(work, sessionId);
  const cls = await classRow(work, row.classId);
  if (cls.isActive === false) throw schoolOpsErrors.class_inactive(`Class "${cls.name}" is cancelled.`);
  if (data.date < today(work))
    throw schoolOpsErrors.session_in_past(`${data.date} has passed.`, {
      validationErrors: { date: ['must be today or later'] },
    });
  const before = await getSession(work, sessionId);
  // undefined keeps the session's room, null puts it back in the class's room
  const roomId = data.roomId === undefined ? row.roomId : data.roomId === cls.roomId ? null : data.roomId;
  if (data.roomId) await checkSessionRoom(work, cls.id, data.roomId);
  await lockResources(work, cls, roomId ? [roomId] : []);
  const own = rowsOf<{ start_time: unknown; end_time: unknown }>(
    await work.tx.execute(sql`SELECT start_time, end_time FROM school_ops.sessions
      WHERE tenant_id = ${work.tenantId} AND class_id = ${cls.id} AND id <> ${sessionId} AND date = ${data.date}
        AND coalesce(status, 'scheduled') <> 'cancelled'`),
  );
  const clash = own.find((o) => hhmm(o.start_time) < data.endTime && data.startTime < hhmm(o.end_time));
  if (clash) {
    throw schoolOpsErrors.double_booked(
      `"${cls.name}" already meets on ${data.date} ${hhmm(clash.start_time)}–${hhmm(clash.end_time)}.`,
      { validationErrors: { startTime: ['overlaps another session of the class'] }, resource: 'class' },
    );
  }
  try {
    await assertFree(work, cls, [{ ...data, roomId }]);
  } catch (error) {
    const roomTaken = error instanceof AppError && error.extras?.resource === 'room' && data.roomId;
    throw withField(error, roomTaken ? 'roomId' : 'startTime');
  }
  const movedRoom = (roomId ?? cls.roomId) !== (row.roomId ?? cls.roomId) ? `, room ${before.roomName ?? '—'}` : '';
  const note = `Moved from ${before.date} ${before.startTime}–${before.endTime}${movedRoom}`;
  await work.tx
    .update(sessions)
    .set({ date: data.date, startTime: data.startTime, endTime: data.endTime, notes: note, roomId })
    .where(and(eq(sessions.tenantId, work.tenantId), eq(sessions.id, sessionId)));
  const after = await getSession(work, sessionId);
  await work.audit({ table: sessions, recordId: sessionId, operation: 'UPDATE', oldValues: before, newValues: after });
  return after;
}

/** Cancels one session, with its reason; payroll no longer counts it, attendance refuses it. */
export async function cancelSession(work: Work, sessionId: string, input: CancelInput): Promise<SessionView> {
  const data = parseInput(cancelInput, input);
  await work.authorize(sessions, 'write');
  await lockSession(work, sessionId);
  const before = await getSession(work, sessionId);
  await work.tx
    .update(sessions)
    .set({ status: 'cancelled', notes: data.reason })
    .where(and(eq(sessions.tenantId, work.tenantId), eq(sessions.id, sessionId)));
  const after = await getSession(work, sessionId);
  await work.audit({ table: sessions, recordId: sessionId, operation: 'UPDATE', oldValues: before, newValues: after });
  return after;
}

/**
 * A class's sessions from `from` on, in order: what a trial can be booked into. The default is today,
 * or the current term's start when today is outside it (as the week calendar opens).
 */
export async function classSessions(work: Work, classId: string, from?: string): Promise<SessionView[]> {
  await work.authorize(sessions, 'read');
  const rows = rowsOf<Record<string, unknown>>(
    await work.tx.execute(sql`${SESSION_SELECT} WHERE s.tenant_id = ${work.tenantId} AND s.class_id = ${classId}
      AND s.date >= ${from ?? (await defaultWeek(work))} ORDER BY s.date, s.start_time LIMIT 60`),
  );
  return rows.map(sessionView);
}
