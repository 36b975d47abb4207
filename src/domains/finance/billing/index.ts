/**
 * Language-school billing's entry: the DomainModule (routes, tasks, owned tables) and what other
 * domains call (the CRM's referral rewards go through `grantDiscount`).
 */
import type { DomainModule } from '../../../platform/service/module.js';
import {
  discounts,
  discountGrants,
  familyCredits,
  gatewayEvents,
  invoiceAdjustments,
  invoices,
  paymentCharges,
  transactions,
} from '../tables.js';
import { handleEnrollmentEndings } from '../../school-ops/index.js';
import { cancelEnrollmentInvoices, previewCancellation } from './cancel.js';
import { billingTasks } from './jobs.js';
import { BILLING_PATHS, billingRoutes } from './routes.js';

export { grantDiscount, generateInvoices } from './generate.js';
export { applyPayment, recordPayment } from './payments.js';
export { refundPayment } from './refunds.js';
export { createPixCharge, createBoletoCharge, authorizeCard, captureCard, refundCard } from './charges.js';
export { handleWebhook } from './webhooks.js';
export { overdueSweep } from './overdue.js';
export { listInvoices, invoiceDetail, familyInvoices } from './queries.js';
export { BILLING_RULES } from './rules.js';
export { BILLING_PATHS } from './routes.js';

// A class cancellation ends its enrolments; their future invoices are billing's to cancel and credit.
handleEnrollmentEndings({ preview: previewCancellation, settle: cancelEnrollmentInvoices });

const P = BILLING_PATHS;
export const billingModule: DomainModule = {
  name: 'finance',
  owns: [
    {
      table: invoices,
      writeVia: [
        `POST ${P.invoiceRuns}`,
        `POST ${P.invoices}/{invoiceId}/payments`,
        `POST ${P.webhooks}/{gateway}/{tenantId}`,
      ],
    },
    {
      table: transactions,
      writeVia: [`POST ${P.invoices}/{invoiceId}/payments`, `POST ${P.payments}/{transactionId}/refund`],
    },
    { table: invoiceAdjustments, writeVia: [`POST ${P.invoiceRuns}`, `POST ${P.invoices}/{invoiceId}/payments`] },
    { table: discountGrants, writeVia: [`POST ${P.discounts}`] },
    { table: discounts, writeVia: ['the billing rules (BILLING_RULES); per-student discounts: `POST ${P.discounts}`'] },
    { table: familyCredits, writeVia: [`POST ${P.invoices}/{invoiceId}/payments`] },
    {
      table: paymentCharges,
      writeVia: [
        `POST ${P.invoices}/{invoiceId}/pix`,
        `POST ${P.invoices}/{invoiceId}/boleto`,
        `POST ${P.invoices}/{invoiceId}/card`,
      ],
    },
    { table: gatewayEvents, writeVia: [`POST ${P.webhooks}/{gateway}/{tenantId}`] },
  ],
  register(app) {
    billingRoutes(app);
    if (app.jobs) for (const task of billingTasks(app)) app.jobs.defineTask(task);
  },
};
