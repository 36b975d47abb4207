/**
 * CRUD round trips through the generated API on a sample of resources from EVERY schema: a row is
 * synthesised from the resource's own description (its zod schema, CHECK rules and foreign keys —
 * referenced rows are taken from the demo data), then created, read back, updated, deleted.
 */
import { randomUUID } from 'node:crypto';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allResources, type Resource } from '../../src/platform/api/registry.js';
import { ruleFor } from '../../src/platform/db/schema-kit.js';
import { DEFAULT_DEMO_SIZE, seedDemo } from '../../src/demo/seed.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';
import { apiApp, districtAdmin } from '../support/api.js';

let database: TestDatabase;
let app: FastifyInstance;
let actAs: string;
let tenants: string[];

beforeAll(async () => {
  database = await migratedDatabase();
  const demo = await seedDemo(database, {
    ...DEFAULT_DEMO_SIZE,
    students: 20,
    schools: 1,
    sectionsPerSchool: 3,
    languageSchoolStudents: 6,
  });
  tenants = [demo.districtTenantId, demo.languageSchoolTenantId];
  actAs = tenants[0]!;
  app = await apiApp(database, { principal: () => districtAdmin(actAs) });
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

let counter = 0;
function synthesise(resource: Resource, name: string): unknown {
  const column = resource.fields.get(name)!.column;
  const rule = ruleFor(column);
  if (rule?.kind === 'enum') return rule.values[0];
  if (rule?.kind === 'range') return rule.min;
  const unique = `${Date.now() % 100000}${++counter}`;
  const sqlType = column.getSQLType();
  if (sqlType.endsWith('[]')) return ['x'];
  switch (column.columnType) {
    case 'PgUUID':
      return randomUUID();
    case 'PgInteger':
    case 'PgSmallInt':
    case 'PgBigInt53':
      return 1000 + (counter % 20000);
    case 'PgNumericNumber':
    case 'PgDoublePrecision':
    case 'PgNumeric':
      return 0;
    case 'PgBoolean':
      return false;
    case 'PgDateString':
      return '2026-09-01';
    case 'PgTime':
      return '08:00:00';
    case 'PgTimestamp':
    case 'PgTimestampString':
      return '2026-09-01T08:00:00.000Z';
    case 'PgJsonb':
      return { note: 'round trip' };
    default: {
      const length = Number(sqlType.match(/\((\d+)\)/)?.[1] ?? 40);
      const text = `rt${unique}`;
      return sqlType.startsWith('char(') ? 'a'.repeat(length) : text.slice(-Math.min(length, 40));
    }
  }
}

/** A valid body: required fields synthesised, foreign keys filled from an existing referenced row. */
async function bodyFor(resource: Resource, tenantId: string): Promise<Record<string, unknown> | undefined> {
  const shape = resource.insertSchema.shape as Record<string, { isOptional(): boolean }>;
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(shape)) if (!shape[name]!.isOptional()) body[name] = synthesise(resource, name);
  const fieldOf = new Map([...resource.fields.values()].map((f) => [f.column.name, f.name]));
  for (const fk of getTableConfig(resource.table).foreignKeys) {
    const ref = fk.reference();
    const local = ref.columns.filter((c) => c.name !== 'tenant_id');
    if (local.length === 0 || !local.some((c) => fieldOf.get(c.name)! in body)) continue;
    const target = getTableConfig(ref.foreignTable);
    const foreign = ref.foreignColumns.filter((c) => c.name !== 'tenant_id');
    const tenantOwned = target.columns.some((c) => c.name === 'tenant_id');
    const rows = await database.query<Record<string, unknown>>(
      `SELECT ${foreign.map((c) => `"${c.name}"`).join(', ')}
        FROM "${target.schema}"."${target.name}" ${tenantOwned ? 'WHERE tenant_id = $1' : ''} LIMIT 1`,
      tenantOwned ? [tenantId] : [],
    );
    if (rows.length === 0) return undefined;
    local.forEach((c, i) => {
      const value = rows[0]![foreign[i]!.name];
      body[fieldOf.get(c.name)!] = value instanceof Date ? value.toISOString() : value;
    });
  }
  return body;
}

describe('CRUD round trips on every schema', () => {
  it('creates, reads, updates and deletes a record of at least one resource in each schema', async () => {
    const bySchema = new Map<string, Resource[]>();
    for (const r of allResources())
      if (!r.global) (bySchema.get(r.entry.schema) ?? bySchema.set(r.entry.schema, []).get(r.entry.schema)!).push(r);
    const done: string[] = [];
    const failures: string[] = [];
    for (const [schema, resources] of bySchema) {
      let ok = false;
      for (const resource of resources) {
        if (!resource.writable || resource.key.length === 0) continue;
        for (const tenantId of tenants) {
          actAs = tenantId;
          const body = await bodyFor(resource, tenantId);
          if (!body) continue;
          const created = await app.inject({ method: 'POST', url: resource.path, payload: body });
          if (created.statusCode !== 201) {
            failures.push(`${resource.name}: POST ${created.statusCode} ${created.body.slice(0, 200)}`);
            continue;
          }
          const location = created.headers.location as string;
          const got = await app.inject({ url: location });
          expect(got.statusCode, `${resource.name} GET ${location}`).toBe(200);
          for (const [k, v] of Object.entries(body))
            if (typeof v !== 'object') expect(String(got.json()[k]), `${resource.name}.${k}`).toBe(String(v));
          const patchable = [...resource.fields.values()].find(
            (f) =>
              f.text &&
              !f.column.notNull &&
              !resource.key.includes(f.name) &&
              !resource.readOnly.has(f.name) &&
              !ruleFor(f.column) &&
              !(f.name in body),
          );
          if (patchable) {
            const patched = await app.inject({
              method: 'PATCH',
              url: location,
              payload: { [patchable.name]: 'updated' },
              headers: { 'if-match': got.headers.etag as string },
            });
            expect(patched.statusCode, `${resource.name} PATCH`).toBe(200);
            expect(patched.json()[patchable.name]).toBe('updated');
          }
          expect((await app.inject({ method: 'DELETE', url: location })).statusCode, `${resource.name} DELETE`).toBe(
            204,
          );
          expect((await app.inject({ url: location })).statusCode, `${resource.name} GET after DELETE`).toBe(404);
          done.push(resource.name);
          ok = true;
          break;
        }
        if (ok) break;
      }
      if (!ok) failures.push(`schema ${schema}: no resource round-tripped`);
    }
    console.log(`round trips: ${done.length} schemas — ${done.join(', ')}`);
    expect(failures.filter((f) => f.startsWith('schema'))).toEqual([]);
    expect(done.length).toBe([...bySchema.keys()].filter((s) => bySchema.get(s)!.some((r) => r.writable)).length);
  }, 300_000);
});
