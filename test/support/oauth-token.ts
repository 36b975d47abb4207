/** An integrator's access token, obtained as an integrator would: a new OAuth client, then POST /oauth/token. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/platform/db/database.js';
import { createClient } from '../../src/platform/identity/oauth-clients.js';

/** A new client of the tenant with these scopes (short names), bound to `schoolIds` if given; its bearer token. */
export async function clientToken(
  app: FastifyInstance,
  database: Database,
  tenantId: string,
  client: { name: string; scopes: string[]; schoolIds?: number[] },
): Promise<string> {
  const { clientId, clientSecret } = await createClient(database, tenantId, client);
  const res = await app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
  });
  if (res.statusCode !== 200) throw new Error(`the token endpoint answered ${res.statusCode}: ${res.body}`);
  return (res.json() as { access_token: string }).access_token;
}
