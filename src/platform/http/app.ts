/**
 * The Fastify application: request ids, redacted logs, body limits, problem+json errors and the
 * health endpoints. Domains and standards bindings register their routes as plugins.
 */
import { HEALTH_OPERATIONS, type DocumentedOperation } from './operations.js';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyError } from 'fastify';
import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import type { JobRunner } from '../jobs/runner.js';
import { inProcessPublisher, type EventPublisher } from '../events/publisher.js';
import { migrationsUpToDate } from '../db/migrator.js';
import { mapPgError } from '../db/pg-errors.js';
import { AppError, problemFor } from './errors.js';
import { requestChildLogger } from '../log/logger.js';

export interface AppOptions {
  database: Database;
  logger: Logger;
  bodyLimitBytes?: number;
  /** Extra plugins (domains, standards bindings, tests). */
  plugins?: ((app: FastifyInstance) => Promise<void> | void)[];
  /**
   * Background jobs (src/platform/jobs): plugins define their job types on `app.jobs`; the runner
   * starts when the app is ready and stops when it closes. Without it, endpoints that enqueue
   * jobs answer 503 — tests that do not exercise them do not pay for pg-boss.
   */
  jobs?: JobRunner;
  /** Events after commit (`work.announce`); default: an in-process publisher. */
  events?: EventPublisher;
}

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    jobs: JobRunner | null;
    events: EventPublisher;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's own error codes that are the client's fault, mapped to our closed set. */
function fromFastifyError(error: FastifyError): AppError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', error.message);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('bad_request', error.message);
    case 'FST_ERR_VALIDATION':
      return AppError.validation(
        Object.fromEntries(
          (error.validation ?? []).map((v) => [
            v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '$',
            [v.message ?? 'is invalid'],
          ]),
        ),
      );
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    if (error.statusCode === 413) return new AppError('payload_too_large', error.message);
    if (error.statusCode === 415) return new AppError('unsupported_media_type', error.message);
    return new AppError('bad_request', error.message);
  }
  return undefined;
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const pg = mapPgError(error);
  if (pg) return pg;
  const fastify = fromFastifyError(error as FastifyError);
  if (fastify) return fastify;
  return new AppError('internal', 'An unexpected error occurred. It has been logged with the request id.');
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as unknown as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    requestIdHeader: false,
    // Binds the request id without running it through the redaction (see requestChildLogger).
    childLoggerFactory: (logger, bindings, childOptions) =>
      requestChildLogger(logger as unknown as Logger, bindings, childOptions) as unknown as FastifyBaseLogger,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Identifiers in paths may be long: OneRoster sourcedIds are up to 255 characters (more once
    // percent-encoded); Fastify's default of 100 answered 414 to a valid PUT /results/{sourcedId}.
    routerOptions: { maxParamLength: 1024 },
  });
  app.decorate('database', options.database);
  app.decorate('jobs', options.jobs ?? null);
  app.decorate(
    'events',
    options.events ?? inProcessPublisher((error) => app.log.error({ err: error }, 'event listener failed')),
  );
  app.decorate('operations', [] as DocumentedOperation[]);

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code }, 'request refused');
    for (const [name, value] of Object.entries(appError.extras.headers ?? {})) reply.header(name, value);
    return reply
      .status(appError.status)
      .type('application/problem+json')
      .send(problemFor(appError, request.id, request.url));
  });

  app.setNotFoundHandler(async (request, reply) => {
    const error = new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`);
    return reply
      .status(404)
      .type('application/problem+json')
      .send(problemFor(error, request.id, request.url));
  });

  app.operations.push(...HEALTH_OPERATIONS);
  app.get('/health/live', async () => ({ status: 'ok' }));

  // Once this process has seen its migrations applied they stay applied: check the database only.
  let migrationsVerified = false;
  app.get('/health/ready', async (_request, reply) => {
    const checks: Record<string, 'ok' | 'failing'> = { database: 'failing', migrations: 'failing' };
    try {
      await options.database.query('SELECT 1');
      checks.database = 'ok';
      migrationsVerified ||= await migrationsUpToDate(options.database);
      if (migrationsVerified) checks.migrations = 'ok';
    } catch {
      /* reported below */
    }
    const ready = Object.values(checks).every((c) => c === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  });

  for (const plugin of options.plugins ?? []) await plugin(app);
  const jobs = options.jobs;
  if (jobs) {
    app.addHook('onReady', async () => {
      await jobs.start();
    });
    app.addHook('onClose', async () => {
      await jobs.stop();
    });
  }
  return app;
}
