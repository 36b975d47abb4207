/**
 * The Ed-Fi discovery document (GET /data/v3) and the OpenAPI 3 document of the resources
 * (GET /metadata/data/v3/resources/swagger.json), both derived from the resource descriptions.
 */
import type { FastifyInstance } from 'fastify';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { ResourceModel } from './model.js';
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

function resourceSchema(model: ResourceModel): Record<string, unknown> {
  const properties: Record<string, unknown> = { id: { type: 'string', format: 'uuid', readOnly: true } };
  const required: string[] = [];
  const identity = new Set(model.identity.map((p) => p.path[0]));
  for (const s of model.scalars) {
    properties[s.json] = { ...columnSchema(s.column), ...(identity.has(s.json) ? { 'x-Ed-Fi-isIdentity': true } : {}) };
    if (s.column.notNull && !s.column.hasDefault) required.push(s.json);
  }
  for (const d of model.descriptors) {
    properties[d.json] = { type: 'string', maxLength: 306, description: `A ${d.type} URI (namespace#codeValue)` };
    if (d.column.notNull) required.push(d.json);
  }
  for (const ref of model.references) {
    const target = resourceModel(ref.target)!;
    const keyProps: Record<string, unknown> = {};
    for (const key of ref.keys) {
      const column = key.viaSurrogate ? target.surrogate!.naturalKey : (key.column ?? target.scalars[0]!.column);
      keyProps[key.json] = columnSchema(column);
    }
    properties[ref.json] = { type: 'object', properties: keyProps, required: ref.keys.filter((k) => k.column).map((k) => k.json), description: `A reference to a ${target.name}` };
    if (ref.required) required.push(ref.json);
  }
  properties._etag = { type: 'string', readOnly: true };
  properties._lastModifiedDate = { type: 'string', format: 'date-time', readOnly: true };
  return { type: 'object', properties, required };
}

export function edfiOpenApi(): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const problem = { description: 'Ed-Fi problem details', content: { 'application/problem+json': { schema: { type: 'object' } } } };
  const listParams = ['offset', 'limit', 'totalCount', 'pageSize', 'pageToken', 'minChangeVersion', 'maxChangeVersion'].map((name) => ({ name, in: 'query', required: false, schema: { type: name === 'totalCount' ? 'boolean' : name === 'pageToken' ? 'string' : 'integer' } }));
  for (const model of servedResources()) {
    const ref = { $ref: `#/components/schemas/edFi_${model.name}` };
    schemas[`edFi_${model.name}`] = resourceSchema(model);
    const tag = [model.collection];
    const base = `/data/v3/ed-fi/${model.collection}`;
    const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
    paths[base] = {
      get: { tags: tag, operationId: `get${model.name}s`, parameters: listParams, responses: { 200: { description: 'The items', content: { 'application/json': { schema: { type: 'array', items: ref } } } }, 400: problem, 403: problem } },
      post: { tags: tag, operationId: `post${model.name}`, requestBody: { content: { 'application/json': { schema: ref } } }, responses: { 200: { description: 'Updated' }, 201: { description: 'Created' }, 400: problem, 403: problem, 409: problem } },
    };
    paths[`${base}/{id}`] = {
      get: { tags: tag, operationId: `get${model.name}ById`, parameters: [idParam], responses: { 200: { description: 'The item', content: { 'application/json': { schema: ref } } }, 304: { description: 'Not modified' }, 404: problem } },
      put: { tags: tag, operationId: `put${model.name}`, parameters: [idParam], requestBody: { content: { 'application/json': { schema: ref } } }, responses: { 204: { description: 'Updated' }, 400: problem, 409: problem, 412: problem } },
      delete: { tags: tag, operationId: `delete${model.name}ById`, parameters: [idParam], responses: { 204: { description: 'Deleted' }, 404: problem, 409: problem, 412: problem } },
    };
    paths[`${base}/deletes`] = { get: { tags: tag, operationId: `deletes${model.name}s`, parameters: listParams, responses: { 200: { description: 'Deleted items (id, changeVersion, keyValues)' } } } };
    paths[`${base}/keyChanges`] = { get: { tags: tag, operationId: `keyChanges${model.name}s`, parameters: listParams, responses: { 200: { description: 'Key changes (id, changeVersion, oldKeyValues, newKeyValues)' } } } };
  }
  return {
    openapi: '3.0.1',
    info: { title: 'Schola Ed-Fi API (Data Standard 5.2)', version: '5.2.0' },
    servers: [{ url: '/' }],
    paths,
    components: { schemas, securitySchemes: { oauth2_client_credentials: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { 'https://schola.dev/scope/edfi': 'read and write', 'https://schola.dev/scope/edfi.readonly': 'read' } } } } } },
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
