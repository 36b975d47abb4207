/** `compliance.*`: seed 004 §12 (FERPA, audit, retention, consents, access) and seed 000's classroom compliance. */
export * from './tables/ferpa.js';
export * from './tables/classroom-compliance.js';
export * from './tables/records.js';
