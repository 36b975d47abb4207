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
  it('creates fifteen accounts that sign in with the demo password', async () => {
    expect(demo.credentials.password).toBe('schola-demo-password');
    expect(demo.credentials.accounts.map((a) => [a.email, a.roles.join()])).toEqual([
      ['admin@demo-district.schola.dev', 'district_admin'],
      ['school-admin@demo-district.schola.dev', 'school_admin'],
      ['teacher@demo-district.schola.dev', 'teacher'],
      ['nurse@demo-district.schola.dev', 'nurse'],
      ['counselor@demo-district.schola.dev', 'counselor'],
      ['parent@demo-district.schola.dev', 'parent'],
      ['student@demo-district.schola.dev', 'student'],
      ['auditor@demo-district.schola.dev', 'auditor'],
      ['secretary@demo-language-school.schola.dev', 'admissions,finance'],
      ['sales@demo-language-school.schola.dev', 'admissions'],
      ['finance@demo-language-school.schola.dev', 'finance'],
      ['teacher@demo-language-school.schola.dev', 'teacher'],
      ['parent@demo-language-school.schola.dev', 'parent'],
      ['student@demo-language-school.schola.dev', 'student'],
      ['owner@demo-language-school.schola.dev', 'school_admin,finance'],
    ]);
    for (const { email, tenantId } of demo.credentials.accounts) {
      const tenant = tenantId === demo.districtTenantId ? 'demo-district' : 'demo-district-language-school';
      const session = await signIn(database, { tenant, email, password: DEMO_PASSWORD });
      expect(session.account.tenantId).toBe(tenantId);
    }
    expect(demo.describe()).toMatch(
      /15 demo accounts \(e\.g\. admin@demo-district\.schola\.dev, password "schola-demo-password"\)$/,
    );
  });

  it('links the teacher to an Ed-Fi staff member with sections and the parent to one student', async () => {
    const [teacher] = await database.query<{ usi: number; schools: number[]; sections: number }>(
      `SELECT a.edfi_staff_usi AS usi, a.school_ids AS schools,
              (SELECT count(*)::int FROM edfi.staffsectionassociation s
                WHERE s.tenant_id = a.tenant_id AND s.staffusi = a.edfi_staff_usi) AS sections
         FROM identity.accounts a WHERE a.email = 'teacher@demo-district.schola.dev'`,
    );
    expect(teacher!.sections).toBeGreaterThan(0);
    expect(teacher!.schools).toHaveLength(1);
    const children = await database.query<{ student_usi: number; relation: string }>(
      `SELECT s.student_usi, s.relation
         FROM identity.account_students s JOIN identity.accounts a ON a.tenant_id = s.tenant_id AND a.id = s.account_id
        WHERE a.email = 'parent@demo-district.schola.dev'`,
    );
    expect(children).toEqual([{ student_usi: expect.any(Number), relation: 'parent' }]);
  });

  it("links the language school's accounts to its people: the teacher teaches, the parent has siblings", async () => {
    const rows = await database.query<{ email: string; role: string | null; classes: number; children: number }>(
      `SELECT a.email, u.role,
              (SELECT count(*)::int FROM school_ops.classes c
                WHERE c.tenant_id = a.tenant_id AND c.teacher_id = u.id) AS classes,
              (SELECT count(*)::int FROM core.families f
                WHERE f.tenant_id = a.tenant_id AND f.parent_id = u.id) AS children
         FROM identity.accounts a LEFT JOIN core.users u ON u.tenant_id = a.tenant_id AND u.id = a.core_user_id
        WHERE a.email LIKE '%@demo-language-school.schola.dev' ORDER BY a.email`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.email.split('@')[0], r]));
    expect(by.teacher).toMatchObject({ role: 'teacher' });
    expect(by.teacher!.classes).toBeGreaterThan(0);
    expect(by.parent).toMatchObject({ role: 'parent', children: 2 });
    expect(by.student).toMatchObject({ role: 'student' });
    expect(by.owner).toMatchObject({ role: 'owner' });
    expect(by.secretary).toMatchObject({ role: 'staff' });
  });

  it('gives `schola start` a sign-in line per role while the demo password is unchanged', async () => {
    const hint = (await demoSignInHint(database, 'http://127.0.0.1:3000'))!;
    expect(hint.split('\n')[0]).toBe('Sign in at http://127.0.0.1:3000/ with password "schola-demo-password" as:');
    expect(hint).toMatch(/district administrator +tenant demo-district +admin@demo-district\.schola\.dev/);
    expect(hint).toMatch(/language-school secretary +tenant demo-district-language-school +secretary@/);
    expect(hint).toMatch(/counselor +tenant demo-district +counselor@demo-district\.schola\.dev/);
    expect(hint.split('\n')).toHaveLength(16);
    await database.query(
      `UPDATE identity.accounts SET password_hash = 'changed' WHERE email = 'admin@demo-district.schola.dev'`,
    );
    expect(await demoSignInHint(database)).not.toMatch(/\sadmin@demo-district/);
  });
});
