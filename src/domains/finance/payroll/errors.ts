/** Payroll's own problem codes. */
import { defineErrors } from '../../../platform/http/errors.js';

export const payrollErrors = defineErrors({
  payroll_not_payable: { status: 409, title: 'Payroll not payable' },
  payment_exceeds_balance: { status: 409, title: 'Payment exceeds the amount due' },
  payroll_not_approvable: { status: 409, title: 'Payroll cannot be approved' },
  contract_not_active: { status: 409, title: 'Contract not active in the period' },
});

export const PAYROLL_ERROR_CODES = Object.keys(payrollErrors);
