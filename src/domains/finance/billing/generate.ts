/**
 * The monthly invoice run and the discounts granted ahead of it.
 *
 * `generateInvoices` issues one invoice per active enrollment and month, in batches (invoice-run.ts):
 * the insert is `ON CONFLICT DO NOTHING` on the unique (enrollment, period) index, so a second run —
 * also a concurrent one — finds the invoice there and issues nothing. A new invoice gets, in the
 * stacking order (rules.ts), the sibling discount, the student's waiting manual and referral grants
 * (each claimed once), then the family credit (spent under the payer's lock). Each money event is
 * posted to the books.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { activeEnrollmentsForBilling } from '../../school-ops/index.js';
import { discountGrants, familyCredits, invoices, products } from '../tables.js';
import { billingErrors } from './errors.js';
import { issueBatch, lockRun, RUN_BATCH, type RunContext } from './invoice-run.js';
import { BILLING_RULES, dueDateOf, toCents } from './rules.js';
import {
  generateInvoicesInput,
  grantDiscountInput,
  type GenerateInvoicesInput,
  type GrantDiscountInput,
} from './schemas.js';
import { newId } from './store.js';

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
 * Who has a grant waiting and which payers have family credit, read once per run: batches without
 * any skip those lookups. Read without locks: a grant or a credit committed after this read waits for
 * the next invoice, as if it had come a moment later.
 */
async function runLookups(work: Work, organizationId: string) {
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

/** Issues the month's invoices for every active enrollment (idempotent per enrollment and month). */
export async function generateInvoices(work: Work, input: GenerateInvoicesInput) {
  const { period, organizationId } = parseInput(generateInvoicesInput, input);
  await work.authorize(invoices, 'write');
  const created: string[] = [];
  let existing = 0;
  for (const org of await organizationsOf(work, organizationId)) {
    const enrollments = await activeEnrollmentsForBilling(work, { organizationId: org.id });
    if (enrollments.length === 0) continue;
    const tuition = await tuitionOf(work, org.id);
    if (!tuition) {
      throw billingErrors.no_tuition_product(`${org.name ?? org.id} has no active monthly tuition product to bill.`);
    }
    await lockRun(work, org.id);
    const ctx: RunContext = {
      organizationId: org.id,
      period,
      dueDate: dueDateOf(period, dueDayOf(org.settings)),
      grossCents: toCents(tuition.price),
      tuition: { id: tuition.id, name: tuition.name },
      ...(await runLookups(work, org.id)),
    };
    for (let i = 0; i < enrollments.length; i += RUN_BATCH) {
      const batch = await issueBatch(work, ctx, enrollments.slice(i, i + RUN_BATCH));
      created.push(...batch.created);
      existing += batch.existing;
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
