/**
 * Facts of the harness's demo language school for the school-ops, curriculum and CRM tests: its
 * organization, a term of fixed dates (2026/1) of the tests' own, a course, teachers and rooms,
 * principals of its roles, and a way to add students and free-standing classes (with no schedule, so
 * tests do not collide with the demo's).
 */
import { ulid } from 'ulid';
import type { Principal, Role } from '../../src/platform/auth/roles.js';
import type { DomainHarness } from './domain.js';

export interface LanguageSchool {
  tenantId: string;
  organizationId: string;
  termId: string;
  courseTypeId: string;
  teachers: string[];
  rooms: { id: string; capacity: number }[];
  office: Principal;
  teacher(coreUserId: string): Principal;
  as(roles: Role[], coreUserId?: string): Principal;
  addStudents(n: number): Promise<string[]>;
  addTeacher(): Promise<string>;
  addRoom(capacity?: number): Promise<string>;
}

export async function languageSchool(h: DomainHarness): Promise<LanguageSchool> {
  const tenantId = h.demo.languageSchoolTenantId;
  const q = <T>(sql: string, params: unknown[] = []) => h.database.query<T>(sql, [tenantId, ...params]);
  const [org] = await q<{ id: string }>('SELECT id FROM core.organizations WHERE tenant_id = $1');
  // A term of the tests' own, with fixed dates (the demo's term follows today): the dates the tests name stay in it.
  const [term] = await q<{ id: string }>(
    `INSERT INTO school_ops.terms (tenant_id, id, organization_id, name, start_date, end_date, is_current)
     SELECT $1, 'test-term-2026-1', id, 'Test 2026/1', '2026-02-02', '2026-06-30', false
       FROM core.organizations WHERE tenant_id = $1 ORDER BY id LIMIT 1
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  const [course] = await q<{ id: string }>(
    "SELECT id FROM curriculum.course_types WHERE tenant_id = $1 AND code = 'english'",
  );
  const teachers = await q<{ id: string }>(
    "SELECT id FROM core.users WHERE tenant_id = $1 AND role = 'teacher' ORDER BY id",
  );
  const rooms = await q<{ id: string; capacity: number }>(
    'SELECT id, capacity FROM school_ops.rooms WHERE tenant_id = $1 ORDER BY id',
  );
  const as = (roles: Role[], coreUserId?: string): Principal =>
    h.principal(roles, { tenantId, ...(coreUserId ? { person: { coreUserId } } : {}) });
  let n = 0;
  const addUser = async (role: string) => {
    const id = ulid();
    n += 1;
    await q(
      `INSERT INTO core.users (tenant_id, id, organization_id, role, first_name, last_name, email, is_active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, true)`,
      [id, org!.id, role, `Test${role}`, `N${n}`, `${role}.${id.toLowerCase()}@example.test`],
    );
    return id;
  };
  return {
    tenantId,
    organizationId: org!.id,
    termId: term!.id,
    courseTypeId: course!.id,
    teachers: teachers.map((t) => t.id),
    rooms,
    office: as(['admissions']),
    teacher: (id) => as(['teacher'], id),
    as,
    async addStudents(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) ids.push(await addUser('student'));
      return ids;
    },
    addTeacher: () => addUser('teacher'),
    async addRoom(capacity = 30) {
      const id = ulid();
      await q(
        'INSERT INTO school_ops.rooms (tenant_id, id, organization_id, name, capacity) VALUES ($1, $2, $3, $4, $5)',
        [id, org!.id, `Room ${id.slice(-4)}`, capacity],
      );
      return id;
    },
  };
}
