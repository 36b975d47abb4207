/**
 * The compliance domain's public entry: the consent service (COPPA, FERPA consents) other domains
 * ask before recording, analysing or sharing a student's data.
 */
export { complianceContactPolicy } from './contact-policy.js';
export {
  mayEmailStudent,
  mayRecordAudio,
  mayRunAiAnalysis,
  mayShareWithVendor,
  consentFlags,
  insertParentalConsent,
  requireConsent,
  revokeParentalConsentRows,
  vendorConsentType,
  type ConsentDecision,
  type ConsentQuestion,
  type ConsentUse,
  type ParentalConsentInput,
  type StudentRef,
} from './consent-service.js';
