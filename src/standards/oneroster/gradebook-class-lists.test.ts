/**
 * The OneRoster 1.2 gradebook lists of what a class or school may use: the categories of a class (tenant-wide,
 * its school's, its own) with scoped PUTs and school-bound reach, and the score scales of a class and of a school.
 */
import { describe, expect, it } from 'vitest';
import { codeMinor } from '../../../test/support/oneroster-fixture.js';
import { GRADEBOOK as BASE, scale, useGradebookContext } from '../../../test/support/oneroster-gradebook.js';

const g = useGradebookContext();

describe('categories a class may use', () => {
  it('tenant-wide, its school’s and its own (plus any its line items use); scoped PUTs; school-bound reach', async () => {
    const put = (id: string, category: Record<string, unknown>) =>
      g.send('PUT', `${BASE}/categories/${id}`, g.writer, { category: { title: id, ...category } });
    expect((await put('cat-everyone', {})).statusCode).toBe(201);
    const school = await put('cat-school', { school: { sourcedId: g.ids.school } });
    expect(school.json().category).toMatchObject({ school: { sourcedId: g.ids.school, type: 'org' } });
    const own = await put('cat-own', { class: { sourcedId: g.ids.klass } });
    expect(own.json().category).toMatchObject({ class: { sourcedId: g.ids.klass, type: 'class' } });
    expect((await put('cat-other-school', { school: { sourcedId: g.ids.otherSchool } })).statusCode).toBe(201);
    expect((await put('cat-other-class', { class: { sourcedId: g.ids.sameSchoolClass } })).statusCode).toBe(201);
    const mismatch = await put('cat-bad', {
      class: { sourcedId: g.ids.klass },
      school: { sourcedId: g.ids.otherSchool },
    });
    expect([mismatch.statusCode, codeMinor(mismatch)]).toEqual([400, 'invaliddata']);
    expect(mismatch.json().imsx_description).toMatch(/^school: /);
    const missing = await put('cat-bad', { class: { sourcedId: 'no-such-class' } });
    expect([missing.statusCode, codeMinor(missing)]).toEqual([400, 'invaliddata']);

    const mine = await g.listIds(`${BASE}/classes/${g.ids.klass}/categories?limit=5000`, 'categories');
    expect(mine).toEqual(expect.arrayContaining(['cat-everyone', 'cat-school', 'cat-own']));
    expect(mine).not.toContain('cat-other-school');
    expect(mine).not.toContain('cat-other-class');
    const theirs = await g.listIds(`${BASE}/classes/${g.ids.otherClass}/categories?limit=5000`, 'categories');
    expect(theirs).toEqual(expect.arrayContaining(['cat-everyone', 'cat-other-school']));
    expect(theirs).not.toContain('cat-school');
    expect(theirs).not.toContain('cat-own');

    // A client bound to the first school sees the tenant's and its school's categories, writes only there.
    const bound = await g.f.token(['gradebook.readonly', 'gradebook.createput'], [g.ids.schoolId]);
    const seen = (await g.f.get(`${BASE}/categories?limit=5000`, bound)).json().categories as { sourcedId: string }[];
    const seenIds = seen.map((c) => c.sourcedId);
    expect(seenIds).toEqual(expect.arrayContaining(['cat-everyone', 'cat-school', 'cat-own', 'cat-other-class']));
    expect(seenIds).not.toContain('cat-other-school');
    const boundPut = (id: string, category: Record<string, unknown>) =>
      g.send('PUT', `${BASE}/categories/${id}`, bound, { category: { title: id, ...category } });
    expect((await boundPut('cat-bound-school', { school: { sourcedId: g.ids.school } })).statusCode).toBe(201);
    expect((await boundPut('cat-bound-class', { class: { sourcedId: g.ids.klass } })).statusCode).toBe(201);
    expect((await boundPut('cat-bound-other', { school: { sourcedId: g.ids.otherSchool } })).statusCode).toBe(400);
  });
});

describe('score scales of a class and of a school', () => {
  it('list the scales of the class, its course, its school and the district; of the school and the district', async () => {
    const owners: [string, Record<string, { sourcedId: string }>][] = [
      ['ss-of-class', { class: { sourcedId: g.ids.klass }, org: { sourcedId: g.ids.school } }],
      ['ss-of-other-class', { class: { sourcedId: g.ids.sameSchoolClass }, org: { sourcedId: g.ids.school } }],
      ['ss-of-course', { course: { sourcedId: g.ids.course } }],
      ['ss-of-school', { org: { sourcedId: g.ids.school } }],
      ['ss-of-other-school', { org: { sourcedId: g.ids.otherSchool } }],
      ['ss-of-district', { org: { sourcedId: g.ids.district } }],
      ['ss-of-nobody', {}],
    ];
    for (const [id, owner] of owners)
      expect((await g.send('PUT', `${BASE}/scoreScales/${id}`, g.writer, scale(id, owner))).statusCode, id).toBe(201);
    const ofClass = (await g.listIds(`${BASE}/classes/${g.ids.klass}/scoreScales?limit=5000`, 'scoreScales')).filter(
      (id) => id.startsWith('ss-of-'),
    );
    expect(ofClass.sort()).toEqual(['ss-of-class', 'ss-of-course', 'ss-of-district', 'ss-of-nobody', 'ss-of-school']);
    const ofSchool = (await g.listIds(`${BASE}/schools/${g.ids.school}/scoreScales?limit=5000`, 'scoreScales')).filter(
      (id) => id.startsWith('ss-of-'),
    );
    expect(ofSchool.sort()).toEqual(['ss-of-district', 'ss-of-nobody', 'ss-of-school']);
    const ofOther = (
      await g.listIds(`${BASE}/classes/${g.ids.otherClass}/scoreScales?limit=5000`, 'scoreScales')
    ).filter((id) => id.startsWith('ss-of-'));
    expect(ofOther.sort()).toEqual(['ss-of-district', 'ss-of-nobody', 'ss-of-other-school']);
    const res = await g.f.get(`${BASE}/classes/${g.ids.klass}/scoreScales?limit=1`, g.writer);
    expect([
      res.json().scoreScales.length,
      Number(res.headers['x-total-count']) >= 5,
      res.headers.link?.includes('rel="next"'),
    ]).toEqual([1, true, true]);

    expect((await g.send('DELETE', `${BASE}/scoreScales/ss-of-class`, g.writer)).statusCode).toBe(204);
    expect(await g.listIds(`${BASE}/classes/${g.ids.klass}/scoreScales?limit=5000`, 'scoreScales')).not.toContain(
      'ss-of-class',
    );
    expect(await g.listIds(`${BASE}/scoreScales?limit=5000`, 'scoreScales')).not.toContain('ss-of-class');
  });
});
