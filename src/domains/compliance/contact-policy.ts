/**
 * The notification service's contact policy (platform/notifications/policy.ts), answered from the
 * consent service: a student may be e-mailed only when the consent rules allow 'email_contact' — under
 * 13 (or of unknown age) that takes verified parental consent (COPPA). Accounts that are not students
 * (staff, parents) may be e-mailed. The composition root registers it at start-up.
 */
import type { ContactPolicy } from '../../platform/notifications/index.js';
import { studentUniqueIdOf } from '../edfi/index.js';
import { mayEmailStudent, type StudentRef } from './consent-service.js';

export const complianceContactPolicy: ContactPolicy = {
  async mayEmail(tx, recipient, now) {
    let ref: StudentRef | undefined;
    if (recipient.classroomStudentId) ref = { classroomStudentId: recipient.classroomStudentId };
    else if (recipient.edfiStudentUsi !== null) {
      const studentUniqueId = await studentUniqueIdOf(tx, recipient.edfiStudentUsi);
      if (studentUniqueId) ref = { studentUniqueId };
    }
    if (!ref) {
      if (!recipient.roles.includes('student')) return { allowed: true, reason: 'not a student' };
      return { allowed: false, reason: 'a student whose age is unknown counts as under 13 (COPPA)' };
    }
    const decision = await mayEmailStudent(tx, ref, { now });
    return decision.allowed
      ? { allowed: true, reason: decision.reason }
      : { allowed: false, reason: `COPPA: ${decision.reason}` };
  },
};
