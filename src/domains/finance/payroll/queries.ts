/**
 * Payroll's reads for the finance screens: one payroll with how its withholdings were computed, and the
 * payouts (`finance.payouts`, kept by the payroll service) with the payroll each mirrors.
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { payouts, staffPayroll, teacherContracts } from '../tables.js';
import {
  listPayoutsQuery,
  type ListPayoutsQuery,
  type PayoutView,
  type PayrollDetailView,
  PAYOUT_STATUSES,
} from './schemas.js';
import { payrollRow, payrollView, withheldOf } from './service.js';
import { tableYearFor, withholdingDetail } from './taxes.js';

/** A payroll and its calculation: INSS slice by slice, the IRRF deduction, base and bracket. */
export async function payrollDetail(work: Work, payrollId: string): Promise<PayrollDetailView> {
  await work.authorize(staffPayroll, 'read');
  const row = await payrollRow(work, payrollId);
  const [extra] = rowsOf<{
    name: string | null;
    contract_model: string | null;
    payment_model: string | null;
    dependants: number | null;
  }>(
    await work.tx.execute(sql`SELECT concat_ws(' ', u.first_name, u.last_name) AS name, c.contract_model,
        c.payment_model, c.dependants
      FROM core.users u LEFT JOIN ${teacherContracts} c ON c.tenant_id = u.tenant_id AND c.id = ${row.contractId}
      WHERE u.tenant_id = ${work.tenantId} AND u.id = ${row.userId}`),
  );
  const withheld = withheldOf(row);
  // Only CLT employees have INSS/IRRF withheld (rules.ts); a payroll without a contract shows what it stored.
  const withholds = (extra?.contract_model ?? 'school_employee') === 'school_employee' && row.periodStart !== null;
  const year = Number((row.periodStart ?? '').slice(0, 4));
  const detail = withholds
    ? {
        year: tableYearFor(year),
        ...withholdingDetail(row.grossAmountCents ?? 0, { year, dependants: extra?.dependants ?? 0 }),
      }
    : null;
  return {
    payroll: payrollView(row, extra?.name ?? null),
    contractModel: extra?.contract_model ?? null,
    paymentModel: extra?.payment_model ?? null,
    notes: row.notes,
    withholding: detail,
    differsFromStored:
      detail !== null && (detail.inss.cents !== withheld.inssCents || detail.irrf.cents !== withheld.irrfCents),
  };
}

type PayoutRow = {
  id: string;
  user_id: string;
  teacher_name: string | null;
  period_start: unknown;
  period_end: unknown;
  amount_cents: unknown;
  status: string | null;
  paid_at: unknown;
  payroll_id: string | null;
  payroll_status: string | null;
  due_cents: unknown;
};

const day = (v: unknown) => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const instant = (v: unknown) =>
  v == null ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();

/** Payouts, newest period first, filtered by status and by a month their period overlaps; with totals. */
export async function listPayouts(work: Work, input: ListPayoutsQuery) {
  const q = parseInput(listPayoutsQuery, input);
  // The caller's reach over payouts (finance: the school's; a teacher: their own), inside a CTE over that table.
  const reach = (await work.readScope(payouts)) ?? sql`TRUE`;
  const visible = sql`WITH o AS (SELECT * FROM ${payouts} WHERE ${reach})`;
  const first = q.month ? `${q.month}-01` : null;
  const overlaps = first
    ? sql`AND o.period_start < (${first}::date + interval '1 month') AND o.period_end >= ${first}::date`
    : sql``;
  const where = sql`o.tenant_id = ${work.tenantId} ${q.status ? sql`AND o.status = ${q.status}` : sql``} ${overlaps}`;
  const rows = rowsOf<PayoutRow>(
    await work.tx
      .execute(sql`${visible} SELECT o.id, o.user_id, concat_ws(' ', u.first_name, u.last_name) AS teacher_name,
        o.period_start, o.period_end, coalesce(o.amount_cents, 0) AS amount_cents, o.status, o.paid_at, o.payroll_id,
        p.status AS payroll_status,
        coalesce(p.net_amount_cents - p.paid_amount_cents, 0) AS due_cents
      FROM o
      LEFT JOIN core.users u ON u.tenant_id = o.tenant_id AND u.id = o.user_id
      LEFT JOIN ${staffPayroll} p ON p.tenant_id = o.tenant_id AND p.id = o.payroll_id
      WHERE ${where}
      ORDER BY o.period_start DESC NULLS LAST, teacher_name, o.id LIMIT ${q.limit}`),
  );
  const totalsRows = rowsOf<{ status: string; cents: unknown }>(
    await work.tx.execute(sql`${visible} SELECT o.status, sum(coalesce(o.amount_cents, 0)) AS cents FROM o
      WHERE ${where} GROUP BY o.status`),
  );
  const total = (status: string) => Number(totalsRows.find((r) => r.status === status)?.cents ?? 0);
  const items: PayoutView[] = rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    teacherName: r.teacher_name || null,
    periodStart: day(r.period_start),
    periodEnd: day(r.period_end),
    amountCents: Number(r.amount_cents),
    status: (PAYOUT_STATUSES as readonly string[]).includes(r.status ?? '')
      ? (r.status as PayoutView['status'])
      : 'pending',
    paidAt: instant(r.paid_at),
    payrollId: r.payroll_id,
    payrollStatus: r.payroll_status,
    dueCents: Number(r.due_cents),
  }));
  return {
    items,
    totals: { pendingCents: total('pending'), approvedCents: total('approved'), paidCents: total('paid') },
  };
}
