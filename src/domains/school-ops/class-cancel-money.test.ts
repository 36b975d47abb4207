/**
 * A cancelled class and its enrolments (issue 18): the dialog's preview says what will happen; the
 * cancellation ends the active enrolments, cancels their invoices from this month on and gives what was
 * paid back as family credit, with the books posted; an ended enrolment transfers to another class of
 * the course, and two transfers into the last seat at once: exactly one wins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { languageSchool, type LanguageSchool } from '../../../test/support/language-school.js';

let h: DomainHarness;
let ls: LanguageSchool;
const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const post = (url: string, body: unknown = {}) => h.inject(ls.office, { method: 'POST', url, ...json(body) });
const BASE = '/api/v1/school-ops';
const month = (offset: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};

async function newClass(max: number) {
  const res = await post(`${BASE}/classes`, {
    name: `Cancel test ${Math.random().toString(36).slice(2, 8)}`,
    termId: ls.termId,
    courseTypeId: ls.courseTypeId,
    levelCode: 'A1',
    maxStudents: max,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function invoice(enrollmentId: string, studentId: string, period: string, paidCents: number) {
  const id = `inv-${enrollmentId}-${period}`;
  await h.database.query(
    `INSERT INTO finance.invoices (tenant_id, id, organization_id, payer_id, student_id, enrollment_id, period,
       due_date,       gross_cents, discount_cents, fee_cents, credit_cents, net_cents, paid_cents, amount, status)
     SELECT $1, $2, c.organization_id, $3, $3, $4, $5, ($5 || '-10')::date, 45000, 0, 0, 0, 45000, $6, 450,
            CASE WHEN $6 = 45000 THEN 'paid' ELSE 'pending' END
       FROM school_ops.enrollments e JOIN school_ops.classes c ON c.tenant_id = e.tenant_id AND c.id = e.class_id
      WHERE e.tenant_id = $1 AND e.id = $4`,
    [ls.tenantId, id, studentId, enrollmentId, period, paidCents],
  );
  return id;
}

beforeAll(async () => {
  h = await domainHarness();
  ls = await languageSchool(h);
});
afterAll(() => h.dispose());

describe('cancelling a class with students', () => {
  it('ends the enrolments, cancels their future invoices and credits what was paid', async () => {
    const cls = await newClass(10);
    const students = await ls.addStudents(2);
    const enrolments: string[] = [];
    for (const studentId of students) {
      const res = await post(`${BASE}/classes/${cls.id}/enrollments`, { studentId });
      expect(res.statusCode, res.body).toBe(201);
      enrolments.push(res.json().id);
    }
    const past = await invoice(enrolments[0]!, students[0]!, month(-2), 45000);
    const unpaid = await invoice(enrolments[0]!, students[0]!, month(1), 0);
    const prepaid = await invoice(enrolments[1]!, students[1]!, month(1), 45000);
    const preview = await h.inject(ls.office, { method: 'GET', url: `${BASE}/classes/${cls.id}/cancellation-preview` });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ enrollmentsToEnd: 2, invoicesCancelled: 2, creditedCents: 45000 });

    const res = await post(`${BASE}/classes/${cls.id}/cancel`, { reason: 'Teacher left' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enrollmentsEnded: 2, invoicesCancelled: 2, creditedCents: 45000 });
    const statuses = await h.database.query<{ id: string; status: string }>(
      'SELECT id, status FROM finance.invoices WHERE tenant_id = $1 AND id = ANY($2) ORDER BY id',
      [ls.tenantId, [past, unpaid, prepaid]],
    );
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [past]: 'paid',
      [unpaid]: 'cancelled',
      [prepaid]: 'cancelled',
    });
    const [credit] = await h.database.query<{ cents: string }>(
      `SELECT coalesce(sum(amount_cents), 0) AS cents FROM finance.family_credits
        WHERE tenant_id = $1 AND payer_id = $2`,
      [ls.tenantId, students[1]],
    );
    expect(Number(credit!.cents)).toBe(45000);
    const ended = await h.database.query<{ status: string }>(
      'SELECT status FROM school_ops.enrollments WHERE tenant_id = $1 AND id = ANY($2)',
      [ls.tenantId, enrolments],
    );
    expect(ended.map((e) => e.status)).toEqual(['dropped', 'dropped']);
    const [books] = await h.database.query<{ n: number; debits: string; credits: string }>(
      `SELECT count(DISTINCT e.id)::int AS n,
              sum(l.amount_cents) FILTER (WHERE l.entry_type = 'debit') AS debits,
              sum(l.amount_cents) FILTER (WHERE l.entry_type = 'credit') AS credits
         FROM finance.journal_entries e
         JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
        WHERE e.tenant_id = $1 AND e.status = 'posted' AND e.source_id = ANY($2)
          AND e.event_kind IN ('invoice_cancelled', 'credit_created')`,
      [ls.tenantId, [unpaid, prepaid]],
    );
    expect(books!.n).toBe(3); // two cancellations, one credit
    expect(books!.debits).toBe(books!.credits);
    expect(Number(books!.debits)).toBe(45000 * 3);
    // Cancelling again changes nothing.
    expect((await post(`${BASE}/classes/${cls.id}/cancel`, { reason: 'again' })).statusCode).toBe(409);

    // The ended enrolments transfer to another class of the course; its last seat goes to one of them.
    const target = await newClass(1);
    const same = await post(`${BASE}/enrollments/${enrolments[0]}/transfer`, { classId: cls.id });
    expect(same.statusCode).toBe(400);
    expect(Object.keys(same.json().validationErrors)).toEqual(['classId']);
    const both = await Promise.all(
      enrolments.map((id) => post(`${BASE}/enrollments/${id}/transfer`, { classId: target.id })),
    );
    expect(both.map((r) => r.statusCode).sort(), both.map((r) => r.body).join('\n')).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'class_full' });
    const won = both.find((r) => r.statusCode === 200)!.json();
    expect(won).toMatchObject({ from: { status: 'transferred' }, to: { classId: target.id, status: 'active' } });
    const [seats] = await h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM school_ops.enrollments
        WHERE tenant_id = $1 AND class_id = $2 AND status = 'active'`,
      [ls.tenantId, target.id],
    );
    expect(seats!.n).toBe(1);
  });
});
