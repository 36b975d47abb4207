/**
 * Parental consent for classroom students: recorded and revoked through the compliance domain's
 * consent records, with the consent flags cached on users.students kept in step (decisions never
 * read that cache, so a revocation takes effect on the very next question).
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/http/errors.js';
import { consentFlags, insertParentalConsent, revokeParentalConsentRows } from '../compliance/index.js';
import { students } from './tables.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RecordConsentInput {
  classroomStudentId: string;
  consentType: string;
  verificationMethod: string;
  parentName?: string;
  parentEmail?: string;
  relationship?: string;
  consentTextVersion?: string;
  expiresAt?: Date;
}

/** Records a verified parental consent (e.g. after e-mail plus a signed form) and refreshes the flags. */
export async function recordParentalConsent(
  tx: Tx,
  input: RecordConsentInput,
  options: { now?: Date } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const [student] = UUID.test(input.classroomStudentId)
    ? await tx
        .select({ tenantId: students.tenantId, schoolId: students.schoolId })
        .from(students)
        .where(eq(students.id, input.classroomStudentId))
    : [];
  if (!student) throw new AppError('not_found', 'No such classroom student.');
  const id = await insertParentalConsent(tx, { ...input, tenantId: student.tenantId, schoolId: student.schoolId }, now);
  await refreshConsentFlags(tx, input.classroomStudentId, { now });
  return id;
}

/** Revokes a parent's consents of one type, effective immediately; returns how many rows it marked. */
export async function revokeParentalConsent(
  tx: Tx,
  classroomStudentId: string,
  consentType: string,
  options: { now?: Date } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const revoked = await revokeParentalConsentRows(tx, classroomStudentId, consentType, now);
  await refreshConsentFlags(tx, classroomStudentId, { now });
  return revoked;
}

/** Brings the consent flags of users.students in step with the consent records. */
export async function refreshConsentFlags(
  tx: Tx,
  classroomStudentId: string,
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const flags = await consentFlags(tx, classroomStudentId, now);
  await tx
    .update(students)
    .set({ ...flags, updatedAt: now })
    .where(eq(students.id, classroomStudentId));
}
