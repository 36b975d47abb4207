/**
 * Security headers and CORS for every response.
 * - helmet's headers with a strict CSP: Schola serves JSON, not pages, so nothing may load, frame or
 *   submit anything (`default-src 'none'; frame-ancestors 'none'; …`). HSTS only in production
 *   (a development server on http://localhost must not pin browsers to https).
 * - @fastify/cors with an allow-list of exact origins (SCHOLA_CORS_ORIGINS, comma-separated).
 *   None configured = same-origin only: the plugin is not registered, no CORS headers are ever sent.
 *   Allowed origins may send credentials (the session cookie), which is why the list is exact —
 *   never a wildcard.
 *
 * The helmet headers do not depend on the request, so helmet runs once, at start-up, against a
 * recording response, and every response gets the recorded set (running helmet per request cost a
 * few per cent of a by-id read's CPU).
 */
import cors from '@fastify/cors';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { FastifyInstance } from 'fastify';
import { config } from '../config/config.js';

export interface SecurityOptions {
  /** Allowed cross-origin callers; defaults to SCHOLA_CORS_ORIGINS. */
  corsOrigins?: readonly string[];
  /** Production adds HSTS; defaults to NODE_ENV=production. */
  production?: boolean;
}

export async function security(app: FastifyInstance, options: SecurityOptions = {}): Promise<void> {
  const production = options.production ?? config().env === 'production';
  const allowed = new Set(options.corsOrigins ?? config().corsOrigins);

  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        // JSON responses need nothing; the /docs page loads its own scripts, styles and images.
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginResourcePolicy: { policy: allowed.size > 0 ? 'cross-origin' : 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  if (allowed.size === 0) return;

  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', 'X-Justification'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location', 'ETag', 'Link', 'X-Total-Count', 'Next-Page-Token'],
    maxAge: 600,
  });
}

/** The headers helmet sets, recorded once (helmet only sets and removes headers, whatever the request). */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => void (failure = error),
  );
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
  return headers;
}
