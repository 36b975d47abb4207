import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { AppError } from './errors.js';
import { createLogger } from '../log/logger.js';
import { emptyDatabase, migratedDatabase, type TestDatabase } from '../../../test/support/db.js';

const silent = createLogger('silent');

describe('HTTP application', () => {
  let database: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await migratedDatabase();
    app = await buildApp({
      database,
      logger: silent,
      bodyLimitBytes: 1024,
      plugins: [
        (a) => {
          a.post('/test/echo', async (request) => request.body);
          a.get('/test/refused', async () => {
            throw new AppError('forbidden', 'Not yours.');
          });
          a.get('/test/crash', async () => {
            throw new Error('secret internal detail');
          });
        },
      ],
    });
  });
  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  it('answers liveness and readiness', async () => {
    expect((await app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'ok' } });
  });

  it('is not ready while migrations are pending', async () => {
    const empty = await emptyDatabase();
    const other = await buildApp({ database: empty, logger: silent });
    try {
      const ready = await other.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json().checks).toEqual({ database: 'ok', migrations: 'failing' });
    } finally {
      await other.close();
      await empty.dispose();
    }
  });

  it('puts a request id on every response and keeps a well-formed incoming one', async () => {
    const generated = await app.inject({ url: '/health/live' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'trace-42' } });
    expect(kept.headers['x-request-id']).toBe('trace-42');
    const replaced = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'bad id with spaces' } });
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await app.inject({ url: '/no/such/thing?x=1', headers: { 'x-request-id': 'r-1' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: 'https://schola.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'not_found',
      detail: 'No route GET /no/such/thing.',
      requestId: 'r-1',
    });
  });

  it('refuses an oversized body with a problem+json 413 and keeps the server healthy', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'x'.repeat(4096) } });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 413, code: 'payload_too_large' });
    const small = await app.inject({ method: 'POST', url: '/test/echo', payload: { text: 'ok' } });
    expect(small.json()).toEqual({ text: 'ok' });
  });

  it('answers malformed JSON with 400 and an unsupported media type with 415', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: '{"a":',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('bad_request');
    const media = await app.inject({
      method: 'POST',
      url: '/test/echo',
      payload: '<a/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().code).toBe('unsupported_media_type');
  });

  it('maps AppError codes and hides internal errors', async () => {
    const refused = await app.inject({ url: '/test/refused' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'forbidden', detail: 'Not yours.' });
    const crash = await app.inject({ url: '/test/crash' });
    expect(crash.statusCode).toBe(500);
    expect(crash.json().detail).not.toMatch(/secret internal detail/);
  });
});

describe('logging', () => {
  it('redacts personal and secret fields wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        email: 'kid@example.org',
        student: { first_name: 'Ana', birthdate: '2015-01-01', grade: 5 },
        req: { headers: { authorization: 'Bearer abc' } },
      },
      'x',
    );
    const entry = lines.join('');
    expect(entry).not.toMatch(/kid@example\.org|Ana|2015-01-01|Bearer abc/);
    expect(entry).toMatch(/"grade":5/);
    expect(entry).toMatch(/\[redacted\]/);
  });
});
