/**
 * Payroll rules at their boundaries: earnings per contract model from the sessions actually taught
 * (demo language school, last month), INSS and IRRF (bracket boundaries in taxes.test.ts) posted as one
 * entry, the payout mirroring the payroll, approval before payment (the 10,000,000 paid
 * on a draft payroll of 700,000 is impossible through the API and in the database), payments never
 * above net − paid also under concurrency, status following, and the books posted.
 */
import { describe, expect, it } from 'vitest';
import { languageSchoolCalendar } from '../../../demo/language-school-dates.js';
import { earnings, inssCents } from './rules.js';
import { json, PAYROLL_API as P, usePayrollContext } from '../../../../test/support/payroll.js';

const ctx = usePayrollContext();

// The demo's last month (its sessions before today were held), as the demo dates it.
const month = languageSchoolCalendar(new Date());
const [START, END] = [month.day(-1, 1), month.day(-1, 31)];

let seq = 0;

async function contract(model: string, paymentModel: string, rate: number, percentage: number | null = null) {
  const id = `contract-${++seq}`;
  await ctx.h.database.query(
    `INSERT INTO finance.teacher_contracts
       (tenant_id, id, user_id, organization_id, payment_model, rate, contract_model, percentage, start_date)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '2026-01-01')`,
    [ctx.tenant, id, ctx.teacherId, ctx.organizationId, paymentModel, rate, model, percentage],
  );
  return id;
}

async function payroll(status: string, net: number) {
  const id = `payroll-${++seq}`;
  await ctx.h.database.query(
    `INSERT INTO finance.staff_payroll (tenant_id, id, organization_id, user_id, period_start, period_end, payroll_type,
       gross_amount_cents, total_deductions_cents, total_additions_cents, net_amount_cents, status)
     VALUES ($1, $2, $3, $4, $7, $8, 'salary', $5, 0, 0, $5, $6)`,
    [ctx.tenant, id, ctx.organizationId, ctx.teacherId, net, status, START, END],
  );
  return id;
}

const generate = (contractId: string) =>
  ctx.api('POST', `${P}/generate`, { contractId, periodStart: START, periodEnd: END });

describe('payroll arithmetic', () => {
  it('earnings per model', () => {
    const taught = [
      { hours: 1.5, studentsPresent: 4 },
      { hours: 1.5, studentsPresent: 6 },
    ];
    const employee = earnings(
      { contractModel: 'school_employee', paymentModel: 'hourly', rate: 50, percentage: null },
      taught,
    );
    expect(employee).toMatchObject({
      grossCents: 15_000,
      // 7.5 % INSS; no IRRF below the exempt band
      totalDeductionsCents: inssCents(15_000),
      payrollType: 'hourly',
    });
    const pct = earnings(
      { contractModel: 'hired_percentage', paymentModel: 'per_class', rate: 30, percentage: 40 },
      taught,
    );
    expect(pct).toMatchObject({ grossCents: 12_000, totalDeductionsCents: 0 });
    const ext = earnings(
      { contractModel: 'external_rental', paymentModel: 'per_class', rate: 80.5, percentage: null },
      taught,
    );
    expect(ext).toMatchObject({ grossCents: 16_100, totalDeductionsCents: 0 });
  });
});

describe('payroll service', () => {
  it('computes a month from the sessions taught, once per contract and period', async () => {
    const [{ n } = { n: 0 }] = await ctx.h.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM school_ops.sessions s JOIN school_ops.classes c
         ON c.tenant_id = s.tenant_id AND c.id = s.class_id
        WHERE s.tenant_id = $1 AND c.teacher_id = $2 AND s.status = 'completed'
          AND s.date BETWEEN $3 AND $4`,
      [ctx.tenant, ctx.teacherId, START, END],
    );
    expect(n).toBeGreaterThan(0);
    const external = await generate(await contract('external_rental', 'per_class', 80));
    expect(external.statusCode).toBe(200);
    expect(external.json()).toMatchObject({
      grossAmountCents: 8_000 * n,
      netAmountCents: 8_000 * n,
      status: 'pending_approval',
    });
    const employeeContract = await contract('school_employee', 'fixed', 3000);
    const employee = (await generate(employeeContract)).json();
    expect(employee).toMatchObject({
      grossAmountCents: 300_000,
      totalDeductionsCents: 25_341,
      netAmountCents: 274_659,
    });
    const again = await Promise.all([generate(employeeContract), generate(employeeContract)]);
    expect(again.map((r) => r.json().id)).toEqual([employee.id, employee.id]);
    const pct = (await generate(await contract('hired_percentage', 'per_class', 50, 40))).json();
    expect(pct.grossAmountCents % 2000).toBe(0);
  });

  it("refuses the issue's payment: 10,000,000 on a draft payroll whose net is 700,000 (API and database)", async () => {
    const draft = await payroll('draft', 700_000);
    const res = await ctx.api('POST', `${P}/${draft}/payments`, { amountCents: 10_000_000 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('payroll_not_payable');
    // Even an amount within the net is refused before approval.
    expect((await ctx.api('POST', `${P}/${draft}/payments`, { amountCents: 1 })).json().code).toBe(
      'payroll_not_payable',
    );
    await expect(
      ctx.h.database.query(
        `UPDATE finance.staff_payroll SET paid_amount_cents = 10000000 WHERE tenant_id = $1 AND id = $2`,
        [ctx.tenant, draft],
      ),
    ).rejects.toThrow(/staff_payroll_paid_within_net_check|staff_payroll_unpaid_until_approved_check/);
    await expect(
      ctx.h.database.query(`UPDATE finance.staff_payroll SET paid_amount_cents = 1 WHERE tenant_id = $1 AND id = $2`, [
        ctx.tenant,
        draft,
      ]),
    ).rejects.toThrow(/staff_payroll_unpaid_until_approved_check/);
    expect((await ctx.api('POST', `${P}/${draft}/payments`, { amountCents: 0 })).statusCode).toBe(400);
    expect((await ctx.api('POST', `${P}/${draft}/payments`, { amountCents: 10.5 })).statusCode).toBe(400);
  });

  it('approval posts the accrual; payments at the boundary; status follows', async () => {
    const id = await payroll('pending_approval', 700_000);
    const approved = await ctx.api('POST', `${P}/${id}/approve`);
    expect(approved.json()).toMatchObject({ status: 'approved' });
    expect((await ctx.api('POST', `${P}/${id}/approve`)).statusCode).toBe(409);
    const part = await ctx.api('POST', `${P}/${id}/payments`, { amountCents: 699_999, methodType: 'pix' });
    expect(part.statusCode).toBe(201);
    expect(part.json().payroll).toMatchObject({ status: 'partially_paid', paidAmountCents: 699_999 });
    const over = await ctx.api('POST', `${P}/${id}/payments`, { amountCents: 2 });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'payment_exceeds_balance', dueCents: 1 });
    const last = await ctx.api('POST', `${P}/${id}/payments`, { amountCents: 1, methodType: 'cash' });
    expect(last.json().payroll).toMatchObject({ status: 'paid', paidAmountCents: 700_000 });
    expect((await ctx.api('POST', `${P}/${id}/payments`, { amountCents: 1 })).json().code).toBe('payroll_not_payable');
    const entries = await ctx.h.database.query<{ event_kind: string; total: string }>(
      `SELECT e.event_kind, sum(l.amount_cents) FILTER (WHERE l.entry_type = 'debit') AS total
         FROM finance.journal_entries e
         JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
        WHERE e.tenant_id = $1 AND e.status = 'posted'
          AND (e.source_id = $2 OR e.source_id IN (SELECT id FROM finance.payroll_payments WHERE payroll_id = $2))
        GROUP BY e.event_kind ORDER BY 1`,
      [ctx.tenant, id],
    );
    expect(entries.map((e) => [e.event_kind, Number(e.total)])).toEqual([
      ['payroll_accrued', 700_000],
      ['payroll_paid', 700_000],
    ]);
  });

  it('parallel payments never exceed the net: 10 × 100,000 on 700,000 → exactly 7 succeed', async () => {
    const id = await payroll('approved', 700_000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => ctx.api('POST', `${P}/${id}/payments`, { amountCents: 100_000 })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(7);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(3);
    const [row] = await ctx.h.database.query<{ paid_amount_cents: string; status: string; payments: string }>(
      `SELECT p.paid_amount_cents, p.status,
              (SELECT sum(amount_cents) FROM finance.payroll_payments
                WHERE tenant_id = p.tenant_id AND payroll_id = p.id) AS payments
         FROM finance.staff_payroll p WHERE p.tenant_id = $1 AND p.id = $2`,
      [ctx.tenant, id],
    );
    expect(row).toMatchObject({ status: 'paid' });
    expect(Number(row!.paid_amount_cents)).toBe(700_000);
    expect(Number(row!.payments)).toBe(700_000);
    const list = (await ctx.api('GET', `${P}?status=paid`)).json();
    expect(list.items.some((p: { id: string }) => p.id === id)).toBe(true);
  });

  it('withholds INSS and IRRF and approves them as one balanced entry; payment clears the net payable', async () => {
    const id = await contract('school_employee', 'fixed', 5000);
    await ctx.h.database.query(`UPDATE finance.teacher_contracts SET dependants = 1 WHERE tenant_id = $1 AND id = $2`, [
      ctx.tenant,
      id,
    ]);
    // 5,000.00 with one dependant (taxes.test.ts): INSS 509.59, IRRF 292.19
    const generated = (await generate(id)).json();
    expect(generated).toMatchObject({
      grossAmountCents: 500_000,
      totalDeductionsCents: 80_178,
      netAmountCents: 419_822,
    });
    await ctx.api('POST', `${P}/${generated.id}/approve`);
    const paid = await ctx.api('POST', `${P}/${generated.id}/payments`, {
      amountCents: 419_822,
      methodType: 'bank_transfer',
    });
    expect(paid.json().payroll).toMatchObject({ status: 'paid' });
    const lines = await ctx.h.database.query<{ event_kind: string; code: string; entry_type: string; cents: string }>(
      `SELECT e.event_kind, a.code, l.entry_type, l.amount_cents AS cents
         FROM finance.journal_entries e
         JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
         JOIN finance.chart_of_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
        WHERE e.tenant_id = $1 AND e.status = 'posted'
          AND (e.source_id = $2 OR e.source_id IN (SELECT id FROM finance.payroll_payments WHERE payroll_id = $2))
        ORDER BY e.event_kind, l.entry_type DESC, a.code`,
      [ctx.tenant, generated.id],
    );
    expect(lines.map((l) => [l.event_kind, l.code, l.entry_type, Number(l.cents)])).toEqual([
      ['payroll_accrued', '5.1.01.001', 'debit', 500_000], // salaries expense: the gross
      ['payroll_accrued', '2.1.01.001', 'credit', 419_822], // net salaries payable
      ['payroll_accrued', '2.1.01.002', 'credit', 50_959], // INSS payable
      ['payroll_accrued', '2.1.01.003', 'credit', 29_219], // IRRF payable
      ['payroll_paid', '2.1.01.001', 'debit', 419_822],
      ['payroll_paid', '1.1.01.002', 'credit', 419_822],
    ]);
  });

  it('keeps the payout in step with the payroll; a concurrent double pay pays once', async () => {
    const payout = async (payrollId: string) => {
      const rows = await ctx.h.database.query<{
        status: string;
        amount: number;
        amount_cents: string;
        approved_by: unknown;
      }>(
        `SELECT status, amount, amount_cents, approved_by, paid_at, period_start::text, user_id FROM finance.payouts
          WHERE tenant_id = $1 AND payroll_id = $2`,
        [ctx.tenant, payrollId],
      );
      expect(rows).toHaveLength(1);
      return rows[0]!;
    };
    const generated = (await generate(await contract('external_rental', 'per_class', 90))).json();
    expect(await payout(generated.id)).toMatchObject({
      status: 'pending',
      period_start: START,
      user_id: ctx.teacherId,
      paid_at: null,
    });
    expect(Number((await payout(generated.id)).amount_cents)).toBe(generated.netAmountCents);
    await ctx.api('POST', `${P}/${generated.id}/approve`);
    expect(await payout(generated.id)).toMatchObject({ status: 'approved', paid_at: null });
    const both = await Promise.all(
      [0, 1].map(() => ctx.api('POST', `${P}/${generated.id}/payments`, { amountCents: generated.netAmountCents })),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const paid = await payout(generated.id);
    expect(paid).toMatchObject({ status: 'paid', amount: generated.netAmountCents / 100 });
    expect(paid).toHaveProperty('paid_at', expect.any(Date));
    const generic = await ctx.h.inject(ctx.h.principal(['district_admin'], { tenantId: ctx.tenant }), {
      method: 'POST',
      url: '/api/v1/finance/payouts',
      ...json({ id: 'x', user_id: ctx.teacherId, organization_id: ctx.organizationId, amount: 10_000_000 }),
    });
    expect(generic.statusCode).toBe(405);
  });

  it('the generic API refuses payroll writes', async () => {
    const res = await ctx.h.inject(ctx.h.principal(['district_admin'], { tenantId: ctx.tenant }), {
      method: 'POST',
      url: '/api/v1/finance/payroll-payments',
      ...json({ id: 'x', payroll_id: 'y', user_id: ctx.teacherId, amount_cents: 10_000_000 }),
    });
    expect(res.statusCode).toBe(405);
  });
});
