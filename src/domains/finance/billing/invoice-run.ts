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
import { moneyEvents, plan, type Grant, type Planned, type RunContext } from './invoice-plan.js';
import { postAll } from './post.js';
import { invoiceView, lockPayers, newId } from './store.js';

export type { RunContext } from './invoice-plan.js';

/** Enrollments billed per batch: a few thousand rows per statement, well below the parameter limit. */
export const RUN_BATCH = 500;

/** Serialises invoice runs of an organisation (any period) in this transaction. */
export async function lockRun(work: Work, organizationId: string): Promise<void> {
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`billing-run:${work.tenantId}:${organizationId}`}, 0))`,
  );
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
