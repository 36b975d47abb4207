import { recordParentalConsent, revokeParentalConsent } from '../classroom/index.js';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { tenants } from '../../platform/tenancy/tables.js';
import { schools, students } from '../classroom/tables.js';
import { student as edfiStudent } from '../edfi/tables.js';
import { mayRecordAudio, mayRunAiAnalysis, mayShareWithVendor, requireConsent } from './consent-service.js';
import { coppaCompliance, parentalConsents, privacyConsents } from './tables.js';

const NOW = new Date('2026-11-20T12:00:00Z');
let database: TestDatabase;
const tenantId = randomUUID();
const school = randomUUID();
const child = randomUUID(); // under 13 (COPPA record)
const teen = randomUUID(); // 13+ (COPPA record)
const unknownAge = randomUUID(); // no COPPA record
const byBirthYear = randomUUID(); // COPPA birth year only
const unsharable = randomUUID(); // under 13, no third-party sharing

const inTenant = <T>(fn: Parameters<typeof tenantTransaction<T>>[2]) => tenantTransaction(database, tenantId, fn);

beforeAll(async () => {
  database = await migratedDatabase();
  await database.db
    .insert(tenants)
    .values({ id: tenantId, slug: 'consent-test', name: 'Consent ISD', kind: 'district' });
  await inTenant(async ({ tx }) => {
    await tx.insert(schools).values({ tenantId, id: school, name: 'Test Elementary' });
    await tx.insert(students).values(
      [child, teen, unknownAge, byBirthYear, unsharable].map((id) => ({
        tenantId,
        id,
        schoolId: school,
        name: 'Student',
        status: 'active',
      })),
    );
    await tx.insert(coppaCompliance).values([
      { tenantId, studentId: child, schoolId: school, isUnder13: true, birthYear: 2017 },
      { tenantId, studentId: teen, schoolId: school, isUnder13: false, birthYear: 2011 },
      { tenantId, studentId: byBirthYear, schoolId: school, birthYear: 2013 },
      { tenantId, studentId: unsharable, schoolId: school, isUnder13: true, noThirdPartySharing: true },
    ]);
    await tx.insert(edfiStudent).values([
      { tenantId, studentUniqueId: 'E-CHILD', firstName: 'A', lastSurname: 'B', birthDate: '2018-03-01' },
      { tenantId, studentUniqueId: 'E-TEEN', firstName: 'C', lastSurname: 'D', birthDate: '2010-03-01' },
    ]);
  });
});
afterAll(() => database.dispose());

describe('consent service', () => {
  it('refuses an under-13 student without verified parental consent, with a 403 problem naming the consent', async () => {
    const decision = await inTenant(({ tx }) => mayRecordAudio(tx, child, { now: NOW }));
    expect(decision).toMatchObject({ allowed: false, missing: 'audio_recording' });

    const app = await buildApp({
      database,
      logger: createLogger('silent'),
      plugins: [
        (a) => {
          a.post<{ Params: { id: string } }>('/recordings/:id', async (request) => {
            await inTenant(({ tx }) =>
              requireConsent(tx, { use: 'audio_recording', classroomStudentId: request.params.id }, { now: NOW }),
            );
            return { recording: true };
          });
        },
      ],
    });
    const response = await app.inject({ method: 'POST', url: `/recordings/${child}` });
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ code: 'consent_required', missingConsent: 'audio_recording' });
    expect(problem.detail).toMatch(/parental consent 'audio_recording' is required: the student is under 13/);
    expect((await app.inject({ method: 'POST', url: `/recordings/${teen}` })).statusCode).toBe(200);
    await app.close();
  });

  it('an unverified, refused or expired consent does not count; a verified one allows and updates the cached flags', async () => {
    await inTenant(({ tx }) =>
      tx.insert(parentalConsents).values([
        // not verified
        { tenantId, studentId: child, consentType: 'ai_analysis', consentGiven: true, consentDate: NOW },
        {
          tenantId,
          studentId: child,
          consentType: 'audio_recording',
          consentGiven: true,
          verifiedAt: new Date('2025-01-01'),
          expiresAt: new Date('2026-01-01'),
        }, // expired
      ]),
    );
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, child, { now: NOW }))).allowed).toBe(false);
    expect((await inTenant(({ tx }) => mayRecordAudio(tx, child, { now: NOW }))).allowed).toBe(false);

    await inTenant(({ tx }) =>
      recordParentalConsent(
        tx,
        { classroomStudentId: child, consentType: 'audio_recording', verificationMethod: 'signed_form' },
        { now: NOW },
      ),
    );
    expect(await inTenant(({ tx }) => mayRecordAudio(tx, child, { now: NOW }))).toMatchObject({ allowed: true });
    // consent is per use
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, child, { now: NOW }))).missing).toBe('ai_analysis');
    const [flags] = await inTenant(({ tx }) => tx.select().from(students).where(eq(students.id, child)));
    expect(flags).toMatchObject({
      hasParentalConsent: true,
      audioRecordingConsent: true,
      dataSharingConsent: false,
      coppaCompliant: true,
    });
  });

  it('revocation takes effect immediately: parental revocation and privacy-consent withdrawal', async () => {
    // Every unrevoked audio consents are marked revoked (the verified one and the expired one).
    expect(await inTenant(({ tx }) => revokeParentalConsent(tx, child, 'audio_recording', { now: NOW }))).toBe(2);
    expect(await inTenant(({ tx }) => mayRecordAudio(tx, child, { now: NOW }))).toMatchObject({
      allowed: false,
      missing: 'audio_recording',
    });
    const [flags] = await inTenant(({ tx }) => tx.select().from(students).where(eq(students.id, child)));
    expect(flags).toMatchObject({ hasParentalConsent: false, audioRecordingConsent: false });

    await inTenant(({ tx }) =>
      recordParentalConsent(
        tx,
        { classroomStudentId: child, consentType: 'ai_analysis', verificationMethod: 'video_call' },
        { now: NOW },
      ),
    );
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, child, { now: NOW }))).allowed).toBe(true);
    await inTenant(({ tx }) =>
      tx.insert(privacyConsents).values({
        tenantId,
        studentId: child,
        consentType: 'ai_analysis',
        consentStatus: 'withdrawn',
        consentDate: NOW,
        withdrawalDate: NOW,
      }),
    );
    expect(await inTenant(({ tx }) => mayRunAiAnalysis(tx, child, { now: NOW }))).toMatchObject({
      allowed: false,
      missing: 'ai_analysis',
      reason: expect.stringMatching(/withdrawn/),
    });
  });

  it('13 and older is allowed per policy, unless consent was withdrawn', async () => {
    expect((await inTenant(({ tx }) => mayRecordAudio(tx, teen, { now: NOW }))).allowed).toBe(true);
    expect(
      (await inTenant(({ tx }) => mayShareWithVendor(tx, { classroomStudentId: teen }, 'Acme Reading', { now: NOW })))
        .allowed,
    ).toBe(true);
    await inTenant(({ tx }) =>
      tx.insert(privacyConsents).values({
        tenantId,
        studentId: teen,
        consentType: 'audio_recording',
        consentStatus: 'denied',
        consentDate: NOW,
      }),
    );
    expect((await inTenant(({ tx }) => mayRecordAudio(tx, teen, { now: NOW }))).allowed).toBe(false);
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, teen, { now: NOW }))).allowed).toBe(true);
  });

  it('an unknown age counts as under 13; a birth year is read conservatively', async () => {
    const unknown = await inTenant(({ tx }) => mayRunAiAnalysis(tx, unknownAge, { now: NOW }));
    expect(unknown).toMatchObject({
      allowed: false,
      missing: 'ai_analysis',
      reason: expect.stringMatching(/age is not verified/),
    });
    // Born in 2013: 12 or 13 in November 2026 — possibly under 13, so refused; born 2012: at least 13.
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, byBirthYear, { now: NOW }))).allowed).toBe(false);
    await inTenant(({ tx }) =>
      tx.update(coppaCompliance).set({ birthYear: 2012 }).where(eq(coppaCompliance.studentId, byBirthYear)),
    );
    expect((await inTenant(({ tx }) => mayRunAiAnalysis(tx, byBirthYear, { now: NOW }))).allowed).toBe(true);
  });

  it('vendor sharing: per-vendor consent, the COPPA no-third-party limit, Ed-Fi students by birth date', async () => {
    await inTenant(({ tx }) =>
      recordParentalConsent(
        tx,
        { classroomStudentId: child, consentType: 'data_sharing:acme', verificationMethod: 'signed_form' },
        { now: NOW },
      ),
    );
    expect(
      (await inTenant(({ tx }) => mayShareWithVendor(tx, { classroomStudentId: child }, 'ACME', { now: NOW }))).allowed,
    ).toBe(true);
    expect(
      await inTenant(({ tx }) => mayShareWithVendor(tx, { classroomStudentId: child }, 'other', { now: NOW })),
    ).toMatchObject({ allowed: false, missing: 'data_sharing:other' });
    await inTenant(({ tx }) =>
      recordParentalConsent(
        tx,
        { classroomStudentId: unsharable, consentType: 'data_sharing', verificationMethod: 'signed_form' },
        { now: NOW },
      ),
    );
    expect(
      (await inTenant(({ tx }) => mayShareWithVendor(tx, { classroomStudentId: unsharable }, 'acme', { now: NOW })))
        .reason,
    ).toMatch(/Third-party sharing is excluded/);

    expect(
      (await inTenant(({ tx }) => mayShareWithVendor(tx, { studentUniqueId: 'E-TEEN' }, 'acme', { now: NOW }))).allowed,
    ).toBe(true);
    expect(
      await inTenant(({ tx }) => mayShareWithVendor(tx, { studentUniqueId: 'E-CHILD' }, 'acme', { now: NOW })),
    ).toMatchObject({ allowed: false, missing: 'data_sharing:acme' });
    await inTenant(({ tx }) =>
      tx.insert(privacyConsents).values({
        tenantId,
        studentId: 'E-CHILD',
        parentGuardianId: 'guardian-1',
        consentType: 'data_sharing:acme',
        consentStatus: 'granted',
        consentMethod: 'paper',
        consentDate: NOW,
      }),
    );
    expect(
      (await inTenant(({ tx }) => mayShareWithVendor(tx, { studentUniqueId: 'E-CHILD' }, 'acme', { now: NOW })))
        .allowed,
    ).toBe(true);
  });

  it('an unknown classroom student has no consent on record; malformed ids and vendor names are validation errors', async () => {
    expect(await inTenant(({ tx }) => mayRecordAudio(tx, randomUUID()))).toMatchObject({ allowed: false });
    await expect(inTenant(({ tx }) => mayRecordAudio(tx, 'not-a-uuid'))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(
      inTenant(({ tx }) => mayShareWithVendor(tx, { studentUniqueId: 'NOBODY' }, undefined)),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(inTenant(({ tx }) => mayShareWithVendor(tx, { classroomStudentId: teen }, ' '))).rejects.toMatchObject(
      { code: 'validation_failed' },
    );
  });
});
