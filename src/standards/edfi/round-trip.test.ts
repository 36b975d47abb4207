/**
 * The Ed-Fi API accepts its own output: over the Grand Bend sample, for every resource (and descriptor
 * type) with data, an item is read, PUT back unchanged (204) and POSTed back unchanged (200, the same
 * natural key), and reads back the same. Dates are `YYYY-MM-DD`, date-times ISO 8601 (`…T…Z`).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { forgetPolicies, seedDefaultPolicies } from '../../platform/auth/default-policies.js';
import type { Principal } from '../../platform/auth/roles.js';
import { tenantTransaction } from '../../platform/db/tenant-transaction.js';
import { buildApp } from '../../platform/http/app.js';
import { createLogger } from '../../platform/log/logger.js';
import { descriptorCollection } from './descriptor-json.js';
import { loadInterchange } from './interchange/load.js';
import { GRAND_BEND_SAMPLE } from './interchange/sample.js';
import { servedResources } from './resources.js';
import { allResources } from '../../platform/api/registry.js';
import { apiApp, districtAdmin } from '../../../test/support/api.js';
import { edfiApiRoutes } from './routes.js';

const BASE = '/data/v3/ed-fi';
let database: TestDatabase;
let app: FastifyInstance;
let tenantId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  tenantId = randomUUID();
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Grand Bend', 'district')`,
    [tenantId, `round-trip-${tenantId.slice(0, 8)}`],
  );
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  // Discipline and staff leave have no default grant for API clients — the district grants this one.
  for (const classification of ['sensitive_discipline', 'operational'])
    for (const permission of ['read', 'write'])
      await database.query(
        `INSERT INTO compliance.data_access_controls (tenant_id, role_name, resource_type, resource_identifier, permission_type, educational_interest_required)
         VALUES ($1, 'api_client', $2, '*', $3, false)`,
        [tenantId, classification, permission],
      );
  forgetPolicies();
  const report = await loadInterchange(database, tenantId, [GRAND_BEND_SAMPLE]);
  expect(report.errors).toEqual([]);
  const principal: Principal = {
    kind: 'client',
    tenantId,
    actorId: 'district-client',
    roles: ['api_client'],
    scopes: ['https://schola.dev/scope/edfi'],
  };
  app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = principal)),
      edfiApiRoutes,
    ],
  });
}, 600_000);
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Every string that looks like a date or an instant, at any depth, with its path. */
function temporalValues(value: unknown, path = '$'): [string, string][] {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}/.test(value) ? [[path, value]] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => temporalValues(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => temporalValues(v, `${path}.${k}`));
  return [];
}

const content = (item: Record<string, unknown>) => {
  const { _etag: _e, _lastModifiedDate: _l, ...rest } = item;
  return rest;
};

/** GET one item of the collection, PUT it back and POST it back unchanged; it must read back the same. */
async function roundTrip(collection: string, put: 204, post: 200): Promise<string | undefined> {
  const list = await app.inject({ url: `${BASE}/${collection}?limit=1` });
  expect(list.statusCode, `${collection}: ${list.body}`).toBe(200);
  const [first] = list.json() as { id: string }[];
  if (!first) return undefined;
  const location = `${BASE}/${collection}/${first.id}`;
  const item = (await app.inject({ url: location })).json() as Record<string, unknown>;
  for (const [path, value] of temporalValues(item))
    expect(DATE.test(value) || DATE_TIME.test(value), `${collection} ${path} = ${value}`).toBe(true);
  const putBack = await app.inject({ method: 'PUT', url: location, payload: item });
  expect(putBack.statusCode, `PUT ${collection}: ${putBack.body}`).toBe(put);
  const postBack = await app.inject({ method: 'POST', url: `${BASE}/${collection}`, payload: item });
  expect(postBack.statusCode, `POST ${collection}: ${postBack.body}`).toBe(post);
  expect(postBack.headers.location).toBe(location);
  const after = (await app.inject({ url: location })).json() as Record<string, unknown>;
  expect(content(after), collection).toEqual(content(item));
  return collection;
}

describe('Ed-Fi API round trip over the Grand Bend sample', () => {
  it('every resource with data: GET an item, PUT and POST it back unchanged → 2xx, reads back the same', async () => {
    const tried: string[] = [];
    for (const model of servedResources()) {
      const done = await roundTrip(model.collection, 204, 200);
      if (done) tried.push(done);
    }
    // What the sample holds (a resource missing here means the sample or the loader changed).
    expect(tried).toEqual(
      expect.arrayContaining([
        'schools',
        'students',
        'studentAssessments',
        'assessments',
        'sessions',
        'sections',
        'calendarDates',
        'studentSchoolAttendanceEvents',
        'disciplineActions',
        'gradebookEntries',
      ]),
    );
    console.log(`round-tripped ${tried.length} resources: ${tried.join(', ')}`);
  }, 600_000);

  it('every descriptor type with data: GET one, PUT and POST it back unchanged', async () => {
    const types = await database.query<{ type: string }>(
      `SELECT DISTINCT descriptortype AS type FROM edfi.descriptor ORDER BY 1`,
    );
    expect(types.length).toBeGreaterThan(50);
    for (const { type } of types) expect(await roundTrip(descriptorCollection(type), 204, 200)).toBeDefined();
  }, 600_000);
});

describe('generic API round trip over the Grand Bend sample', () => {
  it('every writable Ed-Fi table with rows: GET a row, PUT and PATCH it back unchanged → 200, same row', async () => {
    const generic = await apiApp(database, { principal: () => districtAdmin(tenantId) });
    try {
      const tried: string[] = [];
      for (const resource of allResources().filter((r) => r.name.startsWith('edfi/') && r.writable && !r.ownedBy)) {
        const list = await generic.inject({ url: `${resource.path}?limit=1` });
        expect(list.statusCode, `${resource.name}: ${list.body}`).toBe(200);
        const [row] = list.json().data as Record<string, unknown>[];
        if (!row) continue;
        const url = `${resource.path}/${resource.key.map((k) => encodeURIComponent(String(row[k]))).join('/')}`;
        const item = (await generic.inject({ url })).json() as Record<string, unknown>;
        for (const [path, value] of temporalValues(item))
          expect(
            DATE.test(value) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(value),
            `${resource.name} ${path}`,
          ).toBe(true);
        for (const method of ['PUT', 'PATCH'] as const) {
          const back = await generic.inject({ method, url, payload: item });
          expect(back.statusCode, `${method} ${resource.name}: ${back.body}`).toBe(200);
        }
        const stored = (body: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(body).filter(([k]) => !resource.readOnly.has(k)));
        expect(stored((await generic.inject({ url })).json()), resource.name).toEqual(stored(item));
        tried.push(resource.name);
      }
      expect(tried).toEqual(expect.arrayContaining(['edfi/studentassessment', 'edfi/student', 'edfi/school']));
    } finally {
      await generic.close();
    }
  }, 600_000);
});
