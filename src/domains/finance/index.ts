/**
 * The finance domain's public entry: what other domains (billing, school operations), the demo and the
 * composition root may use. Ledger (double-entry books), fiscal documents and payroll live in their
 * sub-folders; everything not exported here is private to them.
 */
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
// The CRM's referral rewards (langops): a discount on the referrer's (or their child's) next invoice.
export { grantDiscount } from './billing/index.js';
