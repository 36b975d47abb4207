/** Attendance's own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const attendanceErrors = defineErrors({
  not_instructional_day: { status: 422, title: 'Not an instructional day' },
  student_not_enrolled: { status: 422, title: 'Student not enrolled' },
  not_teaching_section: { status: 403, title: 'Not teaching this section' },
  descriptor_not_loaded: { status: 422, title: 'Descriptor not loaded' },
});

export const ATTENDANCE_ERROR_CODES = Object.keys(attendanceErrors);
