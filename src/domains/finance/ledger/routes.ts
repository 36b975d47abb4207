/** The books' HTTP face: thin routes over service.ts and reports.ts (schemas in schemas.ts). */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
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
  const E = LEDGER_PATHS.entries;
  route(
    app,
    {
      method: 'GET',
      url: LEDGER_PATHS.accounts,
      summary: 'Chart of accounts',
      description: "The organisation's chart (seeded for a Brazilian school on first use), by code.",
      tags,
      query: organizationQuery,
      response: { status: 200, description: 'Accounts by code', schema: accountList },
      errors,
    },
    ({ query, request }) =>
      requestWork(request, async (work) => {
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
      }),
  );
  route(
    app,
    {
      method: 'POST',
      url: E,
      summary: 'Create a manual journal entry',
      description: 'At least two lines, each a debit or a credit in cents; debits equal credits. A draft unless post.',
      tags,
      body: createEntryInput,
      response: { status: 201, description: 'The entry', schema: journalEntryView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => createEntry(work, body)),
  );
  route(
    app,
    {
      method: 'GET',
      url: E,
      summary: 'Journal entries',
      tags,
      query: listEntriesQuery,
      response: { status: 200, description: 'Entries, newest first', schema: journalEntryList },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => listEntries(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${E}/:entryId`,
      summary: 'A journal entry with its lines',
      tags,
      params: entryParams,
      response: { status: 200, description: 'The entry', schema: journalEntryView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => getEntry(work, params.entryId)),
  );
  route(
    app,
    {
      method: 'PATCH',
      url: `${E}/:entryId`,
      summary: 'Edit a draft journal entry',
      tags,
      params: entryParams,
      body: updateEntryInput,
      response: { status: 200, description: 'The entry', schema: journalEntryView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => updateEntry(work, params.entryId, body)),
  );
  route(
    app,
    {
      method: 'DELETE',
      url: `${E}/:entryId`,
      summary: 'Delete a draft journal entry',
      tags,
      params: entryParams,
      response: { status: 200, description: 'Deleted', schema: z.object({ deleted: z.literal(true) }) },
      errors,
    },
    ({ params, request }) =>
      requestWork(request, async (work) => {
        await deleteEntry(work, params.entryId);
        return { deleted: true as const };
      }),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${E}/:entryId/post`,
      summary: 'Post a draft journal entry',
      description: "Assigns the organisation's next entry number; the entry becomes immutable.",
      tags,
      params: entryParams,
      response: { status: 200, description: 'The posted entry', schema: journalEntryView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => postEntry(work, params.entryId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${E}/:entryId/reverse`,
      summary: 'Reverse a posted journal entry',
      description: 'Posts a new entry with the lines swapped, linked to the original, which becomes reversed.',
      tags,
      params: entryParams,
      body: reverseEntryInput,
      response: { status: 201, description: 'The reversal', schema: journalEntryView },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => reverseEntry(work, params.entryId, body)),
  );
  const R = LEDGER_PATHS.reports;
  route(
    app,
    {
      method: 'GET',
      url: `${R}/trial-balance`,
      summary: 'Trial balance for a period',
      tags,
      query: periodQuery,
      response: { status: 200, description: 'Debits and credits per account', schema: trialBalanceView },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => trialBalance(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${R}/income-statement`,
      summary: 'Income statement for a period',
      tags,
      query: periodQuery,
      response: { status: 200, description: 'Revenue, expenses and the result', schema: incomeStatementView },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => incomeStatement(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${R}/balance-sheet`,
      summary: 'Balance sheet at a date',
      tags,
      query: balanceSheetQuery,
      response: { status: 200, description: 'Assets, liabilities and equity', schema: balanceSheetView },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => balanceSheet(work, query)),
  );
}
