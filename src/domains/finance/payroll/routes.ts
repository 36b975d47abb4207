/** Payroll's HTTP face: generate from sessions taught, approve, pay, list. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { route } from '../../../platform/service/routes.js';
import { requestWork } from '../../../platform/service/work.js';
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
  const P = PAYROLL_PATHS.payroll;
  route(
    app,
    {
      method: 'GET',
      url: P,
      summary: 'Payrolls',
      tags,
      query: listPayrollQuery,
      response: { status: 200, description: 'Payrolls, newest period first', schema: payrollList },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => listPayroll(work, query)),
  );
  route(
    app,
    {
      method: 'GET',
      url: `${P}/:payrollId`,
      summary: 'One payroll with its calculation (INSS slices, IRRF base and bracket)',
      tags,
      params: payrollParams,
      response: { status: 200, description: 'The payroll and how it was computed', schema: payrollDetailView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => payrollDetail(work, params.payrollId)),
  );
  route(
    app,
    {
      method: 'GET',
      url: PAYROLL_PATHS.payouts,
      summary: "Teachers' payouts (one per payroll), by status and month",
      description:
        'Kept by the payroll service: approving or paying a payout is approving or paying its payroll ' +
        `(POST ${P}/{payrollId}/approve, POST ${P}/{payrollId}/payments).`,
      tags,
      query: listPayoutsQuery,
      response: { status: 200, description: 'Payouts, newest period first, and totals per status', schema: payoutList },
      errors,
    },
    ({ query, request }) => requestWork(request, (work) => listPayouts(work, query)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P}/generate`,
      summary: "Compute a contract's payroll from the sessions taught",
      description: 'Idempotent per contract and period; the payroll awaits approval.',
      tags,
      body: generatePayrollInput,
      response: { status: 200, description: 'The payroll', schema: payrollView },
      errors,
    },
    ({ body, request }) => requestWork(request, (work) => generatePayroll(work, body)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P}/:payrollId/approve`,
      summary: 'Approve a payroll (posts its accrual)',
      tags,
      params: payrollParams,
      response: { status: 200, description: 'The approved payroll', schema: payrollView },
      errors,
    },
    ({ params, request }) => requestWork(request, (work) => approvePayroll(work, params.payrollId)),
  );
  route(
    app,
    {
      method: 'POST',
      url: `${P}/:payrollId/payments`,
      summary: 'Pay (part of) an approved payroll',
      description: 'Never above net − paid; the status follows (partially_paid → paid).',
      tags,
      params: payrollParams,
      body: payPayrollInput,
      response: {
        status: 201,
        description: 'The payment and the payroll after it',
        schema: z.object({ paymentId: z.string(), payroll: payrollView }),
      },
      errors,
    },
    ({ params, body, request }) => requestWork(request, (work) => payPayroll(work, params.payrollId, body)),
  );
}
