/**
 * assessmentLineItems and assessmentResults writes with real OAuth clients: PUT create/update, every 1.2 field
 * through PUT→GET, scores above the maximum, exempt results, bad bodies, and DELETE with its absence from every
 * listing. (Reads, scopes and discovery: assessment-reads.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, type Fixture } from '../../../test/support/oneroster-fixture.js';
import {
  ALI_OBJECTIVES,
  assessmentContext,
  RESULT_OBJECTIVES,
  type AssessmentContext,
  type AssessmentIds,
} from '../../../test/support/oneroster-assessment.js';
import { GRADEBOOK as BASE, type Send } from '../../../test/support/oneroster-gradebook.js';

let f: Fixture;
let ids: AssessmentIds;
let assessor: string;
let assessReader: string;
let send: Send;
let listIds: AssessmentContext['listIds'];

beforeAll(async () => {
  ({ f, ids, assessor, assessReader, send, listIds } = await assessmentContext());
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
      `SELECT count(*)::int AS n FROM compliance.audit_logs
        WHERE table_name = 'oneroster.assessment_results' AND record_id IN ('ar-1', 'ar-2')`,
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
