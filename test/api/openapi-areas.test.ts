/**
 * The OpenAPI document as /docs uses it: the hand-written endpoints (sign-in, OAuth token/revoke,
 * health, admin jobs) are documented; `?area=` serves a small part (the page opens on `start`, which holds
 * only the platform's endpoints: the domain services have an area per tag), every `$ref` of a part resolves
 * inside it; each part is encoded once (gzip, ETag, 304); `/openapi.json` stays whole; the standards' discovery
 * documents it links answer; an unknown area is a 400 naming the parameter; Swagger UI's own scripts and styles
 * are sent gzipped to a browser that accepts it.
 */
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationPlugins } from '../../src/app.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { migratedDatabase, type TestDatabase } from '../support/db.js';

type Doc = {
  info: { description: string };
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

let database: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  database = await migratedDatabase();
  app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
});
afterAll(async () => {
  await app?.close();
  await database?.dispose();
});

async function get(url: string) {
  const res = await app.inject({ url });
  return { status: res.statusCode, body: res.body, json: () => res.json() as Doc };
}

const HAND_WRITTEN = [
  ['post', '/auth/sign-in'],
  ['post', '/auth/sign-out'],
  ['get', '/auth/me'],
  ['post', '/oauth/token'],
  ['post', '/oauth/revoke'],
  ['get', '/health/live'],
  ['get', '/health/ready'],
  ['post', '/admin/edfi/loads'],
  ['get', '/admin/edfi/loads/{jobId}'],
  ['post', '/admin/oneroster/imports'],
  ['get', '/admin/oneroster/imports/{jobId}'],
] as const;

describe('/openapi.json', () => {
  it('documents sign-in, OAuth token and revoke, health and the admin jobs; the whole document stays whole', async () => {
    const whole = await get('/openapi.json');
    expect(whole.status).toBe(200);
    const doc = whole.json();
    for (const [method, path] of HAND_WRITTEN) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    expect(doc.paths['/api/v1/edfi/student']?.get).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(300);
    expect(doc.paths['/oauth/token']!.post).toMatchObject({
      requestBody: { content: { 'application/x-www-form-urlencoded': {}, 'application/json': {} } },
      security: [],
    });
    expect(doc.components.securitySchemes.oauth2).toMatchObject({
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: '/oauth/token' } },
    });
  });

  it('serves areas: `start` is small and holds the hand-written endpoints; a schema area its API; every $ref resolves', async () => {
    const whole = (await get('/openapi.json')).body.length;
    const start = await get('/openapi.json?area=start');
    expect(start.status).toBe(200);
    const startDoc = start.json();
    for (const [method, path] of HAND_WRITTEN) expect(startDoc.paths[path]?.[method], `${method} ${path}`).toBeTruthy();
    expect(Object.keys(startDoc.paths).filter((p) => /^\/api\/v1\/edfi\//.test(p))).toEqual([]);
    console.log(`openapi.json: whole ${whole} bytes, area=start ${start.body.length} bytes`);
    // `start` holds the platform's endpoints only (the domain services went to their own areas: with them it was
    // 230 kB and took /docs seconds to render); it is about 20 kB.
    expect(Object.keys(startDoc.paths).filter((p) => p.startsWith('/api/v1/'))).toEqual([]);
    expect(start.body.length).toBeLessThan(40_000);
    expect(start.body.length).toBeLessThan(whole / 50);

    const edfi = await get('/openapi.json?area=edfi');
    const edfiDoc = edfi.json();
    expect(edfiDoc.paths['/api/v1/edfi/student']?.get).toBeTruthy();
    expect(Object.keys(edfiDoc.paths).every((p) => p.startsWith('/api/v1/edfi/'))).toBe(true);
    const grades = (await get('/openapi.json?area=service-grades')).json();
    const gradesTags = Object.values(grades.paths).flatMap((item) =>
      Object.values(item).map((op) => (op as { tags: string[] }).tags[0]),
    );
    expect(gradesTags.length).toBeGreaterThan(5);
    expect(new Set(gradesTags)).toEqual(new Set(['grades']));
    expect(Object.keys(grades.paths).every((p) => p.startsWith('/api/v1/'))).toBe(true);
    for (const area of [startDoc, edfiDoc, grades, (await get('/openapi.json?area=library')).json()]) {
      const refs = [...JSON.stringify(area).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.filter((name) => !(name in area.components.schemas))).toEqual([]);
    }
    // The library service's own operations live in its schema's area.
    expect((await get('/openapi.json?area=library')).json().paths['/api/v1/library/checkouts']?.post).toBeTruthy();
  });

  it('serves each part gzipped when asked, with an ETag that a revalidation answers with a bodiless 304', async () => {
    const plain = await app.inject({ url: '/openapi.json?area=start' });
    const zipped = await app.inject({ url: '/openapi.json?area=start', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.body.length / 3);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(zipped.headers.etag).toBe(etag);
    expect(plain.headers['cache-control']).toBe('no-cache');
    const again = await app.inject({ url: '/openapi.json?area=start', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await app.inject({ url: '/openapi.json?area=edfi', headers: { 'if-none-match': etag } });
    expect(other.statusCode).toBe(200);
  });

  it('lists in /docs exactly the areas the built document has, and /docs/json and /docs/yaml serve it whole', async () => {
    // The area list is made before the document is built (it is built on its first request).
    const initializer = (await get('/docs/static/swagger-initializer.js')).body;
    const listed = [...initializer.matchAll(/\((\d+) paths\)","url":"\/openapi.json\?area=([^"]+)"/g)];
    expect(listed.length).toBeGreaterThan(10);
    for (const [, count, area] of listed) {
      const doc = (await get(`/openapi.json?area=${area!}`)).json();
      expect(Object.keys(doc.paths).length, area).toBe(Number(count));
    }
    const whole = (await get('/openapi.json')).json();
    const json = await get('/docs/json');
    expect(json.status).toBe(200);
    expect(json.json()).toEqual(whole);
    const yaml = await get('/docs/yaml');
    expect(yaml.status).toBe(200);
    expect(JSON.parse(yaml.body)).toEqual(whole); // JSON is YAML 1.2
  });

  it('refuses an unknown area with a 400 naming the parameter', async () => {
    const res = await app.inject({ url: '/openapi.json?area=nowhere' });
    expect(res.statusCode).toBe(400);
    expect(res.json().validationErrors.area[0]).toMatch(/^must be one of start, /);
  });

  it('links the Ed-Fi and OneRoster discovery documents, and they answer', async () => {
    const { description } = (await get('/openapi.json?area=start')).json().info;
    const links = [...description.matchAll(/\]\((\/[^)]+)\)/g)].map((m) => m[1]!);
    expect(links).toEqual(
      expect.arrayContaining([
        '/data/v3',
        '/metadata/data/v3/resources/swagger.json',
        '/ims/oneroster/rostering/v1p2/discovery/openapi.json',
        '/ims/oneroster/gradebook/v1p2/discovery/openapi.json',
      ]),
    );
    for (const link of new Set(links)) expect((await get(link)).status, link).toBe(200);
  });

  it('/docs offers the areas and the standards in its definition list, opening on `start`', async () => {
    const initializer = (await get('/docs/static/swagger-initializer.js')).body;
    expect(initializer).toContain('/openapi.json?area=start');
    expect(initializer).toContain('/openapi.json?area=edfi');
    expect(initializer).toMatch(/"name":"Services: grades \(\d+ paths\)","url":"\/openapi.json\?area=service-grades"/);
    expect(initializer).toContain('"urls.primaryName":"Start here: sign-in, OAuth tokens, health, admin jobs"');
  });

  it("sends Swagger UI's scripts and styles gzipped when the browser accepts it, plain otherwise", async () => {
    const url = '/docs/static/swagger-ui-bundle.js';
    const plain = await app.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      const zipped = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(Number(zipped.headers['content-length'])).toBe(zipped.rawPayload.length);
      expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    }
    const css = await app.inject({ url: '/docs/static/swagger-ui.css', headers: { 'accept-encoding': 'gzip' } });
    expect(css.headers['content-encoding']).toBe('gzip');
    const png = await app.inject({ url: '/docs/static/favicon-32x32.png', headers: { 'accept-encoding': 'gzip' } });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    // The initializer under /static/ is a route, not one of the package's files: sent as it is.
    const init = await app.inject({
      url: '/docs/static/swagger-initializer.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('area=start');
  });
});
