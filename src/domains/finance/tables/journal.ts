/**
 * Finance — accounting: the double-entry journal (entries numbered per fiscal period, their debit/credit
 * lines). Amounts are integer cents (bigint); currency BRL by default.
 */
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkRange,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';

import { chartOfAccounts, costCenters } from './chart-of-accounts.js';

/** Double-entry journal header; numbered per fiscal period; posted entries are reversed, never edited. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §journal_entries
export const journalEntries = financeSchema.table(
  'journal_entries',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    // Assigned when the entry is posted (drafts have none): gapless per organisation.
    entryNumber: integer('entry_number'),
    referenceDate: date('reference_date'),
    postingDate: date('posting_date'),
    fiscalYear: integer('fiscal_year').notNull(),
    fiscalMonth: integer('fiscal_month').notNull(),
    description: text('description'),
    memo: text('memo'),
    sourceType: text('source_type'),
    // Polymorphic (payroll, invoice, payable…) per source_type: no foreign key.
    sourceId: text('source_id'),
    // Automatic postings (ledger/postings.ts): the money event's kind and source table; with source_id
    // they identify the event, so posting it twice returns the first entry.
    eventKind: text('event_kind'),
    sourceTable: text('source_table'),
    status: text('status').default('draft'),
    isReversal: boolean('is_reversal').default(false),
    reversesEntryId: text('reverses_entry_id'),
    reversedByEntryId: text('reversed_by_entry_id'),
    createdBy: text('created_by'),
    postedBy: text('posted_by'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('journal_entries', t.tenantId, t.id),
    tenantUnique(
      'journal_entries_number_key',
      t.tenantId,
      t.organizationId,
      t.fiscalYear,
      t.fiscalMonth,
      t.entryNumber,
    ),
    tenantFk(
      'journal_entries_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('journal_entries_reverses_fkey', [t.tenantId, t.reversesEntryId], [t.tenantId, t.id]),
    tenantFk('journal_entries_reversed_by_fkey', [t.tenantId, t.reversedByEntryId], [t.tenantId, t.id]),
    tenantFk('journal_entries_created_by_fkey', [t.tenantId, t.createdBy], [users.tenantId, users.id]),
    tenantFk('journal_entries_posted_by_fkey', [t.tenantId, t.postedBy], [users.tenantId, users.id]),
    checkRange('journal_entries_fiscal_month_check', t.fiscalMonth, 1, 12),
    checkSql('journal_entries_entry_number_check', sql`${bare(t.entryNumber)} >= 1`),
    checkSql(
      'journal_entries_numbered_check',
      sql`${bare(t.status)} IN ('draft', 'cancelled') OR ${bare(t.entryNumber)} IS NOT NULL`,
    ),
    uniqueIndex('journal_entries_org_number_key')
      .on(t.tenantId, t.organizationId, t.entryNumber)
      .where(sql`${bare(t.entryNumber)} IS NOT NULL`),
    uniqueIndex('journal_entries_event_key')
      .on(t.tenantId, t.organizationId, t.eventKind, t.sourceTable, t.sourceId)
      .where(sql`${bare(t.eventKind)} IS NOT NULL`),
    checkIn('journal_entries_source_type_check', t.sourceType, [
      'payroll',
      'invoice',
      'payable',
      'manual',
      'adjustment',
      'closing',
    ]),
    checkIn('journal_entries_status_check', t.status, ['draft', 'posted', 'reversed', 'cancelled']),
    index('journal_entries_source_idx').on(t.tenantId, t.sourceType, t.sourceId),
    index('journal_entries_reverses_idx').on(t.tenantId, t.reversesEntryId),
    index('journal_entries_reversed_by_idx').on(t.tenantId, t.reversedByEntryId),
    index('journal_entries_created_by_idx').on(t.tenantId, t.createdBy),
    index('journal_entries_posted_by_idx').on(t.tenantId, t.postedBy),
  ],
);

/** Debit/credit lines of a journal entry; per entry, debits equal credits (enforced by the app). */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §journal_entry_lines
export const journalEntryLines = financeSchema.table(
  'journal_entry_lines',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    entryId: text('entry_id').notNull(),
    accountId: text('account_id').notNull(),
    costCenterId: text('cost_center_id'),
    amountCents: centsColumn('amount_cents'),
    currency: varchar('currency', { length: 3 }).default('BRL'),
    entryType: text('entry_type'),
    description: text('description'),
    taxCode: text('tax_code'),
    taxAmountCents: centsColumn('tax_amount_cents'),
    documentNumber: text('document_number'),
    documentDate: date('document_date'),
    lineNumber: integer('line_number').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('journal_entry_lines', t.tenantId, t.id),
    tenantUnique('journal_entry_lines_line_key', t.tenantId, t.entryId, t.lineNumber),
    // cascade: a line is part of its entry (only draft entries are ever deleted).
    tenantFk(
      'journal_entry_lines_entry_fkey',
      [t.tenantId, t.entryId],
      [journalEntries.tenantId, journalEntries.id],
      'cascade',
    ),
    tenantFk(
      'journal_entry_lines_account_fkey',
      [t.tenantId, t.accountId],
      [chartOfAccounts.tenantId, chartOfAccounts.id],
    ),
    tenantFk(
      'journal_entry_lines_cost_center_fkey',
      [t.tenantId, t.costCenterId],
      [costCenters.tenantId, costCenters.id],
    ),
    checkIn('journal_entry_lines_entry_type_check', t.entryType, ['debit', 'credit']),
    // The side is carried by entry_type; the amount is a magnitude.
    checkNonNegative('journal_entry_lines_amount_check', t.amountCents),
    checkNonNegative('journal_entry_lines_tax_amount_check', t.taxAmountCents),
    checkSql('journal_entry_lines_line_number_check', sql`${bare(t.lineNumber)} >= 1`),
    index('journal_entry_lines_account_idx').on(t.tenantId, t.accountId),
    index('journal_entry_lines_cost_center_idx').on(t.tenantId, t.costCenterId),
  ],
);
