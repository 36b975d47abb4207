/**
 * Consent through the API: recording a student's voice needs verified parental consent for a child
 * under 13 — a clear 403 naming the missing consent otherwise — and a revocation takes effect on the
 * very next request.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classroomConsentRule } from '../../src/domains/classroom/consent-rules.js';
import { recordParentalConsent, revokeParentalConsent } from '../../src/domains/classroom/index.js';
import { apiRoutes } from '../../src/platform/api/plugin.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { allowAll, districtAdmin, RecordingAuditor } from '../support/api.js';

let database: TestDatabase;
let app: FastifyInstance;
let tenant: string;
let participant: { id: string; session_id: string; student_id: string };

beforeAll(async () => {
  database = await migratedDatabase();
  tenant = (
    await seedDemo(database, {
      ...DEFAULT_DEMO_SIZE,
      students: 60,
      schools: 3,
      sectionsPerSchool: 3,
      languageSchoolStudents: 4,
    })
  ).districtTenantId;
  // A participant who is under 13 and whose family gave no consent.
  const rows = await database.query<{ id: string; session_id: string; student_id: string }>(
    `SELECT p.id, p.session_id, p.student_id FROM sessions.participants p
       JOIN compliance.coppa_compliance c ON c.student_id = p.student_id AND c.is_under_13
      WHERE p.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM compliance.parental_consents pc
        WHERE pc.student_id = p.student_id AND pc.consent_type = 'audio_recording')
      LIMIT 1`,
    [tenant],
  );
  participant = rows[0]!;
  expect(participant).toBeDefined();
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => {
        a.addHook('onRequest', async (request) => void (request.principal = districtAdmin(tenant)));
      },
      apiRoutes({ guard: allowAll, auditor: new RecordingAuditor(), writeRules: [classroomConsentRule] }),
    ],
  });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const record = () =>
  app.inject({
    method: 'POST',
    url: '/api/v1/audio/recordings',
    payload: { sessionId: participant.session_id, participantId: participant.id, format: 'opus', durationSeconds: 30 },
  });

describe('consent gates the classroom features', () => {
  it('refuses to record an under-13 student without verified parental consent, naming the consent', async () => {
    const refused = await record();
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.json()).toMatchObject({ code: 'consent_required', missingConsent: 'audio_recording' });
    expect(refused.json().detail).toMatch(/audio_recording/);
  });

  it('allows it once consent is verified, and refuses again right after a revocation', async () => {
    await tenantTransaction(database, tenant, ({ tx }) =>
      recordParentalConsent(tx, {
        classroomStudentId: participant.student_id,
        consentType: 'audio_recording',
        verificationMethod: 'signed_form',
      }),
    );
    expect((await record()).statusCode).toBe(201);
    await tenantTransaction(database, tenant, ({ tx }) =>
      revokeParentalConsent(tx, participant.student_id, 'audio_recording'),
    );
    expect((await record()).statusCode).toBe(403);
  });
});
