/** Billing's HTTP face: thin routes over the services (schemas in schemas.ts). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route, serviceRoutes } from '../../../platform/service/routes.js';
import { requestWork, runWork, systemPrincipal } from '../../../platform/service/work.js';
import { GATEWAY_SIGNATURE_HEADER } from '../gateways/index.js';
import { authorizeCard, captureCard, createBoletoCharge, createPixCharge, refundCard } from './charges.js';
import { BILLING_ERROR_CODES } from './errors.js';
import { generateInvoices, grantDiscount } from './generate.js';
import { GENERATE_TASK } from './jobs.js';
import { overdueSweep } from './overdue.js';
import { recordPayment } from './payments.js';
import { refundPayment } from './refunds.js';
import { handleWebhook } from './webhooks.js';
import { familyInvoices, invoiceDetail, listInvoices } from './queries.js';
import {
  cardAuthorizeInput,
  chargeParams,
  chargeView,
  generateInvoicesInput,
  generateInvoicesResult,
  grantDiscountInput,
  grantView,
  invoiceDetailView,
  invoiceListQuery,
  invoiceListView,
  invoiceParams,
  overdueSweepResult,
  paymentResult,
  recordPaymentInput,
  refundInput,
  transactionParams,
} from './schemas.js';

const tags = ['billing'];
const errors = BILLING_ERROR_CODES;
const B = '/api/v1/billing';

export const BILLING_PATHS = {
  invoiceRuns: `${B}/invoice-runs`,
  invoices: `${B}/invoices`,
  myInvoices: `${B}/my-invoices`,
  payments: `${B}/payments`,
  charges: `${B}/charges`,
  discounts: `${B}/discounts`,
  webhooks: `${B}/webhooks`,
} as const;

const webhookParams = z.strictObject({
  gateway: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a gateway name'),
  tenantId: z.uuid('must be a tenant id'),
});
const webhookResult = z.object({ eventId: z.string(), duplicate: z.boolean(), outcome: z.string() });
const chargeActionResult = z.object({ charge: chargeView, payment: paymentResult.optional() });

export function billingRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  route(
    app,
    {
      method: 'POST',
      url: BILLING_PATHS.invoiceRuns,
      summary: "Issue the month's invoices for every active enrollment",
      description:
        'Idempotent: one invoice per enrollment and month. Runs as a background job where the server runs ' +
        'jobs (202, queued), otherwise at once.',
      tags,
      body: generateInvoicesInput,
      response: {
        status: 200,
        description: 'What the run issued',
        schema: generateInvoicesResult.extend({ queued: z.boolean() }),
      },
      errors,
    },
    async ({ body, request, reply }) => {
      const jobs = request.server.jobs;
      if (jobs?.hasTask(GENERATE_TASK)) {
        await requestWork(request, async (work) => {
          await work.authorize('finance.invoices', 'write');
          work.enqueue(
            GENERATE_TASK,
            { tenantId: work.tenantId, ...body },
            { singletonKey: `${work.tenantId}:${body.period}` },
          );
        });
        void reply.status(202);
        return { period: body.period, created: 0, existing: 0, invoiceIds: [], queued: true };
      }
      const result = await requestWork(request, (work) => generateInvoices(work, body));
      return { ...result, queued: false };
    },
  );
  serve({
    method: 'POST',
    url: `${B}/overdue-sweep`,
    summary: 'Mark invoices past due overdue and send the due reminders (the daily job, on demand)',
    response: { status: 200, description: 'What the sweep did', schema: overdueSweepResult },
    run: (work) => overdueSweep(work),
  });
  serve({
    method: 'GET',
    url: BILLING_PATHS.invoices,
    summary: 'Invoices with their balance, filtered by status, payer, student or month',
    query: invoiceListQuery,
    response: { status: 200, description: 'A page of invoices, latest due first', schema: invoiceListView },
    errors: [],
    run: (work, { query }) => listInvoices(work, query),
  });
  serve({
    method: 'GET',
    url: BILLING_PATHS.myInvoices,
    summary: "The signed-in family's invoices (a parent's children's, a student's own)",
    query: invoiceListQuery,
    response: { status: 200, description: 'A page of invoices', schema: invoiceListView },
    errors: [],
    run: (work, { query }) => familyInvoices(work, query),
  });
  serve({
    method: 'GET',
    url: `${BILLING_PATHS.invoices}/:invoiceId`,
    summary: 'An invoice with its lines, payments, charges and balance',
    params: invoiceParams,
    response: { status: 200, description: 'The invoice', schema: invoiceDetailView },
    run: (work, { params }) => invoiceDetail(work, params.invoiceId),
  });
  serve({
    method: 'POST',
    url: `${BILLING_PATHS.invoices}/:invoiceId/payments`,
    summary: 'Record a payment received at the desk (cash, transfer…)',
    description: 'Beyond the balance becomes family credit; after the due date the late fee and interest are added.',
    params: invoiceParams,
    body: recordPaymentInput,
    response: { status: 201, description: 'The payment and the invoice after it', schema: paymentResult },
    run: (work, { params, body }) => recordPayment(work, params.invoiceId, body),
  });
  serve({
    method: 'POST',
    url: `${BILLING_PATHS.payments}/:transactionId/refund`,
    summary: 'Refund (part of) a payment',
    params: transactionParams,
    body: refundInput,
    response: { status: 201, description: 'The refund and the invoice after it', schema: paymentResult },
    run: (work, { params, body }) => refundPayment(work, params.transactionId, body),
  });
  const chargeRoute = (kind: 'pix' | 'boleto', summary: string, fn: typeof createPixCharge) =>
    serve({
      method: 'POST',
      url: `${BILLING_PATHS.invoices}/:invoiceId/${kind}`,
      summary,
      params: invoiceParams,
      response: { status: 201, description: 'The charge', schema: chargeView },
      run: (work, { params }) => fn(work, params.invoiceId),
    });
  chargeRoute('pix', 'A PIX charge: copy-and-paste BR Code and QR image, valid 30 minutes', createPixCharge);
  chargeRoute('boleto', 'A boleto: the 47-digit line and the 44-digit barcode', createBoletoCharge);
  serve({
    method: 'POST',
    url: `${BILLING_PATHS.invoices}/:invoiceId/card`,
    summary: 'Authorise a card for the invoice (capture separately)',
    params: invoiceParams,
    body: cardAuthorizeInput,
    response: { status: 201, description: 'The authorised charge', schema: chargeView },
    run: (work, { params, body }) => authorizeCard(work, params.invoiceId, body),
  });
  for (const [action, summary, fn] of [
    ['capture', 'Capture an authorised card charge (the invoice is paid)', captureCard],
    ['refund', 'Refund a captured card charge, or void an authorised one', refundCard],
  ] as const) {
    serve({
      method: 'POST',
      url: `${BILLING_PATHS.charges}/:chargeId/${action}`,
      summary,
      params: chargeParams,
      response: { status: 200, description: 'The charge (and the payment) after it', schema: chargeActionResult },
      run: (work, { params }) => fn(work, params.chargeId),
    });
  }
  serve({
    method: 'POST',
    url: BILLING_PATHS.discounts,
    summary: "A manual or referral discount for a student's next invoice",
    body: grantDiscountInput,
    response: { status: 201, description: 'The discount, waiting for the next invoice', schema: grantView },
    run: (work, { body }) => grantDiscount(work, body),
  });
  // Gateways call this without a session: the signature over the raw body is the authentication.
  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      (request as { rawBody?: string }).rawBody = body as string;
      try {
        done(null, body === '' ? {} : JSON.parse(body as string));
      } catch {
        done(null, {});
      }
    });
    route(
      scope,
      {
        method: 'POST',
        url: `${BILLING_PATHS.webhooks}/:gateway/:tenantId`,
        summary: 'Payment gateway webhook (signed: Schola-Gateway-Signature t=…,v1=HMAC-SHA256 of t.body)',
        description: 'Idempotent per event id: a redelivered event changes nothing and answers duplicate: true.',
        tags,
        params: webhookParams,
        response: { status: 200, description: 'What the event did', schema: webhookResult },
        errors,
      },
      ({ params, request }) => {
        const header = request.headers[GATEWAY_SIGNATURE_HEADER];
        const env = {
          database: request.server.database,
          access: request.server.access,
          jobs: request.server.jobs,
          events: request.server.events,
        };
        return runWork(env, systemPrincipal(params.tenantId, 'billing-webhook'), {}, (work) =>
          handleWebhook(
            work,
            params.gateway,
            (request as { rawBody?: string }).rawBody ?? '',
            typeof header === 'string' ? header : undefined,
          ),
        );
      },
    );
  });
}
