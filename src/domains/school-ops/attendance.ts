/**
 * Attendance per class session, taken by the class's teacher (or the office): only for students
 * enrolled in the class; submitting again replaces the session's register (rows of students left out
 * are removed). Submissions of one session queue on its row lock. Taking it may award the
 * "perfect attendance month" badge (curriculum's declared rules).
 */
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { awardRuleBadges, PERFECT_MONTH_MIN_SESSIONS } from '../curriculum/index.js';
import { coreUserOf, isOffice, notFound } from './access.js';
import { schoolOpsErrors } from './errors.js';
import { attendanceInput, type AttendanceInput, type SessionRosterView } from './schemas.js';
import { SESSION_SELECT, sessionView } from './booking.js';
import { attendance, sessions } from './tables.js';

type Raw = Record<string, unknown>;

/** The session (locked when `lock`), after checking the principal teaches its class. */
async function teachersSession(work: Work, sessionId: string, lock: boolean) {
  const [row] = rowsOf<Raw>(
    await work.tx.execute(sql`${SESSION_SELECT} WHERE s.tenant_id = ${work.tenantId} AND s.id = ${sessionId}
      ${lock ? sql`FOR UPDATE OF s` : sql``}`),
  );
  if (!row) throw notFound('class session', sessionId);
  const view = sessionView(row);
  if (!isOffice(work) && (!coreUserOf(work) || view.teacherId !== coreUserOf(work)))
    throw schoolOpsErrors.not_your_class(`"${view.className}" is not one of your classes.`);
  return view;
}

async function enrolledStudents(work: Work, classId: string) {
  return rowsOf<{ id: string; name: string }>(
    await work.tx.execute(sql`SELECT u.id, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS name
      FROM school_ops.enrollments e JOIN core.users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
     WHERE e.tenant_id = ${work.tenantId} AND e.class_id = ${classId} AND e.status = 'active'
     ORDER BY u.first_name, u.last_name, u.id`),
  );
}

/** The register of a session: its enrolled students and what was recorded for each. */
export async function sessionRoster(work: Work, sessionId: string): Promise<SessionRosterView> {
  await work.authorize(attendance, 'read');
  const session = await teachersSession(work, sessionId, false);
  const students = await enrolledStudents(work, session.classId);
  const marks = await work.tx
    .select()
    .from(attendance)
    .where(and(eq(attendance.tenantId, work.tenantId), eq(attendance.sessionId, sessionId)));
  const byStudent = new Map(marks.map((m) => [m.userId, m]));
  return {
    session,
    students: students.map((s) => {
      const mark = byStudent.get(s.id);
      return {
        studentId: s.id,
        name: s.name,
        status: (mark?.status as SessionRosterView['students'][number]['status']) ?? null,
        notes: mark?.notes ?? null,
      };
    }),
  };
}

/** Records (or replaces) the register of a session. */
export async function takeAttendance(
  work: Work,
  sessionId: string,
  input: AttendanceInput,
): Promise<SessionRosterView> {
  const data = parseInput(attendanceInput, input);
  await work.authorize(attendance, 'write');
  const session = await teachersSession(work, sessionId, true);
  if (session.status === 'cancelled') throw schoolOpsErrors.session_cancelled('The session was cancelled.');
  const enrolled = new Set((await enrolledStudents(work, session.classId)).map((s) => s.id));
  const problems: Record<string, string[]> = {};
  const seen = new Set<string>();
  data.entries.forEach((e, i) => {
    if (!enrolled.has(e.studentId)) problems[`entries.${i}.studentId`] = ['is not enrolled in this class'];
    else if (seen.has(e.studentId)) problems[`entries.${i}.studentId`] = ['appears twice'];
    seen.add(e.studentId);
  });
  if (Object.keys(problems).length > 0) throw AppError.validation(problems);

  const before = await work.tx
    .select()
    .from(attendance)
    .where(and(eq(attendance.tenantId, work.tenantId), eq(attendance.sessionId, sessionId)));
  await work.tx
    .delete(attendance)
    .where(and(eq(attendance.tenantId, work.tenantId), eq(attendance.sessionId, sessionId)));
  const at = new Date(`${session.date}T${session.startTime}:00Z`);
  if (data.entries.length > 0) {
    await work.tx.insert(attendance).values(
      data.entries.map((e) => ({
        tenantId: work.tenantId,
        id: ulid(),
        sessionId,
        userId: e.studentId,
        status: e.status,
        notes: e.notes ?? null,
        checkedInAt: e.status === 'present' || e.status === 'late' ? at : null,
      })),
    );
  }
  await work.tx
    .update(sessions)
    .set({ status: 'completed' })
    .where(and(eq(sessions.tenantId, work.tenantId), eq(sessions.id, sessionId)));
  await work.audit({
    table: attendance,
    recordId: sessionId,
    operation: before.length > 0 ? 'UPDATE' : 'INSERT',
    oldValues: before.map((b) => ({ studentId: b.userId, status: b.status })),
    newValues: data.entries.map((e) => ({ studentId: e.studentId, status: e.status })),
  });
  const month = session.date.slice(0, 7);
  for (const e of data.entries.filter((x) => x.status === 'present')) {
    if (await perfectMonth(work, e.studentId, month))
      await awardRuleBadges(work, e.studentId, { perfectAttendanceMonth: month });
  }
  return sessionRoster(work, sessionId);
}

/**
 * Every (not cancelled) session of the student's classes in the month has them present — at least
 * PERFECT_MONTH_MIN_SESSIONS of them, so one lesson is not a perfect month.
 */
async function perfectMonth(work: Work, studentId: string, month: string): Promise<boolean> {
  const first = `${month}-01`;
  const [row] = rowsOf<{ total: number; present: number }>(
    await work.tx
      .execute(sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE a.status = 'present')::int AS present
      FROM school_ops.sessions s
      JOIN school_ops.enrollments e ON e.tenant_id = s.tenant_id AND e.class_id = s.class_id
       AND e.user_id = ${studentId} AND e.status = 'active'
      LEFT JOIN school_ops.attendance a
        ON a.tenant_id = s.tenant_id AND a.session_id = s.id AND a.user_id = ${studentId}
     WHERE s.tenant_id = ${work.tenantId} AND coalesce(s.status, 'scheduled') <> 'cancelled'
       AND s.date >= ${first}::date AND s.date < (${first}::date + interval '1 month')`),
  );
  return !!row && row.total >= PERFECT_MONTH_MIN_SESSIONS && row.present === row.total;
}
