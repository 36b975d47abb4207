/**
 * The generated API under the real policy engine and audit trail: each role reaches exactly the
 * rows its relationships allow (lists are confined, single records outside reach are 404/403),
 * and sensitive reads and student-record writes leave audit rows in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policyGuard } from '../../src/platform/api/policy-guard.js';
import { platformAuditor } from '../../src/platform/api/platform-auditor.js';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { apiApp } from '../support/api.js';

let database: TestDatabase;
let app: FastifyInstance;
let tenant: string;
let principal: Principal;
let teacherStaffUsi: number;
let teacherStudents: number[];
let otherStudent: number;
let schoolOne: number;
let schoolTwo: number;

const as = (p: Partial<Principal> & Pick<Principal, 'roles'>) => {
  principal = { kind: 'user', tenantId: tenant, actorId: randomUUID(), scopes: [], ...p };
};

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 60,
    schools: 2,
    sectionsPerSchool: 6,
    languageSchoolStudents: 4,
  });
  tenant = demo.districtTenantId;
  await tenantTransaction(database, tenant, ({ tx }) => seedDefaultPolicies(tx, tenant));
  const schools = await database.query<{ schoolid: number }>(
    `SELECT schoolid FROM edfi.school WHERE tenant_id = $1 ORDER BY schoolid`,
    [tenant],
  );
  [schoolOne, schoolTwo] = schools.map((s) => s.schoolid) as [number, number];
  const staff = await database.query<{ staffusi: number }>(
    `SELECT staffusi FROM edfi.staffsectionassociation WHERE tenant_id = $1 AND schoolid = $2 ORDER BY staffusi
      LIMIT 1`,
    [tenant, schoolOne],
  );
  teacherStaffUsi = staff[0]!.staffusi;
  teacherStudents = (
    await database.query<{ studentusi: number }>(
      `SELECT DISTINCT ssa.studentusi FROM edfi.studentsectionassociation ssa JOIN edfi.staffsectionassociation st
         ON (st.tenant_id, st.sectionidentifier, st.localcoursecode, st.schoolid, st.schoolyear) = (ssa.tenant_id,
           ssa.sectionidentifier, ssa.localcoursecode, ssa.schoolid, ssa.schoolyear)
       WHERE st.tenant_id = $1 AND st.staffusi = $2 ORDER BY 1`,
      [tenant, teacherStaffUsi],
    )
  ).map((r) => r.studentusi);
  otherStudent = (
    await database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid = $2 LIMIT 1`,
      [tenant, schoolTwo],
    )
  )[0]!.studentusi;
  // Only these two allergies (the demo's own are removed): the lists below name exactly whose they are.
  await database.query('DELETE FROM health.allergies WHERE tenant_id = $1', [tenant]);
  await database.query(
    `INSERT INTO health.allergies (tenant_id, student_usi, allergen_name, severity)
      VALUES ($1, $2, 'Peanuts', 'severe'), ($1, $3, 'Bees', 'mild')`,
    [tenant, teacherStudents[0], otherStudent],
  );
  app = await apiApp(database, { principal: () => principal, guard: policyGuard, auditor: platformAuditor });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const ids = (body: { data: { studentUSI?: number; studentUsi?: number }[] }) =>
  body.data.map((r) => r.studentUSI ?? r.studentUsi).sort((a, b) => a! - b!);

describe('API authorization by role and relationship', () => {
  it('a district admin lists the whole district', async () => {
    as({ roles: ['district_admin'] });
    expect((await app.inject({ url: '/api/v1/edfi/student?limit=1' })).json().page.total).toBe(60);
  });

  it('a teacher lists only the students of their own sections, and cannot open another student', async () => {
    as({ roles: ['teacher'], person: { edfiStaffUSI: teacherStaffUsi } });
    const list = await app.inject({ url: '/api/v1/edfi/student?limit=500' });
    expect(list.statusCode).toBe(200);
    expect(ids(list.json())).toEqual(teacherStudents);
    expect((await app.inject({ url: `/api/v1/edfi/student/${teacherStudents[0]}` })).statusCode).toBe(200);
    expect((await app.inject({ url: `/api/v1/edfi/student/${otherStudent}` })).statusCode).toBe(404);
    // Health records: only those of the teacher's own students (an allergy matters in class).
    const health = await app.inject({ url: '/api/v1/health/allergies' });
    expect(health.statusCode).toBe(200);
    expect(ids(health.json())).toEqual([teacherStudents[0]]);
    expect((await app.inject({ url: '/api/v1/health/medications' })).statusCode).toBe(403);
    // Special education plans are not the teacher's to change.
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/specialed/iep',
          payload: { studentUsi: teacherStudents[0], schoolId: schoolOne, effectiveDate: '2026-09-01' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('a nurse reads health records of their school only, and each read is audited', async () => {
    as({ roles: ['nurse'], schoolIds: [schoolOne] });
    const before = (
      await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'SELECT'`,
        [tenant],
      )
    )[0]!.n;
    const list = await app.inject({ url: '/api/v1/health/allergies' });
    expect(list.statusCode).toBe(200);
    expect(ids(list.json())).toEqual([teacherStudents[0]]);
    const after = await database.query<{ table_name: string; data_categories: string[] }>(
      `SELECT table_name, data_categories FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'SELECT'
        ORDER BY tenant_seq DESC LIMIT 1`,
      [tenant],
    );
    expect(
      (
        await database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND operation = 'SELECT'`,
          [tenant],
        )
      )[0]!.n,
    ).toBe(before + 1);
    expect(after[0]!.table_name).toBe('health.allergies');
    expect(after[0]!.data_categories).toContain('health');
  });

  it('a nurse cannot write a health record for a student of another school', async () => {
    as({ roles: ['nurse'], schoolIds: [schoolOne] });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/health/allergies',
      payload: { studentUsi: otherStudent, allergenName: 'Latex' },
    });
    expect(refused.statusCode).toBe(403);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/health/allergies',
      payload: { studentUsi: teacherStudents[0], allergenName: 'Latex' },
    });
    expect(ok.statusCode).toBe(201);
    const audit = await database.query<{ operation: string; new_values: { allergenName: string } }>(
      `SELECT operation, new_values FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'health.allergies'
        AND operation = 'INSERT'`,
      [tenant],
    );
    expect(audit.map((a) => a.new_values.allergenName)).toEqual(['Latex']);
  });

  it('a parent sees only their own child', async () => {
    const account = randomUUID();
    await database.query(
      `INSERT INTO identity.accounts (tenant_id, id, email, display_name, roles)
        VALUES ($1, $2, 'parent@example.org', 'P', '{parent}')`,
      [tenant, account],
    );
    await database.query(
      `INSERT INTO identity.account_students (tenant_id, account_id, student_usi) VALUES ($1, $2, $3)`,
      [tenant, account, otherStudent],
    );
    as({ roles: ['parent'], actorId: account });
    expect(ids((await app.inject({ url: '/api/v1/edfi/student' })).json())).toEqual([otherStudent]);
    expect((await app.inject({ url: `/api/v1/edfi/student/${teacherStudents[0]}` })).statusCode).toBe(404);
  });

  it('nobody signed in → 401; an unknown role → 403', async () => {
    principal = undefined as unknown as Principal;
    expect((await app.inject({ url: '/api/v1/edfi/student' })).statusCode).toBe(401);
    as({ roles: [] });
    expect((await app.inject({ url: '/api/v1/edfi/student' })).statusCode).toBe(403);
  });
});
