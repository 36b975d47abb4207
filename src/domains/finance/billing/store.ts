/**
 * Billing's shared row handling: invoice views, the invoice row lock, the totals update that keeps
 * the seed's REAL columns in step with the cents, and the family credit account (its balance read
 * under a per-payer transaction lock).
 */
import { and, eq, sql } from 'drizzle-orm';
import { monotonicFactory } from 'ulid';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work, WorkAuditEntry } from '../../../platform/service/work.js';
import { familyCredits, invoiceAdjustments, invoices, type transactions } from '../tables.js';
import { billingErrors } from './errors.js';
import type { InvoiceView, TransactionView } from './schemas.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;

// Monotonic: ids made in one millisecond still sort in the order made (an invoice's lines are listed by id).
const ulid = monotonicFactory();
export const newId = () => ulid();
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export function invoiceView(
  row: InvoiceRow,
  names: { payer?: string | null; student?: string | null } = {},
): InvoiceView {
  const net = row.netCents ?? 0;
  const paid = row.paidCents ?? 0;
  const items = Array.isArray(row.items) ? (row.items as { description?: string }[]) : [];
  return {
    id: row.id,
    organizationId: row.organizationId,
    payerId: row.payerId,
    payerName: names.payer ?? null,
    studentId: row.studentId,
    studentName: names.student ?? null,
    period: row.period,
    dueDate: row.dueDate,
    status: row.status ?? 'pending',
    grossCents: row.grossCents ?? 0,
    discountCents: row.discountCents ?? 0,
    feeCents: row.feeCents ?? 0,
    creditCents: row.creditCents ?? 0,
    netCents: net,
    paidCents: paid,
    balanceCents: row.status === 'cancelled' ? 0 : net - paid,
    paidAt: row.paidAt ? row.paidAt.toISOString() : null,
    description: items[0]?.description ?? null,
  };
}

export function transactionView(
  row: Pick<
    TransactionRow,
    'id' | 'invoiceId' | 'type' | 'method' | 'amountCents' | 'externalId' | 'processedAt' | 'refundOf'
  >,
): TransactionView {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    type: row.type ?? 'income',
    method: row.method,
    amountCents: row.amountCents ?? 0,
    externalId: row.externalId,
    processedAt: row.processedAt ? row.processedAt.toISOString() : null,
    refundOf: row.refundOf,
  };
}

/** The invoice, locked for this unit of work. */
export async function lockInvoice(work: Work, invoiceId: string): Promise<InvoiceRow> {
  const [row] = await work.tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, invoiceId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No invoice ${invoiceId}.`);
  return row;
}

/** The invoice locked for this unit of work, with the kinds of adjustment lines it has, in one statement. */
export async function lockInvoiceWithKinds(
  work: Work,
  invoiceId: string,
): Promise<{ row: InvoiceRow; kinds: string[] }> {
  const [found] = await work.tx
    .select({
      row: invoices,
      // Qualified by hand: Drizzle names the outer columns bare, which inside the subquery would mean a.*.
      kinds: sql<string[]>`(SELECT coalesce(jsonb_agg(a.kind), '[]'::jsonb) FROM ${invoiceAdjustments} a
        WHERE a.tenant_id = "finance"."invoices"."tenant_id" AND a.invoice_id = "finance"."invoices"."id")`,
    })
    .from(invoices)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, invoiceId)))
    // Locks the invoice row only: the subquery is not in FROM.
    .for('update');
  if (!found) throw new AppError('not_found', `No invoice ${invoiceId}.`);
  const kinds = typeof found.kinds === 'string' ? (JSON.parse(found.kinds) as string[]) : found.kinds;
  return { row: found.row, kinds };
}

export function assertOpen(row: InvoiceRow): void {
  if (row.status === 'cancelled') throw billingErrors.invoice_cancelled(`Invoice ${row.id} is cancelled.`);
  if (row.netCents === null) throw billingErrors.invoice_not_billable(`Invoice ${row.id} has no amounts.`);
}

/** Status from the amounts: paid when nothing is left, overdue once past due, else pending. */
export function statusOf(netCents: number, paidCents: number, dueDate: string | null, today: string): string {
  if (paidCents >= netCents) return 'paid';
  return dueDate !== null && dueDate < today ? 'overdue' : 'pending';
}

/** The row with `changes` and its net recomputed (gross − discounts + fees − credit), unsaved. */
export function withTotals(row: InvoiceRow, changes: Partial<InvoiceRow>): InvoiceRow {
  const next = { ...row, ...changes };
  return { ...next, netCents: netOf(next) };
}

const netOf = (r: InvoiceRow) =>
  (r.grossCents ?? 0) - (r.discountCents ?? 0) + (r.feeCents ?? 0) - (r.creditCents ?? 0);

type TotalsChanges = Partial<
  Pick<InvoiceRow, 'discountCents' | 'feeCents' | 'creditCents' | 'paidCents' | 'feesAccruedOn'>
>;

/**
 * New totals of a locked invoice, unsaved: the row after, the UPDATE that writes them (with the REAL
 * mirrors) and its audit entry — for a caller that sends the update together with other writes.
 */
export function totalsChange(work: Work, before: InvoiceRow, changes: TotalsChanges, paidAt?: Date | null) {
  const next = { ...before, ...changes };
  const net = netOf(next);
  const status = statusOf(net, next.paidCents ?? 0, next.dueDate, isoDay(work.now));
  const values = {
    ...changes,
    netCents: net,
    amount: net / 100,
    discountAmount: (next.discountCents ?? 0) / 100,
    status,
    paidAt: status === 'paid' ? (before.paidAt ?? paidAt ?? work.now) : null,
  };
  const update = work.tx
    .update(invoices)
    .set(values)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, before.id)));
  const after: InvoiceRow = { ...next, ...values };
  const audit: WorkAuditEntry = {
    table: invoices,
    recordId: before.id,
    operation: 'UPDATE',
    oldValues: invoiceView(before),
    newValues: invoiceView(after),
  };
  return { after, update, audit };
}

/** Serialises everything that spends a payer's family credit (advisory lock per tenant and payer). */
export async function lockPayer(work: Work, payerId: string): Promise<void> {
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`billing:${work.tenantId}:${payerId}`}, 0))`,
  );
}

/**
 * Takes the payer locks of several payers in one statement, in a fixed order (two runs never wait
 * on each other crosswise). The ordered subquery makes the locks taken in that order.
 */
export async function lockPayers(work: Work, payerIds: readonly string[]): Promise<void> {
  const keys = [...new Set(payerIds)].map((p) => `billing:${work.tenantId}:${p}`).sort();
  if (keys.length === 0) return;
  await work.tx.execute(sql`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
      FROM (SELECT k FROM jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) AS j(k) ORDER BY k OFFSET 0) s`);
}

export async function creditBalance(work: Work, payerId: string): Promise<number> {
  const result = await work.tx.execute(
    sql`SELECT coalesce(sum(amount_cents), 0)::bigint AS balance FROM ${familyCredits}
         WHERE tenant_id = ${work.tenantId} AND payer_id = ${payerId}`,
  );
  return Number(rowsOf<{ balance: string | number }>(result)[0]?.balance ?? 0);
}

type CreditEntry = {
  organizationId: string;
  payerId: string;
  amountCents: number;
  transactionId?: string;
  invoiceId?: string;
};

/** The INSERT of a family credit movement (none for 0 ¢), unsent: see `addCredit`. */
export function creditInsert(work: Work, entry: CreditEntry) {
  if (entry.amountCents === 0) return null;
  return work.tx.insert(familyCredits).values({ tenantId: work.tenantId, id: newId(), ...entry });
}

export async function addCredit(work: Work, entry: CreditEntry): Promise<void> {
  await creditInsert(work, entry);
}

/** Display names of core users, by id. */
export async function namesOf(work: Work, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const result = await work.tx.execute(sql`
    SELECT id, trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) AS name FROM core.users
     WHERE tenant_id = ${work.tenantId} AND id IN (${sql.join(
       wanted.map((i) => sql`${i}`),
       sql`, `,
     )})`);
  return new Map(rowsOf<{ id: string; name: string }>(result).map((r) => [r.id, r.name]));
}
