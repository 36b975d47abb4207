/**
 * The identity HTTP stack's hardening: the plugins in any order, rate limits on sign-in and the token
 * endpoint, security headers and CORS.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { security } from '../http/security.js';
import { authentication } from '../auth/authenticate.js';
import type { TestDatabase } from '../../../test/support/db.js';
import {
  identityHttp,
  json,
  PASSWORD,
  silent,
  TENANT,
  type IdentityHttp,
} from '../../../test/support/identity-http.js';
import { identityRoutes } from './routes.js';

let h: IdentityHttp;
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  h = await identityHttp();
  ({ database, app } = h);
});
afterAll(async () => {
  await h?.dispose();
});

describe('plugin order', () => {
  it('works in the reverse order too (hooks apply to every route once the app is ready)', async () => {
    const reversed = await buildApp({ database, logger: silent, plugins: [identityRoutes, authentication, security] });
    try {
      const signedIn = await reversed.inject({
        method: 'POST',
        url: '/auth/sign-in',
        ...json({ tenant: TENANT, email: 'admin@routes.example', password: PASSWORD }),
      });
      const me = await reversed.inject({ url: '/auth/me', cookies: { schola_session: signedIn.json().sessionToken } });
      expect(me.json().principal.roles).toEqual(['district_admin']);
      expect(me.headers['content-security-policy']).toContain("default-src 'none'");
    } finally {
      await reversed.close();
    }
  });
});

describe('hardening', () => {
  it('rate-limits sign-in per IP and tenant: 429 problem with Retry-After, other tenants unaffected', async () => {
    const attempt = (tenant: string) =>
      app.inject({ method: 'POST', url: '/auth/sign-in', ...json({ tenant, email: 'x@y.z', password: 'whatever' }) });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await attempt('flooded-tenant')).statusCode);
    const refusedCount = statuses.filter((s) => s === 401).length;
    const limitedCount = statuses.filter((s) => s === 429).length;
    console.log(`sign-in rate limit: ${refusedCount} refused as wrong, then ${limitedCount} limited`);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    const limited = await attempt('flooded-tenant');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('another-tenant')).statusCode).toBe(401);
  });

  it('rate-limits the token endpoint per IP', async () => {
    const limitedApp = await buildApp({
      database,
      logger: silent,
      plugins: [
        security,
        authentication,
        (a) => identityRoutes(a, { rateLimits: { token: { max: 2, timeWindowMs: 60_000 } } }),
      ],
    });
    try {
      const call = () =>
        limitedApp.inject({ method: 'POST', url: '/oauth/token', ...json({ grant_type: 'password' }) });
      expect([(await call()).statusCode, (await call()).statusCode]).toEqual([400, 400]);
      const third = await call();
      expect(third.statusCode).toBe(429);
      expect(third.headers['retry-after']).toBeDefined();
    } finally {
      await limitedApp.close();
    }
  });

  it('sends security headers (strict CSP, nosniff, frame denial) and no HSTS outside production', async () => {
    for (const res of [await app.inject({ url: '/health/live' }), await app.inject({ url: '/auth/me' })]) {
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const prod = await buildApp({ database, logger: silent, plugins: [(a) => security(a, { production: true })] });
    try {
      expect((await prod.inject({ url: '/health/live' })).headers['strict-transport-security']).toMatch(
        /max-age=31536000/,
      );
    } finally {
      await prod.close();
    }
  });

  it('CORS: same-origin only by default; a configured origin is allowed (with credentials), another is not', async () => {
    const origin = 'https://app.example.org';
    expect(
      (await app.inject({ url: '/health/live', headers: { origin } })).headers['access-control-allow-origin'],
    ).toBeUndefined();
    const corsApp = await buildApp({
      database,
      logger: silent,
      plugins: [(a) => security(a, { corsOrigins: [origin] }), authentication, identityRoutes],
    });
    try {
      const allowed = await corsApp.inject({ url: '/health/live', headers: { origin } });
      expect(allowed.headers['access-control-allow-origin']).toBe(origin);
      expect(allowed.headers['access-control-allow-credentials']).toBe('true');
      const preflight = await corsApp.inject({
        method: 'OPTIONS',
        url: '/auth/sign-in',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(origin);
      const other = await corsApp.inject({ url: '/health/live', headers: { origin: 'https://evil.example.com' } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await corsApp.close();
    }
  });
});
