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

import type { DomainModule } from '../../platform/service/module.js';
import { FERPA_EXPORT_PATH, ferpaExportRoutes } from './ferpa/routes.js';
import { studentAuditRoutes } from './ferpa/student-audit-routes.js';
import { environmentOf, RETENTION_PATHS, retentionRoutes } from './retention/routes.js';
import { RECORDS_REQUEST_PATH, recordsRequestRoutes } from './records/routes.js';
import { legalHolds, recordsRequests, studentRecordExports } from './tables.js';

export { runRetention, type RetentionRun } from './retention/run.js';
export { placeLegalHold, releaseLegalHold } from './retention/holds.js';
export { RETENTION_TASK } from './retention/routes.js';
export { RETENTION_RULES, type RetentionReport } from './schemas.js';

export const complianceModule: DomainModule = {
  name: 'compliance',
  owns: [
    {
      table: legalHolds,
      writeVia: [`POST ${RETENTION_PATHS.holds}`, `POST ${RETENTION_PATHS.holds}/{holdId}/release`],
    },
    {
      table: recordsRequests,
      writeVia: [
        `POST ${RECORDS_REQUEST_PATH}`,
        `POST ${RECORDS_REQUEST_PATH}/{requestId}/review`,
        `POST ${RECORDS_REQUEST_PATH}/{requestId}/decision`,
        `POST ${RECORDS_REQUEST_PATH}/{requestId}/complete`,
      ],
    },
    { table: studentRecordExports, writeVia: [`POST ${FERPA_EXPORT_PATH} (a background job writes it)`] },
  ],
  register(app) {
    retentionRoutes(app);
    recordsRequestRoutes(app);
    ferpaExportRoutes(app, environmentOf(app));
    studentAuditRoutes(app);
  },
};
