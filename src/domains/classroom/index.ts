/**
 * The classroom (live discussion) domain's public entry.
 */
export { classroomConsentRule } from './consent-rules.js';
export { recordParentalConsent, refreshConsentFlags, revokeParentalConsent } from './consent.js';
export { classroomRelationshipSets } from './relationships.js';
