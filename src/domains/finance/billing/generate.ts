/**
 * The monthly invoice run and the discounts granted ahead of it.
 *
 * `generateInvoices` issues one invoice per active enrollment and month: the insert is
 * `ON CONFLICT DO NOTHING` on the unique (enrollment, period) index, so a second run — also a
 * concurrent one — finds the invoice there and issues nothing. A new invoice gets, in the stacking
 * order (rules.ts), the sibling discount, the student's waiting manual and referral grants (claimed by
 * one conditional UPDATE, so a grant lands on exactly one invoice), then the family credit (spent under
 * the payer's lock). Each money event is posted to the books.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import { withBatchedAudits, type Work } from '../../../platform/service/work.js';
import { activeEnrollmentsForBilling, type BillableEnrollment } from '../../school-ops/index.js';
import { discountGrants, familyCredits, invoiceAdjustments, invoices, products } from '../tables.js';
import { billingErrors } from './errors.js';
import { post } from './post.js';
import { BILLING_RULES, dueDateOf, stackDiscounts, toCents, type DiscountRequest } from './rules.js';
import {
  generateInvoicesInput,
  grantDiscountInput,
  type GenerateInvoicesInput,
  type GrantDiscountInput,
} from './schemas.js';
import { addCredit, creditBalance, isoDay, lockPayer, newId, saveTotals, type InvoiceRow } from './store.js';

interface Organization {
  id: string;
  name: string | null;
  settings: unknown;
}

async function organizationsOf(work: Work, organizationId?: string): Promise<Organization[]> {
  const rows = rowsOf<Organization>(
    await work.tx.execute(sql`SELECT id, name, settings FROM core.organizations
       WHERE tenant_id = ${work.tenantId} ${organizationId ? sql`AND id = ${organizationId}` : sql``} ORDER BY id`),
  );
  if (organizationId && rows.length === 0) throw new AppError('not_found', `No organization ${organizationId}.`);
  return rows;
}

export function dueDayOf(settings: unknown): number {
  const day = (settings as { billingDueDay?: unknown } | null)?.billingDueDay;
  return typeof day === 'number' && Number.isInteger(day) && day >= 1 && day <= 31 ? day : BILLING_RULES.defaultDueDay;
}

async function tuitionOf(work: Work, organizationId: string) {
  const [tuition] = await work.tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.tenantId, work.tenantId),
        eq(products.organizationId, organizationId),
        eq(products.type, 'tuition'),
        eq(products.recurrence, 'monthly'),
        eq(products.isActive, true),
      ),
    )
    .orderBy(asc(products.id))
    .limit(1);
  return tuition;
}

/**
 * What a run looks up once instead of once per invoice: the students with a waiting grant and the
 * payers with family credit. Read without locks: a grant or a credit committed after this read waits
 * for the next invoice, as if it had come a moment later; claiming a grant stays one conditional
 * UPDATE and spending credit stays under the payer's lock, so neither is ever used twice.
 */
interface RunLookups {
  studentsWithGrants: Set<string>;
  payersWithCredit: Set<string>;
}

async function runLookups(work: Work, organizationId: string): Promise<RunLookups> {
  const grants = rowsOf<{ student_id: string }>(
    await work.tx.execute(sql`SELECT DISTINCT student_id FROM ${discountGrants}
       WHERE tenant_id = ${work.tenantId} AND organization_id = ${organizationId} AND invoice_id IS NULL`),
  );
  const credits = rowsOf<{ payer_id: string }>(
    await work.tx.execute(sql`SELECT payer_id FROM ${familyCredits} WHERE tenant_id = ${work.tenantId}
       GROUP BY payer_id HAVING sum(amount_cents) > 0`),
  );
  return {
    studentsWithGrants: new Set(grants.map((g) => g.student_id)),
    payersWithCredit: new Set(credits.map((c) => c.payer_id)),
  };
}

async function claimGrants(work: Work, invoice: InvoiceRow, studentId: string) {
  return work.tx
    .update(discountGrants)
    .set({ invoiceId: invoice.id })
    .where(
      and(
        eq(discountGrants.tenantId, work.tenantId),
        eq(discountGrants.studentId, studentId),
        eq(discountGrants.organizationId, invoice.organizationId),
        isNull(discountGrants.invoiceId),
      ),
    )
    .returning();
}

/** Adds discount lines and family credit to a freshly issued invoice; posts each money event. */
async function completeInvoice(
  work: Work,
  invoice: InvoiceRow,
  enrollment: BillableEnrollment,
  lookups: RunLookups,
): Promise<InvoiceRow> {
  const today = isoDay(work.now);
  const grants = lookups.studentsWithGrants.has(enrollment.studentId)
    ? await claimGrants(work, invoice, enrollment.studentId)
    : [];
  const requests: DiscountRequest[] = [
    ...(enrollment.hasActiveSibling
      ? [{ kind: 'sibling' as const, basisPoints: BILLING_RULES.siblingBasisPoints, reason: 'another child enrolled' }]
      : []),
    ...grants
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((g) => ({
        kind: g.kind as 'manual' | 'referral',
        amountCents: g.amountCents,
        basisPoints: g.percentBasisPoints,
        reason: g.reason,
        grantId: g.id,
      })),
  ];
  const lines = stackDiscounts(invoice.grossCents ?? 0, requests);
  for (const line of lines) {
    const id = newId();
    await work.tx.insert(invoiceAdjustments).values({
      tenantId: work.tenantId,
      id,
      invoiceId: invoice.id,
      kind: line.kind,
      amountCents: line.amountCents,
      rateBasisPoints: line.basisPoints ?? null,
      reason: line.reason ?? null,
      grantId: line.grantId ?? null,
    });
    await post(work, {
      organizationId: invoice.organizationId,
      kind: 'discount_granted',
      amountCents: line.amountCents,
      occurredOn: today,
      description: `${line.kind} discount, invoice ${invoice.id}`,
      source: { table: 'finance.invoice_adjustments', id },
    });
  }
  const discount = lines.reduce((sum, l) => sum + l.amountCents, 0);
  const owed = (invoice.grossCents ?? 0) - discount;
  // Family credit (earlier overpayments) pays what it can of the new invoice.
  let credit = 0;
  if (owed > 0 && lookups.payersWithCredit.has(invoice.payerId)) {
    await lockPayer(work, invoice.payerId);
    credit = Math.min(owed, await creditBalance(work, invoice.payerId));
  }
  if (credit > 0) {
    const id = newId();
    await work.tx.insert(invoiceAdjustments).values({
      tenantId: work.tenantId,
      id,
      invoiceId: invoice.id,
      kind: 'credit',
      amountCents: credit,
      reason: 'family credit from an earlier overpayment',
    });
    await addCredit(work, {
      organizationId: invoice.organizationId,
      payerId: invoice.payerId,
      amountCents: -credit,
      invoiceId: invoice.id,
    });
    await post(work, {
      organizationId: invoice.organizationId,
      kind: 'credit_applied',
      amountCents: credit,
      occurredOn: today,
      description: `family credit applied to invoice ${invoice.id}`,
      source: { table: 'finance.invoice_adjustments', id },
    });
  }
  if (discount === 0 && credit === 0) return invoice;
  return saveTotals(work, invoice, { discountCents: discount, creditCents: credit });
}

/** Issues the month's invoices for every active enrollment (idempotent per enrollment and month). */
export async function generateInvoices(work: Work, input: GenerateInvoicesInput) {
  const { period, organizationId } = parseInput(generateInvoicesInput, input);
  await work.authorize(invoices, 'write');
  // A run audits every invoice and journal entry it writes: appended to the chain in one statement.
  return withBatchedAudits(work, (batched) => issueInvoices(batched, period, organizationId));
}

async function issueInvoices(work: Work, period: string, organizationId: string | undefined) {
  const today = isoDay(work.now);
  const created: string[] = [];
  let existing = 0;
  for (const org of await organizationsOf(work, organizationId)) {
    const enrollments = await activeEnrollmentsForBilling(work, { organizationId: org.id });
    if (enrollments.length === 0) continue;
    const tuition = await tuitionOf(work, org.id);
    if (!tuition) {
      throw billingErrors.no_tuition_product(`${org.name ?? org.id} has no active monthly tuition product to bill.`);
    }
    const gross = toCents(tuition.price);
    const dueDate = dueDateOf(period, dueDayOf(org.settings));
    const lookups = await runLookups(work, org.id);
    for (const enrollment of enrollments) {
      const description = `${tuition.name ?? 'Tuition'} ${period} — ${enrollment.className ?? enrollment.classId}`;
      const [invoice] = await work.tx
        .insert(invoices)
        .values({
          tenantId: work.tenantId,
          id: newId(),
          organizationId: org.id,
          payerId: enrollment.payerId,
          studentId: enrollment.studentId,
          enrollmentId: enrollment.enrollmentId,
          period,
          dueDate,
          status: 'pending',
          amount: gross / 100,
          discountAmount: 0,
          grossCents: gross,
          discountCents: 0,
          feeCents: 0,
          creditCents: 0,
          netCents: gross,
          paidCents: 0,
          items: [{ productId: tuition.id, description, amountCents: gross }],
        })
        .onConflictDoNothing({
          target: [invoices.tenantId, invoices.enrollmentId, invoices.period],
          where: sql`"enrollment_id" IS NOT NULL`,
        })
        .returning();
      if (!invoice) {
        existing++;
        continue;
      }
      await post(work, {
        organizationId: org.id,
        kind: 'invoice_issued',
        amountCents: gross,
        occurredOn: today,
        description,
        source: { table: 'finance.invoices', id: invoice.id },
      });
      await completeInvoice(work, invoice, enrollment, lookups);
      await work.audit({ table: invoices, recordId: invoice.id, operation: 'INSERT', newValues: { period, gross } });
      created.push(invoice.id);
    }
  }
  return { period, created: created.length, existing, invoiceIds: created };
}

/**
 * A discount for a student's next invoice: manual (secretary, with a reason) or a referral reward (the
 * CRM calls this). A fixed amount or a percentage; applied in the stacking order when issued.
 */
export async function grantDiscount(work: Work, input: GrantDiscountInput) {
  const data = parseInput(grantDiscountInput, input);
  await work.authorize(discountGrants, 'write');
  const [student] = rowsOf<{ id: string }>(
    await work.tx.execute(
      sql`SELECT id FROM core.users WHERE tenant_id = ${work.tenantId} AND id = ${data.studentId}
            AND organization_id = ${data.organizationId}`,
    ),
  );
  if (!student) throw AppError.validation({ studentId: ['is not a student of this organization'] });
  const [row] = await work.tx
    .insert(discountGrants)
    .values({
      tenantId: work.tenantId,
      id: newId(),
      organizationId: data.organizationId,
      studentId: data.studentId,
      kind: data.kind,
      amountCents: data.amountCents ?? null,
      percentBasisPoints: data.percent !== undefined ? Math.round(data.percent * 100) : null,
      reason: data.reason,
      source: data.source ?? null,
    })
    .returning();
  const view = {
    id: row!.id,
    studentId: row!.studentId,
    kind: row!.kind,
    amountCents: row!.amountCents,
    percentBasisPoints: row!.percentBasisPoints,
    reason: row!.reason,
    invoiceId: row!.invoiceId,
  };
  await work.audit({ table: discountGrants, recordId: view.id, operation: 'INSERT', newValues: view });
  return view;
}
