/**
 * The OpenAPI 3.1 document of the generated API, derived from the resource registry (paths,
 * parameters, request schemas from the same zod schemas that validate requests, response shapes).
 */
import type { PgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { declaredErrorCodes } from '../http/errors.js';
import { MAX_LIMIT } from './list-query.js';
import type { Resource } from './registry.js';

type JsonSchema = Record<string, unknown>;

function columnJsonSchema(column: PgColumn): JsonSchema {
  const base = ((): JsonSchema => {
    switch (column.columnType) {
      case 'PgInteger':
      case 'PgSerial':
      case 'PgSmallInt':
      case 'PgBigInt53':
      case 'PgBigSerial53':
        return { type: 'integer' };
      case 'PgNumericNumber':
      case 'PgDoublePrecision':
      case 'PgReal':
      case 'PgNumeric':
        return { type: 'number' };
      case 'PgBoolean':
        return { type: 'boolean' };
      case 'PgUUID':
        return { type: 'string', format: 'uuid' };
      case 'PgDateString':
        return { type: 'string', format: 'date' };
      case 'PgTimestamp':
      case 'PgTimestampString':
        return { type: 'string', format: 'date-time' };
      case 'PgArray':
        return { type: 'array', items: { type: 'string' } };
      case 'PgJsonb':
      case 'PgJson':
        return {};
      case 'PgBytea':
        return { type: 'string', contentEncoding: 'base64' };
      default:
        return { type: 'string' };
    }
  })();
  return column.notNull ? base : { anyOf: [base, { type: 'null' }] };
}

const PROBLEM = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: [] as string[] },
    requestId: { type: 'string' },
    validationErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
  },
};

function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      String(s),
      {
        description: 'Problem',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  );
}

/** A keyed resource's one-record path, as the document writes it. */
const itemPath = (r: Resource) => `${r.path}/${r.key.map((_, i) => `{k${i}}`).join('/')}`;

/** The paths the document gives `resource` (its list, and its records when it has a key). */
export function resourcePaths(resource: Resource): string[] {
  return resource.key.length > 0 ? [resource.path, itemPath(resource)] : [resource.path];
}

export function openApiDocument(resources: Resource[], serverUrl = '/'): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  // Every declared code, the domains' included: the document is built once all are imported.
  const problem = {
    ...PROBLEM,
    properties: { ...PROBLEM.properties, code: { type: 'string', enum: [...declaredErrorCodes().keys()] } },
  };
  const schemas: Record<string, JsonSchema> = { Problem: problem };
  for (const r of resources) {
    const ownerNote = r.ownedBy
      ? `Written only through the ${r.ownedBy.domain} service: ${r.ownedBy.writeVia.join('; ')}.`
      : undefined;
    const id = r.name.replace(/[^A-Za-z0-9]/g, '_');
    const fields = [...r.fields.values()].filter((f) => !r.secret.has(f.name));
    schemas[id] = {
      type: 'object',
      properties: Object.fromEntries(fields.map((f) => [f.name, columnJsonSchema(f.column)])),
    };
    schemas[`${id}_write`] = z.toJSONSchema(r.documentedInsertSchema(), {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    const ref = { $ref: `#/components/schemas/${id}` };
    const listParams = [
      ...[...r.filterable].map((f) => ({
        name: f,
        in: 'query',
        required: false,
        description: `equals; also ${f}[ne|gt|gte|lt|lte|in|null]${r.searchable.has(f) ? `, ${f}[contains]` : ''}`,
        schema: { type: 'string' },
      })),
      {
        name: 'sort',
        in: 'query',
        schema: { type: 'string' },
        description: `comma list of ${[...r.sortable].join(', ')}; prefix - for descending`,
      },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 } },
      { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      {
        name: 'cursor',
        in: 'query',
        schema: { type: 'string' },
        description: 'keyset paging: page.nextCursor of the previous page',
      },
      { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'comma list of fields to return' },
      { name: 'count', in: 'query', schema: { type: 'boolean', default: true } },
    ];
    paths[r.path] = {
      get: {
        tags: [r.name],
        summary: `List ${r.name}`,
        ...(ownerNote ? { description: ownerNote } : {}),
        parameters: listParams,
        responses: {
          '200': {
            description: 'A page',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { data: { type: 'array', items: ref }, page: { type: 'object' } },
                },
              },
            },
          },
          ...errors(400, 401, 403),
        },
      },
      ...(r.writable && !r.ownedBy
        ? {
            post: {
              tags: [r.name],
              summary: `Create ${r.name} (one object, or an array: all-or-nothing)`,
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: {
                      oneOf: [
                        { $ref: `#/components/schemas/${id}_write` },
                        { type: 'array', items: { $ref: `#/components/schemas/${id}_write` } },
                      ],
                    },
                  },
                },
              },
              responses: {
                '201': { description: 'Created', content: { 'application/json': { schema: ref } } },
                ...errors(400, 401, 403, 409),
              },
            },
          }
        : {}),
    };
    if (r.key.length === 0) continue;
    const keyParams = r.key.map((k, i) => ({
      name: `k${i}`,
      in: 'path',
      required: true,
      description: k,
      schema: columnJsonSchema(r.fields.get(k)!.column),
    }));
    const item = itemPath(r);
    const ifMatch = { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } };
    paths[item] = {
      get: {
        tags: [r.name],
        summary: `Get one ${r.name}`,
        parameters: [...keyParams, { name: 'If-None-Match', in: 'header', schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The record', content: { 'application/json': { schema: ref } } },
          '304': { description: 'Not modified' },
          ...errors(400, 401, 403, 404),
        },
      },
      ...(r.writable && !r.ownedBy
        ? {
            put: {
              tags: [r.name],
              summary: `Replace ${r.name}`,
              parameters: [...keyParams, ifMatch],
              requestBody: {
                required: true,
                content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}_write` } } },
              },
              responses: {
                '200': { description: 'Replaced', content: { 'application/json': { schema: ref } } },
                ...errors(400, 401, 403, 404, 409, 412),
              },
            },
            patch: {
              tags: [r.name],
              summary: `Update fields of ${r.name}`,
              parameters: [...keyParams, ifMatch],
              requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
              responses: {
                '200': { description: 'Updated', content: { 'application/json': { schema: ref } } },
                ...errors(400, 401, 403, 404, 409, 412),
              },
            },
            delete: {
              tags: [r.name],
              summary: `Delete ${r.name}${r.softDelete ? ' (soft delete)' : ''}`,
              parameters: [...keyParams, ifMatch],
              responses: { '204': { description: 'Deleted' }, ...errors(401, 403, 404, 409, 412) },
            },
          }
        : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Schola API',
      version: '1',
      description: 'Every table of the Schola data model, one consistent API. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'schola_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
