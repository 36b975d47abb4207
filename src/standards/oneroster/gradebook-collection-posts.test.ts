/**
 * The OneRoster 1.2 gradebook collection POSTs (POST /schools/{id}/lineItems and
 * POST /classes/{cid}/academicSessions/{aid}/results) and the discovery document that lists them; DELETE of a
 * result and a line item leaving every nested list and the link rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { codeMinor } from '../../../test/support/oneroster-fixture.js';
import { GRADEBOOK as BASE, useGradebookContext } from '../../../test/support/oneroster-gradebook.js';

const g = useGradebookContext();

describe('collection POSTs', () => {
  it('POST /schools/{id}/lineItems: 201 with sourcedIdPairs, the school stored; a class of another school is a 400 naming the item', async () => {
    const res = await g.send('POST', `${BASE}/schools/${g.ids.school}/lineItems`, g.writer, {
      lineItems: [
        { sourcedId: 'li-s1', title: 'Unit test', class: { sourcedId: g.ids.klass } },
        { title: 'Project', class: { sourcedId: g.ids.sameSchoolClass } },
      ],
    });
    expect(res.statusCode).toBe(201);
    const pairs = res.json().sourcedIdPairs as { suppliedSourcedId: string; allocatedSourcedId: string }[];
    expect(pairs[0]).toEqual({ suppliedSourcedId: 'li-s1', allocatedSourcedId: 'li-s1' });
    expect(pairs[1]!.allocatedSourcedId).toMatch(/^[0-9a-f-]{36}$/);
    const stored = await g.f.sql<{ school_sourced_id: string }>(
      `SELECT school_sourced_id FROM oneroster.line_items WHERE sourced_id IN ('li-s1', $1)`,
      [pairs[1]!.allocatedSourcedId],
    );
    expect(stored.map((r) => r.school_sourced_id)).toEqual([g.ids.school, g.ids.school]);
    expect((await g.f.get(`${BASE}/lineItems/li-s1`, g.writer)).json().lineItem.school.sourcedId).toBe(g.ids.school);

    const mismatch = await g.send('POST', `${BASE}/schools/${g.ids.school}/lineItems`, g.writer, {
      lineItems: [
        { sourcedId: 'li-s2', title: 'Fine', class: { sourcedId: g.ids.klass } },
        { sourcedId: 'li-s3', title: 'Elsewhere', class: { sourcedId: g.ids.otherClass } },
      ],
    });
    expect([mismatch.statusCode, codeMinor(mismatch)]).toEqual([400, 'invaliddata']);
    expect(mismatch.json().imsx_description).toContain('lineItems[1]');
    expect((await g.f.sql(`SELECT 1 FROM oneroster.line_items WHERE sourced_id IN ('li-s2', 'li-s3')`)).length).toBe(0);
    const differs = await g.send('POST', `${BASE}/schools/${g.ids.school}/lineItems`, g.writer, {
      lineItems: [{ title: 'x', class: { sourcedId: g.ids.klass }, school: { sourcedId: g.ids.otherSchool } }],
    });
    expect([differs.statusCode, codeMinor(differs)]).toEqual([400, 'invaliddata']);
    const unknown = await g.send('POST', `${BASE}/schools/no-such-school/lineItems`, g.writer, {
      lineItems: [{ title: 'x', class: { sourcedId: g.ids.klass } }],
    });
    expect([unknown.statusCode, codeMinor(unknown)]).toEqual([404, 'unknownobject']);
    const noScope = await g.send(
      'POST',
      `${BASE}/schools/${g.ids.school}/lineItems`,
      await g.f.token(['gradebook.readonly', 'gradebook.createput']),
      { lineItems: [{ title: 'x', class: { sourcedId: g.ids.klass } }] },
    );
    expect([noScope.statusCode, codeMinor(noScope)]).toEqual([403, 'forbidden']);
  });

  it('POST /classes/{cid}/academicSessions/{aid}/results: 201 with sourcedIdPairs; a foreign line item is a 400 naming it', async () => {
    const lineItem = (id: string, classId: string, session: string) =>
      g.send('PUT', `${BASE}/lineItems/${id}`, g.writer, {
        lineItem: { title: id, class: { sourcedId: classId }, academicSession: { sourcedId: session } },
      });
    expect((await lineItem('li-t1', g.ids.klass, g.ids.session)).statusCode).toBe(201);
    expect((await lineItem('li-t2', g.ids.klass, g.ids.otherSession)).statusCode).toBe(201);
    expect((await lineItem('li-t3', g.ids.sameSchoolClass, g.ids.session)).statusCode).toBe(201);
    expect((await lineItem('li-t4', g.ids.otherClass, g.ids.session)).statusCode).toBe(201);
    const url = `${BASE}/classes/${g.ids.klass}/academicSessions/${g.ids.session}/results`;
    const result = (lineItemId: string, extra: Record<string, unknown> = {}) => ({
      lineItem: { sourcedId: lineItemId },
      student: { sourcedId: g.ids.student },
      scoreStatus: 'submitted',
      score: 8,
      ...extra,
    });
    const res = await g.send('POST', url, g.writer, {
      results: [result('li-t1', { sourcedId: 'r-t1' }), result('li-t1', { class: { sourcedId: g.ids.klass } })],
    });
    expect(res.statusCode).toBe(201);
    const pairs = res.json().sourcedIdPairs as { suppliedSourcedId: string; allocatedSourcedId: string }[];
    expect(pairs.map((p) => p.suppliedSourcedId)).toEqual(['r-t1', '']);
    expect((await g.f.get(`${BASE}/results/r-t1`, g.writer)).json().result).toMatchObject({
      lineItem: { sourcedId: 'li-t1' },
      class: { sourcedId: g.ids.klass },
      score: 8,
    });

    for (const [bad, text] of [
      [result('li-t2'), 'academic session'],
      [result('li-t3'), 'class'],
      [result('li-t1', { class: { sourcedId: g.ids.sameSchoolClass } }), 'differs from the URL'],
    ] as const) {
      const refused = await g.send('POST', url, g.writer, {
        results: [result('li-t1', { sourcedId: 'r-never' }), bad],
      });
      expect([refused.statusCode, codeMinor(refused)], text).toEqual([400, 'invaliddata']);
      expect(refused.json().imsx_description).toContain('results[1]');
      expect(refused.json().imsx_description).toContain(text);
    }
    expect((await g.f.sql(`SELECT 1 FROM oneroster.results WHERE sourced_id = 'r-never'`)).length).toBe(0);
    // A school-bound client learns nothing about another school's line item.
    const bound = await g.f.token(['gradebook.readonly', 'gradebook.createpost'], [g.ids.schoolId]);
    const hidden = await g.send('POST', url, bound, { results: [result('li-t4')] });
    expect([hidden.statusCode, codeMinor(hidden)]).toEqual([400, 'invaliddata']);
    expect(hidden.json().imsx_description).toContain('results[0]');
    expect(hidden.json().imsx_description).not.toContain(g.ids.otherClass);
    expect(
      (await g.send('POST', url, bound, { results: [result('li-t1', { sourcedId: 'r-bound' })] })).statusCode,
    ).toBe(201);
    for (const path of [
      `/classes/no-such-class/academicSessions/${g.ids.session}/results`,
      `/classes/${g.ids.klass}/academicSessions/no-such-session/results`,
    ]) {
      const missing = await g.send('POST', `${BASE}${path}`, g.writer, { results: [result('li-t1')] });
      expect([missing.statusCode, codeMinor(missing)], path).toEqual([404, 'unknownobject']);
    }
  });

  it('the discovery document lists both POSTs with gradebook.createpost', async () => {
    const doc = (await g.f.app.inject({ method: 'GET', url: `${BASE}/discovery/openapi.json` })).json();
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
      g.send('PUT', `${BASE}/lineItems/${id}`, g.writer, {
        lineItem: { title: id, class: { sourcedId: g.ids.klass }, ...extra },
      });
    const withLinks = await lineItem('li-lo', {
      scoreScale: { sourcedId: 'ss-a' },
      learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: ['case-1', 'case-2'] }],
    });
    expect(withLinks.statusCode, withLinks.body).toBeLessThan(300);
    const inSession = await lineItem('li-t1', { academicSession: { sourcedId: g.ids.session } });
    expect(inSession.statusCode, inSession.body).toBeLessThan(300);
    const result = await g.send('PUT', `${BASE}/results/r-t1`, g.writer, {
      result: {
        lineItem: { sourcedId: 'li-t1' },
        student: { sourcedId: g.ids.student },
        class: { sourcedId: g.ids.klass },
        scoreStatus: 'submitted',
        score: 8,
      },
    });
    expect(result.statusCode, result.body).toBeLessThan(300);
  });

  it('a deleted result leaves the list and every nested list; a deleted line item takes its link rows along', async () => {
    const nested = [
      `${BASE}/results?limit=5000`,
      `${BASE}/classes/${g.ids.klass}/results?limit=5000`,
      `${BASE}/classes/${g.ids.klass}/lineItems/li-t1/results`,
      `${BASE}/classes/${g.ids.klass}/students/${g.ids.student}/results?limit=5000`,
    ];
    for (const url of nested) expect(await g.listIds(url, 'results'), url).toContain('r-t1');
    expect((await g.send('DELETE', `${BASE}/results/r-t1`, g.writer)).statusCode).toBe(204);
    for (const url of nested) expect(await g.listIds(url, 'results'), url).not.toContain('r-t1');

    expect((await g.send('DELETE', `${BASE}/lineItems/li-lo`, g.writer)).statusCode).toBe(204);
    const links = await g.f.sql<{ status: string }>(
      `SELECT status FROM oneroster.line_item_learning_objectives WHERE line_item_sourced_id = 'li-lo'
       UNION ALL
       SELECT status FROM oneroster.line_item_score_scales WHERE line_item_sourced_id = 'li-lo'`,
    );
    expect(links.length).toBeGreaterThan(0);
    expect(new Set(links.map((l) => l.status))).toEqual(new Set(['tobedeleted']));
    expect(await g.listIds(`${BASE}/classes/${g.ids.klass}/lineItems?limit=5000`, 'lineItems')).not.toContain('li-lo');
  });
});
