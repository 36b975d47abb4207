/** The library's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const libraryErrors = defineErrors({
  item_unavailable: { status: 409, title: 'No copy available' },
  item_withdrawn: { status: 409, title: 'Item withdrawn from circulation' },
  borrowing_limit_reached: { status: 409, title: 'Borrowing limit reached' },
  already_borrowed: { status: 409, title: 'Already borrowed' },
  loan_closed: { status: 409, title: 'Loan already closed' },
  renewal_refused: { status: 409, title: 'Renewal refused' },
  copies_on_loan: { status: 409, title: 'Copies on loan' },
});

export const LIBRARY_ERROR_CODES = Object.keys(libraryErrors);
