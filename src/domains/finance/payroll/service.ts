/**
 * Payroll: a contract's month is computed from the sessions actually taught (school-ops), approved,
 * then paid in one or several payments. The rules, also under concurrency:
 * - only an approved, scheduled or partially paid payroll is paid, and never above net − paid: one
 *   conditional UPDATE adds the payment (`paid + amount <= net AND status IN …`), so parallel payments
 *   queue on the row and the last ones are refused; the database CHECKs (paid ≤ net; nothing paid
 *   before approval) back it;
 * - the status follows: partially_paid while something is due, paid when paid = net;
 * - approval posts the accrual (payroll_accrued) as one entry — salaries expense against INSS and IRRF
 *   payable and the net salaries payable — and each payment its payment (payroll_paid), which clears the
 *   net payable;
 * - the payroll's payout (`finance.payouts`, payouts.ts) follows every change in the same unit of work.
 */
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { ulid } from 'ulid';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { taughtSessions } from '../../school-ops/index.js';
import { postMoneyEvent } from '../ledger/postings.js';
import { actingUserId } from '../ledger/journal.js';
import { payrollPayments, staffPayroll, teacherContracts } from '../tables.js';
import { payrollErrors } from './errors.js';
import { syncPayout } from './payouts.js';
import { earnings, type ContractModel, type PaymentModel } from './rules.js';
import {
  generatePayrollInput,
  listPayrollQuery,
  payPayrollInput,
  type GeneratePayrollInput,
  type PayPayrollInput,
  type PayrollView,
} from './schemas.js';

type PayrollRow = typeof staffPayroll.$inferSelect;
const PAYABLE = ['approved', 'scheduled', 'partially_paid'];

/** The INSS and IRRF a payroll withheld (its `deductions`, in cents). */
export function withheldOf(row: PayrollRow): { inssCents: number; irrfCents: number } {
  const d = (row.deductions ?? {}) as Record<string, unknown>;
  const cents = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : 0);
  return { inssCents: cents(d.inss), irrfCents: cents(d.irrf) };
}

export function payrollView(r: PayrollRow, employeeName: string | null = null): PayrollView {
  const withheld = withheldOf(r);
  const totalDeductions = r.totalDeductionsCents ?? 0;
  return {
    id: r.id,
    userId: r.userId,
    employeeName,
    contractId: r.contractId,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    payrollType: r.payrollType,
    hoursWorked: r.hoursWorked,
    grossAmountCents: r.grossAmountCents ?? 0,
    totalDeductionsCents: totalDeductions,
    inssCents: withheld.inssCents,
    irrfCents: withheld.irrfCents,
    otherDeductionsCents: Math.max(0, totalDeductions - withheld.inssCents - withheld.irrfCents),
    totalAdditionsCents: r.totalAdditionsCents ?? 0,
    netAmountCents: r.netAmountCents ?? 0,
    paidAmountCents: r.paidAmountCents ?? 0,
    status: r.status ?? 'draft',
    approvedAt: r.approvedAt ? r.approvedAt.toISOString() : null,
    paidAt: r.paidAt ? r.paidAt.toISOString() : null,
  };
}

export async function payrollRow(work: Work, payrollId: string, lock = false): Promise<PayrollRow> {
  const q = work.tx
    .select()
    .from(staffPayroll)
    .where(and(eq(staffPayroll.tenantId, work.tenantId), eq(staffPayroll.id, payrollId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', `No payroll ${payrollId}.`);
  return row;
}

/** Computes a contract's payroll for a period from the sessions taught (idempotent: an existing one is returned). */
export async function generatePayroll(work: Work, input: GeneratePayrollInput): Promise<PayrollView> {
  const data = parseInput(generatePayrollInput, input);
  await work.authorize(staffPayroll, 'write');
  const [contract] = await work.tx
    .select()
    .from(teacherContracts)
    .where(and(eq(teacherContracts.tenantId, work.tenantId), eq(teacherContracts.id, data.contractId)));
  if (!contract) throw new AppError('not_found', `No teacher contract ${data.contractId}.`);
  if (
    (contract.startDate && contract.startDate > data.periodEnd) ||
    (contract.endDate && contract.endDate < data.periodStart)
  )
    throw payrollErrors.contract_not_active(
      `Contract ${contract.id} does not cover ${data.periodStart}–${data.periodEnd}.`,
    );
  await work.tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payroll:${work.tenantId}:${contract.id}`}, 0))`,
  );
  const [existing] = await work.tx
    .select()
    .from(staffPayroll)
    .where(
      and(
        eq(staffPayroll.tenantId, work.tenantId),
        eq(staffPayroll.contractId, contract.id),
        eq(staffPayroll.periodStart, data.periodStart),
        eq(staffPayroll.periodEnd, data.periodEnd),
        ne(staffPayroll.status, 'cancelled'),
      ),
    );
  if (existing) return payrollView(existing);
  const taught = await taughtSessions(work, {
    teacherId: contract.userId,
    from: data.periodStart,
    to: data.periodEnd,
    organizationId: contract.organizationId,
  });
  const e = earnings(
    {
      contractModel: (contract.contractModel ?? 'school_employee') as ContractModel,
      paymentModel: (contract.paymentModel ?? 'fixed') as PaymentModel,
      rate: contract.rate ?? 0,
      percentage: contract.percentage,
    },
    taught,
    { year: Number(data.periodStart.slice(0, 4)), dependants: contract.dependants ?? 0 },
  );
  const [row] = await work.tx
    .insert(staffPayroll)
    .values({
      tenantId: work.tenantId,
      id: ulid(),
      organizationId: contract.organizationId,
      contractId: contract.id,
      userId: contract.userId,
      periodStart: data.periodStart,
      periodEnd: data.periodEnd,
      paymentDueDate: data.paymentDueDate ?? null,
      payrollType: e.payrollType,
      hoursWorked: e.hours,
      grossAmountCents: e.grossCents,
      deductions: e.deductions,
      totalDeductionsCents: e.totalDeductionsCents,
      additions: {},
      totalAdditionsCents: 0,
      netAmountCents: e.grossCents - e.totalDeductionsCents,
      paidAmountCents: 0,
      status: 'pending_approval',
      calculatedBy: actingUserId(work),
      calculatedAt: work.now,
      notes: `${e.sessions} sessions, ${e.hours} h taught (${contract.contractModel}/${contract.paymentModel})`,
    })
    .returning();
  const view = payrollView(row!);
  await work.audit({ table: staffPayroll, recordId: view.id, operation: 'INSERT', newValues: view });
  await syncPayout(work, row!);
  return view;
}

/** Approves a payroll awaiting approval (or a draft) and posts its accrual. */
export async function approvePayroll(work: Work, payrollId: string): Promise<PayrollView> {
  await work.authorize(staffPayroll, 'write');
  const before = await payrollRow(work, payrollId, true);
  if (before.status !== 'pending_approval' && before.status !== 'draft')
    throw payrollErrors.payroll_not_approvable(`Payroll ${payrollId} is ${before.status}.`);
  const [after] = await work.tx
    .update(staffPayroll)
    .set({ status: 'approved', approvedBy: actingUserId(work), approvedAt: work.now, updatedAt: work.now })
    .where(and(eq(staffPayroll.tenantId, work.tenantId), eq(staffPayroll.id, payrollId)))
    .returning();
  const withheld = withheldOf(after!);
  const accrued = (after!.netAmountCents ?? 0) + withheld.inssCents + withheld.irrfCents;
  if (accrued > 0)
    await postMoneyEvent(work, {
      organizationId: after!.organizationId,
      kind: 'payroll_accrued',
      amountCents: accrued,
      withheld,
      occurredOn: after!.periodEnd ?? work.now.toISOString().slice(0, 10),
      description: `Folha ${after!.periodStart}–${after!.periodEnd}`,
      source: { table: 'finance.staff_payroll', id: payrollId },
    });
  const view = payrollView(after!);
  await work.audit({
    table: staffPayroll,
    recordId: payrollId,
    operation: 'UPDATE',
    oldValues: payrollView(before),
    newValues: view,
  });
  await syncPayout(work, after!);
  return view;
}

/** Records a payment against an approved payroll, never above what is still due. */
export async function payPayroll(work: Work, payrollId: string, input: PayPayrollInput) {
  const data = parseInput(payPayrollInput, input);
  await work.authorize(payrollPayments, 'write');
  const amount = data.amountCents;
  const [after] = await work.tx
    .update(staffPayroll)
    .set({
      paidAmountCents: sql`${staffPayroll.paidAmountCents} + ${amount}`,
      status: sql`CASE WHEN ${staffPayroll.paidAmountCents} + ${amount} = ${staffPayroll.netAmountCents}
                       THEN 'paid' ELSE 'partially_paid' END`,
      paidAt: sql`CASE WHEN ${staffPayroll.paidAmountCents} + ${amount} = ${staffPayroll.netAmountCents}
                       THEN ${work.now.toISOString()}::timestamptz ELSE ${staffPayroll.paidAt} END`,
      updatedAt: work.now,
    })
    .where(
      and(
        eq(staffPayroll.tenantId, work.tenantId),
        eq(staffPayroll.id, payrollId),
        inArray(staffPayroll.status, PAYABLE),
        sql`${staffPayroll.paidAmountCents} + ${amount} <= ${staffPayroll.netAmountCents}`,
      ),
    )
    .returning();
  if (!after) {
    const row = await payrollRow(work, payrollId);
    if (!PAYABLE.includes(row.status ?? 'draft'))
      throw payrollErrors.payroll_not_payable(
        `Payroll ${payrollId} is ${row.status}: only an approved, scheduled or partially paid payroll is paid.`,
      );
    const due = (row.netAmountCents ?? 0) - (row.paidAmountCents ?? 0);
    throw payrollErrors.payment_exceeds_balance(`${amount} cents exceeds the ${due} cents still due.`, {
      dueCents: due,
    });
  }
  const paymentId = ulid();
  await work.tx.insert(payrollPayments).values({
    tenantId: work.tenantId,
    id: paymentId,
    payrollId,
    userId: after.userId,
    amountCents: amount,
    methodType: data.methodType,
    referenceCode: data.referenceCode ?? null,
    processedAt: work.now,
    status: 'completed',
    paidBy: actingUserId(work),
  });
  await postMoneyEvent(work, {
    organizationId: after.organizationId,
    kind: 'payroll_paid',
    amountCents: amount,
    occurredOn: data.paidOn ?? work.now.toISOString().slice(0, 10),
    description: `Pagamento de folha ${after.periodStart}–${after.periodEnd}`,
    source: { table: 'finance.payroll_payments', id: paymentId },
    method: data.methodType === 'cash' ? 'cash' : data.methodType === 'pix' ? 'pix' : 'transfer',
  });
  const view = payrollView(after);
  await work.audit({ table: payrollPayments, recordId: paymentId, operation: 'INSERT', newValues: { amount } });
  await syncPayout(work, after);
  return { paymentId, payroll: view };
}

/** Payrolls, newest period first, with the employee's name. */
export async function listPayroll(work: Work, input: { status?: string; limit?: number }) {
  const q = parseInput(listPayrollQuery, input);
  await work.authorize(staffPayroll, 'read');
  const rows = await work.tx
    .select({
      p: staffPayroll,
      name: sql<string | null>`(SELECT concat_ws(' ', u.first_name, u.last_name) FROM core.users u
        WHERE u.tenant_id = ${staffPayroll.tenantId} AND u.id = ${staffPayroll.userId})`,
    })
    .from(staffPayroll)
    .where(and(eq(staffPayroll.tenantId, work.tenantId), q.status ? eq(staffPayroll.status, q.status) : undefined))
    .orderBy(desc(staffPayroll.periodStart), staffPayroll.id)
    .limit(q.limit);
  return { items: rows.map((r) => payrollView(r.p, r.name)) };
}
