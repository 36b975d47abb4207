/** The health domain's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const healthErrors = defineErrors({
  dose_already_recorded: { status: 409, title: 'Dose already recorded' },
});

export const HEALTH_ERROR_CODES = Object.keys(healthErrors);
