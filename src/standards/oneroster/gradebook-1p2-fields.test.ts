/**
 * The OneRoster 1.2 gradebook fields beyond 1.1 through PUT → GET: category weight, lineItem
 * school/scoreScale/learningObjectiveSet, result textScore/flags/scoreScale/learningObjectiveSet, scoreScale type
 * and owners, and the link rows behind them. (Lists: gradebook-class-lists.test.ts; collection POSTs and deletes:
 * gradebook-collection-posts.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { codeMinor } from '../../../test/support/oneroster-fixture.js';
import { GRADEBOOK as BASE, scale, useGradebookContext } from '../../../test/support/oneroster-gradebook.js';

const g = useGradebookContext();

describe('1.2 fields through PUT → GET', () => {
  it('category weight and scoreScale type/class/course/org round-trip', async () => {
    expect(
      (await g.send('PUT', `${BASE}/categories/cat-w`, g.writer, { category: { title: 'Tests', weight: 0.35 } }))
        .statusCode,
    ).toBe(201);
    expect((await g.f.get(`${BASE}/categories/cat-w`, g.writer)).json().category).toMatchObject({
      title: 'Tests',
      weight: 0.35,
    });
    const owned = await g.send(
      'PUT',
      `${BASE}/scoreScales/ss-owned`,
      g.writer,
      scale('Owned', {
        class: { sourcedId: g.ids.klass },
        course: { sourcedId: g.ids.course },
        school: { sourcedId: g.ids.school },
      }),
    );
    expect(owned.statusCode).toBe(201);
    expect(owned.json().scoreScale).toMatchObject({
      type: 'letter',
      class: { sourcedId: g.ids.klass, type: 'class' },
      course: { sourcedId: g.ids.course, type: 'course' },
      org: { sourcedId: g.ids.school, type: 'org' },
    });
    const bad = await g.send(
      'PUT',
      `${BASE}/scoreScales/ss-bad`,
      g.writer,
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
      class: { sourcedId: g.ids.klass },
      school: { sourcedId: g.ids.school },
      scoreScale: { sourcedId: 'ss-a' },
      learningObjectiveSet: objectives,
      resultValueMax: 10,
    };
    expect((await g.send('PUT', `${BASE}/lineItems/li-lo`, g.writer, { lineItem: body })).statusCode).toBe(201);
    const got = (await g.f.get(`${BASE}/lineItems/li-lo`, g.writer)).json().lineItem;
    expect(got).toMatchObject({
      school: { sourcedId: g.ids.school, type: 'org' },
      scoreScale: { sourcedId: 'ss-a', type: 'scoreScale' },
      learningObjectiveSet: objectives,
    });
    expect(
      (
        await g.f.sql<{ school_sourced_id: string }>(
          `SELECT school_sourced_id FROM oneroster.line_items WHERE sourced_id = 'li-lo'`,
        )
      )[0]!.school_sourced_id,
    ).toBe(g.ids.school);
    const before = await g.linkRows('line_item_learning_objectives', 'line_item_sourced_id', 'li-lo');
    expect(before.map((r) => r.status)).toEqual(['active', 'active', 'active']);
    expect(before.every((r) => r.sourced_id.startsWith('lilo-'))).toBe(true);

    // The same set again: same rows, untouched.
    expect((await g.send('PUT', `${BASE}/lineItems/li-lo`, g.writer, { lineItem: body })).statusCode).toBe(200);
    expect(await g.linkRows('line_item_learning_objectives', 'line_item_sourced_id', 'li-lo')).toEqual(before);

    // A different set and scale: kept rows keep their sourcedId, dropped ones become tobedeleted.
    const next = [{ source: 'CASE', learningObjectiveIds: ['case-2', 'case-3'] }];
    const replaced = await g.send('PUT', `${BASE}/lineItems/li-lo`, g.writer, {
      lineItem: { ...body, scoreScale: { sourcedId: 'ss-b' }, learningObjectiveSet: next },
    });
    expect(replaced.json().lineItem).toMatchObject({ scoreScale: { sourcedId: 'ss-b' }, learningObjectiveSet: next });
    const after = await g.f.sql<{ sourced_id: string; status: string; learning_objective_id: string }>(
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
    const scales = await g.f.sql<{ score_scale_sourced_id: string; status: string }>(
      `SELECT score_scale_sourced_id, status FROM oneroster.line_item_score_scales
        WHERE line_item_sourced_id = 'li-lo' ORDER BY score_scale_sourced_id`,
    );
    expect(scales.map((r) => [r.score_scale_sourced_id, r.status])).toEqual([
      ['ss-a', 'tobedeleted'],
      ['ss-b', 'active'],
    ]);

    // Without school, the class's school; a school the class is not in is a 400.
    const derived = await g.send('PUT', `${BASE}/lineItems/li-derived`, g.writer, {
      lineItem: { title: 'Derived', class: { sourcedId: g.ids.klass } },
    });
    expect(derived.json().lineItem).toMatchObject({ school: { sourcedId: g.ids.school } });
    expect(derived.json().lineItem.learningObjectiveSet).toBeUndefined();
    const wrong = await g.send('PUT', `${BASE}/lineItems/li-wrong`, g.writer, {
      lineItem: { title: 'Wrong', class: { sourcedId: g.ids.klass }, school: { sourcedId: g.ids.otherSchool } },
    });
    expect([wrong.statusCode, codeMinor(wrong)]).toEqual([400, 'invaliddata']);
    const duplicate = await g.send('PUT', `${BASE}/lineItems/li-wrong`, g.writer, {
      lineItem: {
        title: 'Dup',
        class: { sourcedId: g.ids.klass },
        learningObjectiveSet: [{ source: 'CASE', learningObjectiveIds: ['x', 'x'] }],
      },
    });
    expect([duplicate.statusCode, codeMinor(duplicate)]).toEqual([400, 'invaliddata']);
  });

  it("lineItem school: the class's own school is accepted whatever its org type; any other is a 400 naming school", async () => {
    // A class placed directly under a local org (CSV packages do this): its school is not of type 'school'.
    await g.f.sql(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type, parent_sourced_id)
       VALUES ($1, 'org-local', 'Annex', 'local', $2)`,
      [g.f.tenantId, g.ids.district],
    );
    await g.f.sql(
      `INSERT INTO oneroster.classes
         (tenant_id, sourced_id, title, course_sourced_id, school_sourced_id, term_sourced_ids)
       VALUES ($1, 'cls-annex', 'Annex class', $2, 'org-local', ARRAY[$3])`,
      [g.f.tenantId, g.ids.course, g.ids.session],
    );
    for (const [id, klass, school] of [
      ['li-own-school', g.ids.klass, g.ids.school],
      ['li-annex', 'cls-annex', 'org-local'],
    ] as const) {
      const named = await g.send('PUT', `${BASE}/lineItems/${id}`, g.writer, {
        lineItem: { title: 'Own school', class: { sourcedId: klass }, school: { sourcedId: school, type: 'org' } },
      });
      expect(named.statusCode, named.body).toBe(201);
      expect(named.json().lineItem.school).toMatchObject({ sourcedId: school });
      const omitted = await g.send('PUT', `${BASE}/lineItems/${id}-omitted`, g.writer, {
        lineItem: { title: 'No school', class: { sourcedId: klass } },
      });
      expect(omitted.json().lineItem.school).toEqual(named.json().lineItem.school);
    }
    for (const school of [g.ids.otherSchool, g.ids.district, 'no-such-org']) {
      const refused = await g.send('PUT', `${BASE}/lineItems/li-refused`, g.writer, {
        lineItem: { title: 'Refused', class: { sourcedId: g.ids.klass }, school: { sourcedId: school } },
      });
      expect([refused.statusCode, codeMinor(refused)]).toEqual([400, 'invaliddata']);
      expect(refused.json().imsx_description).toMatch(/^school: class .* belongs to school/);
    }
    expect((await g.f.get(`${BASE}/lineItems/li-refused`, g.writer)).statusCode).toBe(404);
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
    const put = await g.send('PUT', `${BASE}/results/r-full`, g.writer, {
      result: {
        lineItem: { sourcedId: 'li-lo' },
        student: { sourcedId: g.ids.student },
        class: { sourcedId: g.ids.klass },
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
    const got = (await g.f.get(`${BASE}/results/r-full`, g.writer)).json().result;
    expect(got).toMatchObject({
      score: 11.25,
      textScore: 'A+',
      scoreScale: { sourcedId: 'ss-a', type: 'scoreScale' },
      class: { sourcedId: g.ids.klass },
      learningObjectiveSet: objectives,
      inProgress: 'false',
      incomplete: 'false',
      late: 'true',
      missing: 'false',
    });
    const rows = await g.f.sql<{ learning_objective_id: string; score: string | number | null; text_score: string }>(
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
    const updated = await g.send('PUT', `${BASE}/results/r-full`, g.writer, {
      result: {
        lineItem: { sourcedId: 'li-lo' },
        student: { sourcedId: g.ids.student },
        scoreStatus: 'exempt',
        learningObjectiveSet: rescored,
      },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().result).toMatchObject({ scoreStatus: 'exempt', learningObjectiveSet: rescored });
    expect(updated.json().result.scoreScale).toBeUndefined();
    expect(updated.json().result.late).toBeUndefined();
    const flags = await g.f.sql<{ status: string }>(
      `SELECT status FROM oneroster.result_score_scales WHERE result_sourced_id = 'r-full'`,
    );
    expect(flags.map((r) => r.status)).toEqual(['tobedeleted']);

    for (const extra of [
      { class: { sourcedId: g.ids.otherClass } },
      { late: 'yes' },
      { textScore: 'x'.repeat(256) },
      { scoreScale: { sourcedId: 'no-such-scale' } },
    ]) {
      const res = await g.send('PUT', `${BASE}/results/r-bad`, g.writer, {
        result: {
          lineItem: { sourcedId: 'li-lo' },
          student: { sourcedId: g.ids.student },
          scoreStatus: 'submitted',
          ...extra,
        },
      });
      expect([res.statusCode, codeMinor(res)], JSON.stringify(extra)).toEqual([400, 'invaliddata']);
    }
  });
});
