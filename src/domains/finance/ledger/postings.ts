/**
 * Automatic postings: every money event (invoice issued, payment received, fee, discount, refund,
 * payout, payroll) becomes one balanced, posted journal entry on the school chart
 * (chart.ts), in the caller's unit of work — it commits or rolls back with the event itself.
 *
 * Idempotent per (organisation, kind, source): posting the same event again returns the entry posted
 * the first time (the organisation's journal lock serialises the check; a partial unique index backs it).
 * Amounts are positive integer cents; a refund, an applied credit or a payment posts its own entry,
 * never a negative one. Mapping (debit / credit):
 * - invoice_issued:   tuition receivables / tuition revenue
 * - payment_received: cash, bank or card receivables (by method) / tuition receivables
 * - late_fee:         tuition receivables / late fees and interest revenue
 * - discount_granted: discounts granted (revenue deduction) / tuition receivables
 * - refund:           tuition receivables / cash, bank or card receivables (by method)
 * - credit_created:   tuition receivables / customer credits (the surplus of an overpayment)
 * - credit_applied:   customer credits / tuition receivables
 * - invoice_cancelled: tuition revenue / tuition receivables (an invoice voided: lessons not given)
 * - payout:           teacher fees (expense) / bank (or cash)
 * - payroll_accrued:  salaries (expense) / salaries payable — with `withheld`, one entry whose credits are
 *                     INSS payable, IRRF payable and the net salaries payable (the rest)
 * - payroll_paid:     salaries payable / bank (or cash)
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { journalEntries } from '../tables.js';
import { ACCOUNTS, accountIdsByCode, type AccountRole } from './chart.js';
import { insertDraft, lockOrganizationJournal, postDraft } from './journal.js';

export const MONEY_EVENT_KINDS = [
  'invoice_issued',
  'payment_received',
  'late_fee',
  'discount_granted',
  'refund',
  'payout',
  'payroll_accrued',
  'payroll_paid',
  'credit_applied',
  'credit_created',
  'invoice_cancelled',
] as const;
export type MoneyEventKind = (typeof MONEY_EVENT_KINDS)[number];

export const MONEY_METHODS = ['pix', 'boleto', 'credit_card', 'cash', 'transfer'] as const;
export type MoneyMethod = (typeof MONEY_METHODS)[number];

export interface MoneyEvent {
  organizationId: string;
  kind: MoneyEventKind;
  amountCents: number;
  /** YYYY-MM-DD: the entry's accounting date (its fiscal year and month). */
  occurredOn: string;
  description: string;
  source: { table: string; id: string };
  method?: MoneyMethod;
  /** payroll_accrued: the parts of the amount withheld for the government, credited to their payables. */
  withheld?: { inssCents?: number; irrfCents?: number };
}

const moneyEventSchema = z.object({
  organizationId: z.string().min(1),
  kind: z.enum(MONEY_EVENT_KINDS),
  amountCents: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  occurredOn: z.iso.date(),
  description: z.string().min(1).max(500),
  source: z.object({ table: z.string().min(1).max(100), id: z.string().min(1).max(200) }),
  method: z.enum(MONEY_METHODS).optional(),
  withheld: z
    .object({
      inssCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      irrfCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    })
    .optional(),
});

/** Where money comes in or goes out, by payment method (card money sits with the acquirer first). */
function moneyAccount(method: MoneyMethod | undefined): AccountRole {
  if (method === 'cash') return 'cash';
  if (method === 'credit_card') return 'cardReceivables';
  return 'bank';
}

/** The debit and credit account of an event. */
export function postingRule(kind: MoneyEventKind, method?: MoneyMethod): { debit: AccountRole; credit: AccountRole } {
  switch (kind) {
    case 'invoice_issued':
      return { debit: 'tuitionReceivables', credit: 'tuitionRevenue' };
    case 'payment_received':
      return { debit: moneyAccount(method), credit: 'tuitionReceivables' };
    case 'late_fee':
      return { debit: 'tuitionReceivables', credit: 'lateFeeRevenue' };
    case 'discount_granted':
      return { debit: 'discountsGranted', credit: 'tuitionReceivables' };
    case 'refund':
      return { debit: 'tuitionReceivables', credit: moneyAccount(method) };
    case 'credit_created':
      return { debit: 'tuitionReceivables', credit: 'customerCredits' };
    case 'credit_applied':
      return { debit: 'customerCredits', credit: 'tuitionReceivables' };
    case 'invoice_cancelled':
      return { debit: 'tuitionRevenue', credit: 'tuitionReceivables' };
    case 'payout':
      return { debit: 'teacherFees', credit: method === 'cash' ? 'cash' : 'bank' };
    case 'payroll_accrued':
      return { debit: 'salaries', credit: 'payrollPayable' };
    case 'payroll_paid':
      return { debit: 'payrollPayable', credit: method === 'cash' ? 'cash' : 'bank' };
  }
}

const POSTING_CODES: readonly string[] = [
  ...new Set(
    MONEY_EVENT_KINDS.flatMap((kind) =>
      [...MONEY_METHODS, undefined].flatMap((method) => {
        const rule = postingRule(kind, method);
        return [ACCOUNTS[rule.debit], ACCOUNTS[rule.credit]];
      }),
    ),
  ),
  ACCOUNTS.inssPayable,
  ACCOUNTS.irrfPayable,
];

const SOURCE_TYPE: Record<MoneyEventKind, 'invoice' | 'payroll'> = {
  invoice_issued: 'invoice',
  payment_received: 'invoice',
  late_fee: 'invoice',
  discount_granted: 'invoice',
  refund: 'invoice',
  credit_created: 'invoice',
  credit_applied: 'invoice',
  invoice_cancelled: 'invoice',
  payout: 'payroll',
  payroll_accrued: 'payroll',
  payroll_paid: 'payroll',
};

/**
 * The ids of every account automatic postings use, looked up once per organisation and transaction
 * (an invoice run posts hundreds of entries to the same few accounts). Accounts are only added, never
 * removed, and the chart seeding runs in the same transaction, so the ids stay valid until it ends.
 */
const accountsByTx = new WeakMap<object, Map<string, Promise<Map<string, string>>>>();

function postingAccounts(work: Work, organizationId: string): Promise<Map<string, string>> {
  let byOrg = accountsByTx.get(work.tx);
  if (!byOrg) accountsByTx.set(work.tx, (byOrg = new Map()));
  let ids = byOrg.get(organizationId);
  if (!ids) {
    ids = accountIdsByCode(work, organizationId, POSTING_CODES);
    // A failed lookup is not remembered: the caller's transaction fails with it anyway.
    ids.catch(() => byOrg.delete(organizationId));
    byOrg.set(organizationId, ids);
  }
  return ids;
}

/**
 * Posts the balanced entry of a money event (or returns the one already posted for it). No
 * authorization of its own: the calling service authorized the operation that moved the money.
 */
export async function postMoneyEvent(
  work: Work,
  input: MoneyEvent,
): Promise<{ entryId: string; entryNumber: number; created: boolean }> {
  const event = parseInput(moneyEventSchema, input);
  await lockOrganizationJournal(work, event.organizationId);
  const [existing] = await work.tx
    .select({ id: journalEntries.id, entryNumber: journalEntries.entryNumber })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.tenantId, work.tenantId),
        eq(journalEntries.organizationId, event.organizationId),
        eq(journalEntries.eventKind, event.kind),
        eq(journalEntries.sourceTable, event.source.table),
        eq(journalEntries.sourceId, event.source.id),
      ),
    );
  if (existing) return { entryId: existing.id, entryNumber: existing.entryNumber ?? 0, created: false };

  const rule = postingRule(event.kind, event.method);
  const debitCode = ACCOUNTS[rule.debit];
  const creditCode = ACCOUNTS[rule.credit];
  // Withholdings are carved out of the credit side: the entry stays balanced by construction.
  const withheld =
    event.kind === 'payroll_accrued'
      ? [
          { code: ACCOUNTS.inssPayable, amountCents: event.withheld?.inssCents ?? 0 },
          { code: ACCOUNTS.irrfPayable, amountCents: event.withheld?.irrfCents ?? 0 },
        ].filter((w) => w.amountCents > 0)
      : [];
  const rest = event.amountCents - withheld.reduce((s, w) => s + w.amountCents, 0);
  if (rest < 0) throw AppError.validation({ withheld: ['must not exceed the amount'] });
  const ids = await postingAccounts(work, event.organizationId);
  const credits = [...withheld, { code: creditCode, amountCents: rest }].filter((c) => c.amountCents > 0);
  const entryId = await insertDraft(work, {
    organizationId: event.organizationId,
    entryDate: event.occurredOn,
    description: event.description,
    memo: event.method ? `method: ${event.method}` : null,
    sourceType: SOURCE_TYPE[event.kind],
    sourceTable: event.source.table,
    sourceId: event.source.id,
    eventKind: event.kind,
    lines: [
      { accountId: ids.get(debitCode)!, entryType: 'debit', amountCents: event.amountCents },
      ...credits.map((c) => ({
        accountId: ids.get(c.code)!,
        entryType: 'credit' as const,
        amountCents: c.amountCents,
      })),
    ],
  });
  // The journal lock taken above is still held: numbering needs no second lock.
  const posted = await postDraft(work, entryId, event.organizationId, { journalLocked: true });
  await work.audit({
    table: journalEntries,
    recordId: entryId,
    operation: 'INSERT',
    newValues: { entryNumber: posted.entryNumber, kind: event.kind, amountCents: event.amountCents },
  });
  return { entryId, entryNumber: posted.entryNumber!, created: true };
}
