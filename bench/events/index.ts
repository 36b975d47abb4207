/**
 * Event-store ingest (seed 004 §13): the EventStore's batched append against the bulk path of each
 * backend in the same run — on PostgreSQL/PGlite `append` of 500-item batches vs COPY of the same rows
 * into events.items (goal ≥ 0.5×); on DynamoDB (dynalite, in this process) `append` vs raw SDK
 * BatchWriteItem of the same items. BENCH_EVENTS: events on PostgreSQL (20,000); a tenth on dynalite.
 */
import type { AddressInfo } from 'node:net';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { dynamoEventStore } from '../../src/platform/events/store/dynamodb.js';
import { postgresEventStore } from '../../src/platform/events/store/postgres.js';
import { throughput, type Benchmark, type Measurement } from '../lib/harness.js';

const BATCH = 500;
const fmt = (n: number) => Math.round(n).toLocaleString('en');

const activity = (run: string, i: number) => ({
  PK: `STUDENT#${run}-${i % 1000}`,
  SK: `ACTIVITY#2026-11-01T10:00:00.${String(i).padStart(6, '0')}Z#${i}`,
  GSI1PK: 'DATE#2026-11-01',
  GSI1SK: `STUDENT#${run}-${i % 1000}`,
  activityType: 'page_view',
  detail: { page: `/lesson/${i % 40}`, seconds: i % 300 },
});

const csvField = (v: string) => `"${v.replace(/"/g, '""')}"`;

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export const benchmark: Benchmark = {
  name: 'events',
  description: 'event-store ingest: append (batched) vs COPY on PostgreSQL, vs BatchWriteItem on dynalite',
  settings: ['BENCH_EVENTS'],
  about: `The event store of seed 004 §13 (\`src/platform/events/store\`). On PostgreSQL the store's
\`append\` takes 500 items per call: one transaction with the table's advisory lock (so the subscription
sequence follows commit order), a DELETE of the same keys (last write wins, as in DynamoDB) and one
INSERT from unnested arrays into the day-partitioned \`events.items\`. Its baseline is COPY of the same rows
into the same table. On DynamoDB (dynalite, a local DynamoDB-compatible server, in this process) the
store's \`append\` writes each item and its copy in the subscription feed table (BatchWriteItem, 25 per
request) and takes a sequence range from a counter item; the baseline is raw SDK BatchWriteItem of the
same items — so the store does twice the writes by design.`,
  async run({ engine, pgUrl, log, note }) {
    const events = Number(process.env.BENCH_EVENTS ?? '20000');
    const out: Measurement[] = [];
    const database =
      engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl!, poolMax: 4 });
    try {
      await migrate(database);
      const store = postgresEventStore(database);
      await store.ensureTables();
      const items = Array.from({ length: events }, (_, i) => activity('a', i));
      const appendSeconds = await timed(async () => {
        for (let i = 0; i < items.length; i += BATCH)
          await store.append('StudentActivityLogs', items.slice(i, i + BATCH));
      });
      const copyRows = Array.from({ length: events }, (_, i) => activity('c', i));
      const csv = copyRows
        .map((it) =>
          ['StudentActivityLogs', it.PK, it.SK, 'GSI1', it.GSI1PK, it.GSI1SK, JSON.stringify(it)]
            .map(csvField)
            .join(','),
        )
        .join('\n');
      const copySeconds = await timed(() =>
        database.copyFromCsv(
          'events.items',
          ['table_name', 'hash_key', 'range_key', 'gsi_name', 'gsi_hash', 'gsi_range', 'item'],
          `${csv}\n`,
        ),
      );
      log(`append ${fmt(events / appendSeconds)}/s, COPY ${fmt(events / copySeconds)}/s`);
      out.push(
        throughput({
          benchmark: 'events',
          engine,
          metric: `ingest ${fmt(events)} events (append, ${BATCH} per batch)`,
          unit: 'events/s',
          value: events / appendSeconds,
          baselineName: 'COPY of the same rows',
          baseline: events / copySeconds,
          target: '≥ 0.5× COPY',
          met: copySeconds / appendSeconds >= 0.5,
        }),
      );
    } finally {
      await database.close();
    }

    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const client = {
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      };
      const n = Math.max(100, Math.round(events / 10));
      const store = dynamoEventStore({ client, tablePrefix: 'store_' });
      const raw = dynamoEventStore({ client, tablePrefix: 'raw_' });
      await store.ensureTables();
      await raw.ensureTables();
      const items = Array.from({ length: n }, (_, i) => activity('d', i));
      const appendSeconds = await timed(async () => {
        for (let i = 0; i < items.length; i += BATCH)
          await store.append('StudentActivityLogs', items.slice(i, i + BATCH));
      });
      const doc = DynamoDBDocumentClient.from(new DynamoDBClient(client));
      const rawSeconds = await timed(async () => {
        for (let i = 0; i < items.length; i += 25) {
          let request: Record<string, unknown[]> = {
            raw_StudentActivityLogs: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
          };
          while (Object.keys(request).length > 0) {
            const res = await doc.send(new BatchWriteCommand({ RequestItems: request as never }));
            request = (res.UnprocessedItems ?? {}) as Record<string, unknown[]>;
          }
        }
      });
      doc.destroy();
      await store.close();
      await raw.close();
      log(`dynalite append ${fmt(n / appendSeconds)}/s, BatchWriteItem ${fmt(n / rawSeconds)}/s`);
      out.push(
        throughput({
          benchmark: 'events',
          engine,
          metric: `ingest ${fmt(n)} events on dynalite (append)`,
          unit: 'events/s',
          value: n / appendSeconds,
          baselineName: 'raw SDK BatchWriteItem of the same items',
          baseline: n / rawSeconds,
        }),
      );
      note(
        `PostgreSQL/PGlite: ${fmt(events)} events; dynalite: ${fmt(n)} events (the store also writes its feed copy).`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    return out;
  },
};
