/**
 * OAuth clients over HTTP for the district administrator (the web app's Integrations page; the CLI
 * has `schola clients`): list, create (the secret is in this one answer and nowhere else), revoke.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { metaOf, principalOf } from '../auth/request.js';
import type { Principal } from '../auth/roles.js';
import { AppError } from '../http/errors.js';
import { route } from '../service/routes.js';
import { createClient, findClient, listClients, revokeClient } from './oauth-clients.js';

const PATH = '/admin/oauth-clients';
const tags = ['identity'];

const clientView = z.object({
  clientId: z.string(),
  tenantId: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  schoolIds: z.array(z.number()).nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createClientInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200, 'is too long'),
  scopes: z.union([z.literal('all'), z.array(z.string()).min(1, 'at least one scope is required')]),
  schoolIds: z.array(z.number().int().positive()).min(1).optional(),
});

function requireDistrictAdmin(principal: Principal): void {
  if (!principal.roles.includes('district_admin'))
    throw new AppError('forbidden', 'Only a district administrator may manage OAuth clients.');
}

export function clientRoutes(app: FastifyInstance): void {
  route(
    app,
    {
      method: 'GET',
      url: PATH,
      summary: "The tenant's OAuth clients (never their secrets)",
      tags,
      response: { status: 200, description: 'Clients', schema: z.object({ data: z.array(clientView) }) },
    },
    async ({ request }) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      return { data: await listClients(app.database, principal.tenantId) };
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: PATH,
      summary: 'Create an OAuth client; its secret is shown in this answer only',
      tags,
      body: createClientInput,
      response: {
        status: 201,
        description: 'The client and its secret',
        schema: clientView.extend({ clientSecret: z.string() }),
      },
    },
    async ({ body, request }) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      return createClient(app.database, principal.tenantId, body, { actor: { principal, meta: metaOf(request) } });
    },
  );
  route(
    app,
    {
      method: 'POST',
      url: `${PATH}/:clientId/revoke`,
      summary: 'Revoke an OAuth client: no new tokens, and its tokens stop working at once',
      tags,
      params: z.strictObject({ clientId: z.string().min(1).max(100) }),
      response: { status: 204, description: 'Revoked' },
      errors: ['not_found'],
    },
    async ({ params, request }) => {
      const principal = principalOf(request);
      requireDistrictAdmin(principal);
      const client = await findClient(app.database, params.clientId);
      const actor = { principal, meta: metaOf(request) };
      if (
        !client ||
        client.tenantId !== principal.tenantId ||
        !(await revokeClient(app.database, params.clientId, { actor }))
      )
        throw new AppError('not_found', 'No such active client.');
    },
  );
}
