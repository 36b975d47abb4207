/**
 * The CRM through its routes against a real database: funnel moves allowed and refused (also under
 * concurrent moves), trial classes taking real seats, conversion in one transaction (a full class
 * leaves nothing behind), referrals, and the funnel report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';
import type { Principal } from '../../platform/auth/roles.js';

let h: DomainHarness;
let ls: LanguageSchool;
let sales: Principal;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const post = (url: string, body: unknown = {}, who: Principal = sales) =>
  h.inject(who, { method: 'POST', url, ...json(body) });

async function lead(extra: Record<string, unknown> = {}) {
  const res = await post('/api/v1/sales/leads', {
    name: `Lead ${Math.random().toString(36).slice(2, 8)}`,
    email: `lead.${Math.random().toString(36).slice(2, 8)}@example.test`,
    source: 'website',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string };
}
const move = (id: string, status: string, reason?: string) =>
  post(`/api/v1/sales/leads/${id}/move`, { status, ...(reason ? { reason } : {}) });

async function classWithSession(max: number, enrolled: number) {
  const cls = await post(
    '/api/v1/school-ops/classes',
    {
      name: `Trial class ${max}-${enrolled}-${Math.random()}`,
      termId: ls.termId,
      courseTypeId: ls.courseTypeId,
      levelCode: 'A1',
      maxStudents: max,
    },
    ls.office,
  );
  expect(cls.statusCode, cls.body).toBe(201);
  const classId = cls.json().id as string;
  for (const studentId of await ls.addStudents(enrolled))
    expect((await post(`/api/v1/school-ops/classes/${classId}/enrollments`, { studentId }, ls.office)).statusCode).toBe(
      201,
    );
  const session = await post(
    `/api/v1/school-ops/classes/${classId}/sessions`,
    { date: '2026-06-01', startTime: '07:00', endTime: '08:00' },
    ls.office,
  );
  expect(session.statusCode, session.body).toBe(201);
  return { classId, sessionId: session.json().id as string };
}

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
  sales = ls.as(['admissions']);
});
afterAll(() => h.dispose());

describe('lead funnel', () => {
  it('moves only forward, or out with a reason; new → enrolled → new is impossible', async () => {
    const l = await lead();
    expect((await move(l.id, 'enrolled')).json().code).toBe('conversion_required');
    expect((await move(l.id, 'qualified')).statusCode).toBe(200); // skipping a stage forward is allowed
    const back = await move(l.id, 'contacted');
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'backward_move', from: 'qualified', to: 'contacted' });
    expect((await move(l.id, 'qualified')).json().code).toBe('backward_move');
    const noReason = await move(l.id, 'lost');
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().validationErrors)).toEqual(['reason']);
    expect((await move(l.id, 'lost', 'chose another school')).json().status).toBe('lost');
    expect((await move(l.id, 'new')).json().code).toBe('lead_closed');
    expect((await move(l.id, 'inactive', 'x')).json().code).toBe('lead_closed');
    const bad = await move(l.id, 'trial');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().validationErrors)).toEqual(['status']);
    const log = await h.inject(sales, { url: `/api/v1/sales/leads/${l.id}/interactions` });
    expect(log.json().map((i: { outcome: string }) => i.outcome)).toEqual(['status:qualified', 'status:lost']);
  });

  it('lets exactly one of concurrent identical moves through', async () => {
    const l = await lead();
    const results = await Promise.all(Array.from({ length: 10 }, () => move(l.id, 'contacted')));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'backward_move')).toBe(true);
    // racing an exit against a forward move: one order wins, the lead never goes backward
    const [a, b] = await Promise.all([move(l.id, 'lost', 'no budget'), move(l.id, 'proposal_sent')]);
    expect([a.statusCode, b.statusCode].sort()).toEqual(
      a.statusCode === 200 && b.statusCode === 200 ? [200, 200] : [200, 409],
    );
    const [row] = await h.database.query<{ status: string }>(
      'SELECT status FROM crm.leads WHERE tenant_id = $1 AND id = $2',
      [ls.tenantId, l.id],
    );
    expect(['lost', 'proposal_sent']).toContain(row!.status);
  });

  it('logs interactions and refuses unknown types naming the field', async () => {
    const l = await lead();
    const ok = await post(`/api/v1/sales/leads/${l.id}/interactions`, {
      type: 'whatsapp',
      content: 'Sent prices',
      outcome: 'interested',
    });
    expect(ok.statusCode).toBe(201);
    const bad = await post(`/api/v1/sales/leads/${l.id}/interactions`, { type: 'fax', content: '' });
    expect(Object.keys(bad.json().validationErrors).sort()).toEqual(['content', 'type']);
  });
});

describe('trial classes', () => {
  it('book a seat in a real session, counted against the class capacity', async () => {
    const { sessionId } = await classWithSession(3, 1);
    const [a, b, c] = [await lead(), await lead(), await lead()];
    const results = await Promise.all([a, b, c].map((l) => post(`/api/v1/sales/leads/${l.id}/trials`, { sessionId })));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    const full = results.find((r) => r.statusCode === 409)!;
    expect(full.json().code).toBe('class_full');
    const booked = results.find((r) => r.statusCode === 201)!.json();
    const leadAfter = (await h.inject(sales, { url: '/api/v1/sales/leads' }))
      .json()
      .find((l: { id: string }) => l.id === booked.leadId);
    expect(leadAfter.status).toBe('trial_scheduled');
    const outcome = await post(`/api/v1/sales/trials/${booked.id}/outcome`, { attended: true, feedback: 'loved it' });
    expect(outcome.json()).toMatchObject({ status: 'completed', attended: true });
    expect((await post(`/api/v1/sales/trials/${booked.id}/outcome`, { attended: false })).json().code).toBe(
      'trial_closed',
    );
  });
});

describe('conversion', () => {
  const student = { firstName: 'Joana', lastName: 'Atomica' };
  const counts = async () => {
    const [r] = await h.database.query<{ users: number; families: number }>(
      `SELECT (SELECT count(*)::int FROM core.users
                WHERE tenant_id = $1 AND last_name IN ('Atomica', 'AtomicaParent')) AS users,
              (SELECT count(*)::int FROM core.families f
                 JOIN core.users u ON u.tenant_id = f.tenant_id AND u.id = f.child_id
                WHERE f.tenant_id = $1 AND u.last_name = 'Atomica') AS families`,
      [ls.tenantId],
    );
    return r!;
  };

  it('creates nothing when any part fails (the class is full), everything in one transaction otherwise', async () => {
    const [referrer] = await ls.addStudents(1);
    const l = await lead({ source: 'referral', referrerId: referrer });
    const full = await classWithSession(1, 1);
    const body = {
      classId: full.classId,
      student,
      guardian: { firstName: 'Rita', lastName: 'AtomicaParent', phone: '+55 11 90000-0000' },
      relationship: 'mother',
    };
    const refused = await post(`/api/v1/sales/leads/${l.id}/convert`, body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('class_full');
    expect(await counts()).toEqual({ users: 0, families: 0 });
    const [after] = await h.database.query<{ status: string }>(
      'SELECT status FROM crm.leads WHERE tenant_id = $1 AND id = $2',
      [ls.tenantId, l.id],
    );
    expect(after!.status).toBe('new');

    const open = await classWithSession(5, 1);
    const done = await post(`/api/v1/sales/leads/${l.id}/convert`, { ...body, classId: open.classId });
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ lead: { status: 'enrolled' }, referralReward: 'pending' });
    expect(await counts()).toEqual({ users: 2, families: 1 });
    const [enrolment] = await h.database.query<{ status: string }>(
      'SELECT status FROM school_ops.enrollments WHERE tenant_id = $1 AND id = $2',
      [ls.tenantId, done.json().enrollmentId],
    );
    expect(enrolment!.status).toBe('active');
    const [ref] = await h.database.query<{ converted: boolean; reward_given: boolean }>(
      'SELECT converted, reward_given FROM crm.referrals WHERE tenant_id = $1 AND referred_lead_id = $2',
      [ls.tenantId, l.id],
    );
    expect(ref).toEqual({ converted: true, reward_given: false });
    // converted once: a second conversion and any further move are refused
    expect((await post(`/api/v1/sales/leads/${l.id}/convert`, body)).json().code).toBe('lead_closed');
    expect((await move(l.id, 'new')).json().code).toBe('lead_closed');
  });
});

describe('referral rewards', () => {
  it("grant the referrer's discount through finance when the converting desk may (else it stays pending)", async () => {
    const [referrer] = await ls.addStudents(1);
    const l = await lead({ source: 'referral', referrerId: referrer });
    const open = await classWithSession(5, 0);
    const secretary = ls.as(['admissions', 'finance']);
    const done = await post(
      `/api/v1/sales/leads/${l.id}/convert`,
      { classId: open.classId, student: { firstName: 'Referida', lastName: 'Silva' } },
      secretary,
    );
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json().referralReward).toBe('granted');
    const grants = await h.database.query<{ kind: string; percent_basis_points: number }>(
      'SELECT kind, percent_basis_points FROM finance.discount_grants WHERE tenant_id = $1 AND student_id = $2',
      [ls.tenantId, referrer],
    );
    expect(grants).toEqual([{ kind: 'referral', percent_basis_points: 1000 }]);
    const [ref] = await h.database.query<{ reward_given: boolean }>(
      'SELECT reward_given FROM crm.referrals WHERE tenant_id = $1 AND referred_lead_id = $2',
      [ls.tenantId, l.id],
    );
    expect(ref!.reward_given).toBe(true);
  });
});

describe('funnel report', () => {
  it('counts leads per status and the rates from stage to stage, within a period', async () => {
    const all = await h.inject(sales, { url: '/api/v1/sales/funnel' });
    expect(all.statusCode, all.body).toBe(200);
    const report = all.json();
    expect(report.stages.map((s: { status: string }) => s.status)).toEqual([
      'new',
      'contacted',
      'qualified',
      'trial_scheduled',
      'trial_completed',
      'proposal_sent',
      'enrolled',
    ]);
    expect(report.stages[0].reached).toBe(report.total);
    for (let k = 1; k < report.stages.length; k++)
      expect(report.stages[k].reached).toBeLessThanOrEqual(report.stages[k - 1].reached);
    expect(Object.values(report.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(report.total);
    // a period before any lead: nothing, and no rates
    const none = (await h.inject(sales, { url: '/api/v1/sales/funnel?from=2000-01-01&to=2000-12-31' })).json();
    expect(none).toMatchObject({ total: 0, conversionRate: null });
    const bad = await h.inject(sales, { url: '/api/v1/sales/funnel?from=yesterday' });
    expect(Object.keys(bad.json().validationErrors)).toEqual(['from']);
  });
});
