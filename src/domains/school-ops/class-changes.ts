/**
 * Changes to running classes (the front office): editing a class's teacher, room or seats, cancelling a
 * class. Rescheduling or cancelling one session is session-changes.ts.
 *
 * The rules hold under concurrency the same way bookings do (schedule.ts): the class row is locked
 * (`FOR UPDATE`: enrolments queue on it, so the seat count checked cannot grow before the change
 * commits) and the teacher and room advisory locks are taken before any double-booking check, so two
 * reschedules into the same room and time run one after the other and the second sees the first.
 *
 * A cancelled session keeps its row with status `cancelled` (and the reason in its notes): payroll's
 * taught sessions count only `completed` ones (taught-sessions.ts), the double-booking check ignores
 * it, and attendance refuses it.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { notify } from '../../platform/notifications/index.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { notFound } from './access.js';
import { activeEnrollmentCount, getClass } from './classes.js';
import { previewEndings, settleEndings } from './enrollment-endings.js';
import { schoolOpsErrors } from './errors.js';
import { assertFree, classRow, dayOf, hhmm, lockResources } from './booking.js';
import { cancelInput, updateClassInput, type CancelInput, type ClassView, type UpdateClassInput } from './schemas.js';
import { classes, enrollments, rooms, sessions } from './tables.js';

type ClassRow = typeof classes.$inferSelect;
export const today = (work: Work) => work.now.toISOString().slice(0, 10);

async function lockClassRow(work: Work, classId: string): Promise<ClassRow> {
  const [row] = await work.tx
    .select()
    .from(classes)
    .where(and(eq(classes.tenantId, work.tenantId), eq(classes.id, classId)))
    .for('update');
  if (!row) throw notFound('class', classId);
  return row;
}

/** The class's sessions from today on that still take place. */
async function upcomingSlots(work: Work, classId: string) {
  const rows = rowsOf<{ date: unknown; start_time: unknown; end_time: unknown; room_id: string | null }>(
    await work.tx.execute(sql`SELECT date, start_time, end_time, room_id FROM school_ops.sessions
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND date >= ${today(work)}
        AND coalesce(status, 'scheduled') = 'scheduled'`),
  );
  return rows.map((r) => ({
    date: dayOf(r.date),
    startTime: hhmm(r.start_time),
    endTime: hhmm(r.end_time),
    roomId: r.room_id,
  }));
}

async function checkTeacher(work: Work, teacherId: string): Promise<void> {
  const [t] = rowsOf<{ role: string }>(
    await work.tx.execute(sql`SELECT role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${teacherId}`),
  );
  if (t?.role !== 'teacher') throw AppError.validation({ teacherId: ['is not a teacher of this school'] });
}

/**
 * Edits a class: seats never below the students enrolled (409 `capacity_below_enrolled`) nor above the
 * room's; a new teacher or room is re-checked against every upcoming session (409 `double_booked`).
 */
export async function updateClass(work: Work, classId: string, input: UpdateClassInput): Promise<ClassView> {
  const data = parseInput(updateClassInput, input);
  await work.authorize(classes, 'write');
  const cls = await lockClassRow(work, classId);
  if (cls.isActive === false) throw schoolOpsErrors.class_inactive(`Class "${cls.name}" is cancelled.`);
  const before = await getClass(work, classId);
  const next: ClassRow = {
    ...cls,
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.teacherId !== undefined ? { teacherId: data.teacherId } : {}),
    ...(data.roomId !== undefined ? { roomId: data.roomId } : {}),
    ...(data.maxStudents !== undefined ? { maxStudents: data.maxStudents } : {}),
  };
  if (data.teacherId) await checkTeacher(work, data.teacherId);
  const seats = next.maxStudents ?? 0;
  const enrolled = await activeEnrollmentCount(work, classId);
  if (seats < enrolled) {
    throw schoolOpsErrors.capacity_below_enrolled(
      `"${cls.name}" has ${enrolled} students enrolled: it cannot have ${seats} seats.`,
      { validationErrors: { maxStudents: [`must be at least ${enrolled} (the students enrolled)`] }, enrolled },
    );
  }
  if (next.roomId) {
    const [room] = await work.tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.tenantId, work.tenantId), eq(rooms.id, next.roomId)));
    if (!room) throw AppError.validation({ roomId: ['is not a room of this school'] });
    if (room.capacity != null && seats > room.capacity) {
      const field = data.maxStudents !== undefined ? 'maxStudents' : 'roomId';
      throw schoolOpsErrors.room_too_small(`${room.name} seats ${room.capacity}; the class has ${seats} seats.`, {
        validationErrors: { [field]: [`must fit the room's ${room.capacity} seats`] },
      });
    }
  }
  if (next.teacherId !== cls.teacherId || next.roomId !== cls.roomId) {
    await lockResources(work, next);
    try {
      await assertFree(work, next, await upcomingSlots(work, classId));
    } catch (error) {
      throw withField(error, next.teacherId !== cls.teacherId ? 'teacherId' : 'roomId');
    }
  }
  await work.tx
    .update(classes)
    .set({ name: next.name, teacherId: next.teacherId, roomId: next.roomId, maxStudents: next.maxStudents })
    .where(and(eq(classes.tenantId, work.tenantId), eq(classes.id, classId)));
  const after = await getClass(work, classId);
  await work.audit({ table: classes, recordId: classId, operation: 'UPDATE', oldValues: before, newValues: after });
  return after;
}

/** A `double_booked` refusal that names the field the person changed. */
export function withField(error: unknown, field: string): unknown {
  if (!(error instanceof AppError) || error.code !== 'double_booked') return error;
  return schoolOpsErrors.double_booked(error.message, {
    ...error.extras,
    validationErrors: { [field]: ['is booked at the same time'] },
  });
}

/** The accounts of a class's active students and of their families (who hear of its cancellation). */
async function familyAccounts(work: Work, classId: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT DISTINCT a.id FROM identity.accounts a
      WHERE a.tenant_id = ${work.tenantId} AND a.status = 'active' AND a.core_user_id IN (
        SELECT e.user_id FROM school_ops.enrollments e
         WHERE e.tenant_id = ${work.tenantId} AND e.class_id = ${classId} AND e.status = 'active'
        UNION
        SELECT f.parent_id FROM core.families f JOIN school_ops.enrollments e
            ON e.tenant_id = f.tenant_id AND e.user_id = f.child_id
         WHERE f.tenant_id = ${work.tenantId} AND e.class_id = ${classId} AND e.status = 'active')`),
  );
  return rows.map((r) => r.id);
}

/** The class's active enrolments, locked (a transfer out of them waits for the cancellation). */
async function activeEnrollmentIds(work: Work, classId: string, lock: boolean): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT id FROM school_ops.enrollments
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND status = 'active'
      ORDER BY id ${lock ? sql`FOR UPDATE` : sql``}`),
  );
  return rows.map((r) => r.id);
}

const thisMonth = (work: Work) => today(work).slice(0, 7);

/** What cancelling a class would do, changing nothing: the cancel dialog says it before. */
export async function cancellationPreview(work: Work, classId: string) {
  await work.authorize(classes, 'read');
  const cls = await classRow(work, classId);
  const ids = await activeEnrollmentIds(work, classId, false);
  const [upcoming] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT count(*)::int AS n FROM school_ops.sessions
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND date >= ${today(work)}
        AND coalesce(status, 'scheduled') = 'scheduled'`),
  );
  const money = await previewEndings(work, { enrollmentIds: ids, fromPeriod: thisMonth(work), reason: '' });
  return { classId, className: cls.name, sessionsToCancel: upcoming?.n ?? 0, enrollmentsToEnd: ids.length, ...money };
}

/**
 * Cancels a class: it takes no more enrolments or bookings, its upcoming sessions are cancelled, its
 * active enrolments end (`dropped`; each can then be transferred to another class of the course), the
 * invoices of those enrolments from this month on are cancelled with anything paid on them returned as
 * family credit (billing, same unit of work, books posted), and its students and their families are
 * told (template `school_ops.class_cancelled`; a school without that template still cancels).
 */
export async function cancelClass(work: Work, classId: string, input: CancelInput) {
  const data = parseInput(cancelInput, input);
  await work.authorize(classes, 'write');
  await work.authorize(sessions, 'write');
  const cls = await lockClassRow(work, classId);
  if (cls.isActive === false) throw schoolOpsErrors.class_inactive(`Class "${cls.name}" is already cancelled.`);
  const before = await getClass(work, classId);
  await work.tx
    .update(classes)
    .set({ isActive: false })
    .where(and(eq(classes.tenantId, work.tenantId), eq(classes.id, classId)));
  const cancelled = rowsOf<{ id: string }>(
    await work.tx.execute(sql`UPDATE school_ops.sessions SET status = 'cancelled', notes = ${data.reason}
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND date >= ${today(work)}
        AND coalesce(status, 'scheduled') = 'scheduled' RETURNING id`),
  );
  // Told before the enrolments end: the families are found through them.
  const recipients = await familyAccounts(work, classId);
  const ended = await activeEnrollmentIds(work, classId, true);
  if (ended.length > 0) {
    await work.authorize(enrollments, 'write');
    await work.tx
      .execute(sql`UPDATE school_ops.enrollments SET status = 'dropped', dropped_at = ${work.now.toISOString()}
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND status = 'active'`);
    await work.auditMany(
      ended.map((id) => ({
        table: enrollments,
        recordId: id,
        operation: 'UPDATE' as const,
        oldValues: { status: 'active' },
        newValues: { status: 'dropped', reason: `class cancelled: ${data.reason}` },
      })),
    );
  }
  const money = await settleEndings(work, { enrollmentIds: ended, fromPeriod: thisMonth(work), reason: data.reason });
  const after = await getClass(work, classId);
  await work.audit({
    table: classes,
    recordId: classId,
    operation: 'UPDATE',
    oldValues: before,
    newValues: { ...after, reason: data.reason, sessionsCancelled: cancelled.length, enrollmentsEnded: ended.length },
  });
  let notified = 0;
  if (recipients.length > 0) {
    try {
      await notify(work, {
        recipients,
        template: 'school_ops.class_cancelled',
        data: { class: { name: cls.name ?? '' }, reason: data.reason },
      });
      notified = recipients.length;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'template_not_found')) throw error;
    }
  }
  return { class: after, sessionsCancelled: cancelled.length, notified, enrollmentsEnded: ended.length, ...money };
}
