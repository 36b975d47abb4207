/**
 * The role × classification × relationship matrix over the demo district: for every role at least
 * one allowed and one refused case, decided by the default policies and the real relationships. The
 * engine's other rules (approval, remembered list decisions, deny by default, several roles, the
 * default rows) are policy-rules.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPolicyWorld, read, write, type PolicyWorld } from '../../../test/support/policy-world.js';
import { readsAudited } from './classification.js';
import type { AccessRequest, Decision } from './policy.js';
import { ROLES, type Principal, type Role } from './roles.js';

const OR = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';

let w: PolicyWorld;
beforeAll(async () => {
  w = await openPolicyWorld();
});
afterAll(() => w?.dispose());

const tally = new Map<Role, { allowed: number; refused: number }>(ROLES.map((r) => [r, { allowed: 0, refused: 0 }]));

/** Asserts a decision and counts it for the role. */
async function expectDecision(role: Role, who: Principal, request: AccessRequest, allowed: boolean): Promise<Decision> {
  const decision = await w.ask(who, request);
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

describe('policy engine: role × classification × relationship', () => {
  it('district admin: tenant-wide, sensitive reads need a justification, only they write the policies', async () => {
    const admin = w.principal(['district_admin']);
    await allow('district_admin', admin, read('edfi.student', { studentUsi: w.otherSchoolStudent }));
    await allow('district_admin', admin, write('compliance.data_access_controls'));
    const unjustified = await refuse(
      'district_admin',
      admin,
      read('health.student_health_records', { studentUsi: w.otherSchoolStudent }),
    );
    expect(unjustified.requiresJustification).toBe(true);
    expect(unjustified.reason).toMatch(/justification required/);
    const justified = await allow(
      'district_admin',
      admin,
      read(
        'health.student_health_records',
        { studentUsi: w.otherSchoolStudent },
        'medication review requested by the nurse',
      ),
    );
    expect(justified).toMatchObject({ scope: 'tenant', requiresJustification: true });
    await refuse('district_admin', admin, write('compliance.audit_logs'));
  });

  it('school admin: their school only', async () => {
    const admin = w.principal(['school_admin'], { schoolIds: [w.S1] });
    const decision = await allow(
      'school_admin',
      admin,
      read('edfi.studentschoolattendanceevent', { studentUsi: w.ownStudent }),
    );
    expect(decision).toMatchObject({ scope: 'school', requiresJustification: false });
    // a list, filtered by the returned scope
    await allow('school_admin', admin, read('edfi.studentschoolattendanceevent'));
    await refuse(
      'school_admin',
      admin,
      read('edfi.studentschoolattendanceevent', { studentUsi: w.otherSchoolStudent }),
    );
    await refuse('school_admin', admin, write('edfi.section', { schoolId: w.S2 }));
    await refuse('school_admin', admin, read('health.immunizations', { studentUsi: w.ownStudent }));
    await refuse('school_admin', admin, write('compliance.data_access_controls'));
  });

  it('teacher: the students of their own sections and their own classroom sessions', async () => {
    const teacher = w.principal(['teacher'], {
      schoolIds: [w.S1],
      person: { edfiStaffUSI: w.teacherUsi, classroomTeacherId: w.ownSession.teacherId },
    });
    await allow('teacher', teacher, read('edfi.grade', { studentUsi: w.ownStudent }));
    await refuse('teacher', teacher, read('edfi.grade', { studentUsi: w.sameSchoolStudent }));
    await refuse('teacher', teacher, read('edfi.grade', { studentUsi: w.otherSchoolStudent }));
    await allow(
      'teacher',
      teacher,
      write('edfi.studentsectionattendanceevent', { studentUsi: w.ownStudent, sectionKeys: w.section }),
    );
    await refuse('teacher', teacher, write('edfi.studentsectionattendanceevent', { studentUsi: w.sameSchoolStudent }));
    await refuse('teacher', teacher, write('edfi.studentsectionattendanceevent')); // a write must name its subject
    await refuse('teacher', teacher, write('edfi.student', { studentUsi: w.ownStudent }));
    await allow('teacher', teacher, read('health.allergies', { studentUsi: w.ownStudent }));
    await refuse('teacher', teacher, read('health.student_health_records', { studentUsi: w.ownStudent }));
    await allow('teacher', teacher, write('sessions.classroom_sessions', { classroomSessionId: w.ownSession.id }));
    await refuse('teacher', teacher, write('sessions.classroom_sessions', { classroomSessionId: w.otherSessionId }));
    await allow('teacher', teacher, read('sessions.participants', { classroomStudentId: w.ownSession.studentId }));
    await allow('teacher', teacher, read('edfi.descriptor'));
  });

  it('parent: their own children only, sensitive records included', async () => {
    const parent = w.principal(['parent'], { actorId: w.parentAccount });
    await allow('parent', parent, read('edfi.grade', { studentUsi: w.ownStudent }));
    await allow('parent', parent, read('health.immunizations', { studentUsi: w.ownStudent }));
    await refuse('parent', parent, read('edfi.grade', { studentUsi: w.sameSchoolStudent }));
    await refuse('parent', parent, write('edfi.grade', { studentUsi: w.ownStudent }));
  });

  it('student: their own records only', async () => {
    const student = w.principal(['student'], { person: { edfiStudentUSI: w.ownStudent } });
    await allow('student', student, read('edfi.studentsectionassociation', { studentUsi: w.ownStudent }));
    await refuse('student', student, read('edfi.studentsectionassociation', { studentUsi: w.sameSchoolStudent }));
    await refuse('student', student, read('specialed.iep', { studentUsi: w.ownStudent }));
  });

  it('nurse: health records of their school', async () => {
    const nurse = w.principal(['nurse'], { schoolIds: [w.S1] });
    const own = await allow('nurse', nurse, write('health.student_health_records', { studentUsi: w.ownStudent }));
    expect(own.requiresJustification).toBe(false); // the school relationship is the educational interest
    await allow('nurse', nurse, read('health.medications', { studentUsi: w.sameSchoolStudent }));
    await refuse('nurse', nurse, read('health.medications', { studentUsi: w.otherSchoolStudent }));
    await refuse('nurse', nurse, read('edfi.grade', { studentUsi: w.ownStudent }));
  });

  it('counselor, special-education coordinator, librarian, cafeteria and transportation staff: their domain, their school', async () => {
    const at = (role: Role) => w.principal([role], { schoolIds: [w.S1] });
    await allow('counselor', at('counselor'), read('edfi.disciplineincident', { schoolId: w.S1 }));
    await refuse('counselor', at('counselor'), write('health.allergies', { studentUsi: w.ownStudent }));
    await allow(
      'special_education_coordinator',
      at('special_education_coordinator'),
      write('specialed.iep', { studentUsi: w.ownStudent }),
    );
    await refuse(
      'special_education_coordinator',
      at('special_education_coordinator'),
      write('specialed.iep', { studentUsi: w.otherSchoolStudent }),
    );
    await allow('librarian', at('librarian'), write('library.checkouts', { studentUsi: w.ownStudent }));
    await refuse('librarian', at('librarian'), read('edfi.grade', { studentUsi: w.ownStudent }));
    await allow(
      'cafeteria_manager',
      at('cafeteria_manager'),
      write('cafeteria.meal_transactions', { studentUsi: w.ownStudent }),
    );
    await allow('cafeteria_manager', at('cafeteria_manager'), read('health.allergies', { studentUsi: w.ownStudent }));
    await refuse('cafeteria_manager', at('cafeteria_manager'), read('finance.invoices'));
    await allow(
      'transportation_coordinator',
      at('transportation_coordinator'),
      write('transportation.student_transportation', { studentUsi: w.ownStudent }),
    );
    await refuse(
      'transportation_coordinator',
      at('transportation_coordinator'),
      write('transportation.student_transportation', { studentUsi: w.otherSchoolStudent }),
    );
  });

  it('finance, admissions and auditor: their classification, nothing else', async () => {
    await allow('finance', w.principal(['finance']), write('finance.invoices'));
    await refuse('finance', w.principal(['finance']), read('health.allergies', { studentUsi: w.ownStudent }));
    await allow('admissions', w.principal(['admissions']), write('crm.leads'));
    await refuse('admissions', w.principal(['admissions']), write('core.organizations'));
    await refuse('admissions', w.principal(['admissions']), read('edfi.grade', { studentUsi: w.ownStudent }));
    const auditor = w.principal(['auditor']);
    await allow('auditor', auditor, read('compliance.audit_logs'));
    await allow('auditor', auditor, read('compliance.data_access_controls'));
    await refuse('auditor', auditor, write('compliance.data_access_controls'));
    await refuse('auditor', auditor, read('edfi.grade', { studentUsi: w.ownStudent }));
    // The student directory, tenant-wide, to pick a student on the audit page; read only, and audited.
    await allow('auditor', auditor, read('edfi.student', { studentUsi: w.otherSchoolStudent }));
    await refuse('auditor', auditor, write('edfi.student', { studentUsi: w.ownStudent }));
    await refuse('auditor', auditor, read('edfi.studentschoolassociation', { studentUsi: w.ownStudent }));
    await refuse('auditor', auditor, read('edfi.staff'));
    expect(readsAudited('edfi.student', ['auditor'])).toBe(true);
    expect(readsAudited('edfi.student', ['teacher'])).toBe(false);
  });

  it('API client: its school claims and its OAuth scopes', async () => {
    const client = w.principal(['api_client'], {
      kind: 'client',
      actorId: 'sis-client',
      schoolIds: [w.S1],
      scopes: ['https://schola.dev/scope/edfi', `${OR}roster-core.readonly`],
    });
    await allow(
      'api_client',
      client,
      write('edfi.studentschoolassociation', { schoolId: w.S1, studentUsi: w.ownStudent }),
    );
    await refuse('api_client', client, write('edfi.studentschoolassociation', { schoolId: w.S2 }));
    await refuse('api_client', client, read('edfi.grade', { studentUsi: w.otherSchoolStudent }));
    await allow('api_client', client, read('oneroster.users'));
    await refuse('api_client', client, read('oneroster.results')); // no gradebook scope
    await allow('api_client', { ...client, scopes: [`${OR}gradebook.readonly`] }, read('oneroster.results'));
    await refuse('api_client', client, read('oneroster.demographics')); // core scopes never reach demographics
    await refuse('api_client', client, read('health.allergies', { schoolId: w.S1 }));
    const readOnly = { ...client, scopes: ['https://schola.dev/scope/edfi.readonly'] };
    await refuse('api_client', readOnly, write('edfi.studentschoolassociation', { schoolId: w.S1 }));
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
