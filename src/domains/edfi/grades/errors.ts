/** Grades' own problem codes (besides the platform's: validation, forbidden, not found…). */
import { defineErrors } from '../../../platform/http/errors.js';

export const gradesErrors = defineErrors({
  not_teaching_section: { status: 403, title: 'Not teaching this section' },
  student_not_enrolled: { status: 422, title: 'Student not enrolled' },
  unknown_grading_period: { status: 422, title: 'Unknown grading period' },
  unknown_category: { status: 422, title: 'Unknown category' },
  category_in_use: { status: 409, title: 'Category in use' },
  date_outside_session: { status: 422, title: 'Date outside the section’s session' },
  entry_has_scores: { status: 409, title: 'Entry has scores' },
  letter_not_on_scale: { status: 422, title: 'Letter not on the school scale' },
  grade_descriptor_not_loaded: { status: 422, title: 'Descriptor not loaded' },
  weighted_level_needs_high_school: { status: 422, title: 'Weighted level outside high school' },
});

export const GRADES_ERROR_CODES = Object.keys(gradesErrors);
