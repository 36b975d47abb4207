/**
 * What billing reads from school operations: the active enrollments of an organization, with the
 * student, who pays (the student's primary parent, else any parent, else the student), and whether
 * another child of the same family also has an active enrollment (the sibling rule).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import type { Work } from '../../platform/service/work.js';

export interface BillableEnrollment {
  enrollmentId: string;
  studentId: string;
  studentName: string;
  classId: string;
  className: string | null;
  payerId: string;
  /** Another child of one of this student's parents has an active enrollment. */
  hasActiveSibling: boolean;
}

export async function activeEnrollmentsForBilling(
  work: Work,
  query: { organizationId: string; studentIds?: readonly string[] },
): Promise<BillableEnrollment[]> {
  const only = query.studentIds
    ? sql`AND e.user_id IN (${sql.join(
        query.studentIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const result = await work.tx.execute(sql`
    WITH active AS (
      SELECT e.id, e.user_id, e.class_id, c.name AS class_name
        FROM school_ops.enrollments e
        JOIN school_ops.classes c ON c.tenant_id = e.tenant_id AND c.id = e.class_id
       WHERE e.tenant_id = ${work.tenantId} AND c.organization_id = ${query.organizationId}
         AND e.status = 'active' ${only}
    )
    SELECT a.id, a.user_id, a.class_id, a.class_name,
           trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS student_name,
           coalesce((SELECT f.parent_id FROM core.families f
                      WHERE f.tenant_id = ${work.tenantId} AND f.child_id = a.user_id
                      ORDER BY f.is_primary DESC NULLS LAST, f.created_at, f.id LIMIT 1), a.user_id) AS payer_id,
           EXISTS (SELECT 1 FROM core.families mine
                     JOIN core.families other ON other.tenant_id = mine.tenant_id AND other.parent_id = mine.parent_id
                                             AND other.child_id <> mine.child_id
                     JOIN school_ops.enrollments oe ON oe.tenant_id = other.tenant_id AND oe.user_id = other.child_id
                                                   AND oe.status = 'active'
                    WHERE mine.tenant_id = ${work.tenantId} AND mine.child_id = a.user_id) AS has_active_sibling
      FROM active a
      JOIN core.users u ON u.tenant_id = ${work.tenantId} AND u.id = a.user_id
     ORDER BY a.id`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    enrollmentId: String(r.id),
    studentId: String(r.user_id),
    studentName: String(r.student_name),
    classId: String(r.class_id),
    className: (r.class_name as string | null) ?? null,
    payerId: String(r.payer_id),
    hasActiveSibling: r.has_active_sibling === true || r.has_active_sibling === 't',
  }));
}
