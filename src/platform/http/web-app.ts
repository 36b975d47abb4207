/**
 * The web app's files (the built `web/dist`) at `/`:
 * - hashed assets (`/assets/*`) cached for a year (`immutable`: a new build has new names);
 *   `index.html` never cached, so a deploy is seen at the next load;
 * - gzip/brotli files written by the build are sent to browsers that accept them;
 * - any other GET for a page of the app (an unknown path outside the API, standards and docs
 *   prefixes, asking for HTML) gets `index.html`: the app's router draws it. The API's own unknown
 *   paths keep their problem+json 404.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from './errors.js';

/** Paths the server answers itself: never the app's page. */
const SERVER_PREFIXES = /^\/(api|ims|data|oauth|auth|admin|docs|health|metadata|openapi\.json)(\/|$|\?)/;

export interface WebAppOptions {
  /** The built app (contains index.html). Missing: nothing is served, the API works alone. */
  root: string;
}

export async function webApp(app: FastifyInstance, options: WebAppOptions): Promise<void> {
  const index = path.join(options.root, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn({ root: options.root }, 'web app not built: run `npm run web:build`');
    return;
  }
  await app.register(fastifyStatic, {
    root: options.root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders(response, file) {
      response.setHeader(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));
  app.get('/*', (request, reply) => {
    const url = request.url;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (SERVER_PREFIXES.test(url) || !wantsHtml || url.startsWith('/assets/'))
      throw new AppError('not_found', `No route ${request.method} ${url.split('?')[0]}.`);
    return sendIndex(reply);
  });
}
