/** Discipline's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const disciplineErrors = defineErrors({
  incident_exists: { status: 409, title: 'Incident already recorded' },
  unknown_reference: { status: 422, title: 'Unknown reference' },
  inconsistent_action: { status: 422, title: 'Inconsistent discipline action' },
});

export const DISCIPLINE_ERROR_CODES = Object.keys(disciplineErrors);
