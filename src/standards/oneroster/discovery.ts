/**
 * Discovery: each service serves its own OpenAPI 3.0 document at {base}/discovery/openapi.json
 * (no credentials needed), generated from the same entity descriptions and route lists that
 * register the routes — so the document cannot drift from what is served.
 */
import type { FastifyInstance } from 'fastify';
import type { Entity, FieldSpec } from './entity-kit.js';
import { IMSX_CODE_MINORS } from './imsx-errors.js';
import { DEFAULT_LIMIT } from './paging.js';
import type { CollectionRoute } from './service.js';

type Json = Record<string, unknown>;

export interface ServiceDescription {
  title: string;
  base: string;
  collections: { segment: string; entity: Entity; scopes: string[] }[];
  nested: CollectionRoute[];
  /** Writable collections (PUT/DELETE /{sourcedId}) and their scopes. */
  writes?: { segment: string; entity: Entity; put: string[]; delete: string[] }[];
  posts?: { path: string; entity: Entity; scopes: string[] }[];
}

const REF = {
  type: 'object',
  properties: { href: { type: 'string', format: 'uri' }, sourcedId: { type: 'string' }, type: { type: 'string' } },
  required: ['href', 'sourcedId', 'type'],
};

function fieldSchema(field: FieldSpec): Json {
  switch (field.type) {
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'number':
      return { type: 'number' };
    case 'truefalse':
      return { type: 'string', enum: ['true', 'false'] };
    case 'strings':
      return { type: 'array', items: { type: 'string' } };
    case 'ref':
      return { $ref: '#/components/schemas/GUIDRef' };
    case 'refs':
      return { type: 'array', items: { $ref: '#/components/schemas/GUIDRef' } };
    case 'json':
    case 'custom':
      return {};
    default:
      return { type: 'string' };
  }
}

function entitySchema(entity: Entity): Json {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(entity.fields).map(([name, f]) => [
        name,
        {
          ...fieldSchema(f),
          ...(f.revealedBy ? { description: `Only with scope ${f.revealedBy.join(' or ')}.` } : {}),
        },
      ]),
    ),
  };
}

const LIST_PARAMETERS = [
  {
    name: 'limit',
    in: 'query',
    schema: { type: 'integer', minimum: 1, default: DEFAULT_LIMIT },
    description: 'Page size; larger values are clamped to the server maximum.',
  },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
  { name: 'sort', in: 'query', schema: { type: 'string' } },
  { name: 'orderBy', in: 'query', schema: { type: 'string', enum: ['asc', 'desc'] } },
  {
    name: 'filter',
    in: 'query',
    schema: { type: 'string' },
    description: "field op 'value' [AND|OR …]; op one of = != > >= < <= ~",
  },
  { name: 'fields', in: 'query', schema: { type: 'string' } },
];

const errors = {
  '400': { $ref: '#/components/responses/imsx' },
  '401': { $ref: '#/components/responses/imsx' },
  '403': { $ref: '#/components/responses/imsx' },
  '404': { $ref: '#/components/responses/imsx' },
};
const pathParams = (path: string) =>
  [...path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const envelope = (name: string, schema: Json) => ({
  content: { 'application/json': { schema: { type: 'object', properties: { [name]: schema } } } },
});

export function openApiDocument(service: ServiceDescription): Json {
  const paths: Record<string, Json> = {};
  const schemas: Record<string, Json> = { GUIDRef: REF };
  const ref = (entity: Entity) => {
    schemas[entity.singular] ??= entitySchema(entity);
    return { $ref: `#/components/schemas/${entity.singular}` };
  };
  const security = (scopes: string[]) => [{ OAuth2CC: scopes }];
  const list = (entity: Entity, scopes: string[], path: string) => ({
    get: {
      operationId: `list_${path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      security: security(scopes),
      parameters: [...pathParams(path), ...LIST_PARAMETERS],
      responses: {
        '200': {
          description: 'A page',
          headers: { 'X-Total-Count': { schema: { type: 'integer' } }, Link: { schema: { type: 'string' } } },
          ...envelope(entity.plural, { type: 'array', items: ref(entity) }),
        },
        ...errors,
      },
    },
  });
  for (const c of service.collections) {
    paths[`/${c.segment}`] = list(c.entity, c.scopes, `/${c.segment}`);
    paths[`/${c.segment}/{sourcedId}`] = {
      get: {
        operationId: `get_${c.segment}`,
        security: security(c.scopes),
        parameters: pathParams('/:sourcedId'),
        responses: { '200': { description: 'One object', ...envelope(c.entity.singular, ref(c.entity)) }, ...errors },
      },
    };
  }
  for (const w of service.writes ?? []) {
    const item = paths[`/${w.segment}/{sourcedId}`]!;
    item.put = {
      operationId: `put_${w.segment}`,
      security: security(w.put),
      parameters: pathParams('/:sourcedId'),
      requestBody: envelope(w.entity.singular, ref(w.entity)),
      responses: { '200': { description: 'Replaced' }, '201': { description: 'Created' }, ...errors },
    };
    item.delete = {
      operationId: `delete_${w.segment}`,
      security: security(w.delete),
      parameters: pathParams('/:sourcedId'),
      responses: { '204': { description: 'Marked tobedeleted' }, ...errors },
    };
  }
  for (const n of service.nested) paths[openApiPath(n.path)] = list(n.entity, n.scopes, n.path);
  for (const p of service.posts ?? []) {
    const pairs = {
      type: 'object',
      properties: {
        sourcedIdPairs: {
          type: 'array',
          items: {
            type: 'object',
            properties: { suppliedSourcedId: { type: 'string' }, allocatedSourcedId: { type: 'string' } },
          },
        },
      },
    };
    const item = (paths[openApiPath(p.path)] ??= {});
    item.post = {
      operationId: `post_${p.path.replace(/[^A-Za-z0-9]+/g, '_')}`,
      security: security(p.scopes),
      parameters: pathParams(p.path),
      requestBody: envelope(p.entity.plural, { type: 'array', items: ref(p.entity) }),
      responses: { '201': { description: 'Created', content: { 'application/json': { schema: pairs } } }, ...errors },
    };
  }
  const allScopes = [
    ...new Set(
      Object.values(paths).flatMap((item) =>
        Object.values(item).flatMap((op) => ((op as Json).security as { OAuth2CC: string[] }[])[0]!.OAuth2CC),
      ),
    ),
  ];
  return {
    openapi: '3.0.3',
    info: { title: service.title, version: '1.2' },
    servers: [{ url: service.base }],
    paths,
    components: {
      schemas: {
        ...schemas,
        imsx_StatusInfo: {
          type: 'object',
          properties: {
            imsx_codeMajor: { type: 'string', enum: ['success', 'processing', 'failure', 'unsupported'] },
            imsx_severity: { type: 'string', enum: ['status', 'warning', 'error'] },
            imsx_description: { type: 'string' },
            imsx_CodeMinor: {
              type: 'object',
              properties: {
                imsx_codeMinorField: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      imsx_codeMinorFieldName: { type: 'string' },
                      imsx_codeMinorFieldValue: { type: 'string', enum: [...IMSX_CODE_MINORS] },
                    },
                  },
                },
              },
            },
          },
        },
      },
      responses: {
        imsx: {
          description: 'imsx error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/imsx_StatusInfo' } } },
        },
      },
      securitySchemes: {
        OAuth2CC: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth/token',
              scopes: Object.fromEntries(allScopes.map((s) => [s, s.split('/').pop()])),
            },
          },
        },
      },
    },
  };
}

/** GET {base}/discovery/openapi.json on the service's scope (relative to its prefix). */
export function registerDiscovery(service: FastifyInstance, description: ServiceDescription): void {
  const document = openApiDocument(description);
  service.get('/discovery/openapi.json', async () => document);
}
