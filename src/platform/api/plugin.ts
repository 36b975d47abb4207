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
import { openApiPath, operationPaths } from '../http/operations.js';
import { registerCrudRoutes, type CrudOptions } from './crud-routes.js';
import { lazy } from './lazy.js';
import { openApiDocument, resourcePaths } from './openapi.js';
import { documentsByArea, pathsByArea, SERVICE_AREA_PREFIX, START_AREA } from './openapi-areas.js';
import { gzipSwaggerUiStatics } from './docs-static.js';
import { encodeJson, sendEncodedJson, type EncodedJson } from './static-json.js';
import { allResources, ownedResource, type Resource } from './registry.js';

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

/** The key of the whole document among the encoded ones (an area key is never empty). */
const WHOLE = '';

/**
 * The whole OpenAPI document and each of its areas, encoded (static-json.ts). Built on the first request
 * for one and kept only as bytes: built at start-up, the document and the zod schemas it is derived
 * from stayed ~55 MB of the server's ~120 MB live heap (measured), marked again by every full GC,
 * and building it made every app's start ~0.2 s slower, in every test too.
 */
function encodedDocuments(
  app: FastifyInstance,
  resources: Resource[],
  schemas: readonly string[],
  standards: readonly StandardApiLink[],
): Map<string, EncodedJson> {
  const document = openApiDocument(resources) as {
    info: Record<string, unknown>;
    paths: Record<string, Record<string, unknown>>;
    components: { securitySchemes: Record<string, unknown> };
    security: Record<string, string[]>[];
  };
  for (const [path, item] of Object.entries(operationPaths(app.operations))) {
    document.paths[path] = { ...document.paths[path], ...item };
  }
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
  const encoded = new Map([[WHOLE, encodeJson(document)]]);
  for (const [key, area] of documentsByArea(document as unknown as Record<string, unknown>, schemas)) {
    encoded.set(key, encodeJson(area.document));
  }
  return encoded;
}

/** The document's paths with only what decides their area (their URL and tags): to list the areas. */
function pathSkeleton(app: FastifyInstance, resources: Resource[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const resource of resources) for (const path of resourcePaths(resource)) paths[path] = {};
  for (const op of app.operations) {
    (paths[openApiPath(op.url)] ??= {})[op.method.toLowerCase()] = { tags: op.tags };
  }
  return paths;
}

export function apiRoutes(options: ApiOptions) {
  return async function api(app: FastifyInstance): Promise<void> {
    const resources: Resource[] = allResources().map((r) => {
      const ownedBy = options.owners?.get(r.entry.qualifiedName);
      return ownedBy ? ownedResource(r, ownedBy) : r;
    });
    for (const resource of resources) registerCrudRoutes(app, resource, options);
    const standards = options.standards ?? [];
    const schemas = [...new Set(resources.map((r) => r.entry.schema))];
    const areas = pathsByArea(pathSkeleton(app, resources), schemas);
    const documents = lazy(() => encodedDocuments(app, resources, schemas, standards));

    app.get('/openapi.json', { schema: { hide: true } }, async (request, reply) => {
      const area = (request.query as { area?: unknown }).area;
      if (area !== undefined && !(typeof area === 'string' && areas.has(area)))
        throw AppError.validation({ area: [`must be one of ${[...areas.keys()].join(', ')}`] });
      return sendEncodedJson(documents().get(area ?? WHOLE)!, request, reply);
    });

    const pathCount = (area: string) => Object.keys(areas.get(area)!.paths).length;
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
    // Swagger UI requires @fastify/swagger by name. Its decorator would hold a built document, so it is
    // registered under another name with an empty one, and `swagger` (behind /docs/json and /docs/yaml)
    // parses the encoded whole document when asked. JSON is YAML 1.2, so /docs/yaml sends the JSON text.
    const placeholder = {
      mode: 'static',
      decorator: 'swaggerPlaceholder', // read by static mode at run time; typed for the dynamic mode only
      specification: { document: { openapi: '3.1.0', info: { title: 'Schola API', version: '1' }, paths: {} } },
    } as const;
    await app.register(swagger, placeholder);
    const whole = (opts?: { yaml?: boolean }) => {
      const json = documents().get(WHOLE)!.json.toString();
      return opts?.yaml ? json : JSON.parse(json);
    };
    app.decorate('swagger', whole as never);
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
