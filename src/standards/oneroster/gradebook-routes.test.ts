/**
 * The Gradebook service with real OAuth clients: envelopes of every read, PUT create/update,
 * collection POSTs with sourcedIdPairs, soft DELETE, scores above the maximum, exempt results,
 * write scopes, school-bound writes, and audit rows written with the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';
import { GRADEBOOK_COLLECTIONS, GRADEBOOK_NESTED } from './gradebook-routes.js';

const BASE = '/ims/oneroster/gradebook/v1p2';
let f: Fixture;
let writer: string;
let reader: string;
let ids: { klass: string; otherClass: string; student: string; schoolId: number; school: string };

const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) =>
  f.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

beforeAll(async () => {
  f = await oneRosterFixture();
  const [school, other] = await f.sql<{ sourced_id: string; identifier: string }>(
    `SELECT sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const [klass] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 1`,
    [school!.sourced_id],
  );
  const [otherClass] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.classes WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 1`,
    [other!.sourced_id],
  );
  const [student] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments WHERE class_sourced_id = $1 AND role = 'student' LIMIT 1`,
    [klass!.sourced_id],
  );
  ids = {
    klass: klass!.sourced_id,
    otherClass: otherClass!.sourced_id,
    student: student!.user_sourced_id,
    schoolId: Number(school!.identifier),
    school: school!.sourced_id,
  };
  writer = await f.token(['gradebook.readonly', 'gradebook.createput', 'gradebook.createpost', 'gradebook.delete']);
  reader = await f.token(['gradebook-core.readonly']);
});
afterAll(async () => {
  await f?.close();
});

describe('gradebook writes', () => {
  it('PUT creates (201) then updates (200); a score above resultValueMax round-trips unchanged; exempt is kept', async () => {
    expect(
      (await send('PUT', `${BASE}/categories/cat-1`, writer, { category: { title: 'Homework' } })).statusCode,
    ).toBe(201);
    const created = await send('PUT', `${BASE}/lineItems/li-1`, writer, {
      lineItem: {
        title: 'Essay',
        class: { sourcedId: ids.klass },
        category: { sourcedId: 'cat-1' },
        assignDate: '2026-09-01',
        dueDate: '2026-09-15T23:59:00Z',
        resultValueMin: 0,
        resultValueMax: 100,
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().lineItem).toMatchObject({
      sourcedId: 'li-1',
      title: 'Essay',
      dueDate: '2026-09-15',
      resultValueMax: 100,
      class: { sourcedId: ids.klass, type: 'class' },
      school: { sourcedId: ids.school },
      category: { sourcedId: 'cat-1', type: 'category' },
    });
    const updated = await send('PUT', `${BASE}/lineItems/li-1`, writer, {
      lineItem: { title: 'Essay (revised)', class: { sourcedId: ids.klass }, resultValueMax: 100 },
    });
    expect([updated.statusCode, updated.json().lineItem.title]).toEqual([200, 'Essay (revised)']);

    const put = await send('PUT', `${BASE}/results/r-1`, writer, {
      result: {
        lineItem: { sourcedId: 'li-1' },
        student: { sourcedId: ids.student },
        scoreStatus: 'fully graded',
        score: 112.5,
        scoreDate: '2026-09-20T10:00:00Z',
      },
    });
    expect(put.statusCode).toBe(201);
    const exempt = await send('PUT', `${BASE}/results/r-2`, writer, {
      result: { lineItem: { sourcedId: 'li-1' }, student: { sourcedId: ids.student }, scoreStatus: 'exempt' },
    });
    expect(exempt.statusCode).toBe(201);
    const r1 = (await f.get(`${BASE}/results/r-1`, reader)).json().result;
    expect(r1).toMatchObject({
      score: 112.5,
      scoreStatus: 'fully graded',
      scoreDate: '2026-09-20T10:00:00.000Z',
      class: { sourcedId: ids.klass },
      student: { sourcedId: ids.student },
    });
    expect((await f.get(`${BASE}/results/r-2`, reader)).json().result.scoreStatus).toBe('exempt');
    const audits = await f.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM compliance.audit_logs
        WHERE table_name IN ('oneroster.line_items', 'oneroster.results') AND record_id IN ('li-1', 'r-1', 'r-2')`,
    );
    expect(audits[0]!.n).toBe(4);
  });

  it('POST /classes/{id}/lineItems and /lineItems/{id}/results answer 201 with sourcedIdPairs', async () => {
    const res = await send('POST', `${BASE}/classes/${ids.klass}/lineItems`, writer, {
      lineItems: [{ sourcedId: 'li-2', title: 'Quiz' }, { sourcedId: 'li-1', title: 'Taken id' }, { title: 'No id' }],
    });
    expect(res.statusCode).toBe(201);
    const pairs = res.json().sourcedIdPairs as { suppliedSourcedId: string; allocatedSourcedId: string }[];
    expect(pairs[0]).toEqual({ suppliedSourcedId: 'li-2', allocatedSourcedId: 'li-2' });
    expect(pairs[1]!.suppliedSourcedId).toBe('li-1');
    expect(pairs[1]!.allocatedSourcedId).not.toBe('li-1');
    expect(pairs[2]!.allocatedSourcedId).toMatch(/^[0-9a-f-]{36}$/);
    const results = await send('POST', `${BASE}/lineItems/li-2/results`, writer, {
      results: [{ sourcedId: 'r-3', student: { sourcedId: ids.student }, scoreStatus: 'submitted', score: 7 }],
    });
    expect([results.statusCode, results.json()]).toEqual([
      201,
      { sourcedIdPairs: [{ suppliedSourcedId: 'r-3', allocatedSourcedId: 'r-3' }] },
    ]);
    const bad = await send('POST', `${BASE}/classes/no-such-class/lineItems`, writer, { lineItems: [{ title: 'x' }] });
    expect([bad.statusCode, codeMinor(bad)]).toEqual([404, 'unknownobject']);
  });

  it('DELETE answers 204 and the object leaves every listing', async () => {
    const before = (await f.get(`${BASE}/classes/${ids.klass}/lineItems`, writer)).json().lineItems as {
      sourcedId: string;
    }[];
    expect(before.map((l) => l.sourcedId)).toContain('li-2');
    expect((await send('DELETE', `${BASE}/lineItems/li-2`, writer)).statusCode).toBe(204);
    const after = (await f.get(`${BASE}/classes/${ids.klass}/lineItems`, writer)).json().lineItems as {
      sourcedId: string;
    }[];
    expect(after.map((l) => l.sourcedId)).not.toContain('li-2');
    expect(
      (await f.get(`${BASE}/lineItems?limit=5000`, writer))
        .json()
        .lineItems.map((l: { sourcedId: string }) => l.sourcedId),
    ).not.toContain('li-2');
    expect((await f.get(`${BASE}/lineItems/li-2`, writer)).statusCode).toBe(404);
    expect((await send('DELETE', `${BASE}/lineItems/li-2`, writer)).statusCode).toBe(404);
    expect(
      (await f.sql<{ status: string }>(`SELECT status FROM oneroster.line_items WHERE sourced_id = 'li-2'`))[0]!.status,
    ).toBe('tobedeleted');
    // Written again, it is created anew.
    expect(
      (
        await send('PUT', `${BASE}/lineItems/li-2`, writer, {
          lineItem: { title: 'Quiz', class: { sourcedId: ids.klass } },
        })
      ).statusCode,
    ).toBe(201);
  });

  it('refuses bad bodies with 400 imsx, unknown references, and writes without the write scopes', async () => {
    for (const body of [
      {},
      { lineItem: { title: 'x' } },
      { lineItem: { title: 'x', class: { sourcedId: ids.klass }, resultValueMax: 'lots' } },
      { lineItem: { title: 'x', class: { sourcedId: ids.klass }, dueDate: 'soon' } },
    ]) {
      const res = await send('PUT', `${BASE}/lineItems/li-x`, writer, body);
      expect([res.statusCode, codeMinor(res)], JSON.stringify(body)).toEqual([400, 'invaliddata']);
    }
    const badStatus = await send('PUT', `${BASE}/results/r-x`, writer, {
      result: { lineItem: { sourcedId: 'li-1' }, student: { sourcedId: ids.student }, scoreStatus: 'graded' },
    });
    expect(badStatus.statusCode).toBe(400);
    const unknownClass = await send('PUT', `${BASE}/lineItems/li-x`, writer, {
      lineItem: { title: 'x', class: { sourcedId: 'nope' } },
    });
    expect([unknownClass.statusCode, codeMinor(unknownClass)]).toEqual([400, 'invaliddata']);
    for (const [method, url, body] of [
      ['PUT', `${BASE}/categories/c-x`, { category: { title: 'x' } }],
      ['POST', `${BASE}/classes/${ids.klass}/lineItems`, { lineItems: [{ title: 'x' }] }],
      ['DELETE', `${BASE}/lineItems/li-1`, undefined],
    ] as const) {
      const res = await send(method, url, reader, body);
      expect([res.statusCode, codeMinor(res)], `${method} ${url}`).toEqual([403, 'forbidden']);
    }
  });

  it('a school-bound client writes only in its school', async () => {
    const bound = await f.token(['gradebook.readonly', 'gradebook.createput', 'roster.readonly'], [ids.schoolId]);
    const mine = await send('PUT', `${BASE}/lineItems/li-mine`, bound, {
      lineItem: { title: 'Mine', class: { sourcedId: ids.klass } },
    });
    expect(mine.statusCode).toBe(201);
    const theirs = await send('PUT', `${BASE}/lineItems/li-theirs`, bound, {
      lineItem: { title: 'Theirs', class: { sourcedId: ids.otherClass } },
    });
    expect(theirs.statusCode).toBe(400);
    await send('PUT', `${BASE}/lineItems/li-other`, writer, {
      lineItem: { title: 'Other school', class: { sourcedId: ids.otherClass } },
    });
    const list = (await f.get(`${BASE}/lineItems?limit=5000`, bound)).json().lineItems as { sourcedId: string }[];
    expect(list.map((l) => l.sourcedId)).not.toContain('li-other');
    expect(
      (
        await send('PUT', `${BASE}/lineItems/li-other`, bound, {
          lineItem: { title: 'Hijack', class: { sourcedId: ids.klass } },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('gradebook reads', () => {
  it('every collection and nested read answers its envelope with X-Total-Count and Link', async () => {
    for (const c of GRADEBOOK_COLLECTIONS) {
      const res = await f.get(`${BASE}/${c.segment}`, reader);
      expect(res.statusCode, c.segment).toBe(200);
      expect(Array.isArray(res.json()[c.entity.plural]), c.segment).toBe(true);
      expect(res.headers['x-total-count'], c.segment).toBeDefined();
      expect(res.headers.link, c.segment).toContain('rel="first"');
    }
    await send('PUT', `${BASE}/scoreScales/ss-1`, writer, {
      scoreScale: { title: 'Letters', scoreScaleValue: [{ itemValueLHS: 'A', itemValueRHS: '90' }] },
    });
    expect((await f.get(`${BASE}/scoreScales/ss-1`, reader)).json().scoreScale).toMatchObject({
      title: 'Letters',
      scoreScaleValue: [{ itemValueLHS: 'A', itemValueRHS: '90' }],
    });
    const values: Record<string, string> = {
      classId: ids.klass,
      lineItemId: 'li-1',
      studentId: ids.student,
      schoolId: ids.school,
    };
    for (const route of GRADEBOOK_NESTED) {
      const res = await f.get(`${BASE}${route.path.replace(/:(\w+)/g, (_, n: string) => values[n]!)}`, writer);
      expect(res.statusCode, route.path).toBe(200);
      expect(Array.isArray(res.json()[route.entity.plural]), route.path).toBe(true);
      expect((await f.get(`${BASE}${route.path.replace(/:(\w+)/g, 'nope')}`, writer)).statusCode, route.path).toBe(404);
    }
    const studentResults = (await f.get(`${BASE}/classes/${ids.klass}/students/${ids.student}/results`, writer)).json()
      .results as { sourcedId: string }[];
    expect(studentResults.map((r) => r.sourcedId).sort()).toEqual(expect.arrayContaining(['r-1', 'r-2']));
    expect((await f.get(`${BASE}/classes/${ids.klass}/lineItems`, reader)).statusCode).toBe(403);
  });
});
