/**
 * Student health through the service's routes: the demo's data makes the nurse's lists meaningful
 * (students short of required immunizations, today's doses by time, allergies severe first), each list
 * confined to the nurse's school, searched and paged on the server, its reads audited; recording an
 * immunization keeps its rules (no future date, a positive dose, each dose once — also when two nurses
 * record it at the same moment); the health tables are sensitive: a teacher reads no immunization or
 * medication and records nothing, and sees only their own students' allergies (the access policy's choice).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { auditFactsOf, classificationOf } from '../../platform/auth/classification.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { HEALTH_PATHS } from './routes.js';
import type { AllergiesView, ComplianceView, MedicationsTodayView } from './schemas.js';

let h: DomainHarness;
let nurse: Principal;
let otherSchoolNurse: Principal;
let teacher: Principal;
let ownStudents: Set<number>;

const get = <T>(principal: Principal, url: string) =>
  h.inject(principal, { method: 'GET', url }).then((res) => ({ res, body: res.json<T>() }));
const record = (principal: Principal, body: Record<string, unknown>) =>
  h.inject(principal, {
    method: 'POST',
    url: HEALTH_PATHS.immunizations,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  h = await domainHarness();
  const schools = await h.database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 ORDER BY schoolid',
    [h.demo.districtTenantId],
  );
  const [one, two] = schools.map((s) => s.schoolid) as [number, number];
  nurse = h.principal(['nurse'], { schoolIds: [one] });
  otherSchoolNurse = h.principal(['nurse'], { schoolIds: [two] });
  teacher = h.principal(['teacher'], { schoolIds: [one] });
  const enrolled = await h.database.query<{ studentusi: number }>(
    'SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid = $2',
    [h.demo.districtTenantId, one],
  );
  ownStudents = new Set(enrolled.map((r) => r.studentusi));
});
afterAll(() => h?.dispose());

describe('the nurse’s lists', () => {
  it('the compliance list names the school’s students short of required doses, searchable and paged', async () => {
    const { res, body } = await get<ComplianceView>(nurse, `${HEALTH_PATHS.compliance}?limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.page.total).toBe(body.data.length);
    for (const row of body.data) {
      expect(ownStudents.has(row.studentUsi)).toBe(true);
      expect(row.missing.length).toBeGreaterThan(0);
      for (const m of row.missing) expect(m.recorded).toBeLessThan(m.required);
    }
    const first = body.data[0]!;
    const found = await get<ComplianceView>(
      nurse,
      `${HEALTH_PATHS.compliance}?q=${encodeURIComponent(first.studentName)}`,
    );
    expect(found.body.data.map((r) => r.studentUsi)).toContain(first.studentUsi);
    const one = await get<ComplianceView>(nurse, `${HEALTH_PATHS.compliance}?limit=1&offset=1`);
    expect(one.body.data).toHaveLength(Math.min(1, body.data.length - 1));
    expect(one.body.page.total).toBe(body.page.total);
    // Another school's nurse sees none of these students.
    const other = await get<ComplianceView>(otherSchoolNurse, `${HEALTH_PATHS.compliance}?limit=200`);
    expect(other.body.data.some((r) => ownStudents.has(r.studentUsi))).toBe(false);
  });

  it('today’s medications come by dose time, as-needed last; allergies severe first; reads are audited', async () => {
    const meds = await get<MedicationsTodayView>(nurse, HEALTH_PATHS.medicationsToday);
    expect(meds.res.statusCode, meds.res.body).toBe(200);
    expect(meds.body.date).toBe(today());
    const times = meds.body.data.map((r) => r.time);
    expect(times.filter((t) => t !== null).length).toBeGreaterThan(2);
    const timed = times.filter((t): t is string => t !== null);
    expect(timed).toEqual([...timed].sort());
    expect(times.indexOf(null) === -1 || times.slice(times.indexOf(null)).every((t) => t === null)).toBe(true);
    // A twice-a-day medication is two doses.
    const twice = meds.body.data.filter((r) => r.medicationName === 'Levetiracetam');
    expect(twice.map((r) => r.time)).toEqual(twice.length ? ['08:15', '14:30'] : []);

    const list = await get<AllergiesView>(nurse, HEALTH_PATHS.allergies);
    expect(list.res.statusCode).toBe(200);
    const order = ['severe', 'moderate', 'mild'];
    const ranks = list.body.data.map((r) => order.indexOf(r.severity ?? ''));
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const audited = await h.database.query<{ table_name: string }>(
      `SELECT DISTINCT table_name FROM compliance.audit_logs
        WHERE tenant_id = $1 AND user_id = $2 AND operation = 'SELECT'`,
      [h.demo.districtTenantId, nurse.actorId],
    );
    expect(audited.map((r) => r.table_name).sort()).toEqual(
      ['health.allergies', 'health.immunizations', 'health.medications'].sort(),
    );
  });

  it('health tables are sensitive: a teacher reads no immunization or medication, only own students’ allergies', async () => {
    for (const table of ['health.immunizations', 'health.medications', 'health.allergies'])
      expect([classificationOf(table), auditFactsOf(table)?.auditReads]).toEqual(['sensitive_health', true]);
    for (const url of [HEALTH_PATHS.compliance, HEALTH_PATHS.medicationsToday]) {
      const { res } = await get(teacher, url);
      expect(res.statusCode, url).toBe(403);
    }
    for (const url of ['/api/v1/health/medications', '/api/v1/health/immunizations'])
      expect((await get(teacher, url)).res.statusCode, url).toBe(403);
    // The policy lets a teacher see the allergies of their own sections' students (it matters in class).
    const [demoTeacher] = await h.database.query<{ id: string; staff: number }>(
      `SELECT id, edfi_staff_usi AS staff FROM identity.accounts WHERE tenant_id = $1 AND email LIKE 'teacher@%'`,
      [h.demo.districtTenantId],
    );
    const taught = await h.database.query<{ studentusi: number }>(
      `SELECT DISTINCT ssa.studentusi FROM edfi.studentsectionassociation ssa JOIN edfi.staffsectionassociation st
         ON (st.tenant_id, st.sectionidentifier, st.localcoursecode, st.schoolid, st.schoolyear) = (ssa.tenant_id,
           ssa.sectionidentifier, ssa.localcoursecode, ssa.schoolid, ssa.schoolyear)
       WHERE st.tenant_id = $1 AND st.staffusi = $2`,
      [h.demo.districtTenantId, demoTeacher!.staff],
    );
    const own = new Set(taught.map((r) => r.studentusi));
    const linked = h.principal(['teacher'], { actorId: demoTeacher!.id, person: { edfiStaffUSI: demoTeacher!.staff } });
    const seen = await get<AllergiesView>(linked, `${HEALTH_PATHS.allergies}?limit=200`);
    expect(seen.res.statusCode, seen.res.body).toBe(200);
    expect(seen.body.data.every((r) => own.has(r.studentUsi))).toBe(true);
    const [student] = [...ownStudents];
    const refused = await record(linked, {
      studentUsi: student,
      vaccineType: 'MMR',
      doseNumber: 9,
      dateAdministered: today(),
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('recording an immunization', () => {
  it('records a missing dose, which takes the student off the list for that vaccine', async () => {
    const { body } = await get<ComplianceView>(nurse, `${HEALTH_PATHS.compliance}?limit=200`);
    const row = body.data[0]!;
    const gap = row.missing[0]!;
    const res = await record(nurse, {
      studentUsi: row.studentUsi,
      vaccineType: gap.vaccine,
      doseNumber: gap.recorded + 1,
      dateAdministered: today(),
      lotNumber: 'L12345',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ studentUsi: row.studentUsi, vaccineType: gap.vaccine, lotNumber: 'L12345' });
    const after = await get<ComplianceView>(nurse, `${HEALTH_PATHS.compliance}?limit=200`);
    const again = after.body.data.find((r) => r.studentUsi === row.studentUsi);
    const same = again?.missing.find((m) => m.vaccine === gap.vaccine);
    expect(same ? same.recorded : gap.required).toBe(same ? gap.recorded + 1 : gap.required);
    const [audit] = await h.database.query<{ operation: string }>(
      `SELECT operation FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'health.immunizations'
         AND record_id = $2`,
      [h.demo.districtTenantId, String(res.json().immunizationId)],
    );
    expect(audit?.operation).toBe('INSERT');
  });

  it('refuses a future date and a dose number below 1 (naming the field), and a student out of reach', async () => {
    const [student] = [...ownStudents];
    const base = { studentUsi: student, vaccineType: 'Influenza', doseNumber: 1, dateAdministered: today() };
    const future = await record(nurse, { ...base, dateAdministered: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('dateAdministered');
    const zero = await record(nurse, { ...base, doseNumber: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('doseNumber');
    // A student outside the nurse's school — unknown or not — is refused before anything is told.
    expect((await record(nurse, { ...base, studentUsi: 2_000_000_000 })).statusCode).toBe(403);
    // The generic API writes no immunization: the service owns the table.
    const generic = await h.inject(nurse, {
      method: 'PATCH',
      url: '/api/v1/health/immunizations/1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ doseNumber: 3 }),
    });
    expect(generic.statusCode).toBe(405);
  });

  it('records a dose once, also when two nurses record it at the same moment', async () => {
    const [, student] = [...ownStudents];
    const dose = { studentUsi: student, vaccineType: 'Hepatitis A', doseNumber: 1, dateAdministered: today() };
    const results = await Promise.all([record(nurse, dose), record(nurse, dose), record(nurse, dose)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'dose_already_recorded' });
    const rows = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM health.immunizations
        WHERE tenant_id = $1 AND student_usi = $2 AND vaccine_type = 'Hepatitis A'`,
      [h.demo.districtTenantId, student],
    );
    expect(rows[0]!.n).toBe(1);
  });
});
