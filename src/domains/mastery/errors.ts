/** Mastery learning's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const masteryErrors = defineErrors({
  unknown_student: { status: 422, title: 'Unknown student' },
  target_not_met: { status: 422, title: 'Target not met' },
});

export const MASTERY_ERROR_CODES = Object.keys(masteryErrors);
