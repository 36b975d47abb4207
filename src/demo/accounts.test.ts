/**
 * The demo district's sign-in accounts: one per kind of person the access rules tell apart, all
 * signing in with the published demo password; the teacher teaches sections, the parent has a
 * child; `schola start` can print how to sign in as the admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../test/support/db.js';
import { signIn } from '../platform/identity/service.js';
import { DEFAULT_DEMO_SIZE, seedDemo, type DemoSummary } from './seed.js';
import { DEMO_PASSWORD, demoSignInHint } from './accounts.js';

let database: TestDatabase;
let demo: DemoSummary;

beforeAll(async () => {
  database = await migratedDatabase();
  demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 30,
    schools: 2,
    sectionsPerSchool: 3,
    languageSchoolStudents: 5,
  });
});
afterAll(() => database.dispose());

describe('demo accounts', () => {
  it('creates six accounts that sign in with the demo password', async () => {
    expect(demo.credentials.password).toBe('schola-demo-password');
    expect(demo.credentials.accounts.map((a) => [a.email, a.roles.join()])).toEqual([
      ['admin@demo-district.schola.dev', 'district_admin'],
      ['school-admin@demo-district.schola.dev', 'school_admin'],
      ['teacher@demo-district.schola.dev', 'teacher'],
      ['nurse@demo-district.schola.dev', 'nurse'],
      ['parent@demo-district.schola.dev', 'parent'],
      ['auditor@demo-district.schola.dev', 'auditor'],
    ]);
    for (const { email } of demo.credentials.accounts) {
      const session = await signIn(database, { tenant: 'demo-district', email, password: DEMO_PASSWORD });
      expect(session.account.tenantId).toBe(demo.districtTenantId);
    }
    expect(demo.describe()).toMatch(
      /6 demo accounts \(e\.g\. admin@demo-district\.schola\.dev, password "schola-demo-password"\)$/,
    );
  });

  it('links the teacher to an Ed-Fi staff member with sections and the parent to one student', async () => {
    const [teacher] = await database.query<{ usi: number; schools: number[]; sections: number }>(
      `SELECT a.edfi_staff_usi AS usi, a.school_ids AS schools,
              (SELECT count(*)::int FROM edfi.staffsectionassociation s WHERE s.tenant_id = a.tenant_id AND s.staffusi = a.edfi_staff_usi) AS sections
         FROM identity.accounts a WHERE a.email = 'teacher@demo-district.schola.dev'`,
    );
    expect(teacher!.sections).toBeGreaterThan(0);
    expect(teacher!.schools).toHaveLength(1);
    const children = await database.query<{ student_usi: number; relation: string }>(
      `SELECT s.student_usi, s.relation FROM identity.account_students s JOIN identity.accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
        WHERE a.email = 'parent@demo-district.schola.dev'`,
    );
    expect(children).toEqual([{ student_usi: expect.any(Number), relation: 'parent' }]);
  });

  it('gives `schola start` the admin sign-in line while the demo password is unchanged', async () => {
    expect(await demoSignInHint(database)).toBe(
      'Sign in: POST /auth/sign-in {"tenant": "demo-district", "email": "admin@demo-district.schola.dev", "password": "schola-demo-password"}',
    );
    await database.query(
      `UPDATE identity.accounts SET password_hash = 'changed' WHERE email = 'admin@demo-district.schola.dev'`,
    );
    expect(await demoSignInHint(database)).toBeUndefined();
  });
});
