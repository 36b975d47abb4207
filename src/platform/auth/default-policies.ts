/**
 * The default access policies of a tenant (compliance.data_access_controls), seeded once and then
 * edited by the district admin. Anything not granted here is refused (deny by default).
 *
 * Scopes are the roles' natural scopes (see ROLE_SCOPE in policy-scopes.ts) unless a grant names one:
 * reference data is readable tenant-wide by every role. Sensitive classifications and AI/supervision
 * data require a legitimate educational interest — established by the relationship, or else stated as
 * a justification (see policy.ts). Parents read their own children's records as of right (FERPA), so
 * no educational interest is asked of them.
 *
 * Nobody but district_admin is granted a write on compliance.data_access_controls (and policy.ts
 * refuses any other role's write there even if a row said otherwise).
 */
import type { TenantDb } from '../db/engine.js';
import { detachedRunner } from '../db/tenant-sessions.js';
import { eq } from 'drizzle-orm';
import { dataAccessControls } from './tables.js';
import { TtlCache } from '../cache/ttl-cache.js';
import type { Tx } from '../db/transaction.js';
import type { Classification } from './classification.js';
import type { Action, PolicyRow } from './policy.js';
import { SCOPES, type Scope } from './policy-scopes.js';
import type { Role } from './roles.js';

interface Grant {
  role: Role;
  classification: Classification;
  actions: Action[];
  /** '*' (default), 'schema.*' or 'schema.table' */
  on?: string;
  scope?: Scope;
  interest?: boolean;
}

const R: Action[] = ['read'];
const RW: Action[] = ['read', 'write'];
const W: Action[] = ['write'];
const WD: Action[] = ['write', 'delete'];
const ALL: Action[] = ['read', 'write', 'delete'];
const SENSITIVE: Classification[] = [
  'sensitive_health',
  'sensitive_special_education',
  'sensitive_discipline',
  'ai_supervision',
];

const g = (role: Role, classification: Classification, actions: Action[], extra: Partial<Grant> = {}): Grant => ({
  role,
  classification,
  actions,
  ...extra,
});
/** Ed-Fi reference data that belongs to one school. */
export const EDFI_SCHOOL_REFERENCE = ['edfi.section', 'edfi.courseoffering', 'edfi.session', 'edfi.gradingperiod'];

/** Every role may read reference data (code lists, schools, courses, calendars) across the tenant. */
const readsReference = (role: Role) => g(role, 'reference', R, { scope: 'tenant' });

const GRANTS: Grant[] = [
  // District administration: everything, tenant-wide; compliance evidence is never deleted, except policies.
  ...(
    [
      'directory',
      'educational_record',
      'financial',
      'identity',
      'operational',
      'reference',
      ...SENSITIVE,
    ] as Classification[]
  ).map((c) => g('district_admin', c, ALL)),
  g('district_admin', 'compliance', RW),
  g('district_admin', 'compliance', ['delete'], { on: 'compliance.data_access_controls' }),
  // Auditors read the compliance record, accounts and operations; they change nothing.
  g('auditor', 'compliance', R),
  g('auditor', 'identity', R),
  g('auditor', 'operational', R),
  // …and the student directory, tenant-wide, to pick a student on the audit page (name, id, school): the
  // trail is searched by student. Every such read is audited (classification.ts, readsAudited).
  g('auditor', 'directory', R, { on: 'edfi.student' }),
  // School administration, within the admin's schools.
  g('school_admin', 'directory', RW),
  g('school_admin', 'educational_record', RW),
  g('school_admin', 'sensitive_discipline', RW),
  g('school_admin', 'sensitive_special_education', R),
  g('school_admin', 'reference', WD),
  g('school_admin', 'operational', ALL),
  ...['compliance.parental_consents', 'compliance.privacy_consents', 'compliance.coppa_compliance'].map((on) =>
    g('school_admin', 'compliance', RW, { on }),
  ),
  // Teachers: the students of their own sections and classroom sessions; they keep gradebook and attendance.
  g('teacher', 'directory', R),
  g('teacher', 'educational_record', R),
  g('teacher', 'ai_supervision', R),
  g('teacher', 'sensitive_health', R, { on: 'health.allergies' }),
  ...[
    'edfi.gradebookentry',
    'edfi.studentgradebookentry',
    'edfi.studentsectionattendanceevent',
    'oneroster.line_items',
    'oneroster.results',
    'sessions.*',
  ].map((on) => g('teacher', 'educational_record', WD, { on })),
  g('teacher', 'educational_record', W, { on: 'edfi.grade' }),
  // Language-school teachers take their classes' attendance and record lesson progress; the
  // school-ops service confines them to their own classes (core.users link of the account).
  g('teacher', 'educational_record', W, { on: 'school_ops.attendance', scope: 'tenant' }),
  g('teacher', 'educational_record', W, { on: 'toolbox.user_progress', scope: 'tenant' }),
  g('teacher', 'educational_record', W, { on: 'communication.messages' }),
  // Counselors: records, discipline, special education and safety alerts of their schools.
  g('counselor', 'directory', R),
  g('counselor', 'educational_record', R),
  g('counselor', 'sensitive_discipline', R),
  g('counselor', 'sensitive_special_education', R),
  g('counselor', 'ai_supervision', R),
  ...['supervision.safety_alerts', 'supervision.alert_acknowledgments'].map((on) =>
    g('counselor', 'ai_supervision', W, { on }),
  ),
  // Nurses: health records of their schools.
  g('nurse', 'directory', R),
  g('nurse', 'sensitive_health', RW),
  // Special education coordinators: IEPs, 504 plans, accommodations of their schools.
  g('special_education_coordinator', 'directory', R),
  g('special_education_coordinator', 'educational_record', R),
  g('special_education_coordinator', 'sensitive_special_education', RW),
  // Librarians, cafeteria managers, transportation coordinators: their own domain's tables.
  g('librarian', 'directory', R),
  g('librarian', 'educational_record', RW, { on: 'library.checkouts' }),
  // The catalogue is the district's (the seed gives it no school): librarians keep it together.
  g('librarian', 'reference', WD, { on: 'library.resources', scope: 'tenant' }),
  g('cafeteria_manager', 'directory', R),
  g('cafeteria_manager', 'financial', RW, { on: 'cafeteria.*' }),
  g('cafeteria_manager', 'reference', WD, { on: 'cafeteria.meal_plans' }),
  g('cafeteria_manager', 'sensitive_health', R, { on: 'health.allergies' }),
  g('transportation_coordinator', 'directory', R),
  g('transportation_coordinator', 'educational_record', RW, { on: 'transportation.student_transportation' }),
  g('transportation_coordinator', 'operational', ALL, { on: 'transportation.*' }),
  // Finance: financial records (language-school billing, payroll, accounting; school meals).
  g('finance', 'directory', R),
  g('finance', 'financial', RW),
  g('finance', 'reference', WD, { on: 'finance.products' }),
  // Admissions: the CRM funnel and the people it converts into students.
  g('admissions', 'directory', R),
  g('admissions', 'directory', ALL, { on: 'crm.*' }),
  g('admissions', 'directory', W, { on: 'core.*' }),
  // …and the language school's front desk: classes, schedules, enrolments, placements, curriculum.
  g('admissions', 'educational_record', RW, { on: 'school_ops.*' }),
  g('admissions', 'reference', WD, { on: 'school_ops.*' }),
  g('admissions', 'reference', WD, { on: 'curriculum.*' }),
  g('admissions', 'educational_record', RW, { on: 'toolbox.*' }),
  // Students: their own records.
  g('student', 'directory', R),
  g('student', 'educational_record', R),
  // Parents: their own children's records, sensitive ones included (FERPA right of inspection).
  g('parent', 'directory', R),
  ...(
    [
      'educational_record',
      'sensitive_health',
      'sensitive_special_education',
      'sensitive_discipline',
    ] as Classification[]
  ).map((c) => g('parent', c, R, { interest: false })),
  // API clients (SIS, learning tools): within their school claims, and further limited by OAuth scopes.
  g('api_client', 'directory', ALL),
  g('api_client', 'educational_record', ALL),
  g('api_client', 'reference', WD),
  // As in Ed-Fi, a client bound to schools reads those schools' sections, course offerings, sessions
  // and grading periods only (a client without school claims is district-wide: every school's).
  ...EDFI_SCHOOL_REFERENCE.map((on) => g('api_client', 'reference', R, { on, scope: 'school' })),
  ...(
    [
      'teacher',
      'school_admin',
      'counselor',
      'nurse',
      'special_education_coordinator',
      'librarian',
      'cafeteria_manager',
      'transportation_coordinator',
      'finance',
      'admissions',
      'student',
      'parent',
      'api_client',
      'auditor',
    ] as Role[]
  ).map(readsReference),
];

/** The default rows (without tenant and id), one per role × resource × permission. */
export function defaultPolicies(): PolicyRow[] {
  return GRANTS.flatMap((grant) =>
    grant.actions.map((permissionType) => ({
      roleName: grant.role,
      resourceType: grant.classification,
      resourceIdentifier: grant.on ?? '*',
      permissionType,
      conditions: grant.scope ? { scope: grant.scope } : null,
      educationalInterestRequired: grant.interest ?? SENSITIVE.includes(grant.classification),
      approvalRequired: false,
      approverRole: null,
      active: true,
    })),
  );
}

/** Inserts the default rows a tenant lacks; rows the district admin edited are left as they are. */
export async function seedDefaultPolicies(tx: Tx, tenantId: string): Promise<number> {
  const inserted = await tx
    .insert(dataAccessControls)
    .values(defaultPolicies().map(({ active: _active, ...row }) => ({ tenantId, ...row, active: true })))
    .onConflictDoNothing({
      target: [
        dataAccessControls.tenantId,
        dataAccessControls.roleName,
        dataAccessControls.resourceType,
        dataAccessControls.resourceIdentifier,
        dataAccessControls.permissionType,
      ],
    })
    .returning({ id: dataAccessControls.id });
  return inserted.length;
}

type Stored = typeof dataAccessControls.$inferSelect;

/** A stored row as the engine reads it; a row with conditions it does not understand grants nothing. */
export function toPolicyRow(row: Stored): PolicyRow | undefined {
  const conditions = row.conditions as { scope?: unknown } | null;
  if (conditions !== null && (typeof conditions !== 'object' || Array.isArray(conditions))) return undefined;
  // A condition the engine does not know cannot be honoured, so the grant does not apply (fail closed).
  if (conditions !== null && Object.keys(conditions).some((k) => k !== 'scope')) return undefined;
  if (conditions?.scope !== undefined && !(SCOPES as readonly unknown[]).includes(conditions.scope)) return undefined;
  return {
    id: row.id,
    roleName: row.roleName,
    resourceType: row.resourceType,
    resourceIdentifier: row.resourceIdentifier,
    permissionType: row.permissionType.toLowerCase(),
    conditions: conditions as PolicyRow['conditions'],
    educationalInterestRequired: row.educationalInterestRequired ?? true,
    approvalRequired: row.approvalRequired ?? false,
    approverRole: row.approverRole,
    active: row.active === true,
  };
}

/**
 * A tenant's active policies are read on every request; they are remembered for POLICY_TTL_MS, and a
 * busy tenant's are renewed in the background in the last quarter of that time (on a session
 * connection of their own, detachedRunner), so that no request waits for the reload: before, every
 * 2 s the requests arriving during the reload queued behind it. Writes through this process (policy
 * routes, the generated API) forget the tenant's entry at once, so the next request reads them anew;
 * another process's changes apply within the TTL (plus the few milliseconds a renewal takes).
 */
export const POLICY_TTL_MS = 2000;
const policyCache = new TtlCache<string, PolicyRow[]>(POLICY_TTL_MS);

export function forgetPolicies(tenantId?: string): void {
  if (tenantId === undefined) policyCache.clear();
  else policyCache.delete(tenantId);
}

/** The active policies of `db`'s tenant (row-level security confines the read); cached when the tenant is named. */
export async function loadPolicies(db: TenantDb, tenantId?: string): Promise<PolicyRow[]> {
  const load = async (on: TenantDb) => {
    const rows = await on.select().from(dataAccessControls).where(eq(dataAccessControls.active, true));
    const policies = rows.map(toPolicyRow).filter((r): r is PolicyRow => r !== undefined);
    // Frozen, so that the policy engine may index them once for all the requests that share them (policy.ts).
    for (const row of policies) Object.freeze(row);
    return Object.freeze(policies) as PolicyRow[];
  };
  if (tenantId === undefined) return load(db);
  // A miss reads on the caller's connection (concurrent misses share that one read); a renewal on its own.
  const detached = detachedRunner(db);
  return policyCache.getOrLoad(tenantId, () => load(db), detached ? { renew: () => detached(load) } : {});
}
