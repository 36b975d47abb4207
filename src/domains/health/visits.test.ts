/**
 * The nurse's office visits through their routes: the demo gives today's visits and students in the
 * office now; a visit is recorded and checked out (out not before in, nothing in the future, each change
 * audited), a student has one open visit at a time — also when three check-ins race — and two check-outs
 * of one visit cannot both win; a student sent home has their parent told through the notification
 * service; another school's nurse and a teacher reach none of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { HEALTH_PATHS } from './routes.js';
import type { VisitsView, VisitView } from './schemas.js';

let h: DomainHarness;
let nurse: Principal;
let otherNurse: Principal;
let students: number[];
let child: { usi: number; parent: string };

const post = (principal: Principal, url: string, body: Record<string, unknown>) =>
  h.inject(principal, {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
const checkOutUrl = (id: string) => HEALTH_PATHS.visitCheckOut.replace(':visitId', id);
const list = (principal: Principal, query = '') =>
  h.inject(principal, { method: 'GET', url: `${HEALTH_PATHS.nurseVisits}${query}` });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  h = await domainHarness();
  const tenant = h.demo.districtTenantId;
  // The demo parent's child, and the nurse of that child's school.
  const [linked] = await h.database.query<{ usi: number; parent: string; school: number }>(
    `SELECT l.student_usi AS usi, l.account_id AS parent, ssa.schoolid AS school
       FROM identity.account_students l
       JOIN identity.accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
       JOIN edfi.studentschoolassociation ssa ON ssa.tenant_id = l.tenant_id AND ssa.studentusi = l.student_usi
      WHERE l.tenant_id = $1 AND l.relation = 'parent' AND a.status = 'active' ORDER BY a.email LIMIT 1`,
    [tenant],
  );
  child = { usi: linked!.usi, parent: linked!.parent };
  const schools = await h.database.query<{ schoolid: number }>(
    'SELECT schoolid FROM edfi.school WHERE tenant_id = $1 AND schoolid <> $2 ORDER BY schoolid',
    [tenant, linked!.school],
  );
  nurse = h.principal(['nurse'], { schoolIds: [linked!.school] });
  otherNurse = h.principal(['nurse'], { schoolIds: [schools[0]!.schoolid] });
  // Students of the school with no open visit (the demo leaves two in the office).
  const free = await h.database.query<{ studentusi: number }>(
    `SELECT ssa.studentusi FROM edfi.studentschoolassociation ssa
      WHERE ssa.tenant_id = $1 AND ssa.schoolid = $2 AND ssa.studentusi <> $3
        AND NOT EXISTS (SELECT 1 FROM health.nurse_visits v WHERE v.tenant_id = ssa.tenant_id
                          AND v.student_usi = ssa.studentusi AND v.time_out IS NULL)
      ORDER BY ssa.studentusi`,
    [tenant, linked!.school, linked!.usi],
  );
  students = free.map((r) => r.studentusi);
});
afterAll(() => h?.dispose());

describe('the nurse’s visits', () => {
  it('lists the students in the office and the day’s visits of the nurse’s school only; reads are audited', async () => {
    const res = await list(nurse);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<VisitsView>();
    expect(body.open.length).toBeGreaterThan(0);
    expect(body.open.every((v) => v.timeOut === null && v.actionTaken === null)).toBe(true);
    const times = body.data.map((v) => v.timeIn);
    expect(times).toEqual([...times].sort().reverse());
    const other = (await list(otherNurse)).json<VisitsView>();
    const mine = new Set([...body.open, ...body.data].map((v) => v.visitId));
    expect([...other.open, ...other.data].some((v) => mine.has(v.visitId))).toBe(false);
    const [audited] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND user_id = $2
          AND operation = 'SELECT' AND table_name = 'health.nurse_visits'`,
      [h.demo.districtTenantId, nurse.actorId],
    );
    expect(audited!.n).toBeGreaterThan(0);
    const teacher = h.principal(['teacher']);
    expect((await list(teacher)).statusCode).toBe(403);
    expect((await post(teacher, HEALTH_PATHS.visits, { studentUsi: students[0], reason: 'Cough' })).statusCode).toBe(
      403,
    );
    expect((await list(nurse, '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')).statusCode).toBe(400);
  });

  it('records a visit, checks it out, and audits both; the times keep their order and stay in the past', async () => {
    const studentUsi = students[0]!;
    const opened = await post(nurse, HEALTH_PATHS.visits, { studentUsi, reason: 'Headache', timeIn: minutesAgo(20) });
    expect(opened.statusCode, opened.body).toBe(201);
    const visit = opened.json<VisitView>();
    expect(visit).toMatchObject({ studentUsi, reason: 'Headache', timeOut: null, actionTaken: null });
    const before = await post(nurse, checkOutUrl(visit.visitId), {
      actionTaken: 'returned_to_class',
      timeOut: minutesAgo(30),
    });
    expect(before.statusCode).toBe(400);
    expect(before.body).toContain('timeOut');
    const future = await post(nurse, checkOutUrl(visit.visitId), {
      actionTaken: 'returned_to_class',
      timeOut: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    const noAction = await post(nurse, checkOutUrl(visit.visitId), {});
    expect(noAction.statusCode).toBe(400);
    expect(noAction.body).toContain('actionTaken');
    const closed = await post(nurse, checkOutUrl(visit.visitId), {
      actionTaken: 'returned_to_class',
      assessment: 'Rested with water; no fever.',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      actionTaken: 'returned_to_class',
      assessment: 'Rested with water; no fever.',
    });
    const again = await post(nurse, checkOutUrl(visit.visitId), { actionTaken: 'sent_home' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'visit_closed' });
    const audits = await h.database.query<{ operation: string }>(
      `SELECT operation FROM compliance.audit_logs WHERE tenant_id = $1 AND table_name = 'health.nurse_visits'
          AND record_id = $2 ORDER BY timestamp`,
      [h.demo.districtTenantId, visit.visitId],
    );
    expect(audits.map((a) => a.operation)).toEqual(['INSERT', 'UPDATE']);
    // A visit recorded afterwards names its action; out not before in; neither in the future.
    const late = { studentUsi, reason: 'Nosebleed', timeIn: minutesAgo(50) };
    expect((await post(nurse, HEALTH_PATHS.visits, { ...late, timeOut: minutesAgo(40) })).body).toContain(
      'actionTaken',
    );
    const reversed = await post(nurse, HEALTH_PATHS.visits, {
      ...late,
      timeOut: minutesAgo(60),
      actionTaken: 'returned_to_class',
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('timeOut');
    const ahead = await post(nurse, HEALTH_PATHS.visits, { ...late, timeIn: new Date(Date.now() + 60_000) });
    expect(ahead.statusCode).toBe(400);
    const done = await post(nurse, HEALTH_PATHS.visits, {
      ...late,
      timeOut: minutesAgo(40),
      actionTaken: 'returned_to_class',
    });
    expect(done.statusCode, done.body).toBe(201);
    // Out of reach: another school's nurse, a student unknown.
    expect((await post(otherNurse, HEALTH_PATHS.visits, { studentUsi, reason: 'Cough' })).statusCode).toBe(403);
    expect((await post(otherNurse, checkOutUrl(visit.visitId), { actionTaken: 'sent_home' })).statusCode).toBe(403);
    // The generic API writes no visit: the service owns the table.
    const generic = await h.inject(nurse, {
      method: 'POST',
      url: '/api/v1/health/nurse-visits',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ studentUsi, reason: 'x', timeIn: minutesAgo(1) }),
    });
    expect(generic.statusCode).toBe(405);
  });

  it('keeps one open visit per student, also when three check-ins race', async () => {
    const studentUsi = students[1]!;
    const results = await Promise.all(
      [1, 2, 3].map(() => post(nurse, HEALTH_PATHS.visits, { studentUsi, reason: 'Stomach ache' })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'visit_already_open' });
    const [open] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM health.nurse_visits WHERE tenant_id = $1 AND student_usi = $2
          AND time_out IS NULL`,
      [h.demo.districtTenantId, studentUsi],
    );
    expect(open!.n).toBe(1);
    // Two check-outs of that visit at once: one closes it, the other is told it is closed.
    const visitId = results.find((r) => r.statusCode === 201)!.json<VisitView>().visitId;
    const outs = await Promise.all(
      ['returned_to_class', 'parent_contacted'].map((actionTaken) =>
        post(nurse, checkOutUrl(visitId), { actionTaken }),
      ),
    );
    expect(outs.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    // Closed, the student may come back.
    expect((await post(nurse, HEALTH_PATHS.visits, { studentUsi, reason: 'Again' })).statusCode).toBe(201);
  });

  it('tells the parent when the student is sent home', async () => {
    const opened = await post(nurse, HEALTH_PATHS.visits, {
      studentUsi: child.usi,
      reason: 'Fever',
      timeIn: minutesAgo(30),
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const out = await post(nurse, checkOutUrl(opened.json<VisitView>().visitId), {
      actionTaken: 'sent_home',
      assessment: 'Temperature 38.6 °C.',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<VisitView>().parentsNotified).toBeGreaterThan(0);
    const inbox = await h.database.query<{ subject: string }>(
      `SELECT subject FROM notifications.notification_queue WHERE tenant_id = $1 AND user_id = $2
          AND notification_type = 'health.sent_home' AND channel = 'in_app'`,
      [h.demo.districtTenantId, child.parent],
    );
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.subject).toMatch(/was sent home by the school nurse$/);
  });
});
