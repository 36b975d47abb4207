/**
 * Thin routes for domain services: one declaration gives the Fastify route, the validation of its
 * path parameters, query and body by zod (a bad value → 400 `validation_failed` naming the field, and
 * nothing runs), and its OpenAPI operation. The handler gets the parsed input and calls a service.
 *
 *   route(app, { method: 'POST', url: '/api/v1/library/checkouts', summary: 'Check out an item',
 *                tags: ['library'], body: checkOutInput, response: { status: 201, … } },
 *         ({ body, request }) => requestWork(request, (work) => checkOut(work, body)));
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, validationErrorsOf, type ValidationErrors } from '../http/errors.js';
import type { DocumentedOperation } from '../http/operations.js';
import { requestWork, type Work } from './work.js';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Parses `value` with `schema`; every problem becomes a field-named 400 (nothing is changed). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw AppError.validation(validationErrorsOf(result.error, { prefix, unknownField: 'is not a known field' }));
}

function collect(errors: ValidationErrors, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (error) {
    if (error instanceof AppError && error.extras.validationErrors) {
      Object.assign(errors, error.extras.validationErrors);
      return undefined;
    }
    throw error;
  }
}

type RouteSpec<P, Q, B> = Omit<DocumentedOperation, 'params' | 'query' | 'body'> & { params?: P; query?: Q; body?: B };

export function route<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(
  app: FastifyInstance,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>,
): void {
  app.operations.push(spec);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const errors = Object.create(null) as ValidationErrors;
      const params = spec.params ? collect(errors, () => parseInput(spec.params!, request.params)) : undefined;
      const query = spec.query ? collect(errors, () => parseInput(spec.query!, request.query)) : undefined;
      const body = spec.body ? collect(errors, () => parseInput(spec.body!, request.body)) : undefined;
      if (Object.keys(errors).length > 0) throw AppError.validation(errors);
      const result = await handler({
        params: params as Out<P>,
        query: query as Out<Q>,
        body: body as Out<B>,
        request,
        reply,
      });
      if (reply.sent) return reply;
      reply.status(spec.response.status);
      return spec.response.schema ? result : reply.send();
    },
  });
}

/** A service route: its operation (tags and codes default to the domain's) and what it runs in the unit of work. */
export type ServiceRoute<P, Q, B> = Omit<RouteSpec<P, Q, B>, 'tags'> & {
  tags?: string[];
  run: (work: Work, input: RouteInput<Out<P>, Out<Q>, Out<B>>) => Promise<unknown>;
};

/**
 * A domain's route declarer: each route shares the domain's tags and problem codes, and `run` gets the
 * request's unit of work (`requestWork`) with the parsed input, so a route is its operation and one call.
 * A route that answers only the generic problems says `errors: []`; one with other tags or codes names its own.
 *
 *   const serve = serviceRoutes(app, { tags: ['library'], errors: LIBRARY_ERROR_CODES });
 *   serve({ method: 'POST', url: '/api/v1/library/checkouts', summary: 'Check out an item', body: checkOutInput,
 *           response: { status: 201, … }, run: (work, { body }) => checkOut(work, body) });
 */
export function serviceRoutes(app: FastifyInstance, shared: Pick<DocumentedOperation, 'tags' | 'errors'>) {
  return function serve<
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
  >({ run, ...operation }: ServiceRoute<P, Q, B>): void {
    route(app, { ...shared, ...operation }, (input) => requestWork(input.request, (work) => run(work, input)));
  };
}
