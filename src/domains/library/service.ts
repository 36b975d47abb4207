/**
 * Library circulation: the worked example of a domain service (ARCHITECTURE.md, "A domain module").
 * Each operation takes the unit of work (`Work`: transaction, principal, clock, policy engine, audit)
 * and its input; it validates, authorizes, enforces the lending rules, writes, and audits.
 *
 * The invariants it keeps, also under concurrent requests:
 * - `available_copies` = copies owned − copies on loan: a check-out takes a copy with one conditional
 *   UPDATE (`available_copies > 0`), so two desks never lend the last copy twice;
 * - a student holds at most LENDING_RULES.maxActiveLoans items, and one copy of a title at a time:
 *   their check-outs are serialised by a transaction-scoped advisory lock on (tenant, student), and a
 *   partial unique index backs the second rule in the database.
 *
 * The catalogue (titles and their copies) is kept in catalogue.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { libraryErrors } from './errors.js';
import { checkOutInput, LENDING_RULES, overdueQuery, type CheckOutInput, type CheckoutView } from './schemas.js';
import { checkouts, resources } from './tables.js';

type CheckoutRow = typeof checkouts.$inferSelect;

/** A loan still out (stored as Checked Out, or Overdue by an earlier import). */
const ON_LOAN = ['Checked Out', 'Overdue'] as const;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

export function checkoutView(row: CheckoutRow): CheckoutView {
  return {
    checkoutId: row.checkoutId,
    resourceId: row.resourceId,
    studentUsi: row.studentUsi,
    checkoutDate: row.checkoutDate,
    dueDate: row.dueDate,
    returnDate: row.returnDate,
    renewalCount: row.renewalCount ?? 0,
    status: row.checkoutStatus ?? 'Checked Out',
    librarianId: row.librarianId,
  };
}

async function lockedCheckout(work: Work, checkoutId: number): Promise<CheckoutRow> {
  const [row] = await work.tx
    .select()
    .from(checkouts)
    .where(and(eq(checkouts.tenantId, work.tenantId), eq(checkouts.checkoutId, checkoutId)))
    .for('update');
  if (!row) throw new AppError('not_found', `No library checkout ${checkoutId}.`);
  return row;
}

/** Applies `changes` to a locked loan and audits the change (old and new views). */
async function changeLoan(
  work: Work,
  before: CheckoutRow,
  changes: Partial<typeof checkouts.$inferInsert>,
): Promise<CheckoutView> {
  const [after] = await work.tx
    .update(checkouts)
    .set(changes)
    .where(and(eq(checkouts.tenantId, work.tenantId), eq(checkouts.checkoutId, before.checkoutId)))
    .returning();
  const view = checkoutView(after!);
  await work.audit({
    table: checkouts,
    recordId: before.checkoutId,
    operation: 'UPDATE',
    oldValues: checkoutView(before),
    newValues: view,
  });
  return view;
}

/** A loan still out, ready to change; a closed one is refused with `loan_closed`. */
async function openLoan(work: Work, checkoutId: number, what: string): Promise<CheckoutRow> {
  const loan = await lockedCheckout(work, checkoutId);
  await work.authorize(checkouts, 'write', { studentUsi: loan.studentUsi });
  if (!(ON_LOAN as readonly (string | null)[]).includes(loan.checkoutStatus)) {
    throw libraryErrors.loan_closed(`Checkout ${checkoutId} is ${loan.checkoutStatus}: ${what}.`);
  }
  return loan;
}

/** Lends one copy of a catalogue item to a student. */
export async function checkOut(work: Work, input: CheckOutInput): Promise<CheckoutView> {
  const data = parseInput(checkOutInput, input);
  await work.authorize(checkouts, 'write', { studentUsi: data.studentUsi });
  const today = isoDay(work.now);
  const dueDate = data.dueDate ?? addDays(today, LENDING_RULES.loanDays);
  if (dueDate < today) throw AppError.validation({ dueDate: ['must not be before today'] });

  // One student's check-outs one at a time: the limit below is then exact.
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`library:${work.tenantId}:${data.studentUsi}`}, 0))`,
  );
  const loans = await work.tx
    .select({ resourceId: checkouts.resourceId })
    .from(checkouts)
    .where(
      and(
        eq(checkouts.tenantId, work.tenantId),
        eq(checkouts.studentUsi, data.studentUsi),
        inArray(checkouts.checkoutStatus, [...ON_LOAN]),
      ),
    );
  if (loans.some((l) => l.resourceId === data.resourceId)) {
    throw libraryErrors.already_borrowed(`Student ${data.studentUsi} already has a copy of item ${data.resourceId}.`);
  }
  if (loans.length >= LENDING_RULES.maxActiveLoans) {
    throw libraryErrors.borrowing_limit_reached(
      `Student ${data.studentUsi} has ${loans.length} items on loan (at most ${LENDING_RULES.maxActiveLoans}).`,
      { onLoan: loans.length, limit: LENDING_RULES.maxActiveLoans },
    );
  }

  // Take a copy, atomically: the row lock makes concurrent check-outs of the last copy queue here.
  const taken = await work.tx
    .update(resources)
    .set({ availableCopies: sql`${resources.availableCopies} - 1` })
    .where(
      and(
        eq(resources.tenantId, work.tenantId),
        eq(resources.resourceId, data.resourceId),
        eq(resources.isActive, true),
        sql`${resources.availableCopies} > 0`,
      ),
    )
    .returning({ resourceId: resources.resourceId });
  if (taken.length === 0) {
    const [item] = await work.tx
      .select()
      .from(resources)
      .where(and(eq(resources.tenantId, work.tenantId), eq(resources.resourceId, data.resourceId)));
    if (!item) throw new AppError('not_found', `No library item ${data.resourceId}.`);
    if (item.isActive === false) throw libraryErrors.item_withdrawn(`"${item.title}" is withdrawn from circulation.`);
    throw libraryErrors.item_unavailable(`Every copy of "${item.title}" is on loan.`, {
      totalCopies: item.totalCopies,
    });
  }

  const [row] = await work.tx
    .insert(checkouts)
    .values({
      tenantId: work.tenantId,
      studentUsi: data.studentUsi,
      resourceId: data.resourceId,
      checkoutDate: today,
      dueDate,
      checkoutStatus: 'Checked Out',
      librarianId: work.principal.actorId,
    })
    .returning();
  const view = checkoutView(row!);
  await work.audit({ table: checkouts, recordId: view.checkoutId, operation: 'INSERT', newValues: view });
  return view;
}

/** Takes an item back (also one reported lost and then found). */
export async function returnItem(work: Work, checkoutId: number): Promise<CheckoutView> {
  const before = await lockedCheckout(work, checkoutId);
  await work.authorize(checkouts, 'write', { studentUsi: before.studentUsi });
  if (before.checkoutStatus === 'Returned') {
    throw libraryErrors.loan_closed(`Checkout ${checkoutId} was already returned on ${before.returnDate}.`);
  }
  const found = before.checkoutStatus === 'Lost';
  // A lost copy was written off the stock: found again, it is owned again.
  await work.tx
    .update(resources)
    .set({
      availableCopies: sql`${resources.availableCopies} + 1`,
      ...(found ? { totalCopies: sql`${resources.totalCopies} + 1` } : {}),
    })
    .where(and(eq(resources.tenantId, work.tenantId), eq(resources.resourceId, before.resourceId)));
  const today = isoDay(work.now);
  return changeLoan(work, before, {
    checkoutStatus: 'Returned',
    returnDate: today < before.checkoutDate ? before.checkoutDate : today,
  });
}

/** Extends a loan by the loan period from today, up to LENDING_RULES.maxRenewals times. */
export async function renewLoan(work: Work, checkoutId: number): Promise<CheckoutView> {
  const before = await openLoan(work, checkoutId, 'only a loan can be renewed');
  const renewals = before.renewalCount ?? 0;
  if (renewals >= LENDING_RULES.maxRenewals) {
    throw libraryErrors.renewal_refused(`Checkout ${checkoutId} was renewed ${renewals} times already.`, {
      limit: LENDING_RULES.maxRenewals,
    });
  }
  const dueDate = addDays(isoDay(work.now), LENDING_RULES.loanDays);
  return changeLoan(work, before, {
    renewalCount: renewals + 1,
    checkoutStatus: 'Checked Out',
    dueDate: dueDate > before.dueDate ? dueDate : before.dueDate,
  });
}

/** Records a loaned copy as lost: the loan closes and the copy leaves the stock. */
export async function reportLost(work: Work, checkoutId: number): Promise<CheckoutView> {
  const before = await openLoan(work, checkoutId, 'not on loan');
  await work.tx
    .update(resources)
    .set({ totalCopies: sql`${resources.totalCopies} - 1` })
    .where(and(eq(resources.tenantId, work.tenantId), eq(resources.resourceId, before.resourceId)));
  return changeLoan(work, before, { checkoutStatus: 'Lost' });
}

/** The loans past their due date on `asOf` (default today), oldest first, within the caller's reach. */
export async function overdueLoans(work: Work, query: { asOf?: string; limit?: number } = {}) {
  const { asOf = isoDay(work.now), limit } = parseInput(overdueQuery, query);
  // The caller's reach over checkouts (their schools' students, their children, …), as a condition
  // on that one table: applied inside the CTE so the join cannot make its columns ambiguous.
  const reach = await work.readScope(checkouts);
  const result = await work.tx.execute(sql`
    WITH visible AS (SELECT * FROM library.checkouts WHERE ${reach ?? sql`TRUE`})
    SELECT v.checkout_id, v.resource_id, v.student_usi, v.checkout_date, v.due_date, v.return_date,
           v.renewal_count, v.checkout_status, v.librarian_id, r.title,
           (${asOf}::date - v.due_date) AS days_overdue
      FROM visible v
      JOIN library.resources r ON r.tenant_id = v.tenant_id AND r.resource_id = v.resource_id
     WHERE v.checkout_status IN ('Checked Out', 'Overdue') AND v.due_date < ${asOf}::date
     ORDER BY v.due_date, v.checkout_id
     LIMIT ${limit}`);
  const loans = rowsOf<Record<string, unknown>>(result).map((r) => ({
    checkoutId: Number(r.checkout_id),
    resourceId: Number(r.resource_id),
    studentUsi: Number(r.student_usi),
    checkoutDate: String(r.checkout_date),
    dueDate: String(r.due_date),
    returnDate: null,
    renewalCount: Number(r.renewal_count ?? 0),
    status: 'Overdue',
    librarianId: (r.librarian_id as string | null) ?? null,
    title: String(r.title),
    daysOverdue: Number(r.days_overdue),
  }));
  return { asOf, loans };
}
