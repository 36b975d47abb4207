/**
 * Invoices of enrolments a cancelled class ended (school-ops enrollment-endings.ts): each invoice of
 * the month the class stops and later, not yet cancelled, is cancelled; whatever the family already
 * put into it — payments and family credit applied — comes back as family credit for the next invoice.
 * The books: credit_created for what comes back (receivables / customer credits), then
 * invoice_cancelled for what the invoice still carried (tuition revenue / receivables), so its
 * receivable ends at zero. Each invoice is locked, and its payer's credit lock is taken, as payments do.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import type { Work } from '../../../platform/service/work.js';
import type { EndedEnrollments, EnrollmentMoney } from '../../school-ops/index.js';
import { invoices } from '../tables.js';
import { post } from './post.js';
import { addCredit, invoiceView, isoDay, lockInvoice, lockPayer } from './store.js';

async function invoicesOf(work: Work, ended: EndedEnrollments) {
  const ids = sql.join(
    ended.enrollmentIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return rowsOf<{ id: string; paid_cents: number | null; credit_cents: number | null }>(
    await work.tx.execute(sql`SELECT id, paid_cents, credit_cents FROM ${invoices}
      WHERE tenant_id = ${work.tenantId} AND enrollment_id IN (${ids}) AND period >= ${ended.fromPeriod}
        AND coalesce(status, 'pending') <> 'cancelled' AND net_cents IS NOT NULL
      ORDER BY id`),
  );
}

// No invoice authorisation of its own: this is the consequence of a class cancellation the office was
// authorised for (the front office has no grant on financial tables), and it answers only counts and a total.
export async function previewCancellation(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney> {
  const rows = await invoicesOf(work, ended);
  const creditedCents = rows.reduce((s, r) => s + Number(r.paid_cents ?? 0) + Number(r.credit_cents ?? 0), 0);
  return { invoicesCancelled: rows.length, creditedCents };
}

export async function cancelEnrollmentInvoices(work: Work, ended: EndedEnrollments): Promise<EnrollmentMoney> {
  let invoicesCancelled = 0;
  let creditedCents = 0;
  for (const { id } of await invoicesOf(work, ended)) {
    const before = await lockInvoice(work, id);
    if (before.status === 'cancelled') continue;
    await lockPayer(work, before.payerId);
    const back = (before.paidCents ?? 0) + (before.creditCents ?? 0);
    const carried = (before.netCents ?? 0) + (before.creditCents ?? 0);
    const day = isoDay(work.now);
    const source = { table: 'finance.invoices', id };
    if (back > 0) {
      await addCredit(work, {
        organizationId: before.organizationId,
        payerId: before.payerId,
        amountCents: back,
        invoiceId: id,
      });
      await post(work, {
        organizationId: before.organizationId,
        kind: 'credit_created',
        amountCents: back,
        occurredOn: day,
        description: `Crédito por cancelamento de turma (fatura ${before.period})`,
        source: { table: 'finance.invoices:cancelled', id },
      });
    }
    await post(work, {
      organizationId: before.organizationId,
      kind: 'invoice_cancelled',
      amountCents: carried,
      occurredOn: day,
      description: `Fatura ${before.period} cancelada: ${ended.reason}`,
      source,
    });
    const [after] = await work.tx
      .update(invoices)
      .set({ status: 'cancelled' })
      .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, id)))
      .returning();
    await work.audit({
      table: invoices,
      recordId: id,
      operation: 'UPDATE',
      oldValues: invoiceView(before),
      newValues: { ...invoiceView(after!), reason: ended.reason, creditedCents: back },
    });
    invoicesCancelled++;
    creditedCents += back;
  }
  return { invoicesCancelled, creditedCents };
}
