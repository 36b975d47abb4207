/**
 * Transferring an enrolment to another class of the same course: from an active enrolment, or from one
 * a class cancellation ended. The old enrolment becomes `transferred`; the new one is made by `enroll`,
 * which locks the target class row and counts its seats under that lock, so simultaneous transfers into
 * the last seat queue on it and all but one get 409 `class_full`.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { notFound } from './access.js';
import { enroll } from './classes.js';
import { schoolOpsErrors } from './errors.js';
import { transferInput, type EnrollmentView, type TransferInput } from './schemas.js';
import { enrollments } from './tables.js';

export async function transferEnrollment(
  work: Work,
  enrollmentId: string,
  input: TransferInput,
): Promise<{ from: { id: string; status: string }; to: EnrollmentView }> {
  const data = parseInput(transferInput, input);
  await work.authorize(enrollments, 'write');
  const [row] = await work.tx
    .select()
    .from(enrollments)
    .where(and(eq(enrollments.tenantId, work.tenantId), eq(enrollments.id, enrollmentId)))
    .for('update');
  if (!row) throw notFound('enrollment', enrollmentId);
  const [courses] = rowsOf<{ from_active: boolean | null; from_course: string | null; to_course: string | null }>(
    await work.tx.execute(sql`SELECT f.is_active AS from_active, fl.course_type_id AS from_course,
        (SELECT tl.course_type_id FROM school_ops.classes t
           LEFT JOIN curriculum.levels tl ON tl.tenant_id = t.tenant_id AND tl.id = t.level_id
          WHERE t.tenant_id = ${work.tenantId} AND t.id = ${data.classId}) AS to_course
      FROM school_ops.classes f
      LEFT JOIN curriculum.levels fl ON fl.tenant_id = f.tenant_id AND fl.id = f.level_id
     WHERE f.tenant_id = ${work.tenantId} AND f.id = ${row.classId}`),
  );
  // Active, or ended by its class's cancellation (dropped from a class no longer active).
  const endedByCancellation = row.status === 'dropped' && courses?.from_active === false;
  if (row.status !== 'active' && !endedByCancellation)
    throw schoolOpsErrors.enrollment_closed(`The enrollment is ${row.status}: it cannot be transferred.`);
  if (data.classId === row.classId)
    throw AppError.validation({ classId: ['must be another class than the current one'] });
  if (!courses?.to_course || courses.to_course !== courses.from_course)
    throw AppError.validation({ classId: ['must be a class of the same course'] });
  await work.tx
    .update(enrollments)
    .set({ status: 'transferred', droppedAt: row.droppedAt ?? work.now })
    .where(and(eq(enrollments.tenantId, work.tenantId), eq(enrollments.id, enrollmentId)));
  await work.audit({
    table: enrollments,
    recordId: enrollmentId,
    operation: 'UPDATE',
    oldValues: { status: row.status },
    newValues: { status: 'transferred', toClassId: data.classId },
  });
  const to = await enroll(work, data.classId, { studentId: row.userId });
  return { from: { id: enrollmentId, status: 'transferred' }, to };
}
