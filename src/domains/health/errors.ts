/** The health domain's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const healthErrors = defineErrors({
  dose_already_recorded: { status: 409, title: 'Dose already recorded' },
  visit_already_open: { status: 409, title: 'The student is already in the nurse’s office' },
  visit_closed: { status: 409, title: 'The visit is already closed' },
});

export const HEALTH_ERROR_CODES = Object.keys(healthErrors);
