/**
 * Automatic postings: each money event kind posts one balanced entry on the seeded chart, numbered
 * after the organisation's last entry; posting the same event twice (also concurrently) returns the
 * first entry; bad events are refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { ensureChartOfAccounts, MONEY_EVENT_KINDS, postMoneyEvent, type MoneyEvent } from '../index.js';

let h: DomainHarness;
let finance: Principal;
let organizationId: string;

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 4 });
  const [org] = await h.database.query<{ id: string }>('SELECT id FROM core.organizations WHERE tenant_id = $1', [
    h.demo.languageSchoolTenantId,
  ]);
  organizationId = org!.id;
  finance = h.principal(['finance'], { tenantId: h.demo.languageSchoolTenantId });
});
afterAll(() => h.dispose());

const event = (over: Partial<MoneyEvent> = {}): MoneyEvent => ({
  organizationId,
  kind: 'invoice_issued',
  amountCents: 45_000,
  occurredOn: '2026-03-05',
  description: 'Mensalidade março',
  source: { table: 'invoices', id: `inv-${Math.random()}` },
  ...over,
});

async function lines(entryId: string) {
  return h.database.query<{ code: string; entry_type: string; amount_cents: string }>(
    `SELECT a.code, l.entry_type, l.amount_cents FROM finance.journal_entry_lines l
       JOIN finance.chart_of_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
      WHERE l.tenant_id = $1 AND l.entry_id = $2 ORDER BY l.line_number`,
    [h.demo.languageSchoolTenantId, entryId],
  );
}

describe('postMoneyEvent', () => {
  it('seeds the chart once per organisation', async () => {
    await h.work(finance, (w) => ensureChartOfAccounts(w, organizationId));
    const again = await h.work(finance, (w) => ensureChartOfAccounts(w, organizationId));
    expect(again).toBe(0);
    const [leaf] = await h.database.query<{ parent_code: string }>(
      `SELECT p.code AS parent_code FROM finance.chart_of_accounts c JOIN finance.chart_of_accounts p
         ON p.tenant_id = c.tenant_id AND p.id = c.parent_id WHERE c.tenant_id = $1 AND c.code = '1.1.02.001'`,
      [h.demo.languageSchoolTenantId],
    );
    expect(leaf!.parent_code).toBe('1.1.02');
  });

  it('posts every kind as a balanced, numbered entry', async () => {
    const numbers: number[] = [];
    for (const kind of MONEY_EVENT_KINDS) {
      const posted = await h.work(finance, (w) => postMoneyEvent(w, event({ kind, amountCents: 1234, method: 'pix' })));
      numbers.push(posted.entryNumber);
      const ls = await lines(posted.entryId);
      expect(ls).toHaveLength(2);
      expect(ls.map((l) => l.entry_type)).toEqual(['debit', 'credit']);
      expect(ls.every((l) => Number(l.amount_cents) === 1234)).toBe(true);
    }
    expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
  });

  it('maps payments by method and invoices to receivables/revenue', async () => {
    const inv = await h.work(finance, (w) => postMoneyEvent(w, event()));
    expect((await lines(inv.entryId)).map((l) => l.code)).toEqual(['1.1.02.001', '4.1.01.001']);
    const cash = await h.work(finance, (w) => postMoneyEvent(w, event({ kind: 'payment_received', method: 'cash' })));
    expect((await lines(cash.entryId)).map((l) => l.code)).toEqual(['1.1.01.001', '1.1.02.001']);
    const pix = await h.work(finance, (w) => postMoneyEvent(w, event({ kind: 'payment_received', method: 'pix' })));
    expect((await lines(pix.entryId)).map((l) => l.code)).toEqual(['1.1.01.002', '1.1.02.001']);
    const accrued = await h.work(finance, (w) => postMoneyEvent(w, event({ kind: 'payroll_accrued' })));
    expect((await lines(accrued.entryId)).map((l) => l.code)).toEqual(['5.1.01.001', '2.1.01.001']);
  });

  it('is idempotent per (kind, source), also concurrently', async () => {
    const e = event({ source: { table: 'payments', id: 'pay-idem' }, kind: 'payment_received' });
    const results = await Promise.all(Array.from({ length: 6 }, () => h.work(finance, (w) => postMoneyEvent(w, e))));
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    // Same source, another kind: a separate entry.
    const refund = await h.work(finance, (w) => postMoneyEvent(w, { ...e, kind: 'refund' }));
    expect(refund.entryId).not.toBe(results[0]!.entryId);
  });

  it('refuses a non-positive or fractional amount and a bad date, naming the field', async () => {
    for (const bad of [{ amountCents: 0 }, { amountCents: -5 }, { amountCents: 10.5 }]) {
      await expect(h.work(finance, (w) => postMoneyEvent(w, event(bad)))).rejects.toMatchObject({
        status: 400,
        extras: { validationErrors: { amountCents: expect.any(Array) } },
      });
    }
    await expect(h.work(finance, (w) => postMoneyEvent(w, event({ occurredOn: '2026-13-01' })))).rejects.toMatchObject({
      status: 400,
    });
  });
});
