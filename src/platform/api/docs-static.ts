/**
 * Swagger UI's scripts and styles (2.5 MB, of which the bundle is 1.7 MB) gzipped once per file and sent
 * compressed to browsers that accept it: @fastify/swagger-ui serves them plain through @fastify/static without
 * its `preCompressed` option, so /docs downloaded 2.5 MB where 0.6 MB does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

const swaggerUiStatic = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui/package.json')),
  'static',
);
/** The package's own script and style files; other /static/ answers (swagger-initializer.js) are routes. */
const COMPRESSIBLE = new Set(readdirSync(swaggerUiStatic).filter((name) => /\.(?:js|css)$/.test(name)));

/** Adds the hook to `app` (the scope that registers @fastify/swagger-ui under `routePrefix`). */
export function gzipSwaggerUiStatics(app: FastifyInstance, routePrefix: string): void {
  const prefix = `${routePrefix}/static/`;
  const gzipped = new Map<string, Buffer>();
  // A callback hook, not an async one: it runs on every response of the app, and its work is synchronous.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode !== 200 || !request.url.startsWith(prefix)) return done(null, payload);
    if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) return done(null, payload);
    const name = request.url.slice(prefix.length).split('?')[0]!;
    if (!COMPRESSIBLE.has(name)) return done(null, payload);
    let body = gzipped.get(name);
    if (!body) {
      body = gzipSync(readFileSync(path.join(swaggerUiStatic, name)));
      gzipped.set(name, body);
    }
    (payload as Readable | undefined)?.destroy?.();
    reply.header('content-encoding', 'gzip').header('content-length', body.length).header('vary', 'accept-encoding');
    done(null, body);
  });
}
