/**
 * COPPA records of the demo's classroom students (age from the grade, as school records give it) and
 * verified parental consents for the consenting families.
 */
import { coppaCompliance, parentalConsents } from '../domains/compliance/tables.js';
import type { Tx } from '../platform/db/transaction.js';
import { insertAll } from './bulk.js';
import type { ClassroomDirectory } from './classroom-directory.js';
import type { Random } from './random.js';

export async function seedClassroomConsents(
  tx: Tx,
  tenantId: string,
  { schoolIds, students }: ClassroomDirectory,
  rng: Random,
): Promise<void> {
  const GRADE_AGE: Record<string, number> = {
    KG: 5,
    '01': 6,
    '02': 7,
    '03': 8,
    '04': 9,
    '05': 10,
    '06': 11,
    '07': 12,
    '08': 13,
    '09': 14,
    '10': 15,
    '11': 16,
    '12': 17,
  };
  const verifiedAt = new Date(Date.UTC(2026, 7, 20));
  await insertAll(
    tx,
    coppaCompliance,
    students.map((s) => {
      const age = GRADE_AGE[s.grade] ?? 10;
      return {
        tenantId,
        id: rng.uuid(),
        studentId: s.id,
        schoolId: schoolIds.get(s.schoolId)!,
        birthYear: 2026 - age,
        isUnder13: age < 13,
        ageVerificationMethod: 'school_records',
        ageVerifiedAt: verifiedAt,
        parentAccessEnabled: true,
        noThirdPartySharing: true,
        noBehavioralTargeting: true,
        dataCollectionLimited: age < 13,
      };
    }),
  );
  await insertAll(
    tx,
    parentalConsents,
    students
      .filter((s) => s.consent)
      .flatMap((s) =>
        [...(s.audio ? ['audio_recording'] : []), 'ai_analysis', ...(s.dataSharing ? ['data_sharing'] : [])].map(
          (consentType) => ({
            tenantId,
            id: rng.uuid(),
            studentId: s.id,
            schoolId: schoolIds.get(s.schoolId)!,
            consentType,
            consentGiven: true,
            consentDate: verifiedAt,
            verifiedAt,
            verificationMethod: 'signed_form',
            relationship: 'parent',
            parentEmail: `parent.${s.uniqueId}@example.org`,
            consentTextVersion: '2026-1',
          }),
        ),
      ),
  );
}
