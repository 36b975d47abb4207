/**
 * Registers the generated REST API (every resource of the registry), its OpenAPI document at
 * /openapi.json and the interactive documentation at /docs.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { registerCrudRoutes, type CrudOptions } from './crud-routes.js';
import { openApiDocument } from './openapi.js';
import { allResources } from './registry.js';

export function apiRoutes(options: CrudOptions) {
  return async function api(app: FastifyInstance): Promise<void> {
    const resources = allResources();
    for (const resource of resources) registerCrudRoutes(app, resource, options);
    const document = openApiDocument(resources);
    app.get('/openapi.json', { schema: { hide: true } }, async () => document);
    await app.register(swagger, { mode: 'static', specification: { document: document as never } });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'none', deepLinking: true, filter: true },
    });
  };
}
