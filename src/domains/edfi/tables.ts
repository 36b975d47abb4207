/** Ed-Fi 5.2 core (seed 004 §1-8 and the tables they reference), split by sub-domain. */
export { changeVersionSequence, descriptor, schoolYearType } from './tables/descriptors.js';
export * from './tables/education-organizations.js';
export * from './tables/people.js';
export * from './tables/teaching-learning.js';
export * from './tables/gradebook.js';
export * from './tables/staff.js';
export * from './tables/enrollment.js';
export * from './tables/assessment.js';
export * from './tables/assessment-details.js';
export * from './tables/calendar.js';
export * from './tables/attendance.js';
export * from './tables/discipline.js';
export * from './tables/cohort.js';
export * from './tables/academic-records.js';
export * from './tables/transcripts.js';
export * from './tables/change-tracking.js';
