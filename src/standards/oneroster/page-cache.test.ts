/**
 * Cached list pages (page-cache.ts) are served again, yet every answer is what the database holds: after
 * a write through every path — OneRoster REST, the CSV import, the Ed-Fi projection, plain SQL — and
 * under concurrent writes; and an entry never serves another tenant, another reach, other scopes' fields
 * or another origin's hrefs. A roster shorter than its page is not counted at all.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { bearerClient } from '../../../test/support/oauth-token.js';
import { importPackage } from './csv/import.js';
import { counts } from './list-counts.js';
import { pageStats } from './page-cache.js';
import { createTenant, manifest, writeDirectory } from '../../../test/support/oneroster-csv.js';

const ROSTER = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const STUDENTS = '/data/v3/ed-fi/students';
let h: DomainHarness;
let tenant: string;
let roster: string;

/** New OAuth clients' bearer tokens (bound to `schoolIds` if given), and calls with them. */
const { token, call } = bearerClient(() => h, 'pages');

type Objects = Record<string, unknown>[];

/** A list read twice: the second answer must come from the cache and equal the first. */
async function page(bearer: string, url: string, host?: string): Promise<{ objects: Objects; total: number }> {
  const get = () =>
    h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}`, ...(host ? { host } : {}) } });
  const first = await get();
  expect(first.statusCode, first.body).toBe(200);
  const hits = pageStats.hits;
  const second = await get();
  const [objects] = Object.values(first.json() as Record<string, Objects>);
  if (objects!.length > 0) expect(pageStats.hits, `${url} was not served from the cache`).toBe(hits + 1);
  expect(second.body).toBe(first.body);
  expect(second.headers['x-total-count']).toBe(first.headers['x-total-count']);
  expect(first.headers['content-type']).toMatch(/^application\/json/);
  // The cached body is bytes (page-cache.ts): its length is the UTF-8 length, not the string's.
  for (const res of [first, second])
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body, 'utf8')));
  return { objects: objects!, total: Number(first.headers['x-total-count']) };
}

const bySourcedId = (id: string) => `filter=${encodeURIComponent(`sourcedId='${id}'`)}`;
const USERS_HEADER =
  'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,' +
  'identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,' +
  'preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns';

async function importUser(id: string, givenName: string): Promise<void> {
  const dir = writeDirectory({
    manifest: manifest({ users: 'delta' }),
    users: [USERS_HEADER, `${id},active,2026-09-01T00:00:00Z,true,${id},,${givenName},Paged,,,,,,,,,,,,,,`].join('\n'),
  });
  try {
    const report = await importPackage(h.database, tenant, dir);
    expect(report.ok, JSON.stringify(report.issues.slice(0, 3))).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  roster = await token(tenant, ['roster.readonly']);
});
afterAll(() => h.dispose());

describe('a cached page shows every write', () => {
  it('OneRoster REST: a PUT category title', async () => {
    const gradebook = await token(tenant, ['gradebook.readonly', 'gradebook.createput']);
    const put = async (title: string) => {
      const res = await call(gradebook, 'PUT', `${GRADEBOOK}/categories/pc-cat`, {
        category: { sourcedId: 'pc-cat', status: 'active', title, weight: 0.1 },
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    const url = `${GRADEBOOK}/categories?${bySourcedId('pc-cat')}`;
    await put('First');
    expect((await page(gradebook, url)).objects[0]!.title).toBe('First');
    await put('Second');
    expect((await page(gradebook, url)).objects[0]!.title).toBe('Second');
  });

  it('the CSV import, then plain SQL as the owner', async () => {
    const url = `${ROSTER}/users?${bySourcedId('pc-u1')}`;
    await importUser('pc-u1', 'Before');
    expect((await page(roster, url)).objects[0]!.givenName).toBe('Before');
    await importUser('pc-u1', 'After');
    expect((await page(roster, url)).objects[0]!.givenName).toBe('After');
    await h.database.query(`UPDATE oneroster.users SET given_name = 'BySql' WHERE tenant_id = $1 AND sourced_id = $2`, [
      tenant,
      'pc-u1',
    ]);
    expect((await page(roster, url)).objects[0]!.givenName).toBe('BySql');
  });

  it('a name outside ASCII, served from the cached bytes, then renamed', async () => {
    const url = `${ROSTER}/users?${bySourcedId('pc-utf8')}`;
    await importUser('pc-utf8', 'Zoë Ñandú 名前');
    expect((await page(roster, url)).objects[0]!.givenName).toBe('Zoë Ñandú 名前');
    await importUser('pc-utf8', 'Zoé');
    expect((await page(roster, url)).objects[0]!.givenName).toBe('Zoé');
  });

  it('the Ed-Fi projection: a DELETEd student leaves the cached page', async () => {
    const edfi = await token(tenant, ['edfi']);
    const posted = await call(edfi, 'POST', STUDENTS, {
      studentUniqueId: 'PC-1',
      firstName: 'Pagecached',
      lastSurname: 'Student',
      birthDate: '2012-05-17',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const url = `${ROSTER}/users?filter=${encodeURIComponent("givenName='Pagecached'")}`;
    const before = await page(roster, url);
    expect(before.total).toBe(1);
    const location = String(posted.headers.location);
    expect((await call(edfi, 'DELETE', location.slice(location.indexOf(STUDENTS)))).statusCode).toBeLessThan(300);
    const after = await call(roster, 'GET', url);
    expect(after.json()).toEqual({ users: [] });
    expect(after.headers['x-total-count']).toBe('0');
  });

  it('concurrent inserts and reads: once they settle, the page is exactly the table', async () => {
    const url = `${ROSTER}/orgs?limit=1000`;
    await page(roster, url);
    const writes = Array.from({ length: 10 }, (_, i) =>
      h.database.query(`INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, $2, $2, 'school')`, [
        tenant,
        `pc-org-${i}`,
      ]),
    );
    const reads = Array.from({ length: 10 }, () => call(roster, 'GET', url));
    const answers = await Promise.all([...writes, ...reads]);
    for (const a of answers.slice(10)) expect((a as { statusCode: number }).statusCode).toBe(200);
    const truth = await h.database.query<{ sourced_id: string }>(
      `SELECT sourced_id FROM oneroster.orgs WHERE tenant_id = $1 AND status = 'active' ORDER BY sourced_id`,
      [tenant],
    );
    const { objects, total } = await page(roster, url);
    expect(objects.map((o) => o.sourcedId)).toEqual(truth.map((r) => r.sourced_id));
    expect(total).toBe(truth.length);
  });
});

describe('an entry is never shared across callers that would be answered differently', () => {
  it('two tenants with the same request', async () => {
    const other = await createTenant(h.database, 'pages-other');
    await tenantTransaction(h.database, other, ({ tx }) => seedDefaultPolicies(tx, other));
    await h.database.query(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, 'po1', 'Other One', 'district')`,
      [other],
    );
    const url = `${ROSTER}/orgs?limit=5`;
    const mine = await page(roster, url);
    const theirs = await page(await token(other, ['roster.readonly']), url);
    expect(theirs.objects.map((o) => o.sourcedId)).toEqual(['po1']);
    expect(mine.objects.map((o) => o.sourcedId)).not.toContain('po1');
  });

  it('scopes that reveal different fields, and a school-bound client beside a district one', async () => {
    const [user] = await h.database.query<{ sourced_id: string }>(
      `SELECT sourced_id FROM oneroster.users WHERE tenant_id = $1 AND status = 'active' ORDER BY sourced_id LIMIT 1`,
      [tenant],
    );
    await h.database.query(`UPDATE oneroster.users SET sms = '+15550100' WHERE tenant_id = $1 AND sourced_id = $2`, [
      tenant,
      user!.sourced_id,
    ]);
    const url = `${ROSTER}/users?limit=2`;
    const core = await token(tenant, ['roster-core.readonly']);
    for (let i = 0; i < 2; i++) {
      expect((await page(roster, url)).objects[0]!.sms).toBe('+15550100');
      expect((await page(core, url)).objects[0]).not.toHaveProperty('sms');
    }
    const [school] = await h.database.query<{ identifier: string; sourced_id: string }>(
      `SELECT identifier, sourced_id FROM oneroster.orgs WHERE tenant_id = $1 AND type = 'school' AND status = 'active'
        ORDER BY identifier LIMIT 1`,
      [tenant],
    );
    const bound = await token(tenant, ['roster.readonly'], [Number(school!.identifier)]);
    const classes = `${ROSTER}/classes?limit=1000`;
    for (let i = 0; i < 2; i++) {
      const all = await page(roster, classes);
      const ofSchool = await page(bound, classes);
      expect(ofSchool.total).toBeLessThan(all.total);
      for (const c of ofSchool.objects) expect((c.school as { sourcedId: string }).sourcedId).toBe(school!.sourced_id);
    }
  });

  it("another origin's hrefs", async () => {
    const url = `${ROSTER}/classes?limit=1`;
    const a = await page(roster, url, 'a.example');
    const b = await page(roster, url, 'b.example');
    expect(JSON.stringify(a.objects)).toContain('//a.example/');
    expect(JSON.stringify(b.objects)).toContain('//b.example/');
    expect(JSON.stringify(b.objects)).not.toContain('//a.example/');
  });
});

describe('counting', () => {
  it('a class roster shorter than its page is not counted: its total is its length', async () => {
    const [klass] = await h.database.query<{ sourced_id: string; n: number }>(
      `SELECT class_sourced_id AS sourced_id, count(*)::int AS n FROM oneroster.enrollments
        WHERE tenant_id = $1 AND role = 'student' AND status = 'active' GROUP BY 1 ORDER BY 1 LIMIT 1`,
      [tenant],
    );
    const before = counts.run;
    const res = await call(roster, 'GET', `${ROSTER}/classes/${klass!.sourced_id}/students`);
    expect(res.statusCode, res.body).toBe(200);
    expect(counts.run).toBe(before);
    expect(Number(res.headers['x-total-count'])).toBe((res.json() as { users: Objects }).users.length);
    expect((res.json() as { users: Objects }).users.length).toBeGreaterThan(0);
    // A full page still counts (the list goes on): limit 1 of a longer roster.
    if (klass!.n > 1) {
      const limited = await call(roster, 'GET', `${ROSTER}/classes/${klass!.sourced_id}/students?limit=1`);
      expect(limited.headers['x-total-count']).toBe(String(klass!.n));
      expect(counts.run).toBe(before + 1);
    }
  });
});
