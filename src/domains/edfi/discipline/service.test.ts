/**
 * Discipline through its service and routes: recording an incident (students and roles, behaviours,
 * actions with consistent suspension days, reporter and decider), counts, and who may see it —
 * discipline staff of the school only; a teacher or a parent is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { daysAfter, schoolYearMonday, schoolYearMonth } from '../../../../test/support/calendar.js';
import { disciplineCounts, disciplineIncidentOf, disciplineIncidents, recordIncident } from './service.js';
import type { RecordIncidentInput } from './schemas.js';

let h: DomainHarness;
let tenant: string;
let school: number;
let otherSchool: number;
let students: number[];
let staffUsi: number;
let admin: Principal;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
// November of the demo's school year (it follows today): after the demo's own incidents (September).
const RANGE = schoolYearMonth(11);
// Mondays of November's first and second weeks; school days are the weekdays.
const WEEK_1 = schoolYearMonday(11, 1);
const MON = schoolYearMonday(11, 2);
const TUE = daysAfter(MON, 1);
const WED = daysAfter(MON, 2);
const FRI = daysAfter(MON, 4);
const NEXT_MON = daysAfter(MON, 7);

const fight = (extra: Partial<RecordIncidentInput> = {}): RecordIncidentInput => ({
  incidentDate: WEEK_1,
  incidentTime: '10:15',
  location: 'Cafeteria',
  description: 'Fight at lunch',
  reportedBy: { staffUsi, name: 'Lunch monitor' },
  costCents: 12_550,
  students: [
    {
      studentUsi: students[0]!,
      role: 'Perpetrator',
      behaviors: [{ behavior: 'School Violation', description: 'Fighting' }],
    },
    { studentUsi: students[1]!, role: 'Victim' },
  ],
  // Monday to Wednesday: three school days.
  actions: [
    {
      studentUsi: students[0]!,
      discipline: 'Out of School Suspension',
      startDate: MON,
      endDate: WED,
      days: 3,
      decidedByStaffUsi: staffUsi,
    },
  ],
  ...extra,
});

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  [school, otherSchool] = await schools();
  students = (
    await h.database.query<{ studentusi: number }>(
      'SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid = $2 ORDER BY 1',
      [tenant, school],
    )
  ).map((r) => r.studentusi);
  [{ staffusi: staffUsi }] = (await h.database.query<{ staffusi: number }>(
    'SELECT staffusi FROM edfi.staffschoolassociation WHERE tenant_id = $1 AND schoolid = $2 ORDER BY 1 LIMIT 1',
    [tenant, school],
  )) as [{ staffusi: number }];
  admin = h.principal(['school_admin'], { schoolIds: [school] });
});
afterAll(() => h.dispose());

async function schools(): Promise<[number, number]> {
  const rows = await h.database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 ORDER BY 1',
    [tenant],
  );
  return [rows[0]!.schoolid, rows[1]!.schoolid];
}

describe('recording an incident', () => {
  it('stores students with roles, behaviours, actions, reporter and decider', async () => {
    const incident = await h.work(admin, (w) => recordIncident(w, school, fight({ incidentIdentifier: 'FIGHT-1' })));
    expect(incident).toMatchObject({
      incidentIdentifier: 'FIGHT-1',
      reportedBy: { staffUsi, name: 'Lunch monitor' },
      costCents: 12_550,
      students: [
        {
          studentUsi: students[0],
          role: 'Perpetrator',
          behaviors: [{ behavior: 'School Violation', description: 'Fighting' }],
        },
        { studentUsi: students[1], role: 'Victim', behaviors: [] },
      ],
      actions: [
        {
          studentUsi: students[0],
          discipline: 'Out of School Suspension',
          startDate: MON,
          endDate: WED,
          days: 3,
          decidedByStaffUsi: staffUsi,
        },
      ],
    });
    await expect(
      h.work(admin, (w) => recordIncident(w, school, fight({ incidentIdentifier: 'FIGHT-1' }))),
    ).rejects.toMatchObject({
      code: 'incident_exists',
      status: 409,
    });
  });

  it('keeps suspension days consistent with start, end and the school calendar', async () => {
    const action = (a: Partial<NonNullable<RecordIncidentInput['actions']>[number]>) =>
      fight({ actions: [{ ...fight().actions![0]!, ...a }] });
    const refusal = (input: RecordIncidentInput) =>
      h
        .work(admin, (w) => recordIncident(w, school, input))
        .catch((e: { code: string; extras: { validationErrors: object } }) => e);
    // Friday to the next Monday: two school days, not four.
    const weekend = await refusal(action({ startDate: FRI, endDate: NEXT_MON, days: 4 }));
    expect(weekend).toMatchObject({ code: 'inconsistent_action' });
    expect(Object.keys((weekend as { extras: { validationErrors: object } }).extras.validationErrors)).toEqual([
      'actions.0.days',
    ]);
    const backwards = await refusal(action({ startDate: WED, endDate: MON }));
    expect(backwards).toMatchObject({ code: 'validation_failed' });
    expect(Object.keys((backwards as { extras: { validationErrors: object } }).extras.validationErrors)).toContain(
      'actions.0.endDate',
    );
    const open = await refusal(action({ endDate: undefined, days: undefined }));
    expect(Object.keys((open as { extras: { validationErrors: object } }).extras.validationErrors).sort()).toEqual([
      'actions.0.days',
      'actions.0.endDate',
    ]);
    const ok = await h.work(admin, (w) =>
      recordIncident(w, school, action({ startDate: FRI, endDate: NEXT_MON, days: 2 })),
    );
    expect(ok.actions[0]!.days).toBe(2);
  });

  it('names unknown codes and students of another school, and changes nothing', async () => {
    const [stranger] = await h.database.query<{ studentusi: number }>(
      'SELECT studentusi FROM edfi.studentschoolassociation WHERE tenant_id = $1 AND schoolid = $2 LIMIT 1',
      [tenant, otherSchool],
    );
    const input = fight({ incidentIdentifier: 'BAD-1' });
    input.students = [
      { studentUsi: students[0]!, role: 'Bystander' },
      { studentUsi: stranger!.studentusi, role: 'Witness' },
    ];
    const refused = await h
      .work(admin, (w) => recordIncident(w, school, input))
      .catch((e: { code: string; extras: { validationErrors: object } }) => e);
    expect(refused).toMatchObject({ code: 'unknown_reference' });
    expect(Object.keys((refused as { extras: { validationErrors: object } }).extras.validationErrors).sort()).toEqual([
      'students.0.role',
      'students.1.studentUsi',
    ]);
    const rows = await h.database.query(
      'SELECT 1 FROM edfi.disciplineincident WHERE tenant_id = $1 AND incidentidentifier = $2',
      [tenant, 'BAD-1'],
    );
    expect(rows).toHaveLength(0);
  });
});

describe('who sees discipline', () => {
  it('lets counsellors and administrators of the school read and count, audited', async () => {
    const counselor = h.principal(['counselor'], { schoolIds: [school] });
    const list = await h.work(counselor, (w) => disciplineIncidents(w, school, RANGE));
    expect(list.incidents.map((i) => i.incidentIdentifier)).toContain('FIGHT-1');
    const one = await h.work(counselor, (w) => disciplineIncidentOf(w, school, 'FIGHT-1'));
    expect(one.students).toHaveLength(2);
    const counts = await h.work(counselor, (w) => disciplineCounts(w, school, RANGE));
    expect(counts.byBehavior.find((b) => b.behavior === 'School Violation')).toMatchObject({
      incidents: 2,
      students: 1,
    });
    expect(counts.byDiscipline).toEqual([{ discipline: 'Out of School Suspension', actions: 2, days: 5 }]);
    const audited = await h.database.query<{ operation: string; record_id: string }>(
      `SELECT operation, record_id FROM compliance.audit_logs
        WHERE tenant_id = $1 AND table_name = 'edfi.disciplineincident' AND user_id = $2 ORDER BY tenant_seq`,
      [tenant, counselor.actorId],
    );
    expect(audited.map((a) => a.operation)).toEqual(['SELECT', 'SELECT']);
    expect(audited[1]!.record_id).toBe(`${school}:FIGHT-1`);
  });

  it('refuses teachers, parents (even of a student involved), students and staff of other schools', async () => {
    const parentAccount = h.demo.credentials.accounts.find((a) => a.roles.includes('parent'))!;
    const refused: Principal[] = [
      h.principal(['teacher'], { schoolIds: [school], person: { edfiStaffUSI: staffUsi } }),
      h.principal(['parent'], { actorId: parentAccount.accountId }),
      h.principal(['student'], { person: { edfiStudentUSI: students[0]! } }),
      h.principal(['counselor'], { schoolIds: [otherSchool] }),
    ];
    for (const principal of refused) {
      await expect(h.work(principal, (w) => disciplineIncidents(w, school, RANGE))).rejects.toMatchObject({
        status: 403,
      });
      await expect(h.work(principal, (w) => disciplineIncidentOf(w, school, 'FIGHT-1'))).rejects.toMatchObject({
        status: 403,
      });
      await expect(h.work(principal, (w) => disciplineCounts(w, school, RANGE))).rejects.toMatchObject({ status: 403 });
    }
    const counselor = h.principal(['counselor'], { schoolIds: [school] });
    await expect(h.work(counselor, (w) => recordIncident(w, school, fight()))).rejects.toMatchObject({
      code: 'forbidden',
    });
    const teacherHttp = await h.inject(refused[0], { url: `/api/v1/schools/${school}/discipline-incidents/FIGHT-1` });
    expect(teacherHttp.statusCode).toBe(403);
  });

  it('records over HTTP and refuses generic writes to the discipline tables', async () => {
    const created = await h.inject(admin, {
      method: 'POST',
      url: `/api/v1/schools/${school}/discipline-incidents`,
      ...json(fight({ incidentIdentifier: 'HTTP-1', actions: [] })),
    });
    expect(created.statusCode).toBe(201);
    const generic = await h.inject(h.principal(['district_admin']), {
      method: 'POST',
      url: '/api/v1/edfi/disciplineincident',
      ...json({ incidentIdentifier: 'X' }),
    });
    expect(generic.statusCode).toBe(405);
    expect(generic.json().detail).toContain('POST /api/v1/schools/{schoolId}/discipline-incidents');
  });
});

describe('concurrent recording', () => {
  it('two staff recording one incident at once: one is stored whole, the other is refused (409), nothing mixed', async () => {
    const other = h.principal(['school_admin'], { schoolIds: [school] });
    const attempts = [
      fight({ incidentIdentifier: 'RACE-1' }),
      fight({
        incidentIdentifier: 'RACE-1',
        description: 'Shoving in the hall',
        students: [
          { studentUsi: students[2]!, role: 'Perpetrator', behaviors: [{ behavior: 'School Violation' }] },
          { studentUsi: students[0]!, role: 'Witness' },
        ],
        actions: [
          {
            studentUsi: students[2]!,
            discipline: 'Out of School Suspension',
            startDate: MON,
            endDate: TUE,
            days: 2,
            decidedByStaffUsi: staffUsi,
          },
        ],
      }),
    ];
    const settled = await Promise.allSettled(
      attempts.map((input, i) => h.work(i === 0 ? admin : other, (w) => recordIncident(w, school, input))),
    );
    const stored = settled.filter((s) => s.status === 'fulfilled');
    const refused = settled.filter((s) => s.status === 'rejected');
    expect(stored).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'incident_exists', status: 409 });
    const winner = attempts[settled.findIndex((s) => s.status === 'fulfilled')]!;
    // The database holds exactly the winner's participants (each once) and actions, with consistent days.
    const participants = await h.database.query<{ studentusi: number; n: number }>(
      `SELECT studentusi, count(*)::int AS n FROM edfi.studentdisciplineincidentassociation
        WHERE tenant_id = $1 AND schoolid = $2 AND incidentidentifier = 'RACE-1' GROUP BY 1 ORDER BY 1`,
      [tenant, school],
    );
    expect(participants).toEqual(
      winner.students
        .map((s) => ({ studentusi: Number(s.studentUsi), n: 1 }))
        .sort((a, b) => a.studentusi - b.studentusi),
    );
    const actions = await h.database.query<{ studentusi: number; days: number; starts: string; ends: string }>(
      `SELECT studentusi, disciplineactionlength::int AS days, disciplinedate::text AS starts, enddate::text AS ends
         FROM edfi.disciplineaction WHERE tenant_id = $1 AND incidentidentifier = 'RACE-1'`,
      [tenant],
    );
    expect(actions).toEqual(
      (winner.actions ?? []).map((a) => ({
        studentusi: Number(a.studentUsi),
        days: a.days,
        starts: a.startDate,
        ends: a.endDate,
      })),
    );
    const [incident] = await h.database.query<{ description: string }>(
      `SELECT incidentdescription AS description FROM edfi.disciplineincident
        WHERE tenant_id = $1 AND schoolid = $2 AND incidentidentifier = 'RACE-1'`,
      [tenant, school],
    );
    expect(incident!.description).toBe(winner.description);
  });

  it('different incidents of the same student at once are both recorded', async () => {
    const settled = await Promise.all(
      ['RACE-2', 'RACE-3'].map((id) =>
        h.work(admin, (w) => recordIncident(w, school, fight({ incidentIdentifier: id }))),
      ),
    );
    expect(settled.map((i) => i.incidentIdentifier).sort()).toEqual(['RACE-2', 'RACE-3']);
    expect(settled.every((i) => i.students.length === 2 && i.actions.length === 1)).toBe(true);
  });
});
