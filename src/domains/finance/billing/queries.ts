/**
 * Reading invoices: the finance/secretary list (status filter, paged) and detail with its balance,
 * lines, payments and charges; and the family's own invoices (a parent's children's, a student's own).
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { invoiceAdjustments, invoices, paymentCharges, transactions } from '../tables.js';
import { invoiceListQuery, type ChargeView, type InvoiceDetailView } from './schemas.js';
import { creditBalance, invoiceView, namesOf, transactionView, type InvoiceRow } from './store.js';

type ChargeRow = typeof paymentCharges.$inferSelect;

export function chargeView(row: ChargeRow): ChargeView {
  return {
    id: row.id,
    invoiceId: row.invoiceId,
    gateway: row.gateway,
    method: row.method,
    amountCents: row.amountCents,
    status: row.status,
    externalId: row.externalId,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    details: (row.details as Record<string, unknown> | null) ?? {},
  };
}

async function views(work: Work, rows: InvoiceRow[]) {
  const names = await namesOf(
    work,
    rows.flatMap((r) => [r.payerId, r.studentId]),
  );
  return rows.map((r) =>
    invoiceView(r, { payer: names.get(r.payerId) ?? null, student: r.studentId ? names.get(r.studentId) : null }),
  );
}

/** The core user a family principal is (parent or student), if any. */
export function familyMember(work: Work): string | undefined {
  const roles = work.principal.roles;
  if (!roles.includes('parent') && !roles.includes('student')) return undefined;
  return work.principal.person?.coreUserId;
}

/** Invoices a family member may see: theirs as payer, their own as student, their children's. */
function familyCondition(work: Work, userId: string): SQL {
  return sql`(${invoices.payerId} = ${userId} OR ${invoices.studentId} = ${userId} OR ${invoices.studentId} IN (
    SELECT child_id FROM core.families WHERE tenant_id = ${work.tenantId} AND parent_id = ${userId}))`;
}

async function listWhere(work: Work, query: unknown, reach: SQL | undefined) {
  const q = parseInput(invoiceListQuery, query);
  const where = and(
    eq(invoices.tenantId, work.tenantId),
    reach,
    q.status ? eq(invoices.status, q.status) : undefined,
    q.payerId ? eq(invoices.payerId, q.payerId) : undefined,
    q.studentId ? eq(invoices.studentId, q.studentId) : undefined,
    q.period ? eq(invoices.period, q.period) : undefined,
  );
  const rows = await work.tx
    .select()
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.dueDate), asc(invoices.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await work.tx
    .select({ total: sql<number>`count(*)::int` })
    .from(invoices)
    .where(where);
  return { invoices: await views(work, rows), total: Number(count?.total ?? 0) };
}

/** Finance / secretary: every invoice of the tenant, filtered. */
export async function listInvoices(work: Work, query: unknown) {
  await work.authorize(invoices, 'read');
  return listWhere(work, query, undefined);
}

/** A parent's or student's own invoices. */
export async function familyInvoices(work: Work, query: unknown) {
  const me = familyMember(work);
  if (!me) throw new AppError('forbidden', 'only a family member signed in with their person record has invoices here');
  return listWhere(work, query, familyCondition(work, me));
}

/** May this principal act on this invoice as its family? (A parent paying by PIX.) */
export async function assertFamilyInvoice(work: Work, invoiceId: string): Promise<void> {
  const me = familyMember(work);
  if (!me) {
    await work.authorize(invoices, 'read');
    return;
  }
  const [row] = await work.tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, invoiceId), familyCondition(work, me)));
  if (!row) throw new AppError('not_found', `No invoice ${invoiceId}.`);
}

export async function invoiceDetail(work: Work, invoiceId: string): Promise<InvoiceDetailView> {
  await assertFamilyInvoice(work, invoiceId);
  const [row] = await work.tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, work.tenantId), eq(invoices.id, invoiceId)));
  if (!row) throw new AppError('not_found', `No invoice ${invoiceId}.`);
  const [view] = await views(work, [row]);
  const by = <T extends { tenantId: unknown; invoiceId: unknown }>(t: T) =>
    and(eq(t.tenantId as never, work.tenantId), eq(t.invoiceId as never, invoiceId));
  const adjustments = await work.tx
    .select()
    .from(invoiceAdjustments)
    .where(by(invoiceAdjustments))
    .orderBy(asc(invoiceAdjustments.id));
  const moves = await work.tx
    .select()
    .from(transactions)
    .where(by(transactions))
    .orderBy(asc(transactions.processedAt));
  const charges = await work.tx
    .select()
    .from(paymentCharges)
    .where(by(paymentCharges))
    .orderBy(desc(paymentCharges.createdAt));
  return {
    ...view!,
    adjustments: adjustments.map((a) => ({
      kind: a.kind,
      amountCents: a.amountCents,
      rateBasisPoints: a.rateBasisPoints,
      reason: a.reason,
    })),
    transactions: moves.map(transactionView),
    charges: charges.map(chargeView),
    familyCreditCents: await creditBalance(work, row.payerId),
  };
}
