/**
 * Property-based fuzzing of every generated route: at least 10,000 random, mostly malformed
 * requests (wrong types, unknown fields and operators, bad keys, odd paging, junk bodies). The
 * server must never answer 5xx, and every error must be a well-formed problem+json document.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResources, type Resource } from '../../src/platform/api/registry.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { apiApp, districtAdmin } from '../support/api.js';

const RUNS = Number(process.env.SCHOLA_FUZZ_RUNS ?? 10_000);
let database: TestDatabase;
let app: FastifyInstance;
const resources = allResources();

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 20,
    schools: 1,
    sectionsPerSchool: 3,
    languageSchoolStudents: 4,
  });
  app = await apiApp(database, { principal: () => districtAdmin(demo.districtTenantId) });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const junkScalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e999',
    '2024-13-45',
    '9'.repeat(30),
    "O'Brien",
    '%',
    '\u0000',
    'true',
    'null',
    '[]',
    '{}',
    '00000000-0000-0000-0000-000000000000',
    '2026-01-01T00:00:00Z',
  ),
);
const junkText = fc.oneof(
  fc.string({ maxLength: 20 }),
  junkScalar.map((v) => String(v)),
);

function fieldNames(resource: Resource): string[] {
  return [...resource.fields.keys()];
}

const requestFor = (resource: Resource) =>
  fc.oneof(
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(...fieldNames(resource), 'sort', 'limit', 'offset', 'cursor', 'fields', 'count'),
            fc.string({ maxLength: 8 }),
          ),
          fc.option(fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'null', 'like', '')),
          junkText,
        ),
        { maxLength: 4 },
      )
      .map((params) => ({
        method: 'GET' as const,
        url: `${resource.path}?${params
          .map(([k, op, v]) => `${encodeURIComponent(op ? `${k}[${op}]` : k)}=${encodeURIComponent(v)}`)
          .join('&')}`,
      })),
    fc
      .tuple(
        fc.constantFrom('GET', 'DELETE', 'PUT', 'PATCH'),
        fc.array(junkText, { minLength: 1, maxLength: 4 }),
        fc.option(fc.dictionary(fc.constantFrom(...fieldNames(resource), 'x'), junkScalar, { maxKeys: 4 })),
      )
      .map(([method, segments, body]) => ({
        method: method as 'GET' | 'DELETE' | 'PUT' | 'PATCH',
        url: `${resource.path}/${segments.map((s) => encodeURIComponent(s) || '%20').join('/')}`,
        payload: body ?? undefined,
      })),
    fc
      .oneof(
        fc.dictionary(fc.constantFrom(...fieldNames(resource), 'tenantId', 'extra'), junkScalar, { maxKeys: 6 }),
        fc.array(fc.dictionary(fc.constantFrom(...fieldNames(resource)), junkScalar, { maxKeys: 3 }), { maxLength: 3 }),
        junkScalar,
      )
      .map((payload) => ({
        method: 'POST' as const,
        url: resource.path,
        payload: payload as unknown,
      })),
  );

describe('fuzzing the generated API', () => {
  it(`answers ${RUNS} random malformed requests without a 5xx, with problem+json errors`, async () => {
    const routes = new Set<string>();
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...resources).chain(requestFor), async (request) => {
        const body =
          'payload' in request && request.payload !== undefined
            ? { payload: JSON.stringify(request.payload), headers: { 'content-type': 'application/json' } }
            : {};
        const response = await app.inject({ method: request.method, url: request.url, ...body });
        requests++;
        const resource = resources.find((r) => request.url.startsWith(r.path))!;
        routes.add(
          `${request.method} ` +
            `${resource.path}${request.url.slice(resource.path.length).startsWith('/') ? '/{key}' : ''}`,
        );
        if (response.statusCode >= 500)
          throw new Error(
            `${request.method} ${request.url} ${body.payload ?? ''} → ${response.statusCode}: ${response.body}`,
          );
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(response.json()).toMatchObject({
            type: expect.any(String),
            title: expect.any(String),
            status: response.statusCode,
            detail: expect.any(String),
          });
        }
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
    console.log(`fuzz: ${requests} requests across ${routes.size} distinct routes of ${resources.length} resources`);
    expect(requests).toBeGreaterThanOrEqual(RUNS);
  }, 900_000);
});
