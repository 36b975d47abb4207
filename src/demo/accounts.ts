/**
 * Demo sign-in accounts for the demo district, one per kind of person the access rules tell apart:
 * a district admin, a school admin, a nurse and a counselor of the first school, a teacher linked to an Ed-Fi
 * staff member who teaches sections (and to the same teacher in the live-classroom directory), a parent linked to
 * one student, that student, and an auditor;
 * and the language school's roles (language-school-accounts.ts) in the language-school tenant.
 *
 * DEMO ONLY: they all share the fixed, published password below, which `npm start` prints.
 * A real deployment creates accounts with `schola accounts create` (generated passwords).
 */
import type { Database } from '../platform/db/database.js';
import { verifySecret } from '../platform/auth/passwords.js';
import { createAccount, linkStudent, type CreateAccountInput } from '../platform/identity/service.js';
import type { K12Result } from './k12.js';
import { DEMO_EMAIL_DOMAIN } from './names.js';
import {
  DEMO_LANGUAGE_SCHOOL_EMAIL_DOMAIN,
  LANGUAGE_SCHOOL_SIGN_INS,
  seedLanguageSchoolAccounts,
} from './language-school-accounts.js';

export { DEMO_EMAIL_DOMAIN, DEMO_LANGUAGE_SCHOOL_EMAIL_DOMAIN };

export const DEMO_PASSWORD = 'schola-demo-password';
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`;

export interface DemoCredentials {
  password: string;
  accounts: { email: string; roles: string[]; accountId: string; tenantId: string }[];
}

export async function seedDemoAccounts(
  database: Database,
  districtTenantId: string,
  k12: K12Result,
  languageSchoolTenantId?: string,
): Promise<DemoCredentials> {
  const firstSchool = k12.schools[0]!.schoolId;
  // Section n=1 of each school goes to that school's first teacher, so this teacher has sections.
  const teacher = k12.teachers.find((t) => t.schoolId === firstSchool)!;
  const child = k12.students[0]!;
  // The same teacher in the live-classroom directory (demo/classroom.ts gives them their school e-mail),
  // so the demo teacher runs their own live sessions.
  const [classroomTeacher] = await database.query<{ id: string }>(
    'SELECT id FROM users.teachers WHERE tenant_id = $1 AND email = $2',
    [districtTenantId, teacher.email],
  );
  const people: (CreateAccountInput & { childUsi?: number })[] = [
    { email: DEMO_ADMIN_EMAIL, displayName: 'Demo District Administrator', roles: ['district_admin'] },
    {
      email: `school-admin@${DEMO_EMAIL_DOMAIN}`,
      displayName: 'Demo School Administrator',
      roles: ['school_admin'],
      schoolIds: [firstSchool],
    },
    {
      email: `teacher@${DEMO_EMAIL_DOMAIN}`,
      displayName: `${teacher.firstName} ${teacher.lastName}`,
      roles: ['teacher'],
      schoolIds: [teacher.schoolId],
      edfiStaffUsi: teacher.staffUSI,
      ...(classroomTeacher ? { classroomTeacherId: classroomTeacher.id } : {}),
    },
    {
      email: `nurse@${DEMO_EMAIL_DOMAIN}`,
      displayName: 'Demo School Nurse',
      roles: ['nurse'],
      schoolIds: [firstSchool],
    },
    {
      email: `counselor@${DEMO_EMAIL_DOMAIN}`,
      displayName: 'Demo School Counselor',
      roles: ['counselor'],
      schoolIds: [firstSchool],
    },
    {
      email: `parent@${DEMO_EMAIL_DOMAIN}`,
      displayName: `Parent of ${child.firstName} ${child.lastName}`,
      roles: ['parent'],
      schoolIds: [child.schoolId],
      childUsi: child.studentUSI,
    },
    {
      email: `student@${DEMO_EMAIL_DOMAIN}`,
      displayName: `${child.firstName} ${child.lastName}`,
      roles: ['student'],
      schoolIds: [child.schoolId],
      edfiStudentUsi: child.studentUSI,
    },
    { email: `auditor@${DEMO_EMAIL_DOMAIN}`, displayName: 'Demo Compliance Auditor', roles: ['auditor'] },
  ];
  const accounts: DemoCredentials['accounts'] = [];
  for (const { childUsi, ...person } of people) {
    const account = await createAccount(database, districtTenantId, { ...person, password: DEMO_PASSWORD });
    if (childUsi !== undefined) await linkStudent(database, districtTenantId, account.id, childUsi, 'parent');
    accounts.push({ email: account.email, roles: account.roles, accountId: account.id, tenantId: districtTenantId });
  }
  if (languageSchoolTenantId) {
    // The language school's roles (secretary, sales, finance, teacher, parent, student, owner).
    accounts.push(...(await seedLanguageSchoolAccounts(database, languageSchoolTenantId, DEMO_PASSWORD)));
  }
  return { password: DEMO_PASSWORD, accounts };
}

/** The demo accounts `schola start` lists, one per role the web app has a home for. */
const DEMO_SIGN_INS: { role: string; email: string }[] = [
  { role: 'district administrator', email: DEMO_ADMIN_EMAIL },
  { role: 'teacher', email: `teacher@${DEMO_EMAIL_DOMAIN}` },
  { role: 'student', email: `student@${DEMO_EMAIL_DOMAIN}` },
  { role: 'parent', email: `parent@${DEMO_EMAIL_DOMAIN}` },
  { role: 'nurse', email: `nurse@${DEMO_EMAIL_DOMAIN}` },
  { role: 'counselor', email: `counselor@${DEMO_EMAIL_DOMAIN}` },
  { role: 'school administrator', email: `school-admin@${DEMO_EMAIL_DOMAIN}` },
  { role: 'auditor', email: `auditor@${DEMO_EMAIL_DOMAIN}` },
  ...LANGUAGE_SCHOOL_SIGN_INS,
];

/**
 * What `schola start` prints after the URL: a sign-in (tenant, e-mail) for every demo role — only
 * for accounts that exist and still have the demo password. Runs as the connection owner at
 * start-up (no request, no tenant yet).
 */
export async function demoSignInHint(database: Database, url = ''): Promise<string | undefined> {
  const rows = await database.query<{ email: string; slug: string; password_hash: string | null }>(
    `SELECT a.email, t.slug, a.password_hash FROM identity.accounts a JOIN platform.tenants t ON t.id = a.tenant_id
      WHERE a.email = ANY($1) AND a.status = 'active' ORDER BY a.created_at`,
    [DEMO_SIGN_INS.map((d) => d.email)],
  );
  const lines: string[] = [];
  for (const demo of DEMO_SIGN_INS) {
    const row = rows.find((r) => r.email === demo.email);
    if (!row?.password_hash || !(await verifySecret(row.password_hash, DEMO_PASSWORD))) continue;
    lines.push(`    ${demo.role.padEnd(27)} tenant ${row.slug.padEnd(30)} ${demo.email}`);
  }
  if (lines.length === 0) return undefined;
  return [`Sign in at ${url}/ with password "${DEMO_PASSWORD}" as:`, ...lines].join('\n');
}

/**
 * What `schola start` prints about the live classroom: the demo teacher's session that is ready to
 * start, and its access code (join it from a second browser tab).
 */
export async function demoClassroomHint(database: Database, url = ''): Promise<string | undefined> {
  const rows = await database.query<{ title: string; access_code: string; id: string }>(
    `SELECT s.title, s.access_code, s.id FROM sessions.classroom_sessions s
       JOIN identity.accounts a ON a.tenant_id = s.tenant_id AND a.classroom_teacher_id = s.teacher_id
      WHERE a.email = $1 AND s.status = 'created' ORDER BY s.scheduled_start LIMIT 1`,
    [`teacher@${DEMO_EMAIL_DOMAIN}`],
  );
  const row = rows[0];
  if (!row) return undefined;
  return (
    `Live classroom: "${row.title}" is ready to start — teacher@${DEMO_EMAIL_DOMAIN} opens ${url}/live/${row.id}; ` +
    `students join at ${url}/join?code=${row.access_code} (access code ${row.access_code})`
  );
}
