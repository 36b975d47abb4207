/**
 * The one consent service: "may the platform record audio of student X / run AI analysis on X /
 * share X's data with vendor Y?" — answered from compliance.parental_consents (verified parental
 * consent, COPPA), compliance.privacy_consents (FERPA consents and withdrawals),
 * compliance.coppa_compliance (under-13 status and limits). The consent flags of users.students are a
 * cache this service keeps in step (`refreshConsentFlags`); decisions never read the cache, so a
 * revocation takes effect on the very next question.
 *
 * consent_type vocabulary (both consent tables):
 *   'audio_recording' · 'ai_analysis' · 'email_contact' (e-mailing the student: COPPA) · 'data_sharing' (any vendor) ·
 *   'data_sharing:<vendor>' (one vendor; vendor names are lower-cased, at most 37 characters so the type fits
 *   privacy_consents).
 * privacy_consents.student_id holds the classroom student's id (users.students.id) for classroom
 * students and the Ed-Fi studentUniqueId for K-12 students (it is a free-form external id in the seed).
 *
 * Rules, in order:
 * 1. A requested deletion (coppa_compliance.deletion_requested_at) refuses every use.
 * 2. A withdrawn or denied privacy consent of a relevant type refuses (latest row per type decides).
 * 3. Sharing is refused while coppa_compliance.no_third_party_sharing is set.
 * 4. Under 13 — coppa_compliance.is_under_13, else its birth_year (conservatively: under 13 unless
 *    the birth year is more than 13 years ago), else the Ed-Fi birth date; a student whose age is
 *    unknown is treated as under 13 — needs verified parental consent of the type: a parental_consents
 *    row with consent_given, verified_at set, not revoked, not expired and no later refusal; or a
 *    granted privacy consent given by a parent/guardian (parent_guardian_id), not expired.
 * 5. 13 and older: allowed unless rule 1–3 refuses (FERPA consent for vendors under contract is the
 *    district's "school official" exception; a withdrawal still wins).
 */
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { studentBirthDate } from '../edfi/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { Tx } from '../../platform/db/transaction.js';
import { coppaCompliance, parentalConsents, privacyConsents } from './tables.js';

export type ConsentUse = 'audio_recording' | 'ai_analysis' | 'data_sharing';
/** A classroom (seed 000) student by id, or an Ed-Fi student by studentUniqueId. */
export type StudentRef = { classroomStudentId: string } | { studentUniqueId: string };

export interface ConsentDecision {
  allowed: boolean;
  /** The consent that would allow it (consent_type vocabulary), when one is missing. */
  missing?: string;
  reason: string;
}

export interface ConsentOptions {
  now?: Date;
}

export type ConsentQuestion =
  | { use: 'audio_recording' | 'ai_analysis'; classroomStudentId: string }
  | { use: 'data_sharing'; student: StudentRef; vendor?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function vendorConsentType(vendor: string): string {
  const name = vendor.trim().toLowerCase();
  if (name.length === 0 || name.length > 37) throw AppError.validation({ vendor: ['must be 1 to 37 characters'] });
  return `data_sharing:${name}`;
}

export const mayRecordAudio = (tx: Tx, classroomStudentId: string, options: ConsentOptions = {}) =>
  decideConsent(tx, { classroomStudentId }, ['audio_recording'], options.now ?? new Date());

export const mayRunAiAnalysis = (tx: Tx, classroomStudentId: string, options: ConsentOptions = {}) =>
  decideConsent(tx, { classroomStudentId }, ['ai_analysis'], options.now ?? new Date());

/** May the platform e-mail the student (notifications)? Under 13 it takes verified parental consent. */
export const mayEmailStudent = (tx: Tx, student: StudentRef, options: ConsentOptions = {}) =>
  decideConsent(tx, student, ['email_contact'], options.now ?? new Date());

/** Without a vendor: the general data-sharing consent only. */
export const mayShareWithVendor = (
  tx: Tx,
  student: StudentRef,
  vendor: string | undefined,
  options: ConsentOptions = {},
) =>
  decideConsent(
    tx,
    student,
    vendor === undefined ? ['data_sharing'] : ['data_sharing', vendorConsentType(vendor)],
    options.now ?? new Date(),
  );

/** Throws 403 consent_required naming the missing consent when the use is not allowed. */
export async function requireConsent(tx: Tx, question: ConsentQuestion, options: ConsentOptions = {}): Promise<void> {
  const decision =
    question.use === 'data_sharing'
      ? await mayShareWithVendor(tx, question.student, question.vendor, options)
      : await decideConsent(
          tx,
          { classroomStudentId: question.classroomStudentId },
          [question.use],
          options.now ?? new Date(),
        );
  if (!decision.allowed)
    throw new AppError(
      'consent_required',
      decision.reason,
      decision.missing ? { missingConsent: decision.missing } : {},
    );
}

interface Facts {
  ids: string[];
  birthDate?: string;
  coppa?: typeof coppaCompliance.$inferSelect;
  parental: (typeof parentalConsents.$inferSelect)[];
}

async function factsOf(tx: Tx, ref: StudentRef): Promise<Facts> {
  if ('classroomStudentId' in ref) {
    const id = ref.classroomStudentId;
    // Only compliance's own tables are read: a classroom student without a record here has no consent
    // on record (refused below); whether the student exists is the classroom domain's business.
    if (!UUID.test(id)) throw AppError.validation({ classroomStudentId: ['must be a UUID'] });
    const [coppa] = await tx
      .select()
      .from(coppaCompliance)
      .where(eq(coppaCompliance.studentId, id))
      .orderBy(desc(coppaCompliance.updatedAt), desc(coppaCompliance.createdAt))
      .limit(1);
    const parental = await tx.select().from(parentalConsents).where(eq(parentalConsents.studentId, id));
    return { ids: [id], coppa, parental };
  }
  const birthDate = await studentBirthDate(tx, ref.studentUniqueId);
  if (birthDate === undefined) throw new AppError('not_found', 'No such student.');
  return { ids: [ref.studentUniqueId], birthDate: birthDate ?? undefined, parental: [] };
}

/** true under 13, false 13+, undefined when nothing tells. */
function under13(facts: Facts, now: Date): boolean | undefined {
  if (facts.coppa?.isUnder13 != null) return facts.coppa.isUnder13;
  if (facts.coppa?.birthYear != null) return now.getUTCFullYear() - facts.coppa.birthYear <= 13;
  if (facts.birthDate) {
    const [y, m, d] = facts.birthDate.split('-').map(Number) as [number, number, number];
    return now < new Date(Date.UTC(y + 13, m - 1, d));
  }
  return undefined;
}

const dateOf = (r: { consentDate: Date | null; createdAt: Date | null }) =>
  (r.consentDate ?? r.createdAt ?? new Date(0)).getTime();

async function decideConsent(tx: Tx, ref: StudentRef, types: string[], now: Date): Promise<ConsentDecision> {
  const facts = await factsOf(tx, ref);
  const wanted = types[types.length - 1]!;
  if (facts.coppa?.deletionRequestedAt)
    return { allowed: false, reason: "Deletion of this student's data has been requested; no new use is allowed." };

  // Latest privacy consent per type: a withdrawal or denial refuses at once.
  const privacy = await tx
    .select()
    .from(privacyConsents)
    .where(and(inArray(privacyConsents.studentId, facts.ids), inArray(privacyConsents.consentType, types)))
    .orderBy(desc(privacyConsents.consentDate), desc(privacyConsents.id));
  const latest = new Map<string, (typeof privacy)[number]>();
  for (const row of privacy) if (!latest.has(row.consentType)) latest.set(row.consentType, row);
  for (const [type, row] of latest) {
    if (row.withdrawalDate || row.consentStatus.toLowerCase() !== 'granted') {
      return {
        allowed: false,
        missing: type,
        reason: `Consent '${type}' has been withdrawn or denied for this student.`,
      };
    }
  }
  if (types[0] === 'data_sharing' && facts.coppa?.noThirdPartySharing) {
    return {
      allowed: false,
      missing: wanted,
      reason:
        "Third-party sharing is excluded by this student's COPPA record; " +
        `consent '${wanted}' cannot apply until that limit is lifted.`,
    };
  }

  const young = under13(facts, now);
  if (young === false) return { allowed: true, reason: 'The student is 13 or older and has not withdrawn consent.' };
  const refusedAt = facts.parental
    .filter((r) => types.includes(r.consentType ?? '') && r.consentGiven === false)
    .map(dateOf);
  const parental = facts.parental.some(
    (r) =>
      types.includes(r.consentType ?? '') &&
      r.consentGiven === true &&
      r.verifiedAt !== null &&
      r.revokedAt === null &&
      (r.expiresAt === null || r.expiresAt > now) &&
      !refusedAt.some((t) => t > dateOf(r)),
  );
  const byGuardian = [...latest.values()].some(
    (r) => r.parentGuardianId !== null && (r.expirationDate === null || r.expirationDate > now),
  );
  if (parental || byGuardian) return { allowed: true, reason: 'Verified parental consent is on record.' };
  const why = young === undefined ? "the student's age is not verified, so COPPA applies" : 'the student is under 13';
  return { allowed: false, missing: wanted, reason: `Verified parental consent '${wanted}' is required: ${why}.` };
}

/** What a verified parental consent records (the consent service stores it as given and verified now). */
export interface ParentalConsentInput {
  tenantId: string;
  classroomStudentId: string;
  schoolId: string | null;
  consentType: string;
  verificationMethod: string;
  parentName?: string;
  parentEmail?: string;
  relationship?: string;
  consentTextVersion?: string;
  expiresAt?: Date;
}

/** Stores a verified parental consent; returns its id. (Callers refresh their cached flags after.) */
export async function insertParentalConsent(tx: Tx, input: ParentalConsentInput, now: Date): Promise<string> {
  const { classroomStudentId, ...consent } = input;
  const [row] = await tx
    .insert(parentalConsents)
    .values({
      ...consent,
      studentId: classroomStudentId,
      consentGiven: true,
      consentDate: now,
      verifiedAt: now,
    })
    .returning({ id: parentalConsents.id });
  return row!.id;
}

/** Revokes every not-yet-revoked parental consent of one type, effective at once; returns how many. */
export async function revokeParentalConsentRows(
  tx: Tx,
  classroomStudentId: string,
  consentType: string,
  now: Date,
): Promise<number> {
  if (!UUID.test(classroomStudentId)) throw AppError.validation({ classroomStudentId: ['must be a UUID'] });
  const revoked = await tx
    .update(parentalConsents)
    .set({ revokedAt: now, updatedAt: now })
    .where(
      and(
        eq(parentalConsents.studentId, classroomStudentId),
        eq(parentalConsents.consentType, consentType),
        isNull(parentalConsents.revokedAt),
      ),
    )
    .returning({ id: parentalConsents.id });
  return revoked.length;
}

/** The consent facts a classroom student's cached flags summarise (users.students consent columns). */
export async function consentFlags(tx: Tx, classroomStudentId: string, now: Date) {
  const audio = await mayRecordAudio(tx, classroomStudentId, { now });
  const sharing = await mayShareWithVendor(tx, { classroomStudentId }, undefined, { now });
  const facts = await factsOf(tx, { classroomStudentId });
  const valid = facts.parental.filter(
    (r) =>
      r.consentGiven === true &&
      r.verifiedAt !== null &&
      r.revokedAt === null &&
      (r.expiresAt === null || r.expiresAt > now),
  );
  return {
    hasParentalConsent: valid.length > 0,
    consentDate: valid.map((r) => r.verifiedAt!).sort((a, b) => b.getTime() - a.getTime())[0] ?? null,
    audioRecordingConsent: audio.allowed,
    dataSharingConsent: sharing.allowed,
    // COPPA is satisfied for a student known to be 13+, or one with verified parental consent.
    coppaCompliant: under13(facts, now) === false || valid.length > 0,
  };
}
