/** Fiscal documents' own problem codes. */
import { defineErrors } from '../../../platform/http/errors.js';

export const fiscalErrors = defineErrors({
  invoice_not_paid: { status: 409, title: 'Invoice not paid' },
  fiscal_number_taken: { status: 409, title: 'Fiscal document number already used' },
});

export const FISCAL_ERROR_CODES = Object.keys(fiscalErrors);
