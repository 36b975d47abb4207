/**
 * Sign-in accounts of the demo language school, one per role it has a home for, each linked to its
 * person in the school's own user table (core.users, `coreUserId`) so the services know whose classes,
 * leads or children are "theirs". DEMO ONLY: the shared demo password (accounts.ts).
 */
import type { Database } from '../platform/db/database.js';
import type { Role } from '../platform/auth/roles.js';
import { createAccount } from '../platform/identity/service.js';

export const DEMO_LANGUAGE_SCHOOL_EMAIL_DOMAIN = 'demo-language-school.schola.dev';
const at = (name: string) => `${name}@${DEMO_LANGUAGE_SCHOOL_EMAIL_DOMAIN}`;

/** The accounts `schola start` lists for the language school (role label → e-mail). */
export const LANGUAGE_SCHOOL_SIGN_INS: { role: string; email: string }[] = [
  { role: 'language-school secretary', email: at('secretary') },
  { role: 'language-school sales', email: at('sales') },
  { role: 'language-school finance', email: at('finance') },
  { role: 'language-school teacher', email: at('teacher') },
  { role: 'language-school parent', email: at('parent') },
  { role: 'language-school student', email: at('student') },
  { role: 'language-school owner', email: at('owner') },
];

interface Person {
  id: string;
  first_name: string;
  last_name: string;
}

export async function seedLanguageSchoolAccounts(
  database: Database,
  tenantId: string,
  password: string,
): Promise<{ email: string; roles: string[]; accountId: string; tenantId: string }[]> {
  const people = (sql: string) => database.query<Person>(sql, [tenantId]);
  const [owner] = await people(
    `SELECT id, first_name, last_name FROM core.users WHERE tenant_id = $1 AND role = 'owner'`,
  );
  const staff = await people(
    `SELECT id, first_name, last_name FROM core.users WHERE tenant_id = $1 AND role = 'staff' ORDER BY id`,
  );
  // The teacher of the first class (by name), so "my classes" has classes with sessions and students.
  const [teacher] = await people(
    `SELECT u.id, u.first_name, u.last_name FROM school_ops.classes c
       JOIN core.users u ON u.tenant_id = c.tenant_id AND u.id = c.teacher_id
      WHERE c.tenant_id = $1 ORDER BY c.name LIMIT 1`,
  );
  // A parent of siblings, and their first child.
  const [parent] = await people(
    `SELECT u.id, u.first_name, u.last_name FROM core.families f
       JOIN core.users u ON u.tenant_id = f.tenant_id AND u.id = f.parent_id
      WHERE f.tenant_id = $1 GROUP BY u.id, u.first_name, u.last_name ORDER BY count(*) DESC, u.id LIMIT 1`,
  );
  const [child] = parent
    ? await database.query<Person>(
        `SELECT u.id, u.first_name, u.last_name FROM core.families f
           JOIN core.users u ON u.tenant_id = f.tenant_id AND u.id = f.child_id
          WHERE f.tenant_id = $1 AND f.parent_id = $2 ORDER BY f.is_primary DESC, u.id LIMIT 1`,
        [tenantId, parent.id],
      )
    : [];
  const name = (p: Person | undefined, fallback: string) => (p ? `${p.first_name} ${p.last_name}` : fallback);
  const plan: { email: string; displayName: string; roles: Role[]; person?: Person | undefined }[] = [
    // The front desk: students and families, classes and schedules, leads, invoices.
    {
      email: at('secretary'),
      displayName: name(staff[0], 'Secretaria'),
      roles: ['admissions', 'finance'],
      person: staff[0],
    },
    { email: at('sales'), displayName: name(staff[1], 'Comercial'), roles: ['admissions'], person: staff[1] },
    { email: at('finance'), displayName: 'Financeiro Horizonte', roles: ['finance'] },
    { email: at('teacher'), displayName: name(teacher, 'Professor'), roles: ['teacher'], person: teacher },
    { email: at('parent'), displayName: name(parent, 'Responsável'), roles: ['parent'], person: parent },
    { email: at('student'), displayName: name(child, 'Aluno'), roles: ['student'], person: child },
    // The owner runs the school and reads its money (the overview's cash in and out): finance too.
    {
      email: at('owner'),
      displayName: name(owner, 'Direção'),
      roles: ['school_admin', 'finance'],
      person: owner,
    },
  ];
  const accounts = [];
  for (const p of plan) {
    const account = await createAccount(database, tenantId, {
      email: p.email,
      displayName: p.displayName,
      roles: p.roles,
      password,
      ...(p.person ? { coreUserId: p.person.id } : {}),
    });
    accounts.push({ email: account.email, roles: account.roles, accountId: account.id, tenantId });
  }
  return accounts;
}
