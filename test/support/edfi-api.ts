/**
 * What the Ed-Fi API tests stand on: a district tenant of their own (default access policies), the
 * district's API client, and a server of the Ed-Fi API alone whose requests are made as the caller the
 * test names at the time (tests switch callers between requests).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import type { Database } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { edfiApiRoutes } from '../../src/standards/edfi/routes.js';

export const EDFI_SCOPE = 'https://schola.dev/scope/edfi';

/** The district's Ed-Fi API client: every school of the tenant. */
export const districtClient = (tenantId: string): Principal => ({
  kind: 'client',
  tenantId,
  actorId: 'district-client',
  roles: ['api_client'],
  scopes: [EDFI_SCOPE],
});

/** A new district tenant named `name` (its slug `slugPrefix-…`) with the default access policies; its id. */
export async function edfiTenant(database: Database, name: string, slugPrefix: string): Promise<string> {
  const tenantId = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $3, 'district')`, [
    tenantId,
    `${slugPrefix}-${tenantId.slice(0, 8)}`,
    name,
  ]);
  await tenantTransaction(database, tenantId, ({ tx }) => seedDefaultPolicies(tx, tenantId));
  return tenantId;
}

/** The Ed-Fi API alone, each request made as `caller()` at the time it arrives. */
export function edfiServer(database: Database, caller: () => Principal | undefined): Promise<FastifyInstance> {
  return buildApp({
    database,
    logger: createLogger('silent'),
    plugins: [
      (a) => void a.addHook('onRequest', async (request) => void (request.principal = caller())),
      edfiApiRoutes,
    ],
  });
}
