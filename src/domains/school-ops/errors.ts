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
  capacity_below_enrolled: { status: 409, title: 'Seats below the students enrolled' },
  room_too_small: { status: 409, title: 'Room too small for the class' },
  session_held: { status: 409, title: 'Session already held' },
  session_in_past: { status: 409, title: 'Session time in the past' },
});

export const SCHOOL_OPS_ERROR_CODES = Object.keys(schoolOpsErrors);
