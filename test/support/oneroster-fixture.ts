/**
 * Test support for the OneRoster services: a migrated database with the demo district, an app built
 * as the server builds it (authentication, identity, the OneRoster plugins), and real OAuth clients
 * whose tokens come from the token endpoint.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { migratedDatabase, type TestDatabase } from './db.js';
import { clientToken } from './oauth-token.js';
import { DEFAULT_DEMO_SIZE, seedDemo, type DemoSummary } from '../../src/demo/seed.js';
import { identityRoutes } from '../../src/platform/identity/routes.js';
import { authentication } from '../../src/platform/auth/authenticate.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { oneRosterRoutes } from '../../src/standards/oneroster/plugin.js';

export const OR_SCOPE = 'https://purl.imsglobal.org/spec/or/v1p2/scope/';
export const SMALL_DISTRICT = {
  ...DEFAULT_DEMO_SIZE,
  students: 40,
  schools: 2,
  sectionsPerSchool: 4,
  languageSchoolStudents: 4,
};

export interface Fixture {
  database: TestDatabase;
  app: FastifyInstance;
  demo: DemoSummary;
  tenantId: string;
  /** A bearer token of a new client with these short scope names (and school claims). */
  token(scopes: string[], schoolIds?: number[]): Promise<string>;
  get(url: string, token: string): Promise<LightMyRequestResponse>;
  sql<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

export async function oneRosterFixture(options: { maxLimit?: number } = {}): Promise<Fixture> {
  const database = await migratedDatabase();
  const demo = await seedDemo(database, SMALL_DISTRICT);
  const app = await buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => authentication(a),
      (a) => identityRoutes(a, { rateLimits: { token: { max: 10_000, timeWindowMs: 60_000 } } }),
      oneRosterRoutes({ maxLimit: options.maxLimit }),
    ],
  });
  const tenantId = demo.districtTenantId;
  return {
    database,
    app,
    demo,
    tenantId,
    token: (scopes, schoolIds) =>
      clientToken(app, database, tenantId, {
        name: `client ${scopes.join(' ')}`,
        scopes,
        ...(schoolIds ? { schoolIds } : {}),
      }),
    get: (url, token) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
    sql: (text, params) => database.query(text, params),
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/** The imsx code minor of an error response. */
export function codeMinor(res: LightMyRequestResponse): string | undefined {
  const body = res.json() as { imsx_CodeMinor?: { imsx_codeMinorField: { imsx_codeMinorFieldValue: string }[] } };
  return body.imsx_CodeMinor?.imsx_codeMinorField[0]?.imsx_codeMinorFieldValue;
}
