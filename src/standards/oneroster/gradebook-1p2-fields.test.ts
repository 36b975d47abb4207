/**
 * The OneRoster 1.2 gradebook fields beyond 1.1 and the remaining endpoints: category weight,
 * lineItem school/scoreScale/learningObjectiveSet, result textScore/flags/scoreScale/
 * learningObjectiveSet, scoreScale type and owners — PUT→GET round trips and the link rows behind
 * them — the class and school score-scale lists, POST /schools/{id}/lineItems and
 * POST /classes/{cid}/academicSessions/{aid}/results, DELETE leaving nested lists, and discovery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';

const BASE = '/ims/oneroster/gradebook/v1p2';
let f: Fixture;
let writer: string;
let ids: {
  klass: string;
  sameSchoolClass: string;
  otherClass: string;
  course: string;
  student: string;
  school: string;
  schoolId: number;
  otherSchool: string;
  district: string;
  session: string;
  otherSession: string;
};

const send = (method: 'PUT' | 'POST' | 'DELETE', url: string, token: string, body?: unknown) =>
  f.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
const listIds = async (url: string, plural: string) => {
  const res = await f.get(url, writer);
  expect(res.statusCode, url).toBe(200);
  return (res.json()[plural] as { sourcedId: string }[]).map((o) => o.sourcedId);
};
const linkRows = (table: string, owner: string, id: string) =>
  f.sql<{ sourced_id: string; status: string; date_last_modified: Date }>(
    `SELECT sourced_id, status, date_last_modified FROM oneroster.${table} WHERE ${owner} = $1 ORDER BY sourced_id`,
    [id],
  );
const scale = (title: string, owners: Record<string, { sourcedId: string }> = {}) => ({
  scoreScale: { title, type: 'letter', scoreScaleValue: [{ itemValueLHS: 'A', itemValueRHS: '90' }], ...owners },
});

beforeAll(async () => {
  f = await oneRosterFixture();
  const [school, other] = await f.sql<{ sourced_id: string; parent_sourced_id: string; identifier: string }>(
    `SELECT sourced_id, parent_sourced_id, identifier FROM oneroster.orgs WHERE type = 'school' ORDER BY identifier`,
  );
  const classes = await f.sql<{ sourced_id: string; course_sourced_id: string }>(
    `SELECT sourced_id, course_sourced_id FROM oneroster.classes
      WHERE school_sourced_id = $1 ORDER BY sourced_id LIMIT 2`,
    [school!.sourced_id],
  );
  const [otherClass] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.classes
      WHERE school_sourced_id = $1 AND course_sourced_id <> $2 ORDER BY sourced_id LIMIT 1`,
    [other!.sourced_id, classes[0]!.course_sourced_id],
  );
  const [student] = await f.sql<{ user_sourced_id: string }>(
    `SELECT user_sourced_id FROM oneroster.enrollments
      WHERE class_sourced_id = $1 AND role = 'student' ORDER BY user_sourced_id LIMIT 1`,
    [classes[0]!.sourced_id],
  );
  const [session, otherSession] = await f.sql<{ sourced_id: string }>(
    `SELECT sourced_id FROM oneroster.academic_sessions ORDER BY sourced_id LIMIT 2`,
  );
  expect(school!.parent_sourced_id).toBeTruthy();
  ids = {
    klass: classes[0]!.sourced_id,
    sameSchoolClass: classes[1]!.sourced_id,
    otherClass: otherClass!.sourced_id,
    course: classes[0]!.course_sourced_id,
    student: student!.user_sourced_id,
    school: school!.sourced_id,
    schoolId: Number(school!.identifier),
    otherSchool: other!.sourced_id,
    district: school!.parent_sourced_id,
    session: session!.sourced_id,
    otherSession: otherSession!.sourced_id,
  };
  writer = await f.token(['gradebook.readonly', 'gradebook.createput', 'gradebook.createpost', 'gradebook.delete']);
  expect((await send('PUT', `${BASE}/scoreScales/ss-a`, writer, scale('A-F'))).statusCode).toBe(201);
  expect((await send('PUT', `${BASE}/scoreScales/ss-b`, writer, scale('1-4'))).statusCode).toBe(201);
});
afterAll(async () => {
  await f?.close();
});

describe('1.2 fields through PUT → GET', () => {
  it('category weight and scoreScale type/class/course/org round-trip', async () => {
    expect(
      (await send('PUT', `${BASE}/categories/cat-w`, writer, { category: { title: 'Tests', weight: 0.35 } }))
        .statusCode,
    ).toBe(201);
    expect((await f.get(`${BASE}/categories/cat-w`, writer)).json().category).toMatchObject({
      title: 'Tests',
      weight: 0.35,
    });
    const owned = await send(
      'PUT',
      `${BASE}/scoreScales/ss-owned`,
      writer,
      scale('Owned', {
        class: { sourcedId: ids.klass },
        course: { sourcedId: ids.course },
        school: { sourcedId: ids.school },
      }),
    );
    expect(owned.statusCode).toBe(201);
    expect(owned.json().scoreScale).toMatchObject({
      type: 'letter',
      class: { sourcedId: ids.klass, type: 'class' },
      course: { sourcedId: ids.course, type: 'course' },
      org: { sourcedId: ids.school, type: 'org' },
    });
    const bad = await send(
      'PUT',
      `${BASE}/scoreScales/ss-bad`,
      writer,
      scale('Bad', { course: { sourcedId: 'no-such-course' } }),
    );
    expect([bad.statusCode, codeMinor(bad)]).toEqual([400, 'invaliddata']);
    expect(bad.json().imsx_description).toContain('course');
  });

  it('lineItem school, scoreScale and learningObjectiveSet round-trip; a new set replaces the link rows', async () => {
    const objectives = [
      { source: 'CASE', learningObjectiveIds: ['case-1', 'case-2'] },
      { source: 'Unknown', learningObjectiveIds: ['local-9'] },
    ];
    const body = {
      title: 'Lab report',
      class: { sourcedId: ids.klass },
      school: { sourcedId: ids.school },
      scoreScale: { sourcedId: 'ss-a' },
      learningObjectiveSet: objectives,
      resultValueMax: 10,
    };
    expect((await send('PUT', `${BASE}/lineItems/li-lo`, writer, { lineItem: body })).statusCode).toBe(201);
    const got = (await f.get(`${BASE}/lineItems/li-lo`, writer)).json().lineItem;
    expect(got).toMatchObject({
      school: { sourcedId: ids.school, type: 'org' },
      scoreScale: { sourcedId: 'ss-a', type: 'scoreScale' },
      learningObjectiveSet: objectives,
    });
    expect(
      (
        await f.sql<{ school_sourced_id: string }>(
          `SELECT school_sourced_id FROM oneroster.line_items WHERE sourced_id = 'li-lo'`,
        )
      )[0]!.school_sourced_id,
    ).toBe(ids.school);
    const before = await linkRows('line_item_learning_objectives', 'line_item_sourced_id', 'li-lo');
    expect(before.map((r) => r.status)).toEqual(['active', 'active', 'active']);
    expect(before.every((r) => r.sourced_id.startsWith('lilo-'))).toBe(true);

    // The same set again: same rows, untouched.
    expect((await send('PUT', `${BASE}/lineItems/li-lo`, writer, { lineItem: body })).statusCode).toBe(200);
    expect(await linkRows('line_item_learning_objectives', 'line_item_sourced_id', 'li-lo')).toEqual(before);

    // A different set and scale: kept rows keep their sourcedId, dropped ones become tobedeleted.
    const next = [{ source: 'CASE', learningObjectiveIds: ['case-2', 'case-3'] }];
    const replaced = await send('PUT', `${BASE}/lineItems/li-lo`, writer, {
      lineItem: { ...body, scoreScale: { sourcedId: 'ss-b' }, learningObjectiveSet: next },
    });
    expect(replaced.json().lineItem).toMatchObject({ scoreScale: { sourcedId: 'ss-b' }, learningObjectiveSet: next });
    const after = await f.sql<{ sourced_id: string; status: string; learning_objective_id: string }>(
      `SELECT sourced_id, status, learning_objective_id FROM oneroster.line_item_learning_objectives
        WHERE line_item_sourced_id = 'li-lo' ORDER BY learning_objective_id`,
    );
    expect(after.map((r) => [r.learning_objective_id, r.status])).toEqual([
      ['case-1', 'tobedeleted'],
      ['case-2', 'active'],
      ['case-3', 'active'],
      ['local-9', 'tobedeleted'],
    ]);
    const case2 = (rows: { sourced_id: string }[]) => rows.map((r) => r.sourced_id);
    expect(case2(after)).toEqual(expect.arrayContaining(case2(before)));
    const scales = await f.sql<{ score_scale_sourced_id: string; status: string }>(
      `SELECT score_scale_sourced_id, status FROM oneroster.line_item_score_scales
        WHERE line_item_sourced_id = 'li-lo' ORDER BY score_scale_sourced_id`,
    );
    expect(scales.map((r) => [r.score_scale_sourced_id, r.status])).toEqual([
      ['ss-a', 'tobedeleted'],
      ['ss-b', 'active'],
    ]);

    // Without school, the class's school; a school the class is not in is a 400.
    const derived = await send('PUT', `${BASE}/lineItems/li-derived`, writer, {
      lineItem: { title: 'Derived', class: { sourcedId: ids.klass } },
    });
    expect(derived.json().lineItem).toMatchObject({ school: { sourcedId: ids.school } });
    expect(derived.json().lineItem.learningObjectiveSet).toBeUndefined();
    const wrong = await send('PUT', `${BASE}/lineItems/li-wrong`, writer, {
      lineItem: { title: 'Wrong', class: { sourcedId: ids.klass }, school: { sourcedId: ids.otherSchool } },
    });
    expect([wrong.statusCode, codeMinor(wrong)]).toEqual([400, 'invaliddata']);
    const duplicate = await send('PUT', `${BASE}/lineItems/li-wrong`, writer, {
      lineItem: {
        title: 'Dup',
        class: { sourcedId: ids.klass },
        learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: ['x', 'x'] }],
      },
    });
    expect([duplicate.statusCode, codeMinor(duplicate)]).toEqual([400, 'invaliddata']);
  });

  it("lineItem school: the class's own school is accepted whatever its org type; any other is a 400 naming school", async () => {
    // A class placed directly under a local org (CSV packages do this): its school is not of type 'school'.
    await f.sql(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type, parent_sourced_id)
       VALUES ($1, 'org-local', 'Annex', 'local', $2)`,
      [f.tenantId, ids.district],
    );
    await f.sql(
      `INSERT INTO oneroster.classes
         (tenant_id, sourced_id, title, course_sourced_id, school_sourced_id, term_sourced_ids)
       VALUES ($1, 'cls-annex', 'Annex class', $2, 'org-local', ARRAY[$3])`,
      [f.tenantId, ids.course, ids.session],
    );
    for (const [id, klass, school] of [
      ['li-own-school', ids.klass, ids.school],
      ['li-annex', 'cls-annex', 'org-local'],
    ] as const) {
      const named = await send('PUT', `${BASE}/lineItems/${id}`, writer, {
        lineItem: { title: 'Own school', class: { sourcedId: klass }, school: { sourcedId: school, type: 'org' } },
      });
      expect(named.statusCode, named.body).toBe(201);
      expect(named.json().lineItem.school).toMatchObject({ sourcedId: school });
      const omitted = await send('PUT', `${BASE}/lineItems/${id}-omitted`, writer, {
        lineItem: { title: 'No school', class: { sourcedId: klass } },
      });
      expect(omitted.json().lineItem.school).toEqual(named.json().lineItem.school);
    }
    for (const school of [ids.otherSchool, ids.district, 'no-such-org']) {
      const refused = await send('PUT', `${BASE}/lineItems/li-refused`, writer, {
        lineItem: { title: 'Refused', class: { sourcedId: ids.klass }, school: { sourcedId: school } },
      });
      expect([refused.statusCode, codeMinor(refused)]).toEqual([400, 'invaliddata']);
      expect(refused.json().imsx_description).toMatch(/^school: class .* belongs to school/);
    }
    expect((await f.get(`${BASE}/lineItems/li-refused`, writer)).statusCode).toBe(404);
  });

  it('result textScore, flags, scoreScale and learningObjectiveSet round-trip; a score above the maximum is kept', async () => {
    const objectives = [
      {
        source: 'CASE',
        learningObjectiveResults: [
          { learningObjectiveId: 'case-2', score: 2.5, textScore: 'meets' },
          { learningObjectiveId: 'case-3', textScore: 'approaching' },
        ],
      },
    ];
    const put = await send('PUT', `${BASE}/results/r-full`, writer, {
      result: {
        lineItem: { sourcedId: 'li-lo' },
        student: { sourcedId: ids.student },
        class: { sourcedId: ids.klass },
        scoreStatus: 'fully graded',
        score: 11.25,
        textScore: 'A+',
        scoreScale: { sourcedId: 'ss-a' },
        learningObjectiveSet: objectives,
        inProgress: 'false',
        incomplete: false,
        late: 'TRUE',
        missing: 'false',
      },
    });
    expect(put.statusCode).toBe(201);
    const got = (await f.get(`${BASE}/results/r-full`, writer)).json().result;
    expect(got).toMatchObject({
      score: 11.25,
      textScore: 'A+',
      scoreScale: { sourcedId: 'ss-a', type: 'scoreScale' },
      class: { sourcedId: ids.klass },
      learningObjectiveSet: objectives,
      inProgress: 'false',
      incomplete: 'false',
      late: 'true',
      missing: 'false',
    });
    const rows = await f.sql<{ learning_objective_id: string; score: string | number | null; text_score: string }>(
      `SELECT learning_objective_id, score, text_score FROM oneroster.result_learning_objectives
        WHERE result_sourced_id = 'r-full' ORDER BY learning_objective_id`,
    );
    expect(rows.map((r) => [r.learning_objective_id, r.score === null ? null : Number(r.score), r.text_score])).toEqual(
      [
        ['case-2', 2.5, 'meets'],
        ['case-3', null, 'approaching'],
      ],
    );

    const rescored = [{ source: 'CASE', learningObjectiveResults: [{ learningObjectiveId: 'case-2', score: 4 }] }];
    const updated = await send('PUT', `${BASE}/results/r-full`, writer, {
      result: {
        lineItem: { sourcedId: 'li-lo' },
        student: { sourcedId: ids.student },
        scoreStatus: 'exempt',
        learningObjectiveSet: rescored,
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().result).toMatchObject({ scoreStatus: 'exempt', learningObjectiveSet: rescored });
    expect(updated.json().result.scoreScale).toBeUndefined();
    expect(updated.json().result.late).toBeUndefined();
    const flags = await f.sql<{ status: string }>(
      `SELECT status FROM oneroster.result_score_scales WHERE result_sourced_id = 'r-full'`,
    );
    expect(flags.map((r) => r.status)).toEqual(['tobedeleted']);

    for (const extra of [
      { class: { sourcedId: ids.otherClass } },
      { late: 'yes' },
      { textScore: 'x'.repeat(256) },
      { scoreScale: { sourcedId: 'no-such-scale' } },
    ]) {
      const res = await send('PUT', `${BASE}/results/r-bad`, writer, {
        result: {
          lineItem: { sourcedId: 'li-lo' },
          student: { sourcedId: ids.student },
          scoreStatus: 'submitted',
          ...extra,
        },
      });
      expect([res.statusCode, codeMinor(res)], JSON.stringify(extra)).toEqual([400, 'invaliddata']);
    }
  });
});

describe('categories a class may use', () => {
  it('tenant-wide, its school’s and its own (plus any its line items use); scoped PUTs; school-bound reach', async () => {
    const put = (id: string, category: Record<string, unknown>) =>
      send('PUT', `${BASE}/categories/${id}`, writer, { category: { title: id, ...category } });
    expect((await put('cat-everyone', {})).statusCode).toBe(201);
    const school = await put('cat-school', { school: { sourcedId: ids.school } });
    expect(school.json().category).toMatchObject({ school: { sourcedId: ids.school, type: 'org' } });
    const own = await put('cat-own', { class: { sourcedId: ids.klass } });
    expect(own.json().category).toMatchObject({ class: { sourcedId: ids.klass, type: 'class' } });
    expect((await put('cat-other-school', { school: { sourcedId: ids.otherSchool } })).statusCode).toBe(201);
    expect((await put('cat-other-class', { class: { sourcedId: ids.sameSchoolClass } })).statusCode).toBe(201);
    const mismatch = await put('cat-bad', { class: { sourcedId: ids.klass }, school: { sourcedId: ids.otherSchool } });
    expect([mismatch.statusCode, codeMinor(mismatch)]).toEqual([400, 'invaliddata']);
    expect(mismatch.json().imsx_description).toMatch(/^school: /);
    const missing = await put('cat-bad', { class: { sourcedId: 'no-such-class' } });
    expect([missing.statusCode, codeMinor(missing)]).toEqual([400, 'invaliddata']);

    const mine = await listIds(`${BASE}/classes/${ids.klass}/categories?limit=5000`, 'categories');
    expect(mine).toEqual(expect.arrayContaining(['cat-everyone', 'cat-school', 'cat-own']));
    expect(mine).not.toContain('cat-other-school');
    expect(mine).not.toContain('cat-other-class');
    const theirs = await listIds(`${BASE}/classes/${ids.otherClass}/categories?limit=5000`, 'categories');
    expect(theirs).toEqual(expect.arrayContaining(['cat-everyone', 'cat-other-school']));
    expect(theirs).not.toContain('cat-school');
    expect(theirs).not.toContain('cat-own');

    // A client bound to the first school sees the tenant's and its school's categories, writes only there.
    const bound = await f.token(['gradebook.readonly', 'gradebook.createput'], [ids.schoolId]);
    const seen = (await f.get(`${BASE}/categories?limit=5000`, bound)).json().categories as { sourcedId: string }[];
    const seenIds = seen.map((c) => c.sourcedId);
    expect(seenIds).toEqual(expect.arrayContaining(['cat-everyone', 'cat-school', 'cat-own', 'cat-other-class']));
    expect(seenIds).not.toContain('cat-other-school');
    const boundPut = (id: string, category: Record<string, unknown>) =>
      send('PUT', `${BASE}/categories/${id}`, bound, { category: { title: id, ...category } });
    expect((await boundPut('cat-bound-school', { school: { sourcedId: ids.school } })).statusCode).toBe(201);
    expect((await boundPut('cat-bound-class', { class: { sourcedId: ids.klass } })).statusCode).toBe(201);
    expect((await boundPut('cat-bound-other', { school: { sourcedId: ids.otherSchool } })).statusCode).toBe(400);
  });
});

describe('score scales of a class and of a school', () => {
  it('list the scales of the class, its course, its school and the district; of the school and the district', async () => {
    const owners: [string, Record<string, { sourcedId: string }>][] = [
      ['ss-of-class', { class: { sourcedId: ids.klass }, org: { sourcedId: ids.school } }],
      ['ss-of-other-class', { class: { sourcedId: ids.sameSchoolClass }, org: { sourcedId: ids.school } }],
      ['ss-of-course', { course: { sourcedId: ids.course } }],
      ['ss-of-school', { org: { sourcedId: ids.school } }],
      ['ss-of-other-school', { org: { sourcedId: ids.otherSchool } }],
      ['ss-of-district', { org: { sourcedId: ids.district } }],
      ['ss-of-nobody', {}],
    ];
    for (const [id, owner] of owners)
      expect((await send('PUT', `${BASE}/scoreScales/${id}`, writer, scale(id, owner))).statusCode, id).toBe(201);
    const ofClass = (await listIds(`${BASE}/classes/${ids.klass}/scoreScales?limit=5000`, 'scoreScales')).filter((id) =>
      id.startsWith('ss-of-'),
    );
    expect(ofClass.sort()).toEqual(['ss-of-class', 'ss-of-course', 'ss-of-district', 'ss-of-nobody', 'ss-of-school']);
    const ofSchool = (await listIds(`${BASE}/schools/${ids.school}/scoreScales?limit=5000`, 'scoreScales')).filter(
      (id) => id.startsWith('ss-of-'),
    );
    expect(ofSchool.sort()).toEqual(['ss-of-district', 'ss-of-nobody', 'ss-of-school']);
    const ofOther = (await listIds(`${BASE}/classes/${ids.otherClass}/scoreScales?limit=5000`, 'scoreScales')).filter(
      (id) => id.startsWith('ss-of-'),
    );
    expect(ofOther.sort()).toEqual(['ss-of-district', 'ss-of-nobody', 'ss-of-other-school']);
    const res = await f.get(`${BASE}/classes/${ids.klass}/scoreScales?limit=1`, writer);
    expect([
      res.json().scoreScales.length,
      Number(res.headers['x-total-count']) >= 5,
      res.headers.link?.includes('rel="next"'),
    ]).toEqual([1, true, true]);

    expect((await send('DELETE', `${BASE}/scoreScales/ss-of-class`, writer)).statusCode).toBe(204);
    expect(await listIds(`${BASE}/classes/${ids.klass}/scoreScales?limit=5000`, 'scoreScales')).not.toContain(
      'ss-of-class',
    );
    expect(await listIds(`${BASE}/scoreScales?limit=5000`, 'scoreScales')).not.toContain('ss-of-class');
  });
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

  it('POST /classes/{cid}/academicSessions/{aid}/results: 201 with sourcedIdPairs; a line item of another class or session is a 400 naming the item', async () => {
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
