/** The ledger's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const ledgerErrors = defineErrors({
  entry_not_draft: { status: 409, title: 'Journal entry is not a draft' },
  entry_not_posted: { status: 409, title: 'Journal entry is not posted' },
  account_not_postable: { status: 400, title: 'Account does not accept postings' },
  organization_required: { status: 400, title: 'Organization required' },
});

export const LEDGER_ERROR_CODES = Object.keys(ledgerErrors);
