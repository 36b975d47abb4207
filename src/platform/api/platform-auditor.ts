/** The API's audit trail: compliance.audit_logs rows, hash-chained, in the request's transaction. */
import { auditRead, recordAudit } from '../audit/audit.js';
import type { ApiAuditor } from './crud-routes.js';

export const platformAuditor: ApiAuditor = {
  async record(tx, principal, meta, event) {
    if (event.operation === 'SELECT') {
      await auditRead(tx, {
        principal,
        meta,
        table: event.table,
        recordIds: event.recordIds ?? [event.recordId],
        dataCategories: event.dataCategories,
        legitimateEducationalInterest: true,
      });
      return;
    }
    await recordAudit(tx, {
      principal,
      meta,
      table: event.table,
      recordId: event.recordId,
      operation: event.operation,
      oldValues: event.oldValues,
      newValues: event.newValues,
      dataCategories: event.dataCategories,
      // The guard only lets a request through on a verified relationship or a stated justification.
      legitimateEducationalInterest: true,
    });
  },
};
