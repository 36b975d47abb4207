/**
 * Registers the generated REST API (every resource of the registry), its OpenAPI document at
 * /openapi.json and the interactive documentation at /docs. Registered last by the composition root:
 * the domains' service routes are in place by then, so owned tables' generic writes defer to them
 * and the document includes their documented operations (`app.operations`: sign-in, OAuth, health,
 * admin jobs, domain services). /docs opens on a small area of the document (`?area=start`) and
 * offers the others, and the standards' own documents, in its "Select a definition" list.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { KNOWN_SCOPES } from '../auth/access-tokens.js';
import { AppError } from '../http/errors.js';
import { operationPaths } from '../http/operations.js';
import { registerCrudRoutes, type CrudOptions } from './crud-routes.js';
import { openApiDocument } from './openapi.js';
import { documentsByArea, SERVICE_AREA_PREFIX, START_AREA } from './openapi-areas.js';
import { gzipSwaggerUiStatics } from './docs-static.js';
import { staticJsonSender } from './static-json.js';
import { allResources, type Resource } from './registry.js';

/** A standard's API served beside the generic one (Ed-Fi, OneRoster): linked from /docs. */
export interface StandardApiLink {
  name: string;
  /** Its discovery document (or base URL). */
  discovery: string;
  /** Its own OpenAPI document, offered in the /docs definition list. */
  openapi?: string;
}

export interface ApiOptions extends CrudOptions {
  /** schema.table → its owning domain and the endpoints that write it (from the domain modules). */
  owners?: ReadonlyMap<string, { domain: string; writeVia: readonly string[] }>;
  /** The standards' APIs to link from the documentation (from the composition root). */
  standards?: readonly StandardApiLink[];
}

function introduction(standards: readonly StandardApiLink[]): string {
  const links = standards.map(
    (s) => `- ${s.name}: [discovery](${s.discovery})${s.openapi ? `, [OpenAPI](${s.openapi})` : ''}`,
  );
  return [
    'Every table of the Schola data model, one consistent API. Errors are RFC 9457 problem details.',
    '',
    'Get a session with `POST /auth/sign-in` (the token goes in `Authorization: Bearer …`, or the cookie is set), ' +
      'or use **Authorize** with an OAuth client (client credentials, `POST /oauth/token`). ' +
      'This page opens on sign-in, tokens, health and admin jobs; pick a schema\u2019s API in "Select a definition".',
    '',
    'Standards APIs:',
    ...links,
  ].join('\n');
}

export function apiRoutes(options: ApiOptions) {
  return async function api(app: FastifyInstance): Promise<void> {
    const resources: Resource[] = allResources().map((r) => {
      const ownedBy = options.owners?.get(r.entry.qualifiedName);
      return ownedBy ? { ...r, ownedBy } : r;
    });
    for (const resource of resources) registerCrudRoutes(app, resource, options);
    const document = openApiDocument(resources) as {
      info: Record<string, unknown>;
      paths: Record<string, Record<string, unknown>>;
      components: { securitySchemes: Record<string, unknown> };
      security: Record<string, string[]>[];
    };
    for (const [path, item] of Object.entries(operationPaths(app.operations))) {
      document.paths[path] = { ...document.paths[path], ...item };
    }
    const standards = options.standards ?? [];
    document.info.description = introduction(standards);
    document.components.securitySchemes.oauth2 = {
      type: 'oauth2',
      description: 'OAuth 2.0 client credentials (clients are created with `schola clients create`).',
      flows: {
        clientCredentials: {
          tokenUrl: '/oauth/token',
          scopes: Object.fromEntries(KNOWN_SCOPES.map((scope) => [scope, scope.split('/').pop()])),
        },
      },
    };
    document.security.push({ oauth2: [] });

    const schemas = [...new Set(resources.map((r) => r.entry.schema))];
    const areas = documentsByArea(document as unknown as Record<string, unknown>, schemas);
    const sendJson = staticJsonSender();
    app.get('/openapi.json', { schema: { hide: true } }, async (request, reply) => {
      const area = (request.query as { area?: unknown }).area;
      if (area === undefined) return sendJson(document, request, reply);
      const found = typeof area === 'string' ? areas.get(area) : undefined;
      if (!found) throw AppError.validation({ area: [`must be one of ${[...areas.keys()].join(', ')}`] });
      return sendJson(found.document, request, reply);
    });

    const pathCount = (area: string) => Object.keys((areas.get(area)!.document.paths ?? {}) as object).length;
    // The domain services apart from the schemas' generic APIs, each under its tag.
    const services = [...areas].filter(([key]) => key.startsWith(SERVICE_AREA_PREFIX));
    const urls = [
      { name: 'Start here: sign-in, OAuth tokens, health, admin jobs', url: `/openapi.json?area=${START_AREA}` },
      ...schemas
        .filter((schema) => areas.has(schema))
        .map((schema) => ({
          name: `/api/v1/${schema} (${pathCount(schema)} paths)`,
          url: `/openapi.json?area=${encodeURIComponent(schema)}`,
        })),
      ...services.map(([key, { title }]) => ({
        name: `${title} (${pathCount(key)} paths)`,
        url: `/openapi.json?area=${encodeURIComponent(key)}`,
      })),
      ...standards.filter((s) => s.openapi).map((s) => ({ name: s.name, url: s.openapi! })),
      { name: 'Everything (one large document)', url: '/openapi.json' },
    ];
    await app.register(swagger, { mode: 'static', specification: { document: document as never } });
    gzipSwaggerUiStatics(app, '/docs');
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: {
        docExpansion: 'none',
        deepLinking: true,
        filter: true,
        urls,
        'urls.primaryName': urls[0]!.name,
      } as Record<string, unknown>,
    });
  };
}
