/**
 * Identity over HTTP, built as the server builds it: [security, authentication, identityRoutes], on a private
 * migrated database with one tenant, two accounts (a district administrator and a teacher of school 11) and one
 * OAuth client of school 11. Shared by the identity route tests.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { security } from '../../src/platform/http/security.js';
import { authentication } from '../../src/platform/auth/authenticate.js';
import { identityRoutes } from '../../src/platform/identity/routes.js';
import { createAccount, createClient, type ResetDelivery } from '../../src/platform/identity/service.js';
import { migratedDatabase, type TestDatabase } from './db.js';

export const silent = createLogger('silent');
export const TENANT = 'routes-isd';
export const PASSWORD = 'correct horse battery 7';

export const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});
export const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

export interface IdentityHttp {
  database: TestDatabase;
  app: FastifyInstance;
  tenantId: string;
  client: { clientId: string; clientSecret: string };
  /** The password-reset tokens the app "sent", in order. */
  deliveries: ResetDelivery[];
  dispose(): Promise<void>;
}

export async function identityHttp(): Promise<IdentityHttp> {
  const database = await migratedDatabase();
  const tenantId = randomUUID();
  const deliveries: ResetDelivery[] = [];
  await database.query(
    `INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, 'Routes ISD', 'district')`,
    [tenantId, TENANT],
  );
  await createAccount(database, tenantId, {
    email: 'admin@routes.example',
    roles: ['district_admin'],
    password: PASSWORD,
  });
  await createAccount(database, tenantId, {
    email: 'reset@routes.example',
    roles: ['teacher'],
    schoolIds: [11],
    password: PASSWORD,
  });
  const client = await createClient(database, tenantId, {
    name: 'LMS',
    scopes: ['roster.readonly', 'roster-core.readonly'],
    schoolIds: [11],
  });
  const app = await buildApp({
    database,
    logger: silent,
    plugins: [
      security,
      authentication,
      (a) => identityRoutes(a, { deliverResetToken: (d) => void deliveries.push(d) }),
    ],
  });
  return {
    database,
    app,
    tenantId,
    client,
    deliveries,
    async dispose() {
      await app.close();
      await database.dispose();
    },
  };
}
