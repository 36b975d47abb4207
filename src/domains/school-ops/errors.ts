/** School operations' own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../platform/http/errors.js';

export const schoolOpsErrors = defineErrors({
  class_full: { status: 409, title: 'Class full' },
  class_inactive: { status: 409, title: 'Class not active' },
  already_enrolled: { status: 409, title: 'Already enrolled' },
  enrollment_closed: { status: 409, title: 'Enrollment not active' },
  double_booked: { status: 409, title: 'Teacher or room double-booked' },
  session_cancelled: { status: 409, title: 'Session cancelled' },
  not_your_class: { status: 403, title: 'Not your class' },
});

export const SCHOOL_OPS_ERROR_CODES = Object.keys(schoolOpsErrors);
