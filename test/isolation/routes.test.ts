/**
 * Cross-tenant isolation over HTTP: tenant B's district administrator, signed in for real, tries every
 * route of the server against tenant A's data — every generated resource (list, get, replace, update,
 * delete by A's keys; create with A's tenant id), the identity and policy endpoints. Nothing of A is
 * returned, every write aimed at A is refused, and A's data is unchanged afterwards.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { allResources } from '../../src/platform/api/registry.js';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { createAccount } from '../../src/platform/identity/service.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { INTRUDER_SLUG, isolationTenants } from '../support/isolation.js';

let database: TestDatabase;
let app: FastifyInstance;
let tenantA: string;
let tenantA2: string;
let tokenB: string;
const PASSWORD = 'intruder password 42!';

async function rowCounts(...tenants: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const r of allResources()) {
    if (r.global) continue;
    const rows = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${r.entry.schema}"."${r.entry.name}" WHERE tenant_id = ANY($1::uuid[])`,
      [tenants],
    );
    counts[r.name] = rows[0]!.n;
  }
  return counts;
}

beforeAll(async () => {
  database = await migratedDatabase();
  const tenants = await isolationTenants(database, { students: 30, sectionsPerSchool: 4, languageSchoolStudents: 6 });
  ({ tenantA, tenantA2 } = tenants);
  const { tenantB } = tenants;
  await tenantTransaction(database, tenantB, ({ tx }) => seedDefaultPolicies(tx, tenantB));
  await createAccount(database, tenantB, {
    email: 'admin@intruder.example',
    roles: ['district_admin'],
    password: PASSWORD,
  });
  app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
  const signIn = await app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { tenant: INTRUDER_SLUG, email: 'admin@intruder.example', password: PASSWORD },
  });
  expect(signIn.statusCode).toBe(200);
  tokenB = signIn.json().sessionToken;
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

describe('cross-tenant isolation over every route', () => {
  it("tenant B's administrator reaches nothing of tenant A through any route", async () => {
    const before = await rowCounts(tenantA, tenantA2);
    const headers = { authorization: `Bearer ${tokenB}`, 'x-justification': 'isolation test' };
    const leaks: string[] = [];
    let attempts = 0;
    let resourcesWithRows = 0;
    for (const resource of allResources()) {
      if (resource.global) continue;
      // One row of tenant A: its key makes the item URL B will aim at.
      const columns = resource.key.map((k) => `"${resource.fields.get(k)!.column.name}"`).join(', ');
      const sample = columns
        ? (
            await database.query<Record<string, unknown>>(
              `SELECT ${columns} FROM "${resource.entry.schema}"."${resource.entry.name}"
                WHERE tenant_id = ANY($1::uuid[]) LIMIT 1`,
              [[tenantA, tenantA2]],
            )
          )[0]
        : undefined;
      if (sample) resourcesWithRows++;

      const list = await app.inject({ url: `${resource.path}?limit=500`, headers });
      attempts++;
      if (list.statusCode >= 500) leaks.push(`${resource.name}: list ${list.statusCode}`);
      // A domain module may serve the table's list path itself, in its own shape (`items`, not `data`).
      const listed =
        list.statusCode === 200 ? ((list.json() as { data?: unknown[]; items?: unknown[] }).data ?? []) : [];
      if (listed.length > 0 && columns) {
        // B may have rows of its own (its account, its policies): none may be one of A's.
        const keyOf = (row: Record<string, unknown>) =>
          resource.key.map((k) => String(row[k] instanceof Date ? (row[k] as Date).toISOString() : row[k])).join('|');
        const victims = await database.query<Record<string, unknown>>(
          `SELECT ${resource.key.map((k) => `"${resource.fields.get(k)!.column.name}" AS "${k}"`).join(', ')}
            FROM "${resource.entry.schema}"."${resource.entry.name}" WHERE tenant_id = ANY($1::uuid[])`,
          [[tenantA, tenantA2]],
        );
        const victimKeys = new Set(victims.map(keyOf));
        const exposed = (list.json().data as Record<string, unknown>[]).filter((row) => victimKeys.has(keyOf(row)));
        if (exposed.length > 0) leaks.push(`${resource.name}: list returned ${exposed.length} rows of tenant A`);
      }
      if (!sample) continue;

      const path = `${resource.path}/${Object.values(sample)
        .map((v) => encodeURIComponent(v instanceof Date ? v.toISOString() : String(v)))
        .join('/')}`;
      for (const [method, payload] of [
        ['GET', undefined],
        ['PATCH', {}],
        ['PUT', {}],
        ['DELETE', undefined],
      ] as const) {
        const response = await app.inject({ method, url: path, headers, ...(payload ? { payload } : {}) });
        attempts++;
        if (response.statusCode < 400 || response.statusCode >= 500)
          leaks.push(`${method} ${path}: ${response.statusCode}`);
      }
      if (resource.writable) {
        const forged = await app.inject({
          method: 'POST',
          url: resource.path,
          headers,
          payload: { tenantId: tenantA },
        });
        attempts++;
        if (forged.statusCode < 400 || forged.statusCode >= 500)
          leaks.push(`POST ${resource.path} with tenantId of A: ${forged.statusCode}`);
      }
    }
    // The identity and policy endpoints answer about B only.
    const me = await app.inject({ url: '/auth/me', headers });
    attempts++;
    if (me.json().account?.tenantId !== undefined && me.json().account.tenantId === tenantA) leaks.push('/auth/me');
    const policies = await app.inject({ url: '/api/v1/access-policies', headers });
    attempts++;
    const policyIdsOfA = new Set(
      (
        await database.query<{ id: number }>(
          'SELECT id FROM compliance.data_access_controls WHERE tenant_id = ANY($1::uuid[])',
          [[tenantA, tenantA2]],
        )
      ).map((r) => r.id),
    );
    const seen = (policies.json().data ?? policies.json().policies ?? []) as { id: number }[];
    if (seen.some((p) => policyIdsOfA.has(p.id))) leaks.push('/api/v1/access-policies');

    console.log(
      `isolation (routes): ${attempts} cross-tenant requests on ${allResources().length} resources ` +
        `(${resourcesWithRows} holding the demo tenants' rows), ${leaks.length} leaks`,
    );
    expect(leaks).toEqual([]);
    expect(resourcesWithRows).toBeGreaterThan(40);
    expect(await rowCounts(tenantA, tenantA2)).toEqual(before);
  }, 300_000);
});
