/**
 * Loading people: the demo generator's batched Drizzle inserts of edfi.student rows against raw
 * COPY of the same number of rows into the same table, in the same run and database.
 */
import { randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '../../src/platform/db/database.js';
import { migrate } from '../../src/platform/db/migrator.js';
import { student } from '../../src/domains/edfi/tables.js';
import { insertAll } from '../../src/demo/bulk.js';
import { toCsv } from '../lib/csv.js';
import { throughput, type Benchmark } from '../lib/harness.js';
import { peakRss } from '../lib/rss.js';

const ROWS = 50_000;

function rowsFor(tenantId: string) {
  return Array.from({ length: ROWS }, (_, i) => ({
    tenantId,
    studentUniqueId: String(1_000_000 + i),
    firstName: `First${i % 977}`,
    lastSurname: `Last${i % 1009}`,
    birthDate: `20${10 + (i % 8)}-0${1 + (i % 9)}-1${i % 9}`,
  }));
}

async function addTenant(database: Database, slug: string): Promise<string> {
  const id = randomUUID();
  await database.query(`INSERT INTO platform.tenants (id, slug, name, kind) VALUES ($1, $2, $2, 'district')`, [
    id,
    slug,
  ]);
  return id;
}

export const benchmark: Benchmark = {
  name: 'bulk-insert',
  description: `${ROWS.toLocaleString('en')} edfi.student rows: batched Drizzle inserts vs raw COPY`,
  async run({ engine, pgUrl, log }) {
    const database = engine === 'pglite' ? await openDatabase({}) : await openDatabase({ databaseUrl: pgUrl! });
    try {
      await migrate(database);
      const rows = rowsFor(await addTenant(database, 'bench-insert'));
      let started = performance.now();
      const { peakMiB } = await peakRss(() => database.db.transaction(async (tx) => insertAll(tx, student, rows)));
      const insertSeconds = (performance.now() - started) / 1000;
      log(`batched insert: ${insertSeconds.toFixed(2)} s, peak RSS ${peakMiB} MiB`);

      const copyRows = rowsFor(await addTenant(database, 'bench-copy'));
      const csv = toCsv(copyRows.map((r) => [r.tenantId, r.studentUniqueId, r.firstName, r.lastSurname, r.birthDate]));
      started = performance.now();
      await database.copyFromCsv(
        'edfi.student',
        ['tenant_id', 'studentuniqueid', 'firstname', 'lastsurname', 'birthdate'],
        csv,
      );
      const copySeconds = (performance.now() - started) / 1000;
      log(`raw COPY: ${copySeconds.toFixed(2)} s`);
      return [
        throughput({
          benchmark: 'bulk-insert',
          engine,
          metric: 'edfi.student rows/s',
          unit: 'rows/s',
          value: ROWS / insertSeconds,
          baselineName: 'raw COPY',
          baseline: ROWS / copySeconds,
          target: '≥ 0.5×',
        }),
      ];
    } finally {
      await database.close();
    }
  },
};
