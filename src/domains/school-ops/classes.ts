/**
 * Class groups and enrolments. A class never holds more active students than `max_students`, also
 * under concurrent enrolments: every enrolment into a class first locks that class's row
 * (`SELECT … FOR UPDATE`), so the count it checks cannot change before it inserts; a partial unique
 * index keeps one active enrolment per student and class.
 */
import { and, eq, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { coreUserOf, isOffice, notFound } from './access.js';
import { schoolOpsErrors } from './errors.js';
import {
  createClassInput,
  enrollInput,
  type ClassView,
  type CreateClassInput,
  type EnrollmentView,
} from './schemas.js';
import { classes, enrollments, rooms, terms } from './tables.js';

type ClassRow = typeof classes.$inferSelect;

const CLASS_SELECT = sql`
  SELECT c.id, c.name, c.term_id, c.level_id, l.code AS level_code, ct.name AS course_name, c.teacher_id,
         NULLIF(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), '') AS teacher_name,
         c.room_id, r.name AS room_name, coalesce(c.max_students, 0) AS max_students,
         (SELECT count(*)::int FROM school_ops.enrollments e
           WHERE e.tenant_id = c.tenant_id AND e.class_id = c.id AND e.status = 'active') AS enrolled,
         coalesce(c.is_active, true) AS is_active
    FROM school_ops.classes c
    LEFT JOIN curriculum.levels l ON l.tenant_id = c.tenant_id AND l.id = c.level_id
    LEFT JOIN curriculum.course_types ct ON ct.tenant_id = l.tenant_id AND ct.id = l.course_type_id
    LEFT JOIN core.users u ON u.tenant_id = c.tenant_id AND u.id = c.teacher_id
    LEFT JOIN school_ops.rooms r ON r.tenant_id = c.tenant_id AND r.id = c.room_id`;

type Raw = Record<string, unknown>;
const s = (v: unknown) => (v == null ? null : String(v));

function classView(r: Raw): ClassView {
  return {
    id: String(r.id),
    name: s(r.name),
    termId: s(r.term_id),
    levelId: s(r.level_id),
    levelCode: s(r.level_code),
    courseName: s(r.course_name),
    teacherId: s(r.teacher_id),
    teacherName: s(r.teacher_name),
    roomId: s(r.room_id),
    roomName: s(r.room_name),
    maxStudents: Number(r.max_students),
    enrolled: Number(r.enrolled),
    isActive: Boolean(r.is_active),
  };
}

export async function getClass(work: Work, classId: string): Promise<ClassView> {
  await work.authorize(classes, 'read');
  const [row] = rowsOf<Raw>(
    await work.tx.execute(sql`${CLASS_SELECT} WHERE c.tenant_id = ${work.tenantId} AND c.id = ${classId}`),
  );
  if (!row) throw notFound('class', classId);
  return classView(row);
}

/** Every class (office), or a teacher's own classes (`mine`, or always for a teacher-only principal). */
export async function listClasses(work: Work, options: { mine?: boolean } = {}): Promise<ClassView[]> {
  await work.authorize(classes, 'read');
  const me = coreUserOf(work);
  const onlyMine = options.mine || !isOffice(work);
  if (onlyMine && !me) return [];
  const rows = rowsOf<Raw>(
    await work.tx.execute(sql`${CLASS_SELECT} WHERE c.tenant_id = ${work.tenantId}
      ${onlyMine ? sql`AND c.teacher_id = ${me}` : sql``} ORDER BY c.name, c.id`),
  );
  return rows.map(classView);
}

/** Opens a class group of a CEFR level of a course in a term. */
export async function createClass(work: Work, input: CreateClassInput): Promise<ClassView> {
  const data = parseInput(createClassInput, input);
  await work.authorize(classes, 'write');
  const [term] = await work.tx
    .select()
    .from(terms)
    .where(and(eq(terms.tenantId, work.tenantId), eq(terms.id, data.termId)));
  if (!term) throw AppError.validation({ termId: ['is not a term of this school'] });
  const [level] = rowsOf<{ id: string }>(
    await work.tx.execute(sql`SELECT l.id FROM curriculum.levels l
      WHERE l.tenant_id = ${work.tenantId} AND l.course_type_id = ${data.courseTypeId} AND l.code = ${data.levelCode}`),
  );
  if (!level) throw AppError.validation({ levelCode: [`the course has no level ${data.levelCode}`] });
  if (data.teacherId) {
    const [t] = rowsOf<{ role: string }>(
      await work.tx.execute(
        sql`SELECT role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${data.teacherId}`,
      ),
    );
    if (t?.role !== 'teacher') throw AppError.validation({ teacherId: ['is not a teacher of this school'] });
  }
  if (data.roomId) {
    const [room] = await work.tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.tenantId, work.tenantId), eq(rooms.id, data.roomId)));
    if (!room) throw AppError.validation({ roomId: ['is not a room of this school'] });
    if (room.capacity != null && data.maxStudents > room.capacity)
      throw AppError.validation({ maxStudents: [`must not exceed the room's ${room.capacity} seats`] });
  }
  const id = ulid();
  await work.tx.insert(classes).values({
    tenantId: work.tenantId,
    id,
    organizationId: term.organizationId,
    termId: term.id,
    levelId: level.id,
    teacherId: data.teacherId ?? null,
    roomId: data.roomId ?? null,
    name: data.name,
    maxStudents: data.maxStudents,
    isActive: true,
  });
  const view = await getClass(work, id);
  await work.audit({ table: classes, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

/** The class row, locked until the unit of work ends (enrolments and trial bookings queue on it). */
export async function lockClass(work: Work, classId: string): Promise<ClassRow> {
  const [row] = await work.tx
    .select()
    .from(classes)
    .where(and(eq(classes.tenantId, work.tenantId), eq(classes.id, classId)))
    .for('update');
  if (!row) throw notFound('class', classId);
  if (row.isActive === false) throw schoolOpsErrors.class_inactive(`Class "${row.name}" is not active.`);
  return row;
}

export async function activeEnrollmentCount(work: Work, classId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await work.tx.execute(sql`SELECT count(*)::int AS n FROM school_ops.enrollments
      WHERE tenant_id = ${work.tenantId} AND class_id = ${classId} AND status = 'active'`),
  );
  return row?.n ?? 0;
}

async function enrollmentView(work: Work, id: string): Promise<EnrollmentView> {
  const [r] = rowsOf<Raw>(
    await work.tx.execute(sql`SELECT e.id, e.class_id, e.user_id, e.status, e.enrolled_at, c.name AS class_name,
        trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS student_name
      FROM school_ops.enrollments e
      JOIN school_ops.classes c ON c.tenant_id = e.tenant_id AND c.id = e.class_id
      JOIN core.users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
     WHERE e.tenant_id = ${work.tenantId} AND e.id = ${id}`),
  );
  if (!r) throw notFound('enrollment', id);
  return toEnrollmentView(r);
}

function toEnrollmentView(r: Raw): EnrollmentView {
  return {
    id: String(r.id),
    classId: String(r.class_id),
    studentId: String(r.user_id),
    studentName: s(r.student_name),
    className: s(r.class_name),
    status: String(r.status ?? 'active'),
    enrolledAt: r.enrolled_at == null ? null : new Date(r.enrolled_at as string).toISOString(),
  };
}

/**
 * Enrols a student in a class: 409 `class_full` when its seats are taken, `already_enrolled` when the
 * student is already in it. Also what a lead's conversion calls (same unit of work).
 */
export async function enroll(work: Work, classId: string, input: { studentId: string }): Promise<EnrollmentView> {
  const data = parseInput(enrollInput, input);
  await work.authorize(enrollments, 'write');
  const cls = await lockClass(work, classId);
  const [student] = rowsOf<{ role: string }>(
    await work.tx.execute(
      sql`SELECT role FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${data.studentId}`,
    ),
  );
  if (student?.role !== 'student') throw AppError.validation({ studentId: ['is not a student of this school'] });
  const [already] = await work.tx
    .select({ id: enrollments.id })
    .from(enrollments)
    .where(
      and(
        eq(enrollments.tenantId, work.tenantId),
        eq(enrollments.classId, classId),
        eq(enrollments.userId, data.studentId),
        eq(enrollments.status, 'active'),
      ),
    );
  if (already) throw schoolOpsErrors.already_enrolled(`The student is already enrolled in "${cls.name}".`);
  const taken = await activeEnrollmentCount(work, classId);
  const seats = cls.maxStudents ?? 0;
  if (taken >= seats)
    throw schoolOpsErrors.class_full(`"${cls.name}" has all its ${seats} seats taken.`, { seats, taken });
  const id = ulid();
  await work.tx.insert(enrollments).values({
    tenantId: work.tenantId,
    id,
    userId: data.studentId,
    classId,
    enrolledAt: work.now,
    status: 'active',
  });
  const view = await enrollmentView(work, id);
  await work.audit({ table: enrollments, recordId: id, operation: 'INSERT', newValues: view });
  return view;
}

/** Ends an active enrolment (the seat is free again). */
export async function dropEnrollment(work: Work, enrollmentId: string): Promise<EnrollmentView> {
  await work.authorize(enrollments, 'write');
  const [row] = await work.tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.tenantId, work.tenantId), eq(enrollments.id, enrollmentId)))
    .for('update');
  if (!row) throw notFound('enrollment', enrollmentId);
  if (row.status !== 'active') throw schoolOpsErrors.enrollment_closed(`The enrollment is ${row.status}.`);
  const before = await enrollmentView(work, enrollmentId);
  await work.tx
    .update(enrollments)
    .set({ status: 'dropped', droppedAt: work.now })
    .where(and(eq(enrollments.tenantId, work.tenantId), eq(enrollments.id, enrollmentId)));
  const after = await enrollmentView(work, enrollmentId);
  await work.audit({
    table: enrollments,
    recordId: enrollmentId,
    operation: 'UPDATE',
    oldValues: before,
    newValues: after,
  });
  return after;
}

/** Enrolments, newest first (optionally of one class or one status). */
export async function listEnrollments(
  work: Work,
  filter: { classId?: string; status?: string } = {},
): Promise<EnrollmentView[]> {
  await work.authorize(enrollments, 'read');
  const rows = rowsOf<Raw>(
    await work.tx.execute(sql`SELECT e.id, e.class_id, e.user_id, e.status, e.enrolled_at, c.name AS class_name,
        trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS student_name
      FROM school_ops.enrollments e
      JOIN school_ops.classes c ON c.tenant_id = e.tenant_id AND c.id = e.class_id
      JOIN core.users u ON u.tenant_id = e.tenant_id AND u.id = e.user_id
     WHERE e.tenant_id = ${work.tenantId}
       ${filter.classId ? sql`AND e.class_id = ${filter.classId}` : sql``}
       ${filter.status ? sql`AND e.status = ${filter.status}` : sql``}
     ORDER BY e.enrolled_at DESC NULLS LAST, e.id LIMIT 500`),
  );
  return rows.map(toEnrollmentView);
}
