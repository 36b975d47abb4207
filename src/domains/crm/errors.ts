/** The CRM's own problem codes (besides the platform's). */
import { defineErrors } from '../../platform/http/errors.js';

export const crmErrors = defineErrors({
  backward_move: { status: 409, title: 'Leads only move forward' },
  lead_closed: { status: 409, title: 'Lead closed' },
  conversion_required: { status: 409, title: 'Enrolment goes through conversion' },
  trial_exists: { status: 409, title: 'Trial already booked' },
  trial_closed: { status: 409, title: 'Trial already closed' },
});

export const CRM_ERROR_CODES = Object.keys(crmErrors);
