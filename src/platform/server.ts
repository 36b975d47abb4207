/**
 * Process lifecycle: open the database, migrate, listen, and shut down gracefully on SIGTERM/SIGINT
 * (stop accepting connections, let in-flight requests finish, stop the background-job workers —
 * waiting for running jobs up to half the shutdown timeout —, close the database, release the lock).
 */
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrator.js';
import { buildApp, type AppOptions } from './http/app.js';
import { ensureAuditPartitions } from './db/partitions.js';
import { createJobRunner } from './jobs/runner.js';
import { listenError } from './startup-error.js';
import { tuneServerRuntime } from './runtime-tuning.js';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    poolMax: config.pgPoolMax,
    pgliteBuffersMb: config.pgliteBuffersMb,
  });
}

/** Migrates and keeps the audit log's monthly partitions ahead of time. */
export async function prepareDatabase(database: Database, logger: Logger): Promise<void> {
  const result = await migrate(database, {
    onApplied: (name, ms) => logger.info({ migration: name, ms }, 'migration applied'),
  });
  if (result.applied.length === 0) logger.debug('database schema up to date');
  await ensureAuditPartitions(database);
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  database: Database;
  /** What the signal handlers call; idempotent. */
  shutdown(reason: string): Promise<void>;
}

export async function startServer(options: {
  config: Config;
  logger: Logger;
  database: Database;
  plugins?: AppOptions['plugins'];
  handleSignals?: boolean;
  onClosed?: () => void;
  /** Run background jobs (pg-boss) in this process; default true. */
  jobs?: boolean;
}): Promise<RunningServer> {
  const { config, logger, database } = options;
  tuneServerRuntime();
  const jobs =
    options.jobs === false
      ? undefined
      : createJobRunner(database, {
          logger,
          uploadDir: config.uploadDir,
          stopTimeoutMs: Math.floor(config.shutdownTimeoutMs / 2),
        });
  const app = await buildApp({
    database,
    logger,
    bodyLimitBytes: config.bodyLimitBytes,
    plugins: options.plugins,
    jobs,
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close().catch(() => undefined);
    throw listenError(config.host, config.port, error);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    closing ??= (async () => {
      logger.info({ reason }, 'shutting down: no new connections, finishing in-flight requests');
      const timer = setTimeout(() => {
        logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      // Keep-alive connections become idle only after their in-flight request is answered:
      // close them as they do, so close() does not wait for clients to hang up.
      const reaper = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        await app.close();
      } finally {
        clearInterval(reaper);
        await database.close();
        clearTimeout(timer);
        logger.info('shutdown complete');
        options.onClosed?.();
      }
    })();
    return closing;
  };
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        void shutdown(signal).then(() => process.exit(0));
      });
    }
  }
  return { app, url, database, shutdown };
}
