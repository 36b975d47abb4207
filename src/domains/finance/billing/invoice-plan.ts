/**
 * One enrollment's invoice of the month-end run, computed in memory with the same rules as one at a
 * time (stackDiscounts, then family credit), and the money events it posts once issued (invoice-run.ts
 * reads what a batch needs and writes what this plans).
 */
import type { Work } from '../../../platform/service/work.js';
import type { BillableEnrollment } from '../../school-ops/index.js';
import type { discountGrants } from '../tables.js';
import type { BillingMoneyEvent } from './post.js';
import { BILLING_RULES, stackDiscounts, type DiscountLine, type DiscountRequest } from './rules.js';
import { isoDay, newId, statusOf, type InvoiceRow } from './store.js';

export interface RunContext {
  organizationId: string;
  period: string;
  dueDate: string;
  grossCents: number;
  tuition: { id: string; name: string | null };
  /** Who has anything waiting (read once per run): a batch without any skips those lookups. */
  studentsWithGrants: Set<string>;
  payersWithCredit: Set<string>;
}

export type Grant = typeof discountGrants.$inferSelect;

export interface Planned {
  row: InvoiceRow;
  description: string;
  lines: (DiscountLine & { id: string })[];
  credit: { id: string; amountCents: number } | null;
}

/** One enrollment's invoice, in memory: gross, discounts in the stacking order, then family credit. */
export function plan(
  work: Work,
  ctx: RunContext,
  enrollment: BillableEnrollment,
  grants: readonly Grant[],
  credit: Map<string, number>,
): Planned {
  const requests: DiscountRequest[] = [
    ...(enrollment.hasActiveSibling
      ? [{ kind: 'sibling' as const, basisPoints: BILLING_RULES.siblingBasisPoints, reason: 'another child enrolled' }]
      : []),
    ...grants.map((g) => ({
      kind: g.kind as 'manual' | 'referral',
      amountCents: g.amountCents,
      basisPoints: g.percentBasisPoints,
      reason: g.reason,
      grantId: g.id,
    })),
  ];
  const lines = stackDiscounts(ctx.grossCents, requests).map((l) => ({ ...l, id: newId() }));
  const discount = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const owed = ctx.grossCents - discount;
  // Family credit (earlier overpayments) pays what it can; a second child of the payer gets what is left.
  const available = credit.get(enrollment.payerId) ?? 0;
  const applied = owed > 0 ? Math.min(owed, available) : 0;
  if (applied > 0) credit.set(enrollment.payerId, available - applied);
  const net = owed - applied;
  const adjusted = discount > 0 || applied > 0;
  // As issuing at the gross and then saving the adjusted totals did: the status is recomputed only then.
  const status = adjusted ? statusOf(net, 0, ctx.dueDate, isoDay(work.now)) : 'pending';
  const description = `${ctx.tuition.name ?? 'Tuition'} ${ctx.period} — ${enrollment.className ?? enrollment.classId}`;
  const row: InvoiceRow = {
    tenantId: work.tenantId,
    id: newId(),
    organizationId: ctx.organizationId,
    payerId: enrollment.payerId,
    studentId: enrollment.studentId,
    enrollmentId: enrollment.enrollmentId,
    period: ctx.period,
    dueDate: ctx.dueDate,
    status,
    amount: net / 100,
    discountAmount: discount / 100,
    grossCents: ctx.grossCents,
    discountCents: discount,
    feeCents: 0,
    creditCents: applied,
    netCents: net,
    paidCents: 0,
    paidAt: status === 'paid' ? work.now : null,
    paymentMethod: null,
    externalId: null,
    feesAccruedOn: null,
    remindersSent: null,
    items: [{ productId: ctx.tuition.id, description, amountCents: ctx.grossCents }],
  };
  return { row, description, lines, credit: applied > 0 ? { id: newId(), amountCents: applied } : null };
}

/** The money events of an issued invoice, in the order they happened one at a time. */
export function moneyEvents(work: Work, ctx: RunContext, p: Planned): BillingMoneyEvent[] {
  const today = isoDay(work.now);
  const base = { organizationId: ctx.organizationId, occurredOn: today };
  return [
    {
      ...base,
      kind: 'invoice_issued',
      amountCents: ctx.grossCents,
      description: p.description,
      source: { table: 'finance.invoices', id: p.row.id },
    },
    ...p.lines.map((l) => ({
      ...base,
      kind: 'discount_granted' as const,
      amountCents: l.amountCents,
      description: `${l.kind} discount, invoice ${p.row.id}`,
      source: { table: 'finance.invoice_adjustments', id: l.id },
    })),
    ...(p.credit
      ? [
          {
            ...base,
            kind: 'credit_applied' as const,
            amountCents: p.credit.amountCents,
            description: `family credit applied to invoice ${p.row.id}`,
            source: { table: 'finance.invoice_adjustments', id: p.credit.id },
          },
        ]
      : []),
  ];
}
