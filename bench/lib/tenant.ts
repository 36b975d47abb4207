/**
 * Bench fixtures shared by the standards benchmarks: a tenant with the default access policies, and a
 * real OAuth client access token obtained from the app's own token endpoint (as an integrator would).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import type { Database } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { clientToken as oauthClientToken } from '../../test/support/oauth-token.js';

export async function createBenchTenant(database: Database, slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $2, 'district')`, [
    id,
    slug,
  ]);
  await tenantTransaction(database, id, ({ tx }) => seedDefaultPolicies(tx, id));
  return id;
}

/** A district-wide client with these scopes (short names), and its bearer token from POST /oauth/token. */
export const clientToken = (app: FastifyInstance, database: Database, tenantId: string, scopes: string[]) =>
  oauthClientToken(app, database, tenantId, { name: `bench ${scopes.join(' ')}`, scopes });
