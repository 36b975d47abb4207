/**
 * The finance screens' reads: a payroll's detail shows INSS and IRRF apart with their calculation, and
 * the payouts list follows the payroll through approval and payment, filtered by status and month,
 * refusing a bad filter with the field named.
 */
import { describe, expect, it } from 'vitest';
import { PAYROLL_API as P, usePayrollContext } from '../../../../test/support/payroll.js';

const ctx = usePayrollContext();

async function generated(model: string, rate: number, dependants = 0) {
  const id = `q-contract-${model}-${rate}`;
  await ctx.h.database.query(
    `INSERT INTO finance.teacher_contracts (tenant_id, id, user_id, organization_id, payment_model, rate,
       contract_model, dependants, start_date) VALUES ($1, $2, $3, $4, 'fixed', $5, $6, $7, '2025-01-01')`,
    [ctx.tenant, id, ctx.teacherId, ctx.organizationId, rate, model, dependants],
  );
  const res = await ctx.api('POST', `${P}/generate`, {
    contractId: id,
    periodStart: '2025-11-01',
    periodEnd: '2025-11-30',
  });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; netAmountCents: number };
}

describe('payroll detail', () => {
  it('shows INSS and IRRF apart, with the slices, the base and the bracket', async () => {
    const p = await generated('school_employee', 5000, 1);
    const list = (await ctx.api('GET', P)).json();
    expect(list.items.find((i: { id: string }) => i.id === p.id)).toMatchObject({
      grossAmountCents: 500_000,
      inssCents: 50_959,
      irrfCents: 29_219,
      otherDeductionsCents: 0,
      netAmountCents: 419_822,
    });
    const detail = await ctx.api('GET', `${P}/${p.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      contractModel: 'school_employee',
      differsFromStored: false,
      withholding: {
        year: 2025,
        inss: { cents: 50_959 },
        irrf: { cents: 29_219, deduction: 'legal', baseCents: 430_082, bracket: { number: 4, basisPoints: 2250 } },
      },
    });
    expect(detail.json().withholding.inss.slices).toHaveLength(4);
    expect((await ctx.api('GET', `${P}/nope`)).statusCode).toBe(404);
  });

  it('has no withholding for an outside teacher', async () => {
    const p = await generated('external_rental', 1234);
    const detail = (await ctx.api('GET', `${P}/${p.id}`)).json();
    expect(detail).toMatchObject({ withholding: null, payroll: { inssCents: 0, irrfCents: 0 } });
  });
});

describe('payouts', () => {
  it('lists them by status and month, following approval and payment', async () => {
    const p = await generated('external_rental', 2000);
    const inMonth = async (query: string) =>
      (await ctx.api('GET', `/api/v1/finance/payouts?month=2025-11${query}`)).json() as {
        items: { payrollId: string; status: string; dueCents: number; amountCents: number; teacherName: string }[];
        totals: { pendingCents: number; approvedCents: number; paidCents: number };
      };
    const pending = await inMonth('&status=pending');
    const mine = pending.items.find((i) => i.payrollId === p.id)!;
    expect(mine).toMatchObject({ amountCents: 200_000, dueCents: 200_000, status: 'pending' });
    expect(mine.teacherName).toBeTruthy();
    expect(pending.totals.pendingCents).toBeGreaterThanOrEqual(200_000);
    expect(pending.items.every((i) => i.status === 'pending')).toBe(true);
    expect((await inMonth('&status=paid')).items.some((i) => i.payrollId === p.id)).toBe(false);
    // Another month does not show it.
    const dec = (await ctx.api('GET', '/api/v1/finance/payouts?month=2025-12')).json();
    expect(dec.items.some((i: { payrollId: string }) => i.payrollId === p.id)).toBe(false);

    await ctx.api('POST', `${P}/${p.id}/approve`);
    await ctx.api('POST', `${P}/${p.id}/payments`, { amountCents: 50_000 });
    expect((await inMonth('&status=approved')).items.find((i) => i.payrollId === p.id)).toMatchObject({
      dueCents: 150_000,
    });
    await ctx.api('POST', `${P}/${p.id}/payments`, { amountCents: 150_000 });
    const paid = await inMonth('&status=paid');
    expect(paid.items.find((i) => i.payrollId === p.id)).toMatchObject({ status: 'paid', dueCents: 0 });
    expect(paid.totals.paidCents).toBeGreaterThanOrEqual(200_000);
  });

  it('refuses a bad filter naming the field', async () => {
    for (const q of ['month=2025-13', 'status=lost']) {
      const res = await ctx.api('GET', `/api/v1/finance/payouts?${q}`);
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain(q.split('=')[0]);
    }
  });
});
