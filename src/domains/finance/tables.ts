/**
 * Finance domain (seed 002 financial group + payroll/accounting supplement), split by sub-domain.
 */
export * from './tables/billing.js';
export * from './tables/payroll.js';
export * from './tables/payroll-payments.js';
export * from './tables/chart-of-accounts.js';
export * from './tables/journal.js';
export * from './tables/fiscal-documents.js';
export * from './tables/billing-payments.js';
