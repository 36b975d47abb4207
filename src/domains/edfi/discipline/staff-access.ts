/** Who may read and record discipline (the school's discipline staff), and the audit of what they read. */
import { auditRead } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/http/errors.js';
import type { Work } from '../../../platform/service/work.js';
import { disciplineIncident } from '../tables.js';
import { DISCIPLINE_STAFF_ROLES } from './schemas.js';

const INCIDENT_TABLE = 'edfi.disciplineincident';

/** Discipline staff of the school only (a teacher, parent or student is refused whatever the policies say). */
export async function authorizeStaff(work: Work, action: 'read' | 'write', schoolId: number): Promise<void> {
  if (!work.principal.roles.some((r) => (DISCIPLINE_STAFF_ROLES as readonly string[]).includes(r))) {
    throw new AppError('forbidden', `Discipline records are for ${DISCIPLINE_STAFF_ROLES.join(', ')} only.`);
  }
  await work.authorize(disciplineIncident, action, { schoolId });
}

export const auditReadOf = (work: Work, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : auditRead(work.tx, {
        principal: work.principal,
        meta: work.meta,
        table: INCIDENT_TABLE,
        recordIds: ids,
        dataCategories: ['education_record', 'discipline'],
        legitimateEducationalInterest: true,
      }).then(() => undefined);
