/** The curriculum's own problem codes (besides the platform's). */
import { defineErrors } from '../../platform/http/errors.js';

export const curriculumErrors = defineErrors({
  course_code_taken: { status: 409, title: 'Course code taken' },
  level_exists: { status: 409, title: 'Level already exists' },
});

export const CURRICULUM_ERROR_CODES = Object.keys(curriculumErrors);
