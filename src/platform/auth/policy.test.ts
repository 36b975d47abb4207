/**
 * The role × classification × relationship matrix over the demo district: for every role at least
 * one allowed and one refused case, decided by the default policies and the real relationships.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { currentSchoolYear, DEFAULT_DEMO_SIZE, seedDemo } from '../../demo/seed.js';
import { dataAccessControls } from './tables.js';
import { tenantTransaction } from '../db/tenant-transaction.js';
import { defaultPolicies, loadPolicies, seedDefaultPolicies, toPolicyRow } from './default-policies.js';
import { decide, type AccessRequest, type Decision, type PolicyRow } from './policy.js';
import { createRelationshipResolver } from './relationships.js';
import { ROLES, type Principal, type Role } from './roles.js';
import { readsAudited } from './classification.js';

// 20 November inside the demo's school year, which follows today (currentSchoolYear): never a fixed year.
const NOW = new Date(Date.UTC(currentSchoolYear() - 1, 10, 20, 12));
const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

let database: TestDatabase;
let tenantId: string;
let S1: number;
let S2: number;
let teacherUsi: number;
let ownStudent: number; // in one of the teacher's sections, school S1
let sameSchoolStudent: number; // school S1, not in the teacher's sections
let otherSchoolStudent: number; // school S2
let section: { sectionIdentifier: string; localCourseCode: string; schoolId: number; schoolYear: number };
let ownSession: { id: string; teacherId: string; studentId: string };
let otherSessionId: string;
let parentAccount: string;

const tally = new Map<Role, { allowed: number; refused: number }>(ROLES.map((r) => [r, { allowed: 0, refused: 0 }]));

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 40,
    schools: 2,
    sectionsPerSchool: 9,
    languageSchoolStudents: 8,
  });
  tenantId = demo.districtTenantId;
  // seedDemo seeded the default policies of its tenants; seeding again adds nothing (idempotent).
  expect(await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId))).toBe(0);
  const stored = await database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM compliance.data_access_controls WHERE tenant_id = $1',
    [tenantId],
  );
  expect(stored[0]!.n).toBe(defaultPolicies().length);

  // Facts of the demo world, read as the owner connection (test setup only).
  [S1, S2] = (await database.query<{ id: number }>('SELECT schoolid AS id FROM edfi.school ORDER BY 1')).map(
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
  teacherUsi = sta.staffusi;
  section = {
    sectionIdentifier: sta.sectionidentifier,
    localCourseCode: sta.localcoursecode,
    schoolId: sta.schoolid,
    schoolYear: sta.schoolyear,
  };
  const taught =
    `SELECT ssa.studentusi FROM edfi.studentsectionassociation ssa JOIN edfi.staffsectionassociation sta
                    USING (tenant_id, sectionidentifier, localcoursecode, schoolid, schoolyear) WHERE sta.staffusi = ` +
    `$1`;
  ownStudent = (await database.query<{ studentusi: number }>(`${taught} ORDER BY 1 LIMIT 1`, [teacherUsi]))[0]!
    .studentusi;
  sameSchoolStudent = (
    await database.query<{ studentusi: number }>(
      `SELECT studentusi FROM edfi.studentschoolassociation WHERE schoolid = $1
        AND studentusi NOT IN (${taught.replace('$1', '$2')}) ORDER BY 1 LIMIT 1`,
      [S1, teacherUsi],
    )
  )[0]!.studentusi;
  otherSchoolStudent = (
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
  ownSession = { id: sessions[0]!.id, teacherId: sessions[0]!.teacher_id, studentId: sessions[0]!.student_id };
  otherSessionId = sessions.find((s) => s.teacher_id !== ownSession.teacherId)!.id;
  parentAccount = (
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
});
afterAll(() => database.dispose());

function principal(roles: string[], extra: Partial<Principal> = {}): Principal {
  return { kind: 'user', tenantId, actorId: randomUUID(), roles: roles as Role[], scopes: [], ...extra };
}

async function ask(who: Principal, request: AccessRequest, policies?: PolicyRow[]): Promise<Decision> {
  return tenantTransaction(database, tenantId, async ({ tx }) =>
    decide(who, request, {
      policies: policies ?? (await loadPolicies(tx)),
      relationships: createRelationshipResolver(tx),
      now: NOW,
    }),
  );
}

/** Asserts a decision and counts it for the role. */
async function expectDecision(role: Role, who: Principal, request: AccessRequest, allowed: boolean): Promise<Decision> {
  const decision = await ask(who, request);
  expect(
    decision.allowed,
    `${role} ${request.action} ${request.table} ${JSON.stringify(request.subject ?? {})}: ${decision.reason}`,
  ).toBe(allowed);
  const t = tally.get(role)!;
  if (allowed) t.allowed++;
  else t.refused++;
  return decision;
}
const allow = (role: Role, who: Principal, request: AccessRequest) => expectDecision(role, who, request, true);
const refuse = (role: Role, who: Principal, request: AccessRequest) => expectDecision(role, who, request, false);
const read = (table: string, subject?: AccessRequest['subject'], justification?: string): AccessRequest => ({
  action: 'read',
  table,
  subject,
  justification,
});
const write = (table: string, subject?: AccessRequest['subject']): AccessRequest => ({
  action: 'write',
  table,
  subject,
});

describe('policy engine: role × classification × relationship', () => {
  it('district admin: tenant-wide, sensitive reads need a justification, only they write the policies', async () => {
    const admin = principal(['district_admin']);
    await allow('district_admin', admin, read('edfi.student', { studentUsi: otherSchoolStudent }));
    await allow('district_admin', admin, write('compliance.data_access_controls'));
    const unjustified = await refuse(
      'district_admin',
      admin,
      read('health.student_health_records', { studentUsi: otherSchoolStudent }),
    );
    expect(unjustified.requiresJustification).toBe(true);
    expect(unjustified.reason).toMatch(/justification required/);
    const justified = await allow(
      'district_admin',
      admin,
      read(
        'health.student_health_records',
        { studentUsi: otherSchoolStudent },
        'medication review requested by the nurse',
      ),
    );
    expect(justified).toMatchObject({ scope: 'tenant', requiresJustification: true });
    await refuse('district_admin', admin, write('compliance.audit_logs'));
  });

  it('school admin: their school only', async () => {
    const admin = principal(['school_admin'], { schoolIds: [S1] });
    const decision = await allow(
      'school_admin',
      admin,
      read('edfi.studentschoolattendanceevent', { studentUsi: ownStudent }),
    );
    expect(decision).toMatchObject({ scope: 'school', requiresJustification: false });
    // a list, filtered by the returned scope
    await allow('school_admin', admin, read('edfi.studentschoolattendanceevent'));
    await refuse('school_admin', admin, read('edfi.studentschoolattendanceevent', { studentUsi: otherSchoolStudent }));
    await refuse('school_admin', admin, write('edfi.section', { schoolId: S2 }));
    await refuse('school_admin', admin, read('health.immunizations', { studentUsi: ownStudent }));
    await refuse('school_admin', admin, write('compliance.data_access_controls'));
  });

  it('teacher: the students of their own sections and their own classroom sessions', async () => {
    const teacher = principal(['teacher'], {
      schoolIds: [S1],
      person: { edfiStaffUSI: teacherUsi, classroomTeacherId: ownSession.teacherId },
    });
    await allow('teacher', teacher, read('edfi.grade', { studentUsi: ownStudent }));
    await refuse('teacher', teacher, read('edfi.grade', { studentUsi: sameSchoolStudent }));
    await refuse('teacher', teacher, read('edfi.grade', { studentUsi: otherSchoolStudent }));
    await allow(
      'teacher',
      teacher,
      write('edfi.studentsectionattendanceevent', { studentUsi: ownStudent, sectionKeys: section }),
    );
    await refuse('teacher', teacher, write('edfi.studentsectionattendanceevent', { studentUsi: sameSchoolStudent }));
    await refuse('teacher', teacher, write('edfi.studentsectionattendanceevent')); // a write must name its subject
    await refuse('teacher', teacher, write('edfi.student', { studentUsi: ownStudent }));
    await allow('teacher', teacher, read('health.allergies', { studentUsi: ownStudent }));
    await refuse('teacher', teacher, read('health.student_health_records', { studentUsi: ownStudent }));
    await allow('teacher', teacher, write('sessions.classroom_sessions', { classroomSessionId: ownSession.id }));
    await refuse('teacher', teacher, write('sessions.classroom_sessions', { classroomSessionId: otherSessionId }));
    await allow('teacher', teacher, read('sessions.participants', { classroomStudentId: ownSession.studentId }));
    await allow('teacher', teacher, read('edfi.descriptor'));
  });

  it('parent: their own children only, sensitive records included', async () => {
    const parent = principal(['parent'], { actorId: parentAccount });
    await allow('parent', parent, read('edfi.grade', { studentUsi: ownStudent }));
    await allow('parent', parent, read('health.immunizations', { studentUsi: ownStudent }));
    await refuse('parent', parent, read('edfi.grade', { studentUsi: sameSchoolStudent }));
    await refuse('parent', parent, write('edfi.grade', { studentUsi: ownStudent }));
  });

  it('student: their own records only', async () => {
    const student = principal(['student'], { person: { edfiStudentUSI: ownStudent } });
    await allow('student', student, read('edfi.studentsectionassociation', { studentUsi: ownStudent }));
    await refuse('student', student, read('edfi.studentsectionassociation', { studentUsi: sameSchoolStudent }));
    await refuse('student', student, read('specialed.iep', { studentUsi: ownStudent }));
  });

  it('nurse: health records of their school', async () => {
    const nurse = principal(['nurse'], { schoolIds: [S1] });
    const own = await allow('nurse', nurse, write('health.student_health_records', { studentUsi: ownStudent }));
    expect(own.requiresJustification).toBe(false); // the school relationship is the educational interest
    await allow('nurse', nurse, read('health.medications', { studentUsi: sameSchoolStudent }));
    await refuse('nurse', nurse, read('health.medications', { studentUsi: otherSchoolStudent }));
    await refuse('nurse', nurse, read('edfi.grade', { studentUsi: ownStudent }));
  });

  it('counselor, special-education coordinator, librarian, cafeteria and transportation staff: their domain, their school', async () => {
    const at = (role: Role) => principal([role], { schoolIds: [S1] });
    await allow('counselor', at('counselor'), read('edfi.disciplineincident', { schoolId: S1 }));
    await refuse('counselor', at('counselor'), write('health.allergies', { studentUsi: ownStudent }));
    await allow(
      'special_education_coordinator',
      at('special_education_coordinator'),
      write('specialed.iep', { studentUsi: ownStudent }),
    );
    await refuse(
      'special_education_coordinator',
      at('special_education_coordinator'),
      write('specialed.iep', { studentUsi: otherSchoolStudent }),
    );
    await allow('librarian', at('librarian'), write('library.checkouts', { studentUsi: ownStudent }));
    await refuse('librarian', at('librarian'), read('edfi.grade', { studentUsi: ownStudent }));
    await allow(
      'cafeteria_manager',
      at('cafeteria_manager'),
      write('cafeteria.meal_transactions', { studentUsi: ownStudent }),
    );
    await allow('cafeteria_manager', at('cafeteria_manager'), read('health.allergies', { studentUsi: ownStudent }));
    await refuse('cafeteria_manager', at('cafeteria_manager'), read('finance.invoices'));
    await allow(
      'transportation_coordinator',
      at('transportation_coordinator'),
      write('transportation.student_transportation', { studentUsi: ownStudent }),
    );
    await refuse(
      'transportation_coordinator',
      at('transportation_coordinator'),
      write('transportation.student_transportation', { studentUsi: otherSchoolStudent }),
    );
  });

  it('finance, admissions and auditor: their classification, nothing else', async () => {
    await allow('finance', principal(['finance']), write('finance.invoices'));
    await refuse('finance', principal(['finance']), read('health.allergies', { studentUsi: ownStudent }));
    await allow('admissions', principal(['admissions']), write('crm.leads'));
    await refuse('admissions', principal(['admissions']), write('core.organizations'));
    await refuse('admissions', principal(['admissions']), read('edfi.grade', { studentUsi: ownStudent }));
    const auditor = principal(['auditor']);
    await allow('auditor', auditor, read('compliance.audit_logs'));
    await allow('auditor', auditor, read('compliance.data_access_controls'));
    await refuse('auditor', auditor, write('compliance.data_access_controls'));
    await refuse('auditor', auditor, read('edfi.grade', { studentUsi: ownStudent }));
    // The student directory, tenant-wide, to pick a student on the audit page; read only, and audited.
    await allow('auditor', auditor, read('edfi.student', { studentUsi: otherSchoolStudent }));
    await refuse('auditor', auditor, write('edfi.student', { studentUsi: ownStudent }));
    await refuse('auditor', auditor, read('edfi.studentschoolassociation', { studentUsi: ownStudent }));
    await refuse('auditor', auditor, read('edfi.staff'));
    expect(readsAudited('edfi.student', ['auditor'])).toBe(true);
    expect(readsAudited('edfi.student', ['teacher'])).toBe(false);
  });

  it('API client: its school claims and its OAuth scopes', async () => {
    const client = principal(['api_client'], {
      kind: 'client',
      actorId: 'sis-client',
      schoolIds: [S1],
      scopes: ['https://schola.dev/scope/edfi', `${OR}roster-core.readonly`],
    });
    await allow('api_client', client, write('edfi.studentschoolassociation', { schoolId: S1, studentUsi: ownStudent }));
    await refuse('api_client', client, write('edfi.studentschoolassociation', { schoolId: S2 }));
    await refuse('api_client', client, read('edfi.grade', { studentUsi: otherSchoolStudent }));
    await allow('api_client', client, read('oneroster.users'));
    await refuse('api_client', client, read('oneroster.results')); // no gradebook scope
    await allow('api_client', { ...client, scopes: [`${OR}gradebook.readonly`] }, read('oneroster.results'));
    await refuse('api_client', client, read('oneroster.demographics')); // core scopes never reach demographics
    await refuse('api_client', client, read('health.allergies', { schoolId: S1 }));
    const readOnly = { ...client, scopes: ['https://schola.dev/scope/edfi.readonly'] };
    await refuse('api_client', readOnly, write('edfi.studentschoolassociation', { schoolId: S1 }));
  });

  it('approval_required refuses, naming the approver; the most specific row decides', async () => {
    const nurse = principal(['nurse'], { schoolIds: [S1] });
    await tenantTransaction(database, tenantId, ({ tx }) =>
      tx.insert(dataAccessControls).values({
        tenantId,
        roleName: 'nurse',
        resourceType: 'sensitive_health',
        resourceIdentifier: 'health.medications',
        permissionType: 'read',
        approvalRequired: true,
        approverRole: 'school_admin',
      }),
    );
    const decision = await ask(nurse, read('health.medications', { studentUsi: ownStudent }));
    expect(decision).toMatchObject({
      allowed: false,
      requiresApproval: true,
      reason: expect.stringContaining('approval required from school_admin'),
    });
    expect((await ask(nurse, read('health.allergies', { studentUsi: ownStudent }))).allowed).toBe(true);
  });

  it('a remembered list decision still follows the scopes, the justification and a reload of the policies', async () => {
    const policies = await tenantTransaction(database, tenantId, ({ tx }) => loadPolicies(tx));
    expect(Object.isFrozen(policies)).toBe(true);
    const client = principal(['api_client'], {
      kind: 'client',
      actorId: 'list-client',
      scopes: [`${OR}roster.readonly`],
    });
    for (let i = 0; i < 2; i++) {
      expect((await ask(client, read('oneroster.users'), policies)).allowed).toBe(true);
      expect((await ask({ ...client, scopes: [] }, read('oneroster.users'), policies)).allowed).toBe(false);
      const admin = principal(['district_admin']);
      expect((await ask(admin, read('health.student_health_records'), policies)).allowed).toBe(false);
      expect((await ask(admin, read('health.student_health_records', {}, 'review'), policies)).allowed).toBe(true);
    }
    // The same rows, the client's grant inactive: a new list (a reload) is decided afresh.
    const reloaded = Object.freeze(
      policies.map((row) => Object.freeze(row.roleName === 'api_client' ? { ...row, active: false } : row)),
    ) as PolicyRow[];
    expect((await ask(client, read('oneroster.users'), reloaded)).allowed).toBe(false);
    expect((await ask(client, read('oneroster.users'), policies)).allowed).toBe(true);
  });

  it('denies by default: unknown table, unknown role, no policy, inactive policy', async () => {
    const admin = principal(['district_admin']);
    expect((await ask(admin, read('edfi.no_such_table'))).reason).toMatch(/unknown table/);
    expect((await ask(admin, read('public.secrets'))).allowed).toBe(false);
    const janitor = await ask(principal(['janitor']), read('edfi.descriptor'));
    expect(janitor).toMatchObject({ allowed: false, reason: expect.stringMatching(/no known role/) });
    expect((await ask(principal([]), read('edfi.descriptor'))).allowed).toBe(false);
    expect((await ask(admin, read('edfi.student'), [])).allowed).toBe(false);
    const stored = {
      id: 1,
      tenantId,
      roleName: 'district_admin',
      resourceType: 'directory',
      resourceIdentifier: '*',
      permissionType: 'READ',
      educationalInterestRequired: false,
      approvalRequired: false,
      approverRole: null,
      active: true,
      createdAt: null,
      updatedAt: null,
    };
    expect(toPolicyRow({ ...stored, conditions: null })).toMatchObject({ permissionType: 'read' });
    // conditions it cannot honour grant nothing
    expect(toPolicyRow({ ...stored, conditions: { scope: 'galaxy' } })).toBeUndefined();
    expect(toPolicyRow({ ...stored, conditions: { scope: 'school', onlyOnTuesdays: true } })).toBeUndefined();
    const inactive = defaultPolicies().map((p) => ({ ...p, active: false }));
    expect((await ask(admin, read('edfi.student'), inactive)).allowed).toBe(false);
  });

  it('several roles: any allowing role allows, with the broadest scope', async () => {
    const both = principal(['teacher', 'nurse'], { schoolIds: [S1], person: { edfiStaffUSI: teacherUsi } });
    expect((await ask(both, read('health.immunizations', { studentUsi: sameSchoolStudent }))).allowed).toBe(true);
    expect((await ask(both, read('edfi.grade', { studentUsi: ownStudent }))).scope).toBe('own_sections');
  });

  it('the default rows are unique per role, classification, resource and permission', () => {
    const keys = defaultPolicies().map(
      (p) => `${p.roleName}|${p.resourceType}|${p.resourceIdentifier}|${p.permissionType}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('nobody but district_admin holds a write on compliance.data_access_controls by default', () => {
    const writers = defaultPolicies().filter(
      (p) =>
        p.permissionType !== 'read' &&
        p.resourceType === 'compliance' &&
        ['*', 'compliance.*', 'compliance.data_access_controls'].includes(p.resourceIdentifier),
    );
    expect(new Set(writers.map((p) => p.roleName))).toEqual(new Set(['district_admin']));
  });

  it('every role has at least one allowed and one refused case', () => {
    const missing = [...tally].filter(([, t]) => t.allowed === 0 || t.refused === 0).map(([role]) => role);
    console.log(
      `policy matrix: ${[...tally.values()].reduce((n, t) => n + t.allowed + t.refused, 0)} decisions over ` +
        `${ROLES.length} roles`,
    );
    expect(missing).toEqual([]);
  });
});
