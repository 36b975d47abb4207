/**
 * Billing against a real database: the invoice run (idempotent, also run twice at once), sibling and
 * granted discounts in order, partial / over / late / early payments, family credit applied to the
 * next invoice, refunds, the books (one journal entry per money event, balanced), the generic API
 * refusing writes, and field-named 400s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { languageSchoolCalendar } from '../../../demo/language-school-dates.js';
import { periodFromNow } from '../../../../test/support/calendar.js';
import { generateInvoices, grantDiscount } from './generate.js';
import { recordPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { overdueSweep } from './overdue.js';
import { invoiceDetail } from './queries.js';

let h: DomainHarness;
let finance: Principal;
let tenant: string;
let orgId: string;

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
const q = <T>(text: string, params: unknown[] = []) => h.database.query<T>(text, params);

async function invoiceOf(enrollmentId: string, period: string) {
  const [row] = await q<{ id: string }>(
    'SELECT id FROM finance.invoices WHERE tenant_id = $1 AND enrollment_id = $2 AND period = $3',
    [tenant, enrollmentId, period],
  );
  return row!.id;
}

let enrollments: { id: string; user_id: string }[];

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 12 });
  tenant = h.demo.languageSchoolTenantId;
  finance = h.principal(['finance'], { tenantId: tenant });
  [{ id: orgId }] = (await q<{ id: string }>('SELECT id FROM core.organizations WHERE tenant_id = $1', [tenant])) as [
    { id: string },
  ];
  enrollments = await q<{ id: string; user_id: string }>(
    `SELECT id, user_id FROM school_ops.enrollments WHERE tenant_id = $1 AND status = 'active' ORDER BY id`,
    [tenant],
  );
});
afterAll(() => h?.dispose());

describe('invoice run', () => {
  it('issues one invoice per active enrollment and month, also when run twice at once', async () => {
    const runs = await Promise.all(
      [0, 1].map(() => h.work(finance, (w) => generateInvoices(w, { period: '2026-05' }))),
    );
    expect(runs[0]!.created + runs[1]!.created).toBe(enrollments.length);
    const again = await h.work(finance, (w) => generateInvoices(w, { period: '2026-05' }));
    expect(again).toMatchObject({ created: 0, existing: enrollments.length });
    const [count] = await q<{ n: number; due: string }>(
      `SELECT count(*)::int AS n, min(to_char(due_date, 'YYYY-MM-DD')) AS due FROM finance.invoices
        WHERE tenant_id = $1 AND period = '2026-05'`,
      [tenant],
    );
    expect(count).toEqual({ n: enrollments.length, due: '2026-05-10' });
    // The books: one invoice_issued entry per invoice, and the journal numbered 1..n without gaps.
    const [books] = await q<{ issued: number; entries: number; numbers: number; top: number }>(
      `SELECT (SELECT count(*)::int FROM finance.journal_entries e JOIN finance.invoices i
                 ON i.tenant_id = e.tenant_id AND i.id = e.source_id AND i.period = '2026-05'
                WHERE e.tenant_id = $1 AND e.event_kind = 'invoice_issued') AS issued,
              count(*)::int AS entries, count(DISTINCT entry_number)::int AS numbers,
              coalesce(max(entry_number), 0)::int AS top
         FROM finance.journal_entries WHERE tenant_id = $1 AND organization_id = $2`,
      [tenant, orgId],
    );
    expect(books).toEqual({ issued: enrollments.length, entries: books!.top, numbers: books!.top, top: books!.top });
  });

  it('gives the sibling discount when another child of the family is enrolled, then grants in order', async () => {
    const [a, b] = enrollments as [{ id: string; user_id: string }, { id: string; user_id: string }];
    const parentId = 'parent-sibling-test';
    await q(
      `INSERT INTO core.users (tenant_id, id, organization_id, role, first_name, last_name)
       VALUES ($1, $2, $3, 'parent', 'Ana', 'Teste')`,
      [tenant, parentId, orgId],
    );
    for (const [i, child] of [a.user_id, b.user_id].entries()) {
      await q(
        `INSERT INTO core.families (tenant_id, id, parent_id, child_id, relationship, is_primary)
         VALUES ($1, $2, $3, $4, 'mother', false)`,
        [tenant, `fam-sibling-test-${i}`, parentId, child],
      );
    }
    await h.work(finance, (w) =>
      grantDiscount(w, {
        organizationId: orgId,
        studentId: b.user_id,
        kind: 'referral',
        amountCents: 5_000,
        reason: 'r',
      }),
    );
    await h.work(finance, (w) =>
      grantDiscount(w, { organizationId: orgId, studentId: b.user_id, kind: 'manual', percent: 5, reason: 'hardship' }),
    );
    await h.work(finance, (w) => generateInvoices(w, { period: '2026-06' }));
    const invoice = await invoiceOf(b.id, '2026-06').then((id) => h.work(finance, (w) => invoiceDetail(w, id)));
    // 45 000 − sibling 10 % (4 500) − manual 5 % of 40 500 (2 025) − referral 5 000 = 33 475
    expect(invoice.adjustments.map((x) => [x.kind, x.amountCents])).toEqual([
      ['sibling', 4_500],
      ['manual', 2_025],
      ['referral', 5_000],
    ]);
    expect(invoice).toMatchObject({ grossCents: 45_000, discountCents: 11_525, netCents: 33_475 });
    const sibling = await invoiceOf(a.id, '2026-06').then((id) => h.work(finance, (w) => invoiceDetail(w, id)));
    expect(sibling.discountCents).toBe(4_500);
  });
});

describe('payments', () => {
  it('keeps a partial payment open with its balance; overpayment pays and becomes family credit for the next invoice', async () => {
    const e = enrollments[3]!;
    const id = await invoiceOf(e.id, '2026-05');
    const partial = await h.work(finance, (w) => recordPayment(w, id, { amountCents: 20_000, paidOn: '2026-05-08' }));
    // Past its due date today, so still open it is overdue (never paid).
    // The demo family may have a sibling (discount): the balance is what remains of the net.
    const net = partial.invoice.netCents;
    expect(partial.invoice).toMatchObject({ status: 'overdue', paidCents: 20_000, balanceCents: net - 20_000 });
    // The bug: 999 paid on 450 must settle it, never stay pending.
    const over = await h.work(finance, (w) =>
      recordPayment(w, id, { amountCents: 99_900, method: 'pix', paidOn: '2026-05-09' }),
    );
    expect(over).toMatchObject({ appliedCents: net - 20_000, creditedCents: 99_900 - (net - 20_000) });
    expect(over.invoice).toMatchObject({ status: 'paid', balanceCents: 0, paidCents: net });
    await h.work(finance, (w) => generateInvoices(w, { period: '2026-07' }));
    const next = await invoiceOf(e.id, '2026-07').then((id) => h.work(finance, (w) => invoiceDetail(w, id)));
    expect(next.adjustments.find((a) => a.kind === 'credit')?.amountCents).toBe(next.grossCents - next.discountCents);
    expect(next).toMatchObject({ netCents: 0, status: 'paid' });
    // What is left of the credit, unless a sibling's invoice of the same run took some of it.
    expect(next.familyCreditCents).toBeLessThanOrEqual(
      99_900 - (net - 20_000) - (next.grossCents - next.discountCents),
    );
  });

  it('adds the late fee and a day of interest when paid the day after the due date, nothing on it', async () => {
    const onTime = await invoiceOf(enrollments[4]!.id, '2026-05');
    const paid = await h.work(finance, (w) => recordPayment(w, onTime, { amountCents: 45_000, paidOn: '2026-05-10' }));
    expect(paid.invoice).toMatchObject({ status: 'paid', feeCents: 0 });
    const late = await invoiceOf(enrollments[5]!.id, '2026-05');
    const result = await h.work(finance, (w) => recordPayment(w, late, { amountCents: 45_000, paidOn: '2026-05-11' }));
    // 2 % of 45 000 = 900, one day of 1 %/30 = 15
    expect(result.invoice).toMatchObject({ status: 'overdue', feeCents: 915, netCents: 45_915, balanceCents: 915 });
  });

  it('grants the early-payment discount at least 5 days before the due date, when the payment settles it', async () => {
    // Two months ahead: due on the 10th of a month still to come, always at least 5 days away.
    const period = periodFromNow(2);
    await h.work(finance, (w) => generateInvoices(w, { period }));
    const id = await invoiceOf(enrollments[6]!.id, period);
    const before = await h.work(finance, (w) => invoiceDetail(w, id));
    const expected = before.netCents - Math.round((before.grossCents - before.discountCents) / 10);
    const result = await h.work(finance, (w) => recordPayment(w, id, { amountCents: expected }));
    expect(result.invoice).toMatchObject({ status: 'paid', netCents: expected, paidCents: expected });
  });

  it('refunds reverse the payment and reopen the invoice; a refund beyond it is refused', async () => {
    const id = await invoiceOf(enrollments[7]!.id, '2026-05');
    const paid = await h.work(finance, (w) => recordPayment(w, id, { amountCents: 45_000, paidOn: '2026-05-02' }));
    const refunded = await h.work(finance, (w) =>
      refundPayment(w, paid.transaction.id, { reason: 'duplicate charge' }),
    );
    expect(refunded.invoice).toMatchObject({ status: 'overdue', paidCents: 0 });
    await expect(
      h.work(finance, (w) => refundPayment(w, paid.transaction.id, { amountCents: 1, reason: 'again' })),
    ).rejects.toMatchObject({ code: 'refund_exceeds_payment' });
  });

  it('records a bank transfer with its reference and posts it to the bank account; none without one', async () => {
    const id = await invoiceOf(enrollments[8]!.id, '2026-05');
    await expect(
      h.work(finance, (w) => recordPayment(w, id, { amountCents: 10_000, method: 'transfer', paidOn: '2026-05-03' })),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      extras: { validationErrors: { reference: expect.anything() } },
    });
    const paid = await h.work(finance, (w) =>
      recordPayment(w, id, {
        amountCents: 10_000,
        method: 'transfer',
        paidOn: '2026-05-03',
        reference: 'Itaú TED 004512',
      }),
    );
    expect(paid.transaction).toMatchObject({ method: 'transfer', amountCents: 10_000 });
    const lines = await q<{ code: string; entry_type: string; amount_cents: string | number }>(
      `SELECT a.code, l.entry_type, l.amount_cents FROM finance.journal_entries e
         JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
         JOIN finance.chart_of_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
        WHERE e.tenant_id = $1 AND e.source_table = 'finance.transactions' AND e.source_id = $2
          AND e.event_kind = 'payment_received'`,
      [tenant, paid.transaction.id],
    );
    expect(lines.find((l) => l.entry_type === 'debit')).toMatchObject({ code: '1.1.01.002' });
    expect(Number(lines.find((l) => l.entry_type === 'debit')!.amount_cents)).toBe(10_000);
  });

  it('posts a balanced journal entry for every money event', async () => {
    const [books] = await q<{ debit: string; credit: string; entries: number }>(
      `SELECT sum(l.amount_cents) FILTER (WHERE l.entry_type = 'debit')::bigint AS debit,
              sum(l.amount_cents) FILTER (WHERE l.entry_type = 'credit')::bigint AS credit,
              count(DISTINCT e.id)::int AS entries
         FROM finance.journal_entries e JOIN finance.journal_entry_lines l
           ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
        WHERE e.tenant_id = $1`,
      [tenant],
    );
    expect(books!.entries).toBeGreaterThan(enrollments.length * 3);
    expect(books!.debit).toBe(books!.credit);
  });
});

describe('the demo school history', () => {
  it("has every invoice in cents; an overdue invoice of the term's first month is paid with its late charges", async () => {
    // The demo's first month of the term, as the demo dates it (relative to today); paid 30 days after its due day.
    const cal = languageSchoolCalendar(new Date());
    const due = new Date(`${cal.day(-2, 10)}T00:00:00Z`);
    const thirtyDaysLate = new Date(due.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    const [missing] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.invoices WHERE tenant_id = $1 AND net_cents IS NULL`,
      [tenant],
    );
    expect(missing!.n).toBe(0);
    const [february] = await q<{ id: string; net_cents: number }>(
      `SELECT id, net_cents FROM finance.invoices
        WHERE tenant_id = $1 AND period = $2 AND status = 'overdue' ORDER BY id LIMIT 1`,
      [tenant, cal.month(-2)],
    );
    if (!february) return; // the demo's random draw paid them all
    const paid = await h.work(finance, (w) =>
      recordPayment(w, february.id, { amountCents: 45_000, method: 'cash', paidOn: thirtyDaysLate }),
    );
    // 2 % of 45 000 = 900, 30 days of 1 %/30 on 45 000 = 450
    expect(paid.invoice).toMatchObject({ grossCents: 45_000, feeCents: 1_350, paidCents: 45_000, balanceCents: 1_350 });
  });
});

describe('front desk', () => {
  it('totals what is still owed on the overdue invoices, in cents (net − paid, once each)', async () => {
    const [owed] = await q<{ n: number; cents: string | number }>(
      `SELECT count(*)::int AS n, coalesce(sum(net_cents - paid_cents), 0)::bigint AS cents FROM finance.invoices
        WHERE tenant_id = $1 AND status = 'overdue'`,
      [tenant],
    );
    const res = await h.inject(finance, { method: 'GET', url: '/api/v1/directory/front-desk' });
    expect(res.statusCode).toBe(200);
    expect(res.json().overdueInvoices).toMatchObject({ count: owed!.n, totalCents: Number(owed!.cents) });
  });
});

describe('overdue sweep', () => {
  it('marks open invoices past due overdue once; a second sweep changes nothing', async () => {
    const first = await h.work(finance, (w) => overdueSweep(w));
    expect(first.markedOverdue).toBeGreaterThan(0);
    const second = await h.work(finance, (w) => overdueSweep(w));
    expect(second).toMatchObject({ markedOverdue: 0, remindersSent: 0 });
    const [pending] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.invoices
        WHERE tenant_id = $1 AND status = 'pending' AND net_cents IS NOT NULL AND due_date < current_date`,
      [tenant],
    );
    expect(pending!.n).toBe(0);
  });
});

describe('reminders', () => {
  it('go out 3, 7, 15 and 30 days past due, each once; a sweep that missed days sends the latest', async () => {
    const { invoiceIds } = await h.work(finance, (w) => generateInvoices(w, { period: '2024-09' }));
    const id = invoiceIds[0]!;
    const sent = async () =>
      (await q<{ r: number[] | null }>('SELECT reminders_sent AS r FROM finance.invoices WHERE id = $1', [id]))[0]!.r ??
      [];
    const sweep = (asOf: string) => h.work(finance, (w) => overdueSweep(w, asOf));
    await sweep('2024-09-12'); // due on the 10th: 2 days late
    expect(await sent()).toEqual([]);
    await sweep('2024-09-13');
    expect(await sent()).toEqual([3]);
    await sweep('2024-09-13');
    await sweep('2024-09-14');
    expect(await sent()).toEqual([3]);
    await sweep('2024-09-17');
    expect(await sent()).toEqual([3, 7]);
    await sweep('2024-10-10'); // 30 days late: the 15-day one was missed, the 30-day one goes
    expect(await sent()).toEqual([3, 7, 15, 30]);
    await sweep('2024-12-31');
    expect(await sent()).toEqual([3, 7, 15, 30]);
  });
});

describe('HTTP', () => {
  it('refuses generic writes to billing tables and names bad fields', async () => {
    const generic = await h.inject(finance, {
      method: 'POST',
      url: '/api/v1/finance/invoices',
      ...json({ amount: 1 }),
    });
    expect(generic.statusCode).toBe(405);
    const id = await invoiceOf(enrollments[2]!.id, '2026-05');
    const bad = await h.inject(finance, {
      method: 'POST',
      url: `/api/v1/billing/invoices/${id}/payments`,
      ...json({ amountCents: -5, method: 'gold' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('amountCents');
    expect(bad.body).toContain('method');
    const noReference = await h.inject(finance, {
      method: 'POST',
      url: `/api/v1/billing/invoices/${id}/payments`,
      ...json({ amountCents: 500, method: 'transfer' }),
    });
    expect(noReference.statusCode).toBe(400);
    expect(noReference.body).toContain('reference');
    const list = await h.inject(finance, { method: 'GET', url: '/api/v1/billing/invoices?status=paid&limit=5' });
    expect(list.statusCode).toBe(200);
    expect(list.json().invoices.every((i: { status: string }) => i.status === 'paid')).toBe(true);
    const parent = h.principal(['parent'], { tenantId: tenant });
    expect((await h.inject(parent, { method: 'GET', url: '/api/v1/billing/invoices' })).statusCode).toBe(403);
  });
});
