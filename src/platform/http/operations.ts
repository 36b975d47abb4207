/**
 * The documented operations of the hand-written endpoints (domain services, identity, admin jobs):
 * each is declared once with zod schemas (`route` in src/platform/service/routes.ts), which validate
 * the request and become its OpenAPI description. The OpenAPI document (/openapi.json) merges these
 * with the generated API's paths.
 */
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface DocumentedOperation {
  method: HttpMethod;
  /** Fastify path (`/api/v1/library/checkouts/:checkoutId`). */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The request body's media types (default application/json); a binary upload has no body schema. */
  bodyTypes?: readonly string[];
  /** Success status and body (no schema: no body). */
  response: { status: number; description: string; schema?: z.ZodType };
  /** The problem codes this operation answers besides the generic ones (401, 403, 400). */
  errors?: readonly string[];
  /** Open to anyone (sign-in, join by code): no bearer security in the document. */
  public?: boolean;
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

/** `/x/:id` → `/x/{id}` */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** OpenAPI path items for `operations` (problem responses refer to `#/components/schemas/Problem`). */
export function operationPaths(operations: readonly DocumentedOperation[]): Record<string, Record<string, unknown>> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const problem = { $ref: '#/components/schemas/Problem' };
    const errorText = op.errors?.length ? ` Problem codes: ${op.errors.join(', ')}.` : '';
    (paths[openApiPath(op.url)] ??= {})[op.method.toLowerCase()] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
      ...(op.body || op.bodyTypes
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (op.bodyTypes ?? ['application/json']).map((type) => [
                  type,
                  { schema: op.body ? jsonSchema(op.body, 'input') : { type: 'string', format: 'binary' } },
                ]),
              ),
            },
          }
        : {}),
      responses: {
        [op.response.status]: {
          description: op.response.description,
          ...(op.response.schema
            ? { content: { 'application/json': { schema: jsonSchema(op.response.schema, 'output') } } }
            : {}),
        },
        default: {
          description: `A problem document (RFC 9457).${errorText}`,
          content: { 'application/problem+json': { schema: problem } },
        },
      },
      ...(op.public ? { security: [] } : {}),
    };
  }
  return paths;
}

const checks = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()) });

/** GET /health/live and /health/ready (app.ts). */
export const HEALTH_OPERATIONS: DocumentedOperation[] = [
  {
    method: 'GET',
    url: '/health/live',
    summary: 'Liveness: the process is up',
    tags: ['health'],
    response: { status: 200, description: 'Up', schema: z.object({ status: z.literal('ok') }) },
    public: true,
  },
  {
    method: 'GET',
    url: '/health/ready',
    summary: 'Readiness: the database answers and every migration is applied (503 otherwise, same body)',
    tags: ['health'],
    response: { status: 200, description: 'Ready', schema: checks },
    public: true,
  },
];

declare module 'fastify' {
  interface FastifyInstance {
    /** Every documented hand-written operation, in registration order. */
    operations: DocumentedOperation[];
  }
}
