/**
 * Refunds against a real database: an overpayment refunded takes its family credit back first and leaves
 * the invoice settled, then the invoice reopens; never more than was paid minus refunded — also when two
 * refunds of one payment race; credit already spent on the next invoice is not refunded again; every
 * refund is audited and posts a balanced journal entry. Periods are relative to today (calendar.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../platform/auth/roles.js';
import { domainHarness, type DomainHarness } from '../../../../test/support/domain.js';
import { periodFromNow } from '../../../../test/support/calendar.js';
import { generateInvoices } from './generate.js';
import { recordPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { invoiceDetail } from './queries.js';

let h: DomainHarness;
let finance: Principal;
let tenant: string;
let enrollments: { id: string }[];
// Far enough ahead that nothing is late (no fee) whatever today is; the early discount may apply.
const period = periodFromNow(3);
const nextPeriod = periodFromNow(4);

const q = <T>(text: string, params: unknown[] = []) => h.database.query<T>(text, params);

async function invoiceOf(enrollmentId: string, p = period) {
  const [row] = await q<{ id: string }>(
    'SELECT id FROM finance.invoices WHERE tenant_id = $1 AND enrollment_id = $2 AND period = $3',
    [tenant, enrollmentId, p],
  );
  return row!.id;
}

const detail = (id: string) => h.work(finance, (w) => invoiceDetail(w, id));
const refund = (paymentId: string, amountCents?: number) =>
  h.work(finance, (w) => refundPayment(w, paymentId, { amountCents, reason: 'test refund' }));

beforeAll(async () => {
  h = await domainHarness({ languageSchoolStudents: 12 });
  tenant = h.demo.languageSchoolTenantId;
  finance = h.principal(['finance'], { tenantId: tenant });
  enrollments = await q<{ id: string }>(
    `SELECT id FROM school_ops.enrollments WHERE tenant_id = $1 AND status = 'active' ORDER BY id`,
    [tenant],
  );
  await h.work(finance, (w) => generateInvoices(w, { period }));
});
afterAll(() => h?.dispose());

describe('refunds', () => {
  it('refund the overpayment from the family credit first, then reopen the invoice; never beyond the payment', async () => {
    const id = await invoiceOf(enrollments[0]!.id);
    const before = await detail(id);
    const paid = await h.work(finance, (w) => recordPayment(w, id, { amountCents: before.netCents * 2 }));
    expect(paid.creditedCents).toBeGreaterThan(0);
    const creditAfterPayment = (await detail(id)).familyCreditCents;

    const excess = await refund(paid.transaction.id, paid.creditedCents);
    expect(excess).toMatchObject({ appliedCents: 0, creditedCents: -paid.creditedCents });
    expect(excess.invoice).toMatchObject({ status: 'paid', paidCents: paid.invoice.paidCents });
    expect((await detail(id)).familyCreditCents).toBe(creditAfterPayment - paid.creditedCents);

    const rest = await refund(paid.transaction.id);
    expect(rest).toMatchObject({ appliedCents: -paid.appliedCents, creditedCents: 0 });
    expect(rest.invoice).toMatchObject({ status: 'pending', paidCents: 0 });
    await expect(refund(paid.transaction.id, 1)).rejects.toMatchObject({
      code: 'refund_exceeds_payment',
      extras: { left: 0 },
    });

    // Audited, and each refund posted one balanced journal entry.
    const audits = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE tenant_id = $1 AND record_id = ANY($2)`,
      [tenant, [excess.transaction.id, rest.transaction.id]],
    );
    expect(audits[0]!.n).toBe(2);
    const entries = await q<{ kind: string; debit: string | number; credit: string | number }>(
      `SELECT e.event_kind AS kind,
              sum(l.amount_cents) FILTER (WHERE l.entry_type = 'debit') AS debit,
              sum(l.amount_cents) FILTER (WHERE l.entry_type = 'credit') AS credit
         FROM finance.journal_entries e
         JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
        WHERE e.tenant_id = $1 AND e.source_table = 'finance.transactions' AND e.source_id = ANY($2)
        GROUP BY e.id, e.event_kind ORDER BY e.event_kind`,
      [tenant, [excess.transaction.id, rest.transaction.id]],
    );
    expect(entries.map((e) => e.kind).sort()).toEqual(['credit_applied', 'refund', 'refund']);
    for (const e of entries) expect(Number(e.debit)).toBe(Number(e.credit));
  });

  it('two refunds of one payment at once never give back more than was paid', async () => {
    const id = await invoiceOf(enrollments[1]!.id);
    const { netCents } = await detail(id);
    const paid = await h.work(finance, (w) => recordPayment(w, id, { amountCents: netCents }));
    const share = Math.ceil((paid.transaction.amountCents * 6) / 10);
    const results = await Promise.allSettled([refund(paid.transaction.id, share), refund(paid.transaction.id, share)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'refund_exceeds_payment' },
    });
    // Then both of what is left at once: one refunds it, the other finds nothing left.
    const last = await Promise.allSettled([refund(paid.transaction.id), refund(paid.transaction.id)]);
    expect(last.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [sum] = await q<{ refunded: string | number }>(
      `SELECT coalesce(sum(amount_cents), 0) AS refunded FROM finance.transactions
        WHERE tenant_id = $1 AND refund_of = $2`,
      [tenant, paid.transaction.id],
    );
    expect(Number(sum!.refunded)).toBe(paid.transaction.amountCents);
    expect(await detail(id)).toMatchObject({ paidCents: 0, status: 'pending' });
  });

  it('family credit spent on the next invoice is not refunded again', async () => {
    const enrollment = enrollments[2]!.id;
    const id = await invoiceOf(enrollment);
    const { netCents } = await detail(id);
    const paid = await h.work(finance, (w) => recordPayment(w, id, { amountCents: netCents * 2 }));
    expect(paid.creditedCents).toBeGreaterThan(0);
    await h.work(finance, (w) => generateInvoices(w, { period: nextPeriod }));
    expect((await detail(await invoiceOf(enrollment, nextPeriod))).creditCents).toBeGreaterThan(0);
    await expect(refund(paid.transaction.id)).rejects.toMatchObject({ code: 'refund_exceeds_payment' });
    const [n] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM finance.transactions WHERE tenant_id = $1 AND refund_of = $2`,
      [tenant, paid.transaction.id],
    );
    expect(n!.n).toBe(0);
  });

  it('answers 404 for a transaction that is no payment, and 400 naming the field for a bad amount', async () => {
    await expect(refund('no-such-payment')).rejects.toMatchObject({ code: 'not_found' });
    const id = await invoiceOf(enrollments[3]!.id);
    const paid = await h.work(finance, (w) => recordPayment(w, id, { amountCents: 1_000 }));
    await expect(refund(paid.transaction.id, -5)).rejects.toMatchObject({
      code: 'validation_failed',
      extras: { validationErrors: { amountCents: expect.anything() } },
    });
  });
});
