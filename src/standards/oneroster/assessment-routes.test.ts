/**
 * assessmentLineItems and assessmentResults with real OAuth clients: envelopes and paging headers,
 * PUT create/update, every 1.2 field through PUT→GET, scores above the maximum, exempt results,
 * DELETE and its absence from every listing, the assessment.* scopes (and that the gradebook scopes
 * do not reach them), bad bodies, school-bound clients, and the discovery document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';

const BASE = '/ims/oneroster/gradebook/v1p2';
let f: Fixture;
let assessor: string;
let assessReader: string;
let gradebook: string;
let ids: { klass: string; otherClass: string; student: string; otherStudent: string; schoolId: number };

const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) =>
  f.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
const listIds = async (url: string, token: string, plural: string) =>
  ((await f.get(url, token)).json()[plural] as { sourcedId: string }[]).map((o) => o.sourcedId);

const ALI_OBJECTIVES = [
  { source: 'CASE', learningObjectiveIds: ['lo-a', 'lo-b'] },
  { source: 'Unknown', learningObjectiveIds: ['local-1'] },
];
const RESULT_OBJECTIVES = [
  {
    source: 'CASE',
    learningObjectiveResults: [
      { learningObjectiveId: 'lo-a', score: 3.5, textScore: 'proficient' },
      { learningObjectiveId: 'lo-b', textScore: 'emerging' },
    ],
  },
];

beforeAll(async () => {
  f = await oneRosterFixture();
  const [school, other] = await f.sql<{ sourced_id: string; identifier: string }>(
    `SELECT sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const classOf = async (schoolId: string) =>
    (
      await f.sql<{ sourced_id: string }>(
        `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 1`,
        [schoolId],
      )
    )[0]!.sourced_id;
  const studentOf = async (classId: string) =>
    (
      await f.sql<{ user_sourced_id: string }>(
        `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' ORDER ` +
          `BY ` +
          `user_sourced_id LIMIT 1`,
        [classId],
      )
    )[0]!.user_sourced_id;
  const klass = await classOf(school!.sourced_id);
  const otherClass = await classOf(other!.sourced_id);
  ids = {
    klass,
    otherClass,
    student: await studentOf(klass),
    otherStudent: await studentOf(otherClass),
    schoolId: Number(school!.identifier),
  };
  assessor = await f.token(['assessment.readonly', 'assessment.createput', 'assessment.delete']);
  assessReader = await f.token(['assessment.readonly']);
  gradebook = await f.token([
    'gradebook.readonly',
    'gradebook-core.readonly',
    'gradebook.createput',
    'gradebook.createpost',
    'gradebook.delete',
  ]);
  expect(
    (
      await send('PUT', `${BASE}/scoreScales/ss-percent`, gradebook, {
        scoreScale: {
          title: 'Percent',
          type: 'percentage',
          scoreScaleValue: [{ itemValueLHS: '0', itemValueRHS: '100' }],
        },
      })
    ).statusCode,
  ).toBe(201);
});
afterAll(async () => {
  await f?.close();
});

describe('assessment writes', () => {
  it('PUT creates (201) then replaces (200) an assessment line item; every field round-trips', async () => {
    const whole = await send('PUT', `${BASE}/assessmentLineItems/ali-1`, assessor, {
      assessmentLineItem: {
        title: 'Spring benchmark',
        description: 'District benchmark',
        resultValueMin: 0,
        resultValueMax: 100,
        scoreScale: { sourcedId: 'ss-percent' },
      },
    });
    expect(whole.statusCode).toBe(201);
    const part = await send('PUT', `${BASE}/assessmentLineItems/ali-1a`, assessor, {
      assessmentLineItem: {
        title: 'Reading part',
        class: { sourcedId: ids.klass },
        parentAssessmentLineItem: { sourcedId: 'ali-1' },
        resultValueMin: 0,
        resultValueMax: 50.25,
        learningObjectiveSet: ALI_OBJECTIVES,
      },
    });
    expect(part.statusCode).toBe(201);
    const got = (await f.get(`${BASE}/assessmentLineItems/ali-1a`, assessReader)).json().assessmentLineItem;
    expect(got).toMatchObject({
      sourcedId: 'ali-1a',
      status: 'active',
      title: 'Reading part',
      class: {
        sourcedId: ids.klass,
        type: 'class',
        href: expect.stringContaining(`/ims/oneroster/rostering/v1p2/classes/${ids.klass}`),
      },
      parentAssessmentLineItem: {
        sourcedId: 'ali-1',
        type: 'assessmentLineItem',
        href: expect.stringContaining('/ims/oneroster/gradebook/v1p2/assessmentLineItems/ali-1'),
      },
      resultValueMin: 0,
      resultValueMax: 50.25,
      learningObjectiveSet: ALI_OBJECTIVES,
    });
    expect(got.dateLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await f.get(`${BASE}/assessmentLineItems/ali-1`, assessReader)).json().assessmentLineItem).toMatchObject({
      description: 'District benchmark',
      scoreScale: { sourcedId: 'ss-percent', type: 'scoreScale' },
    });

    const replaced = await send('PUT', `${BASE}/assessmentLineItems/ali-1a`, assessor, {
      assessmentLineItem: {
        title: 'Reading',
        class: { sourcedId: ids.klass },
        parentAssessmentLineItem: { sourcedId: 'ali-1' },
      },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().assessmentLineItem.title).toBe('Reading');
    expect(replaced.json().assessmentLineItem.learningObjectiveSet).toBeUndefined();
  });

  it('PUT of assessment results: a score above resultValueMax round-trips unchanged, exempt is kept, booleans are "true"/"false"', async () => {
    const put = await send('PUT', `${BASE}/assessmentResults/ar-1`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-1' },
        student: { sourcedId: ids.student },
        scoreStatus: 'fully graded',
        score: 104.5,
        textScore: 'Advanced',
        scoreDate: '2026-04-02T09:30:00Z',
        scoreScale: { sourcedId: 'ss-percent' },
        scorePercentile: 97.5,
        comment: 'Above the maximum: extra credit',
        learningObjectiveSet: RESULT_OBJECTIVES,
        inProgress: 'false',
        incomplete: 'FALSE',
        late: true,
        missing: 'false',
      },
    });
    expect(put.statusCode).toBe(201);
    const got = (await f.get(`${BASE}/assessmentResults/ar-1`, assessReader)).json().assessmentResult;
    expect(got).toEqual({
      sourcedId: 'ar-1',
      status: 'active',
      dateLastModified: expect.any(String),
      assessmentLineItem: {
        href: expect.stringContaining('/assessmentLineItems/ali-1'),
        sourcedId: 'ali-1',
        type: 'assessmentLineItem',
      },
      student: { href: expect.stringContaining(`/users/${ids.student}`), sourcedId: ids.student, type: 'user' },
      score: 104.5,
      textScore: 'Advanced',
      scoreDate: '2026-04-02T09:30:00.000Z',
      scoreScale: {
        href: expect.stringContaining('/scoreScales/ss-percent'),
        sourcedId: 'ss-percent',
        type: 'scoreScale',
      },
      scorePercentile: 97.5,
      scoreStatus: 'fully graded',
      comment: 'Above the maximum: extra credit',
      learningObjectiveSet: RESULT_OBJECTIVES,
      inProgress: 'false',
      incomplete: 'false',
      late: 'true',
      missing: 'false',
    });
    const exempt = await send('PUT', `${BASE}/assessmentResults/ar-2`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-1a' },
        student: { sourcedId: ids.student },
        scoreStatus: 'exempt',
        missing: 'true',
      },
    });
    expect(exempt.statusCode).toBe(201);
    expect((await f.get(`${BASE}/assessmentResults/ar-2`, assessReader)).json().assessmentResult).toMatchObject({
      scoreStatus: 'exempt',
      missing: 'true',
    });
    const updated = await send('PUT', `${BASE}/assessmentResults/ar-2`, assessor, {
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-1a' },
        student: { sourcedId: ids.student },
        scoreStatus: 'exempt',
        comment: 'Medical',
      },
    });
    expect([
      updated.statusCode,
      updated.json().assessmentResult.comment,
      updated.json().assessmentResult.missing,
    ]).toEqual([200, 'Medical', undefined]);
    const audits = await f.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs WHERE table_name = 'oneroster.assessment_results' AND ` +
        `record_id IN ('ar-1', 'ar-2')`,
    );
    expect(audits[0]!.n).toBe(3);
  });

  it('refuses bad bodies and unknown references with 400 imsx invaliddata', async () => {
    const result = (extra: Record<string, unknown>) => ({
      assessmentResult: {
        assessmentLineItem: { sourcedId: 'ali-1' },
        student: { sourcedId: ids.student },
        scoreStatus: 'submitted',
        ...extra,
      },
    });
    const cases: [string, unknown][] = [
      ['assessmentResults/ar-x', {}],
      ['assessmentResults/ar-x', result({ scoreStatus: 'graded' })],
      ['assessmentResults/ar-x', result({ inProgress: 'maybe' })],
      ['assessmentResults/ar-x', result({ scorePercentile: 150 })],
      ['assessmentResults/ar-x', result({ score: 'lots' })],
      ['assessmentResults/ar-x', result({ assessmentLineItem: { sourcedId: 'no-such-item' } })],
      [
        'assessmentResults/ar-x',
        result({
          learningObjectiveSet: [
            { source: 'CASE', learningObjectiveResults: [{ learningObjectiveId: 'x' }, { learningObjectiveId: 'x' }] },
          ],
        }),
      ],
      ['assessmentLineItems/ali-x', { assessmentLineItem: { title: '' } }],
      ['assessmentLineItems/ali-x', { assessmentLineItem: { title: 'x', class: { sourcedId: 'no-such-class' } } }],
      [
        'assessmentLineItems/ali-x',
        { assessmentLineItem: { title: 'x', learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: [] }] } },
      ],
      // ali-1 is ali-1a's parent: making ali-1 a part of ali-1a would be a cycle.
      [
        'assessmentLineItems/ali-1',
        { assessmentLineItem: { title: 'x', parentAssessmentLineItem: { sourcedId: 'ali-1a' } } },
      ],
      [
        'assessmentLineItems/ali-1',
        { assessmentLineItem: { title: 'x', parentAssessmentLineItem: { sourcedId: 'ali-1' } } },
      ],
    ];
    for (const [path, body] of cases) {
      const res = await send('PUT', `${BASE}/${path}`, assessor, body);
      expect([res.statusCode, codeMinor(res)], JSON.stringify(body)).toEqual([400, 'invaliddata']);
    }
    expect((await f.get(`${BASE}/assessmentResults/ar-x`, assessor)).statusCode).toBe(404);
  });

  it('DELETE answers 204 and the object leaves every listing; written again it is created anew', async () => {
    expect(
      (
        await send('PUT', `${BASE}/assessmentResults/ar-del`, assessor, {
          assessmentResult: {
            assessmentLineItem: { sourcedId: 'ali-1' },
            student: { sourcedId: ids.student },
            scoreStatus: 'submitted',
          },
        })
      ).statusCode,
    ).toBe(201);
    expect(await listIds(`${BASE}/assessmentResults?limit=5000`, assessReader, 'assessmentResults')).toContain(
      'ar-del',
    );
    expect((await send('DELETE', `${BASE}/assessmentResults/ar-del`, assessor)).statusCode).toBe(204);
    expect(await listIds(`${BASE}/assessmentResults?limit=5000`, assessReader, 'assessmentResults')).not.toContain(
      'ar-del',
    );
    expect(
      await listIds(
        `${BASE}/assessmentResults?filter=${encodeURIComponent("sourcedId='ar-del'")}`,
        assessReader,
        'assessmentResults',
      ),
    ).toEqual([]);
    expect((await f.get(`${BASE}/assessmentResults/ar-del`, assessReader)).statusCode).toBe(404);
    expect((await send('DELETE', `${BASE}/assessmentResults/ar-del`, assessor)).statusCode).toBe(404);
    expect(
      (
        await f.sql<{ status: string }>(`SELECT status FROM oneroster.assessment_results WHERE sourced_id = 'ar-del'`)
      )[0]!.status,
    ).toBe('tobedeleted');

    expect(
      (await send('PUT', `${BASE}/assessmentLineItems/ali-del`, assessor, { assessmentLineItem: { title: 'Retired' } }))
        .statusCode,
    ).toBe(201);
    expect((await send('DELETE', `${BASE}/assessmentLineItems/ali-del`, assessor)).statusCode).toBe(204);
    expect(await listIds(`${BASE}/assessmentLineItems?limit=5000`, assessReader, 'assessmentLineItems')).not.toContain(
      'ali-del',
    );
    expect((await f.get(`${BASE}/assessmentLineItems/ali-del`, assessReader)).statusCode).toBe(404);
    expect(
      (await send('PUT', `${BASE}/assessmentLineItems/ali-del`, assessor, { assessmentLineItem: { title: 'Back' } }))
        .statusCode,
    ).toBe(201);
  });
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
      `SELECT c.sourced_id FROM oneroster.classes c WHERE c.school_sourced_id = $1 AND NOT EXISTS (SELECT 1 FROM ` +
        `oneroster.enrollments e JOIN identity.accounts a ON a.email = 'teacher@demo-district.schola.dev' JOIN ` +
        `edfi.staff s ON s.tenant_id = a.tenant_id AND s.staffusi = a.edfi_staff_usi WHERE e.class_sourced_id = ` +
        `c.sourced_id AND e.user_sourced_id = s.id::text) ORDER BY c.sourced_id LIMIT 1`,
      [own!.school_sourced_id],
    );
    const [pupil] = await f.sql<{ user_sourced_id: string }>(
      `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' ORDER BY ` +
        `user_sourced_id LIMIT 1`,
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
