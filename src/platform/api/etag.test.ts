/**
 * ETags cover the whole representation: a change anywhere (a nested JSON value included) changes the
 * ETag, so a stale If-Match is refused (no lost update, also when two writers race with the same copy)
 * and If-None-Match never answers 304 over changed content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { migratedDatabase, type TestDatabase } from '../../../test/support/db.js';
import { apiApp, districtAdmin } from '../../../test/support/api.js';
import { etagOf } from './etag.js';

let database: TestDatabase;
let app: FastifyInstance;
let path: string;

beforeAll(async () => {
  database = await migratedDatabase();
  const tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'ETag ISD', 'district')`, [
    tenantId,
    `etag-${tenantId.slice(0, 8)}`,
  ]);
  app = await apiApp(database, { principal: () => districtAdmin(tenantId) });
  // A OneRoster org: a PATCH of its metadata changes nothing else (no server-maintained timestamp moves).
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/oneroster/orgs',
    payload: { sourcedId: 'org-etag', name: 'ETag School', type: 'school' },
  });
  expect(created.statusCode).toBe(201);
  path = '/api/v1/oneroster/orgs/org-etag';
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

const patch = (payload: object, ifMatch?: string) =>
  app.inject({ method: 'PATCH', url: path, payload, headers: ifMatch ? { 'if-match': ifMatch } : {} });

describe('ETags', () => {
  it('differ when only a nested value differs, and not when only key order does', () => {
    expect(etagOf({ id: 1, metadata: { color: 'red' } })).not.toBe(etagOf({ id: 1, metadata: { color: 'blue' } }));
    expect(etagOf({ a: [{ x: 1 }, { x: 2 }] })).not.toBe(etagOf({ a: [{ x: 2 }, { x: 1 }] }));
    expect(etagOf({ id: 1, metadata: { b: 1, a: { d: 2, c: 3 } } })).toBe(
      etagOf({ metadata: { a: { c: 3, d: 2 }, b: 1 }, id: 1 }),
    );
  });

  it('a PATCH with a stale If-Match after a nested change is 412 (no lost update)', async () => {
    const red = await patch({ metadata: { color: 'red' } });
    expect(red.statusCode).toBe(200);
    const redTag = red.headers.etag as string;
    expect((await app.inject({ url: path })).headers.etag).toBe(redTag);
    const blue = await patch({ metadata: { color: 'blue' } }, redTag);
    expect(blue.statusCode).toBe(200);
    expect(blue.headers.etag).not.toBe(redTag);
    const lost = await patch({ metadata: { color: 'green' } }, redTag);
    expect(lost.statusCode).toBe(412);
    expect(lost.json().code).toBe('precondition_failed');
    expect((await app.inject({ url: path })).json().metadata).toEqual({ color: 'blue' });
  });

  it('If-None-Match over changed nested content answers 200 with the new body, 304 only when unchanged', async () => {
    await patch({ metadata: { color: 'red', tags: ['a'] } });
    const before = await app.inject({ url: path });
    const tag = before.headers.etag as string;
    expect((await app.inject({ url: path, headers: { 'if-none-match': tag } })).statusCode).toBe(304);
    await patch({ metadata: { color: 'red', tags: ['b'] } });
    const after = await app.inject({ url: path, headers: { 'if-none-match': tag } });
    expect(after.statusCode).toBe(200);
    expect(after.json().metadata.tags).toEqual(['b']);
  });

  it('two concurrent PATCHes with the same If-Match: exactly one wins, the other is 412', async () => {
    const tag = (await patch({ metadata: { color: 'start' } })).headers.etag as string;
    const results = await Promise.all(['one', 'two'].map((color) => patch({ metadata: { color } }, tag)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.statusCode === 200)!.json().metadata.color;
    expect((await app.inject({ url: path })).json().metadata.color).toBe(winner);
  });
});
