/**
 * Paging, sorting, field selection and filtering over HTTP: edge cases answer 400 imsx (never 500,
 * never "everything"); Link and X-Total-Count are exact; the maximum limit clamps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeMinor, oneRosterFixture, type Fixture } from '../../../test/support/oneroster-fixture.js';

const BASE = '/ims/oneroster/rostering/v1p2';
let f: Fixture;
let token: string;
const q = (text: string) => encodeURIComponent(text);

beforeAll(async () => {
  f = await oneRosterFixture({ maxLimit: 20 });
  token = await f.token(['roster.readonly']);
});
afterAll(async () => {
  await f?.close();
});

describe('paging', () => {
  it.each(['abc', '1e3', '-1', '0', '99999999999999999999', '2147483648', '1.5', ''])(
    'limit=%j → 400 invaliddata',
    async (value) => {
      const res = await f.get(`${BASE}/users?limit=${q(value)}`, token);
      expect([res.statusCode, codeMinor(res)]).toEqual([400, 'invaliddata']);
      expect(res.json().imsx_codeMajor).toBe('failure');
    },
  );

  it.each(['abc', '-1', '1e3', '99999999999999999999'])('offset=%j → 400', async (value) => {
    expect((await f.get(`${BASE}/users?offset=${q(value)}`, token)).statusCode).toBe(400);
  });

  it('a repeated parameter → 400', async () => {
    for (const url of [
      `${BASE}/users?limit=1&limit=2`,
      `${BASE}/users?offset=1&offset=2`,
      `${BASE}/users?sort=givenName&sort=familyName`,
    ]) {
      expect([(await f.get(url, token)).statusCode, codeMinor(await f.get(url, token))], url).toEqual([
        400,
        'invaliddata',
      ]);
    }
    expect(
      codeMinor(await f.get(`${BASE}/users?filter=${q("status='active'")}&filter=${q("status='active'")}`, token)),
    ).toBe('invalid_filter_field');
  });

  it('defaults to limit 100 (here clamped to the configured maximum 20) and pages with an exact Link header', async () => {
    const first = await f.get(`${BASE}/users?limit=5000`, token);
    const total = Number(first.headers['x-total-count']);
    expect(total).toBe(84); // 40 students, their 40 parents, 4 teachers
    expect(first.json().users).toHaveLength(20);
    const link = String(first.headers.link);
    expect(link).toContain('limit=20&offset=20>; rel="next"');
    expect(link).toContain('limit=20&offset=80>; rel="last"');
    expect(link).not.toContain('rel="prev"');
    // Walk every page: no row repeated, none skipped.
    const seen: string[] = [];
    for (let offset = 0; offset < total; offset += 7) {
      const res = await f.get(`${BASE}/users?limit=7&offset=${offset}`, token);
      seen.push(...(res.json().users as { sourcedId: string }[]).map((u) => u.sourcedId));
    }
    expect(new Set(seen).size).toBe(total);
    const middle = String((await f.get(`${BASE}/users?limit=7&offset=14&sort=familyName`, token)).headers.link);
    expect(middle).toContain('offset=7>; rel="prev"');
    expect(middle).toContain('sort=familyName');
    const past = await f.get(`${BASE}/users?offset=1000`, token);
    expect([past.statusCode, past.json().users, past.headers['x-total-count']]).toEqual([200, [], '84']);
  });

  it('sorts by a field in either order; an unknown or unsortable field → 400', async () => {
    const asc = (await f.get(`${BASE}/users?sort=familyName&limit=20`, token)).json().users as { familyName: string }[];
    expect(asc.map((u) => u.familyName)).toEqual(
      [...asc.map((u) => u.familyName)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    const desc = (await f.get(`${BASE}/users?sort=familyName&orderBy=desc&limit=1`, token)).json().users[0];
    const max = (await f.sql<{ m: string }>(`SELECT max(family_name) AS m FROM oneroster.users`))[0]!.m;
    expect(desc.familyName).toBe(max);
    for (const url of [
      `${BASE}/users?sort=nope`,
      `${BASE}/users?sort=roles`,
      `${BASE}/users?orderBy=up`,
      `${BASE}/users?sort=a,b`,
    ]) {
      expect((await f.get(url, token)).statusCode, url).toBe(400);
    }
  });

  it('fields selects exactly the fields asked; an unknown one → invalid_selection_field', async () => {
    const users = (await f.get(`${BASE}/users?fields=sourcedId,givenName`, token)).json().users as Record<
      string,
      unknown
    >[];
    expect(Object.keys(users[0]!).sort()).toEqual(['givenName', 'sourcedId']);
    const one = (await f.get(`${BASE}/users/${String(users[0]!.sourcedId)}?fields=username`, token)).json().user;
    expect(Object.keys(one)).toEqual(['username']);
    for (const url of [`${BASE}/users?fields=sourcedId,nope`, `${BASE}/users?fields=`, `${BASE}/users?fields=a,,b`]) {
      const res = await f.get(url, token);
      expect([res.statusCode, codeMinor(res)], url).toEqual([400, 'invalid_selection_field']);
    }
  });
});

describe('filter over HTTP', () => {
  it('filters with = != ~ < > on strings, dates, date-times, refs, lists and AND/OR', async () => {
    const count = async (filter: string, path = 'users') => {
      const res = await f.get(`${BASE}/${path}?filter=${q(filter)}&limit=20`, token);
      expect(res.statusCode, filter).toBe(200);
      return Number(res.headers['x-total-count']);
    };
    const [u] = await f.sql<{ sourced_id: string; family_name: string; primary_org_sourced_id: string }>(
      `SELECT sourced_id, family_name, primary_org_sourced_id FROM oneroster.users ORDER BY sourced_id LIMIT 1`,
    );
    const sameName = (
      await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM oneroster.users WHERE family_name = $1`, [
        u!.family_name,
      ])
    )[0]!.n;
    expect(await count(`familyName='${u!.family_name}'`)).toBe(sameName);
    expect(await count(`familyName!='${u!.family_name}'`)).toBe(84 - sameName);
    expect(await count(`status='active'`)).toBe(84);
    expect(await count(`dateLastModified>'2000-01-01T00:00:00Z'`)).toBe(84);
    expect(await count(`dateLastModified<'2000-01-01'`)).toBe(0);
    expect(await count(`sourcedId='${u!.sourced_id}' OR sourcedId='nope'`)).toBe(1);
    expect(await count(`sourcedId='${u!.sourced_id}' AND status='tobedeleted'`)).toBe(0);
    const inOrg = (
      await f.sql<{ n: number }>(`SELECT count(*)::int AS n FROM oneroster.users WHERE primary_org_sourced_id = $1`, [
        u!.primary_org_sourced_id,
      ])
    )[0]!.n;
    expect(await count(`primaryOrg.sourcedId='${u!.primary_org_sourced_id}'`)).toBe(inOrg);
    expect(await count(`roles.role='teacher'`)).toBe(4);
    expect(await count(`enabledUser='true'`)).toBe(84);
    const withA = (
      await f.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM oneroster.users WHERE status = 'active' AND given_name ILIKE '%an%'`,
      )
    )[0]!.n;
    expect(withA).toBeGreaterThan(0);
    expect(await count(`givenName~'AN'`)).toBe(withA); // contains, case-insensitive
    expect(await count(`givenName='O''Brien'`)).toBe(0);
    expect(await count(`subjects='Mathematics'`, 'classes')).toBeGreaterThan(0);
    expect(await count(`startDate>='2026-01-01'`, 'academicSessions')).toBeGreaterThan(0);
  });

  it.each([
    "nope='x'",
    'status=active',
    "primaryOrg='x'",
    "primaryOrg.name='x'",
    "dateLastModified>'yesterday'",
    "enabledUser='yes'",
    "enabledUser>'true'",
    "grades>'05'",
    "password='pw'",
  ])('refuses %j with 400 invalid_filter_field', async (filter) => {
    const res = await f.get(`${BASE}/users?filter=${q(filter)}`, token);
    expect([res.statusCode, codeMinor(res)]).toEqual([400, 'invalid_filter_field']);
  });
});
