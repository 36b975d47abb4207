/** Payroll's HTTP face: generate from sessions taught, approve, pay, list. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serviceRoutes } from '../../../platform/service/routes.js';
import { PAYROLL_ERROR_CODES } from './errors.js';
import { listPayouts, payrollDetail } from './queries.js';
import {
  generatePayrollInput,
  listPayoutsQuery,
  listPayrollQuery,
  payPayrollInput,
  payoutList,
  payrollDetailView,
  payrollList,
  payrollParams,
  payrollView,
} from './schemas.js';
import { approvePayroll, generatePayroll, listPayroll, payPayroll } from './service.js';

export const PAYROLL_PATHS = { payroll: '/api/v1/finance/payroll', payouts: '/api/v1/finance/payouts' } as const;
const tags = ['finance'];
const errors = PAYROLL_ERROR_CODES;

export function payrollRoutes(app: FastifyInstance): void {
  const serve = serviceRoutes(app, { tags, errors });
  const P = PAYROLL_PATHS.payroll;
  serve({
    method: 'GET',
    url: P,
    summary: 'Payrolls',
    query: listPayrollQuery,
    response: { status: 200, description: 'Payrolls, newest period first', schema: payrollList },
    run: (work, { query }) => listPayroll(work, query),
  });
  serve({
    method: 'GET',
    url: `${P}/:payrollId`,
    summary: 'One payroll with its calculation (INSS slices, IRRF base and bracket)',
    params: payrollParams,
    response: { status: 200, description: 'The payroll and how it was computed', schema: payrollDetailView },
    run: (work, { params }) => payrollDetail(work, params.payrollId),
  });
  serve({
    method: 'GET',
    url: PAYROLL_PATHS.payouts,
    summary: "Teachers' payouts (one per payroll), by status and month",
    description:
      'Kept by the payroll service: approving or paying a payout is approving or paying its payroll ' +
      `(POST ${P}/{payrollId}/approve, POST ${P}/{payrollId}/payments).`,
    query: listPayoutsQuery,
    response: { status: 200, description: 'Payouts, newest period first, and totals per status', schema: payoutList },
    run: (work, { query }) => listPayouts(work, query),
  });
  serve({
    method: 'POST',
    url: `${P}/generate`,
    summary: "Compute a contract's payroll from the sessions taught",
    description: 'Idempotent per contract and period; the payroll awaits approval.',
    body: generatePayrollInput,
    response: { status: 200, description: 'The payroll', schema: payrollView },
    run: (work, { body }) => generatePayroll(work, body),
  });
  serve({
    method: 'POST',
    url: `${P}/:payrollId/approve`,
    summary: 'Approve a payroll (posts its accrual)',
    params: payrollParams,
    response: { status: 200, description: 'The approved payroll', schema: payrollView },
    run: (work, { params }) => approvePayroll(work, params.payrollId),
  });
  serve({
    method: 'POST',
    url: `${P}/:payrollId/payments`,
    summary: 'Pay (part of) an approved payroll',
    description: 'Never above net − paid; the status follows (partially_paid → paid).',
    params: payrollParams,
    body: payPayrollInput,
    response: {
      status: 201,
      description: 'The payment and the payroll after it',
      schema: z.object({ paymentId: z.string(), payroll: payrollView }),
    },
    run: (work, { params, body }) => payPayroll(work, params.payrollId, body),
  });
}
