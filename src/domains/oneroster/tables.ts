/** OneRoster 1.2 tables (schema `oneroster`), seed 004 §9 and §14. */
export * from './tables/people.js';
export * from './tables/rostering.js';
export * from './tables/gradebook.js';
export * from './tables/links.js';
export * from './tables/assessment.js';
