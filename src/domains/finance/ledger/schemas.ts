/**
 * What the ledger's operations accept and answer (zod): route validation, the OpenAPI document and the
 * web app's forms. No server-only imports here. Money is integer cents.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const cents = z.number().int('must be whole cents').max(Number.MAX_SAFE_INTEGER);
const entityId = z.string().trim().min(1, 'is required').max(64);

export const journalLineInput = z
  .strictObject({
    accountId: entityId,
    debitCents: cents.min(0, 'must not be negative').default(0),
    creditCents: cents.min(0, 'must not be negative').default(0),
    description: z.string().trim().max(500).optional(),
    costCenterId: entityId.optional(),
  })
  .refine((l) => l.debitCents > 0 !== l.creditCents > 0, {
    message: 'a line is either a debit or a credit of a positive amount',
    path: ['debitCents'],
  });

/** Lines of a manual entry: at least two, debits equal to credits. */
export const journalLines = z
  .array(journalLineInput)
  .min(2, 'an entry needs at least two lines')
  .max(500)
  .superRefine((lines, ctx) => {
    const debits = lines.reduce((s, l) => s + l.debitCents, 0);
    const credits = lines.reduce((s, l) => s + l.creditCents, 0);
    if (debits !== credits)
      ctx.addIssue({ code: 'custom', message: `debits (${debits}) must equal credits (${credits})`, path: [] });
  });

export const createEntryInput = z.strictObject({
  /** Default: the tenant's only organisation. */
  organizationId: entityId.optional(),
  entryDate: isoDate,
  description: z.string().trim().min(1, 'is required').max(500),
  memo: z.string().trim().max(2000).optional(),
  lines: journalLines,
  /** Post at once (number assigned now) instead of keeping a draft. */
  post: z.boolean().default(false),
});
export type CreateEntryInput = z.input<typeof createEntryInput>;

export const updateEntryInput = z.strictObject({
  entryDate: isoDate.optional(),
  description: z.string().trim().min(1, 'is required').max(500).optional(),
  memo: z.string().trim().max(2000).nullable().optional(),
  lines: journalLines.optional(),
});
export type UpdateEntryInput = z.input<typeof updateEntryInput>;

export const reverseEntryInput = z.strictObject({
  /** The reversal's accounting date (default: the original's). */
  entryDate: isoDate.optional(),
  reason: z.string().trim().min(1, 'is required').max(500),
});
export type ReverseEntryInput = z.input<typeof reverseEntryInput>;

export const entryParams = z.strictObject({ entryId: entityId });

export const listEntriesQuery = z.strictObject({
  organizationId: entityId.optional(),
  status: z.enum(['draft', 'posted', 'reversed', 'cancelled']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListEntriesQuery = z.input<typeof listEntriesQuery>;

export const periodQuery = z
  .strictObject({
    organizationId: entityId.optional(),
    from: isoDate,
    to: isoDate,
  })
  .refine((q) => q.to >= q.from, { message: 'must not be before from', path: ['to'] });
export type PeriodQuery = z.input<typeof periodQuery>;

export const journalLineView = z.object({
  lineNumber: z.number().int(),
  accountId: z.string(),
  accountCode: z.string(),
  accountName: z.string().nullable(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
  description: z.string().nullable(),
});

export const journalEntryView = z.object({
  id: z.string(),
  organizationId: z.string(),
  entryNumber: z.number().int().nullable(),
  entryDate: z.string().nullable(),
  description: z.string().nullable(),
  memo: z.string().nullable(),
  status: z.string(),
  sourceType: z.string().nullable(),
  eventKind: z.string().nullable(),
  isReversal: z.boolean(),
  reversesEntryId: z.string().nullable(),
  reversedByEntryId: z.string().nullable(),
  postedAt: z.string().nullable(),
  totalCents: z.number().int(),
  lines: z.array(journalLineView),
});
export type JournalEntryView = z.infer<typeof journalEntryView>;

export const journalEntryList = z.object({
  items: z.array(journalEntryView.omit({ lines: true })),
  total: z.number().int(),
});

const accountBalance = z.object({
  accountId: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  accountType: z.string(),
  debitCents: z.number().int(),
  creditCents: z.number().int(),
  /** Debits − credits for debit-nature accounts, credits − debits otherwise. */
  balanceCents: z.number().int(),
});

export const trialBalanceView = z.object({
  organizationId: z.string(),
  from: z.string(),
  to: z.string(),
  accounts: z.array(accountBalance),
  totalDebitCents: z.number().int(),
  totalCreditCents: z.number().int(),
  balanced: z.boolean(),
});
export type TrialBalanceView = z.infer<typeof trialBalanceView>;

export const incomeStatementView = z.object({
  organizationId: z.string(),
  from: z.string(),
  to: z.string(),
  revenue: z.array(accountBalance),
  expenses: z.array(accountBalance),
  totalRevenueCents: z.number().int(),
  totalExpenseCents: z.number().int(),
  netIncomeCents: z.number().int(),
});
export type IncomeStatementView = z.infer<typeof incomeStatementView>;

export const balanceSheetView = z.object({
  organizationId: z.string(),
  asOf: z.string(),
  assets: z.array(accountBalance),
  liabilities: z.array(accountBalance),
  equity: z.array(accountBalance),
  totalAssetsCents: z.number().int(),
  totalLiabilitiesCents: z.number().int(),
  /** Equity accounts plus the result not yet closed into them. */
  totalEquityCents: z.number().int(),
  periodResultCents: z.number().int(),
  balanced: z.boolean(),
});
export type BalanceSheetView = z.infer<typeof balanceSheetView>;

export const balanceSheetQuery = z.strictObject({ organizationId: entityId.optional(), asOf: isoDate });

export const accountView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  accountType: z.string().nullable(),
  nature: z.string().nullable(),
  level: z.number().int().nullable(),
  allowsPosting: z.boolean(),
  isActive: z.boolean(),
});
export const accountList = z.object({ items: z.array(accountView) });
export const organizationQuery = z.strictObject({ organizationId: entityId.optional() });
