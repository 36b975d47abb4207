/**
 * X-Total-Count is cached (list-counts.ts) yet always exact: after inserts and deletes through every
 * write path — OneRoster REST, the CSV import, the Ed-Fi projection, plain SQL — including concurrent
 * writes and transactions committing out of order; and a cached total never serves another tenant or
 * a caller with another reach. Ground truth is a count as the owner, outside the server.
 */
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { domainHarness, type DomainHarness } from '../../../test/support/domain.js';
import { bearerClient } from '../../../test/support/oauth-token.js';
import { importPackage } from './csv/import.js';
import { createTenant, manifest, writeDirectory } from '../../../test/support/oneroster-csv.js';

const ROSTER = '/ims/oneroster/rostering/v1p2';
const GRADEBOOK = '/ims/oneroster/gradebook/v1p2';
const STUDENTS = '/data/v3/ed-fi/students';
let h: DomainHarness;
let tenant: string;
let roster: string;

/** New OAuth clients' bearer tokens (bound to `schoolIds` if given), and calls with them. */
const { token, call } = bearerClient(() => h, 'counts');

/** X-Total-Count of a list, read twice: the second answer comes from the cache when the first filled it. */
async function total(bearer: string, url: string): Promise<number> {
  const first = await call(bearer, 'GET', url);
  expect(first.statusCode, first.body).toBe(200);
  const second = await call(bearer, 'GET', url);
  expect(second.headers['x-total-count']).toBe(first.headers['x-total-count']);
  return Number(first.headers['x-total-count']);
}

async function activeRows(table: string, tenantId = tenant, extra = ''): Promise<number> {
  const [row] = await h.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM oneroster.${table} WHERE tenant_id = $1 AND status = 'active' ${extra}`,
    [tenantId],
  );
  return row!.n;
}

beforeAll(async () => {
  h = await domainHarness();
  tenant = h.demo.districtTenantId;
  roster = await token(tenant, ['roster.readonly']);
});
afterAll(() => h.dispose());

describe('X-Total-Count stays exact through every write path', () => {
  it('OneRoster REST: PUT and DELETE of categories', async () => {
    const gradebook = await token(tenant, ['gradebook.readonly', 'gradebook.createput', 'gradebook.delete']);
    const url = `${GRADEBOOK}/categories?limit=1`;
    const before = await total(gradebook, url);
    expect(before).toBe(await activeRows('categories'));
    for (const id of ['cnt-cat-1', 'cnt-cat-2']) {
      const put = await call(gradebook, 'PUT', `${GRADEBOOK}/categories/${id}`, {
        category: { sourcedId: id, status: 'active', title: `Counted ${id}`, weight: 0.1 },
      });
      expect(put.statusCode, put.body).toBeLessThan(300);
    }
    expect(await total(gradebook, url)).toBe(before + 2);
    expect((await call(gradebook, 'DELETE', `${GRADEBOOK}/categories/cnt-cat-1`)).statusCode).toBeLessThan(300);
    expect(await total(gradebook, url)).toBe(before + 1);
    expect(await total(gradebook, url)).toBe(await activeRows('categories'));
  });

  it('the CSV import: a delta adds a user, then marks it tobedeleted', async () => {
    const url = `${ROSTER}/users?limit=5`;
    const before = await total(roster, url);
    expect(before).toBe(await activeRows('users'));
    const header =
      'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,' +
      'identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,' +
      'preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns';
    const importUser = async (status: string) => {
      const dir = writeDirectory({
        manifest: manifest({ users: 'delta' }),
        users: [header, `cnt-u1,${status},2026-09-01T00:00:00Z,true,cnt,,Counted,User,,,,,,,,,,,,,,`].join('\n'),
      });
      try {
        const report = await importPackage(h.database, tenant, dir);
        expect(report.ok, JSON.stringify(report.issues.slice(0, 3))).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    };
    await importUser('active');
    expect(await total(roster, url)).toBe(before + 1);
    await importUser('tobedeleted');
    expect(await total(roster, url)).toBe(before);
    expect(await total(roster, url)).toBe(await activeRows('users'));
  });

  it('the Ed-Fi projection: a POSTed and DELETEd student', async () => {
    const edfi = await token(tenant, ['edfi']);
    const url = `${ROSTER}/students?limit=3`;
    const before = await total(roster, url);
    const posted = await call(edfi, 'POST', STUDENTS, {
      studentUniqueId: 'CNT-1',
      firstName: 'Counted',
      lastSurname: 'Student',
      birthDate: '2012-05-17',
    });
    expect(posted.statusCode, posted.body).toBe(201);
    const after = await total(roster, url);
    expect(after).toBe(
      await activeRows(
        'users',
        tenant,
        `AND EXISTS (SELECT 1 FROM oneroster.roles r WHERE r.tenant_id = users.tenant_id AND r.user_sourced_id = ` +
          `users.sourced_id AND r.role = 'student' AND r.status = 'active')`,
      ),
    );
    const location = String(posted.headers.location);
    const deleted = await call(edfi, 'DELETE', location.slice(location.indexOf(STUDENTS)));
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect(await total(roster, url)).toBe(before);
    // The projection did write: the user appeared (a vacuous test would see no change at all).
    const users = `${ROSTER}/users?limit=1`;
    const usersBefore = await total(roster, users);
    const again = await call(edfi, 'POST', STUDENTS, {
      studentUniqueId: 'CNT-2',
      firstName: 'Counted',
      lastSurname: 'Again',
      birthDate: '2012-05-17',
    });
    expect(again.statusCode).toBe(201);
    expect(await total(roster, users)).toBe(usersBefore + 1);
  });

  it('plain SQL writes as the owner (no application code at all)', async () => {
    const url = `${ROSTER}/orgs?limit=1`;
    const before = await total(roster, url);
    await h.database.query(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, 'cnt-org', 'Counted', 'school')`,
      [tenant],
    );
    expect(await total(roster, url)).toBe(before + 1);
    await h.database.query(`DELETE FROM oneroster.orgs WHERE tenant_id = $1 AND sourced_id = 'cnt-org'`, [tenant]);
    expect(await total(roster, url)).toBe(before);
  });

  it('concurrent Ed-Fi POSTs interleaved with reads: the total settles on the exact count', async () => {
    const edfi = await token(tenant, ['edfi']);
    const url = `${ROSTER}/users?limit=2`;
    const before = await total(roster, url);
    const writes = Array.from({ length: 20 }, (_, i) =>
      call(edfi, 'POST', STUDENTS, {
        studentUniqueId: `CNT-C${i}`,
        firstName: 'Concurrent',
        lastSurname: `Student${i}`,
        birthDate: '2012-05-17',
      }),
    );
    const reads = Array.from({ length: 20 }, () => call(roster, 'GET', url));
    const answers = await Promise.all([...writes, ...reads]);
    for (const a of answers.slice(0, 20)) expect(a.statusCode, a.body).toBe(201);
    for (const a of answers.slice(20)) {
      const seen = Number(a.headers['x-total-count']);
      expect(seen).toBeGreaterThanOrEqual(before);
      expect(seen).toBeLessThanOrEqual(before + 20);
    }
    expect(await total(roster, url)).toBe(before + 20);
    expect(await total(roster, url)).toBe(await activeRows('users'));
  });

  it('transactions committing out of order (PostgreSQL): no committed write is missed', async (context) => {
    if (!h.database.url) return context.skip();
    const url = `${ROSTER}/academicSessions?limit=1`;
    const before = await total(roster, url);
    const [first, second] = [new pg.Client(h.database.url), new pg.Client(h.database.url)];
    await Promise.all([first.connect(), second.connect()]);
    try {
      const insert = (client: pg.Client, id: string) =>
        client.query(
          `INSERT INTO oneroster.academic_sessions (tenant_id, sourced_id, title, type, start_date, end_date,
            school_year)
           VALUES ($1, $2, $2, 'term', '2026-08-15', '2026-12-20', '2027')`,
          [tenant, id],
        );
      await first.query('BEGIN');
      await insert(first, 'cnt-late');
      await second.query('BEGIN');
      await insert(second, 'cnt-early');
      await second.query('COMMIT');
      // Counted (and cached) while the first writer is still open…
      expect(await total(roster, url)).toBe(before + 1);
      await first.query('COMMIT');
      // …and still exact once it commits after the one counted.
      expect(await total(roster, url)).toBe(before + 2);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});

describe('a cached total never crosses tenants or reaches', () => {
  it('two tenants with the same list and filter each see their own total, and only their own writes', async () => {
    const other = await createTenant(h.database, 'counts-other');
    await tenantTransaction(h.database, other, ({ tx }) => seedDefaultPolicies(tx, other));
    await h.database.query(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type)
        VALUES ($1, 'o1', 'Other One', 'district'), ($1, 'o2', 'Other Two', 'school')`,
      [other],
    );
    const otherToken = await token(other, ['roster.readonly']);
    const url = `${ROSTER}/orgs?limit=1`;
    const mine = await total(roster, url);
    expect(await total(otherToken, url)).toBe(2);
    expect(mine).toBe(await activeRows('orgs'));
    expect(mine).not.toBe(2);
    await h.database.query(
      `INSERT INTO oneroster.orgs (tenant_id, sourced_id, name, type) VALUES ($1, 'o3', 'Other Three', 'school')`,
      [other],
    );
    expect(await total(otherToken, url)).toBe(3);
    expect(await total(roster, url)).toBe(mine);
  });

  it('a school-bound client and a district client of one tenant, alternating, each get their own total', async () => {
    const [school] = await h.database.query<{ identifier: string; sourced_id: string }>(
      `SELECT identifier, sourced_id FROM oneroster.orgs WHERE tenant_id = $1 AND type = 'school' AND status = 'active'
        ORDER BY identifier LIMIT 1`,
      [tenant],
    );
    const bound = await token(tenant, ['roster.readonly'], [Number(school!.identifier)]);
    const url = `${ROSTER}/classes?limit=1`;
    const all = await activeRows('classes');
    const ofSchool = await activeRows('classes', tenant, `AND school_sourced_id = '${school!.sourced_id}'`);
    expect(ofSchool).toBeGreaterThan(0);
    expect(ofSchool).toBeLessThan(all);
    for (let i = 0; i < 2; i++) {
      expect(await total(roster, url)).toBe(all);
      expect(await total(bound, url)).toBe(ofSchool);
    }
  });

  it('a filter is part of the cached statement', async () => {
    const all = await total(roster, `${ROSTER}/users?limit=1`);
    const filtered = await total(roster, `${ROSTER}/users?limit=1&filter=${encodeURIComponent("givenName='Counted'")}`);
    expect(filtered).toBe(await activeRows('users', tenant, `AND given_name = 'Counted'`));
    expect(filtered).toBeLessThan(all);
  });
});

describe('the write generation', () => {
  it('every OneRoster table with tenant rows has its insert, update, delete and truncate triggers', async () => {
    const missing = await h.database.query<{ rel: string }>(
      `SELECT c.relname AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'oneroster' AND c.relkind IN ('r', 'p') AND c.relname <> 'write_generations'
          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id'
            AND NOT a.attisdropped)
          AND (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname LIKE 'write_generation_%') <> 4`,
    );
    expect(missing).toEqual([]);
  });

  it('is compacted: many writes leave a few rows whose sum still grew by one per write', async () => {
    const sum = async () =>
      (
        await h.database.query<{ n: string; rows: number }>(
          `SELECT coalesce(sum(weight), 0)::text AS n, count(*)::int AS rows FROM oneroster.write_generations
            WHERE tenant_id = $1`,
          [tenant],
        )
      )[0]!;
    const start = await sum();
    for (let i = 0; i < 80; i++)
      await h.database.query(`UPDATE oneroster.orgs SET name = name WHERE tenant_id = $1 AND type = 'district'`, [
        tenant,
      ]);
    const end = await sum();
    expect(BigInt(end.n) - BigInt(start.n)).toBe(80n);
    expect(end.rows).toBeLessThanOrEqual(33);
  });
});
