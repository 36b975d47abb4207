/**
 * The OneRoster 1.2 gradebook lists of what a class or school may use: the categories of a class (tenant-wide,
 * its school's, its own) with scoped PUTs and school-bound reach, and the score scales of a class and of a school.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, type Fixture } from '../../../test/support/oneroster-fixture.js';
import {
  GRADEBOOK as BASE,
  gradebookContext,
  scale,
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
