/**
 * assessmentLineItems and assessmentResults reads with real OAuth clients: envelopes and paging headers,
 * filter/sort/fields, the assessment.* scopes (and that the gradebook scopes do not reach them), school-bound
 * clients, a signed-in teacher, and the discovery document. The assessments read are this file's own
 * (seedAssessments); the writes are in assessment-writes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, type Fixture } from '../../../test/support/oneroster-fixture.js';
import {
  assessmentContext,
  seedAssessments,
  type AssessmentContext,
  type AssessmentIds,
} from '../../../test/support/oneroster-assessment.js';
import { GRADEBOOK as BASE, type Send } from '../../../test/support/oneroster-gradebook.js';

let f: Fixture;
let ids: AssessmentIds;
let assessor: string;
let assessReader: string;
let gradebook: string;
let send: Send;
let listIds: AssessmentContext['listIds'];

beforeAll(async () => {
  const context = await assessmentContext();
  ({ f, ids, assessor, assessReader, gradebook, send, listIds } = context);
  await seedAssessments(context);
});
afterAll(async () => {
  await f?.close();
});

describe('assessment reads and scopes', () => {
  it('lists answer their envelope with X-Total-Count and Link, and take filter/sort/fields', async () => {
    for (const plural of ['assessmentLineItems', 'assessmentResults']) {
      const res = await f.get(`${BASE}/${plural}?limit=1`, assessReader);
      expect(res.statusCode, plural).toBe(200);
      expect(res.json()[plural], plural).toHaveLength(1);
      expect(Number(res.headers['x-total-count']), plural).toBeGreaterThanOrEqual(2);
      expect(res.headers.link, plural).toContain('rel="next"');
      expect(res.headers.link, plural).toContain('rel="first"');
    }
    const exempt = await f.get(
      `${BASE}/assessmentResults?filter=${encodeURIComponent("scoreStatus='exempt'")}&fields=sourcedId,scoreStatus`,
      assessReader,
    );
    expect(exempt.json().assessmentResults).toEqual([{ sourcedId: 'ar-2', scoreStatus: 'exempt' }]);
    const parts = await f.get(
      `${BASE}/assessmentLineItems?filter=${encodeURIComponent("parentAssessmentLineItem.sourcedId='ali-1'")}`,
      assessReader,
    );
    expect(parts.json().assessmentLineItems.map((o: { sourcedId: string }) => o.sourcedId)).toEqual(['ali-1a']);
    const high = await f.get(
      `${BASE}/assessmentResults?filter=${encodeURIComponent("score>'100'")}&sort=score&orderBy=desc`,
      assessReader,
    );
    expect(high.json().assessmentResults.map((o: { sourcedId: string }) => o.sourcedId)).toEqual(['ar-1']);
    expect(
      codeMinor(await f.get(`${BASE}/assessmentResults?filter=${encodeURIComponent("nope='x'")}`, assessReader)),
    ).toBe('invalid_filter_field');
  });

  it('requires the assessment scopes: gradebook scopes do not reach them, and they do not reach the gradebook', async () => {
    const denied: [string, string, string, unknown?][] = [
      ['GET', `${BASE}/assessmentLineItems`, gradebook],
      ['GET', `${BASE}/assessmentLineItems/ali-1`, gradebook],
      ['GET', `${BASE}/assessmentResults`, gradebook],
      ['GET', `${BASE}/assessmentResults/ar-1`, gradebook],
      ['PUT', `${BASE}/assessmentLineItems/ali-g`, gradebook, { assessmentLineItem: { title: 'x' } }],
      ['DELETE', `${BASE}/assessmentResults/ar-1`, gradebook],
      ['PUT', `${BASE}/assessmentLineItems/ali-r`, assessReader, { assessmentLineItem: { title: 'x' } }],
      ['DELETE', `${BASE}/assessmentLineItems/ali-1`, assessReader],
      ['GET', `${BASE}/lineItems`, assessor],
      ['GET', `${BASE}/results`, assessor],
      ['PUT', `${BASE}/categories/c-a`, assessor, { category: { title: 'x' } }],
    ];
    for (const [method, url, token, body] of denied) {
      const res = method === 'GET' ? await f.get(url, token) : await send(method as 'PUT' | 'DELETE', url, token, body);
      expect([res.statusCode, codeMinor(res)], `${method} ${url}`).toEqual([403, 'forbidden']);
    }
    expect((await f.app.inject({ method: 'GET', url: `${BASE}/assessmentResults` })).statusCode).toBe(401);
    expect((await f.get(`${BASE}/assessmentLineItems/ali-1`, assessReader)).statusCode).toBe(200);
  });

  it('a school-bound client sees its classes’ assessments, class-less ones, and its own students’ results', async () => {
    await send('PUT', `${BASE}/assessmentLineItems/ali-other`, assessor, {
      assessmentLineItem: { title: 'Other school quiz', class: { sourcedId: ids.otherClass } },
    });
    await send('PUT', `${BASE}/assessmentResults/ar-other-class`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-other' },
        student: { sourcedId: ids.otherStudent },
        scoreStatus: 'submitted',
      },
    });
    await send('PUT', `${BASE}/assessmentResults/ar-other-student`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-1' },
        student: { sourcedId: ids.otherStudent },
        scoreStatus: 'submitted',
      },
    });
    const bound = await f.token(['assessment.readonly', 'assessment.createput'], [ids.schoolId]);
    const items = await listIds(`${BASE}/assessmentLineItems?limit=5000`, bound, 'assessmentLineItems');
    expect(items).toEqual(expect.arrayContaining(['ali-1', 'ali-1a']));
    expect(items).not.toContain('ali-other');
    const results = await listIds(`${BASE}/assessmentResults?limit=5000`, bound, 'assessmentResults');
    expect(results).toEqual(expect.arrayContaining(['ar-1', 'ar-2']));
    expect(results).not.toContain('ar-other-class');
    expect(results).not.toContain('ar-other-student');
    expect((await f.get(`${BASE}/assessmentResults/ar-other-student`, bound)).statusCode).toBe(404);
    // Writes name a class of the client's school; a class-less assessment has no school to check.
    expect(
      (
        await send('PUT', `${BASE}/assessmentLineItems/ali-bound`, bound, {
          assessmentLineItem: { title: 'Mine', class: { sourcedId: ids.klass } },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await send('PUT', `${BASE}/assessmentLineItems/ali-bound-2`, bound, {
          assessmentLineItem: { title: 'District' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await send('PUT', `${BASE}/assessmentLineItems/ali-bound-3`, bound, {
          assessmentLineItem: { title: 'Theirs', class: { sourcedId: ids.otherClass } },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('a teacher signed in sees the assessments of their sections and class-less ones, and only their sections’ results', async () => {
    const signIn = await f.app.inject({
      method: 'POST',
      url: '/auth/sign-in',
      payload: {
        tenant: 'demo-district',
        email: 'teacher@demo-district.schola.dev',
        password: f.demo.credentials.password,
      },
    });
    expect(signIn.statusCode).toBe(200);
    const teacher = signIn.json().sessionToken as string;
    const [own] = await f.sql<{ class_sourced_id: string; school_sourced_id: string }>(
      `SELECT e.class_sourced_id, e.school_sourced_id FROM oneroster.enrollments e
        JOIN identity.accounts a ON a.email = 'teacher@demo-district.schola.dev'
        JOIN edfi.staff s ON s.tenant_id = a.tenant_id AND s.staffusi = a.edfi_staff_usi
        WHERE e.user_sourced_id = s.id::text AND e.role = 'teacher' AND e.status = 'active'
        ORDER BY e.class_sourced_id LIMIT 1`,
    );
    const [notTaught] = await f.sql<{ sourced_id: string }>(
      `SELECT c.sourced_id FROM oneroster.classes c
        WHERE c.school_sourced_id = $1 AND NOT EXISTS (
          SELECT 1 FROM oneroster.enrollments e
            JOIN identity.accounts a ON a.email = 'teacher@demo-district.schola.dev'
            JOIN edfi.staff s ON s.tenant_id = a.tenant_id AND s.staffusi = a.edfi_staff_usi
           WHERE e.class_sourced_id = c.sourced_id AND e.user_sourced_id = s.id::text)
        ORDER BY c.sourced_id LIMIT 1`,
      [own!.school_sourced_id],
    );
    const [pupil] = await f.sql<{ user_sourced_id: string }>(
      `SELECT user_sourced_id FROM oneroster.enrollments
        WHERE class_sourced_id = $1 AND role = 'student' ORDER BY user_sourced_id LIMIT 1`,
      [own!.class_sourced_id],
    );
    await send('PUT', `${BASE}/assessmentLineItems/ali-taught`, assessor, {
      assessmentLineItem: { title: 'Taught', class: { sourcedId: own!.class_sourced_id } },
    });
    await send('PUT', `${BASE}/assessmentLineItems/ali-not-taught`, assessor, {
      assessmentLineItem: { title: 'Not taught', class: { sourcedId: notTaught!.sourced_id } },
    });
    await send('PUT', `${BASE}/assessmentResults/ar-taught`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-taught' },
        student: { sourcedId: pupil!.user_sourced_id },
        scoreStatus: 'submitted',
      },
    });
    await send('PUT', `${BASE}/assessmentResults/ar-not-taught`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-not-taught' },
        student: { sourcedId: pupil!.user_sourced_id },
        scoreStatus: 'submitted',
      },
    });
    const items = await listIds(`${BASE}/assessmentLineItems?limit=5000`, teacher, 'assessmentLineItems');
    expect(items).toEqual(expect.arrayContaining(['ali-taught', 'ali-1']));
    expect(items).not.toContain('ali-not-taught');
    const results = await listIds(`${BASE}/assessmentResults?limit=5000`, teacher, 'assessmentResults');
    expect(results).toContain('ar-taught');
    expect(results).not.toContain('ar-not-taught');
    expect(results).not.toContain('ar-1');
    expect((await f.get(`${BASE}/assessmentResults/ar-not-taught`, teacher)).statusCode).toBe(404);
  });

  it('the discovery document lists the assessment paths, their operations and scopes', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: `${BASE}/discovery/openapi.json` })).json();
    const scopeOf = (op: { security: { OAuth2CC: string[] }[] }) =>
      op.security[0]!.OAuth2CC.map((s) => s.split('/').pop());
    for (const segment of ['assessmentLineItems', 'assessmentResults']) {
      expect(scopeOf(doc.paths[`/${segment}`].get)).toEqual(['assessment.readonly']);
      const item = doc.paths[`/${segment}/{sourcedId}`];
      expect(scopeOf(item.get)).toEqual(['assessment.readonly']);
      expect(scopeOf(item.put)).toEqual(['assessment.createput']);
      expect(scopeOf(item.delete)).toEqual(['assessment.delete']);
    }
    expect(Object.keys(doc.components.schemas.assessmentResult.properties)).toEqual(
      expect.arrayContaining([
        'assessmentLineItem',
        'scorePercentile',
        'learningObjectiveSet',
        'inProgress',
        'incomplete',
        'late',
        'missing',
      ]),
    );
    expect(doc.components.schemas.assessmentResult.properties.late).toEqual({
      type: 'string',
      enum: ['true', 'false'],
    });
    expect(Object.keys(doc.components.securitySchemes.OAuth2CC.flows.clientCredentials.scopes)).toEqual(
      expect.arrayContaining([expect.stringMatching(/assessment\.delete$/)]),
    );
  });
});
