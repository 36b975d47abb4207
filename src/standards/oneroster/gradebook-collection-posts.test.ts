/**
 * The OneRoster 1.2 gradebook collection POSTs (POST /schools/{id}/lineItems and
 * POST /classes/{cid}/academicSessions/{aid}/results) and the discovery document that lists them; DELETE of a
 * result and a line item leaving every nested list and the link rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, type Fixture } from '../../../test/support/oneroster-fixture.js';
import {
  GRADEBOOK as BASE,
  gradebookContext,
  type GradebookContext,
  type GradebookIds,
  type Send,
} from '../../../test/support/oneroster-gradebook.js';

let f: Fixture;
let ids: GradebookIds;
let writer: string;
let send: Send;
let listIds: GradebookContext['listIds'];

beforeAll(async () => {
  ({ f, ids, writer, send, listIds } = await gradebookContext());
});
afterAll(async () => {
  await f?.close();
});

describe('collection POSTs', () => {
  it('POST /schools/{id}/lineItems: 201 with sourcedIdPairs, the school stored; a class of another school is a 400 naming the item', async () => {
    const res = await send('POST', `${BASE}/schools/${ids.school}/lineItems`, writer, {
      lineItems: [
        { sourcedId: 'li-s1', title: 'Unit test', class: { sourcedId: ids.klass } },
        { title: 'Project', class: { sourcedId: ids.sameSchoolClass } },
      ],
    });
    expect(res.statusCode).toBe(201);
    const pairs = res.json().sourcedIdPairs as { suppliedSourcedId: string; allocatedSourcedId: string }[];
    expect(pairs[0]).toEqual({ suppliedSourcedId: 'li-s1', allocatedSourcedId: 'li-s1' });
    expect(pairs[1]!.allocatedSourcedId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await f.sql<{ school_sourced_id: string }>(
      `SELECT school_sourced_id FROM oneroster.line_items WHERE sourced_id IN ('li-s1', $1)`,
      [pairs[1]!.allocatedSourcedId],
    );
    expect(stored.map((r) => r.school_sourced_id)).toEqual([ids.school, ids.school]);
    expect((await f.get(`${BASE}/lineItems/li-s1`, writer)).json().lineItem.school.sourcedId).toBe(ids.school);

    const mismatch = await send('POST', `${BASE}/schools/${ids.school}/lineItems`, writer, {
      lineItems: [
        { sourcedId: 'li-s2', title: 'Fine', class: { sourcedId: ids.klass } },
        { sourcedId: 'li-s3', title: 'Elsewhere', class: { sourcedId: ids.otherClass } },
      ],
    });
    expect([mismatch.statusCode, codeMinor(mismatch)]).toEqual([400, 'invaliddata']);
    expect(mismatch.json().imsx_description).toContain('lineItems[1]');
    expect((await f.sql(`SELECT 1 FROM oneroster.line_items WHERE sourced_id IN ('li-s2', 'li-s3')`)).length).toBe(0);
    const differs = await send('POST', `${BASE}/schools/${ids.school}/lineItems`, writer, {
      lineItems: [{ title: 'x', class: { sourcedId: ids.klass }, school: { sourcedId: ids.otherSchool } }],
    });
    expect([differs.statusCode, codeMinor(differs)]).toEqual([400, 'invaliddata']);
    const unknown = await send('POST', `${BASE}/schools/no-such-school/lineItems`, writer, {
      lineItems: [{ title: 'x', class: { sourcedId: ids.klass } }],
    });
    expect([unknown.statusCode, codeMinor(unknown)]).toEqual([404, 'unknownobject']);
    const noScope = await send(
      'POST',
      `${BASE}/schools/${ids.school}/lineItems`,
      await f.token(['gradebook.readonly', 'gradebook.createput']),
      { lineItems: [{ title: 'x', class: { sourcedId: ids.klass } }] },
    );
    expect([noScope.statusCode, codeMinor(noScope)]).toEqual([403, 'forbidden']);
  });

  it('POST /classes/{cid}/academicSessions/{aid}/results: 201 with sourcedIdPairs; a foreign line item is a 400 naming it', async () => {
    const lineItem = (id: string, classId: string, session: string) =>
      send('PUT', `${BASE}/lineItems/${id}`, writer, {
        lineItem: { title: id, class: { sourcedId: classId }, academicSession: { sourcedId: session } },
      });
    expect((await lineItem('li-t1', ids.klass, ids.session)).statusCode).toBe(201);
    expect((await lineItem('li-t2', ids.klass, ids.otherSession)).statusCode).toBe(201);
    expect((await lineItem('li-t3', ids.sameSchoolClass, ids.session)).statusCode).toBe(201);
    expect((await lineItem('li-t4', ids.otherClass, ids.session)).statusCode).toBe(201);
    const url = `${BASE}/classes/${ids.klass}/academicSessions/${ids.session}/results`;
    const result = (lineItemId: string, extra: Record<string, unknown> = {}) => ({
      lineItem: { sourcedId: lineItemId },
      student: { sourcedId: ids.student },
      scoreStatus: 'submitted',
      score: 8,
      ...extra,
    });
    const res = await send('POST', url, writer, {
      results: [result('li-t1', { sourcedId: 'r-t1' }), result('li-t1', { class: { sourcedId: ids.klass } })],
    });
    expect(res.statusCode).toBe(201);
    const pairs = res.json().sourcedIdPairs as { suppliedSourcedId: string; allocatedSourcedId: string }[];
    expect(pairs.map((p) => p.suppliedSourcedId)).toEqual(['r-t1', '']);
    expect((await f.get(`${BASE}/results/r-t1`, writer)).json().result).toMatchObject({
      lineItem: { sourcedId: 'li-t1' },
      class: { sourcedId: ids.klass },
      score: 8,
    });

    for (const [bad, text] of [
      [result('li-t2'), 'academic session'],
      [result('li-t3'), 'class'],
      [result('li-t1', { class: { sourcedId: ids.sameSchoolClass } }), 'differs from the URL'],
    ] as const) {
      const refused = await send('POST', url, writer, { results: [result('li-t1', { sourcedId: 'r-never' }), bad] });
      expect([refused.statusCode, codeMinor(refused)], text).toEqual([400, 'invaliddata']);
      expect(refused.json().imsx_description).toContain('results[1]');
      expect(refused.json().imsx_description).toContain(text);
    }
    expect((await f.sql(`SELECT 1 FROM oneroster.results WHERE sourced_id = 'r-never'`)).length).toBe(0);
    // A school-bound client learns nothing about another school's line item.
    const bound = await f.token(['gradebook.readonly', 'gradebook.createpost'], [ids.schoolId]);
    const hidden = await send('POST', url, bound, { results: [result('li-t4')] });
    expect([hidden.statusCode, codeMinor(hidden)]).toEqual([400, 'invaliddata']);
    expect(hidden.json().imsx_description).toContain('results[0]');
    expect(hidden.json().imsx_description).not.toContain(ids.otherClass);
    expect((await send('POST', url, bound, { results: [result('li-t1', { sourcedId: 'r-bound' })] })).statusCode).toBe(
      201,
    );
    for (const path of [
      `/classes/no-such-class/academicSessions/${ids.session}/results`,
      `/classes/${ids.klass}/academicSessions/no-such-session/results`,
    ]) {
      const missing = await send('POST', `${BASE}${path}`, writer, { results: [result('li-t1')] });
      expect([missing.statusCode, codeMinor(missing)], path).toEqual([404, 'unknownobject']);
    }
  });

  it('the discovery document lists both POSTs with gradebook.createpost', async () => {
    const doc = (await f.app.inject({ method: 'GET', url: `${BASE}/discovery/openapi.json` })).json();
    for (const path of [
      '/schools/{schoolId}/lineItems',
      '/classes/{classId}/academicSessions/{academicSessionId}/results',
      '/classes/{classId}/lineItems',
      '/lineItems/{lineItemId}/results',
    ]) {
      const post = doc.paths[path]?.post;
      expect(post, path).toBeDefined();
      expect(post.security[0].OAuth2CC, path).toEqual([expect.stringMatching(/gradebook\.createpost$/)]);
      expect(Object.keys(post.responses), path).toContain('201');
    }
    expect(Object.keys(doc.components.schemas.lineItem.properties)).toEqual(
      expect.arrayContaining(['school', 'scoreScale', 'learningObjectiveSet']),
    );
    expect(Object.keys(doc.components.schemas.result.properties)).toEqual(
      expect.arrayContaining([
        'textScore',
        'scoreScale',
        'learningObjectiveSet',
        'inProgress',
        'incomplete',
        'late',
        'missing',
      ]),
    );
    expect(Object.keys(doc.components.schemas.category.properties)).toContain('weight');
    expect(Object.keys(doc.components.schemas.scoreScale.properties)).toEqual(
      expect.arrayContaining(['type', 'class', 'course', 'org']),
    );
  });
});

describe('deletes', () => {
  // Its own rows, whatever ran before (PUTs: created, or unchanged when the POST test above made them): a line
  // item with learning-objective and score-scale link rows, and a result in the class and session.
  beforeAll(async () => {
    const lineItem = (id: string, extra: Record<string, unknown>) =>
      send('PUT', `${BASE}/lineItems/${id}`, writer, {
        lineItem: { title: id, class: { sourcedId: ids.klass }, ...extra },
      });
    const withLinks = await lineItem('li-lo', {
      scoreScale: { sourcedId: 'ss-a' },
      learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: ['case-1', 'case-2'] }],
    });
    expect(withLinks.statusCode, withLinks.body).toBeLessThan(300);
    const inSession = await lineItem('li-t1', { academicSession: { sourcedId: ids.session } });
    expect(inSession.statusCode, inSession.body).toBeLessThan(300);
    const result = await send('PUT', `${BASE}/results/r-t1`, writer, {
      result: {
        lineItem: { sourcedId: 'li-t1' },
        student: { sourcedId: ids.student },
        class: { sourcedId: ids.klass },
        scoreStatus: 'submitted',
        score: 8,
      },
    });
    expect(result.statusCode, result.body).toBeLessThan(300);
  });

  it('a deleted result leaves the list and every nested list; a deleted line item takes its link rows along', async () => {
    const nested = [
      `${BASE}/results?limit=5000`,
      `${BASE}/classes/${ids.klass}/results?limit=5000`,
      `${BASE}/classes/${ids.klass}/lineItems/li-t1/results`,
      `${BASE}/classes/${ids.klass}/students/${ids.student}/results?limit=5000`,
    ];
    for (const url of nested) expect(await listIds(url, 'results'), url).toContain('r-t1');
    expect((await send('DELETE', `${BASE}/results/r-t1`, writer)).statusCode).toBe(204);
    for (const url of nested) expect(await listIds(url, 'results'), url).not.toContain('r-t1');

    expect((await send('DELETE', `${BASE}/lineItems/li-lo`, writer)).statusCode).toBe(204);
    const links = await f.sql<{ status: string }>(
      `SELECT status FROM oneroster.line_item_learning_objectives WHERE line_item_sourced_id = 'li-lo'
       UNION ALL
       SELECT status FROM oneroster.line_item_score_scales WHERE line_item_sourced_id = 'li-lo'`,
    );
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((l) => l.status))).toEqual(new Set(['tobedeleted']));
    expect(await listIds(`${BASE}/classes/${ids.klass}/lineItems?limit=5000`, 'lineItems')).not.toContain('li-lo');
  });
});
