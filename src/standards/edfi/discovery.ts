/**
 * The Ed-Fi discovery document (GET /data/v3) and the OpenAPI 3 document of the resources
 * (GET /metadata/data/v3/resources/swagger.json), both derived from the resource descriptions.
 */
import type { FastifyInstance } from 'fastify';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ResourceModel, Shape } from './model.js';
import { resourceModel, servedResources } from './resources.js';

const OPENAPI_PATH = '/metadata/data/v3/resources/swagger.json';

function columnSchema(column: PgColumn): Record<string, unknown> {
  const c = column as PgColumn & { length?: number };
  switch (column.columnType) {
    case 'PgVarchar':
    case 'PgText':
    case 'PgChar':
      return { type: 'string', ...(c.length ? { maxLength: c.length } : {}) };
    case 'PgInteger':
    case 'PgSerial':
    case 'PgSmallInt':
    case 'PgBigInt53':
      return { type: 'integer' };
    case 'PgNumericNumber':
    case 'PgNumeric':
      return { type: 'number' };
    case 'PgBoolean':
      return { type: 'boolean' };
    case 'PgDateString':
    case 'PgDate':
      return { type: 'string', format: 'date' };
    case 'PgTime':
      return { type: 'string', format: 'time' };
    default:
      return { type: 'string', format: 'date-time' };
  }
}

const descriptorSchema = (type: string) => ({
  type: 'string',
  maxLength: 306,
  description: `A ${type} URI (namespace#codeValue)`,
});

/** Properties and required names of a JSON object shape (a resource, or the items of a child collection). */
function shapeSchema(shape: Shape, identity: Set<string>): { properties: Record<string, unknown>; required: string[] } {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const s of shape.scalars) {
    properties[s.json] = { ...columnSchema(s.column), ...(identity.has(s.json) ? { 'x-Ed-Fi-isIdentity': true } : {}) };
    if (s.column.notNull && !s.column.hasDefault) required.push(s.json);
  }
  for (const d of shape.descriptors) {
    properties[d.json] = {
      ...descriptorSchema(d.type),
      ...(identity.has(d.json) ? { 'x-Ed-Fi-isIdentity': true } : {}),
    };
    if (d.column.notNull) required.push(d.json);
  }
  for (const ref of shape.references) {
    const target = resourceModel(ref.target)!;
    const keyProps: Record<string, unknown> = {};
    for (const key of ref.keys) {
      if (key.descriptorType) keyProps[key.json] = descriptorSchema(key.descriptorType);
      else
        keyProps[key.json] = columnSchema(
          key.viaSurrogate
            ? resourceModel(key.surrogateHolder!)!.surrogate!.naturalKey
            : (key.column ?? target.scalars[0]!.column),
        );
    }
    properties[ref.json] = {
      type: 'object',
      properties: keyProps,
      required: ref.keys.filter((k) => k.column).map((k) => k.json),
      description: `A reference to a ${target.name}`,
      ...(identity.has(ref.json) ? { 'x-Ed-Fi-isIdentity': true } : {}),
    };
    if (ref.required) required.push(ref.json);
  }
  return { properties, required };
}

function resourceSchema(model: ResourceModel): Record<string, unknown> {
  const { properties, required } = shapeSchema(model, new Set(model.identity.map((p) => p.path[0]!)));
  for (const child of model.children) {
    const keyed = new Set(child.keyColumns.map((c) => c.name));
    const identity = new Set([
      ...[...child.scalars, ...child.descriptors].filter((f) => keyed.has(f.column.name)).map((f) => f.json),
      ...child.references.filter((r) => r.keys.some((k) => k.column && keyed.has(k.column.name))).map((r) => r.json),
    ]);
    const items = shapeSchema(child, identity);
    properties[child.json] = {
      type: 'array',
      items: { type: 'object', ...items },
      description: 'Replaced as a whole by POST and PUT; two items may not share their key (x-Ed-Fi-isIdentity)',
    };
  }
  properties._etag = { type: 'string', readOnly: true };
  properties._lastModifiedDate = { type: 'string', format: 'date-time', readOnly: true };
  return {
    type: 'object',
    properties: { id: { type: 'string', format: 'uuid', readOnly: true }, ...properties },
    required,
  };
}

export function edfiOpenApi(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const problem = {
    description: 'Ed-Fi problem details',
    content: { 'application/problem+json': { schema: { type: 'object' } } },
  };
  const listParams = [
    'offset',
    'limit',
    'totalCount',
    'pageSize',
    'pageToken',
    'minChangeVersion',
    'maxChangeVersion',
  ].map((name) => ({
    name,
    in: 'query',
    required: false,
    schema: { type: name === 'totalCount' ? 'boolean' : name === 'pageToken' ? 'string' : 'integer' },
  }));
  for (const model of servedResources()) {
    const ref = { $ref: `#/components/schemas/edFi_${model.name}` };
    schemas[`edFi_${model.name}`] = resourceSchema(model);
    const tag = [model.collection];
    const base = `/data/v3/ed-fi/${model.collection}`;
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
    paths[base] = {
      get: {
        tags: tag,
        operationId: `get${model.name}s`,
        parameters: listParams,
        responses: {
          200: { description: 'The items', content: { 'application/json': { schema: { type: 'array', items: ref } } } },
          400: problem,
          403: problem,
        },
      },
      post: {
        tags: tag,
        operationId: `post${model.name}`,
        requestBody: { content: { 'application/json': { schema: ref } } },
        responses: {
          200: { description: 'Updated' },
          201: { description: 'Created' },
          400: problem,
          403: problem,
          409: problem,
        },
      },
    };
    paths[`${base}/{id}`] = {
      get: {
        tags: tag,
        operationId: `get${model.name}ById`,
        parameters: [idParam],
        responses: {
          200: { description: 'The item', content: { 'application/json': { schema: ref } } },
          304: { description: 'Not modified' },
          404: problem,
        },
      },
      put: {
        tags: tag,
        operationId: `put${model.name}`,
        parameters: [idParam],
        requestBody: { content: { 'application/json': { schema: ref } } },
        responses: { 204: { description: 'Updated' }, 400: problem, 409: problem, 412: problem },
      },
      delete: {
        tags: tag,
        operationId: `delete${model.name}ById`,
        parameters: [idParam],
        responses: { 204: { description: 'Deleted' }, 404: problem, 409: problem, 412: problem },
      },
    };
    paths[`${base}/deletes`] = {
      get: {
        tags: tag,
        operationId: `deletes${model.name}s`,
        parameters: listParams,
        responses: { 200: { description: 'Deleted items (id, changeVersion, keyValues)' } },
      },
    };
    paths[`${base}/keyChanges`] = {
      get: {
        tags: tag,
        operationId: `keyChanges${model.name}s`,
        parameters: listParams,
        responses: { 200: { description: 'Key changes (id, changeVersion, oldKeyValues, newKeyValues)' } },
      },
    };
  }
  return {
    openapi: '3.0.1',
    info: { title: 'Schola Ed-Fi API (Data Standard 5.2)', version: '5.2.0' },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        oauth2_client_credentials: {
          type: 'oauth2',
          flows: {
            clientCredentials: {
              tokenUrl: '/oauth/token',
              scopes: {
                'https://schola.dev/scope/edfi': 'read and write',
                'https://schola.dev/scope/edfi.readonly': 'read',
              },
            },
          },
        },
      },
    },
    security: [{ oauth2_client_credentials: [] }],
  };
}

export function discoveryDocument(): Record<string, unknown> {
  return {
    version: '7.1',
    informationalVersion: 'Schola Ed-Fi API',
    suite: '3',
    apiMode: 'District Specific',
    dataModels: [{ name: 'Ed-Fi', version: '5.2.0', informationalVersion: 'Ed-Fi Data Standard 5.2' }],
    urls: {
      openApiMetadata: OPENAPI_PATH,
      oauth: '/oauth/token',
      dataManagementApi: '/data/v3/',
      changeQueries: '/changeQueries/v1/',
    },
    resources: servedResources().map((m) => ({ name: m.name, path: `/data/v3/ed-fi/${m.collection}` })),
  };
}

export function discoveryRoutes(app: FastifyInstance): void {
  const document = discoveryDocument();
  const openApi = edfiOpenApi();
  app.get('/data/v3', async () => document);
  app.get('/data/v3/', async () => document);
  app.get(OPENAPI_PATH, async () => openApi);
}
