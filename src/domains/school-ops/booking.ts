/**
 * No double booking: a teacher or a room is never in two sessions whose times overlap on the same
 * date. Every operation that adds sessions or weekly slots takes transaction-scoped advisory locks on
 * the teacher and the room (in a fixed order, `lockResources`) before it checks (`assertFree`) and
 * inserts, so two concurrent requests cannot both see the slot free (this works on PostgreSQL and PGlite
 * alike; an exclusion constraint would need btree_gist, which PGlite lacks). Also the session view and
 * the day and time helpers the schedule operations share.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Work } from '../../platform/service/work.js';
import { lockKey, notFound } from './access.js';
import { schoolOpsErrors } from './errors.js';
import type { SessionView } from './schemas.js';
import { classes } from './tables.js';

type ClassRow = typeof classes.$inferSelect;
export type Raw = Record<string, unknown>;
export interface Slot {
  date: string;
  startTime: string;
  endTime: string;
  /** The session's own room, when it is not the class's (null/absent: the class's room). */
  roomId?: string | null;
}

const DAY = 86_400_000;
export const hhmm = (t: unknown) => String(t).slice(0, 5);
export const dayOf = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
export const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
export const overlaps = (a: { startTime: string; endTime: string }, b: { startTime: string; endTime: string }) =>
  a.startTime < b.endTime && b.startTime < a.endTime;

export const SESSION_SELECT = sql`
  SELECT s.id, s.class_id, c.name AS class_name, c.teacher_id, s.date, s.start_time, s.end_time,
         coalesce(s.status, 'scheduled') AS status, s.notes, r.id AS room_id, r.name AS room_name,
         NULLIF(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '') AS teacher_name
    FROM school_ops.sessions s
    JOIN school_ops.classes c ON c.tenant_id = s.tenant_id AND c.id = s.class_id
    LEFT JOIN school_ops.rooms r ON r.tenant_id = c.tenant_id AND r.id = coalesce(s.room_id, c.room_id)
    LEFT JOIN core.users u ON u.tenant_id = c.tenant_id AND u.id = c.teacher_id`;

export function sessionView(r: Raw): SessionView {
  return {
    id: String(r.id),
    classId: String(r.class_id),
    className: r.class_name == null ? null : String(r.class_name),
    teacherId: r.teacher_id == null ? null : String(r.teacher_id),
    teacherName: r.teacher_name == null ? null : String(r.teacher_name),
    roomId: r.room_id == null ? null : String(r.room_id),
    roomName: r.room_name == null ? null : String(r.room_name),
    date: dayOf(r.date),
    startTime: hhmm(r.start_time),
    endTime: hhmm(r.end_time),
    status: String(r.status),
    notes: r.notes == null ? null : String(r.notes),
  };
}

export async function classRow(work: Work, classId: string): Promise<ClassRow> {
  const [row] = await work.tx
    .select()
    .from(classes)
    .where(and(eq(classes.tenantId, work.tenantId), eq(classes.id, classId)));
  if (!row) throw notFound('class', classId);
  return row;
}

/**
 * Serialises everything that books this class's teacher or room, and any other room named (a session
 * moved to its own room), in a fixed order: no deadlock.
 */
export async function lockResources(work: Work, cls: ClassRow, otherRooms: readonly string[] = []): Promise<void> {
  const rooms = [cls.roomId, ...otherRooms].filter((r): r is string => Boolean(r)).map((r) => `room:${r}`);
  const keys = new Set([...(cls.teacherId ? [`teacher:${cls.teacherId}`] : []), ...rooms]);
  for (const key of [...keys].sort()) await lockKey(work, `school-ops:${key}`);
}

/**
 * 409 `double_booked` when any slot overlaps another class's session of the same teacher or in the same
 * room — a session's room being its own when it has one, else its class's (on both sides).
 */
export async function assertFree(work: Work, cls: ClassRow, slots: Slot[]): Promise<void> {
  const roomOf = (slot: Slot) => slot.roomId ?? cls.roomId ?? null;
  const roomIds = [...new Set(slots.map(roomOf).filter((r): r is string => r !== null))];
  if (slots.length === 0 || (!cls.teacherId && roomIds.length === 0)) return;
  const dates = slots.map((s) => s.date).sort();
  const roomList =
    roomIds.length > 0
      ? sql.join(
          roomIds.map((r) => sql`${r}`),
          sql`, `,
        )
      : sql`NULL`;
  const rows = rowsOf<Raw>(
    await work.tx.execute(sql`SELECT s.date, s.start_time, s.end_time, c.name, c.teacher_id,
        coalesce(s.room_id, c.room_id) AS room_id
      FROM school_ops.sessions s JOIN school_ops.classes c ON c.tenant_id = s.tenant_id AND c.id = s.class_id
     WHERE s.tenant_id = ${work.tenantId} AND s.class_id <> ${cls.id}
       AND coalesce(s.status, 'scheduled') <> 'cancelled'
       AND s.date BETWEEN ${dates[0]} AND ${dates[dates.length - 1]}
       AND (c.teacher_id = ${cls.teacherId ?? ''} OR coalesce(s.room_id, c.room_id) IN (${roomList}))`),
  );
  const taken = rows.map((r) => ({
    date: dayOf(r.date),
    startTime: hhmm(r.start_time),
    endTime: hhmm(r.end_time),
    name: String(r.name),
    roomId: r.room_id == null ? null : String(r.room_id),
    teacher: r.teacher_id === cls.teacherId && cls.teacherId != null,
  }));
  for (const slot of slots) {
    const clash = taken.find(
      (t) =>
        t.date === slot.date && overlaps(t, slot) && (t.teacher || (t.roomId !== null && t.roomId === roomOf(slot))),
    );
    if (clash) {
      const who = clash.teacher ? 'the teacher' : 'the room';
      throw schoolOpsErrors.double_booked(
        `On ${slot.date} ${slot.startTime}–${slot.endTime} ${who} is already booked for "${clash.name}" ` +
          `(${clash.startTime}–${clash.endTime}).`,
        { date: slot.date, conflictWith: clash.name, resource: clash.teacher ? 'teacher' : 'room' },
      );
    }
  }
}
