/**
 * The generic write path: POST /api/v1/edfi/student (a new student per request) as a signed-in
 * district administrator — session lookup, zod validation, the policy engine's read and write
 * decisions, the write rules, row-level security in a tenant transaction, the hash-chained audit row
 * — against a bare Fastify route doing the same INSERT and appending the same audit row in one
 * transaction through the same pool, as the owner. Maximum throughput at 25 connections, then
 * latency at a fixed rate of half Schola's maximum, offered to both. BENCH_SECONDS: each saturated load (5);
 * BENCH_LATENCY_SECONDS: each paced one (15).
 */
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { applicationPlugins } from '../../src/app.js';
import { recordAudit } from '../../src/platform/audit/audit.js';
import { openDatabase, rowsOf } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { tenantTransaction } from '../../src/platform/db/tenant-transaction.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createAccount } from '../../src/platform/identity/accounts.js';
import { createSession } from '../../src/platform/identity/sessions.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { latency, throughput, type Benchmark } from '../lib/harness.js';
import { assertAllOk, drain, LATENCY_LOAD, load, measuredLoad, type LoadOptions } from '../lib/http-load.js';
import { createBenchTenant } from '../lib/tenant.js';

const PATH = '/api/v1/edfi/student';
const BARE = 'bare Fastify: the same INSERT and the same hash-chained audit row, one transaction, same pool';
const fmt = (n: number) => Math.round(n).toLocaleString('en');

interface Student {
  studentUniqueId: string;
  firstName: string;
  lastSurname: string;
  birthDate: string;
}

const body = (prefix: string) =>
  JSON.stringify({
    studentUniqueId: `${prefix}{n}`,
    firstName: 'First{n}',
    lastSurname: 'Last',
    birthDate: '2012-05-17',
  });

export const benchmark: Benchmark = {
  name: 'generic-write',
  description: 'POST /api/v1/edfi/student (validation, policy, RLS, audit) vs the same INSERT + audit row',
  settings: ['BENCH_SECONDS', 'BENCH_LATENCY_SECONDS'],
  about: `The generated REST API's create, \`POST /api/v1/edfi/student\`, one new student per request, as a
district administrator signed in with a session token: validation, the policy engine's decisions, the
write rules, row-level security in a tenant transaction and the hash-chained audit row. Its baseline is a
bare Fastify route running the same \`INSERT … RETURNING\` and appending the same audit row (the
platform's own chain statement) in one transaction through the same pool, as the owner: the ratio is the
cost of authentication, validation, policy and row-level security. Bulk loads do not take this path: the
OneRoster CSV import and the Ed-Fi interchange load use COPY into staging tables (see their sections).`,
  async run({ engine, pgUrl, log }) {
    const seconds = Number(process.env.BENCH_SECONDS ?? '5');
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 10 });
    try {
      await migrate(database);
      const tenantId = await createBenchTenant(database, 'bench-generic-write');
      const account = await createAccount(database, tenantId, {
        email: 'bench-admin@bench.example.org',
        roles: ['district_admin'],
      });
      const { token } = await tenantTransaction(database, tenantId, ({ tx }) =>
        createSession(tx, { tenantId, id: account.id }, new Date()),
      );
      const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
      const bare = Fastify();
      const principal = { tenantId, actorId: account.id, roles: ['district_admin' as const] };
      bare.post('/students', async (request, reply) => {
        const b = request.body as Student;
        const row = await database.db.transaction(async (tx) => {
          const [inserted] = rowsOf<Record<string, unknown>>(
            await tx.execute(
              sql`INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
                  VALUES (${tenantId}, ${b.studentUniqueId}, ${b.firstName}, ${b.lastSurname}, ${b.birthDate})
                    RETURNING *`,
            ),
          );
          await recordAudit(tx, {
            principal,
            table: 'edfi.student',
            recordId: String(inserted!.id),
            operation: 'INSERT',
            newValues: inserted,
            dataCategories: ['directory_information'],
            legitimateEducationalInterest: true,
          });
          return inserted!;
        });
        return reply.code(201).send(row);
      });
      try {
        const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
        const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });
        const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
        const settle = `${appUrl}/health/ready`;
        const measure = async (url: string, options: LoadOptions, what: string, rate?: number) => {
          if (rate === undefined) await load(url, { ...options, seconds: 1 });
          await drain(settle);
          const result = await measuredLoad(url, options, seconds, rate);
          await drain(settle);
          assertAllOk(what, result);
          return result;
        };
        const ours: LoadOptions = { connections: 25, method: 'POST', headers, paths: [PATH], bodyTemplate: body('G') };
        const base: LoadOptions = {
          connections: 25,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          paths: ['/students'],
          bodyTemplate: body('B'),
        };
        const max = await measure(appUrl, ours, `POST ${PATH}`);
        const bareMax = await measure(bareUrl, base, 'bare POST /students');
        const rate = Math.max(1, Math.round(max.requestsPerSecond * LATENCY_LOAD));
        const half = await measure(appUrl, ours, `POST ${PATH} at ${rate}/s`, rate);
        const bareHalf = await measure(bareUrl, base, `bare POST /students at ${rate}/s`, rate);
        log(
          `POST ${PATH}: ${fmt(max.requestsPerSecond)}/s (bare ${fmt(bareMax.requestsPerSecond)}/s); at ` +
            `${fmt(rate)}/s p50 ${half.p50} ms p99 ${half.p99} ms (bare p50 ${bareHalf.p50} ms p99 ${bareHalf.p99} ms)`,
        );
        const common = { benchmark: 'generic-write', engine, baselineName: BARE } as const;
        const maxRow = throughput({
          ...common,
          metric: `POST ${PATH} max throughput (new students, 25 conn.)`,
          unit: 'records/s',
          value: max.requestsPerSecond,
          baseline: bareMax.requestsPerSecond,
          target: '≥ 0.5×',
        });
        return [
          { ...maxRow, met: maxRow.ratio >= 0.5 },
          latency({
            ...common,
            metric: `POST ${PATH} p99 at 50 % of max (${fmt(rate)}/s, both)`,
            unit: 'ms',
            value: half.p99,
            baseline: bareHalf.p99,
          }),
          latency({
            ...common,
            metric: `POST ${PATH} p50 at 50 % of max (${fmt(rate)}/s, both)`,
            unit: 'ms',
            value: half.p50,
            baseline: bareHalf.p50,
          }),
        ];
      } finally {
        await app.close();
        await bare.close();
      }
    } finally {
      await database.close();
    }
  },
};
