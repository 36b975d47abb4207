/**
 * Ed-Fi (issue 7 item 4): POST /data/v3/ed-fi/students upserts at 25 connections with a real OAuth
 * client token, beside a bare Fastify route doing the same batching and the same multi-row INSERT;
 * GET all students 500 at a time (beside a bare route running the same SELECT); and the Grand Bend
 * interchange load (beside raw COPY of the rows it stored). The published rates of other Ed-Fi
 * implementations are context in the prose (other hardware, other workloads), never a ratio.
 * BENCH_SECONDS sets each load's duration (5); BENCH_EDFI_STUDENTS the students read (10,000).
 */
import { GRAND_BEND_SAMPLE } from '../../src/standards/edfi/interchange/sample.js';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { applicationPlugins } from '../../src/app.js';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { buildApp } from '../../src/platform/http/app.js';
import { createLogger } from '../../src/platform/log/logger.js';
import { WriteCoalescer } from '../../src/platform/db/write-coalescer.js';
import { loadInterchange } from '../../src/standards/edfi/interchange/load.js';
import { EDFI_POST_BATCHING } from '../../src/standards/edfi/post-batch.js';
import { selectFrom } from '../../src/standards/edfi/query.js';
import { resourceModel } from '../../src/standards/edfi/resources.js';
import { latency, throughput, type Benchmark, type Measurement } from '../lib/harness.js';
import { assertAllOk, drain, load, type LoadOptions } from '../lib/http-load.js';
import { clientToken, createBenchTenant } from '../lib/tenant.js';
import { copyLoadedRows } from './copy-baseline.js';

const FIXTURE = GRAND_BEND_SAMPLE;
const STUDENTS = '/data/v3/ed-fi/students';
const BARE_POST = 'bare Fastify, same batching (WriteCoalescer), one multi-row INSERT … ON CONFLICT per batch';
interface BareStudent {
  studentUniqueId: string;
  firstName: string;
  lastSurname: string;
  birthDate: string;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** A new student per request: `{n}` is unique per request (see http-load.ts). */
const studentBody = (prefix: string) =>
  JSON.stringify({
    studentUniqueId: `${prefix}{n}`,
    firstName: 'First{n}',
    lastSurname: `Last${prefix}`,
    birthDate: '2012-05-17',
  });

/** Warm up, drain, measure, drain: one load's tail never lands in the next one's figures. */
async function measured(
  url: string,
  options: LoadOptions,
  seconds: number,
  what: string,
  settle: { url: string; headers?: Record<string, string> },
) {
  await load(url, { ...options, seconds: 1 });
  await drain(settle.url, settle.headers);
  const result = await load(url, { ...options, seconds });
  assertAllOk(what, result);
  await drain(settle.url, settle.headers);
  return result;
}

async function seedStudents(database: Database, tenantId: string, count: number): Promise<void> {
  const lines = Array.from(
    { length: count },
    (_, i) => `${tenantId},R${100_000 + i},First${i % 977},Last${i % 1009},2012-0${1 + (i % 9)}-1${i % 9}`,
  );
  await database.copyFromCsv(
    'edfi.student',
    ['tenant_id', 'studentuniqueid', 'firstname', 'lastsurname', 'birthdate'],
    `${lines.join('\n')}\n`,
  );
}

export const benchmark: Benchmark = {
  name: 'edfi',
  description: 'Ed-Fi POST /students upserts (25 connections), GET all students limit=500, Grand Bend interchange load',
  settings: ['BENCH_SECONDS', 'BENCH_EDFI_STUDENTS'],
  about: `Schola's POST /students coalesces the concurrent POSTs of one client into batches (one statement
per batch: the INSERT, the OneRoster write-through and the audit append). Its baseline is a bare Fastify
route with the same batching (the same WriteCoalescer and options: batch size, one batch in flight, the
2 ms wait for the writers a batch answered) and the same multi-row \`INSERT … ON CONFLICT DO NOTHING\` per
batch, without validation, authorization, audit, change tracking or write-through: the ratio is the cost
of those. The page read's baseline runs the provider's
own SELECT; the interchange load's baseline is raw COPY of exactly the rows the load stored.

For context only (other hardware and workloads, so never in a ratio column): the published single-record
load rates of other Ed-Fi implementations are about 15 records/s (Ed-Fi ODS/API 7.1), 67/s (Ed-Fi DMS)
and 93/s (Meadowlark).`,
  async run({ engine, pgUrl, log }) {
    const seconds = Number(process.env.BENCH_SECONDS ?? '5');
    const readCount = Number(process.env.BENCH_EDFI_STUDENTS ?? '10000');
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 10 });
    const results: Measurement[] = [];
    const common = { benchmark: 'edfi', engine } as const;
    try {
      await migrate(database);
      const writer = await createBenchTenant(database, 'bench-edfi-post');
      const bareTenant = await createBenchTenant(database, 'bench-edfi-bare');
      const reader = await createBenchTenant(database, 'bench-edfi-read');
      await seedStudents(database, reader, readCount);
      const app = await buildApp({ database, logger: createLogger('silent'), plugins: applicationPlugins() });
      const bare = Fastify();
      // The same batching as the API (the platform's WriteCoalescer with the API's options: batch size,
      // one batch in flight, the wait for the writers a batch answered) and the same multi-row
      // INSERT … ON CONFLICT DO NOTHING per batch, without validation, authorization, audit, change
      // tracking or the OneRoster write-through.
      const bareBatches = new WriteCoalescer<BareStudent, string>(EDFI_POST_BATCHING);
      const insertBatch = async (items: BareStudent[]) => {
        const rows = await database.query<{ id: string; key: string }>(
          `INSERT INTO edfi.student (tenant_id, studentuniqueid, firstname, lastsurname, birthdate)
           SELECT $1::uuid, x."studentUniqueId", x."firstName", x."lastSurname", x."birthDate"
             FROM jsonb_to_recordset($2::jsonb) AS x("studentUniqueId" text, "firstName" text, "lastSurname" text,
               "birthDate" date)
           ON CONFLICT (tenant_id, studentuniqueid) DO NOTHING RETURNING id, studentuniqueid AS key`,
          [bareTenant, JSON.stringify(items)],
        );
        const ids = new Map(rows.map((r) => [r.key, r.id]));
        return items.map((item) => ids.get(item.studentUniqueId) ?? '');
      };
      bare.post('/students', async (request, reply) => {
        const id = await bareBatches.submit(bareTenant, request.body as BareStudent, insertBatch);
        return reply
          .code(id ? 201 : 409)
          .header('location', `/students/${id}`)
          .send();
      });
      // The provider's own SELECT for a students page (query.ts selectFrom), rows sent unrendered.
      const dialect = new PgDialect();
      const model = resourceModel('students')!;
      bare.get('/students', async (request) => {
        const offset = Number((request.query as { offset?: string }).offset ?? 0);
        const q = dialect.sqlToQuery(
          sql`${selectFrom(model)} WHERE t.tenant_id = ${reader} ORDER BY t.id LIMIT ${500} OFFSET ${offset}`,
        );
        return database.query(q.sql, q.params);
      });
      try {
        const writeToken = await clientToken(app, database, writer, ['edfi']);
        const readToken = await clientToken(app, database, reader, ['edfi.readonly']);
        const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });
        const bareUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

        // A read that touches the database: answered only once a single-connection engine is idle.
        const settleApp = { url: `${appUrl}${STUDENTS}?limit=1`, headers: { authorization: `Bearer ${readToken}` } };
        const settleBare = { url: `${bareUrl}/students` };
        const post = { connections: 25, method: 'POST', headers: { 'content-type': 'application/json' } } as const;
        const ours = await measured(
          appUrl,
          {
            ...post,
            headers: { ...post.headers, authorization: `Bearer ${writeToken}` },
            paths: [STUDENTS],
            bodyTemplate: studentBody('A'),
          },
          seconds,
          'Ed-Fi POST /students',
          settleApp,
        );
        const base = await measured(
          bareUrl,
          { ...post, paths: ['/students'], bodyTemplate: studentBody('B') },
          seconds,
          'bare POST /students',
          settleBare,
        );
        log(
          `POST /students: ${fmt(ours.requestsPerSecond)}/s p50 ${ours.p50} ms p99 ${ours.p99} ms; bare batched ` +
            `INSERT ${fmt(base.requestsPerSecond)}/s p50 ${base.p50} ms p99 ${base.p99} ms`,
        );
        const postMetric = 'POST /students upserts/s (new students, 25 conn.)';
        results.push(
          throughput({
            ...common,
            metric: postMetric,
            unit: 'records/s',
            value: ours.requestsPerSecond,
            baselineName: BARE_POST,
            baseline: base.requestsPerSecond,
            target: '≥ 2,000/s on PostgreSQL',
            met: engine === 'postgres' ? ours.requestsPerSecond >= 2000 : undefined,
          }),
          latency({
            ...common,
            metric: 'POST /students p50 at saturation (25 conn.)',
            unit: 'ms',
            value: ours.p50,
            baselineName: BARE_POST,
            baseline: base.p50,
          }),
          latency({
            ...common,
            metric: 'POST /students p99 at saturation (25 conn.)',
            unit: 'ms',
            value: ours.p99,
            baselineName: BARE_POST,
            baseline: base.p99,
          }),
        );

        const pages = Math.ceil(readCount / 500);
        const offsets = Array.from({ length: pages }, (_, i) => i * 500);
        const get = { connections: 25, method: 'GET' } as const;
        const list = await measured(
          appUrl,
          {
            ...get,
            headers: { authorization: `Bearer ${readToken}` },
            paths: offsets.map((o) => `${STUDENTS}?limit=500&offset=${o}`),
          },
          seconds,
          'Ed-Fi GET /students?limit=500',
          settleApp,
        );
        const bareList = await measured(
          bareUrl,
          { ...get, paths: offsets.map((o) => `/students?offset=${o}`) },
          seconds,
          'bare GET /students',
          settleBare,
        );
        log(
          `GET all ${fmt(readCount)} students, limit=500 (${pages} pages cycled): ${fmt(list.requestsPerSecond)} ` +
            `pages/s p99 ${list.p99} ms; bare ${fmt(bareList.requestsPerSecond)} pages/s p99 ${bareList.p99} ms`,
        );
        results.push(
          throughput({
            ...common,
            metric: `GET all ${fmt(readCount)} students, limit=500: students/s (25 conn.)`,
            unit: 'students/s',
            value: list.requestsPerSecond * 500,
            baselineName: 'bare Fastify, same SELECT',
            baseline: bareList.requestsPerSecond * 500,
          }),
          latency({
            ...common,
            metric: 'GET /students?limit=500 page p99 at saturation (25 conn.)',
            unit: 'ms',
            value: list.p99,
            baselineName: 'bare Fastify, same SELECT',
            baseline: bareList.p99,
          }),
        );
      } finally {
        await app.close();
        await bare.close();
      }

      const loadTenant = await createBenchTenant(database, 'bench-edfi-load');
      const started = performance.now();
      const report = await loadInterchange(database, loadTenant, [FIXTURE]);
      const loadSeconds = (performance.now() - started) / 1000;
      if (report.loaded === 0) throw new Error(`the Grand Bend load stored nothing (${report.errors.length} errors)`);
      const copyTenant = await createBenchTenant(database, 'bench-edfi-copy');
      const copy = await copyLoadedRows(database, Object.keys(report.tables), loadTenant, copyTenant);
      log(
        `Grand Bend: ${fmt(report.loaded)} of ${fmt(report.records)} elements loaded (${report.rejected} rejected, ` +
          `${fmt(Object.values(report.notStored).reduce((a, b) => a + b, 0))} without a table) in ` +
          `${loadSeconds.toFixed(1)} s; raw COPY of the ${fmt(copy.rows)} rows stored: ${copy.seconds.toFixed(1)} s`,
      );
      results.push(
        latency({
          ...common,
          metric:
            `Grand Bend interchange load (${report.files.length} files, ${fmt(report.loaded)} elements, ` +
            `${fmt(copy.rows)} rows)`,
          unit: 's',
          value: loadSeconds,
          baselineName: 'raw COPY of the rows it stored',
          baseline: copy.seconds,
          target: '≤ 15 s on PostgreSQL',
          met: engine === 'postgres' ? loadSeconds <= 15 : undefined,
        }),
      );
      return results;
    } finally {
      await database.close();
    }
  },
};
