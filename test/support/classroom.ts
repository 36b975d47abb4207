/**
 * Live-classroom test helpers over the domain harness: a teacher of the demo district (linked to
 * its users.teachers row), that teacher's school roster, and a session plan with n groups.
 */
import type { Principal } from '../../src/platform/auth/roles.js';
import type { Database } from '../../src/platform/db/database.js';
import type { DomainHarness } from './domain.js';

export interface ClassroomWorld {
  teacher: Principal;
  teacherId: string;
  otherTeacher: Principal;
  /** users.students of the teacher's school. */
  roster: { id: string; name: string; email: string | null }[];
  /** The teacher's Ed-Fi school id (a school admin bound to it sees the sessions). */
  edfiSchoolId: number;
  otherEdfiSchoolId: number;
}

export async function classroomWorld(h: DomainHarness): Promise<ClassroomWorld> {
  const tenant = h.demo.districtTenantId;
  const teachers = await h.database.query<{ id: string; school_id: string; edfi_school_id: number }>(
    `SELECT t.id, t.school_id, s.edfi_school_id FROM users.teachers t JOIN users.schools s ON s.tenant_id = t.tenant_id
      AND s.id = t.school_id
      WHERE t.tenant_id = $1 ORDER BY s.edfi_school_id, t.name`,
    [tenant],
  );
  const first = teachers[0]!;
  const other = teachers.find((t) => t.edfi_school_id !== first.edfi_school_id) ?? teachers[1]!;
  const roster = await h.database.query<{ id: string; name: string; email: string | null }>(
    `SELECT id, name, email FROM users.students WHERE tenant_id = $1 AND school_id = $2 ORDER BY name`,
    [tenant, first.school_id],
  );
  return {
    teacher: h.principal(['teacher'], { person: { classroomTeacherId: first.id } }),
    teacherId: first.id,
    otherTeacher: h.principal(['teacher'], { person: { classroomTeacherId: other.id } }),
    roster,
    edfiSchoolId: first.edfi_school_id,
    otherEdfiSchoolId: other.edfi_school_id,
  };
}

/** A plan of `groups` groups, `perGroup` roster students each (the first leads), from roster offset `from`. */
export function plan(world: ClassroomWorld, groups: number, perGroup = 2, from = 0, extra: object = {}) {
  return {
    topic: 'Is 0.999… equal to 1?',
    goal: 'Compare two proofs',
    subject: 'Mathematics',
    groups: Array.from({ length: groups }, (_, g) => {
      const members = world.roster.slice(from + g * perGroup, from + (g + 1) * perGroup).map((s) => s.id);
      return { name: `Group ${g + 1}`, leaderId: members[0]!, memberIds: members.slice(1) };
    }),
    ...extra,
  };
}

export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

/** Students of the demo teacher's school (the live tests' group leaders), in id order. */
export async function demoTeacherStudents(database: Database, count: number): Promise<string[]> {
  const rows = await database.query<{ id: string }>(
    `SELECT st.id FROM users.students st
       JOIN users.teachers t ON t.tenant_id = st.tenant_id AND t.school_id = st.school_id
       JOIN identity.accounts a ON a.classroom_teacher_id = t.id AND a.email = 'teacher@demo-district.schola.dev'
      ORDER BY st.id LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.id);
}
