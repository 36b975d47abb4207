/**
 * The demo district the policy engine's tests decide over (src/platform/auth/policy*.test.ts): two
 * schools, a teacher with a section, students in and out of it, classroom sessions and a parent
 * linked to a child — each fact read from the seeded world, never assumed — and a way to ask the
 * engine as any principal with the default policies and the real relationships.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { currentSchoolYear, DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { defaultPolicies, loadPolicies, seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import { decide, type AccessRequest, type Decision, type PolicyRow } from '../../src/platform/auth/policy.js';
import { createRelationshipResolver } from '../../src/platform/auth/relationships.js';
import type { Principal, Role } from '../../src/platform/auth/roles.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { migratedDatabase, type TestDatabase } from './db.js';

// 20 November inside the demo's school year, which follows today (currentSchoolYear): never a fixed year.
const NOW = new Date(Date.UTC(currentSchoolYear() - 1, 10, 20, 12));

export interface PolicyWorld {
  database: TestDatabase;
  tenantId: string;
  S1: number;
  S2: number;
  teacherUsi: number;
  /** In one of the teacher's sections, school S1. */
  ownStudent: number;
  /** School S1, not in the teacher's sections. */
  sameSchoolStudent: number;
  /** School S2. */
  otherSchoolStudent: number;
  section: { sectionIdentifier: string; localCourseCode: string; schoolId: number; schoolYear: number };
  ownSession: { id: string; teacherId: string; studentId: string };
  otherSessionId: string;
  parentAccount: string;
  /** A user of the district with these roles (a fresh actor id unless given). */
  principal(roles: string[], extra?: Partial<Principal>): Principal;
  /** The engine's decision, under the stored policies (or `policies`). */
  ask(who: Principal, request: AccessRequest, policies?: PolicyRow[]): Promise<Decision>;
  dispose(): Promise<void>;
}

export const read = (table: string, subject?: AccessRequest['subject'], justification?: string): AccessRequest => ({
  action: 'read',
  table,
  subject,
  justification,
});
export const write = (table: string, subject?: AccessRequest['subject']): AccessRequest => ({
  action: 'write',
  table,
  subject,
});

export async function openPolicyWorld(): Promise<PolicyWorld> {
  const database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 40,
    schools: 2,
    sectionsPerSchool: 9,
    languageSchoolStudents: 8,
  });
  const tenantId = demo.districtTenantId;
  // seedDemo seeded the default policies of its tenants; seeding again adds nothing (idempotent).
  expect(await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId))).toBe(0);
  const stored = await database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM compliance.data_access_controls WHERE tenant_id = $1',
    [tenantId],
  );
  expect(stored[0]!.n).toBe(defaultPolicies().length);

  // Facts of the demo world, read as the owner connection (test setup only).
  const [S1, S2] = (await database.query<{ id: number }>('SELECT schoolid AS id FROM edfi.school ORDER BY 1')).map(
    (r) => r.id,
  ) as [number, number];
  const sta = (
    await database.query<{
      staffusi: number;
      sectionidentifier: string;
      localcoursecode: string;
      schoolid: number;
      schoolyear: number;
    }>(
      'SELECT staffusi, sectionidentifier, localcoursecode, schoolid, schoolyear FROM edfi.staffsectionassociation ' +
        'WHERE schoolid = $1 ORDER BY staffusi, sectionidentifier LIMIT 1',
      [S1],
    )
  )[0]!;
  const teacherUsi = sta.staffusi;
  const section = {
    sectionIdentifier: sta.sectionidentifier,
    localCourseCode: sta.localcoursecode,
    schoolId: sta.schoolid,
    schoolYear: sta.schoolyear,
  };
  const taught =
    `SELECT ssa.studentusi FROM edfi.studentsectionassociation ssa JOIN edfi.staffsectionassociation sta
                    USING (tenant_id, sectionidentifier, localcoursecode, schoolid, schoolyear) WHERE sta.staffusi = ` +
    `$1`;
  const ownStudent = (await database.query<{ studentusi: number }>(`${taught} ORDER BY 1 LIMIT 1`, [teacherUsi]))[0]!
    .studentusi;
  const sameSchoolStudent = (
    await database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.studentschoolassociation WHERE schoolid = $1
        AND studentusi NOT IN (${taught.replace('$1', '$2')}) ORDER BY 1 LIMIT 1`,
      [S1, teacherUsi],
    )
  )[0]!.studentusi;
  const otherSchoolStudent = (
    await database.query<{ studentusi: number }>(
      'SELECT studentusi FROM edfi.studentschoolassociation WHERE schoolid = $1 ORDER BY 1 LIMIT 1',
      [S2],
    )
  )[0]!.studentusi;
  const sessions = await database.query<{ id: string; teacher_id: string; student_id: string }>(
    `SELECT cs.id, cs.teacher_id, (SELECT m.student_id FROM sessions.student_group_members m WHERE m.session_id = cs.id
      LIMIT 1) AS student_id
       FROM sessions.classroom_sessions cs ORDER BY cs.scheduled_start`,
  );
  const ownSession = { id: sessions[0]!.id, teacherId: sessions[0]!.teacher_id, studentId: sessions[0]!.student_id };
  const otherSessionId = sessions.find((s) => s.teacher_id !== ownSession.teacherId)!.id;
  const parentAccount = (
    await database.query<{ id: string }>(
      `INSERT INTO identity.accounts (tenant_id, email, display_name, roles)
        VALUES ($1, 'parent@example.org', 'A parent', ARRAY['parent']) RETURNING id`,
      [tenantId],
    )
  )[0]!.id;
  await database.query(
    'INSERT INTO identity.account_students (tenant_id, account_id, student_usi, relation) VALUES ($1, $2, $3, $4)',
    [tenantId, parentAccount, ownStudent, 'parent'],
  );

  const principal = (roles: string[], extra: Partial<Principal> = {}): Principal => ({
    kind: 'user',
    tenantId,
    actorId: randomUUID(),
    roles: roles as Role[],
    scopes: [],
    ...extra,
  });
  const ask = (who: Principal, request: AccessRequest, policies?: PolicyRow[]): Promise<Decision> =>
    tenantTransaction(database, tenantId, async ({ tx }) =>
      decide(who, request, {
        policies: policies ?? (await loadPolicies(tx)),
        relationships: createRelationshipResolver(tx),
        now: NOW,
      }),
    );
  return {
    database,
    tenantId,
    S1,
    S2,
    teacherUsi,
    ownStudent,
    sameSchoolStudent,
    otherSchoolStudent,
    section,
    ownSession,
    otherSessionId,
    parentAccount,
    principal,
    ask,
    dispose: () => database.dispose(),
  };
}
