/**
 * The demo language school's billing (issue 18): the billing service issues last month's, this month's
 * and next month's invoices for every active enrolment (integer cents), the front desk records payment
 * of about two thirds of last month's (one only in part) and of a quarter of this month's (today), and the
 * overdue sweep marks the rest overdue —
 * so the secretary's and the family's screens show paid, pending and overdue invoices with real balances.
 * Relative to today, like a school that has been billing all along.
 */
import type { Database } from '../platform/db/database.js';
import { createAccessControl } from '../platform/auth/access.js';
import { runWork } from '../platform/service/work.js';
import {
  BILLING_RULES,
  generateInvoices,
  listInvoices,
  overdueSweep,
  recordPayment,
} from '../domains/finance/index.js';

const month = (d: Date, delta: number) => {
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + delta, 1));
  return `${m.getUTCFullYear()}-${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
};

export async function seedLanguageSchoolBilling(
  database: Database,
  tenantId: string,
): Promise<{ invoices: number; payments: number; overdue: number }> {
  const principal = {
    kind: 'system' as const,
    tenantId,
    actorId: 'system:demo-billing',
    roles: ['finance' as const],
    scopes: [],
  };
  return runWork({ database, access: createAccessControl() }, principal, {}, async (work) => {
    const [last, current, next] = [-1, 0, 1].map((delta) => month(work.now, delta)) as [string, string, string];
    let invoices = 0;
    for (const period of [last, current, next]) invoices += (await generateInvoices(work, { period })).created;
    const { invoices: lastMonth } = await listInvoices(work, { period: last, limit: 500 });
    let payments = 0;
    for (const [i, inv] of lastMonth.entries()) {
      if (i % 3 === 2 || inv.balanceCents <= 0 || !inv.dueDate) continue;
      // One in five paid only half at the desk: a balance still open.
      const amountCents = i % 5 === 0 ? Math.floor(inv.balanceCents / 2) : inv.balanceCents;
      // Cash at the desk, PIX, and bank transfers (TED) that carry the bank and the document number.
      const method = (['cash', 'pix', 'transfer'] as const)[payments % 3]!;
      const reference = method === 'transfer' ? `Banco do Brasil TED ${String(4500 + i).padStart(6, '0')}` : 'demo';
      await recordPayment(work, inv.id, { amountCents, method, paidOn: inv.dueDate, reference });
      payments += 1;
    }
    // This month's first payments: every fourth family paid already, today (the owner's month is not empty).
    const { invoices: thisMonth } = await listInvoices(work, { period: current, limit: 500 });
    const today = work.now.toISOString().slice(0, 10);
    for (const [i, inv] of thisMonth.entries()) {
      if (i % 4 !== 1 || inv.balanceCents <= 0) continue;
      // Exactly what is due today: less the early-payment discount when it applies (no family credit made).
      const early = Date.parse(inv.dueDate ?? today) - Date.parse(today) >= BILLING_RULES.earlyPaymentDays * 86_400_000;
      const discount = early
        ? Math.round(((inv.grossCents - inv.discountCents) * BILLING_RULES.earlyPaymentBasisPoints) / 10_000)
        : 0;
      const amountCents = inv.balanceCents - Math.min(inv.balanceCents, discount);
      await recordPayment(work, inv.id, { amountCents, method: 'pix', paidOn: today, reference: 'demo' });
      payments += 1;
    }
    const { markedOverdue } = await overdueSweep(work);
    return { invoices, payments, overdue: markedOverdue };
  });
}
