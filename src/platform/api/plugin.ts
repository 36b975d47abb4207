/**
 * Registers the generated REST API (every resource of the registry), its OpenAPI document at
 * /openapi.json and the interactive documentation at /docs. Registered last by the composition root:
 * the domains' service routes are in place by then, so owned tables' generic writes defer to them
 * and the document includes their documented operations (`app.operations`).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { operationPaths } from '../http/operations.js';
import { registerCrudRoutes, type CrudOptions } from './crud-routes.js';
import { openApiDocument } from './openapi.js';
import { allResources, type Resource } from './registry.js';

export interface ApiOptions extends CrudOptions {
  /** schema.table → its owning domain and the endpoints that write it (from the domain modules). */
  owners?: ReadonlyMap<string, { domain: string; writeVia: readonly string[] }>;
}

export function apiRoutes(options: ApiOptions) {
  return async function api(app: FastifyInstance): Promise<void> {
    const resources: Resource[] = allResources().map((r) => {
      const ownedBy = options.owners?.get(r.entry.qualifiedName);
      return ownedBy ? { ...r, ownedBy } : r;
    });
    for (const resource of resources) registerCrudRoutes(app, resource, options);
    const document = openApiDocument(resources) as { paths: Record<string, Record<string, unknown>> };
    for (const [path, item] of Object.entries(operationPaths(app.operations))) {
      document.paths[path] = { ...document.paths[path], ...item };
    }
    app.get('/openapi.json', { schema: { hide: true } }, async () => document);
    await app.register(swagger, { mode: 'static', specification: { document: document as never } });
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { docExpansion: 'none', deepLinking: true, filter: true },
    });
  };
}
