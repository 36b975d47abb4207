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
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../../../platform/http/errors.js';
import { parseInput } from '../../../platform/service/routes.js';
import type { Work } from '../../../platform/service/work.js';
import { journalEntries } from '../tables.js';
import { ACCOUNTS, accountIdsByCode, type AccountRole } from './chart.js';
import {
  insertEventDrafts,
  journalLock,
  lockOrganizationJournal,
  postDraftsLocked,
  type DraftEntry,
} from './journal.js';

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

/**
 * Takes the organisation's journal lock and gives the posting accounts' ids: the first time in a
 * transaction in one statement with their lookup, afterwards the lock alone.
 */
async function lockJournalWithAccounts(work: Work, organizationId: string): Promise<Map<string, string>> {
  let byOrg = accountsByTx.get(work.tx);
  if (!byOrg) accountsByTx.set(work.tx, (byOrg = new Map()));
  const known = byOrg.get(organizationId);
  if (known) {
    await lockOrganizationJournal(work, organizationId);
    return known;
  }
  const ids = accountIdsByCode(work, organizationId, POSTING_CODES, { lock: journalLock(work, organizationId) });
  // A failed lookup is not remembered: the caller's transaction fails with it anyway.
  ids.catch(() => byOrg.delete(organizationId));
  byOrg.set(organizationId, ids);
  return ids;
}

/** The draft of an event's balanced entry. */
function draftOf(event: MoneyEvent, ids: Map<string, string>): DraftEntry {
  const rule = postingRule(event.kind, event.method);
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
  const credits = [...withheld, { code: ACCOUNTS[rule.credit], amountCents: rest }].filter((c) => c.amountCents > 0);
  return {
    organizationId: event.organizationId,
    entryDate: event.occurredOn,
    description: event.description,
    memo: event.method ? `method: ${event.method}` : null,
    sourceType: SOURCE_TYPE[event.kind],
    sourceTable: event.source.table,
    sourceId: event.source.id,
    eventKind: event.kind,
    lines: [
      { accountId: ids.get(ACCOUNTS[rule.debit])!, entryType: 'debit', amountCents: event.amountCents },
      ...credits.map((c) => ({
        accountId: ids.get(c.code)!,
        entryType: 'credit' as const,
        amountCents: c.amountCents,
      })),
    ],
  };
}

export interface PostedEvent {
  entryId: string;
  entryNumber: number;
  created: boolean;
}

const eventKey = (e: { kind: string; table: string; id: string }) => `${e.kind}\u0000${e.table}\u0000${e.id}`;

/**
 * Posts the balanced entries of money events (or finds the ones already posted for them), in the
 * order given. No authorization of its own: the calling service authorized the operation that moved
 * the money. However many events, per organisation: one journal lock, one multi-row insert of the
 * drafts and one of their lines (an event already posted is skipped by its unique index), one
 * statement numbering them as a block and posting them, and one audit append.
 */
export async function postMoneyEvents(work: Work, input: readonly MoneyEvent[]): Promise<PostedEvent[]> {
  const events = input.map((e) => parseInput(moneyEventSchema, e));
  const results = new Array<PostedEvent | undefined>(events.length);
  const organizations = [...new Set(events.map((e) => e.organizationId))].sort();
  for (const organizationId of organizations) {
    // First of an event wins: the same event twice in one call is one entry.
    const firstOf = new Map<string, number>();
    events.forEach((e, i) => {
      const key = eventKey({ kind: e.kind, ...e.source });
      if (e.organizationId === organizationId && !firstOf.has(key)) firstOf.set(key, i);
    });
    const indexes = [...firstOf.values()];
    const ids = await lockJournalWithAccounts(work, organizationId);
    const drafts = indexes.map((i) => draftOf(events[i]!, ids));
    const inserted = await insertEventDrafts(work, drafts);
    const newIds = [...inserted.values()];
    const numbers = await postDraftsLocked(work, organizationId, newIds);
    const posted = new Map<string, PostedEvent>();
    for (const [d, entryId] of inserted) {
      posted.set(eventKey({ kind: drafts[d]!.eventKind!, table: drafts[d]!.sourceTable!, id: drafts[d]!.sourceId! }), {
        entryId,
        entryNumber: numbers.get(entryId)!,
        created: true,
      });
    }
    if (inserted.size < drafts.length) await findPosted(work, organizationId, drafts, posted);
    await work.auditMany(
      [...inserted].map(([d, entryId]) => ({
        table: journalEntries,
        recordId: entryId,
        operation: 'INSERT' as const,
        newValues: {
          entryNumber: numbers.get(entryId),
          kind: drafts[d]!.eventKind,
          amountCents: events[indexes[d]!]!.amountCents,
        },
      })),
    );
    events.forEach((e, i) => {
      if (e.organizationId === organizationId) results[i] = posted.get(eventKey({ kind: e.kind, ...e.source }));
    });
  }
  return results.map((r) => r!);
}

/** The entries already posted for the drafts that were skipped (an event posted before). */
async function findPosted(work: Work, organizationId: string, drafts: DraftEntry[], into: Map<string, PostedEvent>) {
  const missing = drafts.filter(
    (d) => !into.has(eventKey({ kind: d.eventKind!, table: d.sourceTable!, id: d.sourceId! })),
  );
  const rows = await work.tx
    .select({
      id: journalEntries.id,
      entryNumber: journalEntries.entryNumber,
      kind: journalEntries.eventKind,
      table: journalEntries.sourceTable,
      sourceId: journalEntries.sourceId,
    })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.tenantId, work.tenantId),
        eq(journalEntries.organizationId, organizationId),
        inArray(journalEntries.sourceId, [...new Set(missing.map((d) => d.sourceId!))]),
      ),
    );
  for (const r of rows) {
    into.set(eventKey({ kind: r.kind ?? '', table: r.table ?? '', id: r.sourceId ?? '' }), {
      entryId: r.id,
      entryNumber: r.entryNumber ?? 0,
      created: false,
    });
  }
}

/** Posts the balanced entry of one money event (or returns the one already posted for it). */
export async function postMoneyEvent(work: Work, input: MoneyEvent): Promise<PostedEvent> {
  const [posted] = await postMoneyEvents(work, [input]);
  return posted!;
}
