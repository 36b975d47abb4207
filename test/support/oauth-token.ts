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

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/**
 * A test file's integrator calls against the app `harness()` answers (read at each call, so it can be
 * made in beforeAll): `token` makes a new client named `label` and its scopes and answers its bearer
 * token; `call` sends a request with a bearer token and, if given, a JSON body.
 */
export function bearerClient(harness: () => { app: FastifyInstance; database: Database }, label: string) {
  return {
    token: (tenantId: string, scopes: string[], schoolIds?: number[]): Promise<string> =>
      clientToken(harness().app, harness().database, tenantId, {
        name: `${label} ${scopes.join(' ')}`,
        scopes,
        ...(schoolIds ? { schoolIds } : {}),
      }),
    call: (bearer: string, method: Method, url: string, payload?: unknown) =>
      harness().app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${bearer}` },
        ...(payload ? { payload: payload as object } : {}),
      }),
  };
}
