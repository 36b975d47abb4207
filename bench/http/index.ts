/**
 * The HTTP stack's overhead: GET /health/ready on the Schola app (request id, hooks, error
 * mapping, a database round trip and the migration check) against a bare Fastify route running
 * the same `SELECT 1` on the same database: maximum throughput at 50 connections on loopback, then
 * latency at a fixed rate of half the app's maximum, offered to both. BENCH_SECONDS: each saturated load (5);
 * BENCH_LATENCY_SECONDS: each paced one (15).
 */
import Fastify from 'fastify';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { latency, throughput, type Benchmark } from '../lib/harness.js';
import { assertAllOk, LATENCY_LOAD, measuredLoad } from '../lib/http-load.js';

const BARE = 'bare Fastify, same SQL';

export const benchmark: Benchmark = {
  name: 'http',
  description: 'GET /health/ready (app) vs a bare Fastify route with the same query',
  settings: ['BENCH_SECONDS', 'BENCH_LATENCY_SECONDS'],
  about: `The HTTP stack alone: \`GET /health/ready\` (request id, security headers, hooks, error mapping,
a database round trip and the migration check) against a bare Fastify route running the same \`SELECT 1\`
on the same database. Maximum throughput with 50 connections always busy; latency at a fixed rate of half
the app's maximum, offered to both.`,
  async run({ engine, pgUrl, log }) {
    const seconds = Number(process.env.BENCH_SECONDS ?? '5');
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
      const appUrl = `${await app.listen({ host: '127.0.0.1', port: 0 })}/health/ready`;
      const bareUrl = `${await bare.listen({ host: '127.0.0.1', port: 0 })}/ready`;
      const measure = async (url: string, what: string, rate?: number) => {
        const result = await measuredLoad(url, { connections: 50 }, seconds, rate);
        assertAllOk(what, result);
        return result;
      };
      const ours = await measure(appUrl, '/health/ready');
      const base = await measure(bareUrl, 'bare /ready');
      const rate = Math.max(1, Math.round(ours.requestsPerSecond * LATENCY_LOAD));
      const oursHalf = await measure(appUrl, `/health/ready at ${rate}/s`, rate);
      const baseHalf = await measure(bareUrl, `bare /ready at ${rate}/s`, rate);
      log(
        `app ${ours.requestsPerSecond.toFixed(0)} req/s, bare ${base.requestsPerSecond.toFixed(0)} req/s; at ` +
          `${rate}/s p99 ${oursHalf.p99} ms (bare ${baseHalf.p99} ms)`,
      );
      const common = { benchmark: 'http', engine, baselineName: BARE } as const;
      const max = throughput({
        ...common,
        metric: '/health/ready max throughput (50 conn.)',
        unit: 'req/s',
        value: ours.requestsPerSecond,
        baseline: base.requestsPerSecond,
        target: '≥ 0.5×',
      });
      return [
        { ...max, met: max.ratio >= 0.5 },
        latency({
          ...common,
          metric: `/health/ready p99 at 50 % of max (${rate.toLocaleString('en')} req/s, both)`,
          unit: 'ms',
          value: oursHalf.p99,
          baseline: baseHalf.p99,
          target: 'p99 ≤ 25 ms',
          met: oursHalf.p99 <= 25,
        }),
      ];
    } finally {
      await app.close();
      await bare.close();
      await database.close();
    }
  },
};
