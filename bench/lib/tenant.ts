/**
 * Bench fixtures shared by the standards benchmarks: a tenant with the default access policies, and a
 * real OAuth client access token obtained from the app's own token endpoint (as an integrator would).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createClient } from '../../src/platform/identity/oauth-clients.js';
import { seedDefaultPolicies } from '../../src/platform/auth/default-policies.js';
import type { Database } from '../../src/platform/db/database.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';

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
export async function clientToken(
  app: FastifyInstance,
  database: Database,
  tenantId: string,
  scopes: string[],
): Promise<string> {
  const client = await createClient(database, tenantId, { name: `bench ${scopes.join(' ')}`, scopes });
  const res = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`the token endpoint answered ${res.statusCode}`);
  return (res.json() as { access_token: string }).access_token;
}
