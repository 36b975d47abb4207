/**
 * Reports over posted entries (a reversed entry counts, and so does its reversal: together they cancel):
 * - trial balance: debits and credits per account for the period; totals always equal;
 * - income statement: revenue and expenses of the period and the result;
 * - balance sheet at a date: assets = liabilities + equity, where equity includes the result not yet
 *   closed into it (revenue − expenses since the first entry).
 * Balances are signed by the account type's natural side: debit for assets and expenses, credit
 * otherwise (so a contra account such as discounts granted shows negative under revenue).
 */
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { journalEntries } from '../tables.js';
import {
  balanceSheetQuery,
  periodQuery,
  type BalanceSheetView,
  type IncomeStatementView,
  type PeriodQuery,
  type TrialBalanceView,
} from './schemas.js';
import { resolveOrganization } from './service.js';

interface AccountSums {
  accountId: string;
  code: string;
  name: string | null;
  accountType: string;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

const debitNatured = (type: string) => type === 'asset' || type === 'expense';

/** Debit and credit totals per account over posted entries dated in [from, to] (from may be open). */
export async function accountSums(
  work: Work,
  organizationId: string,
  from: string | null,
  to: string,
): Promise<AccountSums[]> {
  const result = await work.tx.execute(sql`
    SELECT a.id AS account_id, a.code, a.name, a.account_type,
           coalesce(sum(l.amount_cents) FILTER (WHERE l.entry_type = 'debit'), 0)::bigint AS debit,
           coalesce(sum(l.amount_cents) FILTER (WHERE l.entry_type = 'credit'), 0)::bigint AS credit
      FROM finance.journal_entries e
      JOIN finance.journal_entry_lines l ON l.tenant_id = e.tenant_id AND l.entry_id = e.id
      JOIN finance.chart_of_accounts a ON a.tenant_id = l.tenant_id AND a.id = l.account_id
     WHERE e.tenant_id = ${work.tenantId} AND e.organization_id = ${organizationId}
       AND e.status IN ('posted', 'reversed')
       AND e.reference_date <= ${to} ${from ? sql`AND e.reference_date >= ${from}` : sql``}
     GROUP BY a.id, a.code, a.name, a.account_type
     ORDER BY a.code`);
  return rowsOf<{
    account_id: string;
    code: string;
    name: string | null;
    account_type: string;
    debit: string | number;
    credit: string | number;
  }>(result).map((r) => {
    const debitCents = Number(r.debit);
    const creditCents = Number(r.credit);
    return {
      accountId: r.account_id,
      code: r.code,
      name: r.name,
      accountType: r.account_type,
      debitCents,
      creditCents,
      balanceCents: debitNatured(r.account_type) ? debitCents - creditCents : creditCents - debitCents,
    };
  });
}

/** What every report starts from: the caller may read the journal; the organization's account sums. */
async function reportAccounts(work: Work, organizationId: string | undefined, from: string | null, to: string) {
  await work.authorize(journalEntries, 'read');
  const resolved = await resolveOrganization(work, organizationId);
  return { organizationId: resolved, accounts: await accountSums(work, resolved, from, to) };
}

const total = (rows: AccountSums[], pick: (r: AccountSums) => number) => rows.reduce((s, r) => s + pick(r), 0);

export async function trialBalance(work: Work, input: PeriodQuery): Promise<TrialBalanceView> {
  const q = parseInput(periodQuery, input);
  const { organizationId, accounts } = await reportAccounts(work, q.organizationId, q.from, q.to);
  const totalDebitCents = total(accounts, (r) => r.debitCents);
  const totalCreditCents = total(accounts, (r) => r.creditCents);
  return {
    organizationId,
    from: q.from,
    to: q.to,
    accounts,
    totalDebitCents,
    totalCreditCents,
    balanced: totalDebitCents === totalCreditCents,
  };
}

export async function incomeStatement(work: Work, input: PeriodQuery): Promise<IncomeStatementView> {
  const q = parseInput(periodQuery, input);
  const { organizationId, accounts } = await reportAccounts(work, q.organizationId, q.from, q.to);
  const revenue = accounts.filter((a) => a.accountType === 'revenue');
  const expenses = accounts.filter((a) => a.accountType === 'expense');
  const totalRevenueCents = total(revenue, (r) => r.balanceCents);
  const totalExpenseCents = total(expenses, (r) => r.balanceCents);
  return {
    organizationId,
    from: q.from,
    to: q.to,
    revenue,
    expenses,
    totalRevenueCents,
    totalExpenseCents,
    netIncomeCents: totalRevenueCents - totalExpenseCents,
  };
}

export async function balanceSheet(
  work: Work,
  input: { organizationId?: string; asOf: string },
): Promise<BalanceSheetView> {
  const q = parseInput(balanceSheetQuery, input);
  const { organizationId, accounts } = await reportAccounts(work, q.organizationId, null, q.asOf);
  const of = (type: string) => accounts.filter((a) => a.accountType === type);
  const assets = of('asset');
  const liabilities = of('liability');
  const equity = of('equity');
  const periodResultCents = total(of('revenue'), (r) => r.balanceCents) - total(of('expense'), (r) => r.balanceCents);
  const totalAssetsCents = total(assets, (r) => r.balanceCents);
  const totalLiabilitiesCents = total(liabilities, (r) => r.balanceCents);
  const totalEquityCents = total(equity, (r) => r.balanceCents) + periodResultCents;
  return {
    organizationId,
    asOf: q.asOf,
    assets,
    liabilities,
    equity,
    totalAssetsCents,
    totalLiabilitiesCents,
    totalEquityCents,
    periodResultCents,
    balanced: totalAssetsCents === totalLiabilitiesCents + totalEquityCents,
  };
}
