/**
 * The month-end invoice run, set-based: enrollments are billed in batches of RUN_BATCH. For a batch
 * the run reads what it needs with a handful of statements (invoices already issued, waiting grants,
 * family credit balances), computes every invoice in memory with the same rules as one at a time
 * (stackDiscounts, then family credit), and writes with one multi-row statement per table: invoices,
 * their adjustment lines, the grants claimed, the credit spent, the journal entries and their lines
 * (numbered as one block under the journal lock) and the audit rows.
 *
 * Why that is safe:
 * - The unique (enrollment, period) index with `ON CONFLICT DO NOTHING` keeps a re-run, or a
 *   concurrent one, from issuing an invoice twice: only invoices the insert returned get lines,
 *   grants, credit and postings.
 * - Runs of one organisation are serialised by a transaction lock (`lockRun`), so what a batch read
 *   (grants waiting, credit left) is still true when it writes: no other run claims a grant or spends
 *   credit in between. Grants are claimed with a conditional UPDATE all the same, and the run fails
 *   (rolls back) if one was gone; credit is spent under the payers' locks, as payments and refunds do.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import type { BillableEnrollment } from '../../school-ops/index.js';
import { discountGrants, familyCredits, invoiceAdjustments, invoices } from '../tables.js';
import { postAll, type BillingMoneyEvent } from './post.js';
import { BILLING_RULES, stackDiscounts, type DiscountLine, type DiscountRequest } from './rules.js';
import { invoiceView, isoDay, lockPayers, newId, statusOf, type InvoiceRow } from './store.js';

/** Enrollments billed per batch: a few thousand rows per statement, well below the parameter limit. */
export const RUN_BATCH = 500;

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

/** Serialises invoice runs of an organisation (any period) in this transaction. */
export async function lockRun(work: Work, organizationId: string): Promise<void> {
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`billing-run:${work.tenantId}:${organizationId}`}, 0))`,
  );
}

type Grant = typeof discountGrants.$inferSelect;

interface Planned {
  row: InvoiceRow;
  description: string;
  lines: (DiscountLine & { id: string })[];
  credit: { id: string; amountCents: number } | null;
}

/** Issues the invoices of one batch; returns the ids issued and how many already existed. */
export async function issueBatch(
  work: Work,
  ctx: RunContext,
  batch: readonly BillableEnrollment[],
): Promise<{ created: string[]; existing: number }> {
  // Its audit rows (invoices, journal entries) go to the chain in one statement.
  return withBatchedAudits(work, (batched) => issueBatchNow(batched, ctx, batch));
}

async function issueBatchNow(work: Work, ctx: RunContext, batch: readonly BillableEnrollment[]) {
  const issued = new Set(
    (
      await work.tx
        .select({ enrollmentId: invoices.enrollmentId })
        .from(invoices)
        .where(
          and(
            eq(invoices.tenantId, work.tenantId),
            eq(invoices.period, ctx.period),
            inArray(
              invoices.enrollmentId,
              batch.map((e) => e.enrollmentId),
            ),
          ),
        )
    ).map((r) => r.enrollmentId),
  );
  const todo = batch.filter((e) => !issued.has(e.enrollmentId));
  if (todo.length === 0) return { created: [], existing: batch.length };
  const grants = await waitingGrants(work, ctx, todo);
  const credit = await creditLeft(work, ctx, todo);
  const planned = todo.map((e) => plan(work, ctx, e, grants.get(e.studentId) ?? [], credit));
  const inserted = new Set(
    (
      await work.tx
        .insert(invoices)
        .values(planned.map((p) => p.row))
        .onConflictDoNothing({
          target: [invoices.tenantId, invoices.enrollmentId, invoices.period],
          where: sql`"enrollment_id" IS NOT NULL`,
        })
        .returning({ id: invoices.id })
    ).map((r) => r.id),
  );
  // An invoice issued meanwhile by someone else (the insert skipped it) gets nothing of this run's.
  const mine = planned.filter((p) => inserted.has(p.row.id));
  await writeAdjustments(work, ctx, mine);
  await postAll(
    work,
    mine.flatMap((p) => moneyEvents(work, ctx, p)),
  );
  await work.auditMany(
    mine.map((p) => ({
      table: invoices,
      recordId: p.row.id,
      operation: 'INSERT' as const,
      newValues: invoiceView(p.row),
    })),
  );
  return { created: mine.map((p) => p.row.id), existing: batch.length - mine.length };
}

/** The grants waiting for the batch's students, oldest id first (the order they stack in). */
async function waitingGrants(work: Work, ctx: RunContext, todo: readonly BillableEnrollment[]) {
  const students = [...new Set(todo.map((e) => e.studentId).filter((s) => ctx.studentsWithGrants.has(s)))];
  const byStudent = new Map<string, Grant[]>();
  if (students.length === 0) return byStudent;
  const rows = await work.tx
    .select()
    .from(discountGrants)
    .where(
      and(
        eq(discountGrants.tenantId, work.tenantId),
        eq(discountGrants.organizationId, ctx.organizationId),
        inArray(discountGrants.studentId, students),
        isNull(discountGrants.invoiceId),
      ),
    );
  for (const g of rows.sort((a, b) => a.id.localeCompare(b.id))) {
    byStudent.set(g.studentId, [...(byStudent.get(g.studentId) ?? []), g]);
  }
  return byStudent;
}

/** The family credit of the batch's payers who have some, read under their locks. */
async function creditLeft(work: Work, ctx: RunContext, todo: readonly BillableEnrollment[]) {
  const payers = [...new Set(todo.map((e) => e.payerId).filter((p) => ctx.payersWithCredit.has(p)))];
  const left = new Map<string, number>();
  if (payers.length === 0) return left;
  await lockPayers(work, payers);
  const rows = rowsOf<{ payer_id: string; balance: string | number }>(
    await work.tx.execute(sql`SELECT payer_id, coalesce(sum(amount_cents), 0)::bigint AS balance
       FROM ${familyCredits} WHERE tenant_id = ${work.tenantId}
        AND payer_id IN (${sql.join(
          payers.map((p) => sql`${p}`),
          sql`, `,
        )}) GROUP BY payer_id`),
  );
  for (const r of rows) left.set(r.payer_id, Number(r.balance));
  return left;
}

/** One enrollment's invoice, in memory: gross, discounts in the stacking order, then family credit. */
function plan(
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

/** The discount and credit lines, the grants they claim and the credit they spend: one statement each. */
async function writeAdjustments(work: Work, ctx: RunContext, mine: readonly Planned[]) {
  const adjustments = mine.flatMap((p) => [
    ...p.lines.map((l) => ({
      tenantId: work.tenantId,
      id: l.id,
      invoiceId: p.row.id,
      kind: l.kind,
      amountCents: l.amountCents,
      rateBasisPoints: l.basisPoints ?? null,
      reason: l.reason ?? null,
      grantId: l.grantId ?? null,
    })),
    ...(p.credit
      ? [
          {
            tenantId: work.tenantId,
            id: p.credit.id,
            invoiceId: p.row.id,
            kind: 'credit',
            amountCents: p.credit.amountCents,
            rateBasisPoints: null,
            reason: 'family credit from an earlier overpayment',
            grantId: null,
          },
        ]
      : []),
  ]);
  if (adjustments.length > 0) await work.tx.insert(invoiceAdjustments).values(adjustments);
  const claims = mine.flatMap((p) => p.lines.filter((l) => l.grantId).map((l) => ({ id: l.grantId!, inv: p.row.id })));
  if (claims.length > 0) {
    const claimed = rowsOf<{ id: string }>(
      await work.tx.execute(sql`UPDATE ${discountGrants} g SET invoice_id = c.inv
          FROM jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS c(id text, inv text)
         WHERE g.tenant_id = ${work.tenantId} AND g.id = c.id AND g.invoice_id IS NULL RETURNING g.id`),
    );
    // Runs are serialised, so nothing else claims grants meanwhile; if something did, issue nothing.
    if (claimed.length !== claims.length) {
      throw new AppError('conflict', 'A discount grant was claimed while the invoice run was issuing: run it again.');
    }
  }
  const spent = mine.filter((p) => p.credit);
  if (spent.length > 0) {
    await work.tx.insert(familyCredits).values(
      spent.map((p) => ({
        tenantId: work.tenantId,
        id: newId(),
        organizationId: ctx.organizationId,
        payerId: p.row.payerId,
        amountCents: -p.credit!.amountCents,
        invoiceId: p.row.id,
      })),
    );
  }
}

/** The money events of an issued invoice, in the order they happened one at a time. */
function moneyEvents(work: Work, ctx: RunContext, p: Planned): BillingMoneyEvent[] {
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
