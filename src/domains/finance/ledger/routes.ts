/** The books' HTTP face: thin routes over service.ts and reports.ts (schemas in schemas.ts). */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { chartOfAccounts } from '../tables.js';
import { ensureChartOfAccounts } from './chart.js';
import { LEDGER_ERROR_CODES } from './errors.js';
import { balanceSheet, incomeStatement, trialBalance } from './reports.js';
import {
  accountList,
  balanceSheetQuery,
  balanceSheetView,
  createEntryInput,
  entryParams,
  incomeStatementView,
  journalEntryList,
  journalEntryView,
  listEntriesQuery,
  organizationQuery,
  periodQuery,
  reverseEntryInput,
  trialBalanceView,
  updateEntryInput,
} from './schemas.js';
import {
  createEntry,
  deleteEntry,
  getEntry,
  listEntries,
  postEntry,
  resolveOrganization,
  reverseEntry,
  updateEntry,
} from './service.js';

const tags = ['finance'];
const errors = LEDGER_ERROR_CODES;

export const LEDGER_PATHS = {
  entries: '/api/v1/finance/ledger/entries',
  accounts: '/api/v1/finance/ledger/accounts',
  reports: '/api/v1/finance/ledger/reports',
} as const;

export function ledgerRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  const E = LEDGER_PATHS.entries;
  serve({
    method: 'GET',
    url: LEDGER_PATHS.accounts,
    summary: 'Chart of accounts',
    description: "The organisation's chart (seeded for a Brazilian school on first use), by code.",
    query: organizationQuery,
    response: { status: 200, description: 'Accounts by code', schema: accountList },
    run: async (work, { query }) => {
      await work.authorize(chartOfAccounts, 'read');
      const organizationId = await resolveOrganization(work, query.organizationId);
      await ensureChartOfAccounts(work, organizationId);
      const rows = await work.tx
        .select()
        .from(chartOfAccounts)
        .where(and(eq(chartOfAccounts.tenantId, work.tenantId), eq(chartOfAccounts.organizationId, organizationId)))
        .orderBy(asc(chartOfAccounts.code));
      return {
        items: rows.map((a) => ({
          id: a.id,
          code: a.code,
          name: a.name,
          accountType: a.accountType,
          nature: a.nature,
          level: a.level,
          allowsPosting: a.allowsPosting ?? true,
          isActive: a.isActive ?? true,
        })),
      };
    },
  });
  serve({
    method: 'POST',
    url: E,
    summary: 'Create a manual journal entry',
    description: 'At least two lines, each a debit or a credit in cents; debits equal credits. A draft unless post.',
    body: createEntryInput,
    response: { status: 201, description: 'The entry', schema: journalEntryView },
    run: (work, { body }) => createEntry(work, body),
  });
  serve({
    method: 'GET',
    url: E,
    summary: 'Journal entries',
    query: listEntriesQuery,
    response: { status: 200, description: 'Entries, newest first', schema: journalEntryList },
    run: (work, { query }) => listEntries(work, query),
  });
  serve({
    method: 'GET',
    url: `${E}/:entryId`,
    summary: 'A journal entry with its lines',
    params: entryParams,
    response: { status: 200, description: 'The entry', schema: journalEntryView },
    run: (work, { params }) => getEntry(work, params.entryId),
  });
  serve({
    method: 'PATCH',
    url: `${E}/:entryId`,
    summary: 'Edit a draft journal entry',
    params: entryParams,
    body: updateEntryInput,
    response: { status: 200, description: 'The entry', schema: journalEntryView },
    run: (work, { params, body }) => updateEntry(work, params.entryId, body),
  });
  serve({
    method: 'DELETE',
    url: `${E}/:entryId`,
    summary: 'Delete a draft journal entry',
    params: entryParams,
    response: { status: 200, description: 'Deleted', schema: z.object({ deleted: z.literal(true) }) },
    run: async (work, { params }) => {
      await deleteEntry(work, params.entryId);
      return { deleted: true as const };
    },
  });
  serve({
    method: 'POST',
    url: `${E}/:entryId/post`,
    summary: 'Post a draft journal entry',
    description: "Assigns the organisation's next entry number; the entry becomes immutable.",
    params: entryParams,
    response: { status: 200, description: 'The posted entry', schema: journalEntryView },
    run: (work, { params }) => postEntry(work, params.entryId),
  });
  serve({
    method: 'POST',
    url: `${E}/:entryId/reverse`,
    summary: 'Reverse a posted journal entry',
    description: 'Posts a new entry with the lines swapped, linked to the original, which becomes reversed.',
    params: entryParams,
    body: reverseEntryInput,
    response: { status: 201, description: 'The reversal', schema: journalEntryView },
    run: (work, { params, body }) => reverseEntry(work, params.entryId, body),
  });
  const R = LEDGER_PATHS.reports;
  serve({
    method: 'GET',
    url: `${R}/trial-balance`,
    summary: 'Trial balance for a period',
    query: periodQuery,
    response: { status: 200, description: 'Debits and credits per account', schema: trialBalanceView },
    run: (work, { query }) => trialBalance(work, query),
  });
  serve({
    method: 'GET',
    url: `${R}/income-statement`,
    summary: 'Income statement for a period',
    query: periodQuery,
    response: { status: 200, description: 'Revenue, expenses and the result', schema: incomeStatementView },
    run: (work, { query }) => incomeStatement(work, query),
  });
  serve({
    method: 'GET',
    url: `${R}/balance-sheet`,
    summary: 'Balance sheet at a date',
    query: balanceSheetQuery,
    response: { status: 200, description: 'Assets, liabilities and equity', schema: balanceSheetView },
    run: (work, { query }) => balanceSheet(work, query),
  });
}
