/**
 * Demo sign-in accounts for the demo district, one per kind of person the access rules tell apart:
 * a district admin, a school admin and a nurse of the first school, a teacher linked to an Ed-Fi
 * staff member who teaches sections (and to the same teacher in the live-classroom directory), a parent linked to one student, and an auditor.
 *
 * DEMO ONLY: they all share the fixed, published password below, which `npm start` prints.
 * A real deployment creates accounts with `schola accounts create` (generated passwords).
 */
import type { Database } from '../platform/db/database.js';
import { verifySecret } from '../platform/auth/passwords.js';
import { createAccount, linkStudent, type CreateAccountInput } from '../platform/identity/service.js';
import type { K12Result } from './k12.js';

export const DEMO_PASSWORD = 'schola-demo-password';
export const DEMO_EMAIL_DOMAIN = 'demo-district.schola.dev';
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`;

export interface DemoCredentials {
  password: string;
  accounts: { email: string; roles: string[]; accountId: string }[];
}

export async function seedDemoAccounts(
  database: Database,
  districtTenantId: string,
  k12: K12Result,
): Promise<DemoCredentials> {
  const firstSchool = k12.schools[0]!.schoolId;
  // Section n=1 of each school goes to that school's first teacher, so this teacher has sections.
  const teacher = k12.teachers.find((t) => t.schoolId === firstSchool)!;
  const child = k12.students[0]!;
  // The same teacher in the live-classroom directory (demo/classroom.ts names them by Ed-Fi unique id),
  // so the demo teacher runs their own live sessions.
  const [classroomTeacher] = await database.query<{ id: string }>(
    'SELECT id FROM users.teachers WHERE tenant_id = $1 AND email = $2',
    [districtTenantId, `${teacher.uniqueId.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`],
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
      email: `parent@${DEMO_EMAIL_DOMAIN}`,
      displayName: `Parent of ${child.firstName} ${child.lastName}`,
      roles: ['parent'],
      schoolIds: [child.schoolId],
      childUsi: child.studentUSI,
    },
    { email: `auditor@${DEMO_EMAIL_DOMAIN}`, displayName: 'Demo Compliance Auditor', roles: ['auditor'] },
  ];
  const accounts: DemoCredentials['accounts'] = [];
  for (const { childUsi, ...person } of people) {
    const account = await createAccount(database, districtTenantId, { ...person, password: DEMO_PASSWORD });
    if (childUsi !== undefined) await linkStudent(database, districtTenantId, account.id, childUsi, 'parent');
    accounts.push({ email: account.email, roles: account.roles, accountId: account.id });
  }
  return { password: DEMO_PASSWORD, accounts };
}

/**
 * What `schola start` prints after the URL: how to sign in as the demo district admin — only
 * while that account exists and still has the demo password. Runs as the connection owner at
 * start-up (no request, no tenant yet).
 */
export async function demoSignInHint(database: Database): Promise<string | undefined> {
  const rows = await database.query<{ slug: string; password_hash: string | null }>(
    `SELECT t.slug, a.password_hash FROM identity.accounts a JOIN platform.tenants t ON t.id = a.tenant_id
      WHERE a.email = $1 AND a.status = 'active' ORDER BY a.created_at LIMIT 1`,
    [DEMO_ADMIN_EMAIL],
  );
  const row = rows[0];
  if (!row?.password_hash || !(await verifySecret(row.password_hash, DEMO_PASSWORD))) return undefined;
  return `Sign in: POST /auth/sign-in {"tenant": "${row.slug}", "email": "${DEMO_ADMIN_EMAIL}", "password": "${DEMO_PASSWORD}"}`;
}

/**
 * What `schola start` prints about the live classroom: the demo teacher's session that is ready to
 * start, and its access code (join it from a second browser tab).
 */
export async function demoClassroomHint(database: Database): Promise<string | undefined> {
  const rows = await database.query<{ title: string; access_code: string; id: string }>(
    `SELECT s.title, s.access_code, s.id FROM sessions.classroom_sessions s
       JOIN identity.accounts a ON a.tenant_id = s.tenant_id AND a.classroom_teacher_id = s.teacher_id
      WHERE a.email = $1 AND s.status = 'created' ORDER BY s.scheduled_start LIMIT 1`,
    [`teacher@${DEMO_EMAIL_DOMAIN}`],
  );
  const row = rows[0];
  if (!row) return undefined;
  return (
    `Live classroom: "${row.title}" (session ${row.id}) is ready to start — teacher@${DEMO_EMAIL_DOMAIN}; ` +
    `students join with access code ${row.access_code} (POST /api/v1/classroom/join)`
  );
}
