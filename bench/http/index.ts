/**
 * The HTTP stack's overhead: GET /health/ready on the Schola app (request id, hooks, error
 * mapping, a database round trip and the migration check) against a bare Fastify route running
 * the same `SELECT 1` on the same database — 50 connections on loopback.
 */
import Fastify from 'fastify';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { latency, throughput, type Benchmark } from '../lib/harness.js';
import { load } from '../lib/http-load.js';

export const benchmark: Benchmark = {
  name: 'http',
  description: 'GET /health/ready (app) vs a bare Fastify route with the same query, 50 connections',
  async run({ engine, pgUrl, log }) {
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 10 });
    await migrate(database);
    const app = await buildApp({ database, logger: createLogger('silent') });
    const bare = Fastify();
    bare.get('/ready', async () => {
      await database.query('SELECT 1');
      return { status: 'ok' };
    });
    try {
      const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
      const ours = await load(`${appUrl}/health/ready`, { connections: 50, seconds: 5 });
      const base = await load(`${bareUrl}/ready`, { connections: 50, seconds: 5 });
      log(
        `app ${ours.requestsPerSecond.toFixed(0)} req/s p99 ${ours.p99} ms; bare ${base.requestsPerSecond.toFixed(0)} req/s p99 ${base.p99} ms`,
      );
      if (ours.non2xx + ours.errors > 0)
        throw new Error(`the app answered ${ours.non2xx} non-2xx and ${ours.errors} errors`);
      return [
        throughput({
          benchmark: 'http',
          engine,
          metric: '/health/ready throughput',
          unit: 'req/s',
          value: ours.requestsPerSecond,
          baselineName: 'bare Fastify, same SQL',
          baseline: base.requestsPerSecond,
          target: '≥ 0.5×',
        }),
        latency({
          benchmark: 'http',
          engine,
          metric: '/health/ready p99',
          unit: 'ms',
          value: ours.p99,
          baselineName: 'bare Fastify, same SQL',
          baseline: base.p99,
          target: 'p99 ≤ 25 ms',
        }),
      ];
    } finally {
      await app.close();
      await bare.close();
      await database.close();
    }
  },
};
