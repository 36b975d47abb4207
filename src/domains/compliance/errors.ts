/** The compliance domain's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const complianceErrors = defineErrors({
  hold_released: { status: 409, title: 'Legal hold already released' },
  request_state_conflict: { status: 409, title: 'Records request not in a state that allows this' },
  export_not_ready: { status: 409, title: 'Export not ready' },
  export_expired: { status: 410, title: 'Export expired' },
});

export const COMPLIANCE_ERROR_CODES = Object.keys(complianceErrors);
