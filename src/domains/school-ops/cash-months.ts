/**
 * The owner's cash by month (a read for the language-school overview): money in — payments received
 * less refunds (finance.transactions) — and money out — payroll payments completed
 * (finance.payroll_payments) — in integer cents, for the last N calendar months (UTC) up to this one.
 * Read-only, confined by the caller's reach over each table exactly as the generic API's lists are
 * (`work.readScope`); it lives here, beside the class fill rates, so the finance domain stays untouched.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/database.js';
import { parseInput } from '../../platform/service/routes.js';
import type { Work } from '../../platform/service/work.js';
import { cashMonthsQuery } from './schemas.js';

const all = (condition: SQL | undefined) => condition ?? sql`TRUE`;

export async function cashMonths(work: Work, query: { months?: number | string } = {}) {
  const { months } = parseInput(cashMonthsQuery, query);
  const [paymentsReach, payrollReach] = await Promise.all(
    ['finance.transactions', 'finance.payroll_payments'].map((t) => work.readScope(t)),
  );
  const now = work.now;
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const keys = Array.from({ length: months }, (_, i) =>
    new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + i, 1)).toISOString().slice(0, 7),
  );
  const since = first.toISOString();
  const cashIn = rowsOf<{ month: string; cents: string | number }>(
    await work.tx.execute(sql`WITH visible AS (SELECT * FROM finance.transactions WHERE ${all(paymentsReach)})
      SELECT to_char(processed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
             sum(CASE WHEN type = 'refund' THEN -1 ELSE 1 END
                 * coalesce(amount_cents, round(coalesce(amount, 0) * 100)))::bigint AS cents
        FROM visible WHERE type IN ('income', 'refund') AND processed_at >= ${since}::timestamptz
       GROUP BY 1`),
  );
  const cashOut = rowsOf<{ month: string; cents: string | number }>(
    await work.tx.execute(sql`WITH visible AS (SELECT * FROM finance.payroll_payments WHERE ${all(payrollReach)})
      SELECT to_char(processed_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, sum(amount_cents)::bigint AS cents
        FROM visible WHERE status = 'completed' AND processed_at >= ${since}::timestamptz
       GROUP BY 1`),
  );
  const [org] = rowsOf<{ currency: string | null }>(
    await work.tx.execute(sql`SELECT settings->>'currency' AS currency FROM core.organizations
      WHERE tenant_id = ${work.tenantId} ORDER BY id LIMIT 1`),
  );
  const of = (rows: { month: string; cents: string | number }[], key: string) =>
    Number(rows.find((r) => r.month === key)?.cents ?? 0);
  return {
    currency: org?.currency ?? 'BRL',
    months: keys.map((month) => ({ month, inCents: of(cashIn, month), outCents: of(cashOut, month) })),
  };
}
