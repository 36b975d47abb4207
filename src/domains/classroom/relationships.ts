/**
 * The live-classroom relationship facts (seed 000), described once for the policy engine (see
 * src/platform/auth/relationships.ts): a teacher runs their sessions, and reaches the students grouped
 * into or participating in them.
 */
import { sql } from 'drizzle-orm';
import type { RelationshipSets } from '../../platform/auth/relationships.js';

export const classroomRelationshipSets: Pick<
  RelationshipSets,
  'classroomSessionsOfTeacher' | 'classroomStudentsOfTeacher'
> = {
  classroomSessionsOfTeacher: (teacherId) =>
    sql`SELECT cs.id FROM sessions.classroom_sessions cs WHERE cs.teacher_id = ${teacherId}::uuid`,
  classroomStudentsOfTeacher: (teacherId) =>
    sql`SELECT m.student_id FROM sessions.student_group_members m
          JOIN sessions.classroom_sessions cs ON cs.tenant_id = m.tenant_id AND cs.id = m.session_id
         WHERE cs.teacher_id = ${teacherId}::uuid
        UNION
        SELECT p.student_id FROM sessions.participants p
          JOIN sessions.classroom_sessions cs ON cs.tenant_id = p.tenant_id AND cs.id = p.session_id
         WHERE cs.teacher_id = ${teacherId}::uuid AND p.student_id IS NOT NULL`,
};
