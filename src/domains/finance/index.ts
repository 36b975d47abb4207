/**
 * The finance domain's public entry: what other domains (billing, school operations), the demo and the
 * composition root may use. Ledger (double-entry books), fiscal documents and payroll live in their
 * sub-folders; everything not exported here is private to them.
 */
import type { DomainModule } from '../../platform/service/module.js';
import { LEDGER_PATHS, ledgerRoutes } from './ledger/routes.js';
import { FISCAL_PATHS, fiscalRoutes } from './fiscal/routes.js';
import { PAYROLL_PATHS, payrollRoutes } from './payroll/routes.js';
import {
  fiscalDocuments,
  journalEntries,
  journalEntryLines,
  payouts,
  payrollPayments,
  staffPayroll,
} from './tables.js';

export { ACCOUNTS, ensureChartOfAccounts, SCHOOL_CHART } from './ledger/chart.js';
export {
  MONEY_EVENT_KINDS,
  MONEY_METHODS,
  postMoneyEvent,
  postingRule,
  type MoneyEvent,
  type MoneyEventKind,
  type MoneyMethod,
} from './ledger/postings.js';
export { createEntry, postEntry, reverseEntry } from './ledger/service.js';
export { buildNfeKey, isValidNfeKey, nfeKeyProblem } from './fiscal/nfe-key.js';
export { issueFiscalDocument } from './fiscal/service.js';
export { approvePayroll, generatePayroll, payPayroll } from './payroll/service.js';
export { balanceSheet, incomeStatement, trialBalance } from './ledger/reports.js';

const E = LEDGER_PATHS.entries;

export const financeModule: DomainModule = {
  name: 'finance',
  owns: [
    {
      table: journalEntries,
      writeVia: [`POST ${E}`, `PATCH ${E}/{entryId}`, `POST ${E}/{entryId}/post`, `POST ${E}/{entryId}/reverse`],
    },
    { table: journalEntryLines, writeVia: [`POST ${E}`, `PATCH ${E}/{entryId}`] },
    { table: fiscalDocuments, writeVia: [`POST ${FISCAL_PATHS.documents}`] },
    {
      table: staffPayroll,
      writeVia: [`POST ${PAYROLL_PATHS.payroll}/generate`, `POST ${PAYROLL_PATHS.payroll}/{payrollId}/approve`],
    },
    { table: payrollPayments, writeVia: [`POST ${PAYROLL_PATHS.payroll}/{payrollId}/payments`] },
    {
      table: payouts,
      writeVia: [
        `POST ${PAYROLL_PATHS.payroll}/generate`,
        `POST ${PAYROLL_PATHS.payroll}/{payrollId}/approve`,
        `POST ${PAYROLL_PATHS.payroll}/{payrollId}/payments`,
      ],
    },
  ],
  register(app) {
    ledgerRoutes(app);
    fiscalRoutes(app);
    payrollRoutes(app);
  },
};
export {
  billingModule,
  grantDiscount,
  generateInvoices,
  applyPayment,
  recordPayment,
  overdueSweep,
  listInvoices,
  BILLING_RULES,
} from './billing/index.js';
